"""The OCR parser and the Tesseract wrapper on their own: which pages are read, what is reported, the bounds."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

import zi_evidence_ocr
from zi_evidence.cli import cli
from zi_evidence.parsing import ParseLimits
from zi_evidence_ocr import OcrParser
from zi_evidence_ocr import parser as ocr_parser
from zi_evidence_ocr.engine import OcrError, PageText, parse_tsv, probe, recognize
from zi_evidence_ocr.images import pnm_bytes

LIMITS = ParseLimits()


def codes(document):
    return {p.code: p for p in document.problems}


def test_outbids_the_plain_parsers_and_names_engine_and_languages_in_its_version():
    engine = probe()
    assert engine.available and engine.languages[0] == "ind"
    for mime in OcrParser.mime_types:
        assert OcrParser.score(mime, "berkas") == 20  # the PDF and image parsers bid 10
    assert OcrParser.score("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "a.docx") is None
    assert OcrParser.version == f"3/tesseract-{engine.version}/{engine.language_arg}"


def test_only_pages_without_a_text_layer_are_read(tmp_path, scans):
    path = scans.mixed_pdf(
        tmp_path / "campuran.pdf", "LAPORAN MONITORING DAN EVALUASI\nhalaman dengan teks asli", scans.SK_PAGE_2
    )
    document = OcrParser().parse(path, LIMITS)
    assert document.page_count == 2
    assert "halaman dengan teks asli" in document.pages[0]
    assert "gratifikasi" in document.pages[1] and "12 Januari 2026" in document.pages[1]
    assert document.machine_read_pages == (2,)
    assert "halaman 2" in codes(document)["ocr_text"].message


def test_a_tiff_with_two_frames_gives_two_pages(tmp_path, scans):
    first, second = (scans.scanned_page(lines, seed) for seed, lines in enumerate((scans.SK_PAGE_1, scans.HADIR)))
    path = tmp_path / "pindaian.tif"
    first.save(path, "TIFF", save_all=True, append_images=[second], dpi=(150, 150))
    document = OcrParser().parse(path, LIMITS)
    assert document.page_count == 2 and document.machine_read_pages == (1, 2)
    assert "KEPUTUSAN" in document.pages[0] and "antikorupsi" in document.pages[1]


def test_a_photo_without_writing_gets_no_text_and_no_warning(tmp_path, fabricate):
    path = tmp_path / "foto.png"
    image = Image.new("RGB", (800, 600), (90, 140, 190))
    image.paste((200, 50, 50), (100, 100, 400, 400))
    image.save(path)
    document = OcrParser().parse(path, LIMITS)
    assert document.pages == ("",) and document.problems == ()
    assert not document.machine_read_pages
    # a photo with a caption is read, though
    captioned = OcrParser().parse(fabricate.make_photo(tmp_path / "rapat.jpg", "rapat pembentukan tim"), LIMITS)
    assert "pembentukan" in captioned.pages[0]


def test_a_low_confidence_page_is_a_warning_not_a_silent_miss(tmp_path, monkeypatch, scans):
    path = scans.scanned_pdf(tmp_path / "buram.pdf", [scans.SK_PAGE_1, scans.SK_PAGE_2])
    readings = iter([PageText("KEPUTUSAN KEPALA KANTOR NOMOR 1 TAHUN 2026 TENTANG TIM", 91.0, 10),
                     PageText("Ditetapkan di Bandung pada tanggal 12 Januari 2026 KEPALA", 41.5, 10)])  # fmt: skip
    monkeypatch.setattr(ocr_parser, "recognize", lambda *args: next(readings))
    document = OcrParser().parse(path, LIMITS)
    assert document.metadata["ocr_confidence"] == "1:91,2:42"
    low = codes(document)["ocr_low_confidence"]
    assert low.severity == "warning" and low.message.startswith("Keyakinan OCR rendah pada halaman 2 (2: 42 %)")
    assert "keyakinan rata-rata 66 %" in codes(document)["ocr_text"].message


def test_pages_past_the_file_time_limit_stay_marked_perlu_ocr(tmp_path, scans):
    path = scans.scanned_pdf(tmp_path / "panjang.pdf", [scans.SK_PAGE_1, scans.SK_PAGE_2])
    document = OcrParser().parse(path, ParseLimits(seconds=2))  # under the minimum time one page may take
    problem = codes(document)["no_text_layer"]
    assert "perlu OCR (semua 2 halaman)" in problem.message and "limits.seconds" in problem.hint
    assert not document.machine_read_pages and document.pages == ("", "")
    assert document.metadata["ocr_unread"] == "1,2"


def test_tesseract_runs_bounded_in_time_and_memory(scans):
    image = pnm_bytes(scans.scanned_page(scans.SK_PAGE_1, seed=1))
    with pytest.raises(OcrError, match="batas waktu"):
        recognize(probe(), image, 0.05, 1536, 150)
    with pytest.raises(OcrError, match="memori"):
        recognize(probe(), image, 30, 40, 150)
    assert "KEPUTUSAN" in recognize(probe(), image, 30, 1536, 150).text


def test_tsv_becomes_lines_and_paragraphs_with_the_mean_word_confidence():
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "4\t1\t1\t1\t1\t0\t0\t0\t9\t9\t-1\t",
        "5\t1\t1\t1\t1\t1\t0\t0\t9\t9\t90\tNOMOR",
        "5\t1\t1\t1\t1\t2\t0\t0\t9\t9\t80\t12",
        "5\t1\t1\t1\t2\t1\t0\t0\t9\t9\t70\tTAHUN",
        "5\t1\t1\t2\t1\t1\t0\t0\t9\t9\t60\tKEPALA",
        "5\t1\t1\t2\t1\t2\t0\t0\t9\t9\t-1\t ",
    ]
    page = parse_tsv("\n".join([header, *rows]))
    assert page.text == "NOMOR 12\nTAHUN\n\nKEPALA"
    assert (page.words, page.confidence) == (4, 75.0)


def test_without_indonesian_language_data_the_plugin_declines(tmp_path, monkeypatch):
    listing = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=True).stdout
    tessdata = Path(listing.split('"')[1])  # 'List of available languages in "/usr/share/.../tessdata/" (3):'
    only_english = tmp_path / "tessdata"
    only_english.mkdir()
    (only_english / "eng.traineddata").symlink_to(tessdata / "eng.traineddata")
    monkeypatch.setenv("TESSDATA_PREFIX", str(only_english))
    assert OcrParser.score("application/pdf", "scan.pdf") is None
    assert "'ind'" in zi_evidence_ocr.status()


def test_plugins_command_says_whether_ocr_runs_and_with_which_languages(tmp_path, monkeypatch):
    output = CliRunner().invoke(cli, ["plugins"], catch_exceptions=False).output
    assert "status: OCR aktif: tesseract" in output and "ind+eng" in output
    monkeypatch.setenv("PATH", str(tmp_path))
    rows = json.loads(CliRunner().invoke(cli, ["plugins", "--json"], catch_exceptions=False).output)
    status = next(row["status"] for row in rows if row["name"] == "ocr")
    assert status.startswith("OCR tidak aktif") and "tesseract-ocr-ind" in status
