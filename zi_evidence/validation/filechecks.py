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

import json
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from zi_evidence.state.results import TextKey, TolerantCache, results_cache

if TYPE_CHECKING:
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


#: Told of a check that failed: (plugin name, where, "ErrorType: message").
Failure = Callable[[str, str, str], None]


def file_check_findings(
    checks: Mapping[str, tuple[str, type[FileCheck]]],
    version_of: Callable[[str], str | None],
    fail: Failure,
    context: EvidenceContext,
    cache_path: Path | None,
) -> list[tuple[str, Any]]:
    """``(plugin name, returned item)`` from every check (``name -> (plugin, class)``); ``version_of`` gives
    a plugin's distribution version, ``fail`` hears of each check that failed (once per check)."""
    if not checks:
        return []
    found: list[tuple[str, Any]] = []
    with results_cache(cache_path) as cache:
        for plugin, cls in checks.values():
            version = f"{cls.version}/{version_of(plugin) or '-'}"
            found += [(plugin, item) for item in _run(plugin, cls, version, context, cache, fail)]
    return found


def _run(
    plugin: str, cls: type[FileCheck], version: str, context: EvidenceContext, cache: TolerantCache, fail: Failure
) -> list[Any]:
    """One check over every file with text; a file it fails on is left out and the failure told once."""
    if not cls.name or cls.name.startswith(RESERVED_PREFIX):
        fail(plugin, "register_file_checks", f"nama pemeriksaan {cls.name!r} tidak boleh")
        return []
    try:
        check = cls()
    except Exception as exc:  # noqa: BLE001 - a broken check is the plugin's fault, reported, never fatal
        fail(plugin, f"{cls.name}()", f"{type(exc).__name__}: {exc}")
        return []
    stored = cache.load(cls.name, version)
    new: dict[TextKey, str] = {}
    seen: set[TextKey] = set()
    found: list[Any] = []
    failed = False
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
                fail(plugin, f"{cls.name}.{step}", f"{type(exc).__name__}: {exc} ({file.path})")
                failed = True
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
