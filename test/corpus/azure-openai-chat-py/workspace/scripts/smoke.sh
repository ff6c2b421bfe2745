#!/usr/bin/env bash
# Smoke test against a deployed environment: one question, one answer.
set -euo pipefail

ENV="${1:-dev}"
RG="rg-chatbot-${ENV}"
ACCOUNT="oai-chatbot-${ENV}"

echo "checking the model deployment exists in ${ACCOUNT}"
az cognitiveservices account deployment show \
  --resource-group "$RG" \
  --name "$ACCOUNT" \
  --deployment-name gpt-4o >/dev/null

HOST=$(kubectl get ingress support-assistant -o jsonpath='{.spec.rules[0].host}')
curl -fsS -X POST "https://${HOST}/ask" \
  -H 'content-type: application/json' \
  -d '{"question": "Where is order 1001?"}' | jq .
