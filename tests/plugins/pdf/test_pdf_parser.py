"""The built-in PDF parsers (pypdf and PDFium) over real PDFs made by scripts/fabricate.py: both must
report the same text, limits and problems."""

import re

import pytest

from zi_evidence.parsing import ParseFailure, ParseLimits  # noqa: E402
from zi_evidence_pdf import PdfParser, read_pypdf  # noqa: E402
from zi_evidence_pdf._dates import page_ranges, pdf_date_to_iso  # noqa: E402
from zi_evidence_pdfium import PdfiumParser, read_pdfium  # noqa: E402

LIMITS = ParseLimits()


@pytest.fixture(params=[PdfParser, PdfiumParser], ids=["pypdf", "pdfium"])
def parser(request):
    return request.param


def codes(document):
    return [problem.code for problem in document.problems]


def test_text_per_page_page_count_and_metadata(parser, tmp_path, fabricate):
    path = fabricate.make_pdf(
        tmp_path / "sk.pdf",
        ["SURAT KEPUTUSAN\nTim Kerja ZI", "Lampiran daftar anggota"],
        title="SK Tim ZI 2026",
        author="Kepala Kantor",
    )
    document = parser().parse(path, LIMITS)
    assert document.page_count == 2
    assert len(document.pages) == 2
    assert "Tim Kerja ZI" in document.pages[0]
    assert "Lampiran daftar anggota" in document.pages[1]
    assert "Lampiran" not in document.pages[0]
    assert document.metadata["title"] == "SK Tim ZI 2026"
    assert document.metadata["author"] == "Kepala Kantor"
    assert document.metadata["created"].startswith("2000-01-01T00:00:00")  # reportlab's invariant date
    assert "ReportLab" in document.metadata["producer"]
    assert document.problems == ()


def test_encrypted_pdf_is_a_known_failure(parser, tmp_path, fabricate):
    path = fabricate.make_encrypted_pdf(tmp_path / "rahasia.pdf", ["isi rahasia"])
    with pytest.raises(ParseFailure) as caught:
        parser().parse(path, LIMITS)
    problem = caught.value.problem
    assert problem.code == "encrypted"
    assert "terenkripsi" in problem.message
    assert "tanpa kata sandi" in problem.hint


def test_owner_password_only_pdf_opens_with_empty_password(parser, tmp_path, fabricate):
    from pypdf import PdfReader, PdfWriter

    plain = fabricate.make_pdf(tmp_path / "plain.pdf", ["Laporan monev triwulan I"])
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="", owner_password="pemilik", algorithm="AES-128")
    secured = tmp_path / "secured.pdf"
    with secured.open("wb") as out:
        writer.write(out)
    document = parser().parse(secured, LIMITS)
    assert "Laporan monev" in document.pages[0]


def test_scanned_pdf_is_flagged_with_its_pages(parser, tmp_path, fabricate):
    path = fabricate.make_scanned_pdf(tmp_path / "scan.pdf", [["SK KEPALA"], ["Lampiran"], ["Tanda tangan"]])
    document = parser().parse(path, LIMITS)
    assert document.page_count == 3
    (problem,) = document.problems
    assert problem.code == "no_text_layer"
    assert problem.severity == "warning"
    assert problem.message.startswith("Tidak ada lapisan teks (hasil pindai) — perlu OCR")
    assert "semua 3 halaman" in problem.message


def test_mixed_pdf_lists_only_the_scanned_pages(parser, tmp_path, fabricate):
    from pypdf import PdfReader, PdfWriter

    text = fabricate.make_pdf(
        tmp_path / "text.pdf", ["Notulen rapat pembangunan zona integritas, dihadiri seluruh pegawai."]
    )
    scan = fabricate.make_scanned_pdf(tmp_path / "scan.pdf", [["Daftar hadir"], ["Foto"]])
    writer = PdfWriter()
    writer.append(PdfReader(text))
    writer.append(PdfReader(scan))
    mixed = tmp_path / "mixed.pdf"
    with mixed.open("wb") as out:
        writer.write(out)
    (problem,) = parser().parse(mixed, LIMITS).problems
    assert problem.code == "no_text_layer"
    assert "(halaman 2–3)" in problem.message


@pytest.mark.parametrize("cut", [0.5, 0.2])
def test_truncated_pdf_is_corrupt(parser, tmp_path, cut, fabricate):
    good = fabricate.make_pdf(tmp_path / "good.pdf", ["Laporan"] * 3)
    data = good.read_bytes()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(data[: int(len(data) * cut)])
    with pytest.raises(ParseFailure) as caught:
        parser().parse(broken, LIMITS)
    assert caught.value.problem.code == "corrupt"
    assert caught.value.problem.message.startswith("Berkas PDF rusak atau tidak lengkap")
    assert "terpotong" in caught.value.problem.message  # no %%EOF: the copy was cut short


def test_garbage_after_pdf_header_is_corrupt(parser, tmp_path):
    path = tmp_path / "palsu.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    with pytest.raises(ParseFailure) as caught:
        parser().parse(path, LIMITS)
    assert caught.value.problem.code == "corrupt"


def test_empty_and_unreadable_files(parser, tmp_path):
    empty = tmp_path / "kosong.pdf"
    empty.write_bytes(b"")
    with pytest.raises(ParseFailure) as caught:
        parser().parse(empty, LIMITS)
    assert caught.value.problem.code == "empty"
    with pytest.raises(ParseFailure) as caught:
        parser().parse(tmp_path, LIMITS)  # a folder cannot be opened as a file
    assert caught.value.problem.code == "unreadable"


def test_page_limit_reads_only_the_first_pages(parser, tmp_path, fabricate):
    path = fabricate.make_pdf(tmp_path / "panjang.pdf", [f"Halaman ke-{n}" for n in range(1, 6)])
    document = parser().parse(path, ParseLimits(pages=2))
    assert document.page_count == 5
    assert len(document.pages) == 2
    assert "Halaman ke-2" in document.pages[1]
    assert codes(document) == ["page_limit"]
    assert document.problems[0].severity == "warning"


def test_text_limit_truncates_and_warns(parser, tmp_path, fabricate):
    path = fabricate.make_pdf(tmp_path / "teks.pdf", ["Isi panjang"] * 3)
    document = parser().parse(path, ParseLimits(text_mb=0))
    assert "text_limit" in codes(document)
    assert "".join(document.pages) == ""


def test_sniff_is_by_content_not_name():
    assert PdfParser.sniff(b"%PDF-1.7\n...", "laporan.docx") == "application/pdf"
    assert PdfParser.sniff(b"\xef\xbb\xbf%PDF-1.4\n", "x.pdf") == "application/pdf"
    assert PdfParser.sniff(b"PK\x03\x04", "laporan.pdf") is None
    assert PdfParser.score("application/pdf", "a.pdf") == 10
    assert PdfParser.score("text/plain", "a.pdf") is None


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("D:20260112093000+07'00'", "2026-01-12T09:30:00+07:00"),
        ("D:20260112093000Z", "2026-01-12T09:30:00+00:00"),
        ("D:20260112", "2026-01-12T00:00:00"),
        ("20260112093000-05'30", "2026-01-12T09:30:00-05:30"),
        ("D:20261399", None),
        ("tanggal", None),
        (None, None),
    ],
)
def test_pdf_dates_to_iso(raw, iso):
    assert pdf_date_to_iso(raw) == iso


def test_page_ranges():
    assert page_ranges([5, 1, 2, 3, 7, 8]) == "1–3, 5, 7–8"
    assert page_ranges([4]) == "4"


def test_pdfium_outbids_pypdf_and_both_sniff_pdfs():
    assert PdfiumParser.score("application/pdf", "a.pdf") > PdfParser.score("application/pdf", "a.pdf")
    assert PdfiumParser.sniff(b"%PDF-1.7\n", "x.docx") == "application/pdf"
    assert PdfiumParser.sniff(b"PK\x03\x04", "x.pdf") is None


def _damaged(tmp_path, fabricate, name, damage):
    good = fabricate.make_pdf(tmp_path / "asli.pdf", ["Laporan pelayanan publik", "Zona integritas"])
    path = tmp_path / name
    path.write_bytes(damage(good.read_bytes()))
    return path


def test_a_pdf_pypdf_cannot_open_is_read_by_pdfium(tmp_path, fabricate):
    # no cross-reference table and no trailer: PDFium rebuilds the table from the objects, pypdf gives up
    path = _damaged(tmp_path, fabricate, "tanpa-xref.pdf", lambda data: data[: data.rindex(b"xref")])
    with pytest.raises(ParseFailure) as caught:
        read_pypdf(path, LIMITS)
    assert caught.value.problem.code == "corrupt"
    for parser in (PdfParser, PdfiumParser):
        document = parser().parse(path, LIMITS)
        assert document.page_count == 2
        assert "pelayanan publik" in document.pages[0]
        assert "Zona integritas" in document.pages[1]


def test_a_pdf_pdfium_cannot_open_is_read_by_pypdf(tmp_path, fabricate):
    # the trailer names a catalog object that does not exist: pypdf finds the catalog itself
    wrong_root = lambda data: re.sub(rb"/Root \d+ 0 R", b"/Root 99 0 R", data)  # noqa: E731
    path = _damaged(tmp_path, fabricate, "root-salah.pdf", wrong_root)
    with pytest.raises(ParseFailure) as caught:
        read_pdfium(path, LIMITS)
    assert caught.value.problem.code == "corrupt"
    for parser in (PdfiumParser, PdfParser):
        document = parser().parse(path, LIMITS)
        assert "pelayanan publik" in document.pages[0]


def test_a_pdf_neither_engine_reads_keeps_the_first_engines_finding(tmp_path, fabricate):
    path = _damaged(tmp_path, fabricate, "terpotong.pdf", lambda data: data[: len(data) // 2])
    with pytest.raises(ParseFailure) as caught:
        PdfiumParser().parse(path, LIMITS)
    assert caught.value.problem.code == "corrupt"
    assert "PDFium" in caught.value.problem.message  # the first engine's own detail, not the fallback's
