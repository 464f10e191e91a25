"""One answer's value, exactly as the LKE reads it (letters, "%" formulas, survey scores, percentages)."""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass

from zi_evidence.answers.model import Answer, expression_for
from zi_evidence.rulesets import AnswerType, HasilComponent, Question, Ruleset
from zi_evidence.rulesets.arith import evaluate, expression_names
from zi_evidence.scoring.options import BATAS_PERSEN, CLAMP, FULL_WHEN_STILL_ZERO, PELANGGARAN_NOL


@dataclass(frozen=True)
class Reading:
    answered: bool
    value: float  # 0..1 for questions; points for hasil components
    ratio: float | None = None
    remark: str | None = None


def choice_values(kind: AnswerType, options: Mapping[str, str]) -> Mapping[str, float]:
    return kind.values_for(options.get(kind.variant_option) if kind.variant_option else None)


def lowest_choice(kind: AnswerType) -> str | None:
    """The letter worth least: what an unsupported answer falls back to in the evidence-backed view."""
    return min(kind.values, key=lambda letter: kind.values[letter]) if kind.values else None


def question_reading(
    ruleset: Ruleset, question: Question, answer: Answer | None, options: Mapping[str, str]
) -> Reading:
    if answer is None:
        return Reading(False, 0.0)
    if question.formula is None:
        if answer.choice is None:
            return Reading(False, 0.0)
        values = choice_values(ruleset.answer_types[question.answer_type], options)
        return Reading(True, float(values[answer.choice]))
    return _ratio_reading(question, answer, dict(options))


def _ratio_reading(question: Question, answer: Answer, options: dict[str, str]) -> Reading:
    expression = expression_for(question, options) or ""
    if not expression_names(expression) <= set(answer.inputs):
        if answer.value is not None:
            return Reading(True, answer.value, remark="input belum lengkap; dipakai nilai dari penilai")
        return Reading(False, 0.0)
    try:
        ratio = evaluate(expression, answer.inputs)
    except ZeroDivisionError:
        return _undefined(question, answer, expression, options)
    if options.get(BATAS_PERSEN, CLAMP) != CLAMP:
        return Reading(True, ratio, ratio)
    clamped = min(1.0, max(0.0, ratio))
    remark = f"hasil rumus {ratio:.4g} dipotong ke {clamped:g} (opsi batas_persen)" if clamped != ratio else None
    return Reading(True, clamped, ratio, remark)


def _undefined(question: Question, answer: Answer, expression: str, options: dict[str, str]) -> Reading:
    """A zero divisor: the LKE does not say what then, so the rule set's option (or the assessor) decides."""
    related = question.formula.related_options if question.formula else ()
    if PELANGGARAN_NOL in related and options.get(PELANGGARAN_NOL) == FULL_WHEN_STILL_ZERO:
        body = ast.parse(expression, mode="eval").body
        numerator = evaluate(ast.unparse(body.left), answer.inputs) if isinstance(body, ast.BinOp) else 1.0
        value = 1.0 if numerator == 0 else 0.0
        return Reading(True, value, remark=f"pembagi 0: dinilai {value:g} (opsi {PELANGGARAN_NOL})")
    if answer.value is not None:
        return Reading(True, answer.value, remark="pembagi 0: rumus tidak berlaku, dipakai nilai dari penilai")
    return Reading(True, 0.0, remark="pembagi 0 dan nilai penilai kosong: dihitung 0; isi 'nilai' bila perlu")


def hasil_reading(
    ruleset: Ruleset, component: HasilComponent, given: float | str | None, options: Mapping[str, str]
) -> Reading:
    """Points of one hasil component: score/max × weight, or the letter's value × weight."""
    if given is None:
        return Reading(False, 0.0)
    kind = ruleset.answer_types[component.answer_type]
    if kind.kind == "choice":
        return Reading(True, float(choice_values(kind, options)[str(given)]) * component.weight)
    number = float(given)
    if kind.kind == "scale" and kind.scale_max:
        return Reading(True, number / kind.scale_max * component.weight, number)
    return Reading(True, min(1.0, max(0.0, number)) * component.weight, number)
