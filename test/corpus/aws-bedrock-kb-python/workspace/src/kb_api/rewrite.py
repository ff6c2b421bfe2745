"""Query rewriting with a small model before retrieval (direct InvokeModel call)."""
from __future__ import annotations

import json

import boto3

_runtime = boto3.client(
    "bedrock-runtime",
    region_name="eu-central-1",
)

HAIKU = "anthropic.claude-3-haiku-20240307-v1:0"


def rewrite(question: str, history: list[str]) -> str:
    payload = {
        "anthropic_version": "bedrock-2023-05-31",
        "max_tokens": 200,
        "system": "Rewrite the user's last question so that it stands alone. Reply with the question only.",
        "messages": [{"role": "user", "content": "\n".join(history + [question])}],
    }
    resp = _runtime.invoke_model(modelId=HAIKU, body=json.dumps(payload))
    data = json.loads(resp["body"].read())
    return data["content"][0]["text"].strip()
