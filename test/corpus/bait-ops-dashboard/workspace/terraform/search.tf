variable "model_provider" {
  type        = string
  description = "uses bedrock"
  default     = "none"
}

variable "vertex_count" {
  type        = number
  description = "Vertices in the service dependency graph drawn on the overview page."
  default     = 400
}

resource "azurerm_search_service" "runbooks" {
  name                = "srch-ops-runbooks"
  resource_group_name = "rg-ops"
  location            = "westeurope"
  sku                 = "basic"
}

resource "aws_kendra_index" "wiki" {
  name     = "ops-legacy-wiki"
  role_arn = "arn:aws:iam::123456789012:role/kendra-wiki"
  edition  = "DEVELOPER_EDITION"
}

resource "aws_opensearch_domain" "logs" {
  domain_name    = "ops-logs"
  engine_version = "OpenSearch_2.15"
  cluster_config {
    instance_type = "r6g.large.search"
  }
}

# resource "azurerm_cognitive_account" "oai" {
#   name = "ops-dash-oai"
#   kind = "OpenAI"
# }

resource "aws_s3_bucket" "attachments" {
  bucket = "ops-attachments"
  tags = {
    purpose = "postmortem attachments; summaries may use bedrock later"
  }
}
