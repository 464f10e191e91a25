"""Saved web pages (HTML, MHT) and e-mails (.eml), made by the test with the standard library."""

import pytest

from zi_evidence.parsing import ParseFailure, ParseLimits
from zi_evidence_html import HTML_MIME, MHT_MIME, EmlParser, HtmlParser, MhtParser
from zi_evidence_html._eml import EML_MIME

PARAGRAPHS = ["Kantor menerima penghargaan pelayanan publik", "Survei kepuasan masyarakat naik"]


def head(path):
    return path.read_bytes()[:8192]


def test_html_visible_text_without_scripts_or_styles(tmp_path, fabricate):
    path = fabricate.make_html(tmp_path / "berita.html", "Berita Kanim", PARAGRAPHS)
    assert HtmlParser.sniff(head(path), path.name) == HTML_MIME
    assert HtmlParser.sniff(head(path), "rekap-ekspor.xls") == HTML_MIME  # an "Excel" export that is HTML
    assert HtmlParser.sniff(head(path), "catatan.txt") is None  # the text parser's file
    document = HtmlParser().parse(path, ParseLimits())
    text = document.pages[0]
    assert text.splitlines() == ["Berita Kanim", *PARAGRAPHS]
    assert "skripTersembunyi" not in text and "font-family" not in text
    assert document.metadata == {"title": "Berita Kanim"}


def test_html_charset_from_meta_and_size_bound(tmp_path):
    page = tmp_path / "lama.htm"
    page.write_bytes(
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head>'
        b"<body><table><tr><td>Jos\xe9</td><td>3</td></tr></table></body></html>"
    )
    assert HtmlParser().parse(page, ParseLimits()).pages[0] == "José\t3"
    big = tmp_path / "besar.html"
    big.write_bytes(b"<html><body>" + b"<p>kata</p>" * 200_000 + b"</body></html>")
    document = HtmlParser().parse(big, ParseLimits(file_mb=1))
    assert [p.code for p in document.problems] == ["text_limit"]


def test_mht_reads_the_html_part_and_skips_pictures(tmp_path, fabricate):
    path = fabricate.make_mht(tmp_path / "berita.mht", "Berita Kanim", PARAGRAPHS)
    assert MhtParser.sniff(head(path), path.name) == MHT_MIME
    document = MhtParser().parse(path, ParseLimits())
    assert document.pages[0].splitlines() == ["Berita Kanim", *PARAGRAPHS]
    assert "PNG" not in document.pages[0]


def test_mht_part_bomb_is_bounded(tmp_path):
    parts = "".join(f"--b\r\nContent-Type: text/plain\r\n\r\nbagian {n}\r\n" for n in range(3000))
    path = tmp_path / "banyak.mht"
    path.write_text(f'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n{parts}--b--\r\n')
    document = MhtParser().parse(path, ParseLimits())
    assert "bounded" in [p.code for p in document.problems]
    assert "bagian 0" in document.pages[0] and "bagian 2999" not in document.pages[0]


def test_eml_headers_body_and_attachment_names(tmp_path, fabricate):
    path = fabricate.make_eml(
        tmp_path / "undangan.eml",
        "Undangan Sosialisasi Zona Integritas",
        "Sekretariat <sekretariat@example.go.id>",
        "Dengan hormat, kami mengundang seluruh pegawai.\nTempat: aula kantor.",
        attachments=[("Undangan.pdf", b"%PDF-1.4 isi"), ("Daftar Hadir.xlsx", b"PK\x03\x04")],
    )
    assert EmlParser.sniff(head(path), path.name) == EML_MIME
    document = EmlParser().parse(path, ParseLimits())
    lines = document.pages[0].splitlines()
    assert lines[:5] == [
        "Perihal: Undangan Sosialisasi Zona Integritas",
        "Dari: Sekretariat <sekretariat@example.go.id>",
        "Kepada: tim.zi@example.go.id",
        "Tanggal: Thu, 15 Jan 2026 09:00:00 +0700",
        "Lampiran: Undangan.pdf, Daftar Hadir.xlsx",
    ]
    assert "kami mengundang seluruh pegawai." in document.pages[0]
    assert "%PDF" not in document.pages[0]
    assert document.metadata["created"] == "2026-01-15T09:00:00+07:00"
    assert document.metadata["title"] == "Undangan Sosialisasi Zona Integritas"


def test_eml_without_headers_is_not_routed_and_empty_fails(tmp_path):
    path = tmp_path / "bukan.eml"
    path.write_bytes(b"hanya teks biasa tanpa kepala surel")
    assert EmlParser.sniff(head(path), path.name) is None  # the core reports an .eml that is no e-mail
    empty = tmp_path / "kosong.eml"
    empty.write_bytes(b"")
    with pytest.raises(ParseFailure) as caught:
        EmlParser().parse(empty, ParseLimits())
    assert caught.value.problem.code == "empty"
