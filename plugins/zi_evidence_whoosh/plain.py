"""The user's query as a plain tree of frozen dataclasses, for a search engine other than Whoosh.

The query language is this plugin's (``querying``: Whoosh's parser, our checks, stems, prefix routing);
another engine takes the parsed query in this form and needs no Whoosh import of its own. Field names
are this plugin's schema names (``TEXT_FIELDS``, ``EXACT_FIELD``, ``FILTER_TO_FIELD``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from whoosh import query as wq

from zi_evidence import QueryError

from .querying import filter_query


@dataclass(frozen=True)
class Term:
    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class Phrase:
    """Words in order; ``slop`` 1 means each right after the one before (Whoosh's convention)."""

    field: str
    words: tuple[str, ...]
    slop: int = 1
    boost: float = 1.0


@dataclass(frozen=True)
class Pattern:
    """Every term of ``field`` beginning with ``head`` and matching the glob ``pattern`` (``*`` and ``?``)."""

    field: str
    pattern: str
    head: str
    is_prefix: bool
    written: str  # as the user's query has it, for messages
    boost: float = 1.0


@dataclass(frozen=True)
class Group:
    """``all``: every part must match (AND); ``any``: at least one (OR); ``best``: one, scored by the best."""

    how: str
    parts: tuple[Node, ...]
    boost: float = 1.0


@dataclass(frozen=True)
class Not:
    part: Node


@dataclass(frozen=True)
class Pair:
    """``andnot``: ``a`` without ``b``; ``andmaybe``: ``a``, ranked up by ``b``; ``require``: both, scored by ``a``."""

    how: str
    a: Node
    b: Node


@dataclass(frozen=True)
class Every:
    """Every document (an empty query: the filters alone decide)."""


@dataclass(frozen=True)
class Nothing:
    """No document."""


Node = Term | Phrase | Pattern | Group | Not | Pair | Every | Nothing


def plain(q: Any) -> Node:
    """The plain tree of a query ``querying.parse_query`` returned."""
    if isinstance(q, wq.Term):
        return Term(q.fieldname, q.text, q.boost)
    if isinstance(q, wq.Phrase):
        return Phrase(q.fieldname, tuple(q.words), int(q.slop), q.boost)
    if isinstance(q, wq.Prefix):
        return Pattern(q.fieldname, q.text + "*", q.text, True, q.text + "*", q.boost)
    if isinstance(q, wq.Wildcard):
        head = q.text
        for mark in "*?[":
            head = head.split(mark, 1)[0]
        return Pattern(q.fieldname, q.text, head, False, q.text, q.boost)
    if isinstance(q, (wq.And, wq.Or, wq.DisjunctionMax)):
        how = "all" if isinstance(q, wq.And) else "any" if isinstance(q, wq.Or) else "best"
        return Group(how, tuple(plain(sub) for sub in q.subqueries), q.boost)
    if isinstance(q, wq.Not):
        return Not(plain(q.query))
    if isinstance(q, (wq.AndNot, wq.AndMaybe, wq.Require)):
        how = "andnot" if isinstance(q, wq.AndNot) else "andmaybe" if isinstance(q, wq.AndMaybe) else "require"
        return Pair(how, plain(q.a), plain(q.b))
    if isinstance(q, wq.Every):
        return Every()
    if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
        return Nothing()
    raise QueryError(
        f'Bagian kueri {q!s} tidak didukung mesin pencari ini. Pakai kata, "frasa", awalan* dan AND/OR/NOT.'
    )


def plain_filters(filters: Mapping[str, str]) -> tuple[Term, ...]:
    """The filters as exact terms (checked as the Whoosh backend checks them)."""
    q = filter_query(filters)
    if q is None:
        return ()
    terms = q.subqueries if isinstance(q, wq.And) else [q]
    return tuple(Term(t.fieldname, t.text) for t in terms)
