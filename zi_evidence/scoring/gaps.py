"""The gap plan: what is missing, unsupported or low, ranked by the points it can still bring to the target.

Points of a question = its weight (indicator weight ÷ n, or the printed sub-weight) × (1 − value), read
in the evidence-backed view: that is what a TPI reviewer will count. Items that narrow a failing
threshold of the target predicate come first, then unmet or unknown prerequisites, then the rest.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from zi_evidence.rulesets import Ruleset
from zi_evidence.scoring.fmt import format_number as num
from zi_evidence.scoring.model import QuestionScore, ScoreReport, ViewName
from zi_evidence.scoring.predicates import CriterionResult, PredicateCheck

GapKind = Literal["unanswered", "unsupported", "low", "threshold", "prerequisite"]
GAP_LABELS: dict[str, str] = {
    "unanswered": "belum dijawab",
    "unsupported": "tanpa data dukung",
    "low": "nilai belum penuh",
    "threshold": "ambang batas belum tercapai",
    "prerequisite": "prasyarat",
}
EPSILON = 1e-9


@dataclass(frozen=True)
class GapItem:
    kind: GapKind
    ref: str  # question id, hasil criterion/component key or prerequisite key
    label: str
    action: str  # what to do, in Bahasa Indonesia
    points: float  # recoverable toward the total (a threshold item: its shortfall)
    area: int | None = None
    part: str | None = None
    helps: tuple[str, ...] = ()  # failing criteria of the target this item narrows


@dataclass(frozen=True)
class GapPlan:
    target: str
    view: ViewName
    target_met: bool
    shortfalls: tuple[CriterionResult, ...]  # failing decisive criteria of the target (and what it requires)
    items: tuple[GapItem, ...]
    recoverable: float  # sum of the question and hasil items' points

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def gap_plan(ruleset: Ruleset, report: ScoreReport, check: PredicateCheck, target: str | None = None) -> GapPlan:
    target = target or check.target
    view = report.evidence_backed
    result = check.result(target, "evidence_backed")
    failing: dict[str, CriterionResult] = {}
    for predicate in (*(result.requires if result else ()), target):
        found = check.result(predicate, "evidence_backed")
        for criterion in found.failed if found else ():
            known = failing.get(criterion.key)
            if known is None or criterion.shortfall > known.shortfall:
                failing[criterion.key] = criterion
    ranked: list[tuple[int, float, int, GapItem]] = []
    for order, question in enumerate(view.questions()):
        item = _question_item(ruleset, question, failing)
        if item is not None:
            ranked.append((0 if item.helps else 2, -item.points, order, item))
    for order, item in enumerate(_hasil_items(report, failing)):
        ranked.append((0 if item.helps else 2, -item.points, 10_000 + order, item))
    for order, prerequisite in enumerate(result.prerequisites if result else ()):
        if prerequisite.status != "met":
            what = "Isi fakta" if prerequisite.status == "unknown" else "Penuhi"
            detail = f" ({prerequisite.note})" if prerequisite.note else ""
            action = f"{what} prasyarat '{prerequisite.label}': {target} {prerequisite.requirement}{detail}."
            item = GapItem("prerequisite", prerequisite.key, prerequisite.label, action, 0.0)
            ranked.append((1, 0.0, 20_000 + order, item))
    items = tuple(entry[3] for entry in sorted(ranked, key=lambda e: e[:3]))
    recoverable = sum(i.points for i in items if i.kind != "threshold")
    return GapPlan(
        target, "evidence_backed", bool(result and result.passed), tuple(failing.values()), items, recoverable
    )


def _question_item(ruleset: Ruleset, question: QuestionScore, failing: dict[str, CriterionResult]) -> GapItem | None:
    points = question.weight * max(0.0, 1.0 - question.value)
    if points <= EPSILON and question.status == "answered":
        return None
    keys = ("total", "pengungkit", f"area.{question.area}", f"area.{question.area}.{question.part}")
    helps = tuple(k for k in keys if k in failing)
    source = ruleset.question(question.id)
    kind = ruleset.answer_types[question.answer_type]
    best = max(kind.values, key=lambda letter: kind.values[letter]) if kind.values else None
    aim = f"jawaban {best}" if best else "100 %"
    if best and source is not None and best in source.criteria:
        aim += f" ({source.criteria[best]})"
    gain = f"+{num(points)} poin"
    if question.status == "unanswered":
        action = f"Isi jawaban di jawaban-lke.yaml dan siapkan data dukungnya; penuh = {aim}, {gain}."
        return GapItem("unanswered", question.id, question.label, action, points, question.area, question.part, helps)
    if question.status == "unsupported":
        claimed = question.claimed_answer or "persentase yang diisi"
        action = (
            f"Lengkapi data dukung untuk jawaban {claimed}; tanpa bukti TPI menghitungnya 0. "
            f"Nilai penuh = {aim}, {gain}."
        )
        return GapItem("unsupported", question.id, question.label, action, points, question.area, question.part, helps)
    if question.answer is not None:
        action = f"Tingkatkan pelaksanaan dari jawaban {question.answer} ke {aim}; {gain}."
    else:
        action = f"Naikkan capaian rumus dari {num(question.value * 100)} % ke 100 %; {gain}."
    return GapItem("low", question.id, question.label, action, points, question.area, question.part, helps)


def _hasil_items(report: ScoreReport, failing: dict[str, CriterionResult]) -> list[GapItem]:
    items = []
    for group in report.evidence_backed.hasil_groups:
        for component in group.components:
            helps = tuple(k for k in ("total", f"hasil.{component.key}", f"hasil.{group.key}") if k in failing)
            if component.status == "unanswered":
                action = f"Isi '{component.key}' di bagian hasil jawaban-lke.yaml (hasil survei/laporan)."
                items.append(
                    GapItem("unanswered", component.key, component.name, action, component.weight, helps=helps)
                )
            elif component.status == "unsupported":
                action = f"Lampirkan laporan/bukti resmi untuk {component.name}; tanpa bukti dihitung 0."
                items.append(
                    GapItem("unsupported", component.key, component.name, action, component.weight, helps=helps)
                )
    for criterion in failing.values():
        if not criterion.key.startswith("hasil."):
            continue
        need = f"minimal {num(criterion.minimum)}"
        if criterion.min_score is not None:
            need += f" (skor/persen {num(criterion.min_score)})"
        if criterion.min_answer is not None:
            need += f" (jawaban {criterion.min_answer})"
        action = f"Nilai {num(criterion.value)}, perlu {need}; kurang {num(criterion.shortfall)} poin."
        items.append(
            GapItem("threshold", criterion.key, criterion.label, action, criterion.shortfall, helps=(criterion.key,))
        )
    return items
