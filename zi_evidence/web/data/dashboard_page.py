"""The Beranda's data: verdicts per predicate, totals, areas with their minimums, completeness, findings
counts, the next deadline and the gap plan."""

from __future__ import annotations

from typing import Any

from zi_evidence.problems import SEVERITY_LABELS
from zi_evidence.readiness import Readiness
from zi_evidence.web.data.parts import gap_dict, hasil_ids

PREDICATES = ("WBK", "WBBM")


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
        "gaps": [gap_dict(item, hasil_ids(ruleset)) for item in (gap.items if gap else ())],
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
