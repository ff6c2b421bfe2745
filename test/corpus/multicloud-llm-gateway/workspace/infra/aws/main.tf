resource "aws_iam_role" "gateway" {
  name = "llm-gateway"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "gateway_bedrock" {
  role = aws_iam_role.gateway.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]
      Resource = "*"
    }]
  })
}

resource "aws_bedrock_model_invocation_logging_configuration" "gateway" {
  logging_config {
    text_data_delivery_enabled = true
    s3_config {
      bucket_name = aws_s3_bucket.llm_logs.id
      key_prefix  = "bedrock"
    }
  }
}

resource "aws_s3_bucket" "llm_logs" {
  bucket = "acme-llm-invocation-logs"
}
