"""Conversation history kept in Blob Storage, one JSON document per conversation."""
from __future__ import annotations

import json
import os

from azure.identity import DefaultAzureCredential
from azure.storage.blob import BlobServiceClient


class HistoryStore:
    def __init__(self) -> None:
        account_url = os.environ["TRANSCRIPTS_ACCOUNT_URL"]
        container = os.getenv("TRANSCRIPTS_CONTAINER", "transcripts")
        service = BlobServiceClient(account_url, credential=DefaultAzureCredential())
        self._container = service.get_container_client(container)

    def load(self, conversation_id: str) -> list[dict[str, str]]:
        blob = self._container.get_blob_client(f"{conversation_id}.json")
        if not blob.exists():
            return []
        return json.loads(blob.download_blob().readall())

    def append(self, conversation_id: str, question: str, answer: str) -> None:
        history = self.load(conversation_id)
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]
        blob = self._container.get_blob_client(f"{conversation_id}.json")
        blob.upload_blob(json.dumps(history[-40:]), overwrite=True)
