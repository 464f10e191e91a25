"""The query language, parsed into the plain tree (``zi_evidence.search.tree``) with no engine imported.

Bare words (all must be there), "phrases" (``"a b"~3``: up to three places apart), 'single quotes',
prefix* and wild?cards, AND / OR / NOT / ANDNOT / ANDMAYBE / REQUIRE in capitals, (groups),
``field:value`` and ``word^2``. The language began as Whoosh's, so this parser gives the very tree
Whoosh's parser gives (tests/search/test_parse_differential.py holds the two together), and every
engine answers a query alike. The steps follow Whoosh's: tag the text, merge wildcards, apply field
names, copy unfielded words to each text field, apply boosts and operators, build, normalise.
"""

from __future__ import annotations

from collections.abc import Mapping

from zi_evidence.errors import QueryError
from zi_evidence.search import syntax
from zi_evidence.search.clauses import NULL, build
from zi_evidence.search.normal import MAX_WILDCARDS as MAX_WILDCARDS
from zi_evidence.search.normal import bounded, dedupe_or, normalize, plain
from zi_evidence.search.tagging import KNOWN_FIELDS as KNOWN_FIELDS
from zi_evidence.search.tagging import filtered, tag
from zi_evidence.search.tree import FILTER_TO_FIELD, Every, Node, Term

#: A prefix or wildcard becomes one OR clause per matching word; past this many the query is refused.
MAX_EXPANSION = syntax.MAX_EXPANSION


def parse_query(text: str) -> Node:
    """The plain tree of ``text``; an empty query matches every document (so filters alone work)."""
    if not text.strip():
        return Every()
    syntax.check_syntax(text)
    try:
        built = build(filtered(tag(text)))
    except RecursionError as exc:
        raise QueryError(f"Kueri {text!r} tidak dapat dipahami (terlalu bertingkat). {syntax.HINT}") from exc
    q = normalize(built) if built is not None else NULL
    if q is NULL:
        raise QueryError(
            f"Kueri {text!r} hanya berisi kata umum (mis. 'yang', 'dan', 'di') yang diabaikan "
            "pencarian. Tambahkan kata yang lebih khas."
        )
    return plain(dedupe_or(bounded(q)))


def plain_filters(filters: Mapping[str, str]) -> tuple[Term, ...]:
    """Exact-match terms for the filters (ANDed); values never pass through the query parser."""
    terms: list[Term] = []
    for name, value in filters.items():
        if name not in FILTER_TO_FIELD:
            allowed = ", ".join(FILTER_TO_FIELD)
            raise QueryError(f"Saringan {name!r} tidak dikenal. Gunakan salah satu dari: {allowed}.")
        value = (value or "").strip()
        if value:
            terms.append(Term(FILTER_TO_FIELD[name], value))
    return tuple(terms)
