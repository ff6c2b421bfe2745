"""Fixture for the real-editor tests: an Azure-only OpenAI client."""
import os

from openai import AzureOpenAI

client = AzureOpenAI(
    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    api_version="2024-06-01",
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
)


def answer(question: str) -> str:
    resp = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
    return resp.choices[0].message.content or ""
