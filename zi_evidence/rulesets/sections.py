"""Builders for the parts of a rule set around the LKE tree: hasil, thresholds, prerequisites, timeline, tiers.

Each takes the schema-valid (merged) document; faults go into the shared :class:`Problems`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from zi_evidence.rulesets.model import (
    AnswerType,
    Criterion,
    EvidenceExpectation,
    HasilComponent,
    HasilGroup,
    Prerequisite,
    Threshold,
    Tier,
    TimelineEntry,
    YearDate,
)
from zi_evidence.rulesets.problems import Problems


def frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    """A read-only copy, so a loaded rule set cannot be changed behind the registry's back."""
    return MappingProxyType(dict(mapping))


def evidence(raw: Mapping[str, Any], default_citation: str) -> tuple[EvidenceExpectation, ...]:
    """The ``evidence`` (+ ``evidence_append``) of an item; a plain string is a description."""
    items = list(raw.get("evidence", [])) + list(raw.get("evidence_append", []))
    return tuple(
        EvidenceExpectation(**{"citation": default_citation, **({"description": i} if isinstance(i, str) else i)})
        for i in items
    )


def hasil(
    doc: Mapping[str, Any], answer_types: Mapping[str, AnswerType], problems: Problems, evidence_citation: str
) -> tuple[HasilGroup, ...]:
    groups = []
    for n, raw in enumerate(doc["hasil"]):
        components = []
        for k, c in enumerate(raw["components"]):
            if c["answer_type"] not in answer_types:
                problems.add(
                    f"$.hasil[{n}].components[{k}].answer_type",
                    f"jenis jawaban '{c['answer_type']}' tidak ada di answer_types ({', '.join(answer_types)})",
                )
            components.append(
                HasilComponent(
                    id=c["id"],
                    key=c["key"],
                    name=c["name"],
                    group=raw["key"],
                    weight=float(c["weight"]),
                    answer_type=c["answer_type"],
                    citation=c["citation"],
                    note=c.get("note"),
                    weight_basis=c.get("weight_basis", "stated"),
                    evidence=evidence(c, evidence_citation),
                )
            )
        groups.append(
            HasilGroup(
                id=raw["id"],
                key=raw["key"],
                name=raw["name"],
                weight=float(raw["weight"]),
                citation=raw["citation"],
                components=tuple(components),
                note=raw.get("note"),
                weight_basis=raw.get("weight_basis", "stated"),
            )
        )
    return tuple(groups)


def thresholds(doc: Mapping[str, Any]) -> tuple[Threshold, ...]:
    result = []
    for key, raw in doc["thresholds"].items():
        criteria = tuple(
            Criterion(
                target=c["target"],
                citation=c.get("citation") or raw["citation"],  # a criterion cites its threshold unless it says more
                min=c.get("min"),
                min_ratio=c.get("min_ratio"),
                min_score=c.get("min_score"),
                min_answer=c.get("min_answer"),
                note=c.get("note"),
            )
            for c in raw["criteria"]
        )
        result.append(
            Threshold(
                key=key,
                label=raw["label"],
                predicate=raw["predicate"],
                stage=raw["stage"],
                criteria=criteria,
                citation=raw["citation"],
                requires=tuple(raw.get("requires", ())),
                note=raw.get("note"),
            )
        )
    return tuple(result)


def prerequisites(doc: Mapping[str, Any], evidence_citation: str) -> tuple[Prerequisite, ...]:
    return tuple(
        Prerequisite(
            key=key,
            level=raw["level"],
            label=raw["label"],
            requirement=frozen(raw["requirement"]),
            citation=raw["citation"],
            note=raw.get("note"),
            evidence=evidence(raw, evidence_citation),
        )
        for key, raw in doc.get("prerequisites", {}).items()
    )


def _year_date(raw: Mapping[str, Any] | None) -> YearDate | None:
    return YearDate(**raw) if raw else None


def timeline(doc: Mapping[str, Any]) -> tuple[TimelineEntry, ...]:
    """Entries in calendar order of the evaluation cycle (the previous year's survey comes first)."""
    entries = [
        TimelineEntry(
            key=key,
            label=raw["label"],
            citation=raw["citation"],
            start=_year_date(raw.get("start")),
            end=_year_date(raw.get("end")),
            deadline=raw.get("deadline", False),
            actor=raw.get("actor"),
            note=raw.get("note"),
        )
        for key, raw in doc.get("timeline", {}).items()
    ]

    def when(entry: TimelineEntry) -> tuple[int, int, int]:
        date = entry.start or entry.end
        assert date is not None  # the schema requires start or end
        return (date.year_offset, date.month, date.day or (date.week or 0) * 7)

    return tuple(sorted(entries, key=when))


def tiers(doc: Mapping[str, Any], problems: Problems) -> tuple[Tier, ...] | None:
    """The review chain in order; None when the document names none (the model's default applies)."""
    if "tiers" not in doc:
        return None
    built = tuple(
        Tier(raw["key"], raw["label"], raw["citation"], raw.get("deadline"), raw.get("note")) for raw in doc["tiers"]
    )
    keys = [t.key for t in built]
    if len(set(keys)) != len(keys):
        problems.add("$.tiers", f"kunci tingkat harus unik, tertulis {', '.join(keys)}")
    ends = {key for key, raw in doc.get("timeline", {}).items() if raw.get("end")}
    for n, tier in enumerate(built):
        if tier.deadline and tier.deadline not in ends:
            problems.add(f"$.tiers[{n}].deadline", f"'{tier.deadline}' bukan kunci timeline yang punya 'end'")
    return built
