"""Search on the server's PostgreSQL: one row per page, the built-in ``indonesian`` text-search
configuration (Snowball, the same stems as the embedded analyzer) plus an exact ``simple`` vector for
numbers such as SK numbers, ``websearch_to_tsquery`` for user input and ``ts_headline`` highlights.

This package is the only place in zi-evidence that writes text-search SQL.
"""

from __future__ import annotations

from zi_evidence import hookimpl
from zi_evidence_pgsearch.backend import PgSearchBackend

__all__ = ["PgSearchBackend"]


@hookimpl
def register_search_backends() -> list[type]:
    """Offer the PostgreSQL backend (used by ``zi-evidence server``; never chosen for a unit's drive)."""
    return [PgSearchBackend]
