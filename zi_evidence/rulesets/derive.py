"""``extends``: laying a child rule set over its parent, and the weights the loader derives on the way.

Merge rules (also in docs/rulesets.md): scalars and plain lists in the child replace the parent's;
mappings (answer types, options, thresholds, prerequisites, timeline...) merge entry by entry;
areas merge by ``number``, indicators, questions, hasil groups and components by ``id``;
``evidence_append`` adds to the inherited evidence list instead of replacing it.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Callable
from typing import Any

Doc = dict[str, Any]
#: (kind, id) -> note, for every weight the merge computed; kind is "indicator", "area" or "question".
Derived = dict[tuple[str, str], str]

_KEYED_LISTS = {"areas": "number", "indicators": "id", "hasil": "id"}
_NESTED_LISTS = {"indicators": ("questions", "id"), "hasil": ("components", "id")}
_MAPPINGS = ("confidence", "answer_types", "options", "thresholds", "prerequisites", "timeline", "totals")


def fmt(value: float) -> str:
    """Indonesian decimal notation with at least two and at most four decimals: 1,60 or 1,3333."""
    text = f"{value:.4f}".rstrip("0")
    whole, _, frac = text.partition(".")
    return f"{whole},{frac.ljust(2, '0')}"


def slugify(text: str) -> str:
    """A folder-safe short name: lower case ASCII words joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"\([^)]*\)", " ", ascii_text)  # "(SOP)" and similar asides make names long
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].rstrip("-")


def _merge_entry(parent: Doc, patch: Doc) -> Doc:
    merged = {**parent, **{k: v for k, v in patch.items() if k != "evidence_append"}}
    if "evidence_append" in patch:
        merged["evidence"] = list(merged.get("evidence", [])) + list(patch["evidence_append"])
    return merged


def _merge_list(parent: list[Doc], patch: list[Doc], key: str, nested: tuple[str, str] | None) -> list[Doc]:
    result = [copy.deepcopy(item) for item in parent]
    position = {item.get(key): n for n, item in enumerate(result)}
    for item in patch:
        n = position.get(item.get(key))
        if n is None:  # a new entry: appended, then sorted into LKE order by the builder
            position[item.get(key)] = len(result)
            result.append(copy.deepcopy(item))
            continue
        merged = _merge_entry(result[n], item)
        if nested and nested[0] in item and nested[0] in result[n]:
            merged[nested[0]] = _merge_list(result[n][nested[0]], item[nested[0]], nested[1], None)
        result[n] = merged
    return result


def _bake_evidence_citations(doc: Doc) -> None:
    """Give inherited evidence its own file's citation before the child's ``evidence_citation`` replaces it."""
    default = doc.get("evidence_citation")
    if not default:
        return
    holders: list[Doc] = []
    for indicator in doc.get("indicators", []):
        holders += [indicator, *indicator.get("questions", [])]
    for group in doc.get("hasil", []):
        holders += group.get("components", [])
    holders += [p for p in doc.get("prerequisites", {}).values() if isinstance(p, dict)]
    for holder in holders:
        if "evidence" in holder:
            holder["evidence"] = [
                {"description": e, "citation": default} if isinstance(e, str) else {"citation": default, **e}
                for e in holder["evidence"]
            ]


def merge(parent: Doc, child: Doc) -> Doc:
    """The child's document laid over the (already merged) parent's; ``extends``/``derive`` are dropped."""
    merged = copy.deepcopy(parent)
    _bake_evidence_citations(merged)
    for name, value in child.items():
        if name in ("extends", "derive"):
            continue
        if name in _KEYED_LISTS and name in merged:
            merged[name] = _merge_list(merged[name], value, _KEYED_LISTS[name], _NESTED_LISTS.get(name))
        elif name in _MAPPINGS and isinstance(merged.get(name), dict):
            base = merged[name]
            merged[name] = {
                **base,
                **{k: (_merge_entry(base[k], v) if isinstance(base.get(k), dict) else v) for k, v in value.items()},
            }
        else:
            merged[name] = copy.deepcopy(value)
    merged.pop("extends", None)
    # Evidence the child adds without a citation is the child's claim, not the parent's.
    merged["evidence_citation"] = child.get("evidence_citation", child["regulation"])
    return merged


def rescale(parent: Doc, child: Doc, merged: Doc, describe: Callable[[Doc], str]) -> Derived:
    """Scale inherited part and indicator weights to the child's new area weights, in place.

    Only weights the child did not set itself are touched; each one gets a note saying how it was computed.
    ``describe(doc)`` names a document in notes (its id).
    """
    derived: Derived = {}
    old_areas = {a["number"]: a for a in parent.get("areas", [])}
    patched_areas = {a["number"]: a for a in child.get("areas", []) if "weight" in a}
    patched_indicators = {i["id"]: i for i in child.get("indicators", [])}
    parent_name, child_name = describe(parent), describe(child)
    for area in merged["areas"]:
        number = area["number"]
        if number not in patched_areas or number not in old_areas:
            continue
        old, new = float(old_areas[number]["weight"]), float(area["weight"])
        if old == 0:  # an unchanged weight is still re-stated as derived: the child does not print it
            continue
        factor = new / old
        ratio = f"{fmt(new)}/{fmt(old)}"
        why = f"bobot area {number} '{area['name']}' di {child_name} / di {parent_name} = {ratio}"
        if area.get("part_weights") and "part_weights" not in patched_areas[number]:
            area["part_weights"] = {k: v * factor for k, v in area["part_weights"].items()}
            derived[("area", str(number))] = f"Bobot pemenuhan/reform diturunkan: × {why}."
        for indicator in merged["indicators"]:
            if indicator.get("area") != number or "weight" in patched_indicators.get(indicator["id"], {}):
                continue
            old_weight = float(indicator["weight"])
            indicator["weight"] = old_weight * factor
            indicator["citation"] = f"{indicator['citation']}; diskalakan dengan {area['citation']}"
            derived[("indicator", indicator["id"])] = (
                f"Diturunkan: {fmt(old_weight)} (bobot indikator di {parent_name}) × {why} "
                f"= {fmt(indicator['weight'])}."
            )
            for question in indicator.get("questions", []):
                if "weight" in question:
                    question["weight"] = float(question["weight"]) * factor
                    derived[("question", question["id"])] = f"Sub-bobot diturunkan: × {ratio}."
    return derived
