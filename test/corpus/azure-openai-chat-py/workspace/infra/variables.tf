variable "prefix" {
  type        = string
  description = "Short name used in every resource name."
  default     = "chatbot"
}

variable "environment" {
  type        = string
  description = "dev, staging or prod."
}

variable "location" {
  type        = string
  description = "Azure region. The model deployments below must be available there."
  default     = "swedencentral"
}

variable "chat_deployment" {
  type        = string
  description = "Deployment name the app sends chat completions to (Azure OpenAI deployment)."
  default     = "gpt-4o"
}

variable "chat_capacity" {
  type        = number
  description = "Thousands of tokens per minute for the chat deployment."
  default     = 50
}
