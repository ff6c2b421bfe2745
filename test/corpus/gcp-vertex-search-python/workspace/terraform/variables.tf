variable "project_id" {
  type = string
}

variable "region" {
  type    = string
  default = "europe-west4"
}

variable "image" {
  type        = string
  description = "Container image of the search API."
}

variable "vertex_count" {
  type        = number
  description = "Number of graph vertices kept in the related-products cache (not Vertex AI)."
  default     = 5000
}
