"""Thin wrapper around the chat model so that handlers never build clients themselves."""
from __future__ import annotations

import logging
from functools import lru_cache
from typing import Iterable

from azure.identity import DefaultAzureCredential, get_bearer_token_provider
from openai import AzureOpenAI

from .settings import Settings, load

log = logging.getLogger(__name__)

SYSTEM_PROMPT = (
    "You are the support assistant for Contoso Outdoor. Answer from the provided order data; "
    "say you do not know when the data does not say."
)


@lru_cache(maxsize=1)
def client() -> AzureOpenAI:
    settings: Settings = load()
    token_provider = get_bearer_token_provider(
        DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"
    )
    return AzureOpenAI(
        azure_endpoint=settings.endpoint,
        azure_ad_token_provider=token_provider,
        api_version=settings.api_version,
    )


def complete(history: Iterable[dict[str, str]], question: str) -> str:
    settings = load()
    messages = [{"role": "system", "content": SYSTEM_PROMPT}, *history, {"role": "user", "content": question}]
    response = client().chat.completions.create(
        model=settings.deployment,
        messages=messages,
        temperature=0.2,
        max_tokens=800,
    )
    choice = response.choices[0]
    if choice.finish_reason == "content_filter":
        log.warning("answer withheld by the content filter")
        return "Sorry, I can't help with that request."
    return choice.message.content or ""


def embed(texts: list[str]) -> list[list[float]]:
    settings = load()
    result = client().embeddings.create(model=settings.embeddings_deployment, input=texts)
    return [item.embedding for item in result.data]
