"""The index schema and the mapping from ``IndexDoc`` to Whoosh fields."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.system import pack_uint

from zi_evidence import EXACT_FIELD, FILTER_TO_FIELD, TEXT_FIELDS, IndexDoc  # noqa: F401 - the tree's names
from zi_evidence_whoosh.analysis import affixed_analyzer, affixed_counts, index_terms, indonesian_analyzer
from zi_evidence_whoosh.codec import CompactPositions

#: One posting as Whoosh's writer takes it: term bytes, frequency, weight, encoded value.
Posting = tuple[bytes, int, float, bytes]


def build_schema() -> Schema:
    """A fresh schema; the analyzers are plain classes so Whoosh can pickle it into the TOC."""
    ana = indonesian_analyzer()
    return Schema(
        key=ID(stored=True, unique=True),
        stamp=STORED(),
        path=TEXT(analyzer=ana, stored=True, multitoken_query="phrase"),
        title=TEXT(analyzer=ana, multitoken_query="phrase"),
        # Not stored: the catalog keeps the text, which keeps the index a fraction of the corpus size.
        text=BodyText(),
        # No positions: prefixes never need them. Only affixed words: the others are in ``text``.
        text_exact=AffixedWords(),
        question=ID(),
        indicator=ID(),
        area=ID(),
        year=ID(),
        kinds=KEYWORD(commas=True, scorable=False),
    )


class BodyText(TEXT):  # type: ignore[misc]
    """The document text: stemmed terms with compact positions, each distinct word analysed once.

    Queries still go through ``indonesian_analyzer``; ``index_terms`` gives the same terms and positions.
    """

    def __init__(self) -> None:
        super().__init__(analyzer=indonesian_analyzer(), multitoken_query="phrase")
        self.format = CompactPositions(field_boost=1.0)

    def index(self, value: Any, **kwargs: Any) -> Iterator[Posting]:
        positions: dict[str, list[int]] = defaultdict(list)
        for position, term in enumerate(index_terms(value)):
            positions[term].append(position)
        encode = self.format.encode
        for term, found in positions.items():
            yield term.encode("utf-8"), len(found), float(len(found)), encode(found)


class AffixedWords(TEXT):  # type: ignore[misc]
    """``text_exact``: the words the stemmer changes, as written, with their frequencies."""

    def __init__(self) -> None:
        super().__init__(analyzer=affixed_analyzer(), phrase=False)

    def index(self, value: Any, **kwargs: Any) -> Iterator[Posting]:
        # (title, path, text): the text is the very string ``BodyText`` just read, whose words are kept
        parts = (value,) if isinstance(value, str) else tuple(value)
        for word, n in affixed_counts(*parts).items():
            yield word.encode("utf-8"), n, float(n), pack_uint(n)


def doc_fields(doc: IndexDoc) -> dict[str, Any]:
    """The Whoosh field values for one document; empty values are left out instead of indexed as ''."""
    fields = {
        "key": doc.key,
        "stamp": doc.stamp,
        "path": doc.path,
        "title": doc.title,
        "text": doc.text,
        "text_exact": (doc.title, doc.path, doc.text),
        "question": doc.question.strip(),
        "indicator": doc.indicator.strip(),
        "area": doc.area.strip(),
        "year": doc.year.strip(),
        "kinds": ",".join(k.strip() for k in doc.kinds if k.strip()),
    }
    return {name: value for name, value in fields.items() if value or name in ("key", "stamp")}
