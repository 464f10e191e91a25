"""A full-text search backend on tantivy (a Rust engine; wheels for Linux, Windows and macOS).

The Indonesian analysis (fold, stop words, Snowball stems) and the query language are the Whoosh
plugin's, applied before tantivy sees a word: tantivy stores and matches the finished terms, so both
engines find the same documents and pages. This package is the only place that imports tantivy.
"""

from __future__ import annotations

from zi_evidence import hookimpl
from zi_evidence_tantivy.backend import TantivyBackend

__all__ = ["TantivyBackend"]


@hookimpl
def register_search_backends() -> list[type]:
    """Offer the tantivy backend."""
    return [TantivyBackend]
