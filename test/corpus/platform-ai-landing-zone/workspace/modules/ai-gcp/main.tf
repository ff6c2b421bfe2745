resource "google_vertex_ai_endpoint" "shared" {
  name         = "platform-shared"
  display_name = "platform-shared"
  location     = var.region
  project      = var.project
}

resource "google_vertex_ai_dataset" "support_tickets" {
  display_name        = "support-tickets"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/text_1.0.0.yaml"
  region              = var.region
  project             = var.project
}

resource "google_vertex_ai_tensorboard" "experiments" {
  display_name = "platform-experiments"
  region       = var.region
  project      = var.project
}

resource "google_bigquery_dataset" "features" {
  dataset_id = "platform_features"
  location   = "EU"
  project    = var.project
}

variable "project" { type = string }
variable "region" {
  type    = string
  default = "europe-west4"
}
