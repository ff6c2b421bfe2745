"""Semantic product search: embed the query, look up neighbours in the index endpoint."""
from __future__ import annotations

import os

import vertexai
from google.cloud import aiplatform
from vertexai.language_models import TextEmbeddingInput, TextEmbeddingModel

PROJECT = os.environ["GOOGLE_CLOUD_PROJECT"]
LOCATION = os.getenv("VERTEX_LOCATION", "europe-west4")
INDEX_ENDPOINT = os.environ["VERTEX_INDEX_ENDPOINT"]
DEPLOYED_INDEX_ID = os.getenv("DEPLOYED_INDEX_ID", "catalog_v3")

vertexai.init(project=PROJECT, location=LOCATION)
_embedder = TextEmbeddingModel.from_pretrained("text-embedding-005")
_endpoint = aiplatform.MatchingEngineIndexEndpoint(index_endpoint_name=INDEX_ENDPOINT)


def embed(texts: list[str], task: str = "RETRIEVAL_QUERY") -> list[list[float]]:
    inputs = [TextEmbeddingInput(t, task) for t in texts]
    return [e.values for e in _embedder.get_embeddings(inputs)]


def search(query: str, k: int = 10) -> list[str]:
    [vector] = embed([query])
    neighbours = _endpoint.find_neighbors(deployed_index_id=DEPLOYED_INDEX_ID, queries=[vector], num_neighbors=k)
    return [n.id for n in neighbours[0]]
