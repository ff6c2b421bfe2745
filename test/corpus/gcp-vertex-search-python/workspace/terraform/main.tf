terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.12"
    }
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}

resource "google_project_service" "apis" {
  for_each = toset([
    "aiplatform.googleapis.com",
    "run.googleapis.com",
    "storage.googleapis.com",
  ])
  service            = each.value
  disable_on_destroy = false
}

resource "google_storage_bucket" "embeddings" {
  name                        = "${var.project_id}-catalog-embeddings"
  location                    = var.region
  uniform_bucket_level_access = true
}

resource "google_vertex_ai_index" "catalog" {
  display_name = "catalog-products"
  region       = var.region
  metadata {
    contents_delta_uri = "gs://${google_storage_bucket.embeddings.name}/index"
    config {
      dimensions                  = 768
      approximate_neighbors_count = 50
      distance_measure_type       = "DOT_PRODUCT_DISTANCE"
      algorithm_config {
        tree_ah_config {
          leaf_node_embedding_count = 1000
        }
      }
    }
  }
  index_update_method = "STREAM_UPDATE"
}

resource "google_vertex_ai_index_endpoint" "catalog" {
  display_name            = "catalog-endpoint"
  region                  = var.region
  public_endpoint_enabled = true
}

resource "google_service_account" "api" {
  account_id   = "catalog-search-api"
  display_name = "Catalog search API"
}

resource "google_project_iam_member" "api_vertex" {
  project = var.project_id
  role    = "roles/aiplatform.user"
  member  = "serviceAccount:${google_service_account.api.email}"
}

resource "google_cloud_run_v2_service" "api" {
  name     = "catalog-search"
  location = var.region
  template {
    service_account = google_service_account.api.email
    containers {
      image = var.image
      env {
        name  = "VERTEX_INDEX_ENDPOINT"
        value = google_vertex_ai_index_endpoint.catalog.id
      }
      env {
        name  = "GOOGLE_CLOUD_PROJECT"
        value = var.project_id
      }
    }
  }
}
