#!/usr/bin/env bash
set -euo pipefail
REGION=us-east-1

aws cloudformation deploy --region "$REGION" --stack-name concierge-agent \
  --template-file cloudformation/agent.yaml --capabilities CAPABILITY_IAM \
  --parameter-overrides BookingsLambdaArn="$BOOKINGS_LAMBDA_ARN"

AGENT_ID=$(aws cloudformation describe-stacks --region "$REGION" --stack-name concierge-agent \
  --query "Stacks[0].Outputs[?OutputKey=='AgentId'].OutputValue" --output text)
aws bedrock-agent prepare-agent --region "$REGION" --agent-id "$AGENT_ID"
npx cdk deploy ConciergeStack --require-approval never
