"""BM25F as Whoosh computes it, with each segment's field lengths read once instead of per match.

Whoosh's scorer looks up the field length of every matching document in the segment's length
column, one call chain per match; with the searcher kept open between queries, a list per
segment and field answers the same numbers from memory.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any

from whoosh.scoring import BM25F, WeightLengthScorer

_LENGTHS: weakref.WeakKeyDictionary[Any, dict[str, list[Any]]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


class RememberedLengthsBM25F(BM25F):  # type: ignore[misc]
    def scorer(self, searcher: Any, fieldname: str, text: Any, qf: int = 1) -> Any:
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        if isinstance(scorer, WeightLengthScorer):
            scorer.dfl = _lengths(searcher.reader(), fieldname).__getitem__
        return scorer


def _lengths(reader: Any, fieldname: str) -> list[Any]:
    """Every document's length of ``fieldname`` in this segment reader, as Whoosh's scorer asks for it."""
    with _LOCK:
        per_field = _LENGTHS.setdefault(reader, {})
        found = per_field.get(fieldname)
        if found is None:
            found = [reader.doc_field_length(docnum, fieldname, 1) for docnum in range(reader.doc_count_all())]
            per_field[fieldname] = found
    return found
