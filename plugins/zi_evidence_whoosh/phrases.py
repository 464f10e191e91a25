"""Phrase queries that compare positions as integer sets instead of Whoosh's span objects.

Whoosh builds one span object per occurrence of every phrase word in every candidate document; for
words found on every page that is most of a search's time. With ``CompactPositions`` a document's
positions of a word arrive as one integer array, and "word i follows word i-1" is a set intersection.
"""

from __future__ import annotations

from itertools import repeat
from operator import sub
from typing import Any

from whoosh import query as wq
from whoosh.matching import IntersectionMatcher, ListMatcher, NullMatcher
from whoosh.query.spans import Span, SpanWrappingMatcher
from whoosh.scoring import WeightLengthScorer

from zi_evidence_whoosh.codec import CompactPositions, SplitMatcher, positions_of


class FastPhrase(wq.Phrase):  # type: ignore[misc]
    """``whoosh.query.Phrase`` with a fast matcher for exact phrases in ``CompactPositions`` fields."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        field = searcher.schema[self.fieldname] if self.fieldname in searcher.schema else None
        if field is None or not isinstance(field.format, CompactPositions) or self.slop != 1 or len(self.words) < 2:
            return super().matcher(searcher, context)
        reader = searcher.reader()
        if any((self.fieldname, field.to_bytes(word)) not in reader for word in self.words):
            return NullMatcher()  # a word the field never saw: no document can hold the phrase
        whole = _whole_lists(searcher, self.fieldname, self.words, context)
        if whole is not None:
            return _matched(whole, self.boost)
        words = [wq.Term(self.fieldname, word, boost=self.boost).matcher(searcher, context) for word in self.words]
        return _AdjacentMatcher(words)


class _Postings:
    """One word's postings in one segment, read whole: docnum -> (weight, encoded positions)."""

    def __init__(self, matcher: SplitMatcher, scorer: Any) -> None:
        self.found: dict[int, tuple[float, bytes]] = {}
        for ids, weights, values in matcher.blocks():
            self.found.update(zip(ids, zip(weights, values, strict=True), strict=True))
        self.scorer = scorer


def _whole_lists(searcher: Any, fieldname: str, words: list[str], context: Any) -> list[_Postings] | None:
    """Each word's whole posting list in this segment, or None where only the general matcher applies
    (a reader over several segments, postings stored inline, a scorer without a length formula)."""
    reader = searcher.reader()
    if not hasattr(reader, "deleted_docs_set"):
        return None
    weighting = searcher.weighting if context is None else context.weighting
    lists = []
    for word in words:
        matcher = reader.postings(fieldname, word)
        matcher = getattr(matcher, "child", matcher)  # deleted documents are taken out below, all at once
        scorer = weighting.scorer(searcher, fieldname, word) if weighting is not None else None
        if not isinstance(matcher, SplitMatcher) or (scorer is not None and not isinstance(scorer, WeightLengthScorer)):
            return None
        lists.append(_Postings(matcher, scorer))
    deleted = reader.deleted_docs_set
    if deleted:
        for postings in lists:
            for docnum in deleted & postings.found.keys():
                del postings.found[docnum]
    return lists


def _matched(lists: list[_Postings], boost: float) -> Any:
    """A list matcher over the documents where the words stand in a row, scored as Whoosh scores the
    phrase (the sum of each word's BM25F score in that document, times the phrase's boost)."""
    first, *rest = lists
    docs = sorted(set(first.found).intersection(*(p.found for p in rest)))
    hits = [d for d in docs if _in_a_row([p.found[d][1] for p in lists])]
    if not hits:
        return NullMatcher()
    if first.scorer is None:  # an unscored search (counting, deleting): every hit weighs the same
        return ListMatcher(hits)
    length = first.scorer.dfl  # one field: the same length for every word
    scores = [boost * sum(p.scorer._score(p.found[d][0], length(d)) for p in lists) for d in hits]
    return ListMatcher(hits, weights=scores)


_ONE = repeat(1)  # endless: every map() takes only as many as it needs


def _in_a_row(values: list[bytes]) -> bool:
    """Whether some start position has word i at start + i for every word (the encoded positions of each)."""
    if len(values) == 2:  # the usual phrase: stop at the first place the second word follows the first
        return not set(positions_of(values[0])).isdisjoint(map(sub, positions_of(values[1]), _ONE))
    return bool(_starts(values))


def _starts(values: list[bytes]) -> set[int]:
    """Every start position of the phrase."""
    starts = set(positions_of(values[0]))
    for offset, value in enumerate(values[1:], start=1):
        starts.intersection_update(map(sub, positions_of(value), repeat(offset)))
        if not starts:
            break
    return starts


class _AdjacentMatcher(SpanWrappingMatcher):  # type: ignore[misc]
    """Documents of the intersection where the words stand at consecutive positions."""

    def __init__(self, words: list[Any]) -> None:
        self.words = words
        both = words[0]
        for other in words[1:]:
            both = IntersectionMatcher(both, other)
        super().__init__(both)

    def copy(self) -> _AdjacentMatcher:
        return _AdjacentMatcher([m.copy() for m in self.words])

    def replace(self, minquality: float = 0) -> Any:
        return self if self.is_active() else NullMatcher()

    def skip_to_quality(self, minquality: float) -> int:
        # Block skipping stays on (Whoosh's collector miscounts totals without it), but the document
        # it lands on must hold the phrase too.
        skipped = self.child.skip_to_quality(minquality / self.boost)
        self._find_next()
        return int(skipped)

    def _get_spans(self) -> list[Span]:
        # Whoosh asks this of every candidate document only to know whether the phrase is there.
        return [Span(0)] if _in_a_row([m.value() for m in self.words]) else []

    def all_ids(self) -> Any:
        # Whoosh's version asks spans() of every document; counting only needs to know the phrase is there
        while self.is_active():
            yield self.id()
            self.next()

    def spans(self) -> list[Span]:
        """Every occurrence in the current document (computed only when asked)."""
        if not self._spans:
            return []
        starts = _starts([m.value() for m in self.words])
        return [Span(start, start + len(self.words) - 1) for start in sorted(starts)]
