targetScope = 'resourceGroup'

@description('Base name for all resources.')
param baseName string = 'claims'

@description('Region of the AI resources.')
param location string = resourceGroup().location

@description('Object id of the app identity that calls the agents.')
param appPrincipalId string

var aiServicesName = 'ais-${baseName}-${uniqueString(resourceGroup().id)}'

resource aiServices 'Microsoft.CognitiveServices/accounts@2025-04-01-preview' = {
  name: aiServicesName
  location: location
  kind: 'AIServices'
  sku: {
    name: 'S0'
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    customSubDomainName: aiServicesName
    allowProjectManagement: true
    publicNetworkAccess: 'Enabled'
    disableLocalAuth: true
  }
}

resource project 'Microsoft.CognitiveServices/accounts/projects@2025-04-01-preview' = {
  parent: aiServices
  name: '${baseName}-agents'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    description: 'Claims triage agents'
  }
}

resource gpt4o 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: aiServices
  name: 'gpt-4o'
  sku: {
    name: 'GlobalStandard'
    capacity: 100
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: 'gpt-4o'
      version: '2024-11-20'
    }
  }
}

module search 'modules/storage.bicep' = {
  name: 'claims-storage'
  params: {
    baseName: baseName
    location: location
  }
}

// Azure AI User on the account for the app identity
resource aiUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(aiServices.id, appPrincipalId, '53ca6127-db72-4b80-b1b0-d745d6d5456d')
  scope: aiServices
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '53ca6127-db72-4b80-b1b0-d745d6d5456d')
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output projectEndpoint string = 'https://${aiServicesName}.services.ai.azure.com/api/projects/${project.name}'
output openAiEndpoint string = aiServices.properties.endpoints['OpenAI Language Model Instance API']
