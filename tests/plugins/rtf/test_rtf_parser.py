"""The built-in RTF parser over RTF written by the test: pages at ``\\page``, escapes, hostile nesting."""

import pytest

from zi_evidence.parsing import ParseFailure, ParseLimits
from zi_evidence_rtf import RTF_MIME, RtfParser


def test_pages_split_at_page_breaks_and_escapes_decoded(tmp_path, fabricate):
    path = fabricate.make_rtf(tmp_path / "nota.rtf", [["NOTA DINAS", "Perihal: pengaduan café"], ["Halaman dua"]])
    assert RtfParser.sniff(path.read_bytes()[:8192], "nota.rtf") == RTF_MIME
    assert RtfParser.sniff(path.read_bytes()[:8192], "nota-tersimpan.doc") == RTF_MIME  # Word's RTF named .doc
    document = RtfParser().parse(path, ParseLimits())
    assert document.page_count == 2
    assert document.pages[0].split() == ["NOTA", "DINAS", "Perihal:", "pengaduan", "café"]
    assert document.pages[1].strip() == "Halaman dua"
    assert document.problems == ()


def test_deep_nesting_and_size_are_bounded(tmp_path, monkeypatch):
    nested = tmp_path / "jebakan.rtf"
    nested.write_bytes(b"{\\rtf1 " + b"{" * 100_000 + b"isi" + b"}" * 100_001)
    document = RtfParser().parse(nested, ParseLimits())
    assert document.pages == ()
    assert [p.code for p in document.problems] == ["bounded"]
    big = tmp_path / "besar.rtf"
    big.write_bytes(b"{\\rtf1 " + b"{\\pard kata\\par}\n" * 80_000 + b"}")
    document = RtfParser().parse(big, ParseLimits(file_mb=1))
    assert "text_limit" in [p.code for p in document.problems]
    assert "kata" in document.pages[0]


def test_not_rtf_and_empty(tmp_path):
    other = tmp_path / "bukan.rtf"
    other.write_bytes(b"PK\x03\x04 bukan rtf")
    assert RtfParser.sniff(other.read_bytes(), other.name) is None  # the core then reports a mismatch
    empty = tmp_path / "kosong.rtf"
    empty.write_bytes(b"")
    with pytest.raises(ParseFailure) as caught:
        RtfParser().parse(empty, ParseLimits())
    assert caught.value.problem.code == "empty"
