"""OCR end to end: scanned SK (image-only PDF) and a photographed attendance list (JPG) are indexed with the
real pipeline, found by their words on the right page, cached, and left "perlu OCR" when OCR is off or absent."""

from __future__ import annotations

from datetime import date

import pytest

from zi_evidence.dates import nomor_year, signing_date
from zi_evidence.index.run import IndexOptions, run_index
from zi_evidence.repository import Repository
from zi_evidence.search.query import search

TIM = "PEMENUHAN/AREA I - Manajemen Perubahan/i. Penyusunan Tim Kerja/a. Tim pembangunan ZI"
SK = f"{TIM}/SK Tim Pembangunan ZI (scan).pdf"
HADIR_JPG = f"{TIM}/daftar hadir sosialisasi.jpg"


@pytest.fixture
def drive(make_repo, scans):
    root = make_repo()
    scans.scanned_pdf(root / SK, [scans.SK_PAGE_1, scans.SK_PAGE_2])
    scans.scanned_jpg(root / HADIR_JPG, scans.HADIR)
    return root


def records(repo):
    with repo.catalog() as catalog:
        return {r.display: (r, catalog.page_texts(r)) for r in catalog.records()}


def pages_of(repo, query):
    return {hit.path: [p.page for p in hit.pages] for hit in search(repo, query, {}).hits}


def test_scans_are_read_found_on_their_page_and_marked_as_ocr(drive, tree_fingerprint):
    before = tree_fingerprint(drive)
    repo = Repository.open(drive)
    summary = run_index(repo)
    assert summary.parsed == 2

    assert pages_of(repo, "gratifikasi") == {SK: [2]}
    assert pages_of(repo, "KEPUTUSAN") == {SK: [1]}
    assert pages_of(repo, "antikorupsi") == {HADIR_JPG: [1]}
    assert pages_of(repo, '"12 Januari 2026"') == {SK: [2], HADIR_JPG: [1]}

    found = records(repo)
    sk, sk_pages = found[SK]
    assert sk.parser == "ocr" and sk.parser_version.startswith("3/tesseract-") and "ind" in sk.parser_version
    assert sk.metadata["machine_read_pages"] == "1,2"
    confidences = dict(item.split(":") for item in sk.metadata["ocr_confidence"].split(","))
    assert set(confidences) == {"1", "2"} and all(int(c) >= 60 for c in confidences.values())
    assert "ind" in sk.metadata["ocr_engine"]
    codes = {(p.code, p.severity) for p in sk.all_problems}
    assert ("ocr_text", "info") in codes and "no_text_layer" not in {code for code, _ in codes}
    # the validators read OCR text like native text: the decree's number year and signing date
    assert nomor_year(sk_pages[0]) == 2026
    assert signing_date("\n".join(sk_pages)).value == date(2026, 1, 12)

    hadir, _ = found[HADIR_JPG]
    assert hadir.parser == "ocr" and hadir.metadata["machine_read_pages"] == "1"
    assert hadir.metadata["format"] == "JPEG"  # the image parser's metadata is kept

    again = run_index(repo)
    assert again.parsed == 0, "OCR text is cached by (hash, engine+version, languages)"
    assert tree_fingerprint(drive) == before, "the evidence is never written"


def test_without_ocr_the_scan_stays_marked_perlu_ocr(drive):
    repo = Repository.open(drive)
    run_index(repo, IndexOptions(exclude_parsers=frozenset({"ocr"})))
    sk, pages = records(repo)[SK]
    assert sk.parser == "pdfium" and pages == ["", ""]
    problem = next(p for p in sk.all_problems if p.code == "no_text_layer")
    assert "perlu OCR" in problem.message
    assert pages_of(repo, "gratifikasi") == {}


def test_tesseract_missing_from_path_declines_cleanly(drive, tmp_path, monkeypatch):
    import zi_evidence_ocr
    from zi_evidence_ocr import OcrParser

    empty = tmp_path / "no-tools"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert OcrParser.score("application/pdf", "scan.pdf") is None
    assert OcrParser.score("image/jpeg", "foto.jpg") is None
    assert "tidak ditemukan" in zi_evidence_ocr.status()

    repo = Repository.open(drive)
    summary = run_index(repo)
    assert summary.parsed == 2
    found = records(repo)
    assert found[SK][0].parser == "pdfium" and found[HADIR_JPG][0].parser == "image"
    assert "no_text_layer" in {p.code for p in found[SK][0].all_problems}


def test_files_indexed_without_ocr_are_read_by_ocr_on_a_later_run(drive):
    repo = Repository.open(drive)
    quick = run_index(repo, IndexOptions(exclude_parsers=frozenset({"ocr"})))
    assert quick.parsed == 2 and pages_of(repo, "gratifikasi") == {}
    later = run_index(Repository.open(drive))
    assert later.parsed == 2, "a parser that now outbids the stored one re-reads unchanged files"
    assert pages_of(repo, "gratifikasi") == {SK: [2]}
    assert run_index(Repository.open(drive)).parsed == 0


def test_a_page_budget_defers_ocr_to_the_next_run(drive):
    repo = Repository.open(drive)
    first = run_index(repo, IndexOptions(processes=1, expensive_pages=1))
    # one file is read by OCR, then the budget is spent: the other gets its plain parser and a note
    with repo.catalog() as catalog:
        parsers = sorted(r.parser for r in catalog.records())
    assert parsers in (["image", "ocr"], ["ocr", "pdfium"]), parsers
    assert any("batas halaman" in note for note in first.notes)
    second = run_index(Repository.open(drive), IndexOptions(processes=1, expensive_pages=5))
    assert second.parsed == 1 and not any("batas halaman" in note for note in second.notes)
    with repo.catalog() as catalog:
        assert {r.parser for r in catalog.records()} == {"ocr"}
