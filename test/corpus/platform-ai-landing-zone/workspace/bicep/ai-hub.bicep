param location string = resourceGroup().location
param env string

module aiAccount 'br/public:avm/res/cognitive-services/account:0.10.1' = {
  name: 'ai-account-${env}'
  params: {
    name: 'ais-lz-${env}'
    kind: 'AIServices'
    location: location
    customSubDomainName: 'ais-lz-${env}'
  }
}

module mlWorkspace 'br/public:avm/res/machine-learning-services/workspace:0.10.0' = {
  name: 'mlw-${env}'
  params: {
    name: 'mlw-lz-${env}'
    location: location
    sku: 'Basic'
  }
}

module vnet 'br/public:avm/res/network/virtual-network:0.5.1' = {
  name: 'vnet-${env}'
  params: {
    name: 'vnet-lz-${env}'
    addressPrefixes: ['10.40.0.0/16']
  }
}
