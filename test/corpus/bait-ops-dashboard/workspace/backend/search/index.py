"""Runbook search: Azure AI Search for the runbooks, Kendra for the legacy wiki, S3 for attachments."""
from __future__ import annotations

import os

import boto3
from azure.core.credentials import AzureKeyCredential
from azure.search.documents import SearchClient

search = SearchClient(
    endpoint=os.environ["AZURE_SEARCH_ENDPOINT"],
    index_name="runbooks",
    credential=AzureKeyCredential(os.environ["AZURE_SEARCH_KEY"]),
)
kendra = boto3.client("kendra", region_name="eu-west-1")
s3 = boto3.client("s3")
opensearch = boto3.client("opensearch")

LEGACY_INDEX = os.getenv("KENDRA_INDEX_ID", "")

# client = AzureOpenAI(azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"], api_version="2024-10-21")
# answer = boto3.client("bedrock-runtime").invoke_model(modelId="anthropic.claude-3-haiku-20240307-v1:0", body=b"{}")


def find_runbooks(query: str, top: int = 5) -> list[dict]:
    results = search.search(search_text=query, top=top, select=["title", "url"])
    found = [{"title": r["title"], "url": r["url"]} for r in results]
    if len(found) < top and LEGACY_INDEX:
        legacy = kendra.query(IndexId=LEGACY_INDEX, QueryText=query, PageSize=top - len(found))
        found += [{"title": i["DocumentTitle"]["Text"], "url": i["DocumentURI"]} for i in legacy["ResultItems"]]
    return found


def attachment_url(key: str) -> str:
    return s3.generate_presigned_url("get_object", Params={"Bucket": "ops-attachments", "Key": key}, ExpiresIn=900)
