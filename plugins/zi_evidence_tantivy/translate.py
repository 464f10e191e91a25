"""From the plain query tree (``zi_evidence.search.tree``) to a tantivy query.

Prefix and wildcard terms are expanded against the index's term dictionary, as Whoosh expands them,
and refused past the same number of words; each word found is one scored clause, as in Whoosh.
"""

from __future__ import annotations

import fnmatch
from typing import Any

from zi_evidence import MAX_EXPANSION, too_many_words
from zi_evidence import QueryEvery as Every
from zi_evidence import QueryGroup as Group
from zi_evidence import QueryNode as Node
from zi_evidence import QueryNot as Not
from zi_evidence import QueryNothing as Nothing
from zi_evidence import QueryPair as Pair
from zi_evidence import QueryPattern as Pattern
from zi_evidence import QueryPhrase as Phrase
from zi_evidence import QueryTerm as Term
from zi_evidence_tantivy.fields import PAIRS


class Translator:
    """Builds tantivy queries for one searcher (whose term dictionary the patterns expand against)."""

    def __init__(self, tantivy: Any, schema: Any, searcher: Any, common: frozenset[str]) -> None:
        self.t = tantivy
        self.schema = schema
        self.searcher = searcher
        self.common = common  # the index's frequent terms: a phrase of two of them is one pair token

    def query(self, node: Node) -> Any:
        Q, Occur = self.t.Query, self.t.Occur
        if isinstance(node, Term):
            return self._boosted(Q.term_query(self.schema, node.field, node.text), node.boost)
        if isinstance(node, Phrase):
            if len(node.words) == 1:
                return self._boosted(Q.term_query(self.schema, node.field, node.words[0]), node.boost)
            if self._paired(node):
                return self._boosted(Q.term_query(self.schema, PAIRS, "_".join(node.words)), node.boost)
            # Whoosh's slop 1 is "right after"; tantivy counts the gaps allowed
            phrase = Q.phrase_query(self.schema, node.field, list(node.words), max(node.slop - 1, 0))
            return self._boosted(phrase, node.boost)
        if isinstance(node, Pattern):
            return self._pattern(node)
        if isinstance(node, Group):
            return self._group(node)
        if isinstance(node, Not):
            return Q.boolean_query([(Occur.Must, Q.all_query()), (Occur.MustNot, self.query(node.part))])
        if isinstance(node, Pair):
            a, b = self.query(node.a), self.query(node.b)
            if node.how == "andnot":
                return Q.boolean_query([(Occur.Must, a), (Occur.MustNot, b)])
            if node.how == "andmaybe":
                return Q.boolean_query([(Occur.Must, a), (Occur.Should, b)])
            return Q.boolean_query([(Occur.Must, a), (Occur.Must, Q.const_score_query(b, 0.0))])
        if isinstance(node, Every):
            return Q.all_query()
        if isinstance(node, Nothing):
            return Q.empty_query()
        raise TypeError(f"unknown query node {node!r}")

    def _paired(self, node: Phrase) -> bool:
        two = node.field == "text" and len(node.words) == 2 and node.slop <= 1
        return two and node.words[0] in self.common and node.words[1] in self.common

    def _group(self, node: Group) -> Any:
        Q, Occur = self.t.Query, self.t.Occur
        if node.how == "best":
            return self._boosted(Q.disjunction_max_query([self.query(p) for p in node.parts]), node.boost)
        clauses = []
        for part in node.parts:
            if node.how == "all" and isinstance(part, Not):  # "a NOT b": Whoosh's And holds a Not
                clauses.append((Occur.MustNot, self.query(part.part)))
            else:
                clauses.append((Occur.Must if node.how == "all" else Occur.Should, self.query(part)))
        if all(occur == Occur.MustNot for occur, _ in clauses):
            clauses.append((Occur.Must, Q.all_query()))
        return self._boosted(Q.boolean_query(clauses), node.boost)

    def _pattern(self, node: Pattern) -> Any:
        Q, Occur = self.t.Query, self.t.Occur
        found = self.searcher.terms_with_prefix(node.field, node.head)
        words = [word for word, _ in found if node.is_prefix or fnmatch.fnmatchcase(word, node.pattern)]
        if len(words) > MAX_EXPANSION:
            raise too_many_words(node.written, node.is_prefix)
        if not words:
            return Q.empty_query()
        terms = [(Occur.Should, Q.term_query(self.schema, node.field, word)) for word in sorted(words)]
        return self._boosted(Q.boolean_query(terms), node.boost)

    def _boosted(self, q: Any, boost: float) -> Any:
        return q if boost == 1.0 else self.t.Query.boost_query(q, boost)
