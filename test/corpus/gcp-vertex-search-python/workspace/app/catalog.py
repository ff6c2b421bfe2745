"""Product descriptions from Firestore."""
from google.cloud import firestore

_db = firestore.Client()


def describe(product_id: str) -> str:
    doc = _db.collection("products").document(product_id).get()
    if not doc.exists:
        return f"{product_id}: (unknown product)"
    p = doc.to_dict()
    return f"{p['name']} ({p['brand']}): {p.get('summary', '')} Price {p['price']} EUR."
