"""Page data for the readiness pages (Beranda, LKE, one question): plain dicts, the same for HTML and JSON."""

from __future__ import annotations

from typing import Any

from zi_evidence.dates import DocumentDate
from zi_evidence.problems import SEVERITY_LABELS
from zi_evidence.readiness import QuestionRow, Readiness
from zi_evidence.web.site import Site

PREDICATES = ("WBK", "WBBM")
#: The LKE page's status words (the contract's ``td.status``), and what each means.
STATUSES = {
    "lengkap": "ada data dukung yang mendukung jawaban, tanpa temuan galat atau peringatan",
    "kurang": "ada data dukung, tetapi belum mendukung jawaban atau masih ada temuan",
    "tidak ada": "belum ada berkas untuk pertanyaan ini",
}


def _severities(findings: Any) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITY_LABELS, 0)
    for finding in findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    return counts


def question_status(row: QuestionRow, severities: dict[str, int]) -> str:
    if not row.files:
        return "tidak ada"
    if row.supported and not severities["error"] and not severities["warning"]:
        return "lengkap"
    return "kurang"


def date_text(found: DocumentDate | None) -> str | None:
    """``2026-01-12``, or the year alone when only the year is known."""
    if found is None:
        return None
    return found.value.isoformat() if found.value else str(found.year)


def finding_dict(finding: Any, file_ids: dict[str, int] | None = None) -> dict[str, Any]:
    return {
        "code": finding.code,
        "severity": finding.severity,
        "severity_label": SEVERITY_LABELS.get(finding.severity, finding.severity),
        "message": finding.message,
        "hint": finding.hint,
        "question": finding.question,
        "path": finding.path,
        "file_id": (file_ids or {}).get(finding.path or ""),
        "source": finding.source,
    }


# -- Beranda ---------------------------------------------------------------------------------------


def dashboard(readiness: Readiness, ruleset: Any) -> dict[str, Any]:
    r, scores = readiness, readiness.scores
    verdicts = []
    for name in PREDICATES:
        claimed = scores.predicate(name, "claimed") if scores else None
        backed = scores.predicate(name, "backed") if scores else None
        either = backed or claimed
        verdicts.append(
            {
                "predicate": name,
                "label": either.label if either is not None else name,
                "target": name == r.target,
                "claimed": claimed.passed if claimed else None,
                "backed": backed.passed if backed else None,
            }
        )
    minimums = _area_minimums(scores)
    areas = [
        {
            "number": a.number,
            "name": a.name,
            "weight": a.weight,
            "questions": a.questions,
            "with_files": a.with_files,
            "supported": a.supported,
            "files": a.files,
            "claimed": a.claimed,
            "backed": a.backed,
            "minimums": {name: minimums.get(name, {}).get(a.number) for name in PREDICATES},
        }
        for a in r.areas
    ]
    severities = r.severity_counts()
    gap = scores.gap if scores else None
    return {
        "unit": r.unit,
        "institution": r.institution,
        "ruleset": {"id": r.ruleset_id, "name": r.ruleset_name, "regulation": r.regulation},
        "year": r.year,
        "target": r.target,
        "today": r.today.isoformat(),
        "verdict": {"ok": r.verdict.ok, "reasons": list(r.verdict.reasons), "notes": list(r.verdict.notes)},
        "verdicts": verdicts,
        "totals": _totals(scores),
        "areas": areas,
        "completeness": {
            **_completeness(r),
            "files": r.files,
            "pages": r.pages,
        },
        "findings": [
            {"severity": key, "label": label, "count": severities.get(key, 0)} for key, label in SEVERITY_LABELS.items()
        ],
        "deadline": _deadline(r),
        "answers": {"status": r.answers.status, "note": r.answers.note, "problems": list(r.answers.problems)},
        "gaps": [_gap(item, hasil_ids(ruleset)) for item in (gap.items if gap else ())],
        "gap_target_met": gap.target_met if gap else None,
    }


def _completeness(r: Readiness) -> dict[str, int]:
    # the same counts as ``check`` and the report: targets are pengungkit questions plus hasil components
    c = r.completeness()
    return {
        "targets": c.targets,
        "targets_supported": c.supported,
        "questions": c.questions,
        "with_files": c.questions_with_files,
        "supported": c.questions_supported,
        "hasil": c.hasil,
        "hasil_supported": c.hasil_supported,
    }


def _area_minimums(scores: Any) -> dict[str, dict[int, float]]:
    found: dict[str, dict[int, float]] = {}
    for result in scores.predicates_backed if scores else ():
        for criterion in result.criteria:
            parts = criterion.key.split(".")
            if len(parts) == 2 and parts[0] == "area" and parts[1].isdigit():
                found.setdefault(result.predicate, {})[int(parts[1])] = criterion.minimum
    return found


def _totals(scores: Any) -> dict[str, Any] | None:
    if scores is None:
        return None
    return {
        view: {"pengungkit": t.pengungkit, "hasil": t.hasil, "total": t.total}
        for view, t in (("claimed", scores.claimed), ("backed", scores.backed))
    }


def _deadline(r: Readiness) -> dict[str, Any] | None:
    d = r.deadline
    if d is None:
        return None
    return {"key": d.key, "label": d.label, "date": d.date.isoformat(), "days_left": d.days_left, "actor": d.actor}


def _gap(item: Any, hasil_ids: dict[str, str]) -> dict[str, Any]:
    from zi_evidence.scoring.gaps import GAP_LABELS

    question = item.kind in ("unanswered", "unsupported", "low")
    return {
        "kind": item.kind,
        "kind_label": GAP_LABELS.get(item.kind, item.kind),
        "ref": item.ref,
        "label": item.label,
        "action": item.action,
        "points": item.points,
        "area": item.area,
        "question": question,
        # the page to open: a hasil component's gap names its answers key (capaian_kinerja), its page its id
        "target": hasil_ids.get(item.ref, item.ref) if question else None,
    }


def hasil_ids(ruleset: Any) -> dict[str, str]:
    """A hasil component's answers key → its LKE id (B.I.b)."""
    return {c.key: c.id for group in ruleset.hasil for c in group.components if getattr(c, "key", None)}


# -- LKE -------------------------------------------------------------------------------------------


def lke(readiness: Readiness, area: str = "", status: str = "", severity: str = "") -> dict[str, Any]:
    ruleset_names = {a.number: a.name for a in readiness.areas}
    indicators = {i.id: i.name for i in readiness.indicators}
    by_question: dict[str, list[Any]] = {}
    for finding in readiness.findings:
        by_question.setdefault(finding.question or "", []).append(finding)
    rows = []
    for q in readiness.questions:
        severities = _severities(by_question.get(q.id, ()))
        row = {
            "id": q.id,
            "label": q.label,
            "area": "hasil" if q.hasil else str(q.area),
            "area_name": "Hasil" if q.hasil else ruleset_names.get(q.area, ""),
            "indicator_id": q.indicator_id,
            "indicator_name": indicators.get(q.indicator_id, q.indicator_id),
            "files": len(q.files),
            "usable_files": sum(1 for f in q.files if f.usable),
            "supported": q.supported,
            "status": question_status(q, severities),
            "findings": severities,
            "answer": q.answer,
            "weight": q.weight,
            "claimed": q.claimed,
            "backed": q.backed,
        }
        if lke_row_shown(row, area, status, severity):
            rows.append(row)
    return {
        "filters": {"area": area, "status": status, "severity": severity},
        "choices": {
            "areas": [{"value": str(a.number), "label": f"Area {a.number} {a.name}"} for a in readiness.areas]
            + [{"value": "hasil", "label": "Hasil"}],
            "statuses": [{"value": k, "label": k, "help": v} for k, v in STATUSES.items()],
            "severities": [{"value": k, "label": v} for k, v in SEVERITY_LABELS.items()],
        },
        "questions": rows,
    }


def lke_filter_refusal(choices: dict[str, Any], area: str, status: str, severity: str) -> str | None:
    """What to tell a user whose LKE filter names no choice (a hand-edited address), or None."""
    for label, value, options in (("area", area, choices["areas"]), ("status", status, choices["statuses"]),
                                  ("tingkat temuan", severity, choices["severities"])):  # fmt: skip
        known = [o["value"] for o in options]
        if value and value not in known:
            return f"Filter {label} '{value}' tidak dikenal. Pilih salah satu dari: {', '.join(known)}; atau kosongkan."
    return None


def lke_row_shown(row: dict[str, Any], area: str, status: str, severity: str) -> bool:
    """Whether the LKE table's filters keep ``row`` (the server filters a unit's pushed rows the same way)."""
    if area and row["area"] != area:
        return False
    if status and row["status"] != status:
        return False
    return not severity or bool(row["findings"].get(severity))


# -- one question ----------------------------------------------------------------------------------


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
    improve = [_gap(i, keys) for i in (gap.items if gap else ()) if i.ref in (question_id, getattr(spec, "key", None))]
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
