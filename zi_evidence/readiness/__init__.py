"""How ready one unit is for the TPI review, assembled in one place: catalog → findings → answers → scores.

``build_readiness(repo)`` reads an indexed repository once and returns plain frozen data; ``check``,
every report format and the PMPZI bundle read only this object, and the JSON report is its
serialisation (``to_dict``). Without an answers file the object still carries completeness and
findings; ``scores`` is then ``None`` and ``answers`` says how to create one.
"""

from zi_evidence.dates import format_date
from zi_evidence.errors import CatalogMissing
from zi_evidence.readiness.build import build_readiness
from zi_evidence.readiness.deadline import next_deadline
from zi_evidence.readiness.model import (
    ANSWERS_HOWTO,
    SCHEMA_VERSION,
    SEVERITY_LABELS,
    AnswersState,
    AreaRow,
    Deadline,
    FileLink,
    IndicatorRow,
    PartRow,
    QuestionRow,
    Readiness,
    Rollup,
    Scores,
    Totals,
    UnitRow,
    Verdict,
    href,
)
from zi_evidence.readiness.reviews import QuestionReview, RekapLine, Reviews, TierInfo, TierVerdict
from zi_evidence.readiness.rollup import build_rollup, unit_row

__all__ = [
    "ANSWERS_HOWTO",
    "SCHEMA_VERSION",
    "SEVERITY_LABELS",
    "AnswersState",
    "AreaRow",
    "CatalogMissing",
    "Deadline",
    "FileLink",
    "IndicatorRow",
    "PartRow",
    "QuestionReview",
    "QuestionRow",
    "Readiness",
    "RekapLine",
    "Reviews",
    "Rollup",
    "Scores",
    "TierInfo",
    "TierVerdict",
    "Totals",
    "UnitRow",
    "Verdict",
    "build_readiness",
    "build_rollup",
    "format_date",
    "href",
    "next_deadline",
    "unit_row",
]
