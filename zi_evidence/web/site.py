"""The one repository a web app serves, and what it may keep between requests.

Every request reads the catalog's generation; what is derived from the whole catalog (findings,
scores, gap plan, each file's document date) is built once per generation, answers file and day
(a ``Snapshot``) and shared by every page and thread, so an ``index`` run or a saved answers file
shows on the next page load and never a stale one, and no page re-reads every file's text.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from zi_evidence.config import ANSWERS_NAME, CONFIG_NAME, file_stamp, load_config
from zi_evidence.dates import DocumentDate
from zi_evidence.errors import CatalogMissing
from zi_evidence.readiness import Readiness, build_readiness
from zi_evidence.repository import Repository
from zi_evidence.validation.findings import Finding, build_context


@dataclass(frozen=True)
class Snapshot:
    """The readiness of one catalog generation, with the indexes the pages look things up in."""

    key: tuple[Any, ...]
    readiness: Readiness
    dates: Mapping[int, DocumentDate | None]  # file id → the document date the checks used
    by_question: Mapping[str, tuple[Finding, ...]]
    by_path: Mapping[str, tuple[Finding, ...]]  # display path → the findings about that file


class Site:
    def __init__(self, repo: Repository) -> None:
        self._repo = repo
        self._config_stamp = file_stamp(repo.root / CONFIG_NAME)
        self._reload_lock = threading.Lock()
        self._lock = threading.Lock()  # one build at a time; the others wait for it, then share it
        self._snapshot: Snapshot | None = None

    @property
    def repo(self) -> Repository:
        """The repository as its zi-evidence.yaml says now: an edited config (rule set, year, mappings)
        shows on the next page without restarting the server; a broken one is reported on the page."""
        current = self._repo
        stamp = file_stamp(current.root / CONFIG_NAME)
        if stamp == self._config_stamp:
            return current
        with self._reload_lock:
            if self._repo is current:
                config = load_config(current.root, current.config.state_dir)
                self._repo = Repository(config, current.host)
                self._config_stamp = stamp
            return self._repo

    def unit_name(self) -> str:
        """The unit's name as last loaded: an error page still shows it while the config is broken."""
        return str(self._repo.config.unit.name)

    def require_catalog(self) -> None:
        if not self.repo.has_catalog():
            raise CatalogMissing(
                f"Katalog {self.repo.root} belum ada. Jalankan dulu: zi-evidence index {self.repo.root}"
            )

    def generation(self) -> str | None:
        self.require_catalog()
        with self.repo.catalog() as catalog:
            return catalog.generation()

    def snapshot(self) -> Snapshot:
        # the key is read before the build: a run committed meanwhile changes it, so the next request rebuilds
        today = date.today()
        repo = self.repo
        key = (self.generation(), file_stamp(repo.root / ANSWERS_NAME), self._config_stamp, today)
        with self._lock:
            current = self._snapshot
            if current is not None and current.key == key and key[0] is not None:
                return current
            current = _build(repo, key, today)
            self._snapshot = current
            return current

    def readiness(self) -> Readiness:
        return self.snapshot().readiness

    def kind_labels(self) -> dict[str, str]:
        return {name: str(getattr(cls, "label", name)) for name, cls in self.repo.kind_detectors.items()}


def _build(repo: Repository, key: tuple[Any, ...], today: date) -> Snapshot:
    context = build_context(repo, as_of=today)
    readiness = build_readiness(repo, today, context=context)
    by_question: dict[str, list[Finding]] = {}
    by_path: dict[str, list[Finding]] = {}
    for finding in readiness.findings:
        by_question.setdefault(finding.question or "", []).append(finding)
        if finding.path:
            by_path.setdefault(finding.path, []).append(finding)
    return Snapshot(
        key=key,
        readiness=readiness,
        dates={f.id: f.date for f in context.files},  # the texts are not kept: only what the pages show
        by_question={k: tuple(v) for k, v in by_question.items()},
        by_path={k: tuple(v) for k, v in by_path.items()},
    )
