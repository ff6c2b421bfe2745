"""Writing assistant API: OpenAI for drafts, Anthropic for critique."""
from __future__ import annotations

import os

import anthropic
from fastapi import FastAPI
from openai import OpenAI
from pydantic import BaseModel

app = FastAPI()
openai_client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
claude = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])

DRAFT_MODEL = os.getenv("DRAFT_MODEL", "gpt-4o-mini")
CRITIQUE_MODEL = os.getenv("CRITIQUE_MODEL", "claude-3-5-sonnet-20241022")


class Brief(BaseModel):
    topic: str
    audience: str
    words: int = 300


@app.post("/draft")
def draft(brief: Brief) -> dict[str, str]:
    r = openai_client.chat.completions.create(
        model=DRAFT_MODEL,
        messages=[
            {"role": "system", "content": f"Write for {brief.audience}. About {brief.words} words."},
            {"role": "user", "content": brief.topic},
        ],
    )
    text = r.choices[0].message.content or ""
    critique = claude.messages.create(
        model=CRITIQUE_MODEL,
        max_tokens=400,
        messages=[{"role": "user", "content": f"Critique this draft in five bullet points:\n\n{text}"}],
    )
    return {"draft": text, "critique": critique.content[0].text}
