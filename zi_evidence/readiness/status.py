"""What the catalog holds, as data: files per area and question, what is unmapped, what has problems.

The ``status`` command renders it as text (zi_evidence/cli/repo_commands.py)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from zi_evidence.repository import Repository


@dataclass(frozen=True)
class AreaStatus:
    number: int
    name: str
    files: int
    questions_with_evidence: int
    questions: int


@dataclass(frozen=True)
class FileNote:
    path: str
    code: str
    message: str
    hint: str = ""
    severity: str = "error"


@dataclass
class StatusReport:
    unit: str
    ruleset: str
    year: int
    target: str
    files: int = 0
    pages: int = 0
    areas: list[AreaStatus] = field(default_factory=list)
    per_question: dict[str, int] = field(default_factory=dict)
    indicator_level: dict[str, int] = field(default_factory=dict)
    unmapped: list[FileNote] = field(default_factory=list)
    problems: list[FileNote] = field(default_factory=list)
    skipped: list[FileNote] = field(default_factory=list)
    suggestions: list[Any] = field(default_factory=list)  # suggest.Suggestion, for unmapped/indicator files


def collect_status(repo: Repository) -> StatusReport:
    ruleset = repo.ruleset
    report = StatusReport(repo.config.unit.name, ruleset.id, repo.config.year, repo.config.target)
    with repo.catalog() as catalog:
        records = catalog.records()
        report.pages = catalog.count_pages()
        skipped = catalog.skipped()
    report.files = len(records)
    per_target = Counter(r.target_id for r in records if r.target_id)
    answerable = [q.id for q in ruleset.questions] + [c.id for g in ruleset.hasil for c in g.components]
    report.per_question = {qid: per_target.get(qid, 0) for qid in answerable}
    report.indicator_level = {k: v for k, v in per_target.items() if k not in report.per_question}
    for area in ruleset.areas:
        questions = [q for q in ruleset.questions if q.area == area.number]
        indicators = {i.id for i in ruleset.indicators if i.area == area.number}
        files = sum(per_target.get(q.id, 0) for q in questions) + sum(per_target.get(i, 0) for i in indicators)
        covered = sum(1 for q in questions if per_target.get(q.id))
        report.areas.append(AreaStatus(area.number, area.name, files, covered, len(questions)))
    for record in records:
        if record.mapping_status in ("unmapped", "ambiguous"):
            label = "ambigu" if record.mapping_status == "ambiguous" else "belum terpetakan"
            report.unmapped.append(FileNote(record.display, record.mapping_status, f"{label}: {record.mapping_reason}"))
        for problem in record.all_problems:
            report.problems.append(
                FileNote(record.display, problem.code, problem.message, problem.hint, problem.severity)
            )
    report.skipped = [FileNote(path, p.code, p.message, p.hint, p.severity) for path, p in skipped]
    if any(r.mapping_status in ("unmapped", "ambiguous", "indicator") for r in records):
        from zi_evidence.suggest import suggest
        from zi_evidence.validation.findings import build_context

        report.suggestions = list(suggest(build_context(repo)))
    return report
