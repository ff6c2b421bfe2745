"""Meeting-notes summariser. Uses LangChain so the model class can be swapped per deployment."""
from __future__ import annotations

import os

from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import AzureChatOpenAI, ChatOpenAI
from openai import OpenAI

PROMPT = ChatPromptTemplate.from_messages(
    [
        ("system", "Summarise the meeting notes as decisions, owners and open questions."),
        ("human", "{notes}"),
    ]
)


def make_llm():
    if os.getenv("USE_GATEWAY") == "1":
        return ChatOpenAI(base_url=os.environ["GATEWAY_URL"], api_key="unused", model="chat-default")
    return AzureChatOpenAI(
        azure_deployment="gpt-4o",
        api_version="2024-10-21",
        temperature=0,
    )


def summarize(notes: str) -> str:
    return (PROMPT | make_llm()).invoke({"notes": notes}).content


def title(notes: str) -> str:
    # The v1 API of the resource works with the plain OpenAI client.
    client = OpenAI(base_url="https://acme-gw-eastus2.openai.azure.com/openai/v1/", api_key=os.environ["AZURE_OPENAI_API_KEY"])
    r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": f"Title for: {notes[:2000]}"}])
    return r.choices[0].message.content.strip()
