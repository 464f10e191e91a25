"""One question's page data: its rule-set text, answer and scores, expected evidence, a page of its files,
their findings and what would raise its score."""

from __future__ import annotations

from typing import Any

from zi_evidence.web.data.parts import date_text, finding_dict, gap_dict, hasil_ids
from zi_evidence.web.site import Site

#: Rows of a question's file table per page: a question with thousands of files stays quick to open.
FILES_PER_PAGE = 100


def question(site: Site, question_id: str, page: int = 1) -> dict[str, Any] | None:
    snapshot = site.snapshot()
    readiness = snapshot.readiness
    row = next((q for q in readiness.questions if q.id == question_id), None)
    if row is None:
        return None
    ruleset = site.repo.ruleset
    spec = ruleset.question(question_id) or _hasil_component(ruleset, question_id)
    labels = site.kind_labels()
    usable = {f.path: f.usable for f in row.files}
    with site.repo.catalog() as catalog:
        displays = catalog.displays_of_target(question_id)
        pages = max(1, -(-len(displays) // FILES_PER_PAGE))
        page = min(max(page, 1), pages)
        # whole rows (problems, metadata) only for the page shown: a question may hold thousands of files
        records = catalog.records_of_target(question_id, (page - 1) * FILES_PER_PAGE, FILES_PER_PAGE)
    files = []
    for record in records:
        # the date the checks used, from the snapshot: no page re-reads the texts of a question's files
        found = snapshot.dates.get(record.id) if record.parser else None
        files.append(
            {
                "id": record.id,
                "path": record.display,
                "kinds": [labels.get(k, k) for k in record.kinds],
                "date": date_text(found),
                "date_source": found.source if found else None,
                "pages": record.page_count,
                "status": record.status,
                "usable": usable.get(record.display, False),
                "problems": [p.as_dict() for p in record.all_problems],
            }
        )
    ids: dict[str, int] = {record.display: record.id for record in records}
    every = snapshot.by_question.get(question_id, ())
    # findings about files on other pages of the table are shown with them, like the files themselves
    elsewhere = set(displays) - ids.keys()
    findings = [finding_dict(f, ids) for f in every if f.path not in elsewhere]
    answer_type = ruleset.answer_types.get(getattr(spec, "answer_type", ""), None)
    gap = readiness.scores.gap if readiness.scores else None
    keys = hasil_ids(ruleset)
    wanted = (question_id, getattr(spec, "key", None))
    improve = [gap_dict(i, keys) for i in (gap.items if gap else ()) if i.ref in wanted]
    return {
        "meta": {
            "id": row.id,
            "label": row.label,
            "hasil": row.hasil,
            "area": row.area,
            "area_name": next((a.name for a in readiness.areas if a.number == row.area), "Hasil"),
            "indicator_id": row.indicator_id,
            "indicator_name": next((i.name for i in readiness.indicators if i.id == row.indicator_id), ""),
            "citation": getattr(spec, "citation", ""),
            "note": getattr(spec, "note", None),
            "criteria": dict(getattr(spec, "criteria", {}) or {}),
        },
        "answer": {
            "type": getattr(spec, "answer_type", None),
            "type_label": answer_type.label if answer_type else None,
            "options": dict(answer_type.values) if answer_type else {},
            "status": row.status,
            "answer": row.answer,
            "ratio": row.ratio,
            "weight": row.weight,
            "claimed": row.claimed,
            "backed": row.backed,
            "supported": row.supported,
            "note": readiness.answers.note,
        },
        "expected": [
            {
                "description": e.description,
                "kind": e.kind,
                "kind_label": labels.get(e.kind, e.kind) if e.kind else None,
                "min_count": e.min_count,
                "periodicity": e.periodicity,
            }
            for e in getattr(spec, "evidence", ())
        ],
        "files": files,
        "files_paging": {"page": page, "pages": pages, "per_page": FILES_PER_PAGE, "total": len(displays)},
        "findings": findings,
        "findings_total": len(every),
        "improve": improve,
        "hints": sorted({f.hint for f in every if f.hint}),
    }


def _hasil_component(ruleset: Any, target_id: str) -> Any:
    for group in ruleset.hasil:
        for component in group.components:
            if component.id == target_id:
                return component
    return None
