"""The built-in full-text search backend: Whoosh with Indonesian analysis.

This package is the only place in zi-evidence that imports whoosh.
"""

from __future__ import annotations

from zi_evidence import hookimpl
from zi_evidence_whoosh.backend import WhooshBackend

__all__ = ["WhooshBackend"]


@hookimpl
def register_search_backends() -> list[type]:
    """Offer the Whoosh backend."""
    return [WhooshBackend]
