"""Each catalogued file's text for the checks, read from the catalog only when a check asks for it.

A findings build over unchanged files needs few texts (the file checks' results and each text's date
are cached per content), so none is read up front. A text read once is kept for the build, and
duplicates (same content, same parser) share one read.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

#: (content hash, parser, parser version): what a file's text depends on.
ExtractKey = tuple[str, str, str]


def extract_key(record: Any) -> ExtractKey | None:
    return (record.sha256, record.parser, record.parser_version or "") if record.parser else None


class CatalogTexts(Mapping[int, str]):
    """``file id -> text`` (pages joined by ``PAGE_SEPARATOR``); a file without text maps to ``""``.

    ``open_catalog`` opens the catalog the first time a text is missing; the connection is kept for
    the life of this mapping (SQLite frees it with the object).
    """

    def __init__(self, records: Iterable[Any], open_catalog: Callable[[], Any]) -> None:
        self._records = {r.id: r for r in records}
        self._open = open_catalog
        self._catalog: Any = None
        self._read: dict[ExtractKey, tuple[str, tuple[int, ...]]] = {}
        self._lock = threading.Lock()

    def joined(self, file_id: int) -> tuple[str, tuple[int, ...]]:
        """The text and where each page starts in it (``(0,)`` for a file without text)."""
        record = self._records.get(file_id)
        key = extract_key(record) if record is not None else None
        if key is None:
            return "", (0,)
        with self._lock:
            found = self._read.get(key)
            if found is None:
                if self._catalog is None:
                    self._catalog = self._open()
                found = self._read[key] = joined(self._catalog.page_texts(record))
        return found

    def prefetch(self, catalog: Any, file_ids: Iterable[int]) -> None:
        """Read these files' texts through an open ``catalog`` now (the build needs them anyway)."""
        for file_id in file_ids:
            record = self._records.get(file_id)
            key = extract_key(record) if record is not None else None
            if key is not None and key not in self._read:
                self._read[key] = joined(catalog.page_texts(record))

    def __getitem__(self, file_id: int) -> str:
        if file_id not in self._records:
            raise KeyError(file_id)
        return self.joined(file_id)[0]

    def __iter__(self) -> Iterator[int]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)


class PageStarts(Mapping[int, tuple[int, ...]]):
    """``file id -> offsets of its pages in its text``, from the same reads as ``CatalogTexts``."""

    def __init__(self, texts: CatalogTexts) -> None:
        self._texts = texts

    def __getitem__(self, file_id: int) -> tuple[int, ...]:
        return self._texts.joined(file_id)[1] if file_id in self._texts else (0,)

    def __iter__(self) -> Iterator[int]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)


def joined(pages: list[str]) -> tuple[str, tuple[int, ...]]:
    """The text as ``Catalog.text_of`` joins it, and where each page starts in it."""
    from zi_evidence.state.catalog import PAGE_SEPARATOR

    offsets, at = [], 0
    for page in pages:
        offsets.append(at)
        at += len(page) + len(PAGE_SEPARATOR)
    return PAGE_SEPARATOR.join(pages), tuple(offsets) or (0,)
