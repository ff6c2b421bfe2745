import json
import os
from unittest.mock import MagicMock, patch

os.environ.setdefault("BEDROCK_KNOWLEDGE_BASE_ID", "KB123")

from kb_api import handler  # noqa: E402


def test_rejects_empty_question():
    r = handler.lambda_handler({"body": json.dumps({"question": " "})}, None)
    assert r["statusCode"] == 400


@patch.object(handler, "agent_runtime")
def test_answers_with_citations(runtime: MagicMock):
    runtime.retrieve_and_generate.return_value = {
        "output": {"text": "Returns are free within 30 days."},
        "citations": [{"retrievedReferences": [{"location": {"s3Location": {"uri": "s3://b/returns.md"}}}]}],
    }
    r = handler.lambda_handler({"body": json.dumps({"question": "Are returns free?"})}, None)
    assert json.loads(r["body"])["citations"] == ["s3://b/returns.md"]
