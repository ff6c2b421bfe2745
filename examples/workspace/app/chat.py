"""Chat service for the support assistant.

The docstring may say AzureOpenAI or Bedrock: prose is never a finding.
"""
import json
import os

import boto3
from openai import AzureOpenAI, OpenAI

# client = OpenAI(base_url="https://gateway.internal.example/v1")  # the portable option

azure = AzureOpenAI(
    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    api_key=os.getenv("AZURE_OPENAI_API_KEY"),
    api_version="2024-10-21",
)

bedrock = boto3.client(
    "bedrock-runtime",
    region_name=os.environ.get("AWS_REGION", "us-east-1"),
)
s3 = boto3.client("s3")  # storage: not an AI binding


def summarize_with_claude(text: str) -> str:
    body = {
        "anthropic_version": "bedrock-2023-05-31",
        "max_tokens": 512,
        "messages": [{"role": "user", "content": text}],
    }
    resp = bedrock.invoke_model(modelId="anthropic.claude-3-5-sonnet-20240620-v1:0", body=json.dumps(body))
    return json.loads(resp["body"].read())["content"][0]["text"]


def portable_client() -> OpenAI:
    return OpenAI(base_url=os.environ["MODEL_BASE_URL"])
