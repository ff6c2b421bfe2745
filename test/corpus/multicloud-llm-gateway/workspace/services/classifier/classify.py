"""Ticket classifier on Bedrock via LangChain."""
import os

from langchain_aws import ChatBedrock
from langchain_core.messages import HumanMessage, SystemMessage

LABELS = ["billing", "bug", "feature-request", "account", "other"]

llm = ChatBedrock(
    model_id=os.getenv("BEDROCK_MODEL_ID", "anthropic.claude-3-haiku-20240307-v1:0"),
    region_name=os.getenv("AWS_REGION", "us-east-1"),
    model_kwargs={"temperature": 0},
)


def classify(ticket: str) -> str:
    msg = llm.invoke(
        [
            SystemMessage(content=f"Classify the support ticket. Reply with one of: {', '.join(LABELS)}."),
            HumanMessage(content=ticket),
        ]
    )
    label = msg.content.strip().lower()
    return label if label in LABELS else "other"
