"""Short answers about products, grounded on the search results, with Gemini on Vertex AI."""
from __future__ import annotations

from vertexai.generative_models import GenerationConfig, GenerativeModel

from .catalog import describe
from .search import search

_model = GenerativeModel(
    "gemini-1.5-flash-002",
    system_instruction="Answer shoppers' questions using only the product descriptions given.",
)


def answer(question: str) -> str:
    products = [describe(pid) for pid in search(question, k=5)]
    prompt = "Products:\n" + "\n".join(products) + f"\n\nQuestion: {question}"
    response = _model.generate_content(prompt, generation_config=GenerationConfig(temperature=0.2, max_output_tokens=300))
    return response.text
