"""A Whoosh query in the core's plain tree form (``zi_evidence.search.tree``).

The core's own parser (``zi_evidence.search.parse``) builds that tree directly; this conversion of
Whoosh's parse is what the differential test compares it with.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from whoosh import query as wq

from zi_evidence import QueryError
from zi_evidence import QueryEvery as Every
from zi_evidence import QueryGroup as Group
from zi_evidence import QueryNode as Node
from zi_evidence import QueryNot as Not
from zi_evidence import QueryNothing as Nothing
from zi_evidence import QueryPair as Pair
from zi_evidence import QueryPattern as Pattern
from zi_evidence import QueryPhrase as Phrase
from zi_evidence import QueryTerm as Term

from .querying import filter_query


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
