"""Backfill the vector index from the product export (run from a workstation)."""
import json
import sys

from google.cloud import aiplatform_v1
from langchain_google_vertexai import VertexAIEmbeddings

BATCH = 100


def main(export_path: str, index_name: str) -> None:
    embeddings = VertexAIEmbeddings(model_name="text-embedding-005")
    client = aiplatform_v1.IndexServiceClient(client_options={"api_endpoint": "europe-west4-aiplatform.googleapis.com"})
    with open(export_path, encoding="utf-8") as f:
        products = [json.loads(line) for line in f]
    for i in range(0, len(products), BATCH):
        batch = products[i : i + BATCH]
        vectors = embeddings.embed_documents([p["summary"] for p in batch])
        datapoints = [
            aiplatform_v1.IndexDatapoint(datapoint_id=p["id"], feature_vector=v) for p, v in zip(batch, vectors)
        ]
        client.upsert_datapoints(request=aiplatform_v1.UpsertDatapointsRequest(index=index_name, datapoints=datapoints))
        print(f"upserted {i + len(batch)}/{len(products)}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
