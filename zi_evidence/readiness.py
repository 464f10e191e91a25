"""How ready one unit is for the TPI review, assembled in one place: catalog → findings → answers → scores.

``build_readiness(repo)`` reads an indexed repository once and returns plain frozen data; ``check``,
every report format and the PMPZI bundle read only this object, and the JSON report is its
serialisation (``to_dict``). Without an answers file the object still carries completeness and
findings; ``scores`` is then ``None`` and ``answers`` says how to create one.
"""

from __future__ import annotations

import calendar
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any

from zi_evidence import __version__
from zi_evidence.config import ANSWERS_NAME
from zi_evidence.errors import StateError, ZiError
from zi_evidence.findings import Finding, build_context, evidence_support, run_checks
from zi_evidence.progress import Progress, Silent

SCHEMA_VERSION = 1
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
SEVERITY_LABELS = {"error": "galat", "warning": "peringatan", "info": "info"}
ANSWERS_HOWTO = (
    f"Buat berkas jawaban dengan 'zi-evidence answers template' ({ANSWERS_NAME} di akar repositori), "
    "isi jawaban penilaian mandiri dan masukan hasil, lalu buat laporan ini lagi."
)


class CatalogMissing(StateError):
    """The repository has never been indexed, so there is nothing to report on."""


@dataclass(frozen=True)
class Deadline:
    key: str
    label: str
    date: date
    days_left: int  # 0 = today
    actor: str | None
    citation: str


@dataclass(frozen=True)
class FileLink:
    path: str  # display form relative to the root: escaped, safe to show
    status: str  # ok | problem | unsupported | pending
    usable: bool  # readable and dated in the assessment year (counts as evidence)
    fs_path: str = field(default="", repr=False)  # the real name (os.fsdecode), for links only; not serialised


@dataclass(frozen=True)
class QuestionRow:
    """One LKE question or hasil component: its evidence and, when answers exist, its score in both views."""

    id: str
    label: str
    area: int  # 0 for hasil components
    part: str | None
    indicator_id: str  # hasil: the group id (B.I, B.II)
    hasil: bool
    files: tuple[FileLink, ...]
    supported: bool
    status: str | None = None  # answered | unanswered | unsupported (None: no answers file)
    answer: str | None = None  # letter or hasil input as given
    ratio: float | None = None  # "%" questions: the formula's result
    weight: float | None = None
    claimed: float | None = None  # points as answered
    backed: float | None = None  # points the evidence supports


@dataclass(frozen=True)
class IndicatorRow:
    id: str
    name: str
    area: int
    part: str | None
    weight: float
    claimed: float | None = None
    backed: float | None = None


@dataclass(frozen=True)
class PartRow:
    key: str
    weight: float
    claimed: float
    backed: float


@dataclass(frozen=True)
class AreaRow:
    number: int
    name: str
    weight: float
    questions: int
    with_files: int  # questions with at least one file filed for them
    supported: int  # questions whose evidence backs an answer
    files: int
    claimed: float | None = None
    backed: float | None = None
    parts: tuple[PartRow, ...] = ()


@dataclass(frozen=True)
class Totals:
    pengungkit: float
    pengungkit_weight: float
    hasil: float
    hasil_weight: float
    total: float


@dataclass(frozen=True)
class Scores:
    """The scoring stage's verdicts as they are (``scoring`` dataclasses), both views side by side."""

    options: dict[str, str]
    claimed: Totals
    backed: Totals
    predicates_claimed: tuple[Any, ...]  # scoring.PredicateResult
    predicates_backed: tuple[Any, ...]
    gap: Any  # scoring.GapPlan (evidence-backed view, toward the target)
    remarks: tuple[str, ...] = ()

    def predicate(self, name: str, view: str = "backed") -> Any:
        found = self.predicates_claimed if view == "claimed" else self.predicates_backed
        return next((p for p in found if p.predicate == name), None)


@dataclass(frozen=True)
class AnswersState:
    status: str  # ok | missing | invalid
    path: str
    problems: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Verdict:
    """What ``zi-evidence check`` exits with: ok only when the target's thresholds are met in the
    evidence-backed view and no error-severity finding remains; ``reasons`` say why not."""

    ok: bool
    reasons: tuple[str, ...]
    notes: tuple[str, ...] = ()  # worth knowing, not deciding (prerequisites, claimed-only pass)


@dataclass(frozen=True)
class Readiness:
    unit: str
    institution: str
    ruleset_id: str
    ruleset_name: str
    regulation: str
    year: int
    target: str
    today: date
    root: str
    files: int
    pages: int
    areas: tuple[AreaRow, ...]
    indicators: tuple[IndicatorRow, ...]
    questions: tuple[QuestionRow, ...]  # pengungkit questions, then hasil components, in LKE order
    findings: tuple[Finding, ...]
    answers: AnswersState
    scores: Scores | None
    deadline: Deadline | None
    verdict: Verdict
    tool_version: str = __version__

    def findings_for(self, target_id: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.question == target_id)

    def severity_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITY_LABELS, 0)
        for finding in self.findings:
            counts[finding.severity] = counts.get(finding.severity, 0) + 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        """The JSON report (``schemas/report.schema.json``)."""
        return {"schema_version": SCHEMA_VERSION, **_plain(self)}


def _plain(value: Any) -> Any:
    """Dataclasses to dicts, dates to ISO text, tuples to lists; ``fs_path`` stays out (raw bytes of names)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value) if f.name != "fs_path"}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def format_date(day: date) -> str:
    """``31 Mei 2027``: how an Indonesian reader writes a date."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def href(root: str, file: FileLink, out_dir: Path) -> str:
    """A relative URL from ``out_dir`` to the file, percent-encoded from its real bytes, so the link opens."""
    from urllib.parse import quote

    target = os.path.join(root, file.fs_path or file.path)
    relative = os.path.relpath(target, os.path.abspath(out_dir))
    return quote(os.fsencode(relative).replace(os.sep.encode(), b"/"), safe="/")


# -- assembling ------------------------------------------------------------------------------------


def build_readiness(repo: Any, today: date | None = None, progress: Progress | None = None) -> Readiness:
    """Read an indexed repository once: catalog, findings, answers, both score views, predicates, gaps."""
    from zi_evidence.repository import CATALOG_NAME

    progress = progress or Silent()
    today = today or date.today()
    if not (repo.state_dir / CATALOG_NAME).is_file():  # opening the catalog would create an empty one
        raise CatalogMissing(f"Katalog {repo.root} belum ada. Jalankan dulu: zi-evidence index {repo.root}")
    ruleset = repo.ruleset
    progress.stage(f"Memeriksa data dukung {repo.config.unit.name}", 0)
    context = build_context(repo, as_of=today)
    findings = tuple(run_checks(repo.host, context))
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
    )


def _score(repo: Any, ruleset: Any, unsupported: frozenset[str], progress: Progress) -> tuple[AnswersState, Any]:
    from zi_evidence.answers import AnswersError, load_answers
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
    from zi_evidence.answers import Answers
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


def next_deadline(timeline: Iterable[Any], today: date) -> Deadline | None:
    """The nearest deadline of the rule set's yearly timeline on or after ``today`` (the cycle recurs)."""
    found: list[tuple[date, Any]] = []
    for entry in timeline:
        if not entry.deadline or entry.end is None:
            continue
        for year in (today.year - 1, today.year, today.year + 1, today.year + 2):
            when = _resolve(entry.end, year + entry.end.year_offset)
            if when >= today:
                found.append((when, entry))
                break
    if not found:
        return None
    when, entry = min(found, key=lambda item: item[0])
    return Deadline(entry.key, entry.label, when, (when - today).days, entry.actor, entry.citation)


def _resolve(when: Any, year: int) -> date:
    last = calendar.monthrange(year, when.month)[1]
    if when.day:
        return date(year, when.month, min(when.day, last))
    if when.week:  # "minggu ke-2 Maret": the end of that week
        return date(year, when.month, min(when.week * 7, last))
    return date(year, when.month, last)


# -- several units -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitRow:
    """One unit in a Kanwil / Eselon I roll-up; ``status`` ok, no_catalog (never indexed) or error."""

    path: str
    unit: str
    status: str
    message: str = ""
    ruleset_id: str = ""
    target: str = ""
    areas: tuple[AreaRow, ...] = ()
    claimed: Totals | None = None
    backed: Totals | None = None
    predicates: dict[str, dict[str, bool]] = field(default_factory=dict)  # WBK -> {claimed, backed}
    questions: int = 0
    supported: int = 0
    errors: int = 0
    warnings: int = 0
    answers: str = ""  # ok | missing | invalid
    ready: bool = False  # the unit's ``check`` verdict


@dataclass(frozen=True)
class Rollup:
    today: date
    units: tuple[UnitRow, ...]
    tool_version: str = __version__

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, **_plain(self)}


def unit_row(path: str, readiness: Readiness) -> UnitRow:
    scores = readiness.scores
    predicates = {}
    if scores is not None:
        for name in ("WBK", "WBBM"):
            claimed, backed = scores.predicate(name, "claimed"), scores.predicate(name, "backed")
            if claimed is not None and backed is not None:
                predicates[name] = {"claimed": bool(claimed.passed), "backed": bool(backed.passed)}
    counts = readiness.severity_counts()
    return UnitRow(
        path,
        readiness.unit,
        "ok",
        readiness.answers.note,
        readiness.ruleset_id,
        readiness.target,
        readiness.areas,
        scores.claimed if scores else None,
        scores.backed if scores else None,
        predicates,
        len(readiness.questions),
        sum(1 for q in readiness.questions if q.supported),
        counts["error"],
        counts["warning"],
        readiness.answers.status,
        readiness.verdict.ok,
    )


def build_rollup(paths: Iterable[Path], today: date | None = None, progress: Progress | None = None) -> Rollup:
    """One row per evidence repository; a unit that cannot be read is a row saying why, never a crash."""
    from zi_evidence.plugins import make_plugin_manager
    from zi_evidence.repository import Repository

    progress = progress or Silent()
    today = today or date.today()
    host = make_plugin_manager()  # one plugin host for every unit: loading plugins is the slow part
    rows = []
    from zi_evidence.config import CONFIG_NAME

    for path in paths:
        shown = str(path)
        if not (Path(path) / CONFIG_NAME).is_file():  # never climb to a parent's repository by accident
            message = (
                f"Bukan folder repositori data dukung (tidak ada {CONFIG_NAME}); jalankan: zi-evidence init {shown}"
            )
            rows.append(UnitRow(shown, Path(path).name, "error", message))
            continue
        try:
            repo = Repository.open(path, host=host)
            rows.append(unit_row(shown, build_readiness(repo, today, progress)))
        except CatalogMissing:
            message = f"Katalog belum ada; jalankan: zi-evidence index {shown}"
            rows.append(UnitRow(shown, _unit_name(repo), "no_catalog", message, repo.ruleset.id, repo.config.target))
        except ZiError as exc:
            rows.append(UnitRow(shown, Path(path).name, "error", str(exc)))
    return Rollup(today, tuple(rows))


def _unit_name(repo: Any) -> str:
    return str(repo.config.unit.name)
