# Example platform: an Azure OpenAI deployment, a Bedrock agent and Vertex AI, side by side.
# Words in comments never produce findings: azurerm_cognitive_account, aws_bedrock_agent.

resource "azurerm_resource_group" "ai" {
  name     = "rg-ai"
  location = "swedencentral"
}

resource "azurerm_cognitive_account" "openai" {
  name                = "contoso-openai"
  location            = azurerm_resource_group.ai.location
  resource_group_name = azurerm_resource_group.ai.name
  kind                = "OpenAI"
  sku_name            = "S0"
}

resource "azurerm_cognitive_deployment" "gpt" {
  name                 = "gpt-4o"
  cognitive_account_id = azurerm_cognitive_account.openai.id
  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-08-06"
  }
  sku {
    name = "Standard"
  }
}

resource "aws_bedrockagent_agent" "support" {
  agent_name       = "support"
  foundation_model = "anthropic.claude-3-5-sonnet-20240620-v1:0"
  description      = "Not a finding: the word bedrock in a description"
}

data "aws_iam_policy_document" "invoke" {
  statement {
    actions   = ["bedrock:InvokeModel", "s3:GetObject"]
    resources = ["*"]
  }
}

resource "google_project_service" "vertex" {
  service = "aiplatform.googleapis.com"
}

resource "google_vertex_ai_endpoint" "chat" {
  name         = "chat"
  display_name = "chat"
  location     = "europe-west4"
}

module "openai" {
  source  = "Azure/avm-res-cognitiveservices-account/azurerm"
  version = "0.6.0"
}

resource "aws_s3_bucket" "docs" {
  bucket = "contoso-docs"
}
