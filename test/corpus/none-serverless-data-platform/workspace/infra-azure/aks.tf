resource "azurerm_kubernetes_cluster" "apps" {
  name                = "aks-apps-weu"
  location            = "westeurope"
  resource_group_name = "rg-apps"
  dns_prefix          = "apps"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_storage_account" "exports" {
  name                     = "stappsexports"
  resource_group_name      = "rg-apps"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}

resource "azuread_application" "portal" {
  display_name     = "apps-portal"
  sign_in_audience = "AzureADMyOrg"
}

resource "azurerm_role_assignment" "aks_pull" {
  scope                = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apps"
  role_definition_name = "AcrPull"
  principal_id         = azurerm_kubernetes_cluster.apps.kubelet_identity[0].object_id
}
