"""What a readiness report holds: plain frozen data, serialised as the JSON report."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zi_evidence import __version__
from zi_evidence.config import ANSWERS_NAME
from zi_evidence.problems import SEVERITY_LABELS
from zi_evidence.readiness.plain import to_plain
from zi_evidence.readiness.reviews import RekapLine, Reviews
from zi_evidence.validation.findings import Finding

if TYPE_CHECKING:
    from zi_evidence.suggest import Suggestion

SCHEMA_VERSION = 1
ANSWERS_HOWTO = (
    f"Buat berkas jawaban dengan 'zi-evidence answers template' ({ANSWERS_NAME} di akar repositori), "
    "isi jawaban penilaian mandiri dan masukan hasil, lalu buat laporan ini lagi."
)


@dataclass(frozen=True)
class Deadline:
    key: str
    label: str
    date: date
    days_left: int  # 0 = today
    actor: str | None
    citation: str


@dataclass(frozen=True)
class FileLink:
    path: str  # display form relative to the root: escaped, safe to show
    status: str  # ok | problem | unsupported | pending
    usable: bool  # readable and dated in the assessment year (counts as evidence)
    fs_path: str = field(default="", repr=False)  # the real name (os.fsdecode), for links only; not serialised


@dataclass(frozen=True)
class QuestionRow:
    """One LKE question or hasil component: its evidence and, when answers exist, its score in both views."""

    id: str
    label: str
    area: int  # 0 for hasil components
    part: str | None
    indicator_id: str  # hasil: the group id (B.I, B.II)
    hasil: bool
    files: tuple[FileLink, ...]
    supported: bool
    status: str | None = None  # answered | unanswered | unsupported (None: no answers file)
    answer: str | None = None  # letter or hasil input as given
    ratio: float | None = None  # "%" questions: the formula's result
    weight: float | None = None
    claimed: float | None = None  # points as answered
    backed: float | None = None  # points the evidence supports


@dataclass(frozen=True)
class IndicatorRow:
    id: str
    name: str
    area: int
    part: str | None
    weight: float
    claimed: float | None = None
    backed: float | None = None


@dataclass(frozen=True)
class PartRow:
    key: str
    weight: float
    claimed: float
    backed: float


@dataclass(frozen=True)
class AreaRow:
    number: int
    name: str
    weight: float
    questions: int
    with_files: int  # questions with at least one file filed for them
    supported: int  # questions whose evidence backs an answer
    files: int
    claimed: float | None = None
    backed: float | None = None
    parts: tuple[PartRow, ...] = ()


@dataclass(frozen=True)
class Totals:
    pengungkit: float
    pengungkit_weight: float
    hasil: float
    hasil_weight: float
    total: float


@dataclass(frozen=True)
class Scores:
    """The scoring stage's verdicts as they are (``scoring`` dataclasses), both views side by side."""

    options: dict[str, str]
    claimed: Totals
    backed: Totals
    predicates_claimed: tuple[Any, ...]  # scoring.PredicateResult
    predicates_backed: tuple[Any, ...]
    gap: Any  # scoring.GapPlan (evidence-backed view, toward the target)
    remarks: tuple[str, ...] = ()

    def predicate(self, name: str, view: str = "backed") -> Any:
        found = self.predicates_claimed if view == "claimed" else self.predicates_backed
        return next((p for p in found if p.predicate == name), None)


@dataclass(frozen=True)
class AnswersState:
    status: str  # ok | missing | invalid
    path: str
    problems: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Verdict:
    """What ``zi-evidence check`` exits with: ok only when the target's thresholds are met in the
    evidence-backed view and no error-severity finding remains; ``reasons`` say why not."""

    ok: bool
    reasons: tuple[str, ...]
    notes: tuple[str, ...] = ()  # worth knowing, not deciding (prerequisites, claimed-only pass)


@dataclass(frozen=True)
class Completeness:
    """How many LKE targets have usable evidence: every surface (check, report, web) counts with this."""

    targets: int  # pengungkit questions plus hasil components
    supported: int
    with_files: int
    questions: int  # pengungkit only
    questions_supported: int
    questions_with_files: int
    hasil: int
    hasil_supported: int


@dataclass(frozen=True)
class Readiness:
    unit: str
    institution: str
    ruleset_id: str
    ruleset_name: str
    regulation: str
    year: int
    target: str
    today: date
    root: str
    files: int
    pages: int
    areas: tuple[AreaRow, ...]
    indicators: tuple[IndicatorRow, ...]
    questions: tuple[QuestionRow, ...]  # pengungkit questions, then hasil components, in LKE order
    findings: tuple[Finding, ...]
    answers: AnswersState
    scores: Scores | None
    deadline: Deadline | None
    verdict: Verdict
    tool_version: str = __version__
    reviews: Reviews | None = None  # the review chain's verdicts; None: no review database
    suggestions: tuple[Suggestion, ...] = ()  # likely questions of unmapped / indicator-level files

    def findings_for(self, target_id: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.question == target_id)

    def completeness(self) -> Completeness:
        pengungkit = [q for q in self.questions if not q.hasil]
        hasil = [q for q in self.questions if q.hasil]
        return Completeness(
            len(self.questions),
            sum(1 for q in self.questions if q.supported),
            sum(1 for q in self.questions if q.files),
            len(pengungkit),
            sum(1 for q in pengungkit if q.supported),
            sum(1 for q in pengungkit if q.files),
            len(hasil),
            sum(1 for q in hasil if q.supported),
        )

    def severity_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITY_LABELS, 0)
        for finding in self.findings:
            counts[finding.severity] = counts.get(finding.severity, 0) + 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        """The JSON report (``schemas/report.schema.json``)."""
        return {"schema_version": SCHEMA_VERSION, **to_plain(self)}


def href(root: str, file: FileLink, out_dir: Path) -> str:
    """A relative URL from ``out_dir`` to the file, percent-encoded from its real bytes, so the link opens."""
    from urllib.parse import quote

    target = os.path.join(root, file.fs_path or file.path)
    relative = os.path.relpath(target, os.path.abspath(out_dir))
    return quote(os.fsencode(relative).replace(os.sep.encode(), b"/"), safe="/")


# -- several units, for a Kanwil or Eselon I officer ----------------------------------------------


@dataclass(frozen=True)
class UnitRow:
    """One unit in a Kanwil / Eselon I roll-up; ``status`` ok, no_catalog (never indexed) or error."""

    path: str
    unit: str
    status: str
    message: str = ""
    ruleset_id: str = ""
    target: str = ""
    areas: tuple[AreaRow, ...] = ()
    claimed: Totals | None = None
    backed: Totals | None = None
    predicates: dict[str, dict[str, bool]] = field(default_factory=dict)  # WBK -> {claimed, backed}
    questions: int = 0
    supported: int = 0
    errors: int = 0
    warnings: int = 0
    answers: str = ""  # ok | missing | invalid
    ready: bool = False  # the unit's ``check`` verdict
    rekap: tuple[RekapLine, ...] = ()  # the unit's rekap penolakan/perbaikan (review database, when any)


@dataclass(frozen=True)
class Rollup:
    today: date
    units: tuple[UnitRow, ...]
    tool_version: str = __version__

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, **to_plain(self)}
