"""Built-in PDF parser (pypdf): text per page, metadata, encrypted and scanned-PDF detection."""

from __future__ import annotations

import logging
import os
import zlib
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, ClassVar

from zi_evidence import hookimpl
from zi_evidence.parsing import ParsedDocument, ParseFailure, ParseLimits, open_for_parse
from zi_evidence.problems import Problem

from ._dates import page_ranges, pdf_date_to_iso

if TYPE_CHECKING:  # pypdf is imported where a PDF is read: registering the parser stays cheap
    from pypdf import PdfReader

# pypdf logs recoverable damage ("EOF marker not found") to stderr; problems rows say it instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)

MIB = 1024 * 1024
#: A scanner stamp ("Scanned with CamScanner") or a page number is not a text layer.
SCANNED_MAX_CHARS = 40
_REUPLOAD = "Minta berkas asli atau cetak ulang/pindai ulang ke PDF, lalu unggah kembali."


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


class PdfParser:
    """Text per page from a PDF's text layer; flags scanned pages that need OCR."""

    name: ClassVar[str] = "pdf"
    version: ClassVar[str] = "1"
    mime_types: ClassVar[tuple[str, ...]] = ("application/pdf",)
    default_score: ClassVar[int] = 10

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        # readers accept the header anywhere in the first KiB (some tools prepend junk)
        return "application/pdf" if b"%PDF-" in head[:1024] else None

    @classmethod
    def score(cls, mime_type: str, filename: str) -> int | None:
        return cls.default_score if mime_type in cls.mime_types else None

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        from pypdf.errors import LimitReachedError

        handle = open_for_parse(path)
        with handle:
            if os.fstat(handle.fileno()).st_size == 0:
                raise ParseFailure("empty", "Berkas kosong (0 bita).", _REUPLOAD)
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
    # a PDF ends with %%EOF: without it the copy or upload was most likely cut short
    handle.seek(max(os.fstat(handle.fileno()).st_size - 1024, 0))
    cause = (
        "isi berkas tidak terbaca"
        if b"%%EOF" in handle.read()
        else "berkas terpotong, kemungkinan salinan atau unggahan tidak selesai"
    )
    detail = str(exc) or type(exc).__name__
    return ParseFailure(
        "corrupt", f"Berkas PDF rusak atau tidak lengkap: {cause} (rincian teknis: {detail}).", _REUPLOAD
    )


def _parse_pdf(handle: IO[bytes], limits: ParseLimits) -> ParsedDocument:
    from pypdf import PdfReader

    # a file object, never a path: pypdf reads a path wholly into memory
    reader = PdfReader(handle, strict=False)
    if reader.is_encrypted:
        _decrypt_with_empty_password(reader)
    total = len(reader.pages)
    if total == 0:
        raise ParseFailure("corrupt", "Berkas PDF rusak atau tidak lengkap: tidak ada halaman.", _REUPLOAD)
    problems: list[Problem] = []
    wanted = min(total, limits.pages)
    if wanted < total:
        problems.append(
            Problem(
                "page_limit",
                f"Dokumen terlalu panjang ({total} halaman): hanya {wanted} halaman pertama yang dibaca.",
                "Pisahkan dokumen menjadi beberapa berkas, atau minta admin menaikkan batas halaman.",
                "warning",
            )
        )
    pages, scanned, broken = _extract_pages(reader, wanted, limits.text_mb * MIB, problems)
    if broken:
        problems.append(
            Problem(
                "corrupt",
                f"Sebagian halaman PDF rusak dan teksnya tidak terbaca (halaman {page_ranges(broken)}).",
                _REUPLOAD,
                "warning",
            )
        )
    if scanned:
        where = f"semua {total} halaman" if len(scanned) == total else f"halaman {page_ranges(scanned)}"
        problems.append(
            Problem(
                "no_text_layer",
                f"Tidak ada lapisan teks (hasil pindai) — perlu OCR ({where}).",
                "Jalankan OCR, atau unggah versi PDF yang teksnya dapat dicari (searchable PDF).",
                "warning",
            )
        )
    elif not any(text.strip() for text in pages) and not broken:
        problems.append(
            Problem(
                "empty", "Dokumen tidak berisi teks.", "Periksa apakah berkas yang diunggah sudah benar.", "warning"
            )
        )
    return ParsedDocument(tuple(pages), total, _metadata(reader), tuple(problems))


def _decrypt_with_empty_password(reader: PdfReader) -> None:
    """Many official PDFs are 'secured' with an owner password only: the empty user password opens them."""
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        opened: int = reader.decrypt("")
    except (DependencyError, NotImplementedError, FileNotDecryptedError):
        opened = 0  # an encryption scheme we cannot open is, for the user, a protected file
    if not opened:
        raise ParseFailure(
            "encrypted",
            "Berkas PDF terenkripsi (dilindungi kata sandi), sehingga isinya tidak dapat dibaca.",
            "Unggah salinan PDF tanpa kata sandi: buka dengan kata sandinya, lalu simpan/cetak ulang ke PDF.",
        )


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
        size = len(text.encode("utf-8"))
        if used + size > cap_bytes:
            pages.append(text.encode("utf-8")[: max(cap_bytes - used, 0)].decode("utf-8", "ignore"))
            problems.append(
                Problem(
                    "text_limit",
                    f"Teks dokumen terlalu panjang: hanya sekitar {cap_bytes // MIB} MB pertama yang disimpan "
                    f"(sampai halaman {number}).",
                    "Pisahkan dokumen menjadi beberapa berkas bila seluruh isinya perlu dicari.",
                    "warning",
                )
            )
            break
        used += size
        pages.append(text)
        if len("".join(text.split())) < SCANNED_MAX_CHARS and _has_image(page):
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
