"""Field extraction with the prebuilt invoice model."""
from __future__ import annotations

import os
from dataclasses import dataclass

from azure.ai.documentintelligence import DocumentIntelligenceClient
from azure.ai.documentintelligence.models import AnalyzeDocumentRequest
from azure.core.credentials import AzureKeyCredential


@dataclass
class Invoice:
    vendor: str | None
    total: float | None
    currency: str | None
    due_date: str | None


def _client() -> DocumentIntelligenceClient:
    endpoint = os.environ["DOCUMENTINTELLIGENCE_ENDPOINT"]
    key = os.environ["DOCUMENTINTELLIGENCE_API_KEY"]
    return DocumentIntelligenceClient(endpoint, AzureKeyCredential(key))


def extract_invoice(url: str) -> Invoice:
    poller = _client().begin_analyze_document("prebuilt-invoice", AnalyzeDocumentRequest(url_source=url))
    result = poller.result()
    if not result.documents:
        return Invoice(None, None, None, None)
    fields = result.documents[0].fields
    total = fields.get("InvoiceTotal")
    return Invoice(
        vendor=fields["VendorName"].content if "VendorName" in fields else None,
        total=total.value_currency.amount if total else None,
        currency=total.value_currency.currency_code if total else None,
        due_date=fields["DueDate"].content if "DueDate" in fields else None,
    )
