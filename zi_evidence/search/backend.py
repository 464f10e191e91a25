"""The contract between the core and a full-text search backend plugin.

The core never imports a search engine: it hands plain documents to whichever backend the
``register_search_backends`` hook provides (the built-in one is Whoosh) and reads hits back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Protocol

#: Filters a backend must support, each an exact keyword match.
FILTER_FIELDS = ("area", "question", "kind", "year")


@dataclass(frozen=True)
class IndexDoc:
    """One document per evidence file; page numbers are resolved later from the catalog."""

    key: str  # stable id of the catalogued file
    stamp: str  # changes whenever the indexed content changes (e.g. hash + mapping)
    path: str  # display form of the path relative to the repository root
    question: str = ""
    indicator: str = ""
    area: str = ""
    kinds: tuple[str, ...] = ()
    year: str = ""
    title: str = ""
    text: str = ""


@dataclass(frozen=True)
class BackendHit:
    key: str
    score: float


#: A snippet is a sequence of (text, is_match) segments, so any front end can render the highlight.
Snippet = tuple[tuple[str, bool], ...]


class SearchBackend(Protocol):
    """The shape of a class returned by the ``register_search_backends`` hook.

    Optional: ``priority`` (0 when absent): with several backends installed the highest is used, so a
    faster engine outbids the built-in one. ``fingerprint()``: without it the index's stamps are read
    on every run.
    """

    name: ClassVar[str]
    version: ClassVar[str]
    priority: ClassVar[int]

    def __init__(self, index_dir: Path) -> None: ...

    def update(self, docs: Iterable[IndexDoc], remove_keys: Iterable[str]) -> None:
        """Add or replace ``docs`` and remove ``remove_keys`` as one committed batch."""

    def rebuild(self, docs: Iterable[IndexDoc]) -> None:
        """Recreate the index from scratch with exactly ``docs`` (never needs the old index to open)."""

    def stamps(self) -> dict[str, str]:
        """Every indexed key with its stamp, to reconcile the index against the catalog."""

    def fingerprint(self) -> str:
        """Cheap (no index read); changes whenever the index on disk changes, so that a caller who
        reconciled at this fingerprint and has changed nothing since may skip ``stamps()``. Empty when
        there is no index yet; raises ``IndexUnavailable`` when it cannot be told."""

    def search(self, query: str, filters: Mapping[str, str], limit: int) -> tuple[list[BackendHit], int]:
        """Ranked hits for ``query`` under exact-match ``filters`` and the total number of matches."""

    def page_matches(self, query: str, pages: Sequence[str], max_snippets: int) -> list[tuple[int, Snippet]]:
        """The 1-based numbers of the pages whose text matches ``query``, each with a highlighted snippet."""

    def close(self) -> None: ...


@dataclass(frozen=True)
class FileType:
    """Files of one format as the drive names it (``FileRecord.format``): those whose mime type stands for
    the extension (``mimes``), or, for a type the table does not know (not in ``typed``), whose name ends
    in ``suffix``; or, with ``mime_prefix``, every type under it (``image/``)."""

    mimes: tuple[str, ...] = ()
    typed: tuple[str, ...] = ()
    suffix: str = ""
    mime_prefix: str | None = None
