resource "azurerm_ai_services" "media" {
  name                  = "ais-media-${var.env}"
  location              = var.location
  resource_group_name   = var.resource_group_name
  sku_name              = "S0"
  custom_subdomain_name = "ais-media-${var.env}"

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_cognitive_account" "vision" {
  name                = "media-vision-${var.env}"
  location            = var.location
  resource_group_name = var.resource_group_name
  kind                = "ComputerVision"
  sku_name            = "S1"
}

resource "azurerm_cognitive_account" "speech" {
  name                = "media-speech-${var.env}"
  location            = var.location
  resource_group_name = var.resource_group_name
  kind                = "SpeechServices"
  sku_name            = "S0"
}

resource "azurerm_key_vault_secret" "speech_key" {
  name         = "speech-key"
  value        = azurerm_cognitive_account.speech.primary_access_key
  key_vault_id = var.key_vault_id
}

variable "env" {
  type = string
}

variable "location" {
  type    = string
  default = "westeurope"
}

variable "resource_group_name" {
  type = string
}

variable "key_vault_id" {
  type = string
}
