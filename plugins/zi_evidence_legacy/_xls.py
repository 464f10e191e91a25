"""Excel 97–2003 workbooks (.xls) with xlrd: one page per sheet, rows as tab-separated lines."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from zi_evidence import ParsedDocument, ParseFailure, ParseLimits, Problem, bounded_document

MIB = 1024 * 1024
#: The same bounds as the XLSX reader: enough for any real recap, small enough that an export cannot hang us.
MAX_ROWS_PER_SHEET = 50_000
MAX_CELLS = 2_000_000
MAX_COLUMNS = 256
REUPLOAD = "Buka berkas di Excel atau LibreOffice lalu simpan ulang (sebaiknya sebagai .xlsx), kemudian unggah kembali."


def parse_xls(path: Path, limits: ParseLimits) -> ParsedDocument:
    import xlrd
    from xlrd.compdoc import CompDocError

    try:
        # on_demand: sheets are loaded one at a time; logfile: xlrd's warnings go nowhere, not to stdout
        book = xlrd.open_workbook(str(path), on_demand=True, logfile=io.StringIO())
    except xlrd.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            raise ParseFailure(
                "encrypted",
                "Berkas Excel terenkripsi (dilindungi kata sandi), sehingga isinya tidak dapat dibaca.",
                "Buka di Excel dengan kata sandinya, hapus kata sandi, simpan, lalu unggah kembali.",
            ) from exc
        raise _corrupt(exc) from exc
    except (CompDocError, AssertionError, ValueError, IndexError, KeyError, EOFError, OSError) as exc:
        raise _corrupt(exc) from exc
    problems: list[Problem] = []
    pages: list[str] = []
    try:
        names = book.sheet_names()
        cells = 0
        for index, name in enumerate(names[: limits.pages]):
            sheet = book.sheet_by_index(index)
            lines = [name]
            for row in range(min(sheet.nrows, MAX_ROWS_PER_SHEET)):
                values = [_cell(book, sheet.cell(row, col)) for col in range(min(sheet.ncols, MAX_COLUMNS))]
                while values and not values[-1]:
                    values.pop()
                cells += len(values)
                if values:
                    lines.append("\t".join(values))
            if sheet.nrows > MAX_ROWS_PER_SHEET:
                problems.append(_bound(f"Lembar '{name}' terlalu panjang: hanya {MAX_ROWS_PER_SHEET} baris dibaca."))
            book.unload_sheet(index)
            pages.append("\n".join(lines))
            if cells > MAX_CELLS:
                problems.append(_bound(f"Buku kerja terlalu besar: pembacaan berhenti setelah {MAX_CELLS} sel."))
                break
    except (xlrd.XLRDError, CompDocError, AssertionError, ValueError, IndexError, KeyError, EOFError) as exc:
        raise _corrupt(exc) from exc
    finally:
        book.release_resources()
    if not any(page.partition("\n")[2].strip() for page in pages):
        problems.append(_empty())
    return bounded_document(pages, limits, unit="lembar", problems=problems, total=len(names))


def _empty() -> Problem:
    return Problem(
        "empty", "Buku kerja tidak berisi data.", "Periksa apakah berkas yang diunggah sudah benar.", "warning"
    )


def _cell(book: Any, cell: Any) -> str:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            moment = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return str(cell.value)
        return moment.date().isoformat() if moment.time().isoformat() == "00:00:00" else moment.isoformat(sep=" ")
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return str(int(cell.value)) if float(cell.value).is_integer() else str(cell.value)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    return " ".join(str(cell.value).split())


def _corrupt(exc: BaseException) -> ParseFailure:
    detail = str(exc) or type(exc).__name__
    return ParseFailure(
        "corrupt", f"Berkas Excel 97–2003 (XLS) rusak atau tidak lengkap (rincian teknis: {detail}).", REUPLOAD
    )


def _bound(message: str) -> Problem:
    return Problem(
        "bounded", message, "Pisahkan lembar yang besar ke berkas lain, atau unggah rekap ringkasnya.", "warning"
    )
