"""Periodic reports: are the monthly / quarterly / half-yearly reports all there, and which are missing?

Only periods that have already ended on ``context.as_of`` are expected (a November report cannot be
missing in October); once the assessment year is over, all of them are. ``min_count`` lowers (or raises)
the number required; the missing periods are always named.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date

from zi_evidence import EvidenceContext, EvidenceFile, Finding, Target, format_date
from zi_evidence_checks.coverage import satisfying
from zi_evidence_checks.periods import PERIODS_PER_YEAR, Period, report_periods

UNIT_WORDS = {
    "monthly": ("bulanan", "bulan"),
    "quarterly": ("triwulanan", "triwulan"),
    "semiannual": ("semesteran", "semester"),
}
MONTHS_PER_PERIOD = {"monthly": 1, "quarterly": 3, "semiannual": 6}


def period_end(year: int, unit: str, number: int) -> date:
    month = number * MONTHS_PER_PERIOD[unit]
    return date(year, month, calendar.monthrange(year, month)[1])


def elapsed_periods(year: int, unit: str, as_of: date) -> list[Period]:
    """Periods of ``year`` that ended before ``as_of``."""
    return [Period(unit, n, year) for n in range(1, PERIODS_PER_YEAR[unit] + 1) if period_end(year, unit, n) < as_of]


def _covered(context: EvidenceContext, file: EvidenceFile, unit: str) -> set[int] | None:
    """Period numbers of the assessment year the file covers; None when the file names no period."""
    periods = report_periods(file.name, context.text(file), unit)
    if not periods:
        return None
    numbers = set()
    for period in periods:
        year = period.year
        if year is None:
            # unstated: the assessment year, unless the file was made before that year began
            year = file.date.year if file.date and file.date.year < context.year else context.year
        if year == context.year:
            numbers.add(period.number)
    return numbers


def periodicity(context: EvidenceContext) -> Iterator[Finding]:
    for target in context.targets:
        for expectation in target.evidence:
            unit = getattr(expectation, "periodicity", None)
            kind = getattr(expectation, "kind", None)
            if unit in PERIODS_PER_YEAR and kind:
                yield from _series(context, target, expectation, unit, kind)
            elif kind and getattr(expectation, "min_count", None):
                yield from _count(context, target, expectation, kind)


def _series(context: EvidenceContext, target: Target, expectation, unit: str, kind: str) -> Iterator[Finding]:
    files = [f for f in context.files_for(target.id) if f.readable and set(f.kinds) & satisfying(kind)]
    if not files:
        return  # "missing kind" already says there is none
    due = elapsed_periods(context.year, unit, context.as_of)
    if not due:
        return
    covered: set[int] = set()
    unknown: list[EvidenceFile] = []
    for file in files:
        numbers = _covered(context, file, unit)
        if numbers is None:
            unknown.append(file)
        else:
            covered |= numbers
    required = min(expectation.min_count or PERIODS_PER_YEAR[unit], len(due))
    present = [p for p in due if p.number in covered]
    missing = [p for p in due if p.number not in covered]
    if len(present) >= required:
        return
    adjective, noun = UNIT_WORDS[unit]
    whole_year = len(due) == PERIODS_PER_YEAR[unit]
    scope = (
        f"tahun {context.year}"
        if whole_year
        else f"{context.year} yang sudah berakhir per {format_date(context.as_of)}"
    )
    # present < required <= len(due), so at least one period is missing
    hint = (
        f"Lengkapi laporan {adjective} yang belum ada dan beri nama berkas yang menyebut periodenya "
        f"(mis. '{target.id} Laporan Monev {missing[0].label()} {context.year}')."
    )
    if unknown:
        names = ", ".join(f"'{f.name}'" for f in unknown[:3])
        hint += f" Periode {len(unknown)} berkas tidak terbaca dari nama/judulnya: {names}."
    short = context.kind_label(kind).split(" (")[0]
    yield Finding(
        "periodic_missing",
        expectation.severity,
        f"{short} {adjective} untuk {target.id} belum lengkap: ada {len(present)} dari {len(due)} {noun} {scope}; "
        f"belum ada: {', '.join(p.label() for p in missing)}. Yang diharapkan: {expectation.description}.",
        hint,
        question=target.id,
    )


def _count(context: EvidenceContext, target: Target, expectation, kind: str) -> Iterator[Finding]:
    files = [f for f in context.files_for(target.id) if f.readable and set(f.kinds) & satisfying(kind)]
    if not files or len(files) >= expectation.min_count:
        return
    label = context.kind_label(kind)
    yield Finding(
        "too_few",
        expectation.severity,
        f"{label} untuk {target.id} baru {len(files)} berkas; yang diharapkan sedikitnya {expectation.min_count} "
        f"({expectation.description}).",
        f"Tambahkan {label.lower()} yang masih kurang ke folder pertanyaan ini.",
        question=target.id,
    )
