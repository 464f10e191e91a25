"""A loaded rule set as plain immutable data: what the LKE asks, how much each part weighs, and why.

Every number carries the citation it was taken from; numbers the loader computed say so
(``weight_basis == "derived"`` and a ``weight_note``). Build these through ``load_ruleset_file`` or
``RulesetRegistry``, never by hand, so the arithmetic checks always run.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from zi_evidence.rulesets import arith

PartKey = Literal["pemenuhan", "reform"]
#: "stated" = printed in the regulation, "derived" = computed by the loader, "assumed" = a gap filled on purpose.
WeightBasis = Literal["stated", "derived", "assumed"]


@dataclass(frozen=True)
class EvidenceExpectation:
    """A typical supporting document ("contoh data dukung"): expected in practice, not required by law."""

    description: str
    kind: str | None = None  # sk, rapat, laporan, tangkapan_layar, ... (see the schema's enum)
    min_count: int | None = None
    periodicity: str | None = None  # monthly, quarterly, semiannual, annual
    severity: str = "warning"  # never "error" by default: the regulations list no mandatory documents
    citation: str = ""


@dataclass(frozen=True)
class FormulaInput:
    name: str
    label: str


@dataclass(frozen=True)
class Formula:
    """How a "%" answer is computed from counted inputs; ``variants`` are other readings chosen by an option."""

    expression: str
    inputs: tuple[FormulaInput, ...]
    citation: str
    note: str | None = None
    variant_option: str | None = None
    variants: Mapping[str, str] = field(default_factory=dict)
    related_options: tuple[str, ...] = ()

    def expression_for(self, choice: str | None = None) -> str:
        return self.variants.get(choice, self.expression) if choice else self.expression

    def evaluate(self, values: Mapping[str, float], choice: str | None = None) -> float:
        """Raw ratio (not clamped; clamping is the ``batas_persen`` option's business)."""
        return arith.evaluate(self.expression_for(choice), values)


@dataclass(frozen=True)
class AnswerType:
    """An answer scale: ``choice`` (letter -> value), ``ratio`` (0..1 from a formula) or ``scale`` (score/max)."""

    key: str
    label: str
    kind: Literal["choice", "ratio", "scale"]
    values: Mapping[str, float]
    citation: str
    scale_max: float | None = None
    note: str | None = None
    variant_option: str | None = None
    variants: Mapping[str, Mapping[str, float]] = field(default_factory=dict)

    def values_for(self, choice: str | None = None) -> Mapping[str, float]:
        return self.variants.get(choice, self.values) if choice else self.values


@dataclass(frozen=True)
class PartSpec:
    """One half of every area under PermenPANRB 90/2021 ("I. Pemenuhan", "II. Reform")."""

    key: PartKey
    code: str
    name: str
    weight: float
    citation: str


@dataclass(frozen=True)
class Area:
    number: int
    name: str
    weight: float
    part_weights: Mapping[str, float]
    citation: str
    code: str = ""  # MP, TT, SDM, AK, PW, PP
    slug: str = ""
    weight_basis: WeightBasis = "stated"
    weight_note: str | None = None


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    area: int
    part: PartKey | None
    ordinal: int  # 1-based within (area, part): the roman/arabic numeral of the LKE id
    weight: float
    citation: str
    weight_note: str | None = None
    weight_basis: WeightBasis = "stated"
    slug: str = ""
    note: str | None = None
    evidence: tuple[EvidenceExpectation, ...] = ()
    question_ids: tuple[str, ...] = ()

    @property
    def weight_derived(self) -> bool:
        return self.weight_basis == "derived"

    @property
    def short_name(self) -> str:
        return self.slug


@dataclass(frozen=True)
class Question:
    id: str
    label: str
    answer_type: str
    area: int
    part: PartKey | None
    indicator_id: str
    indicator_ordinal: int
    letter: str
    citation: str
    formula: Formula | None = None
    evidence: tuple[EvidenceExpectation, ...] = ()
    note: str | None = None
    weight: float | None = None  # only where the LKE prints a sub-weight (LHKPN/LHKASN)
    printed_letter: str | None = None  # when the official print uses another letter (quirk)
    criteria: Mapping[str, str] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str | None, int, int, str]:
        """(part, area, indicator ordinal, letter): how evidence files are matched to this question."""
        return (self.part, self.area, self.indicator_ordinal, self.letter)


@dataclass(frozen=True)
class HasilComponent:
    id: str
    key: str
    name: str
    group: str
    weight: float
    answer_type: str
    citation: str
    note: str | None = None
    weight_basis: WeightBasis = "stated"
    evidence: tuple[EvidenceExpectation, ...] = ()


@dataclass(frozen=True)
class HasilGroup:
    id: str
    key: str
    name: str
    weight: float
    citation: str
    components: tuple[HasilComponent, ...]
    note: str | None = None
    weight_basis: WeightBasis = "stated"


@dataclass(frozen=True)
class Criterion:
    """One minimum: ``target`` is total, pengungkit, area (each area, as ``min_ratio`` of its weight),
    ``hasil.<key>`` or ``kawasan.integrasi``."""

    target: str
    citation: str
    min: float | None = None
    min_ratio: float | None = None
    min_score: float | None = None  # the same minimum as a raw survey score / percentage
    min_answer: str | None = None  # the same minimum as an answer letter (capaian kinerja C = 2.50)
    note: str | None = None


@dataclass(frozen=True)
class Threshold:
    key: str
    label: str
    predicate: str | None  # WBK, WBBM, or None for a screening that serves both
    stage: str  # penetapan, seleksi_internal, kawasan
    criteria: tuple[Criterion, ...]
    citation: str
    requires: tuple[str, ...] = ()
    note: str | None = None

    def criterion(self, target: str) -> Criterion | None:
        return next((c for c in self.criteria if c.target == target), None)


@dataclass(frozen=True)
class Prerequisite:
    """A condition outside the score (audit follow-up, LHKPN, BPK opinion...), per predicate as text."""

    key: str
    level: str  # instansi, unit
    label: str
    requirement: Mapping[str, str]
    citation: str
    note: str | None = None
    evidence: tuple[EvidenceExpectation, ...] = ()


@dataclass(frozen=True)
class YearDate:
    """A recurring date in the evaluation cycle; ``year_offset`` -1 means the year before the submission."""

    month: int
    day: int | None = None
    week: int | None = None
    year_offset: int = 0

    def on(self, year: int) -> date:
        """The calendar date in the cycle whose submission year is ``year``; a month alone means its last day,
        "minggu ke-2" the end of that week."""
        year += self.year_offset
        last = calendar.monthrange(year, self.month)[1]
        if self.day:
            return date(year, self.month, min(self.day, last))
        if self.week:
            return date(year, self.month, min(self.week * 7, last))
        return date(year, self.month, last)


@dataclass(frozen=True)
class TimelineEntry:
    key: str
    label: str
    citation: str
    start: YearDate | None = None
    end: YearDate | None = None
    deadline: bool = False
    actor: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Tier:
    """One level of the review chain; the first is the unit's own, the last the one whose LKE is final.
    ``deadline`` names the timeline entry whose end is this tier's date (None: the regulation gives none)."""

    key: str
    label: str
    citation: str
    deadline: str | None = None
    note: str | None = None


#: The chain a rule set that names none gets: the unit, then its TPI (PermenPANRB 90/2021 Lampiran II Bab II).
DEFAULT_TIERS = (
    Tier("unit", "Tim kerja unit", "PermenPANRB 90/2021 Lampiran II Bab II (bawaan; rule set tidak menulis tiers)"),
    Tier("tpi", "Tim Penilai Internal (TPI)", "PermenPANRB 90/2021 Lampiran II Bab II (bawaan)", "pengajuan_pmpzi"),
)


@dataclass(frozen=True)
class OptionChoice:
    key: str
    label: str
    note: str | None = None


@dataclass(frozen=True)
class Option:
    """A known ambiguity made explicit; ``default`` is the reading closest to the regulation's text."""

    key: str
    label: str
    choices: tuple[OptionChoice, ...]
    default: str
    citation: str
    note: str | None = None

    def choice(self, key: str) -> OptionChoice | None:
        return next((c for c in self.choices if c.key == key), None)


@dataclass(frozen=True)
class Ruleset:
    """One LKE instrument: the areas, indicators and questions in LKE order, plus what decides a predicate."""

    id: str
    name: str
    regulation: str
    source: Path
    areas: tuple[Area, ...]
    indicators: tuple[Indicator, ...]
    questions: tuple[Question, ...]
    hasil: tuple[HasilGroup, ...]
    answer_types: Mapping[str, AnswerType]
    thresholds: tuple[Threshold, ...]
    prerequisites: tuple[Prerequisite, ...]
    timeline: tuple[TimelineEntry, ...]
    options: Mapping[str, Option]
    parts: tuple[PartSpec, ...] = ()
    extends: str | None = None
    lineage: tuple[str, ...] = ()  # this id, then each parent's id
    sources: tuple[Path, ...] = ()  # this file, then each parent's file
    status: str | None = None
    pengungkit_weight: float = 60.0
    hasil_weight: float = 40.0
    confidence: Mapping[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    tiers: tuple[Tier, ...] = DEFAULT_TIERS
    _index: dict[str, object] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Lookup tables are built once; the dataclass stays frozen for callers.
        index: dict[str, object] = {f"q:{q.id}": q for q in self.questions}
        index.update({f"i:{i.id}": i for i in self.indicators})
        index.update({f"k:{q.part}:{q.area}:{q.indicator_ordinal}:{q.letter}": q for q in self.questions})
        for indicator in self.indicators:
            index[f"qs:{indicator.id}"] = tuple(q for q in self.questions if q.indicator_id == indicator.id)
        for group in self.hasil:
            index[f"h:{group.key}"] = group
            index.update({f"h:{c.key}": c for c in group.components})
        self._index.update(index)

    @property
    def is_split(self) -> bool:
        """True when areas are split into pemenuhan and reform (PermenPANRB 90/2021)."""
        return bool(self.parts)

    def question(self, question_id: str) -> Question | None:
        found = self._index.get(f"q:{question_id}")
        return found if isinstance(found, Question) else None

    def indicator(self, indicator_id: str) -> Indicator | None:
        found = self._index.get(f"i:{indicator_id}")
        return found if isinstance(found, Indicator) else None

    def area(self, number: int) -> Area | None:
        return next((a for a in self.areas if a.number == number), None)

    def questions_of(self, indicator_id: str) -> tuple[Question, ...]:
        found = self._index.get(f"qs:{indicator_id}", ())
        return found if isinstance(found, tuple) else ()

    def indicators_of(self, area_number: int, part: str | None = None) -> tuple[Indicator, ...]:
        """Indicators of one area in LKE order; ``part`` narrows to pemenuhan or reform."""
        return tuple(i for i in self.indicators if i.area == area_number and (part is None or i.part == part))

    def question_at(self, area: int, ordinal: int, letter: str, part: str | None = None) -> Question | None:
        """The question a path like ``AREA I/iii/1.iii.b`` points at (part None for unsplit rule sets)."""
        found = self._index.get(f"k:{part}:{area}:{ordinal}:{letter.lower()}")
        return found if isinstance(found, Question) else None

    def hasil_item(self, key: str) -> HasilGroup | HasilComponent | None:
        found = self._index.get(f"h:{key}")
        return found if isinstance(found, HasilGroup | HasilComponent) else None

    def threshold(self, predicate: str, stage: str = "penetapan") -> Threshold | None:
        return next((t for t in self.thresholds if t.predicate == predicate and t.stage == stage), None)

    def tier(self, key: str) -> Tier | None:
        return next((t for t in self.tiers if t.key == key), None)

    def tier_deadline(self, tier: Tier, year: int) -> date | None:
        """The date tier ``tier`` must finish by in the cycle of submission year ``year``, if the rule set gives one."""
        entry = next((e for e in self.timeline if e.key == tier.deadline), None)
        return entry.end.on(year) if entry and entry.end else None

    def option_default(self, key: str) -> str | None:
        option = self.options.get(key)
        return option.default if option else None
