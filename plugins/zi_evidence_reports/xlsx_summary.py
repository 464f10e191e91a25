"""The Ringkasan sheet of the workbook: the unit, rule set, deadline, completeness and verdict, then each
predicate's criteria and prerequisites as the team claims them and as the data dukung back them."""

from __future__ import annotations

from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from zi_evidence import Readiness
from zi_evidence_reports import base
from zi_evidence_reports.base import passed_text, tanggal
from zi_evidence_reports.xlsx_cells import BOLD, HEAD_FILL, put, rounded, widths


def summary_sheet(ws: Worksheet, r: Readiness) -> None:
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
                put(ws, ("", c.label, rounded(c.minimum), rounded(k.value) if k else None, rounded(c.value), note))
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
