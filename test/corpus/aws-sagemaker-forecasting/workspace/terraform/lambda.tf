resource "aws_lambda_function" "forecast_api" {
  function_name = "forecast-api"
  role          = aws_iam_role.lambda.arn
  handler       = "app.handler"
  runtime       = "python3.12"
  filename      = "${path.module}/../service/package.zip"
  timeout       = 15

  environment {
    variables = {
      SAGEMAKER_ENDPOINT_NAME = aws_sagemaker_endpoint.forecast.name
      CACHE_TABLE             = aws_dynamodb_table.cache.name
    }
  }
}

resource "aws_iam_role" "lambda" {
  name = "forecast-api-lambda"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "lambda_invoke" {
  role       = aws_iam_role.lambda.name
  policy_arn = aws_iam_policy.invoke_forecast.arn
}

resource "aws_dynamodb_table" "cache" {
  name         = "forecast-cache"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "sku"
  attribute {
    name = "sku"
    type = "S"
  }
}
