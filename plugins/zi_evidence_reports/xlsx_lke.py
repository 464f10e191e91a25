"""The LKE sheet of the workbook: area / indikator / pertanyaan rows with bobot, jawaban, nilai, status,
data dukung paths and findings, then the pengungkit, hasil and total lines."""

from __future__ import annotations

from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from zi_evidence import Readiness
from zi_evidence_reports import base
from zi_evidence_reports.base import tanggal
from zi_evidence_reports.review_parts import final_answers
from zi_evidence_reports.xlsx_cells import AREA_FILL, BOLD, HEAD_FILL, IND_FILL, WHITE, put, rounded, widths

LKE_HEAD = (
    "No/Id",
    "Komponen",
    "Bobot",
    "Jawaban",
    "Nilai sesuai jawaban",
    "Nilai didukung data dukung",
    "Status",
    "Data dukung",
    "Temuan",
)


def lke_sheet(ws: Worksheet, r: Readiness) -> None:
    put(ws, (f"Lembar Kerja Evaluasi Zona Integritas {r.year} — {r.unit}",), Font(bold=True, size=14))
    put(ws, (f"Aturan: {r.ruleset_name} ({r.ruleset_id}); target {r.target}; per {tanggal(r.today)}",))
    put(
        ws,
        (
            "Nilai sesuai jawaban: jawaban tim apa adanya. Nilai didukung data dukung: jawaban tanpa data dukung "
            "yang layak dihitung 0 (seperti penilai).",
        ),
    )
    put(ws, ())
    finals = final_answers(r)
    final = r.reviews.final_tier if r.reviews is not None and r.reviews.status == "ok" else None
    put(ws, (*LKE_HEAD, f"Jawaban {final.label}") if final else LKE_HEAD, BOLD, HEAD_FILL)
    indicators = {i.id: i for i in r.indicators}
    area, indicator = None, None
    for q in r.questions:
        if q.area != area:
            area = q.area
            found = next((a for a in r.areas if a.number == q.area), None)
            if found:
                put(
                    ws,
                    (
                        f"Area {found.number}",
                        found.name,
                        found.weight,
                        None,
                        rounded(found.claimed),
                        rounded(found.backed),
                    ),
                    WHITE,
                    AREA_FILL,
                )
            else:
                hasil = r.scores.backed if r.scores else None
                put(
                    ws,
                    (
                        "B",
                        "Hasil",
                        hasil.hasil_weight if hasil else None,
                        None,
                        rounded(r.scores.claimed.hasil) if r.scores else None,
                        rounded(hasil.hasil) if hasil else None,
                    ),
                    WHITE,
                    AREA_FILL,
                )
        if q.indicator_id != indicator:
            indicator = q.indicator_id
            i = indicators.get(indicator)
            if i is not None:
                name = f"{i.name} [{base.PART_LABELS.get(i.part or '', '')}]" if i.part else i.name
                put(ws, (i.id, name, i.weight, None, rounded(i.claimed), rounded(i.backed)), BOLD, IND_FILL)
            else:
                put(ws, (indicator,), BOLD, IND_FILL)
        files = "\n".join(f.path + ("" if f.usable else " (tidak layak)") for f in q.files)
        notes = "\n".join(f"{base.SEVERITY_LABELS[f.severity]}: {f.message}" for f in r.findings_for(q.id))
        answer = None if q.status is None else base.answer_text(q)
        put(
            ws,
            (
                q.id,
                q.label,
                rounded(q.weight),
                answer,
                rounded(q.claimed),
                rounded(q.backed),
                base.status_label(q.status) if q.status else None,
                files or "tidak ada",
                notes,
                *((finals.get(q.id),) if final else ()),
            ),
        )
    if r.scores:
        for label, claimed, backed, weight in (
            (
                "Pengungkit",
                r.scores.claimed.pengungkit,
                r.scores.backed.pengungkit,
                r.scores.backed.pengungkit_weight,
            ),
            ("Hasil", r.scores.claimed.hasil, r.scores.backed.hasil, r.scores.backed.hasil_weight),
            ("Total", r.scores.claimed.total, r.scores.backed.total, 100.0),
        ):
            put(ws, ("", label, weight, None, rounded(claimed), rounded(backed)), BOLD, HEAD_FILL)
    widths(ws, (14, 60, 9, 11, 12, 12, 16, 70, 70, 14))
