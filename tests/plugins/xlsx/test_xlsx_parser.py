"""The built-in XLSX parser over real workbooks made by scripts/fabricate.py."""

import re
import zipfile
from datetime import datetime

import pytest

from zi_evidence.parsing import ParseFailure, ParseLimits  # noqa: E402
from zi_evidence_xlsx import XLSX_MIME, XlsxParser  # noqa: E402

LIMITS = ParseLimits()


def test_one_page_per_sheet_with_tab_separated_rows(tmp_path, fabricate):
    path = fabricate.make_xlsx(
        tmp_path / "rekap.xlsx",
        {
            "Rekap Pengaduan": [["Bulan", "Jumlah", "Selesai"], ["Januari", 12, 11.0], ["Februari", 7, 6.5]],
            "Pegawai": [["Nama", "Tanggal SK"], ["Siti", datetime(2026, 1, 12)], [None, None], ["Andi"]],
        },
        title="Rekap TW I",
    )
    document = XlsxParser().parse(path, LIMITS)
    assert document.page_count == 2
    first, second = document.pages
    assert first.splitlines() == ["Rekap Pengaduan", "Bulan\tJumlah\tSelesai", "Januari\t12\t11", "Februari\t7\t6.5"]
    assert second.splitlines() == ["Pegawai", "Nama\tTanggal SK", "Siti\t2026-01-12", "Andi"]
    assert document.metadata["title"] == "Rekap TW I"
    assert document.metadata["created"] == "2026-01-15T09:00:00+00:00"
    assert document.problems == ()


def test_sheet_limit_and_row_bound_are_warnings(tmp_path, monkeypatch, fabricate):
    rows = [[f"baris {n}", n] for n in range(1, 31)]
    path = fabricate.make_xlsx(tmp_path / "besar.xlsx", {"A": rows, "B": [["x"]], "C": [["y"]]})
    monkeypatch.setattr("zi_evidence_xlsx.MAX_ROWS_PER_SHEET", 10)
    document = XlsxParser().parse(path, ParseLimits(pages=2))
    assert document.page_count == 3
    assert len(document.pages) == 2
    assert "baris 10\t10" in document.pages[0]
    assert "baris 11" not in document.pages[0]
    assert sorted(p.code for p in document.problems) == ["page_limit", "text_limit"]
    assert all(p.severity == "warning" for p in document.problems)


def test_corrupt_workbooks(tmp_path, fabricate):
    good = fabricate.make_xlsx(tmp_path / "baik.xlsx", {"S": [[n] for n in range(200)]})
    cut = tmp_path / "potong.xlsx"
    cut.write_bytes(good.read_bytes()[:1500])
    docx_named_xlsx = fabricate.make_docx(tmp_path / "dokumen.docx", ["isi"]).rename(tmp_path / "dokumen.xlsx")
    for path in (cut, docx_named_xlsx):
        with pytest.raises(ParseFailure) as caught:
            XlsxParser().parse(path, LIMITS)
        assert caught.value.problem.code == "corrupt", path.name


def test_password_protected_xlsx_is_encrypted(tmp_path):
    path = tmp_path / "terkunci.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert XlsxParser.sniff(path.read_bytes(), path.name) == XLSX_MIME
    with pytest.raises(ParseFailure) as caught:
        XlsxParser().parse(path, LIMITS)
    assert caught.value.problem.code == "encrypted"


def test_sniff_tells_xlsx_from_docx(tmp_path, fabricate):
    xlsx_head = fabricate.make_xlsx(tmp_path / "a.xlsx", {"S": [[1]]}).read_bytes()[:8192]
    docx_head = fabricate.make_docx(tmp_path / "a.docx", ["isi"]).read_bytes()[:8192]
    assert XlsxParser.sniff(xlsx_head, "nama-salah.docx") == XLSX_MIME
    assert XlsxParser.sniff(docx_head, "nama-salah.xlsx") is None
    assert XlsxParser.sniff(b"%PDF-1.4", "rekap.xlsx") is None


def test_sheet_without_a_dimension_is_read_whole(tmp_path, fabricate):
    # some exporters write no <dimension>: rows must not be padded to a guessed width, nor cut short
    source = fabricate.make_xlsx(tmp_path / "ekspor.xlsx", {"Data": [[f"r{n}", n] for n in range(1, 9001)]})
    target = tmp_path / "tanpa-dimensi.xlsx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = original.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"<dimension [^>]*/>", b"", data)
            copy.writestr(info.filename, data)
    document = XlsxParser().parse(target, LIMITS)
    lines = document.pages[0].splitlines()
    assert lines[-1] == "r9000\t9000"
    assert len(lines) == 9001
    assert document.problems == ()
