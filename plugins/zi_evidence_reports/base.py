"""What every built-in report format shares: Indonesian labels and number text.

The ``render`` contract and the safe write are the core's (``zi_evidence.BaseReportFormat``): a format
renders the :class:`~zi_evidence.Readiness` it is given and, given ``out_path``, writes it there. The
PMPZI bundle passes a readiness dated by its build time and no path, and embeds the bytes; evidence is
then shown as paths without links (the bundle renames every file, so a link into the tree would not open).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from zi_evidence import (
    GAP_LABELS,
    PREREQUISITE_LABELS,
    STATUS_LABELS,
    Readiness,
    format_date,
    format_number,
)

SEVERITY_LABELS = {"error": "Galat", "warning": "Peringatan", "info": "Info"}
PART_LABELS = {"pemenuhan": "Pemenuhan", "reform": "Reform"}
NO_ANSWERS = "—"


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
