"""Lambda entry point: answers a question from the knowledge base, with citations."""
from __future__ import annotations

import json
import logging
import os

import boto3

log = logging.getLogger()
log.setLevel(logging.INFO)

REGION = os.getenv("AWS_REGION", "eu-central-1")
KB_ID = os.environ["BEDROCK_KNOWLEDGE_BASE_ID"]
MODEL_ID = os.getenv("BEDROCK_MODEL_ID", "anthropic.claude-3-5-sonnet-20240620-v1:0")
MODEL_ARN = f"arn:aws:bedrock:{REGION}::foundation-model/{MODEL_ID}"

agent_runtime = boto3.client("bedrock-agent-runtime", region_name=REGION)
s3 = boto3.client("s3")


def lambda_handler(event, context):
    body = json.loads(event.get("body") or "{}")
    question = (body.get("question") or "").strip()
    if not question:
        return {"statusCode": 400, "body": json.dumps({"error": "question is required"})}
    response = agent_runtime.retrieve_and_generate(
        input={"text": question},
        retrieveAndGenerateConfiguration={
            "type": "KNOWLEDGE_BASE",
            "knowledgeBaseConfiguration": {"knowledgeBaseId": KB_ID, "modelArn": MODEL_ARN},
        },
    )
    citations = []
    for c in response.get("citations", []):
        for ref in c.get("retrievedReferences", []):
            uri = ref.get("location", {}).get("s3Location", {}).get("uri")
            if uri:
                citations.append(uri)
    log.info("answered with %d citations", len(citations))
    return {
        "statusCode": 200,
        "body": json.dumps({"answer": response["output"]["text"], "citations": sorted(set(citations))}),
    }
