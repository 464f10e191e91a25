"""A parsed query as a plain tree of frozen dataclasses, the form every search engine takes.

``zi_evidence.search.parse`` builds it from the user's query; an engine translates it into its own
query objects. Field names are the index's (``TEXT_FIELDS``, ``EXACT_FIELD``, ``FILTER_TO_FIELD``);
every engine stores the terms of ``zi_evidence.search.analysis`` under these names.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Fields a bare word is looked for in, with their weight: a hit in the title or file name says more.
TEXT_FIELDS: dict[str, float] = {"title": 2.0, "path": 1.5, "text": 1.0}

#: Unstemmed copy of the affixed words of title + path + text, only for prefix and wildcard terms.
EXACT_FIELD = "text_exact"

#: Filter name (``zi_evidence.search.backend.FILTER_FIELDS``) -> index field.
FILTER_TO_FIELD: dict[str, str] = {"area": "area", "question": "question", "kind": "kinds", "year": "year"}

#: Exact-valued fields a query may name (``area:6``), besides the text fields.
KEYWORD_FIELDS: tuple[str, ...] = ("question", "indicator", "area", "year", "kinds")


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
