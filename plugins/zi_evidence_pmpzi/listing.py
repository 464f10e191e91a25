"""``DAFTAR-DATA-DUKUNG.xlsx``: every LKE question with the bundle paths of its data dukung.

A plain listing while no LKE workbook plugin is available; it carries no answers and no scores,
and says so in its first row, so nobody mistakes it for the TPI's scored LKE.
"""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from zi_evidence import PlannedFile, normalize


def _rows(ruleset: Any) -> list[tuple[str, str, str]]:
    """(level, id, label) in LKE order: indicators, their questions, then hasil components."""
    rows: list[tuple[str, str, str]] = []
    for indicator in ruleset.indicators:
        rows.append(("indikator", indicator.id, indicator.name))
        rows.extend(("pertanyaan", q.id, q.label) for q in ruleset.questions_of(indicator.id))
    for group in ruleset.hasil:
        rows.append(("hasil", group.id, group.name))
        rows.extend(("hasil", c.id, c.name) for c in group.components)
    return rows


def render_listing(ruleset: Any, files: tuple[PlannedFile, ...], volume_of: dict[str, int], when: datetime) -> bytes:
    by_target: dict[str, list[PlannedFile]] = defaultdict(list)
    for planned in files:
        by_target[planned.candidate.target_id or ""].append(planned)
    book = Workbook()
    sheet = book.active
    sheet.title = "Data dukung"
    sheet.append(["Daftar data dukung per pertanyaan LKE (bukan LKE berjawaban/bernilai)."])
    sheet.append(["Tingkat", "Id LKE", "Uraian", "Jumlah berkas", "Berkas di bundel", "Jilid"])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for level, target_id, label in _rows(ruleset):
        found = by_target.get(target_id, [])
        paths = "\n".join(f.bundle_path for f in found)
        volumes = ", ".join(sorted({str(volume_of.get(f.bundle_path, 1)) for f in found}))
        sheet.append([level, target_id, label, len(found), paths, volumes])
    for column, width in zip("ABCDEF", (11, 14, 60, 8, 90, 6), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=3):
        row[4].alignment = Alignment(wrap_text=True, vertical="top")
    book.properties.creator = "zi-evidence"
    buffer = io.BytesIO()
    book.save(buffer)
    return normalize(buffer.getvalue(), when)
