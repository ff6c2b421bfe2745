#!/usr/bin/env bash
# Day-to-day operations for the portal.
set -euo pipefail

case "${1:-}" in
  reindex)
    aws kendra start-data-source-sync-job --id "$WIKI_SOURCE_ID" --index-id "$KENDRA_INDEX_ID"
    ;;
  search-status)
    az search service show -g rg-portal -n srch-portal --query status -o tsv
    ;;
  archive)
    aws s3 ls "s3://portal-wiki-archive-${AWS_ACCOUNT_ID}/" | wc -l
    ;;
  # models)
  #   aws bedrock list-foundation-models
  #   ;;
  *)
    echo "usage: $0 reindex|search-status|archive" >&2
    exit 2
    ;;
esac
