"""The readiness report as an LKE-shaped workbook: the LKE sheet (``xlsx_lke``), the summary
(``xlsx_summary``), the findings, the gap plan and the mapping suggestions; and the roll-up's Rekap."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from zi_evidence import BaseReportFormat, Readiness, Rollup
from zi_evidence_reports import base
from zi_evidence_reports.review_parts import REKAP_HEAD, rollup_rekap
from zi_evidence_reports.xlsx_cells import BOLD, HEAD_FILL, put, rounded, saved, widths
from zi_evidence_reports.xlsx_lke import lke_sheet
from zi_evidence_reports.xlsx_reviews import REKAP_SHEET, add_review_sheets
from zi_evidence_reports.xlsx_summary import summary_sheet


def _suggestions(ws: Worksheet, r: Readiness) -> None:
    """One row per guess, best first, with why and the command that accepts it (never applied by itself)."""
    put(ws, ("Berkas", "Pertanyaan", "Uraian", "Skor", "Alasan", "Terima dengan"), BOLD, HEAD_FILL)
    for s in r.suggestions:
        for g in s.guesses:
            put(ws, (s.path, g.question, g.label, g.score, "; ".join(g.reasons), s.command_for(g.question)))
    widths(ws, (50, 14, 40, 8, 70, 60))


class XlsxReport(BaseReportFormat):
    name = "xlsx"
    label = "LKE (XLSX): jawaban, nilai, data dukung, temuan, rencana perbaikan"
    suffix = ".xlsx"

    def build(self, readiness: Readiness, out_dir: Path | None) -> bytes:
        wb = Workbook()
        ws = wb.active
        ws.title = "LKE"
        lke_sheet(ws, readiness)
        summary_sheet(wb.create_sheet("Ringkasan"), readiness)
        findings = wb.create_sheet("Temuan")
        put(findings, ("Tingkat", "Pertanyaan", "Berkas", "Temuan", "Saran", "Kode"), BOLD, HEAD_FILL)
        for f in readiness.findings:
            put(findings, (base.SEVERITY_LABELS[f.severity], f.question, f.path, f.message, f.hint, f.code))
        widths(findings, (12, 14, 50, 70, 60, 18))
        gap = wb.create_sheet("Rencana Perbaikan")
        put(gap, ("No", "Butir", "Uraian", "Jenis", "Poin", "Tindakan"), BOLD, HEAD_FILL)
        items = readiness.scores.gap.items if readiness.scores else ()
        for i, g in enumerate(items, start=1):
            put(gap, (i, g.ref, g.label, base.gap_label(g.kind), rounded(g.points), g.action))
        if not items:
            put(gap, ("", "", readiness.answers.note or "Tidak ada butir perbaikan."))
        widths(gap, (6, 14, 50, 22, 8, 80))
        if readiness.suggestions:  # likely questions of unmapped / indicator-level files (docs/suggestions.md)
            _suggestions(wb.create_sheet("Saran Pemetaan"), readiness)
        add_review_sheets(wb, readiness, put, (BOLD, HEAD_FILL))
        for sheet in wb.worksheets:
            sheet.freeze_panes = "A2" if sheet.title != "LKE" else "A6"
        return saved(wb)

    def build_rollup(self, rollup: Rollup, out_dir: Path | None) -> bytes:
        wb = Workbook()
        ws = wb.active
        ws.title = "Rekap"
        numbers = sorted({a.number for u in rollup.units for a in u.areas}) or [1, 2, 3, 4, 5, 6]
        put(
            ws,
            (
                "Unit",
                "Folder",
                "Aturan",
                "Target",
                *[f"Area {n}" for n in numbers],
                "Total (jawaban)",
                "Total (data dukung)",
                "WBK (jawaban)",
                "WBK (data dukung)",
                "WBBM (jawaban)",
                "WBBM (data dukung)",
                "Berdata dukung",
                "Pertanyaan",
                "Galat",
                "Siap",
                "Keterangan",
            ),
            BOLD,
            HEAD_FILL,
        )
        for u in rollup.units:
            areas = {a.number: a for a in u.areas}
            cells = [rounded(areas[n].backed) if n in areas else None for n in numbers]
            flags = [u.predicates.get(p, {}).get(v) for p in ("WBK", "WBBM") for v in ("claimed", "backed")]
            put(
                ws,
                (
                    u.unit,
                    u.path,
                    u.ruleset_id,
                    u.target,
                    *cells,
                    rounded(u.claimed.total) if u.claimed else None,
                    rounded(u.backed.total) if u.backed else None,
                    *[None if f is None else ("ya" if f else "belum") for f in flags],
                    u.supported,
                    u.questions,
                    u.errors,
                    "ya" if u.ready else "belum",
                    u.message if u.status != "ok" or u.answers != "ok" else "",
                ),
            )
        ws.freeze_panes = "B2"
        widths(ws, (40, 30, 22, 8, *[9] * len(numbers), 12, 12, 10, 10, 10, 10, 10, 10, 8, 8, 60))
        rekap = rollup_rekap(rollup)
        if rekap:
            sheet = wb.create_sheet(REKAP_SHEET)
            put(sheet, REKAP_HEAD, BOLD, HEAD_FILL)
            for line in rekap:
                put(sheet, line)
            widths(sheet, (40, 16, 16, 10, 60))
        return saved(wb)
