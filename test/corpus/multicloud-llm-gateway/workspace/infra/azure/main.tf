module "openai" {
  source  = "Azure/openai/azurerm"
  version = "0.1.5"

  resource_group_name = "rg-llm-gateway"
  location            = "eastus2"
  account_name        = "acme-gw-eastus2"
  deployment = {
    "gpt-4o" = {
      name          = "gpt-4o"
      model_format  = "OpenAI"
      model_name    = "gpt-4o"
      model_version = "2024-11-20"
      scale_type    = "GlobalStandard"
      capacity      = 150
    }
  }
}

module "network" {
  source  = "Azure/network/azurerm"
  version = "5.3.0"

  resource_group_name = "rg-llm-gateway"
  vnet_name           = "vnet-llm-gateway"
}
