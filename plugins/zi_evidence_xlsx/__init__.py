"""Built-in XLSX parser (openpyxl, read-only): one page per sheet, rows as tab-separated lines.

Recaps behind "%" questions (counts of staff, complaints, ...) often live in workbooks, so
the values are kept searchable. Giant sheets are read only up to a bound, never wholly.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from functools import cache
from pathlib import Path
from typing import IO, Any, ClassVar

from zi_evidence import hookimpl
from zi_evidence.parsing import ParsedDocument, ParseFailure, ParseLimits, open_for_parse
from zi_evidence.parsing.office import CFB_MAGIC, check_zip, sniff_office
from zi_evidence.problems import Problem

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIB = 1024 * 1024
#: Bounds per workbook: enough for any real recap, small enough that a 1M-row export cannot hang us.
MAX_ROWS_PER_SHEET = 50_000
MAX_CELLS = 2_000_000
MAX_COLUMNS = 256
_REUPLOAD = "Buka berkas di Excel lalu simpan ulang (atau ekspor ke PDF), kemudian unggah kembali."
_SPLIT_HINT = "Pisahkan lembar yang besar ke berkas lain, atau unggah rekap ringkasnya saja."


@cache
def _broken() -> tuple[type[BaseException], ...]:
    # openpyxl (~0.1 s to import, numpy included) is loaded where a workbook is read, not at registration
    from openpyxl.utils.exceptions import InvalidFileException

    # openpyxl reports a zip without a workbook as OSError; XML parse errors are SyntaxErrors
    return (
        InvalidFileException,
        OSError,
        KeyError,
        ValueError,
        TypeError,
        IndexError,
        zipfile.BadZipFile,
        SyntaxError,
        EOFError,
    )


class XlsxParser:
    """Excel workbooks (.xlsx): sheet name then its non-empty rows, values as last calculated."""

    name: ClassVar[str] = "xlsx"
    version: ClassVar[str] = "1"
    mime_types: ClassVar[tuple[str, ...]] = (XLSX_MIME,)
    default_score: ClassVar[int] = 10

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        return sniff_office(head, filename, "xl/", ".xlsx", XLSX_MIME)

    @classmethod
    def score(cls, mime_type: str, filename: str) -> int | None:
        return cls.default_score if mime_type in cls.mime_types else None

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        handle = open_for_parse(path)
        with handle:
            return _parse_xlsx(handle, limits)


def _parse_xlsx(handle: IO[bytes], limits: ParseLimits) -> ParsedDocument:
    magic = handle.read(8)
    if not magic:
        raise ParseFailure("empty", "Berkas kosong (0 bita).", _REUPLOAD)
    if magic.startswith(CFB_MAGIC):
        raise ParseFailure(
            "encrypted",
            "Berkas Excel terenkripsi (dilindungi kata sandi), sehingga isinya tidak dapat dibaca.",
            "Buka di Excel dengan kata sandinya, hapus kata sandi (File > Info > Protect Workbook), "
            "simpan, lalu unggah kembali.",
        )
    handle.seek(0)
    problems: list[Problem] = []
    try:
        with zipfile.ZipFile(handle) as archive:
            # shared strings and sheets are parsed; media need only their declared sizes checked
            check_zip(archive, limits.inflated_mb * MIB, inflate=lambda name: name.endswith((".xml", ".rels")))
            # without this part openpyxl invents properties (creator "openpyxl", created now)
            has_core = "docProps/core.xml" in archive.namelist()
        handle.seek(0)
        import openpyxl

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "unsupported extension" notes are noise for our users
            workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
            try:
                sheets = workbook.worksheets
                pages = _sheet_pages(sheets[: limits.pages], limits.text_mb * MIB, problems)
                metadata = _metadata(workbook.properties) if has_core else {}
            finally:
                workbook.close()
    except _broken() as exc:
        raise _corrupt(exc) from exc
    if len(sheets) > limits.pages:
        problems.append(
            Problem(
                "page_limit",
                f"Terlalu banyak lembar ({len(sheets)}): hanya {limits.pages} lembar pertama yang dibaca.",
                _SPLIT_HINT,
                "warning",
            )
        )
    if not any(page.partition("\n")[2].strip() for page in pages):
        problems.append(
            Problem(
                "empty", "Buku kerja tidak berisi data.", "Periksa apakah berkas yang diunggah sudah benar.", "warning"
            )
        )
    return ParsedDocument(tuple(pages), len(sheets), metadata, tuple(problems))


def _corrupt(exc: BaseException) -> ParseFailure:
    cause = (
        "berkas terpotong atau bukan berkas Office yang utuh"
        if isinstance(exc, zipfile.BadZipFile)
        else "isi berkas tidak terbaca"
    )
    detail = str(exc) or type(exc).__name__
    return ParseFailure(
        "corrupt", f"Berkas Excel (XLSX) rusak atau tidak lengkap: {cause} (rincian teknis: {detail}).", _REUPLOAD
    )


def _sheet_pages(sheets: Iterable[Any], cap_bytes: int, problems: list[Problem]) -> list[str]:
    pages: list[str] = []
    used = cells = 0
    for sheet in sheets:
        lines = [sheet.title]
        # the sheet's declared dimension bounds the width; without one, rows are as wide as their cells
        declared = sheet.max_column or 0
        wide = declared > MAX_COLUMNS
        stop = ""
        rows = sheet.iter_rows(max_col=min(declared, MAX_COLUMNS) or None, values_only=True)
        for number, row in enumerate(rows, start=1):
            if number > MAX_ROWS_PER_SHEET:
                stop = f"hanya {MAX_ROWS_PER_SHEET} baris pertama yang dibaca"
                break
            cells += len(row)
            wide = wide or len(row) > MAX_COLUMNS
            line = "\t".join(_cell_text(value) for value in row[:MAX_COLUMNS]).rstrip("\t")
            if line.strip():
                used += len(line.encode("utf-8")) + 1
                lines.append(line)
            if cells > MAX_CELLS or used > cap_bytes:
                stop = f"pembacaan berhenti di baris {number} (batas ukuran teks/sel tercapai)"
                break
        if wide:
            problems.append(
                Problem(
                    "text_limit",
                    f"Lembar '{sheet.title}' sangat lebar: hanya {MAX_COLUMNS} kolom pertama yang dibaca.",
                    _SPLIT_HINT,
                    "warning",
                )
            )
        pages.append("\n".join(lines))
        if stop:
            problems.append(
                Problem("text_limit", f"Lembar '{sheet.title}' terlalu besar: {stop}.", _SPLIT_HINT, "warning")
            )
            if cells > MAX_CELLS or used > cap_bytes:
                break  # the workbook-wide budget is spent: later sheets stay unread
    return pages


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.time() != time(0) else value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    # tabs and newlines inside a cell would break the one-row-per-line layout
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _metadata(props: Any) -> dict[str, str]:
    values = {
        "title": props.title,
        "author": props.creator,
        "subject": props.subject,
        "keywords": props.keywords,
        "last_modified_by": props.lastModifiedBy,
        "created": _iso(props.created),
        "modified": _iso(props.modified),
    }
    return {key: str(value).strip() for key, value in values.items() if value and str(value).strip()}


def _iso(value: datetime | None) -> str | None:
    if not isinstance(value, datetime):
        return None
    # core-property dates are UTC; openpyxl returns them without a zone
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


@hookimpl
def register_parsers() -> list[type]:
    return [XlsxParser]
