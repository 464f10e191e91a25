"""The review chain's section of the HTML report (only when the state folder has a review database)."""

from __future__ import annotations

from zi_evidence import Readiness
from zi_evidence_reports import review_parts as parts
from zi_evidence_reports.html_parts import e, table, td


def reviews_section(r: Readiness) -> str:
    reviews = r.reviews
    if reviews is None:
        return ""
    out = [f"<h2>{e(parts.TITLE)}</h2>"]
    if reviews.status != "ok":
        return out[0] + f'<div class="note">{e(reviews.message)}</div>'
    out.append(f"<p>{e(parts.intro(reviews))}</p>")
    final = reviews.final_tier
    head = ["Id", "Pertanyaan", "Putaran", *(t.label for t in reviews.tiers), f"Jawaban {final.label if final else ''}"]
    rows = []
    for q in reviews.questions:
        cells = "".join(td(parts.verdict_text(t)) for t in q.tiers)
        rows.append(
            f'<tr><td class="id">{e(q.question_id)}</td>{td(parts.label_of(r, q.question_id))}{td(q.round, True)}'
            f"{cells}{td(parts.final_text(q))}</tr>"
        )
    out.append(table(head, rows, (2,)) if rows else "<p>Belum ada pertanyaan yang diperiksa.</p>")
    out.append("<h3>Rekap penolakan dan perbaikan</h3>")
    if reviews.rekap:
        lines = [
            f"<tr>{td(x.unit)}{td(x.label)}{td(x.needs_fix, True)}{td(x.rejected, True)}"
            f"{td(', '.join(x.questions))}</tr>"
            for x in reviews.rekap
        ]
        out.append(table(["Unit", "Tingkat", "Perlu perbaikan", "Ditolak", "Pertanyaan"], lines, (2, 3)))
    else:
        out.append("<p>Belum ada pertanyaan yang ditolak atau dikembalikan untuk perbaikan.</p>")
    return "".join(out)
