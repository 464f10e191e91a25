"""The review chain's sheets of the LKE workbook: each tier's verdict per question, and the rekap."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from openpyxl import Workbook

from zi_evidence import Readiness
from zi_evidence_reports import review_parts as parts

REVIEW_SHEET = "Pemeriksaan"
REKAP_SHEET = "Rekap Penolakan"


def add_review_sheets(wb: Workbook, r: Readiness, put: Callable[..., int], style: tuple[Any, Any]) -> None:
    """Two sheets, only when the state folder has a review database (a workbook is otherwise unchanged)."""
    reviews = r.reviews
    if reviews is None:
        return
    bold, fill = style
    ws = wb.create_sheet(REVIEW_SHEET)
    if reviews.status != "ok":
        put(ws, (reviews.message,))
        return
    final = reviews.final_tier
    head: list[str] = ["Id", "Pertanyaan", "Putaran"]
    for t in reviews.tiers:
        head += [f"{t.label}: status", f"{t.label}: jawaban", f"{t.label}: pemeriksa", f"{t.label}: catatan"]
    put(ws, (*head, f"Jawaban {final.label if final else ''} (LKE)"), bold, fill)
    for q in reviews.questions:
        cells: list[Any] = [q.question_id, parts.label_of(r, q.question_id), q.round]
        for t in q.tiers:
            state = t.state + (f" ({parts.CHANGED})" if t.changed_since_review else "")
            cells += [state, t.answer, t.reviewer, t.note]
        put(ws, (*cells, parts.final_text(q)))
    for index, size in enumerate([14, 50, 9] + [18, 10, 14, 40] * len(reviews.tiers) + [14], start=1):
        ws.column_dimensions[ws.cell(1, index).column_letter].width = size
    rekap = wb.create_sheet(REKAP_SHEET)
    put(rekap, ("Unit", "Tingkat", "Perlu perbaikan", "Ditolak", "Pertanyaan"), bold, fill)
    for x in reviews.rekap:
        put(rekap, (x.unit, x.label, x.needs_fix, x.rejected, ", ".join(x.questions)))
    if not reviews.rekap:
        put(rekap, ("Belum ada pertanyaan yang ditolak atau dikembalikan untuk perbaikan.",))
    for index, size in enumerate((40, 16, 16, 10, 60), start=1):
        rekap.column_dimensions[rekap.cell(1, index).column_letter].width = size
