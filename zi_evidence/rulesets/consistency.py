"""The arithmetic a rule set must satisfy: weights add up, thresholds agree with the survey formulas.

A rule set that fails these is rejected, because every score computed from it would be wrong.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from zi_evidence.rulesets.derive import fmt
from zi_evidence.rulesets.model import HasilComponent, HasilGroup, Ruleset
from zi_evidence.rulesets.problems import Problems

TOLERANCE = 1e-6
#: Thresholds are printed with two decimals; a survey minimum may differ from score/max × weight by rounding.
PRINT_TOLERANCE = 0.005


def _differs(a: float, b: float, tolerance: float = TOLERANCE) -> bool:
    return abs(a - b) > tolerance


def check(rs: Ruleset, doc: dict[str, Any], problems: Problems) -> None:
    _totals(rs, problems)
    _areas_and_parts(rs, doc, problems)
    _indicators(rs, doc, problems)
    _hasil(rs, doc, problems)
    _thresholds(rs, doc, problems)


def _totals(rs: Ruleset, problems: Problems) -> None:
    if _differs(rs.pengungkit_weight + rs.hasil_weight, 100.0):
        problems.add("$.totals", f"pengungkit + hasil = {fmt(rs.pengungkit_weight + rs.hasil_weight)}, harus 100")


def _areas_and_parts(rs: Ruleset, doc: dict[str, Any], problems: Problems) -> None:
    numbers = Counter(a["number"] for a in doc["areas"])
    if sorted(numbers) != [1, 2, 3, 4, 5, 6] or max(numbers.values()) > 1:
        problems.add("$.areas", "harus ada tepat enam area bernomor 1 sampai 6, masing-masing sekali")
    total = sum(a.weight for a in rs.areas)
    if _differs(total, rs.pengungkit_weight):
        problems.add(
            "$.areas", f"jumlah bobot area = {fmt(total)}, harus sama dengan pengungkit {fmt(rs.pengungkit_weight)}"
        )
    position = {a["number"]: n for n, a in enumerate(doc["areas"])}
    if not rs.parts:
        for area in rs.areas:
            if area.part_weights:
                problems.add(
                    f"$.areas[{position[area.number]}].part_weights",
                    "part_weights hanya dipakai bila rule set membagi area (bagian parts)",
                )
        return
    if sorted(p.key for p in rs.parts) != ["pemenuhan", "reform"]:
        problems.add("$.parts", "parts harus berisi tepat 'pemenuhan' dan 'reform'")
    if _differs(sum(p.weight for p in rs.parts), rs.pengungkit_weight):
        problems.add("$.parts", f"jumlah bobot parts harus sama dengan pengungkit {fmt(rs.pengungkit_weight)}")
    for area in rs.areas:
        path = f"$.areas[{position[area.number]}]"
        if not area.part_weights:
            problems.add(f"{path}.part_weights", "area wajib punya part_weights (pemenuhan dan reform)")
        elif _differs(sum(area.part_weights.values()), area.weight):
            problems.add(
                f"{path}.part_weights",
                f"pemenuhan + reform = {fmt(sum(area.part_weights.values()))}, "
                f"harus sama dengan bobot area {fmt(area.weight)}",
            )
    for n, part in enumerate(doc.get("parts", [])):
        total = sum(a.part_weights.get(part["key"], 0.0) for a in rs.areas)
        if _differs(total, float(part["weight"])):
            problems.add(
                f"$.parts[{n}].weight",
                f"jumlah bobot {part['key']} seluruh area = {fmt(total)}, bukan {fmt(float(part['weight']))}",
            )


def _indicators(rs: Ruleset, doc: dict[str, Any], problems: Problems) -> None:
    position = {raw["id"]: n for n, raw in enumerate(doc["indicators"])}
    for ident, count in Counter(raw["id"] for raw in doc["indicators"]).items():
        if count > 1:
            problems.add(f"$.indicators[{position[ident]}].id", f"id indikator '{ident}' dipakai {count} kali")
    for ident, count in Counter(q.id for q in rs.questions).items():
        if count > 1:
            problems.add("$.indicators", f"id pertanyaan '{ident}' dipakai {count} kali")
    area_position = {a["number"]: n for n, a in enumerate(doc["areas"])}
    for indicator in rs.indicators:
        path = f"$.indicators[{position[indicator.id]}]"
        if rs.parts and indicator.part is None:
            problems.add(f"{path}.part", "rule set ini membagi area: isi part dengan 'pemenuhan' atau 'reform'")
        if not rs.parts and indicator.part is not None:
            problems.add(f"{path}.part", "rule set ini tidak membagi area: hapus part")
        weights = [q.weight for q in rs.questions_of(indicator.id)]
        if any(w is not None for w in weights):
            if any(w is None for w in weights):
                problems.add(f"{path}.questions", "bila satu pertanyaan punya weight, semua pertanyaannya harus punya")
            elif _differs(sum(w for w in weights if w is not None), indicator.weight):
                problems.add(f"{path}.weight", "jumlah weight pertanyaan harus sama dengan bobot indikator")
    for area in rs.areas:
        path = f"$.areas[{area_position[area.number]}]"
        targets: list[tuple[str | None, float, str]] = [
            (p.key, area.part_weights.get(p.key, 0.0), f"{path}.part_weights.{p.key}") for p in rs.parts
        ] or [(None, area.weight, f"{path}.weight")]
        for part, target, where in targets:
            found = sum(i.weight for i in rs.indicators_of(area.number, part))
            if _differs(found, target):
                label = f" {part}" if part else ""
                problems.add(
                    where,
                    f"jumlah bobot indikator{label} area {area.number} = {fmt(found)}, "
                    f"tidak sama dengan bobot {fmt(target)}; perbaiki bobot area atau bobot indikatornya",
                )


def _hasil(rs: Ruleset, doc: dict[str, Any], problems: Problems) -> None:
    keys = Counter([g.key for g in rs.hasil] + [c.key for g in rs.hasil for c in g.components])
    for key, count in keys.items():
        if count > 1:
            problems.add("$.hasil", f"key hasil '{key}' dipakai {count} kali; key harus unik")
    for n, group in enumerate(rs.hasil):
        found = sum(c.weight for c in group.components)
        if _differs(found, group.weight):
            problems.add(f"$.hasil[{n}].weight", f"jumlah bobot komponen = {fmt(found)}, bukan {fmt(group.weight)}")
    total = sum(g.weight for g in rs.hasil)
    if _differs(total, rs.hasil_weight):
        problems.add("$.totals.hasil", f"jumlah bobot hasil = {fmt(total)}, bukan {fmt(rs.hasil_weight)}")


def _single_component(item: HasilGroup | HasilComponent) -> HasilComponent | None:
    if isinstance(item, HasilComponent):
        return item
    return item.components[0] if len(item.components) == 1 else None


def _thresholds(rs: Ruleset, doc: dict[str, Any], problems: Problems) -> None:
    predicates = {t.predicate for t in rs.thresholds if t.predicate}
    for threshold in rs.thresholds:
        base = f"$.thresholds.{threshold.key}"
        for n, needed in enumerate(threshold.requires):
            if needed not in predicates:
                problems.add(f"{base}.requires[{n}]", f"predikat '{needed}' tidak punya ambang batas di rule set ini")
        for k, c in enumerate(threshold.criteria):
            path = f"{base}.criteria[{k}]"
            if c.target == "area" and c.min_ratio is None:
                problems.add(path, "ambang per area ditulis sebagai min_ratio (mis. 0.60 = 60 % bobot area)")
            if not c.target.startswith("hasil."):
                continue
            item = rs.hasil_item(c.target.removeprefix("hasil."))
            if item is None:
                problems.add(f"{path}.target", f"'{c.target}' tidak dikenal; pakai key dari bagian hasil")
                continue
            if c.min is not None and c.min > item.weight + TOLERANCE:
                problems.add(f"{path}.min", f"minimum {fmt(c.min)} melebihi bobot {fmt(item.weight)}")
            single = _single_component(item)
            answer = rs.answer_types.get(single.answer_type) if single else None
            if c.min_score is not None and c.min is not None:
                if single is None or answer is None or not answer.scale_max:
                    problems.add(f"{path}.min_score", "min_score hanya untuk komponen berskala (survei, persen)")
                elif _differs(c.min_score / answer.scale_max * single.weight, c.min, PRINT_TOLERANCE):
                    expected = c.min_score / answer.scale_max * single.weight
                    problems.add(
                        f"{path}.min",
                        f"skor {fmt(c.min_score)} / {fmt(answer.scale_max)} × "
                        f"{fmt(single.weight)} = {fmt(expected)}, bukan {fmt(c.min)}",
                    )
            if c.min_answer is not None and c.min is not None and single and answer:
                value = answer.values.get(c.min_answer)
                if value is None or _differs(value * single.weight, c.min, PRINT_TOLERANCE):
                    problems.add(f"{path}.min_answer", f"jawaban '{c.min_answer}' tidak menghasilkan {fmt(c.min)}")
