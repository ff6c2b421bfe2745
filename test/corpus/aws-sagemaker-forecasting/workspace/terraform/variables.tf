variable "model_version" {
  type        = string
  description = "Version tag of the trained model artifact."
}

variable "inference_image" {
  type        = string
  description = "ECR image URI of the inference container."
}

variable "artifact_bucket" {
  type    = string
  default = "forecast-artifacts-prod"
}
