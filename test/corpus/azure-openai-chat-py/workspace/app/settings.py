"""Runtime settings, read once from the environment."""
from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    endpoint: str
    deployment: str
    api_version: str
    embeddings_deployment: str
    transcripts_container: str
    max_history: int = 20


def load() -> Settings:
    return Settings(
        endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
        deployment=os.getenv("AZURE_OPENAI_DEPLOYMENT", "gpt-4o"),
        api_version=os.getenv("AZURE_OPENAI_API_VERSION", "2024-10-21"),
        embeddings_deployment=os.getenv("EMBEDDINGS_DEPLOYMENT", "text-embedding-3-large"),
        transcripts_container=os.getenv("TRANSCRIPTS_CONTAINER", "transcripts"),
        max_history=int(os.getenv("MAX_HISTORY", "20")),
    )
