// Azure OpenAI account, a chat deployment and keyless access for the API's identity.
targetScope = 'resourceGroup'

@description('Prefix of every resource name')
param prefix string = 'contoso'
param location string = resourceGroup().location
param apiPrincipalId string

resource openai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: '${prefix}-openai'
  location: location
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: {
    customSubDomainName: '${prefix}-openai'
    disableLocalAuth: true
  }

  resource chat 'deployments@2024-10-01' = {
    name: 'gpt-4o'
    sku: { name: 'GlobalStandard', capacity: 30 }
    properties: {
      model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-08-06' }
    }
  }
}

resource openaiUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(openai.id, apiPrincipalId, 'openai-user')
  scope: openai
  properties: {
    principalId: apiPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd')
  }
}

// Search stays provider-neutral: not a finding.
resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: '${prefix}-search'
  location: location
  sku: { name: 'basic' }
}

output AZURE_OPENAI_ENDPOINT string = 'https://${prefix}-openai.openai.azure.com/'
