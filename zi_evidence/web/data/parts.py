"""Shapes the readiness pages share: a finding, a document date, a question's status, a gap to close."""

from __future__ import annotations

from typing import Any

from zi_evidence.dates import DocumentDate
from zi_evidence.problems import SEVERITY_LABELS
from zi_evidence.readiness import QuestionRow


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


def gap_dict(item: Any, hasil_ids: dict[str, str]) -> dict[str, Any]:
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
