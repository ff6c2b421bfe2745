"""Text from uploaded postmortem attachments, parsed locally (no cloud service involved)."""
from __future__ import annotations

import ply.lex as lex
import textract

tokens = ("SEVERITY", "DURATION", "WORD")
t_ignore = " \t"


def t_SEVERITY(t):
    r"SEV[0-4]"
    return t


def t_DURATION(t):
    r"\d+(m|h)"
    return t


def t_WORD(t):
    r"[A-Za-z][\w-]*"
    return t


def t_error(t):
    t.lexer.skip(1)


lexer = lex.lex()


def text_of(path: str) -> str:
    """Plain text of a PDF or DOCX with the textract package (pdftotext / antiword under the hood)."""
    return textract.process(path).decode("utf-8", errors="replace")


def severities(text: str) -> list[str]:
    lexer.input(text)
    return [tok.value for tok in iter(lexer.token, None) if tok.type == "SEVERITY"]
