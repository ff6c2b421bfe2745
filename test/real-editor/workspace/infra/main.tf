# Fixture for the real-editor tests: one Azure OpenAI binding and one Bedrock binding.
resource "azurerm_cognitive_account" "openai" {
  name                = "fixture-openai"
  location            = "swedencentral"
  resource_group_name = "rg-fixture"
  kind                = "OpenAI"
  sku_name            = "S0"
}

resource "aws_bedrockagent_agent" "support" {
  agent_name       = "support"
  foundation_model = var.foundation_model
}
