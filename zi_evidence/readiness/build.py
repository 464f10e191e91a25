"""Assemble one unit's readiness once: catalog → findings → answers → scores → verdict."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import asdict
from datetime import date
from typing import Any

from zi_evidence.config import ANSWERS_NAME
from zi_evidence.errors import CatalogMissing, ZiError
from zi_evidence.progress import Progress, Silent
from zi_evidence.readiness.deadline import next_deadline
from zi_evidence.readiness.model import (
    ANSWERS_HOWTO,
    AnswersState,
    AreaRow,
    FileLink,
    IndicatorRow,
    PartRow,
    QuestionRow,
    Readiness,
    Scores,
    Totals,
    Verdict,
)
from zi_evidence.readiness.reviews import read_reviews
from zi_evidence.suggest import suggest
from zi_evidence.validation.findings import (
    EvidenceContext,
    Finding,
    build_context,
    evidence_support,
    results_path,
    run_checks,
)

# -- assembling ------------------------------------------------------------------------------------


def build_readiness(
    repo: Any, today: date | None = None, progress: Progress | None = None, context: EvidenceContext | None = None
) -> Readiness:
    """Read an indexed repository once: catalog, findings, answers, both score views, predicates, gaps.

    ``context``: the evidence already read by the caller (``build_context`` as of ``today``), which keeps
    what it needs of it (the web app keeps each file's document date); read here otherwise.
    """
    progress = progress or Silent()
    today = today or date.today()
    if not repo.has_catalog():
        raise CatalogMissing(f"Katalog {repo.root} belum ada. Jalankan dulu: zi-evidence index {repo.root}")
    ruleset = repo.ruleset
    progress.stage(f"Memeriksa data dukung {repo.config.unit.name}", 0)
    context = context or build_context(repo, as_of=today)
    findings = tuple(run_checks(repo.host, context, results_path(repo)))
    support = evidence_support(findings, context)
    with repo.catalog() as catalog:
        real = {r.id: os.fsdecode(r.path) for r in catalog.records()}
        pages = catalog.count_pages()
    links: dict[str, list[FileLink]] = {}
    for f in context.files:
        if f.target_id:
            links.setdefault(f.target_id, []).append(FileLink(f.path, f.status, context.usable(f), real.get(f.id, "")))
    unsupported = frozenset(t for t, s in support.items() if not s.supported)
    answers, scored = _score(repo, ruleset, unsupported, progress)
    questions = _question_rows(ruleset, links, support, scored, _weights(ruleset))
    areas = _area_rows(ruleset, questions, links, scored)
    indicators = tuple(
        IndicatorRow(i.id, i.name, i.area, i.part, i.weight, *_indicator_values(scored, i.id))
        for i in ruleset.indicators
    )
    scores = _scores(ruleset, repo.config.target, scored) if scored is not None else None
    unit = repo.config.unit
    return Readiness(
        unit=unit.name,
        institution=unit.institution,
        ruleset_id=ruleset.id,
        ruleset_name=ruleset.name,
        regulation=ruleset.regulation,
        year=int(repo.config.year),
        target=repo.config.target,
        today=today,
        root=str(repo.root),
        files=len(context.files),
        pages=pages,
        areas=areas,
        indicators=indicators,
        questions=questions,
        findings=findings,
        answers=answers,
        scores=scores,
        deadline=next_deadline(ruleset.timeline, today),
        verdict=_verdict(repo.config.target, findings, answers, scores),
        reviews=read_reviews(repo),
        suggestions=suggest(context),
    )


def _score(repo: Any, ruleset: Any, unsupported: frozenset[str], progress: Progress) -> tuple[AnswersState, Any]:
    from zi_evidence.answers.model import load_answers
    from zi_evidence.errors import AnswersError
    from zi_evidence.scoring import score

    path = repo.root / ANSWERS_NAME
    if not path.is_file():
        return AnswersState(
            "missing", str(path), note=f"Berkas jawaban {ANSWERS_NAME} belum ada. {ANSWERS_HOWTO}"
        ), None
    progress.stage("Menghitung nilai LKE", 0)
    try:
        return AnswersState("ok", str(path)), score(ruleset, load_answers(path, ruleset), unsupported=unsupported)
    except AnswersError as exc:
        problems = exc.problems
    except ZiError as exc:  # an unknown option in the answers file, and the like
        problems = (str(exc),)
    note = f"Berkas jawaban {ANSWERS_NAME} tidak valid; nilai belum dihitung. Periksa: zi-evidence answers check"
    return AnswersState("invalid", str(path), tuple(problems), note), None


def _weights(ruleset: Any) -> dict[str, float]:
    """Points each question can give, as the engine computes them (scoring an empty answers file)."""
    from zi_evidence.answers.model import Answers
    from zi_evidence.scoring import score

    return {q.id: q.weight for q in score(ruleset, Answers()).claimed.questions()}


def _question_rows(
    ruleset: Any, links: dict, support: dict, scored: Any, weights: dict[str, float]
) -> tuple[QuestionRow, ...]:
    claimed = {q.id: q for q in scored.claimed.questions()} if scored else {}
    backed = {q.id: q for q in scored.evidence_backed.questions()} if scored else {}
    rows = []
    for q in ruleset.questions:
        files, supported = tuple(links.get(q.id, ())), _ok(support, q.id)
        base = QuestionRow(
            q.id, q.label, q.area, q.part, q.indicator_id, False, files, supported, weight=weights.get(q.id)
        )
        if q.id in claimed:
            c, b = claimed[q.id], backed[q.id]
            answer = c.claimed_answer or c.answer
            base = _with(
                base, status=c.status, answer=answer, ratio=c.ratio, weight=c.weight, claimed=c.points, backed=b.points
            )
        rows.append(base)
    hasil_backed = {c.id: c for g in scored.evidence_backed.hasil_groups for c in g.components} if scored else {}
    for group in ruleset.hasil:
        for comp in group.components:
            base = QuestionRow(
                comp.id,
                comp.name,
                0,
                None,
                group.id,
                True,
                tuple(links.get(comp.id, ())),
                _ok(support, comp.id),
                weight=comp.weight,
            )
            found = scored.claimed.hasil_item(comp.key) if scored else None
            if found is not None:
                given = None if found.input is None else str(found.input)
                b = hasil_backed[comp.id]
                base = _with(base, status=found.status, answer=given, claimed=found.value, backed=b.value)
            rows.append(base)
    return tuple(rows)


def _ok(support: dict, target_id: str) -> bool:
    found = support.get(target_id)
    return bool(found and found.supported)


def _with(row: QuestionRow, **changes: Any) -> QuestionRow:
    from dataclasses import replace

    return replace(row, **changes)


def _indicator_values(scored: Any, indicator_id: str) -> tuple[float | None, float | None]:
    if scored is None:
        return None, None
    values = []
    for view in (scored.claimed, scored.evidence_backed):
        found = next((i for a in view.areas for i in a.indicators if i.id == indicator_id), None)
        values.append(found.value if found else None)
    return values[0], values[1]


def _area_rows(ruleset: Any, questions: Iterable[QuestionRow], links: dict, scored: Any) -> tuple[AreaRow, ...]:
    rows = []
    listed = list(questions)
    for area in ruleset.areas:
        mine = [q for q in listed if q.area == area.number and not q.hasil]
        indicator_files = sum(len(links.get(i.id, ())) for i in ruleset.indicators if i.area == area.number)
        row = AreaRow(
            area.number,
            area.name,
            area.weight,
            len(mine),
            sum(1 for q in mine if q.files),
            sum(1 for q in mine if q.supported),
            sum(len(q.files) for q in mine) + indicator_files,
        )
        if scored is not None:
            c, b = scored.claimed.area(area.number), scored.evidence_backed.area(area.number)
            parts = tuple(PartRow(p.key, p.weight, p.value, b.part(p.key).value) for p in c.parts)
            row = AreaRow(**{**asdict(row), "claimed": c.value, "backed": b.value, "parts": parts})
        rows.append(row)
    return tuple(rows)


def _scores(ruleset: Any, target: str, scored: Any) -> Scores:
    from zi_evidence.scoring import check_predicates, gap_plan

    check = check_predicates(ruleset, scored, target=target)

    def totals(view: Any) -> Totals:
        return Totals(view.pengungkit, view.pengungkit_weight, view.hasil, view.hasil_weight, view.total)

    return Scores(
        dict(scored.options),
        totals(scored.claimed),
        totals(scored.evidence_backed),
        tuple(check.claimed),
        tuple(check.evidence_backed),
        gap_plan(ruleset, scored, check),
        tuple(scored.remarks),
    )


def _verdict(target: str, findings: Iterable[Finding], answers: AnswersState, scores: Scores | None) -> Verdict:
    from zi_evidence.scoring import format_number as num

    reasons: list[str] = []
    notes: list[str] = []
    errors = sum(1 for f in findings if f.severity == "error")
    if scores is None:
        state = "belum ada" if answers.status == "missing" else "tidak valid"
        reasons.append(f"Ambang {target} belum dapat dinilai: berkas jawaban {ANSWERS_NAME} {state}.")
    else:
        backed, claimed = scores.predicate(target, "backed"), scores.predicate(target, "claimed")
        if backed is None or not backed.passed:
            failed = ", ".join(f"{c.label} kurang {num(c.shortfall)}" for c in (backed.failed if backed else ()))
            if backed is not None and not backed.requires_met:
                failed = ", ".join(filter(None, [failed, "predikat prasyarat " + "/".join(backed.requires)]))
            reasons.append(f"Ambang {target} belum terpenuhi menurut nilai yang didukung data dukung ({failed}).")
            if claimed is not None and claimed.passed:
                notes.append(
                    f"Menurut jawaban saja ambang {target} terpenuhi: selisihnya karena data dukung belum ada."
                )
        for status, state in (("not_met", "belum terpenuhi"), ("unknown", "belum diketahui")):
            names = [p.label for p in (backed.prerequisites if backed else ()) if p.status == status]
            if names:  # outside the score, so not part of the exit code; the team must still see them
                notes.append(f"Prasyarat di luar nilai {state}: {'; '.join(names)}.")
    if errors:
        reasons.append(f"Masih ada {errors} temuan bertingkat galat (error) pada data dukung.")
    return Verdict(not reasons, tuple(reasons), tuple(notes))
