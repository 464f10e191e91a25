"""Reading a unit's snapshot from its repository (the unit side of ``push``)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import Any

from zi_evidence.readiness.build import build_readiness
from zi_evidence.readiness.rollup import unit_row
from zi_evidence.server.snapshot import ManifestEntry, Snapshot, UnitReview


def _summary(row: Any, readiness: Any) -> dict[str, Any]:
    return {
        "ruleset": row.ruleset_id,
        "target": row.target,
        "claimed": asdict(row.claimed) if row.claimed else None,
        "backed": asdict(row.backed) if row.backed else None,
        "predicates": row.predicates,
        "questions": row.questions,
        "supported": row.supported,
        "errors": row.errors,
        "warnings": row.warnings,
        "answers": row.answers,
        "ready": row.ready,
        "files": readiness.files,
        "pages": readiness.pages,
    }


def collect(repo: Any, today: date | None = None) -> Snapshot:
    """The snapshot of an indexed repository as of ``today``."""
    from zi_evidence.review.sqlstore import open_store
    from zi_evidence.server.pageviews import page_views
    from zi_evidence.web.site import Site

    unit_tier = repo.ruleset.tiers[0].key
    store = open_store(repo.state_dir)  # first: the readiness then sees the review database a push leaves
    try:
        with store.transaction() as session:
            reviews = [r for r in session.reviews(repo.config.unit.name) if r.tier == unit_tier]
    finally:
        store.close()
    site = Site(repo)  # the web pages' own data, built once for the pages and the summary
    readiness = site.readiness() if today in (None, date.today()) else build_readiness(repo, today)
    entries: list[ManifestEntry] = []
    texts: dict[str, tuple[str, ...]] = {}
    with repo.catalog() as catalog:
        for record in catalog.records():
            if not record.sha256:
                continue  # never read (unreadable or skipped): nothing to send
            entries.append(
                ManifestEntry(
                    record.display, record.sha256, record.size, record.mime,
                    record.target_id if record.mapping_status == "question" else None,
                    record.mapping_status, record.parser, record.parser_version,
                )
            )  # fmt: skip
            if record.parser and record.sha256 not in texts:
                texts[record.sha256] = tuple(catalog.page_texts(record))
    findings = tuple(
        {"code": f.code, "severity": f.severity, "question": f.question, "path": f.path, "message": f.message}
        for f in readiness.findings
    )
    return Snapshot(
        unit_name=readiness.unit,
        year=readiness.year,
        ruleset=readiness.ruleset_id,
        files=tuple(sorted(entries, key=lambda e: e.path)),
        texts=texts,
        findings=findings,
        answers={q.id: q.answer for q in readiness.questions if q.answer is not None},
        reviews=tuple(
            UnitReview(r.question_id, r.status, r.round, r.answer, r.note, r.reviewer, r.at, r.fingerprint)
            for r in reviews
        ),
        summary=_summary(unit_row(str(repo.root), readiness), readiness),
        views=page_views(site),
        # the JSON report as text: its keys keep their order, so the server's reports are the drive's
        readiness=json.dumps(readiness.to_dict(), ensure_ascii=False),
    )
