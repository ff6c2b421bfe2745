#!/usr/bin/env bash
set -euo pipefail
PROJECT=tutor-prod
SA="tutor-api@${PROJECT}.iam.gserviceaccount.com"

gcloud services enable aiplatform.googleapis.com --project "$PROJECT"
gcloud projects add-iam-policy-binding "$PROJECT" --member "serviceAccount:${SA}" --role roles/aiplatform.user
gcloud iam service-accounts add-iam-policy-binding "$SA" \
  --role roles/iam.workloadIdentityUser \
  --member "serviceAccount:${PROJECT}.svc.id.goog[tutor/homework-tutor]"
