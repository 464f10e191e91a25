"""Text out of OpenDocument content.xml: paragraphs, sheets and slides, walked with lxml."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from zi_evidence import Problem

_NS = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "presentation": "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
}


def q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


P, H, S, TAB, LINE_BREAK, SOFT_BREAK = (q(f"text:{t}") for t in ("p", "h", "s", "tab", "line-break", "soft-page-break"))
STYLE_NAME = q("text:style-name")
#: Fields whose stored value is a placeholder ("<number>") or a layout artefact, not the author's text.
_FIELDS = {q("text:page-number"), q("text:page-count")}
#: Bounds per spreadsheet, as for XLSX: enough for a real recap, small enough that an export cannot hang us.
MAX_ROWS_PER_SHEET = 50_000
MAX_CELLS = 2_000_000
MAX_COLUMNS = 256
_MAX_SPACES = 64


def paragraph_text(element: Any) -> str:
    """One paragraph's text; nested paragraphs (frames, notes) are left to their own visit."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == S:
            parts.append(" " * min(int(child.get(q("text:c"), "1") or 1), _MAX_SPACES))
        elif tag == TAB:
            parts.append("\t")
        elif tag == LINE_BREAK:
            parts.append("\n")
        elif tag not in (P, H) and tag not in _FIELDS and isinstance(tag, str):
            parts.append(paragraph_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _break_styles(root: Any) -> tuple[set[str], set[str]]:
    """Automatic paragraph styles that start (or end) a page: Writer's hard page breaks."""
    before: set[str] = set()
    after: set[str] = set()
    for style in root.iter(q("style:style")):
        props = style.find(q("style:paragraph-properties"))
        if props is None:
            continue
        name = style.get(q("style:name"), "")
        if props.get(q("fo:break-before")) == "page":
            before.add(name)
        if props.get(q("fo:break-after")) == "page":
            after.add(name)
    return before, after


def text_pages(root: Any) -> list[str]:
    """A text document's pages: split at soft page breaks (where Writer laid pages out) and hard breaks."""
    body = root.find(f"{q('office:body')}/{q('office:text')}")
    if body is None:
        return [""]
    before, after = _break_styles(root)
    pages: list[list[str]] = [[]]
    for element in body.iter(P, H, SOFT_BREAK):
        if element.tag == SOFT_BREAK:
            if pages[-1]:
                pages.append([])
            continue
        style = element.get(STYLE_NAME, "")
        if style in before and pages[-1]:
            pages.append([])
        text = paragraph_text(element)
        if text.strip():
            pages[-1].append(text)
        if style in after:
            pages.append([])
    if len(pages) > 1 and not pages[-1]:
        pages.pop()
    return ["\n".join(lines) for lines in pages]


def slide_pages(root: Any) -> list[str]:
    """A presentation's slides: the slide's text, then its speaker notes."""
    body = root.find(f"{q('office:body')}/{q('office:presentation')}")
    pages: list[str] = []
    for slide in body.iter(q("draw:page")) if body is not None else ():
        notes = slide.find(q("presentation:notes"))
        in_notes = set(notes.iter(P, H)) if notes is not None else set()
        lines = [paragraph_text(p) for p in slide.iter(P, H) if p not in in_notes]
        lines += [paragraph_text(p) for p in in_notes]
        pages.append("\n".join(line for line in lines if line.strip()))
    return pages


def sheet_pages(root: Any, problems: list[Problem]) -> list[str]:
    """A spreadsheet's sheets: the sheet name, then its non-empty rows with cells joined by tabs."""
    body = root.find(f"{q('office:body')}/{q('office:spreadsheet')}")
    pages: list[str] = []
    cells = 0
    for sheet in body.iter(q("table:table")) if body is not None else ():
        name = sheet.get(q("table:name"), "")
        lines = [name]
        for row in _rows(sheet, name, problems):
            cells += len(row)
            if cells > MAX_CELLS:
                problems.append(_bound(f"Buku kerja terlalu besar: hanya {MAX_CELLS} sel pertama yang dibaca."))
                pages.append("\n".join(lines))
                return pages
            lines.append("\t".join(row))
        pages.append("\n".join(lines))
    return pages


def _rows(sheet: Any, name: str, problems: list[Problem]) -> Iterator[list[str]]:
    count = 0
    for row in sheet.iter(q("table:table-row")):
        values = _cells(row)
        if not any(values):
            continue
        repeat = int(row.get(q("table:number-rows-repeated"), "1") or 1)
        for _ in range(min(repeat, MAX_ROWS_PER_SHEET - count + 1)):
            count += 1
            if count > MAX_ROWS_PER_SHEET:
                problems.append(
                    _bound(f"Lembar '{name}' terlalu panjang: hanya {MAX_ROWS_PER_SHEET} baris pertama yang dibaca.")
                )
                return
            yield values


def _cells(row: Any) -> list[str]:
    values: list[str] = []
    for cell in row:
        if cell.tag not in (q("table:table-cell"), q("table:covered-table-cell")):
            continue
        repeat = int(cell.get(q("table:number-columns-repeated"), "1") or 1)
        text = " ".join(" ".join(paragraph_text(p) for p in cell.iter(P)).split())
        text = text or cell.get(q("office:value"), "")
        if text:
            values.extend([text] * min(repeat, MAX_COLUMNS - len(values)))
        else:
            values.extend([""] * min(repeat, MAX_COLUMNS - len(values)))
        if len(values) >= MAX_COLUMNS:
            break
    while values and not values[-1]:
        values.pop()
    return values


def _bound(message: str) -> Problem:
    return Problem(
        "bounded", message, "Pisahkan lembar yang besar ke berkas lain, atau unggah rekap ringkasnya saja.", "warning"
    )
