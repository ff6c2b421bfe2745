from unittest.mock import patch

from fastapi.testclient import TestClient

from app.main import app

client = TestClient(app)


def test_healthz():
    assert client.get("/healthz").json() == {"status": "ok"}


def test_ask_rejects_empty_question():
    assert client.post("/ask", json={"question": "  "}).status_code == 400


@patch("app.main.store")
@patch("app.llm.complete", return_value="It shipped yesterday.")
def test_ask(complete, store):
    store.load.return_value = []
    r = client.post("/ask", json={"question": "Where is order 1001?"})
    assert r.status_code == 200
    assert r.json()["answer"] == "It shipped yesterday."
