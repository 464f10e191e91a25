"""Two PDF engines, each the other's second opinion: a file one cannot read is tried with the other
before it is called corrupt or textless (pdf.js's freeculture.pdf: pypdf returns no text, PDFium does)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from zi_evidence import ParsedDocument, ParseFailure, ParseLimits

from .findings import text_chars

Read = Callable[[Path, ParseLimits], ParsedDocument]
#: Failures the other engine may well not share; "encrypted", "too_large", "empty" are the file's own.
_RETRIED = frozenset({"corrupt"})


def read_with_fallback(first: Read, second: Read, path: Path, limits: ParseLimits) -> ParsedDocument:
    """``first``'s reading, or ``second``'s when ``first`` fails on structure or finds less text."""
    try:
        document = first(path, limits)
    except ParseFailure as failure:
        if failure.problem.code not in _RETRIED:
            raise
        other = _quietly(second, path, limits)
        if other is None:
            raise
        return other
    if text_chars(document) and not any(p.code == "corrupt" for p in document.problems):
        return document
    other = _quietly(second, path, limits)
    if other is not None and text_chars(other) > text_chars(document):
        return other
    return document


def _quietly(read: Read, path: Path, limits: ParseLimits) -> ParsedDocument | None:
    try:
        return read(path, limits)
    except Exception:  # noqa: BLE001 - the second opinion failing leaves the first one's finding standing
        return None
