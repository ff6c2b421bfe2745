resource "aws_bedrock_guardrail" "community" {
  name                      = "community-rules"
  blocked_input_messaging   = "This post cannot be processed."
  blocked_outputs_messaging = "This answer was withheld."
  description               = "Community rules for user posts"

  content_policy_config {
    filters_config {
      type            = "HATE"
      input_strength  = "HIGH"
      output_strength = "HIGH"
    }
    filters_config {
      type            = "VIOLENCE"
      input_strength  = "MEDIUM"
      output_strength = "MEDIUM"
    }
  }

  sensitive_information_policy_config {
    pii_entities_config {
      type   = "EMAIL"
      action = "ANONYMIZE"
    }
  }
}

resource "aws_bedrock_guardrail_version" "community" {
  guardrail_arn = aws_bedrock_guardrail.community.guardrail_arn
  description   = "release 3"
}

data "aws_iam_policy_document" "moderator" {
  statement {
    actions = [
      "bedrock:InvokeModel",
      "bedrock:Converse",
      "bedrock:ApplyGuardrail",
    ]
    resources = [
      "arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
      aws_bedrock_guardrail.community.guardrail_arn,
    ]
  }
  statement {
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage"]
    resources = [var.posts_queue_arn]
  }
}

resource "aws_iam_role_policy" "moderator" {
  name   = "moderator-bedrock"
  role   = var.irsa_role_name
  policy = data.aws_iam_policy_document.moderator.json
}

variable "posts_queue_arn" {
  type = string
}

variable "irsa_role_name" {
  type    = string
  default = "moderator-bedrock"
}
