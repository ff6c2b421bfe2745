#!/usr/bin/env bash
# Upload changed documents and start an ingestion job.
set -euo pipefail

STAGE="${1:-dev}"
STACK="kb-api-${STAGE}"

bucket=$(aws cloudformation describe-stacks --stack-name "$STACK" \
  --query "Stacks[0].Outputs[?OutputKey=='DocsBucketName'].OutputValue" --output text)
kb_id=$(aws cloudformation describe-stacks --stack-name "$STACK" \
  --query "Stacks[0].Outputs[?OutputKey=='KnowledgeBaseId'].OutputValue" --output text)

aws s3 sync ./docs "s3://${bucket}/" --delete

ds_id=$(aws bedrock-agent list-data-sources --knowledge-base-id "$kb_id" \
  --query 'dataSourceSummaries[0].dataSourceId' --output text)

aws bedrock-agent start-ingestion-job --knowledge-base-id "$kb_id" --data-source-id "$ds_id"
echo "ingestion started for ${kb_id}"
