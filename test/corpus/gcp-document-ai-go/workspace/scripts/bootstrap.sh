#!/usr/bin/env bash
set -euo pipefail
PROJECT="${1:?project id}"

gcloud config set project "$PROJECT"
gcloud services enable documentai.googleapis.com translate.googleapis.com firestore.googleapis.com run.googleapis.com
gcloud firestore databases create --location=eur3 || true
gcloud storage buckets create "gs://${PROJECT}-receipts-raw" --location=EU || true
echo "now run: terraform -chdir=infra apply -var image=..."
