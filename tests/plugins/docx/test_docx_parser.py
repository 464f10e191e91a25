"""The built-in DOCX parser over real Word files, including a zip bomb built here."""

import io
import os
import zipfile
from pathlib import Path

import pytest

from zi_evidence.parsing import ParseFailure, ParseLimits  # noqa: E402
from zi_evidence_docx import DOCX_MIME, DocxParser  # noqa: E402

LIMITS = ParseLimits()


def rewrite_member(source: Path, target: Path, member: str, payload: bytes) -> Path:
    """Copy a DOCX, replacing one member (compressed) with ``payload``."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = payload if info.filename == member else original.read(info)
            copy.writestr(info.filename, data)
    return target


def failure(path: Path, limits: ParseLimits = LIMITS):
    with pytest.raises(ParseFailure) as caught:
        DocxParser().parse(path, limits)
    return caught.value.problem


def test_paragraphs_table_header_footer_and_properties(tmp_path, fabricate):
    path = fabricate.make_docx(
        tmp_path / "notulen.docx",
        ["NOTULEN RAPAT", "Pembahasan rencana kerja pembangunan ZI"],
        table=[["No", "Nama", "Jabatan"], ["1", "Budi", "Kepala Seksi"]],
        header="KEMENTERIAN HUKUM",
        footer="Dokumen internal",
        title="Notulen Rapat ZI",
        author="Sekretaris Tim",
    )
    document = DocxParser().parse(path, LIMITS)
    assert document.page_count == 1
    (text,) = document.pages
    lines = text.splitlines()
    assert lines[0] == "KEMENTERIAN HUKUM"  # the header comes first
    assert "Pembahasan rencana kerja pembangunan ZI" in lines
    assert "1\tBudi\tKepala Seksi" in lines  # a table row is one tab-separated line
    assert lines[-1] == "Dokumen internal"
    assert document.metadata["title"] == "Notulen Rapat ZI"
    assert document.metadata["author"] == "Sekretaris Tim"
    assert document.metadata["created"] == "2026-01-15T09:00:00+00:00"
    assert document.problems == ()


def test_explicit_page_breaks_split_pages_and_page_limit(tmp_path):
    import docx

    word = docx.Document()
    for number in range(1, 4):
        word.add_paragraph(f"Bagian {number}")
        if number < 3:
            word.add_page_break()
    path = tmp_path / "laporan.docx"
    word.save(str(path))
    document = DocxParser().parse(path, LIMITS)
    assert document.pages == ("Bagian 1", "Bagian 2", "Bagian 3")
    limited = DocxParser().parse(path, ParseLimits(pages=2))
    assert limited.page_count == 3
    assert limited.pages == ("Bagian 1", "Bagian 2")
    assert [p.code for p in limited.problems] == ["page_limit"]


def test_zip_bomb_is_refused_before_python_docx_sees_it(tmp_path, monkeypatch, fabricate):
    good = fabricate.make_docx(tmp_path / "asli.docx", ["isi"])
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    bloated = (
        f'<w:document xmlns:w="{ns}"><w:body><w:p><w:r><w:t>'.encode()
        + b"0" * (50 * 1024 * 1024)
        + b"</w:t></w:r></w:p></w:body></w:document>"
    )
    bomb = rewrite_member(good, tmp_path / "bom.docx", "word/document.xml", bloated)
    assert bomb.stat().st_size < 1024 * 1024  # small on disk

    def must_not_open(*args, **kwargs):
        raise AssertionError("python-docx was given a zip bomb")

    monkeypatch.setattr("docx.Document", must_not_open)
    problem = failure(bomb, ParseLimits(inflated_mb=10))
    assert problem.code == "zip_bomb"
    assert "word/document.xml" in problem.message


def test_member_over_the_inflated_cap_is_too_large(tmp_path, fabricate):
    good = fabricate.make_docx(tmp_path / "asli.docx", ["isi"])
    photo = rewrite_member(good, tmp_path / "foto.docx", "docProps/thumbnail.jpeg", bytes(range(256)) * 8192)
    problem = failure(photo, ParseLimits(inflated_mb=1))
    assert problem.code == "too_large"


def test_truncated_and_non_word_zips_are_corrupt(tmp_path, fabricate):
    good = fabricate.make_docx(tmp_path / "asli.docx", ["isi"] * 50)
    truncated = tmp_path / "potong.docx"
    truncated.write_bytes(good.read_bytes()[:3000])
    assert failure(truncated).code == "corrupt"
    other = tmp_path / "lain.docx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("readme.txt", "bukan dokumen Word")
    assert failure(other).code == "corrupt"
    plain = tmp_path / "teks.docx"
    plain.write_text("bukan zip")
    assert failure(plain).code == "corrupt"


def test_password_protected_docx_is_encrypted(tmp_path):
    path = tmp_path / "terkunci.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)  # an OLE container, as Word writes it
    assert DocxParser.sniff(path.read_bytes(), path.name) == DOCX_MIME
    problem = failure(path)
    assert problem.code == "encrypted"
    assert "kata sandi" in problem.message


def test_empty_and_unreadable(tmp_path):
    empty = tmp_path / "kosong.docx"
    empty.write_bytes(b"")
    assert failure(empty).code == "empty"
    assert failure(tmp_path).code == "unreadable"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_is_unreadable_not_package_not_found(tmp_path, fabricate):
    path = fabricate.make_docx(tmp_path / "rahasia.docx", ["isi"])
    path.chmod(0)
    try:
        assert failure(path).code == "unreadable"
    finally:
        path.chmod(0o644)


def test_sniff_by_content(tmp_path, fabricate):
    docx_head = fabricate.make_docx(tmp_path / "a.docx", ["isi"]).read_bytes()[:8192]
    assert DocxParser.sniff(docx_head, "salah-nama.xlsx") == DOCX_MIME
    assert DocxParser.sniff(b"%PDF-1.7", "laporan.docx") is None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert DocxParser.sniff(buffer.getvalue(), "rekap.docx") is None
    # a zip whose first members do not tell: the name decides
    assert DocxParser.sniff(b"PK\x03\x04" + b"\x00" * 10, "notulen.docx") == DOCX_MIME
    assert DocxParser.sniff(b"PK\x03\x04" + b"\x00" * 10, "arsip.zip") is None


def test_footnotes_are_collected(tmp_path, fabricate):
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    rel_type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    footnotes = (
        f'<w:footnotes xmlns:w="{ns}"><w:footnote w:id="1"><w:p><w:r>'
        "<w:t>Sumber: PermenPANRB 90/2021</w:t></w:r></w:p></w:footnote></w:footnotes>"
    ).encode()
    source = fabricate.make_docx(tmp_path / "asli.docx", ["Isi laporan"])
    target = tmp_path / "catatan-kaki.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    f'<Relationship Id="rIdFn" Type="{rel_type}" Target="footnotes.xml"/></Relationships>'.encode(),
                )
            elif info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    f'<Override PartName="/word/footnotes.xml" ContentType="{content_type}"/></Types>'.encode(),
                )
            copy.writestr(info.filename, data)
        copy.writestr("word/footnotes.xml", footnotes)
    (text,) = DocxParser().parse(target, LIMITS).pages
    assert text.splitlines() == ["Isi laporan", "Sumber: PermenPANRB 90/2021"]
