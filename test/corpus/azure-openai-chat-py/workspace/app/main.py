"""HTTP API of the support assistant."""
from __future__ import annotations

import logging
import uuid

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

from . import llm
from .history import HistoryStore

logging.basicConfig(level=logging.INFO)
app = FastAPI(title="support-assistant")
store = HistoryStore()


class Ask(BaseModel):
    conversation_id: str | None = None
    question: str


class Answer(BaseModel):
    conversation_id: str
    answer: str


@app.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.post("/ask", response_model=Answer)
def ask(body: Ask) -> Answer:
    if not body.question.strip():
        raise HTTPException(status_code=400, detail="empty question")
    conversation_id = body.conversation_id or str(uuid.uuid4())
    history = store.load(conversation_id)
    answer = llm.complete(history, body.question)
    store.append(conversation_id, body.question, answer)
    return Answer(conversation_id=conversation_id, answer=answer)
