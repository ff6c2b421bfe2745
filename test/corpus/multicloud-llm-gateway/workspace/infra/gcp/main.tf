resource "google_project_service" "vertex" {
  project = "acme-ml-prod"
  service = "aiplatform.googleapis.com"
}

resource "google_service_account" "embedder" {
  project    = "acme-ml-prod"
  account_id = "embedder"
}

resource "google_project_iam_member" "embedder_vertex" {
  project = "acme-ml-prod"
  role    = "roles/aiplatform.user"
  member  = "serviceAccount:${google_service_account.embedder.email}"
}

resource "google_sql_database_instance" "vectors" {
  name             = "embedder-pg"
  database_version = "POSTGRES_16"
  region           = "us-central1"
  settings {
    tier = "db-custom-2-7680"
  }
}
