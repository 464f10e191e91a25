"""Cell writing for the LKE workbook: the styles, one safe row at a time, column widths, the saved bytes."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

BOLD = Font(bold=True)
WHITE = Font(bold=True, color="FFFFFF")
AREA_FILL = PatternFill("solid", fgColor="1F4E79")
IND_FILL = PatternFill("solid", fgColor="E9EEF3")
HEAD_FILL = PatternFill("solid", fgColor="D5DDE6")
WRAP = Alignment(wrap_text=True, vertical="top")


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


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def saved(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
