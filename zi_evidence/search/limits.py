"""Bounds on a search query, checked before any backend sees it: a 100,000-character query took 68 s."""

from __future__ import annotations

import re

from zi_evidence.errors import QueryError

#: A long real query ("surat keputusan tim pembangunan zona integritas 2026" AND …) is under 200 characters.
MAX_QUERY_CHARS = 500
#: Words, phrases and prefixes together; each one is a clause the backend scores over every match.
MAX_QUERY_TERMS = 32
#: '*' and '?' in one pattern: each is a '.*' tried against every word of the index, whatever the engine.
MAX_WILDCARDS = 4

_TERM = re.compile(r'"[^"]*"|[^\s()"]+')
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}


def check_query_bounds(text: str) -> None:
    """Raise ``QueryError`` for a query longer than the bounds, saying what to shorten."""
    if len(text) > MAX_QUERY_CHARS:
        count = f"{len(text):,}".replace(",", ".")  # 100.000, as Indonesian writes it
        raise QueryError(
            f"Kueri terlalu panjang: {count} karakter (batas {MAX_QUERY_CHARS}). "
            "Pakai beberapa kata yang paling khas, atau saring dengan --question/--area/--kind/--year."
        )
    terms = [t for t in _TERM.findall(text) if t not in _OPERATORS]
    for term in terms:
        if not term.startswith('"') and sum(term.count(mark) for mark in "*?") > MAX_WILDCARDS:
            raise QueryError(
                f"Pola '{term}' memakai lebih dari {MAX_WILDCARDS} tanda * atau ?. Pakai awalan* biasa atau kata utuh."
            )
    if len(terms) > MAX_QUERY_TERMS:
        raise QueryError(
            f"Kueri berisi {len(terms)} kata/frasa (batas {MAX_QUERY_TERMS}). "
            "Pakai kata yang paling khas saja, atau cari beberapa kali dengan kueri yang lebih pendek."
        )
