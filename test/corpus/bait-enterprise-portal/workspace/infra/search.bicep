@description('Cognitive Search index for the portal (service now called Azure AI Search).')
param name string = 'srch-portal'
param location string = resourceGroup().location

resource search 'Microsoft.Search/searchServices@2024-06-01-preview' = {
  name: name
  location: location
  sku: {
    name: 'standard'
  }
  properties: {
    semanticSearch: 'standard'
    replicaCount: 2
  }
}

// resource openai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
//   name: 'portal-oai'
//   kind: 'OpenAI'
// }

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-portal'
  location: location
  properties: {
    siteConfig: {
      appSettings: [
        { name: 'Search__Endpoint', value: 'https://${search.name}.search.windows.net' }
      ]
    }
  }
}
