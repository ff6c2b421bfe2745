"""Forecast API (Lambda): calls the SageMaker endpoint, caches per SKU in DynamoDB."""
import json
import os
import time

import boto3

ENDPOINT = os.environ["SAGEMAKER_ENDPOINT_NAME"]
runtime = boto3.client("sagemaker-runtime")
cache = boto3.resource("dynamodb").Table(os.environ["CACHE_TABLE"])


def handler(event, context):
    sku = event["pathParameters"]["sku"]
    hit = cache.get_item(Key={"sku": sku}).get("Item")
    if hit and hit["expires"] > time.time():
        return {"statusCode": 200, "body": hit["body"]}
    features = event.get("queryStringParameters") or {}
    row = ",".join(str(features.get(k, 0)) for k in ("dow", "week", "lag_7"))
    resp = runtime.invoke_endpoint(EndpointName=ENDPOINT, ContentType="text/csv", Body=row)
    body = json.dumps({"sku": sku, "forecast": float(resp["Body"].read())})
    cache.put_item(Item={"sku": sku, "body": body, "expires": int(time.time()) + 3600})
    return {"statusCode": 200, "body": body}
