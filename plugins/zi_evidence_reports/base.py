"""What every built-in report format shares: the ``render`` contract, Indonesian labels and number text.

A format renders a :class:`~zi_evidence.readiness.Readiness` to bytes and, given ``out_path``, writes
them there (and nowhere else). The PMPZI bundle calls ``render(repo, build_time=...)`` without a path
and embeds the bytes; then the readiness is built here, dated by the build time, and evidence is shown
as paths without links (the bundle renames every file, so a link into the tree would not open).
"""

from __future__ import annotations

import os
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from zi_evidence.outputs import usual_permissions
from zi_evidence.readiness import Readiness, Rollup, build_readiness, format_date
from zi_evidence.scoring import GAP_LABELS, PREREQUISITE_LABELS, STATUS_LABELS, format_number

SEVERITY_LABELS = {"error": "Galat", "warning": "Peringatan", "info": "Info"}
PART_LABELS = {"pemenuhan": "Pemenuhan", "reform": "Reform"}
NO_ANSWERS = "—"


class ReportFormat:
    """Subclasses set ``name``, ``label``, ``suffix`` and implement ``build`` (and ``build_rollup``)."""

    name = ""
    label = ""
    suffix = ""

    def build(self, readiness: Readiness, out_dir: Path | None) -> bytes:
        raise NotImplementedError

    def build_rollup(self, rollup: Rollup, out_dir: Path | None) -> bytes:
        raise NotImplementedError

    def render(self, readiness: Any, out_path: Path | None = None, *, build_time: datetime | None = None) -> bytes:
        """The report as bytes; written to ``out_path`` when given. ``readiness`` may be a Repository."""
        if not isinstance(readiness, Readiness):
            readiness = build_readiness(readiness, today=build_time.date() if build_time else None)
        data = self.build(readiness, Path(out_path).parent if out_path is not None else None)
        if out_path is not None:
            write_atomically(Path(out_path), data)
        return data

    def render_rollup(self, rollup: Rollup, out_path: Path | None = None) -> bytes:
        data = self.build_rollup(rollup, Path(out_path).parent if out_path is not None else None)
        if out_path is not None:
            write_atomically(Path(out_path), data)
        return data


def write_atomically(path: Path, data: bytes) -> None:
    """A reader (or a synced drive) never sees half a report: write a temporary file, then rename it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".laporan-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        usual_permissions(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# -- text shown to people ----------------------------------------------------------------------------


def num(value: float | None, decimals: int = 2) -> str:
    return NO_ANSWERS if value is None else format_number(value, decimals)


def pct(part: float | None, whole: float | None) -> str:
    if part is None or not whole:
        return NO_ANSWERS
    return f"{format_number(part / whole * 100, 1)} %"


def tanggal(day: date) -> str:
    return format_date(day)


def days_text(days: int) -> str:
    return "hari ini" if days == 0 else "besok" if days == 1 else f"{days} hari lagi"


def status_label(status: str | None) -> str:
    return STATUS_LABELS.get(status or "", NO_ANSWERS)


def answer_text(row: Any) -> str:
    """The answer as the team gave it: a letter, a survey score, or the "%" formula's result."""
    if row.status is None:
        return NO_ANSWERS
    if row.ratio is not None:
        return f"{format_number(row.ratio * 100, 1)} %"
    if row.answer is None:
        return "(kosong)"
    try:
        return format_number(float(row.answer))
    except ValueError:
        return str(row.answer)


def passed_text(passed: bool | None) -> str:
    return NO_ANSWERS if passed is None else ("MEMENUHI" if passed else "BELUM MEMENUHI")


def gap_label(kind: str) -> str:
    return GAP_LABELS.get(kind, kind)


def prerequisite_label(status: str) -> str:
    return PREREQUISITE_LABELS.get(status, status)


def fact_text(fact: Any) -> str:
    if fact is None or fact == "":
        return "(belum diisi)"
    if isinstance(fact, bool):
        return "ya" if fact else "tidak"
    if isinstance(fact, dict):
        return ", ".join(f"{k}: {fact_text(v)}" for k, v in fact.items())
    if isinstance(fact, int | float):
        return format_number(float(fact)).removesuffix(",00")
    return str(fact)


def area_label(readiness: Readiness, number: int) -> str:
    area = next((a for a in readiness.areas if a.number == number), None)
    return f"Area {number} {area.name}" if area else f"Area {number}"


def headline(readiness: Readiness) -> list[tuple[str, bool | None]]:
    """``[(view label, passed)]`` for the target predicate: claimed, then evidence-backed."""
    scores = readiness.scores
    if scores is None:
        return [("Sesuai jawaban", None), ("Didukung data dukung", None)]
    claimed = scores.predicate(readiness.target, "claimed")
    backed = scores.predicate(readiness.target, "backed")
    return [
        ("Sesuai jawaban", claimed.passed if claimed else None),
        ("Didukung data dukung", backed.passed if backed else None),
    ]


def completeness(readiness: Readiness) -> tuple[int, int, int]:
    """(targets with usable evidence, targets with any file, all targets)."""
    rows = readiness.questions
    return sum(1 for q in rows if q.supported), sum(1 for q in rows if q.files), len(rows)
