data "aws_iam_policy_document" "sagemaker_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "execution" {
  name               = "forecast-sagemaker-execution"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_assume.json
}

resource "aws_iam_role_policy_attachment" "execution_ecr" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"
}

resource "aws_sagemaker_model" "forecast" {
  name               = "demand-forecast-${var.model_version}"
  execution_role_arn = aws_iam_role.execution.arn

  primary_container {
    image          = var.inference_image
    model_data_url = "s3://${var.artifact_bucket}/models/${var.model_version}/model.tar.gz"
    environment = {
      SAGEMAKER_PROGRAM = "inference.py"
    }
  }
}

resource "aws_sagemaker_endpoint_configuration" "forecast" {
  name = "demand-forecast-${var.model_version}"

  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.forecast.name
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }
}

resource "aws_sagemaker_endpoint" "forecast" {
  name                 = "demand-forecast"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.forecast.name
}

resource "aws_iam_policy" "invoke_forecast" {
  name = "invoke-demand-forecast"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["sagemaker:InvokeEndpoint"]
      Resource = aws_sagemaker_endpoint.forecast.arn
    }]
  })
}
