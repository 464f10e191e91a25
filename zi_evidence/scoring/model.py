"""The score tree as plain immutable data: question → indicator → area (parts) → pengungkit, hasil, total.

Numbers are kept as floats; rounding happens only when a report presents them (``scoring.fmt``).
Two views of the same tree exist (``claimed`` and ``evidence_backed``) and share their shape, so a
renderer can walk both side by side.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

ViewName = Literal["claimed", "evidence_backed"]
#: answered = counted as given; unanswered = no answer, counts 0; unsupported = answer without evidence
#: (0 in the evidence-backed view, as given in the claimed view).
QuestionStatus = Literal["answered", "unanswered", "unsupported"]

VIEW_LABELS: dict[str, str] = {"claimed": "sesuai jawaban", "evidence_backed": "didukung data dukung"}
STATUS_LABELS: dict[str, str] = {
    "answered": "dijawab",
    "unanswered": "belum dijawab",
    "unsupported": "tanpa data dukung",
}


@dataclass(frozen=True)
class QuestionScore:
    id: str
    label: str
    indicator_id: str
    area: int
    part: str | None
    answer_type: str
    status: QuestionStatus
    answer: str | None  # the letter counted in this view ("%" questions: None, see ratio/inputs)
    claimed_answer: str | None  # the letter as given, shown next to a lowered one
    inputs: dict[str, float]
    ratio: float | None  # the "%" formula's raw result before clamping
    value: float  # 0..1 (beyond only when the rule set's option says so)
    weight: float  # points this question can give: indicator weight ÷ n, or its printed sub-weight
    points: float  # weight × value
    note: str | None = None  # the team's note from the answers file
    remark: str | None = None  # how the engine read the answer (division by zero, clamping...)


@dataclass(frozen=True)
class IndicatorScore:
    id: str
    name: str
    area: int
    part: str | None
    weight: float
    value: float
    questions: tuple[QuestionScore, ...]
    unanswered: tuple[str, ...] = ()

    @property
    def ratio(self) -> float:
        return self.value / self.weight if self.weight else 0.0


@dataclass(frozen=True)
class PartScore:
    key: str  # pemenuhan, reform
    weight: float
    value: float

    @property
    def ratio(self) -> float:
        return self.value / self.weight if self.weight else 0.0


@dataclass(frozen=True)
class AreaScore:
    number: int
    name: str
    code: str
    weight: float
    value: float  # pemenuhan + reform (the combined area)
    indicators: tuple[IndicatorScore, ...]
    parts: tuple[PartScore, ...] = ()  # empty for rule sets without the pemenuhan/reform split

    @property
    def ratio(self) -> float:
        return self.value / self.weight if self.weight else 0.0

    def part(self, key: str) -> PartScore | None:
        return next((p for p in self.parts if p.key == key), None)


@dataclass(frozen=True)
class HasilComponentScore:
    id: str
    key: str
    name: str
    group: str
    weight: float
    answer_type: str
    status: QuestionStatus
    input: float | str | None  # survey score, percentage or letter as given
    value: float  # points


@dataclass(frozen=True)
class HasilGroupScore:
    id: str
    key: str
    name: str
    weight: float
    value: float
    components: tuple[HasilComponentScore, ...]


@dataclass(frozen=True)
class ScoreView:
    """One complete reading of the LKE (answers as given, or only what the evidence supports)."""

    name: ViewName
    areas: tuple[AreaScore, ...]
    hasil_groups: tuple[HasilGroupScore, ...]
    pengungkit: float
    pengungkit_weight: float
    hasil: float
    hasil_weight: float
    total: float

    def questions(self) -> tuple[QuestionScore, ...]:
        return tuple(q for a in self.areas for i in a.indicators for q in i.questions)

    def question(self, question_id: str) -> QuestionScore | None:
        return next((q for q in self.questions() if q.id == question_id), None)

    def area(self, number: int) -> AreaScore | None:
        return next((a for a in self.areas if a.number == number), None)

    def hasil_item(self, key: str) -> HasilGroupScore | HasilComponentScore | None:
        for group in self.hasil_groups:
            if key in (group.key, group.id):
                return group
            for component in group.components:
                if key in (component.key, component.id):
                    return component
        return None

    def value_of(self, target: str) -> float | None:
        """A criterion target's value: total, pengungkit, hasil, area.N, area.N.part, hasil.<key>."""
        if target in ("total", "pengungkit", "hasil"):
            return float(getattr(self, target))
        head, _, rest = target.partition(".")
        if head == "hasil":
            item = self.hasil_item(rest)
            return item.value if item else None
        if head == "area":
            number, _, part_key = rest.partition(".")
            area = self.area(int(number)) if number.isdigit() else None
            if area is None:
                return None
            if not part_key:
                return area.value
            part = area.part(part_key)
            return part.value if part else None
        return None


@dataclass(frozen=True)
class ScoreReport:
    """Both views of one unit's LKE, with the options that decided every ambiguous reading."""

    ruleset_id: str
    options: dict[str, str]
    claimed: ScoreView
    evidence_backed: ScoreView
    unanswered: tuple[str, ...]  # question ids and hasil component keys without an answer
    unsupported: tuple[str, ...]  # answered questions whose evidence the validation stage did not find
    remarks: tuple[str, ...] = field(default=())  # engine remarks worth showing once (per question)
    prerequisite_facts: dict[str, Any] = field(default_factory=dict)  # as given in the answers file
    institution_kind: str | None = None  # kl or pemda: some prerequisites differ by kind of institution

    def view(self, name: str) -> ScoreView:
        if name not in ("claimed", "evidence_backed"):
            raise ValueError(f"tampilan '{name}' tidak dikenal; pilih claimed atau evidence_backed")
        return self.claimed if name == "claimed" else self.evidence_backed

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
