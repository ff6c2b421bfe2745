terraform {
  required_version = ">= 1.6"
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.10"
    }
  }
  backend "azurerm" {
    resource_group_name  = "rg-tfstate"
    storage_account_name = "sttfstatechat"
    container_name       = "tfstate"
    key                  = "chat-assistant.tfstate"
  }
}

provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "chat" {
  name     = "rg-${var.prefix}-${var.environment}"
  location = var.location
  tags     = local.tags
}

locals {
  tags = {
    team        = "support-tools"
    environment = var.environment
  }
}

resource "azurerm_cognitive_account" "openai" {
  name                  = "oai-${var.prefix}-${var.environment}"
  location              = azurerm_resource_group.chat.location
  resource_group_name   = azurerm_resource_group.chat.name
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "oai-${var.prefix}-${var.environment}"
  local_auth_enabled    = false
  tags                  = local.tags
}

resource "azurerm_cognitive_deployment" "chat" {
  name                 = var.chat_deployment
  cognitive_account_id = azurerm_cognitive_account.openai.id
  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-11-20"
  }
  sku {
    name     = "GlobalStandard"
    capacity = var.chat_capacity
  }
}

resource "azurerm_cognitive_deployment" "embeddings" {
  name                 = "text-embedding-3-large"
  cognitive_account_id = azurerm_cognitive_account.openai.id
  model {
    format  = "OpenAI"
    name    = "text-embedding-3-large"
    version = "1"
  }
  sku {
    name     = "Standard"
    capacity = 60
  }
}

resource "azurerm_user_assigned_identity" "app" {
  name                = "id-${var.prefix}-app"
  location            = azurerm_resource_group.chat.location
  resource_group_name = azurerm_resource_group.chat.name
}

resource "azurerm_role_assignment" "app_openai_user" {
  scope                = azurerm_cognitive_account.openai.id
  role_definition_name = "Cognitive Services OpenAI User"
  principal_id         = azurerm_user_assigned_identity.app.principal_id
}

resource "azurerm_storage_account" "transcripts" {
  name                     = "st${var.prefix}transcripts"
  resource_group_name      = azurerm_resource_group.chat.name
  location                 = azurerm_resource_group.chat.location
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

output "openai_endpoint" {
  value = azurerm_cognitive_account.openai.endpoint
}

output "app_client_id" {
  value = azurerm_user_assigned_identity.app.client_id
}
