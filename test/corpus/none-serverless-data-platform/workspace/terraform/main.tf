provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "raw" {
  bucket = "acme-events-raw"
}

resource "aws_s3_bucket_lifecycle_configuration" "raw" {
  bucket = aws_s3_bucket.raw.id
  rule {
    id     = "expire-raw"
    status = "Enabled"
    expiration {
      days = 30
    }
  }
}

resource "aws_dynamodb_table" "events" {
  name         = "events"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  range_key    = "sk"
  attribute {
    name = "pk"
    type = "S"
  }
  attribute {
    name = "sk"
    type = "S"
  }
}

resource "aws_lambda_function" "ingest" {
  function_name = "events-ingest"
  role          = aws_iam_role.ingest.arn
  runtime       = "python3.12"
  handler       = "handler.main"
  filename      = "${path.module}/../functions/ingest/package.zip"
  environment {
    variables = {
      TABLE_NAME = aws_dynamodb_table.events.name
      RAW_BUCKET = aws_s3_bucket.raw.bucket
    }
  }
}

resource "aws_iam_role" "ingest" {
  name = "events-ingest"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "ingest" {
  role = aws_iam_role.ingest.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:PutObject", "s3:GetObject"], Resource = "${aws_s3_bucket.raw.arn}/*" },
      { Effect = "Allow", Action = ["dynamodb:PutItem", "dynamodb:Query"], Resource = aws_dynamodb_table.events.arn },
      { Effect = "Allow", Action = "lambda:InvokeFunction", Resource = "*" },
    ]
  })
}
