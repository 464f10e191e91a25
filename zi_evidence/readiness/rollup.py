"""Many units at once, for a Kanwil or Eselon I officer."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from zi_evidence.errors import CatalogMissing, ZiError
from zi_evidence.progress import Progress, Silent
from zi_evidence.readiness.build import build_readiness
from zi_evidence.readiness.model import Readiness, Rollup, UnitRow


def unit_row(path: str, readiness: Readiness) -> UnitRow:
    scores = readiness.scores
    predicates = {}
    if scores is not None:
        for name in ("WBK", "WBBM"):
            claimed, backed = scores.predicate(name, "claimed"), scores.predicate(name, "backed")
            if claimed is not None and backed is not None:
                predicates[name] = {"claimed": bool(claimed.passed), "backed": bool(backed.passed)}
    counts = readiness.severity_counts()
    return UnitRow(
        path,
        readiness.unit,
        "ok",
        readiness.answers.note,
        readiness.ruleset_id,
        readiness.target,
        readiness.areas,
        scores.claimed if scores else None,
        scores.backed if scores else None,
        predicates,
        readiness.completeness().targets,
        readiness.completeness().supported,
        counts["error"],
        counts["warning"],
        readiness.answers.status,
        readiness.verdict.ok,
        readiness.reviews.rekap if readiness.reviews is not None else (),
    )


def build_rollup(paths: Iterable[Path], today: date | None = None, progress: Progress | None = None) -> Rollup:
    """One row per evidence repository; a unit that cannot be read is a row saying why, never a crash."""
    from zi_evidence.plugins import make_plugin_manager
    from zi_evidence.repository import Repository

    progress = progress or Silent()
    today = today or date.today()
    host = make_plugin_manager()  # one plugin host for every unit: loading plugins is the slow part
    rows = []
    from zi_evidence.config import CONFIG_NAME

    for path in paths:
        shown = str(path)
        if not (Path(path) / CONFIG_NAME).is_file():  # never climb to a parent's repository by accident
            message = (
                f"Bukan folder repositori data dukung (tidak ada {CONFIG_NAME}); jalankan: zi-evidence init {shown}"
            )
            rows.append(UnitRow(shown, Path(path).name, "error", message))
            continue
        try:
            repo = Repository.open(path, host=host)
            rows.append(unit_row(shown, build_readiness(repo, today, progress)))
        except CatalogMissing:
            message = f"Katalog belum ada; jalankan: zi-evidence index {shown}"
            rows.append(UnitRow(shown, _unit_name(repo), "no_catalog", message, repo.ruleset.id, repo.config.target))
        except ZiError as exc:
            rows.append(UnitRow(shown, Path(path).name, "error", str(exc)))
    return Rollup(today, tuple(rows))


def _unit_name(repo: Any) -> str:
    return str(repo.config.unit.name)
