"""The one repository a web app serves, and what it may keep between requests.

Every request reads the current catalog; the readiness (findings, scores, gap plan) is kept only
while the catalog generation, the answers file and the day are the same, so an ``index`` run or a
saved answers file shows on the next page load and never a stale one.
"""

from __future__ import annotations

import os
import threading
from datetime import date
from typing import Any

from zi_evidence.config import ANSWERS_NAME
from zi_evidence.errors import CatalogMissing
from zi_evidence.readiness import Readiness, build_readiness
from zi_evidence.repository import Repository


class Site:
    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self._lock = threading.Lock()
        self._key: tuple[Any, ...] | None = None
        self._readiness: Readiness | None = None
        self.search_lock = threading.Lock()  # one search backend object; its searcher cache is not thread-safe

    def require_catalog(self) -> None:
        if not self.repo.has_catalog():
            raise CatalogMissing(
                f"Katalog {self.repo.root} belum ada. Jalankan dulu: zi-evidence index {self.repo.root}"
            )

    def generation(self) -> str | None:
        self.require_catalog()
        with self.repo.catalog() as catalog:
            return catalog.generation()

    def readiness(self) -> Readiness:
        generation = self.generation()
        key = None if generation is None else (generation, _stamp(self.repo.root / ANSWERS_NAME), date.today())
        with self._lock:
            if key is None or key != self._key or self._readiness is None:
                self._readiness = build_readiness(self.repo)
                self._key = key
            return self._readiness

    def kind_labels(self) -> dict[str, str]:
        return {name: str(getattr(cls, "label", name)) for name, cls in self.repo.kind_detectors.items()}


def _stamp(path: os.PathLike[str]) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino)
