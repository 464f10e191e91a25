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
from whoosh.matching import IntersectionMatcher, NullMatcher
from whoosh.query.spans import Span, SpanWrappingMatcher

from zi_evidence_whoosh.codec import CompactPositions, positions_of


class FastPhrase(wq.Phrase):  # type: ignore[misc]
    """``whoosh.query.Phrase`` with a fast matcher for exact phrases in ``CompactPositions`` fields."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        field = searcher.schema[self.fieldname] if self.fieldname in searcher.schema else None
        if field is None or not isinstance(field.format, CompactPositions) or self.slop != 1 or len(self.words) < 2:
            return super().matcher(searcher, context)
        reader = searcher.reader()
        words = []
        for word in self.words:
            if (self.fieldname, field.to_bytes(word)) not in reader:
                return NullMatcher()  # a word the field never saw: no document can hold the phrase
            words.append(wq.Term(self.fieldname, word, boost=self.boost).matcher(searcher, context))
        return _AdjacentMatcher(words)


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
        if len(self.words) == 2:
            first, second = self.words
            present = not set(positions_of(first.value())).isdisjoint(
                map(sub, positions_of(second.value()), repeat(1))  # stops at the first hit
            )
            return [Span(0)] if present else []
        return [Span(0)] if self._starts() else []

    def all_ids(self) -> Any:
        # Whoosh's version asks spans() of every document; counting only needs to know the phrase is there
        while self.is_active():
            yield self.id()
            self.next()

    def spans(self) -> list[Span]:
        """Every occurrence in the current document (computed only when asked)."""
        if not self._spans:
            return []
        return [Span(start, start + len(self.words) - 1) for start in sorted(self._starts())]

    def _starts(self) -> set[int]:
        first, *rest = self.words
        starts = set(positions_of(first.value()))
        for offset, matcher in enumerate(rest, start=1):
            starts.intersection_update(map(sub, positions_of(matcher.value()), repeat(offset)))
            if not starts:
                break
        return starts
