"""The index schema and the mapping from ``IndexDoc`` to Whoosh fields."""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from zi_evidence.searching import IndexDoc
from zi_evidence_whoosh.analysis import affixed_analyzer, indonesian_analyzer

#: Fields the query parser searches, with their weight: a hit in the title or file name says more.
TEXT_FIELDS: dict[str, float] = {"title": 2.0, "path": 1.5, "text": 1.0}

#: Unstemmed copy of the affixed words of title + path + text, only for prefix and wildcard terms.
EXACT_FIELD = "text_exact"

#: Filter name (``zi_evidence.searching.FILTER_FIELDS``) -> schema field.
FILTER_TO_FIELD: dict[str, str] = {"area": "area", "question": "question", "kind": "kinds", "year": "year"}


def build_schema() -> Schema:
    """A fresh schema; the analyzers are plain classes so Whoosh can pickle it into the TOC."""
    ana = indonesian_analyzer()
    return Schema(
        key=ID(stored=True, unique=True),
        stamp=STORED(),
        path=TEXT(analyzer=ana, stored=True, multitoken_query="phrase"),
        title=TEXT(analyzer=ana, multitoken_query="phrase"),
        # Not stored: the catalog keeps the text, which keeps the index a fraction of the corpus size.
        text=TEXT(analyzer=ana, multitoken_query="phrase"),
        # No positions: prefixes never need them. Only affixed words: the others are in ``text``.
        text_exact=TEXT(analyzer=affixed_analyzer(), phrase=False),
        question=ID(),
        indicator=ID(),
        area=ID(),
        year=ID(),
        kinds=KEYWORD(commas=True, scorable=False),
    )


def doc_fields(doc: IndexDoc) -> dict[str, str]:
    """The Whoosh field values for one document; empty values are left out instead of indexed as ''."""
    fields = {
        "key": doc.key,
        "stamp": doc.stamp,
        "path": doc.path,
        "title": doc.title,
        "text": doc.text,
        "text_exact": "\n".join(part for part in (doc.title, doc.path, doc.text) if part),
        "question": doc.question.strip(),
        "indicator": doc.indicator.strip(),
        "area": doc.area.strip(),
        "year": doc.year.strip(),
        "kinds": ",".join(k.strip() for k in doc.kinds if k.strip()),
    }
    return {name: value for name, value in fields.items() if value or name in ("key", "stamp")}
