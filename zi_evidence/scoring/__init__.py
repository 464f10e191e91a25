"""LKE scoring: the score tree in two views, the predicate check and the gap plan.

    report = score(ruleset, answers, unsupported=frozenset(...))
    check = check_predicates(ruleset, report, target="WBK")
    plan = gap_plan(ruleset, report, check)

All results are frozen dataclasses with ``to_dict()``; numbers stay unrounded (see ``fmt``).
"""

from zi_evidence.errors import ScoringError
from zi_evidence.scoring.engine import score
from zi_evidence.scoring.fmt import format_number, format_percent
from zi_evidence.scoring.gaps import GAP_LABELS, GapItem, GapPlan, gap_plan
from zi_evidence.scoring.model import (
    STATUS_LABELS,
    VIEW_LABELS,
    AreaScore,
    HasilComponentScore,
    HasilGroupScore,
    IndicatorScore,
    PartScore,
    QuestionScore,
    ScoreReport,
    ScoreView,
)
from zi_evidence.scoring.options import resolve_options
from zi_evidence.scoring.predicates import CriterionResult, PredicateCheck, PredicateResult, check_predicates
from zi_evidence.scoring.prerequisites import PREREQUISITE_LABELS, PrerequisiteResult

__all__ = [
    "GAP_LABELS",
    "PREREQUISITE_LABELS",
    "STATUS_LABELS",
    "VIEW_LABELS",
    "AreaScore",
    "CriterionResult",
    "GapItem",
    "GapPlan",
    "HasilComponentScore",
    "HasilGroupScore",
    "IndicatorScore",
    "PartScore",
    "PredicateCheck",
    "PredicateResult",
    "PrerequisiteResult",
    "QuestionScore",
    "ScoreReport",
    "ScoreView",
    "ScoringError",
    "check_predicates",
    "format_number",
    "format_percent",
    "gap_plan",
    "resolve_options",
    "score",
]
