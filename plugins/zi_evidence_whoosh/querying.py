"""From the user's query string to a Whoosh query: checks, parsing, prefix routing and filters.

The standard operators stay (AND, OR, NOT, ANDNOT, ANDMAYBE in capitals, "phrases", prefix*), with AND
between bare words. Whoosh's parser silently repairs broken syntax (``a OR OR b`` becomes ``a AND b``),
which would answer a different question than the one asked, so a small lexical check runs first and
reports the mistake in Indonesian instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.qparser import AndGroup, MultifieldPlugin, QueryParser

from zi_evidence import FILTER_FIELDS, MAX_EXPANSION, QueryError, check_syntax, too_many_words
from zi_evidence import QUERY_HINT as _HINT
from zi_evidence_whoosh.phrases import FastPhrase
from zi_evidence_whoosh.schema import EXACT_FIELD, FILTER_TO_FIELD, TEXT_FIELDS


class _Parser(QueryParser):
    """Matches prefix and wildcard terms against words as written; words and phrases stay stemmed."""

    def term_query(
        self,
        fieldname: str,
        text: str,
        termclass: type[wq.Query],
        boost: float = 1.0,
        tokenize: bool = True,
        removestops: bool = True,
    ) -> wq.Query | None:
        if fieldname not in TEXT_FIELDS or not issubclass(termclass, (wq.Prefix, wq.Wildcard)):
            return super().term_query(fieldname, text, termclass, boost, tokenize, removestops)
        # Stemming a prefix is meaningless ("pelay" is no stem of "pelayanan"), so the pattern is only
        # folded. Words that are their own stem are terms of the stemmed field; the words the stemmer
        # changes live unstemmed in EXACT_FIELD. Looking in both covers every word as written.
        exact = super().term_query(EXACT_FIELD, text, termclass, boost, tokenize, False)
        if exact is None:
            return None
        return wq.Or([termclass(fieldname, exact.text, boost=boost), exact])


def make_parser(schema: Schema) -> QueryParser:
    """What ``whoosh.qparser.MultifieldParser`` builds, on the routing subclass."""
    parser = _Parser(None, schema, group=AndGroup, phraseclass=FastPhrase)
    parser.add_plugin(MultifieldPlugin(list(TEXT_FIELDS), fieldboosts=dict(TEXT_FIELDS)))
    return parser


def parse_query(parser: QueryParser, text: str) -> wq.Query:
    """The Whoosh query for ``text``; an empty query matches every document (so filters alone work)."""
    if not text.strip():
        return wq.Every()
    check_syntax(text)
    try:
        parsed = parser.parse(text)
    except Exception as exc:  # the parser's errors carry no stable type; report them all the same way
        raise QueryError(f"Kueri {text!r} tidak dapat dipahami ({exc}). {_HINT}") from exc
    if parsed is wq.NullQuery or isinstance(parsed, type(wq.NullQuery)):
        raise QueryError(
            f"Kueri {text!r} hanya berisi kata umum (mis. 'yang', 'dan', 'di') yang diabaikan "
            "pencarian. Tambahkan kata yang lebih khas."
        )
    return parsed.accept(_bounded_patterns).accept(_dedupe_or)


def filter_query(filters: Mapping[str, str]) -> wq.Query | None:
    """Exact-match terms for the filters, ANDed; values never pass through the query parser."""
    terms: list[wq.Query] = []
    for name, value in filters.items():
        if name not in FILTER_TO_FIELD:
            raise QueryError(f"Saringan {name!r} tidak dikenal. Gunakan salah satu dari: {', '.join(FILTER_FIELDS)}.")
        value = (value or "").strip()
        if value:
            terms.append(wq.Term(FILTER_TO_FIELD[name], value))
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else wq.And(terms)


def without_absent_fields(q: wq.Query, reader: Any) -> wq.Query:
    """``q`` without the alternatives that name a word absent from their field (say, a body word in
    ``title``): for an OR of three fields Whoosh preloads and scores every match of each into arrays,
    for one clause it just walks that clause. Only OR children are dropped, and never the last one."""
    if isinstance(q, wq.Or):
        kept = [without_absent_fields(sub, reader) for sub in q.subqueries if not _absent(sub, reader)]
        if not kept:
            return q  # nothing can match; leave that to Whoosh rather than invent a NullQuery
        return kept[0] if len(kept) == 1 and q.boost == 1.0 else q.__class__(kept, boost=q.boost)
    if isinstance(q, (wq.AndNot, wq.AndMaybe, wq.Require)):
        # before CompoundQuery, which they are too: BinaryQuery.__init__ (and so apply()) takes no boost
        pair = q.__class__(without_absent_fields(q.a, reader), without_absent_fields(q.b, reader))
        pair.boost = q.boost
        return pair
    if isinstance(q, wq.CompoundQuery):
        return q.__class__([without_absent_fields(sub, reader) for sub in q.subqueries], boost=q.boost)
    if isinstance(q, wq.Not):
        return q.apply(lambda sub: without_absent_fields(sub, reader))
    return q


def _absent(q: wq.Query, reader: Any) -> bool:
    if isinstance(q, wq.Term):
        return (q.fieldname, q.text) not in reader
    if isinstance(q, wq.Phrase):
        return any((q.fieldname, word) not in reader for word in q.words)
    return False


#: Each '*' is a '.*' in the pattern's regular expression, tried against every candidate word.
MAX_WILDCARDS = 4


class _Bounded:
    """Expands to at most ``MAX_EXPANSION`` words, then stops with a message saying how to narrow it."""

    fieldname: str
    text: str

    def _btexts(self, ixreader: Any) -> Any:
        for count, btext in enumerate(super()._btexts(ixreader), 1):  # type: ignore[misc]
            if count > MAX_EXPANSION:
                prefix = isinstance(self, wq.Prefix)
                raise too_many_words(self.text + "*" if prefix else self.text, prefix)
            yield btext


class _BoundedPrefix(_Bounded, wq.Prefix):
    pass


class _BoundedWildcard(_Bounded, wq.Wildcard):
    pass


def _bounded_patterns(q: wq.Query) -> wq.Query:
    if isinstance(q, wq.Prefix) and not isinstance(q, _Bounded):
        return _BoundedPrefix(q.fieldname, q.text, boost=q.boost)
    if isinstance(q, wq.Wildcard) and not isinstance(q, _Bounded):
        if sum(q.text.count(mark) for mark in "*?") > MAX_WILDCARDS:
            raise QueryError(
                f"Pola '{q.text}' memakai lebih dari {MAX_WILDCARDS} tanda * atau ?. "
                "Pakai awalan* biasa atau kata utuh."
            )
        return _BoundedWildcard(q.fieldname, q.text, boost=q.boost)
    return q


def _dedupe_or(q: wq.Query) -> wq.Query:
    # Routing makes the three per-field copies of a prefix identical; expanding it once is enough.
    if not isinstance(q, wq.Or):
        return q
    seen: set[tuple[type, str, str]] = set()
    kept: list[wq.Query] = []
    for sub in q.subqueries:
        if isinstance(sub, wq.PatternQuery):
            ident = (type(sub), sub.fieldname, sub.text)
            if ident in seen:
                continue
            seen.add(ident)
        kept.append(sub)
    return kept[0] if len(kept) == 1 else wq.Or(kept, boost=q.boost)
