"""Writing the answers file: every question of the rule set in the LKE's order, its choices as comments,
and the values already given (``answers template``, ``answers import``)."""

from __future__ import annotations

import json
from typing import Any

import yaml

from zi_evidence.answers.model import Answer, Answers, expression_for
from zi_evidence.rulesets import Area, Question, Ruleset


def _weight(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def lke_sections(ruleset: Ruleset) -> list[tuple[str | None, Area]]:
    """(part, area) in the LKE's own order: I. Pemenuhan areas 1–6, then II. Reform 1–6 (or just areas)."""
    parts: list[str | None] = [p.key for p in ruleset.parts] or [None]
    return [(part, area) for part in parts for area in ruleset.areas]


def template(ruleset: Ruleset, answers: Answers | None = None) -> str:
    """The answers file with every question, its options as comments, and ``answers``' values (or blanks)."""
    given = answers or Answers()
    out = [
        f"# Jawaban penilaian mandiri LKE — {ruleset.name}",
        f"# Aturan: {ruleset.regulation}",
        "# Isi 'jawaban' dengan salah satu pilihan di komentar; pertanyaan yang kosong dihitung 0.",
        "# Pertanyaan persentase: isi jumlah pada 'input'. Hasil: skor survei 0–4, persen 0–100 atau huruf.",
        "# Periksa isinya dengan: zi-evidence answers check",
        "schema_version: 1",
        f"ruleset: {ruleset.id}",
        f"jenis_instansi: {_scalar(given.institution_kind)}  # kl (kementerian/lembaga) atau pemda",
        "opsi:",
    ]
    for key, option in ruleset.options.items():
        choices = ", ".join(c.key + (" (bawaan)" if c.key == option.default else "") for c in option.choices)
        line = f"  {key}: {given.options[key]}" if key in given.options else f"  # {key}:"
        out.append(f"{line}  # {option.label} — pilihan: {choices}")
    out.append("jawaban:")
    chosen = {key: option.default for key, option in ruleset.options.items()} | given.options
    for part, area in lke_sections(ruleset):
        weight = area.part_weights.get(part, 0.0) if part else area.weight
        suffix = f" — {part}" if part else ""
        out.append(f"  # ── Area {area.number} {area.name}{suffix} (bobot {_weight(weight)}) ──")
        for indicator in ruleset.indicators_of(area.number, part):
            out.append(f"  # {indicator.id} {indicator.name} (bobot {_weight(indicator.weight)})")
            for question in ruleset.questions_of(indicator.id):
                out.extend(_question_lines(ruleset, question, given.get(question.id), chosen))
    out.append("hasil:")
    for group in ruleset.hasil:
        out.append(f"  # {group.id} {group.name} (bobot {_weight(group.weight)})")
        for component in group.components:
            kind = ruleset.answer_types[component.answer_type]
            hint = ", ".join(kind.values) if kind.kind == "choice" else f"{kind.label}"
            value = _scalar(given.hasil.get(component.key))
            out.append(
                f"  {component.key}: {value}  # {component.id} {component.name} · {hint}".replace(":   #", ":  #")
            )
    out.append("prasyarat:")
    for prerequisite in ruleset.prerequisites:
        needs = "; ".join(f"{p}: {text}" for p, text in prerequisite.requirement.items())
        value = _scalar(given.prerequisites.get(prerequisite.key))
        out.append(f"  {prerequisite.key}: {value}  # {prerequisite.label} · {needs}".replace(":   #", ":  #"))
    out.append("# Fakta prasyarat: true/false, angka (persen, tahun, level), huruf (WTP, BB…), atau {a: 100, b: 98}.")
    return "\n".join(line.rstrip() for line in out) + "\n"


def _question_lines(ruleset: Ruleset, question: Question, answer: Answer | None, options: dict[str, str]) -> list[str]:
    kind = ruleset.answer_types[question.answer_type]
    lines = []
    if question.formula is None:
        lines.append(f"  {question.id}:  # {question.label} · {kind.label}: {', '.join(kind.values)}")
        lines.extend(f"  #   {letter} = {text}" for letter, text in question.criteria.items())
        lines.append(f"    jawaban: {_scalar(answer.choice if answer else None)}")
    else:
        lines.append(f"  {question.id}:  # {question.label} · % = {expression_for(question, options)}")
        lines.append("    input:")
        for item in question.formula.inputs:
            count = _scalar(answer.inputs.get(item.name) if answer else None)
            lines.append(f"      {item.name}: {count}  # {item.label}".replace(":   #", ":  #"))
        if answer is not None and answer.value is not None:
            lines.append(f"    nilai: {_scalar(answer.value)}")
    lines.append(f"    catatan: {_scalar(answer.note if answer else None)}")
    return lines


def _scalar(value: Any) -> str:
    """One YAML scalar (or a flow mapping of scalars) that reads back as ``value``."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_scalar(v) or 'null'}" for k, v in value.items()) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    try:
        plain = text == text.strip() and "\n" not in text and yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)
