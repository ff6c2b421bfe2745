# Shared AI platform for Azure workloads: a Foundry hub with one project per team, an Azure ML
# workspace for classic training, and the central AI Services account.

module "ai_services" {
  source  = "Azure/avm-res-cognitiveservices-account/azurerm"
  version = "0.6.0"

  name                = "ais-platform-${var.env}"
  resource_group_name = var.resource_group_name
  location            = var.location
  kind                = "AIServices"
  sku_name            = "S0"
}

resource "azurerm_ai_foundry" "hub" {
  name                = "hub-platform-${var.env}"
  location            = var.location
  resource_group_name = var.resource_group_name
  storage_account_id  = var.storage_account_id
  key_vault_id        = var.key_vault_id

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_ai_foundry_project" "team" {
  for_each           = toset(var.teams)
  name               = "proj-${each.key}-${var.env}"
  location           = var.location
  ai_services_hub_id = azurerm_ai_foundry.hub.id
}

resource "azurerm_machine_learning_workspace" "classic" {
  name                    = "mlw-platform-${var.env}"
  location                = var.location
  resource_group_name     = var.resource_group_name
  application_insights_id = var.application_insights_id
  key_vault_id            = var.key_vault_id
  storage_account_id      = var.storage_account_id

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_compute_cluster" "cpu" {
  name                          = "cpu-cluster"
  location                      = var.location
  machine_learning_workspace_id = azurerm_machine_learning_workspace.classic.id
  vm_priority                   = "LowPriority"
  vm_size                       = "Standard_DS3_v2"
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 8
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}

resource "azurerm_search_service" "platform" {
  name                = "srch-platform-${var.env}"
  resource_group_name = var.resource_group_name
  location            = var.location
  sku                 = "standard"
}
