using 'main.bicep'

param baseName = 'claims'
param appPrincipalId = '3f6b2e7a-1c1d-4a52-9a7e-0d8c5b1f2e44'
