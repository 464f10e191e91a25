"""The built-in PPTX parser over real decks made by python-pptx, a zip bomb and broken files."""

import zipfile

import pytest

from zi_evidence.parsing import ParseFailure, ParseLimits
from zi_evidence_pptx import PPTX_MIME, PptxParser

LIMITS = ParseLimits()

SLIDES = [
    ("Budaya Kerja BerAKHLAK", "Berorientasi pelayanan dan akuntabel", "Sampaikan contoh pelayanan prima"),
    ("Rencana Aksi", "Sosialisasi nilai harmonis", ""),
]


def failure(path, limits=LIMITS):
    with pytest.raises(ParseFailure) as caught:
        PptxParser().parse(path, limits)
    return caught.value.problem


def test_a_page_per_slide_with_its_notes_and_properties(tmp_path, fabricate):
    path = fabricate.make_pptx(tmp_path / "paparan.pptx", SLIDES, title="Paparan ZI", author="Tim ZI")
    with path.open("rb") as handle:
        assert PptxParser.sniff(handle.read(8192), "paparan.pptx") == PPTX_MIME
    document = PptxParser().parse(path, ParseLimits())
    assert document.page_count == 2
    first, second = document.pages
    assert first.splitlines() == [
        "Budaya Kerja BerAKHLAK",
        "Berorientasi pelayanan dan akuntabel",
        "Sampaikan contoh pelayanan prima",  # the speaker notes come after the slide's own text
    ]
    assert second.splitlines() == ["Rencana Aksi", "Sosialisasi nilai harmonis"]
    assert document.metadata["title"] == "Paparan ZI" and document.metadata["author"] == "Tim ZI"
    assert document.problems == ()


def test_slide_limit_is_a_warning(tmp_path, fabricate):
    path = fabricate.make_pptx(tmp_path / "paparan.pptx", SLIDES)
    document = PptxParser().parse(path, ParseLimits(pages=1))
    assert document.page_count == 2 and len(document.pages) == 1
    assert [p.code for p in document.problems] == ["page_limit"]
    assert "slide" in document.problems[0].message


def test_zip_bomb_is_refused_before_python_pptx_opens_it(tmp_path, fabricate, rewrite_zip, monkeypatch):
    good = fabricate.make_pptx(tmp_path / "asli.pptx", SLIDES)
    bomb = tmp_path / "bom.pptx"

    def bloat(name, data):
        return data.replace(b"Rencana Aksi", b"0" * (50 * 1024 * 1024)) if name == "ppt/slides/slide2.xml" else data

    rewrite_zip(good, bomb, bloat)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ppt/media/isi.xml", b"0" * (50 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024

    def must_not_open(*args, **kwargs):
        raise AssertionError("python-pptx was given a zip bomb")

    monkeypatch.setattr("pptx.Presentation", must_not_open)
    problem = failure(bomb, ParseLimits(inflated_mb=10))
    assert problem.code == "zip_bomb"


def test_encrypted_truncated_and_foreign_zips(tmp_path, fabricate):
    locked = tmp_path / "terkunci.pptx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))  # what PowerPoint writes with a password
    assert PptxParser.sniff(locked.read_bytes(), locked.name) == PPTX_MIME
    problem = failure(locked)
    assert problem.code == "encrypted" and "kata sandi" in problem.message
    good = fabricate.make_pptx(tmp_path / "asli.pptx", SLIDES)
    cut = tmp_path / "potong.pptx"
    cut.write_bytes(good.read_bytes()[:4000])
    assert failure(cut).code == "corrupt"
    other = tmp_path / "lain.pptx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("readme.txt", "bukan presentasi")
    problem = failure(other)
    assert problem.code == "corrupt" and "PPTX" in problem.message
    empty = tmp_path / "kosong.pptx"
    empty.write_bytes(b"")
    assert failure(empty).code == "empty"
