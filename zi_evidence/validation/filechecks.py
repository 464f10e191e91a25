"""File checks: checks that judge one file's text at a time, their results kept per content.

A ``FileCheck`` splits its work in two. ``scan(text)`` says what one text holds, as JSON data that
depends on the text alone; ``findings(file, result, context)`` turns that into findings about one
catalogued file (its path, its question). The core keeps every scan's result in the state folder's
result cache under the text's identity (content hash, parser, parser version) and the check's name
and version (with its distribution's version), so a build scans only the texts it has not seen
before: a moved or copied file costs nothing, a changed one is scanned again, and so is every file
when the check's version changes. A missing, damaged or read-only cache only means scanning again.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from zi_evidence.state.results import ResultCache, TextKey, discard

if TYPE_CHECKING:
    from zi_evidence.plugins import PluginHost
    from zi_evidence.validation.findings import EvidenceContext, EvidenceFile, Finding


@dataclass(frozen=True)
class FileText:
    """One file's extracted text, pages joined as ``EvidenceContext.text`` joins them, and where each starts."""

    text: str
    page_starts: tuple[int, ...] = (0,)

    def page_at(self, offset: int) -> int:
        """The 1-based page holding character ``offset`` of ``text``."""
        return max(1, bisect_right(self.page_starts, offset))


#: Names the core keeps its own per-text results under; no plugin's check may take one.
RESERVED_PREFIX = "zi_evidence."


class FileCheck:
    """Subclass, set ``name`` and ``version``, and return the class from ``register_file_checks``.

    Bump ``version`` whenever ``scan`` would find something else in the same text: cached results of
    another version are never used. ``scan`` is called only for files with text that is not blank.
    """

    name: ClassVar[str] = ""
    version: ClassVar[str] = "1"

    def scan(self, text: FileText) -> Any:
        """What this check finds in ``text``: lists, dicts, strings, numbers, booleans, None (JSON)."""
        raise NotImplementedError

    def findings(self, file: EvidenceFile, result: Any, context: EvidenceContext) -> Iterable[Finding]:
        """Findings about ``file`` from the (cached) result of ``scan`` on its text; tuples come back as lists."""
        raise NotImplementedError


def file_check_findings(host: PluginHost, context: EvidenceContext, cache_path: Path | None) -> list[tuple[str, Any]]:
    """``(plugin name, returned item)`` from every registered file check; failures go to ``host.failures``."""
    checks = host.file_checks()
    if not checks:
        return []
    found: list[tuple[str, Any]] = []
    with results_cache(cache_path) as cache:
        for plugin, cls in checks.values():
            version = f"{cls.version}/{host.plugin_version(plugin) or '-'}"
            found += [(plugin, item) for item in _run(host, plugin, cls, version, context, cache)]
    return found


def _run(
    host: PluginHost, plugin: str, cls: type[FileCheck], version: str, context: EvidenceContext, cache: TolerantCache
) -> list[Any]:
    """One check over every file with text; a file it fails on is left out and the failure recorded once."""
    from zi_evidence.plugins import HookFailure

    failed: list[HookFailure] = []
    if not cls.name or cls.name.startswith(RESERVED_PREFIX):
        host.failures.append(HookFailure(plugin, "register_file_checks", f"nama pemeriksaan {cls.name!r} tidak boleh"))
        return []
    try:
        check = cls()
    except Exception as exc:  # noqa: BLE001 - a broken check is the plugin's fault, reported, never fatal
        host.failures.append(HookFailure(plugin, f"{cls.name}()", f"{type(exc).__name__}: {exc}"))
        return []
    stored = cache.load(cls.name, version)
    new: dict[TextKey, str] = {}
    seen: set[TextKey] = set()
    found: list[Any] = []
    for file in context.files:
        if not file.text_chars or not file.parser:
            continue
        key = (file.sha256, file.parser, file.parser_version)
        seen.add(key)
        step = "scan"
        try:
            result = _decoded(new.get(key) or stored.get(key))
            if result is _MISSING:
                text = FileText(context.text(file), tuple(context.page_starts.get(file.id, (0,))))
                encoded = json.dumps(check.scan(text), ensure_ascii=False)  # raises on data JSON cannot keep
                new[key] = encoded
                result = json.loads(encoded)  # the very value a cached build sees
            step = "findings"
            found += check.findings(file, result, context) or ()
        except Exception as exc:  # noqa: BLE001 - one file the check trips on must not hide the others
            if not failed:
                failed.append(HookFailure(plugin, f"{cls.name}.{step}", f"{type(exc).__name__}: {exc} ({file.path})"))
    host.failures.extend(failed)
    cache.update(cls.name, version, new, seen)
    return found


_MISSING = object()


def _decoded(encoded: str | None) -> Any:
    if encoded is None:
        return _MISSING
    try:
        return json.loads(encoded)
    except ValueError:  # a damaged row: scanned again
        return _MISSING


class TolerantCache:
    """The result cache, or nothing: every failure of the cache means computing, never failing the build."""

    def __init__(self, cache: ResultCache | None) -> None:
        self.cache = cache

    def load(self, name: str, version: str) -> dict[TextKey, str]:
        if self.cache is None:
            return {}
        try:
            return self.cache.load(name, version)
        except sqlite3.Error:
            self._drop()
            return {}

    def update(self, name: str, version: str, new: dict[TextKey, str], seen: set[TextKey]) -> None:
        if self.cache is None:
            return
        try:
            self.cache.update(name, version, new, seen)
        except sqlite3.Error:  # locked for too long, read-only, full disk: kept next time instead
            self._drop()

    def _drop(self) -> None:
        """Go on without the cache; remove it only when SQLite says it is damaged."""
        assert self.cache is not None
        path = self.cache.path
        with contextlib.suppress(sqlite3.Error):
            self.cache.db.close()
        self.cache = None
        if not _healthy(path):
            discard(path)


def _healthy(path: Path) -> bool:
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=1)) as db:
            return db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.OperationalError:  # locked or unreadable: not ours to remove
        return True
    except sqlite3.DatabaseError:
        return False


@contextlib.contextmanager
def results_cache(path: Path | None) -> Iterator[TolerantCache]:
    """The result cache at ``path`` for one build (None: none), whose failures never fail the build."""
    cache = TolerantCache(_open(path) if path is not None else None)
    try:
        yield cache
    finally:
        if cache.cache is not None:
            cache.cache.db.close()


def _open(path: Path) -> ResultCache | None:
    try:
        return ResultCache(path)
    except sqlite3.OperationalError:  # locked, read-only folder, no such folder: run without it
        return None
    except sqlite3.DatabaseError:  # not a database any more: set aside, start afresh
        discard(path)
    try:
        return ResultCache(path)
    except sqlite3.Error:
        return None
