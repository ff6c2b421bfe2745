resource "aws_sagemaker_endpoint" "legacy" { # ai-lockin-audit-ignore aws-sagemaker-terraform: retired in Q3, kept for the audit trail
  name                 = "legacy-scoring"
  endpoint_config_name = "legacy-scoring"
}

// ai-lockin-audit-ignore azure-machine-learning-terraform
resource "azurerm_machine_learning_workspace" "ml" {
  name = "contoso-ml"
}
