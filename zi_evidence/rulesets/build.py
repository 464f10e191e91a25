"""From a schema-valid (merged) document to the model, collecting every fault with its JSON path.

The schema checks shapes; this module checks what a schema cannot: references between sections,
LKE ids against their position, and formulas. The arithmetic lives in ``consistency.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from zi_evidence.rulesets import arith, consistency, sections
from zi_evidence.rulesets.derive import Derived, slugify
from zi_evidence.rulesets.model import (
    AnswerType,
    Area,
    Formula,
    FormulaInput,
    Indicator,
    Option,
    OptionChoice,
    PartSpec,
    Question,
    Ruleset,
)
from zi_evidence.rulesets.problems import Problems
from zi_evidence.rulesets.sections import evidence, frozen

_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
_PART_ORDER = {None: 0, "pemenuhan": 0, "reform": 1}


class _RulesetBuilder:
    def __init__(self, doc: dict[str, Any], derived: Derived) -> None:
        self.doc = doc
        self.derived = derived
        self.problems = Problems()
        self.evidence_citation = doc.get("evidence_citation", "")

    def answer_types(self) -> dict[str, AnswerType]:
        result = {}
        for key, raw in self.doc["answer_types"].items():
            path = f"$.answer_types.{key}"
            values = {letter: self._number(v, f"{path}.values.{letter}") for letter, v in raw.get("values", {}).items()}
            variants = {
                name: frozen({k: self._number(v, f"{path}.variants.{name}.{k}") for k, v in vals.items()})
                for name, vals in raw.get("variants", {}).items()
            }
            if raw["kind"] == "choice" and not values:
                self.problems.add(f"{path}.values", "jenis jawaban pilihan harus punya nilai per huruf")
            if raw["kind"] == "scale" and "scale_max" not in raw:
                self.problems.add(f"{path}.scale_max", "jenis jawaban skala harus punya scale_max (mis. 4)")
            for name, vals in variants.items():
                if set(vals) != set(values):
                    self.problems.add(f"{path}.variants.{name}", "huruf pada varian harus sama dengan 'values'")
            self._check_option_ref(raw.get("variant_option"), list(variants), f"{path}.variant_option")
            result[key] = AnswerType(
                key,
                raw["label"],
                raw["kind"],
                frozen(values),
                raw["citation"],
                raw.get("scale_max"),
                raw.get("note"),
                raw.get("variant_option"),
                frozen(variants),
            )
        return result

    def _number(self, value: Any, path: str) -> float:
        try:
            number = arith.parse_number(value)
        except ValueError as exc:
            self.problems.add(path, str(exc))
            return 0.0
        if not 0.0 <= number <= 1.0:
            self.problems.add(path, f"nilai jawaban harus di antara 0 dan 1 (sekarang {number})")
        return number

    def _check_option_ref(self, option: str | None, choices: list[str], path: str) -> None:
        options = self.doc.get("options", {})
        if option is None:
            if choices:
                self.problems.add(path, "varian ada tetapi variant_option tidak disebut")
            return
        if option not in options:
            self.problems.add(path, f"opsi '{option}' tidak ada di bagian options ({', '.join(options) or '-'})")
            return
        unknown = [c for c in choices if c not in options[option]["choices"]]
        if unknown:
            self.problems.add(path, f"varian {unknown} bukan pilihan opsi '{option}'")

    def options(self) -> dict[str, Option]:
        result = {}
        for key, raw in self.doc.get("options", {}).items():
            choices = tuple(OptionChoice(k, v["label"], v.get("note")) for k, v in raw["choices"].items())
            if raw["default"] not in raw["choices"]:
                self.problems.add(f"$.options.{key}.default", f"'{raw['default']}' bukan salah satu pilihan")
            result[key] = Option(key, raw["label"], choices, raw["default"], raw["citation"], raw.get("note"))
        return result

    def formula(self, raw: Mapping[str, Any], path: str) -> Formula:
        inputs = tuple(
            FormulaInput(i, i.replace("_", " ")) if isinstance(i, str) else FormulaInput(i["name"], i["label"])
            for i in raw["inputs"]
        )
        names = {i.name for i in inputs}
        expressions = {
            "expression": raw["expression"],
            **{f"variants.{k}": v for k, v in raw.get("variants", {}).items()},
        }
        for where, expression in expressions.items():
            try:
                unknown = arith.expression_names(expression) - names
            except arith.FormulaSyntaxError as exc:
                self.problems.add(f"{path}.{where}", str(exc))
                continue
            if unknown:
                self.problems.add(f"{path}.{where}", f"nama {sorted(unknown)} tidak ada di 'inputs'")
        self._check_option_ref(raw.get("variant_option"), list(raw.get("variants", {})), f"{path}.variant_option")
        for n, option in enumerate(raw.get("related_options", [])):
            if option not in self.doc.get("options", {}):
                self.problems.add(f"{path}.related_options[{n}]", f"opsi '{option}' tidak ada di bagian options")
        return Formula(
            raw["expression"],
            inputs,
            raw["citation"],
            raw.get("note"),
            raw.get("variant_option"),
            frozen(raw.get("variants", {})),
            tuple(raw.get("related_options", ())),
        )

    def parts(self) -> tuple[PartSpec, ...]:
        return tuple(
            PartSpec(p["key"], p["code"], p["name"], float(p["weight"]), p["citation"])
            for p in self.doc.get("parts", [])
        )

    def areas(self) -> tuple[Area, ...]:
        result = []
        for raw in sorted(self.doc["areas"], key=lambda a: a["number"]):
            note = self.derived.get(("area", str(raw["number"])))
            result.append(
                Area(
                    raw["number"],
                    raw["name"],
                    float(raw["weight"]),
                    frozen({k: float(v) for k, v in raw.get("part_weights", {}).items()}),
                    raw["citation"],
                    raw.get("code", ""),
                    raw.get("slug") or slugify(raw["name"]),
                    "derived" if note else raw.get("weight_basis", "stated"),
                    note or raw.get("weight_note"),
                )
            )
        return tuple(result)

    def indicators(self, answer_types: Mapping[str, AnswerType]) -> tuple[tuple[Indicator, ...], tuple[Question, ...]]:
        positions = sorted(
            range(len(self.doc["indicators"])),
            key=lambda n: (_PART_ORDER.get(self.doc["indicators"][n].get("part")), self.doc["indicators"][n]["area"]),
        )
        counters: dict[tuple[str | None, int], int] = {}
        indicators, questions = [], []
        for n in positions:
            raw, path = self.doc["indicators"][n], f"$.indicators[{n}]"
            part = raw.get("part")
            ordinal = counters[(part, raw["area"])] = counters.get((part, raw["area"]), 0) + 1
            last = raw["id"].rsplit(".", 1)[-1]
            if last.lower() not in (str(ordinal), _ROMAN[ordinal - 1] if ordinal <= len(_ROMAN) else ""):
                self.problems.add(
                    f"{path}.id",
                    f"segmen terakhir '{last}' harus nomor urut indikator ini di areanya "
                    f"({_ROMAN[ordinal - 1] if ordinal <= len(_ROMAN) else ordinal} atau {ordinal})",
                )
            own = [
                self._question(q, raw, part, ordinal, f"{path}.questions[{k}]", k, answer_types)
                for k, q in enumerate(raw["questions"])
            ]
            note = self.derived.get(("indicator", raw["id"]))
            indicators.append(
                Indicator(
                    raw["id"],
                    raw["name"],
                    raw["area"],
                    part,
                    ordinal,
                    float(raw["weight"]),
                    raw["citation"],
                    note or raw.get("weight_note"),
                    "derived" if note else raw.get("weight_basis", "stated"),
                    raw.get("slug") or slugify(raw["name"]),
                    raw.get("note"),
                    evidence(raw, self.evidence_citation),
                    tuple(q.id for q in own),
                )
            )
            questions.extend(own)
        return tuple(indicators), tuple(questions)

    def _question(
        self,
        raw: Mapping[str, Any],
        indicator: Mapping[str, Any],
        part: str | None,
        ordinal: int,
        path: str,
        position: int,
        answer_types: Mapping[str, AnswerType],
    ) -> Question:
        letter = "abcdefghijklmnopqrstuvwxyz"[position]
        if raw["id"] != f"{indicator['id']}.{letter}":
            self.problems.add(
                f"{path}.id",
                f"id pertanyaan ke-{position + 1} harus '{indicator['id']}.{letter}' "
                "(huruf mengikuti urutan a, b, c, ...)",
            )
        kind = answer_types[raw["answer_type"]].kind if raw["answer_type"] in answer_types else None
        if kind is None:
            self.problems.add(
                f"{path}.answer_type",
                f"jenis jawaban '{raw['answer_type']}' tidak ada di answer_types ({', '.join(answer_types)})",
            )
        if kind == "ratio" and "formula" not in raw:
            self.problems.add(f"{path}.formula", "pertanyaan persentase harus punya rumus (formula)")
        if kind not in (None, "ratio") and "formula" in raw:
            self.problems.add(f"{path}.formula", "rumus hanya untuk jenis jawaban persentase (kind: ratio)")
        formula = self.formula(raw["formula"], f"{path}.formula") if "formula" in raw else None
        return Question(
            raw["id"],
            raw["label"],
            raw["answer_type"],
            indicator["area"],
            cast(Any, part),
            indicator["id"],
            ordinal,
            letter,
            raw.get("citation") or indicator["citation"],
            formula,
            evidence(raw, self.evidence_citation),
            raw.get("note"),
            float(raw["weight"]) if "weight" in raw else None,
            raw.get("printed_letter"),
            frozen(raw.get("criteria", {})),
        )


def build(
    doc: dict[str, Any], source: Path, *, lineage: tuple[str, ...], sources: tuple[Path, ...], derived: Derived
) -> Ruleset:
    """The model of a complete document; raises :class:`Problems` listing every fault found."""
    b = _RulesetBuilder(doc, derived)
    answer_types = b.answer_types()
    options = b.options()
    indicators, questions = b.indicators(answer_types)
    totals = doc["totals"]
    chain = sections.tiers(doc, b.problems)
    ruleset = Ruleset(
        id=doc["id"],
        name=doc["name"],
        regulation=doc["regulation"],
        source=source,
        areas=b.areas(),
        indicators=indicators,
        questions=questions,
        hasil=sections.hasil(doc, answer_types, b.problems, b.evidence_citation),
        answer_types=frozen(answer_types),
        thresholds=sections.thresholds(doc),
        prerequisites=sections.prerequisites(doc, b.evidence_citation),
        timeline=sections.timeline(doc),
        options=frozen(options),
        parts=b.parts(),
        extends=lineage[1] if len(lineage) > 1 else None,
        lineage=lineage,
        sources=sources,
        status=doc.get("status"),
        pengungkit_weight=float(totals["pengungkit"]),
        hasil_weight=float(totals["hasil"]),
        confidence=frozen(doc.get("confidence", {})),
        notes=tuple(doc.get("notes", ())),
        **({"tiers": chain} if chain is not None else {}),
    )
    consistency.check(ruleset, doc, b.problems)
    if b.problems:
        raise b.problems
    return ruleset
