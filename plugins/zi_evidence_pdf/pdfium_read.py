"""A PDF read by PDFium (pypdfium2): text per page, page count, metadata, encrypted and scanned pages.

Both PDF parsers use it: the PDFium parser first, the pypdf parser as its fallback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zi_evidence import ParsedDocument, ParseLimits, Problem, open_for_parse

from . import findings as say
from ._dates import pdf_date_to_iso
from .findings import MIB
from .format import PdfFormat

#: PDFium's document-loading error codes (fpdfview.h): FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY.
_LOCKED = (4, 5)
_METADATA = {
    "Title": "title",
    "Author": "author",
    "Subject": "subject",
    "Creator": "creator",
    "Producer": "producer",
    "CreationDate": "created",
    "ModDate": "modified",
}
# PDFium's text may carry CR LF line ends and markers for hyphens it joined or generated (0x02, U+FFFE)
_CLEAN = str.maketrans({"\r": None, "\x02": None, "\ufffe": None, "\x00": None})


def read_pdfium(path: Path, limits: ParseLimits) -> ParsedDocument:
    """The file as PDFium reads it, without a second opinion."""
    import pypdfium2 as pdfium  # imported in the worker: PDFium is initialised per process

    handle = open_for_parse(path)
    with handle:
        PdfFormat.check_not_empty(handle)
        try:
            # the file object, not the bytes: PDFium reads the parts it needs
            document = pdfium.PdfDocument(handle)
        except pdfium.PdfiumError as exc:
            if exc.err_code in _LOCKED:
                raise say.encrypted() from exc
            handle.seek(0, 2)
            handle.seek(max(handle.tell() - 1024, 0))
            raise say.corrupt(say.truncated_cause(handle.read()), str(exc)) from exc
        with document:
            return _read(document, limits, pdfium)


def _read(document: Any, limits: ParseLimits, pdfium: Any) -> ParsedDocument:
    total = len(document)
    problems: list[Problem] = []
    wanted = say.pages_to_read(total, limits, problems)
    cap = limits.text_mb * MIB
    pages: list[str] = []
    scanned: list[int] = []
    broken: list[int] = []
    used = 0
    for number in range(1, wanted + 1):
        try:
            page = document[number - 1]
            text = page.get_textpage().get_text_range().translate(_CLEAN)
        except pdfium.PdfiumError:
            broken.append(number)
            pages.append("")
            continue
        used = say.keep_page(pages, problems, text, used, cap, number)
        if used < 0:
            break
        if say.is_thin(text) and _has_image(page, pdfium):
            scanned.append(number)
    problems += say.closing_problems(pages, total, scanned, broken)
    return ParsedDocument(tuple(pages), total, _metadata(document), tuple(problems))


def _has_image(page: Any, pdfium: Any) -> bool:
    """True when the page (or a form it draws, two levels deep) paints an image."""
    kinds = [pdfium.raw.FPDF_PAGEOBJ_IMAGE]
    return next(iter(page.get_objects(filter=kinds, max_depth=2)), None) is not None


def _metadata(document: Any) -> dict[str, str]:
    values = document.get_metadata_dict(skip_empty=True)
    found: dict[str, str] = {}
    for key, name in _METADATA.items():
        value = values.get(key)
        if name in ("created", "modified"):
            value = pdf_date_to_iso(value)
        if value and str(value).strip():
            found[name] = str(value).strip()
    return found
