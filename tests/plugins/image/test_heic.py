"""HEIC photos (pillow-heif) made here: catalogued with the EXIF date taken, which dates the evidence."""

import pytest

from zi_evidence.dates import document_date
from zi_evidence.parsing import ParseFailure, ParseLimits, sniff_mime
from zi_evidence.plugins import make_plugin_manager
from zi_evidence.validation.findings import collect_findings
from zi_evidence_image import ImageParser

LIMITS = ParseLimits()
PHOTOS = "PEMENUHAN/AREA I - Manajemen Perubahan/i. Penyusunan Tim Kerja"


def test_a_heic_photo_is_read_with_its_date_taken(tmp_path, fabricate):
    path = fabricate.make_heic(tmp_path / "IMG_0412.HEIC", "Apel pagi", taken="2026:03:12 09:30:00")
    parsers = list(make_plugin_manager().parsers().values())
    assert sniff_mime(parsers, path.read_bytes()[:8192], path.name) == "image/heic"
    document = ImageParser().parse(path, LIMITS)
    assert document.metadata["format"] == "HEIF"
    assert (document.metadata["width"], document.metadata["height"]) == ("320", "240")
    assert document.metadata["taken"] == "2026-03-12T09:30:00"
    assert document.metadata["camera"] == "Apple iPhone 12"
    found = document_date("", document.metadata, folder_year="2025")
    assert found is not None and found.source == "taken" and found.value.isoformat() == "2026-03-12"


def test_a_broken_heic_is_a_plain_problem(tmp_path):
    path = tmp_path / "IMG_0001.HEIC"
    path.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x05" * 300)
    with pytest.raises(ParseFailure) as caught:
        ImageParser().parse(path, LIMITS)
    assert caught.value.problem.code == "corrupt"


def test_a_photo_taken_outside_the_year_is_a_warning(make_repo, fabricate, indexed_repo):
    root = make_repo()
    fabricate.make_heic(root / PHOTOS / "IMG_0413.HEIC", "Apel pagi", taken="2024:08:17 07:00:00")
    repo = indexed_repo(root)
    (finding,) = [f for f in collect_findings(repo) if f.code == "outside_year"]
    assert finding.severity == "warning"  # the date taken is the activity's own date, not a re-save's
    assert "17 Agustus 2024 (tanggal pengambilan foto menurut EXIF)" in finding.message
