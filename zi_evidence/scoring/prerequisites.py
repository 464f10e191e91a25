"""Prerequisites outside the score (BPK opinion, SAKIP, TLHP, LHKPN…) read against the team's stated facts.

The rule set states each requirement as short text ("minimal WTP", "100 %", "minimal 1 tahun",
"minimal CC (Pemda) / B (K/L)"); a fact is compared only when both sides can be read without
guessing, otherwise the result is "unknown" with a note saying what to fill in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from zi_evidence.rulesets import Prerequisite

PrerequisiteStatus = Literal["met", "not_met", "unknown"]
PREREQUISITE_LABELS: dict[str, str] = {"met": "terpenuhi", "not_met": "tidak terpenuhi", "unknown": "belum diketahui"}

#: Ordered worst → best, so "minimal X" means index(fact) >= index(X).
SCALES: tuple[tuple[str, ...], ...] = (
    ("TMP", "TW", "WDP", "WTP"),  # BPK opinions
    ("D", "C", "CC", "B", "BB", "A", "AA"),  # SAKIP / AKIP / Indeks RB grades
)
_KIND_MARKERS = {"pemda": "(pemda)", "kl": "(k/l)"}


@dataclass(frozen=True)
class PrerequisiteResult:
    key: str
    label: str
    level: str
    requirement: str
    fact: Any
    status: PrerequisiteStatus
    note: str | None = None
    citation: str = ""


def evaluate_prerequisite(
    prerequisite: Prerequisite, predicate: str, fact: Any, institution_kind: str | None = None
) -> PrerequisiteResult:
    requirement = prerequisite.requirement.get(predicate, "")
    status, note = _judge(requirement, fact, institution_kind)
    return PrerequisiteResult(
        prerequisite.key, prerequisite.label, prerequisite.level, requirement, fact, status, note, prerequisite.citation
    )


def _judge(requirement: str, fact: Any, kind: str | None) -> tuple[PrerequisiteStatus, str | None]:
    if fact is None or fact == "":
        return "unknown", "fakta belum diisi di bagian prasyarat jawaban-lke.yaml"
    if isinstance(fact, dict):
        judged = {name: _judge(requirement, value, kind) for name, value in fact.items()}
        notes = "; ".join(f"{name}: {note}" for name, (_, note) in judged.items() if note)
        statuses = {status for status, _ in judged.values()}
        overall: PrerequisiteStatus = (
            "not_met" if "not_met" in statuses else "unknown" if "unknown" in statuses or not statuses else "met"
        )
        return overall, notes or None
    segment, problem = _segment(requirement, kind)
    if segment is None:
        return "unknown", problem
    if isinstance(fact, bool):
        return ("met", None) if fact else ("not_met", "dinyatakan belum memenuhi")
    if isinstance(fact, str) and fact.strip().lower() in ("ya", "tidak", "y", "t"):
        return ("met", None) if fact.strip().lower() in ("ya", "y") else ("not_met", "dinyatakan belum memenuhi")
    number = re.search(r"\d+(?:[.,]\d+)?", segment)
    if isinstance(fact, int | float):
        if number is None:
            return "unknown", f"angka {fact:g} tidak dapat dibandingkan dengan '{segment}'"
        minimum = float(number.group().replace(",", "."))
        return ("met", None) if fact >= minimum else ("not_met", f"{fact:g} di bawah {minimum:g}")
    return _grade(segment, str(fact).strip().upper())


def _segment(requirement: str, kind: str | None) -> tuple[str | None, str | None]:
    """The part of the requirement for this kind of institution ("CC (Pemda) / B (K/L)")."""
    if not requirement:
        return None, "aturan tidak memuat syarat ini untuk predikat tersebut"
    segments = [s.strip() for s in requirement.split(" / ")]
    if len(segments) == 1:
        return segments[0], None
    if kind is None:
        return None, "syarat berbeda untuk K/L dan pemda: isi jenis_instansi (kl atau pemda)"
    match = next((s for s in segments if _KIND_MARKERS[kind] in s.lower()), None)
    return (match, None) if match else (None, f"syarat untuk jenis instansi '{kind}' tidak ditemukan")


def _grade(segment: str, fact: str) -> tuple[PrerequisiteStatus, str | None]:
    words = [w.upper() for w in re.findall(r"[A-Za-z]+", segment)]
    for scale in SCALES:
        wanted = next((w for w in words if w in scale), None)
        if wanted is not None and fact in scale:
            if scale.index(fact) >= scale.index(wanted):
                return "met", None
            return "not_met", f"{fact} di bawah minimal {wanted}"
    return "unknown", f"'{fact}' tidak dapat dibandingkan dengan '{segment}'"
