"""The LKE arithmetic: question → indicator (weight × mean) → area (pemenuhan, reform) → pengungkit + hasil."""

from __future__ import annotations

from collections.abc import Mapping, Set
from typing import TYPE_CHECKING

from zi_evidence.rulesets import Ruleset
from zi_evidence.scoring.model import (
    AreaScore,
    HasilComponentScore,
    HasilGroupScore,
    IndicatorScore,
    PartScore,
    QuestionScore,
    QuestionStatus,
    ScoreReport,
    ScoreView,
    ViewName,
)
from zi_evidence.scoring.options import resolve_options
from zi_evidence.scoring.values import hasil_reading, lowest_choice, question_reading

if TYPE_CHECKING:
    from zi_evidence.answers.model import Answers


def score(
    ruleset: Ruleset,
    answers: Answers,
    unsupported: Set[str] = frozenset(),
    options: Mapping[str, str] | None = None,
) -> ScoreReport:
    """Both views of the LKE score.

    ``unsupported`` holds question ids (or hasil component ids/keys) whose answers the validation stage
    could not back with evidence; they count as the lowest option in the evidence-backed view.
    ``options`` override the answers file's ``opsi``, which override the rule set's defaults.
    """
    chosen = resolve_options(ruleset, answers.options, options)
    claimed = _view("claimed", ruleset, answers, unsupported, chosen)
    backed = _view("evidence_backed", ruleset, answers, unsupported, chosen)
    questions = claimed.questions()
    unanswered = tuple(q.id for q in questions if q.status == "unanswered") + tuple(
        c.key for g in claimed.hasil_groups for c in g.components if c.status == "unanswered"
    )
    lacking = tuple(q.id for q in questions if q.status == "unsupported") + tuple(
        c.key for g in claimed.hasil_groups for c in g.components if c.status == "unsupported"
    )
    remarks = tuple(f"{q.id}: {q.remark}" for q in questions if q.remark)
    return ScoreReport(
        ruleset.id,
        chosen,
        claimed,
        backed,
        unanswered,
        lacking,
        remarks,
        dict(answers.prerequisites),
        answers.institution_kind,
    )


def _view(
    name: ViewName, ruleset: Ruleset, answers: Answers, unsupported: Set[str], options: Mapping[str, str]
) -> ScoreView:
    areas = []
    for area in ruleset.areas:
        indicators = tuple(
            _indicator(name, ruleset, indicator.id, answers, unsupported, options)
            for indicator in ruleset.indicators_of(area.number)
        )
        parts = tuple(
            PartScore(
                part.key, area.part_weights.get(part.key, 0.0), sum(i.value for i in indicators if i.part == part.key)
            )
            for part in ruleset.parts
        )
        value = sum(i.value for i in indicators)
        areas.append(AreaScore(area.number, area.name, area.code, area.weight, value, indicators, parts))
    groups = tuple(
        _hasil_group(name, ruleset, group_index, answers, unsupported, options)
        for group_index in range(len(ruleset.hasil))
    )
    pengungkit = sum(a.value for a in areas)
    hasil = sum(g.value for g in groups)
    return ScoreView(
        name,
        tuple(areas),
        groups,
        pengungkit,
        ruleset.pengungkit_weight,
        hasil,
        ruleset.hasil_weight,
        pengungkit + hasil,
    )


def _indicator(
    view: ViewName,
    ruleset: Ruleset,
    indicator_id: str,
    answers: Answers,
    unsupported: Set[str],
    options: Mapping[str, str],
) -> IndicatorScore:
    indicator = ruleset.indicator(indicator_id)
    assert indicator is not None
    questions = ruleset.questions_of(indicator_id)
    scored = []
    for question in questions:
        # weight × mean of the values == Σ (weight ÷ n) × value; a printed sub-weight replaces weight ÷ n
        weight = question.weight if question.weight is not None else indicator.weight / len(questions)
        answer = answers.get(question.id)
        reading = question_reading(ruleset, question, answer, options)
        status: QuestionStatus = "answered" if reading.answered else "unanswered"
        if reading.answered and question.id in unsupported:
            status = "unsupported"
        letter = answer.choice if answer else None
        shown, value, remark = letter, reading.value, reading.remark
        if status == "unsupported" and view == "evidence_backed":
            kind = ruleset.answer_types[question.answer_type]
            shown = lowest_choice(kind) if question.formula is None else None
            value, remark = 0.0, "tanpa data dukung: dihitung sebagai jawaban terendah"
        scored.append(
            QuestionScore(
                question.id,
                question.label,
                indicator.id,
                question.area,
                question.part,
                question.answer_type,
                status,
                shown,
                letter,
                dict(answer.inputs) if answer else {},
                reading.ratio,
                value,
                weight,
                weight * value,
                answer.note if answer else None,
                remark,
            )
        )
    value = sum(q.points for q in scored)
    missing = tuple(q.id for q in scored if q.status == "unanswered")
    return IndicatorScore(
        indicator.id, indicator.name, indicator.area, indicator.part, indicator.weight, value, tuple(scored), missing
    )


def _hasil_group(
    view: ViewName, ruleset: Ruleset, index: int, answers: Answers, unsupported: Set[str], options: Mapping[str, str]
) -> HasilGroupScore:
    group = ruleset.hasil[index]
    components = []
    for component in group.components:
        given = answers.hasil.get(component.key)
        reading = hasil_reading(ruleset, component, given, options)
        status: QuestionStatus = "answered" if reading.answered else "unanswered"
        if reading.answered and (component.key in unsupported or component.id in unsupported):
            status = "unsupported"
        value = 0.0 if status == "unsupported" and view == "evidence_backed" else reading.value
        components.append(
            HasilComponentScore(
                component.id,
                component.key,
                component.name,
                group.key,
                component.weight,
                component.answer_type,
                status,
                given,
                value,
            )
        )
    return HasilGroupScore(
        group.id, group.key, group.name, group.weight, sum(c.value for c in components), tuple(components)
    )
