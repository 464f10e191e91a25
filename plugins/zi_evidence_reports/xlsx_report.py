"""The readiness report as an LKE-shaped workbook: area / indikator / pertanyaan rows with bobot, jawaban,
nilai and data dukung paths, plus sheets for the summary, the findings and the gap plan."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from zi_evidence import BaseReportFormat, Readiness, Rollup
from zi_evidence_reports import base
from zi_evidence_reports.base import passed_text, tanggal
from zi_evidence_reports.review_parts import REKAP_HEAD, final_answers, rollup_rekap
from zi_evidence_reports.xlsx_reviews import REKAP_SHEET, add_review_sheets

BOLD = Font(bold=True)
WHITE = Font(bold=True, color="FFFFFF")
AREA_FILL = PatternFill("solid", fgColor="1F4E79")
IND_FILL = PatternFill("solid", fgColor="E9EEF3")
HEAD_FILL = PatternFill("solid", fgColor="D5DDE6")
WRAP = Alignment(wrap_text=True, vertical="top")
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


def _safe(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def put(ws: Worksheet, values: Sequence[Any], font: Font | None = None, fill: PatternFill | None = None) -> int:
    """Append one row; text stays text (a file named '=HYPERLINK(…)' must not become a formula)."""
    ws.append([_safe(v) for v in values])
    row = ws.max_row
    for cell in ws[row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            cell.alignment = WRAP
        if font:
            cell.font = font
        if fill:
            cell.fill = fill
    return row


def widths(ws: Worksheet, sizes: Iterable[int]) -> None:
    for index, size in enumerate(sizes, start=1):
        ws.column_dimensions[ws.cell(1, index).column_letter].width = size


def _num(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _saved(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


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
        self._lke(ws, readiness)
        self._summary(wb.create_sheet("Ringkasan"), readiness)
        findings = wb.create_sheet("Temuan")
        put(findings, ("Tingkat", "Pertanyaan", "Berkas", "Temuan", "Saran", "Kode"), BOLD, HEAD_FILL)
        for f in readiness.findings:
            put(findings, (base.SEVERITY_LABELS[f.severity], f.question, f.path, f.message, f.hint, f.code))
        widths(findings, (12, 14, 50, 70, 60, 18))
        gap = wb.create_sheet("Rencana Perbaikan")
        put(gap, ("No", "Butir", "Uraian", "Jenis", "Poin", "Tindakan"), BOLD, HEAD_FILL)
        items = readiness.scores.gap.items if readiness.scores else ()
        for i, g in enumerate(items, start=1):
            put(gap, (i, g.ref, g.label, base.gap_label(g.kind), _num(g.points), g.action))
        if not items:
            put(gap, ("", "", readiness.answers.note or "Tidak ada butir perbaikan."))
        widths(gap, (6, 14, 50, 22, 8, 80))
        if readiness.suggestions:  # likely questions of unmapped / indicator-level files (docs/suggestions.md)
            _suggestions(wb.create_sheet("Saran Pemetaan"), readiness)
        add_review_sheets(wb, readiness, put, (BOLD, HEAD_FILL))
        for sheet in wb.worksheets:
            sheet.freeze_panes = "A2" if sheet.title != "LKE" else "A6"
        return _saved(wb)

    @staticmethod
    def _lke(ws: Worksheet, r: Readiness) -> None:
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
                            _num(found.claimed),
                            _num(found.backed),
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
                            _num(r.scores.claimed.hasil) if r.scores else None,
                            _num(hasil.hasil) if hasil else None,
                        ),
                        WHITE,
                        AREA_FILL,
                    )
            if q.indicator_id != indicator:
                indicator = q.indicator_id
                i = indicators.get(indicator)
                if i is not None:
                    name = f"{i.name} [{base.PART_LABELS.get(i.part or '', '')}]" if i.part else i.name
                    put(ws, (i.id, name, i.weight, None, _num(i.claimed), _num(i.backed)), BOLD, IND_FILL)
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
                    _num(q.weight),
                    answer,
                    _num(q.claimed),
                    _num(q.backed),
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
                put(ws, ("", label, weight, None, _num(claimed), _num(backed)), BOLD, HEAD_FILL)
        widths(ws, (14, 60, 9, 11, 12, 12, 16, 70, 70, 14))

    @staticmethod
    def _summary(ws: Worksheet, r: Readiness) -> None:
        supported, with_files, total = base.completeness(r)
        counts = r.severity_counts()
        lines: list[tuple[Any, ...]] = [
            ("Unit", r.unit),
            ("Instansi", r.institution),
            ("Aturan", f"{r.ruleset_name} ({r.ruleset_id})"),
            ("Tahun", r.year),
            ("Target", r.target),
            ("Per tanggal", tanggal(r.today)),
        ]
        if r.deadline:
            lines.append(
                (
                    "Tenggat berikutnya",
                    f"{tanggal(r.deadline.date)} ({base.days_text(r.deadline.days_left)})",
                    r.deadline.label,
                )
            )
        lines += [
            ("Kelengkapan", f"{supported} dari {total} berdata dukung layak; {with_files} punya berkas"),
            ("Temuan", f"{counts['error']} galat, {counts['warning']} peringatan, {counts['info']} info"),
            ("Kesimpulan", "siap" if r.verdict.ok else "belum siap", "\n".join(r.verdict.reasons + r.verdict.notes)),
        ]
        for line in lines:
            put(ws, line)
            ws.cell(ws.max_row, 1).font = BOLD
        if r.answers.status != "ok":
            put(ws, ("Jawaban", r.answers.note, "\n".join(r.answers.problems)))
        if r.scores:
            put(ws, ())
            put(
                ws,
                ("Predikat", "Kriteria", "Minimal", "Sesuai jawaban", "Didukung data dukung", "Keterangan"),
                BOLD,
                HEAD_FILL,
            )
            for claimed in r.scores.predicates_claimed:
                backed = next(p for p in r.scores.predicates_backed if p.key == claimed.key)
                put(
                    ws,
                    (claimed.label, "Kesimpulan", None, passed_text(claimed.passed), passed_text(backed.passed)),
                    BOLD,
                )
                pairs = {c.key: c for c in claimed.criteria}
                for c in backed.criteria:
                    k = pairs.get(c.key)
                    note = ("terpenuhi" if c.passed else f"kurang {base.num(c.shortfall)}") + (
                        "" if c.decisive else " (informasi)"
                    )
                    put(ws, ("", c.label, _num(c.minimum), _num(k.value) if k else None, _num(c.value), note))
                for p in backed.prerequisites:
                    put(
                        ws,
                        (
                            "",
                            f"Prasyarat: {p.label}",
                            p.requirement,
                            base.fact_text(p.fact),
                            base.prerequisite_label(p.status),
                            p.note,
                        ),
                    )
        widths(ws, (22, 60, 14, 16, 18, 40))

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
            cells = [_num(areas[n].backed) if n in areas else None for n in numbers]
            flags = [u.predicates.get(p, {}).get(v) for p in ("WBK", "WBBM") for v in ("claimed", "backed")]
            put(
                ws,
                (
                    u.unit,
                    u.path,
                    u.ruleset_id,
                    u.target,
                    *cells,
                    _num(u.claimed.total) if u.claimed else None,
                    _num(u.backed.total) if u.backed else None,
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
        return _saved(wb)
