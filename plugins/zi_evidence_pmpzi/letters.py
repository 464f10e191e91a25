"""The surat pengajuan evaluasi / permohonan reviu and one SPTJM per unit, as DOCX (python-docx).

Filled from ``zi-evidence.yaml``; an empty field shows as ``(…)`` so the team sees what to complete
before signing. Dates and package times come from the bundle's build time: same inputs, same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from docx import Document as new_document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from zi_evidence import format_date, normalize
from zi_evidence_pmpzi.templates import ADDRESSEE, PREDICATES, SPTJM, LetterTemplate


@dataclass(frozen=True)
class Signer:
    name: str
    nip: str
    title: str


@dataclass(frozen=True)
class UnitEntry:
    name: str
    predicate: str
    head: Signer


def blank(value: str, what: str) -> str:
    return value.strip() or f"({what})"


def letter_day(config: Any, when: datetime) -> date:
    text = config.submission.letter_date
    return date.fromisoformat(text) if text else when.date()


def units_of(config: Any) -> list[UnitEntry]:
    unit = config.unit
    first = UnitEntry(unit.name, config.target, Signer(unit.head_name, unit.head_nip, unit.head_title))
    others = [
        UnitEntry(u.name, u.predicate, Signer(u.head.name, u.head.nip, u.head.title))
        for u in config.submission.other_units
    ]
    return [first, *others]


def _base(when: datetime, title: str, comments: str, subject: str = "") -> Any:
    doc = new_document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.5)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    style.paragraph_format.space_after = Pt(4)
    props = doc.core_properties
    # core properties hold at most 255 characters each: the citation, then the template's note
    props.title, props.author = title[:255], "zi-evidence"
    props.comments, props.subject = comments[:255], subject[:255]
    props.created = props.modified = when.replace(tzinfo=None)
    props.last_modified_by, props.revision = "zi-evidence", 1
    return doc


def _para(doc: Any, text: str = "", bold: bool = False, align: Any = None, indent: bool = False) -> Any:
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1.25)
    return paragraph


def _letterhead(doc: Any, institution: str) -> None:
    _para(doc, blank(institution, "nama instansi").upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "_" * 60, align=WD_ALIGN_PARAGRAPH.CENTER)


def _widths(table: Any, widths: tuple[float, ...]) -> None:
    """Column widths on the grid and on every cell: Word reads the cells, LibreOffice the grid."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _fields(doc: Any, rows: list[tuple[str, str]]) -> None:
    table = doc.add_table(rows=0, cols=3)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = label, ":", value
    _widths(table, (3.0, 0.5, 12.0))


def _signature(doc: Any, place_day: str, signer: Signer, role: str) -> None:
    """The signature block, kept on one page (a name alone on the next page is not signable)."""
    lines = [place_day] if place_day else []
    lines += [blank(signer.title, role), "", "", "", blank(signer.name, f"nama {role.lower()}")]
    for number, text in enumerate(lines):
        paragraph = _para(doc, text, bold=number == len(lines) - 1)
        paragraph.paragraph_format.left_indent = Cm(8.5)
        paragraph.paragraph_format.keep_with_next = True
    _para(doc, f"NIP. {blank(signer.nip, 'NIP')}").paragraph_format.left_indent = Cm(8.5)


def _save(doc: Any, when: datetime) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalize(buffer.getvalue(), when)


def submission_letter(config: Any, template: LetterTemplate, when: datetime) -> bytes:
    sub, unit = config.submission, config.unit
    institution = blank(unit.institution, "nama instansi")
    day = letter_day(config, when)
    doc = _base(when, f"{template.title} — {institution}", f"Templat: {template.citation}.", template.note)
    _letterhead(doc, unit.institution)
    place_day = f"{blank(sub.place, 'tempat')}, {format_date(day)}"
    _para(doc, place_day, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _fields(doc, [("Nomor", blank(sub.letter_number, "nomor surat")), ("Lampiran", "-"), ("Hal", template.subject)])
    _para(doc)
    for line in ADDRESSEE:
        _para(doc, line)
    _para(doc)
    _para(doc, "Dengan hormat,")
    opening = template.opening.format(
        basis=template.basis, institution=institution, report_year=sub.report_year or config.year
    )
    _para(doc, opening, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    units = units_of(config)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("No.", "Nama Unit Kerja", "Predikat yang Diusulkan"), strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for number, entry in enumerate(units, start=1):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = str(number), entry.name
        cells[2].text = PREDICATES.get(entry.predicate, entry.predicate)
    _widths(table, (1.2, 8.3, 6.0))
    _para(doc)
    for text in (template.attachments_sentence, template.request, template.closing):
        _para(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    _para(doc)
    leader = sub.leader
    _signature(doc, "", Signer(leader.name, leader.nip, leader.title), "Pimpinan Instansi")
    _para(doc)
    _para(doc, "Tembusan:")
    for number, copy in enumerate(sub.tembusan or ("(…)",), start=1):
        _para(doc, f"{number}. {copy}")
    return _save(doc, when)


def sptjm(config: Any, entry: UnitEntry, when: datetime) -> bytes:
    sub = config.submission
    institution = blank(config.unit.institution, "nama instansi")
    doc = _base(when, f"SPTJM — {entry.name}", f"Templat: {SPTJM.citation}.")
    _para(doc, SPTJM.title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc)
    _para(doc, "Yang bertanda tangan di bawah ini:")
    _fields(
        doc,
        [
            ("Nama", blank(entry.head.name, "nama kepala unit")),
            ("NIP", blank(entry.head.nip, "NIP")),
            ("Jabatan", blank(entry.head.title, "jabatan")),
            ("Unit Kerja", entry.name),
            ("Instansi", institution),
        ],
    )
    _para(doc)
    statement = SPTJM.statement.format(
        unit=entry.name, predicate=PREDICATES.get(entry.predicate, entry.predicate), year=config.year
    )
    for text in (statement, SPTJM.consequence, SPTJM.closing):
        _para(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    _para(doc)
    place_day = f"{blank(sub.place, 'tempat')}, {format_date(letter_day(config, when))}"
    _signature(doc, place_day, entry.head, "Kepala Unit Kerja")
    return _save(doc, when)
