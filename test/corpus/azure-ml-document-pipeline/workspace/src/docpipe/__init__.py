"""Document pipeline: extract fields from scanned forms, classify, hand over to the ledger."""
__version__ = "0.7.0"
