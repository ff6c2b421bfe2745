resource "google_project_service" "documentai" {
  service = "documentai.googleapis.com"
}

resource "google_project_service" "translate" {
  service = "translate.googleapis.com"
}

resource "google_project_service" "firestore" {
  service = "firestore.googleapis.com"
}

resource "google_document_ai_processor" "expenses" {
  location     = var.docai_location
  display_name = "receipts-expense-parser"
  type         = "EXPENSE_PROCESSOR"
  depends_on   = [google_project_service.documentai]
}

resource "google_firestore_database" "default" {
  name        = "(default)"
  location_id = "eur3"
  type        = "FIRESTORE_NATIVE"
}

resource "google_cloud_run_v2_service" "receipts" {
  name     = "receipts"
  location = "europe-west1"
  template {
    containers {
      image = var.image
      env {
        name  = "DOCUMENTAI_LOCATION"
        value = var.docai_location
      }
      env {
        name  = "DOCUMENTAI_PROCESSOR_ID"
        value = google_document_ai_processor.expenses.id
      }
    }
  }
}

variable "docai_location" {
  type    = string
  default = "eu"
}

variable "image" {
  type = string
}
