"""Stores incoming events: raw JSON to S3, an index row to DynamoDB."""
import json
import os
import uuid
from datetime import datetime, timezone

import boto3

s3 = boto3.client("s3")
dynamodb = boto3.resource("dynamodb")
table = dynamodb.Table(os.environ["TABLE_NAME"])
lambda_client = boto3.client("lambda")


def main(event, context):
    records = event.get("Records", [])
    for record in records:
        payload = json.loads(record["body"])
        key = f"{datetime.now(timezone.utc):%Y/%m/%d}/{uuid.uuid4()}.json"
        s3.put_object(Bucket=os.environ["RAW_BUCKET"], Key=key, Body=json.dumps(payload))
        table.put_item(Item={"pk": payload["tenant"], "sk": key, "type": payload.get("type", "unknown")})
    if len(records) > 100:
        lambda_client.invoke(FunctionName="events-compactor", InvocationType="Event", Payload=b"{}")
    return {"stored": len(records)}
