"""The LKE table's data: one row per question with its status and findings, the filters and their choices."""

from __future__ import annotations

from typing import Any

from zi_evidence.problems import SEVERITY_LABELS
from zi_evidence.readiness import Readiness
from zi_evidence.web.data.parts import question_status

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
