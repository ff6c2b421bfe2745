resource "aws_bedrockagent_knowledge_base" "policies" {
  name     = "platform-policies-${var.env}"
  role_arn = var.kb_role_arn
  knowledge_base_configuration {
    type = "VECTOR"
    vector_knowledge_base_configuration {
      embedding_model_arn = "arn:aws:bedrock:${var.region}::foundation-model/amazon.titan-embed-text-v2:0"
    }
  }
  storage_configuration {
    type = "OPENSEARCH_SERVERLESS"
    opensearch_serverless_configuration {
      collection_arn    = var.collection_arn
      vector_index_name = "policies"
      field_mapping {
        vector_field   = "vector"
        text_field     = "text"
        metadata_field = "metadata"
      }
    }
  }
}

resource "aws_bedrock_inference_profile" "shared" {
  name = "platform-shared-${var.env}"
  model_source {
    copy_from = "arn:aws:bedrock:${var.region}::foundation-model/anthropic.claude-3-5-sonnet-20241022-v2:0"
  }
}

resource "aws_bedrock_custom_model" "pricing" {
  custom_model_name     = "pricing-tuned-${var.env}"
  job_name              = "pricing-tune-${var.env}"
  base_model_identifier = "amazon.titan-text-express-v1"
  role_arn              = var.customization_role_arn
  hyperparameters = {
    epochCount   = "2"
    learningRate = "0.00001"
  }
  output_data_config {
    s3_uri = "s3://${var.artifacts_bucket}/custom-models/"
  }
  training_data_config {
    s3_uri = "s3://${var.artifacts_bucket}/training/pricing.jsonl"
  }
}

resource "awscc_bedrock_flow" "intake" {
  name               = "intake-flow-${var.env}"
  execution_role_arn = var.flow_role_arn
}

resource "aws_opensearchserverless_collection" "vectors" {
  name = "platform-vectors-${var.env}"
  type = "VECTORSEARCH"
}

resource "aws_kendra_index" "legacy" {
  name     = "legacy-intranet-${var.env}"
  role_arn = var.kendra_role_arn
  edition  = "ENTERPRISE_EDITION"
}
