variable "env" { type = string }
variable "region" { type = string }
variable "kb_role_arn" { type = string }
variable "collection_arn" { type = string }
variable "customization_role_arn" { type = string }
variable "flow_role_arn" { type = string }
variable "kendra_role_arn" { type = string }
variable "artifacts_bucket" { type = string }
