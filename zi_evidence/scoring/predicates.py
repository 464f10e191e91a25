"""Predicate check: every threshold of the rule set with value, minimum, pass/fail and shortfall.

The per-area minimum is computed in both readings the practice knows: on the combined area (the
regulation's wording) and on pemenuhan and reform separately; the rule set's ``ambang_per_area``
option says which one decides, the other is shown as information.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from zi_evidence.errors import ScoringError
from zi_evidence.rulesets import Criterion, Ruleset, Threshold
from zi_evidence.scoring.model import ScoreReport, ScoreView, ViewName
from zi_evidence.scoring.options import COMBINED, SEPARATE, area_rule
from zi_evidence.scoring.prerequisites import PrerequisiteResult, evaluate_prerequisite

PREDICATES = ("WBK", "WBBM")
EPSILON = 1e-9  # sums of printed weights may land a hair below a minimum they equal
PART_LABELS = {"pemenuhan": "pemenuhan", "reform": "reform"}


@dataclass(frozen=True)
class CriterionResult:
    key: str  # total, pengungkit, area.3, area.3.reform, hasil.ipak
    label: str
    value: float
    minimum: float
    passed: bool
    shortfall: float  # how much is missing to the minimum (0 when passed)
    decisive: bool = True  # False: shown for information only (the other per-area reading)
    min_ratio: float | None = None
    min_score: float | None = None
    min_answer: str | None = None
    note: str | None = None
    citation: str = ""


@dataclass(frozen=True)
class PredicateResult:
    key: str  # the threshold's key: wbk, wbbm, seleksi_internal
    predicate: str | None
    label: str
    view: ViewName
    criteria: tuple[CriterionResult, ...]
    requires: tuple[str, ...]
    requires_met: bool
    passed: bool  # every decisive criterion met and every required predicate reached
    prerequisites: tuple[PrerequisiteResult, ...]
    prerequisites_status: str  # met, not_met, unknown
    citation: str = ""

    @property
    def failed(self) -> tuple[CriterionResult, ...]:
        return tuple(c for c in self.criteria if c.decisive and not c.passed)


@dataclass(frozen=True)
class PredicateCheck:
    ruleset_id: str
    target: str
    area_rule: str
    claimed: tuple[PredicateResult, ...]
    evidence_backed: tuple[PredicateResult, ...]

    def results(self, view: str = "claimed") -> tuple[PredicateResult, ...]:
        return self.claimed if view == "claimed" else self.evidence_backed

    def result(self, predicate: str, view: str = "claimed") -> PredicateResult | None:
        return next((r for r in self.results(view) if r.predicate == predicate), None)

    def target_met(self, view: str = "evidence_backed") -> bool:
        """The target's score thresholds are met in ``view`` (prerequisites are reported separately)."""
        found = self.result(self.target, view)
        return bool(found and found.passed)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def check_predicates(ruleset: Ruleset, report: ScoreReport, target: str = "WBK") -> PredicateCheck:
    """WBK and WBBM (and any screening the rule set adds) in both views."""
    if target not in PREDICATES:
        raise ScoringError(f"Predikat target '{target}' tidak dikenal; pilih WBK atau WBBM.")
    rule = area_rule(report.options)
    views = {name: _check_view(ruleset, report, report.view(name), rule) for name in ("claimed", "evidence_backed")}
    return PredicateCheck(ruleset.id, target, rule, views["claimed"], views["evidence_backed"])


def _scored_thresholds(ruleset: Ruleset) -> list[Threshold]:
    # kawasan thresholds need an integration score this tool does not collect
    chosen = [t for t in ruleset.thresholds if t.stage != "kawasan"]
    return sorted(chosen, key=lambda t: len(t.requires))  # WBK before WBBM, which requires it


def _check_view(ruleset: Ruleset, report: ScoreReport, view: ScoreView, rule: str) -> tuple[PredicateResult, ...]:
    reached: dict[str, bool] = {}
    results = []
    for threshold in _scored_thresholds(ruleset):
        criteria = tuple(r for c in threshold.criteria for r in _criterion(ruleset, view, c, rule))
        requires_met = all(reached.get(p, False) for p in threshold.requires)
        passed = requires_met and all(c.passed for c in criteria if c.decisive)
        prerequisites: tuple[PrerequisiteResult, ...] = ()
        if threshold.predicate:
            reached[threshold.predicate] = passed
            prerequisites = tuple(
                evaluate_prerequisite(
                    item, threshold.predicate, report.prerequisite_facts.get(item.key), report.institution_kind
                )
                for item in ruleset.prerequisites
                if threshold.predicate in item.requirement
            )
        statuses = {item.status for item in prerequisites}
        overall = "not_met" if "not_met" in statuses else "unknown" if "unknown" in statuses else "met"
        results.append(
            PredicateResult(
                threshold.key,
                threshold.predicate,
                threshold.label,
                view.name,
                criteria,
                threshold.requires,
                requires_met,
                passed,
                prerequisites,
                overall,
                threshold.citation,
            )
        )
    return tuple(results)


def _result(key: str, label: str, value: float, minimum: float, criterion: Criterion, **extra: Any) -> CriterionResult:
    passed = value + EPSILON >= minimum
    return CriterionResult(
        key,
        label,
        value,
        minimum,
        passed,
        0.0 if passed else minimum - value,
        min_ratio=criterion.min_ratio,
        min_score=criterion.min_score,
        min_answer=criterion.min_answer,
        note=criterion.note,
        citation=criterion.citation,
        **extra,
    )


def _criterion(ruleset: Ruleset, view: ScoreView, criterion: Criterion, rule: str) -> list[CriterionResult]:
    target = criterion.target
    if target == "area":
        return _area_criteria(ruleset, view, criterion, rule)
    value = view.value_of(target)
    if target in ("total", "pengungkit"):
        label = "Nilai total (pengungkit + hasil)" if target == "total" else "Nilai pengungkit"
    else:
        item = ruleset.hasil_item(target.partition(".")[2])
        label = f"Hasil: {item.name}" if item else target
    if value is None or criterion.min is None:
        return []
    return [_result(target, label, value, criterion.min, criterion)]


def _area_criteria(ruleset: Ruleset, view: ScoreView, criterion: Criterion, rule: str) -> list[CriterionResult]:
    results = []
    for area in view.areas:
        ratio = criterion.min_ratio
        minimum = criterion.min if ratio is None else ratio * area.weight
        if minimum is None:
            continue
        label = f"Area {area.number} {area.name}"
        results.append(_result(f"area.{area.number}", label, area.value, minimum, criterion, decisive=rule == COMBINED))
        if ratio is None:
            continue
        for part in area.parts:
            results.append(
                _result(
                    f"area.{area.number}.{part.key}",
                    f"{label} — {PART_LABELS.get(part.key, part.key)}",
                    part.value,
                    ratio * part.weight,
                    criterion,
                    decisive=rule == SEPARATE,
                )
            )
    return results
