"""Built-in PDF parser (pypdf): text per page, metadata, encrypted and scanned-PDF detection.

PDFium (``pdfium_read``, also the ``zi_evidence_pdfium`` parser's engine) is its fallback for a file pypdf
cannot read or finds no text in.
"""

from __future__ import annotations

import logging
import os
import zlib
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, ClassVar

from zi_evidence import ParsedDocument, ParseFailure, ParseLimits, Problem, hookimpl, open_for_parse

from . import findings
from ._dates import pdf_date_to_iso
from .fallback import read_with_fallback
from .findings import MIB, SCANNED_MAX_CHARS, is_thin
from .format import PdfFormat
from .pdfium_read import read_pdfium

__all__ = ["MIB", "SCANNED_MAX_CHARS", "PdfParser", "read_pypdf"]

if TYPE_CHECKING:  # pypdf is imported where a PDF is read: registering the parser stays cheap
    from pypdf import PdfReader

# pypdf logs recoverable damage ("EOF marker not found") to stderr; problems rows say it instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)


@cache
def _broken() -> tuple[type[BaseException], ...]:
    """What pypdf (even with strict=False) raises for broken structure."""
    from pypdf.errors import PyPdfError

    return (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        IndexError,
        AttributeError,
        AssertionError,
        RecursionError,
        OverflowError,
        zlib.error,
    )


class PdfParser(PdfFormat):
    """Text per page from a PDF's text layer; flags scanned pages that need OCR."""

    name: ClassVar[str] = "pdf"
    version: ClassVar[str] = "2"  # 2: PDFium's reading when pypdf's fails or has no text

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        return read_with_fallback(read_pypdf, read_pdfium, path, limits)


def read_pypdf(path: Path, limits: ParseLimits) -> ParsedDocument:
    """The file as pypdf reads it, without a second opinion."""
    from pypdf.errors import LimitReachedError

    handle = open_for_parse(path)
    with handle:
        PdfFormat.check_not_empty(handle)
        try:
            return _parse_pdf(handle, limits)
        except ParseFailure:
            raise
        except LimitReachedError as exc:
            raise ParseFailure(
                "too_large",
                f"Berkas PDF memuat data terkompresi yang terlalu besar untuk dibaca: {exc}.",
                "Simpan ulang PDF dengan ukuran lebih kecil (misalnya 'Reduce File Size'), lalu unggah kembali.",
            ) from exc
        except _broken() as exc:
            raise _corrupt(exc, handle) from exc


def _corrupt(exc: BaseException, handle: IO[bytes]) -> ParseFailure:
    handle.seek(max(os.fstat(handle.fileno()).st_size - 1024, 0))
    return findings.corrupt(findings.truncated_cause(handle.read()), str(exc) or type(exc).__name__)


def _parse_pdf(handle: IO[bytes], limits: ParseLimits) -> ParsedDocument:
    from pypdf import PdfReader

    # a file object, never a path: pypdf reads a path wholly into memory
    reader = PdfReader(handle, strict=False)
    if reader.is_encrypted:
        _decrypt_with_empty_password(reader)
    total = len(reader.pages)
    problems: list[Problem] = []
    wanted = findings.pages_to_read(total, limits, problems)
    pages, scanned, broken = _extract_pages(reader, wanted, limits.text_mb * MIB, problems)
    problems += findings.closing_problems(pages, total, scanned, broken)
    return ParsedDocument(tuple(pages), total, _metadata(reader), tuple(problems))


def _decrypt_with_empty_password(reader: PdfReader) -> None:
    """Many official PDFs are 'secured' with an owner password only: the empty user password opens them."""
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        opened: int = reader.decrypt("")
    except (DependencyError, NotImplementedError, FileNotDecryptedError):
        opened = 0  # an encryption scheme we cannot open is, for the user, a protected file
    if not opened:
        raise findings.encrypted()


def _extract_pages(
    reader: PdfReader, wanted: int, cap_bytes: int, problems: list[Problem]
) -> tuple[list[str], list[int], list[int]]:
    """Text of the first ``wanted`` pages, the 1-based numbers of scanned pages and of broken ones."""
    from pypdf.errors import LimitReachedError

    pages: list[str] = []
    scanned: list[int] = []
    broken: list[int] = []
    used = 0
    for number in range(1, wanted + 1):
        try:
            page = reader.pages[number - 1]
            text = page.extract_text() or ""
        except LimitReachedError:
            raise
        except _broken():
            broken.append(number)
            pages.append("")
            continue
        used = findings.keep_page(pages, problems, text, used, cap_bytes, number)
        if used < 0:
            break
        if is_thin(text) and _has_image(page):
            scanned.append(number)
    return pages, scanned, broken


def _has_image(page: Any, depth: int = 0) -> bool:
    """True when the page (or a form it draws, one level deep) paints an image XObject."""
    try:
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else None
        xobjects = resources.get("/XObject") if resources is not None else None
        if xobjects is None:
            return False
        for ref in xobjects.get_object().values():
            xobject = ref.get_object()
            subtype = xobject.get("/Subtype")
            if subtype == "/Image":
                return True
            if subtype == "/Form" and depth < 2 and _has_image(xobject, depth + 1):
                return True
    except _broken():
        return False
    return False


def _metadata(reader: PdfReader) -> dict[str, str]:
    try:
        info = reader.metadata
    except _broken():
        return {}
    if info is None:
        return {}
    values = {
        "title": info.title,
        "author": info.author,
        "subject": info.subject,
        "creator": info.creator,
        "producer": info.producer,
        "created": pdf_date_to_iso(info.creation_date_raw),
        "modified": pdf_date_to_iso(info.modification_date_raw),
    }
    return {key: str(value).strip() for key, value in values.items() if value and str(value).strip()}


@hookimpl
def register_parsers() -> list[type]:
    return [PdfParser]
