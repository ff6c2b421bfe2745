from flask import Flask, jsonify, request

from .answer import answer
from .search import search

app = Flask(__name__)


@app.get("/search")
def search_route():
    q = request.args.get("q", "").strip()
    return jsonify(search(q)) if q else (jsonify(error="q is required"), 400)


@app.post("/answer")
def answer_route():
    question = (request.get_json(silent=True) or {}).get("question", "")
    return jsonify(answer=answer(question))
