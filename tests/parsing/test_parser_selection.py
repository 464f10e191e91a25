"""sniff_mime / choose_parser over the built-in parsers, and their registration as plugins."""

from pathlib import Path
from typing import ClassVar

import pytest

import zi_evidence_docx  # noqa: E402
import zi_evidence_image  # noqa: E402
import zi_evidence_pdf  # noqa: E402
import zi_evidence_text  # noqa: E402
import zi_evidence_xlsx  # noqa: E402
from zi_evidence.parsing import ParseLimits, choose_parser, sniff_mime  # noqa: E402
from zi_evidence.plugins import make_plugin_manager  # noqa: E402

MODULES = (zi_evidence_pdf, zi_evidence_docx, zi_evidence_xlsx, zi_evidence_text, zi_evidence_image)
BUILT_IN = ("pdf", "docx", "xlsx", "text", "image")


@pytest.fixture
def parsers():
    host = make_plugin_manager(load_entry_points=False)
    for module in MODULES:
        host.register(module, name=module.__name__)
    return list(host.parsers().values())


def head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(8192)


def test_each_plugin_registers_one_named_versioned_parser(parsers):
    assert sorted(p.name for p in parsers) == sorted(BUILT_IN)
    for parser in parsers:
        assert parser.version
        assert parser.mime_types
        for mime in parser.mime_types:
            assert parser.score(mime, "x") == 10  # a default a faster third-party parser can outbid


@pytest.mark.parametrize("order", ["forward", "reversed"])
def test_files_with_misleading_names_go_to_the_right_parser(tmp_path, parsers, order, fabricate):
    if order == "reversed":  # the answer must not depend on plugin load order
        parsers = parsers[::-1]
    cases = {
        fabricate.make_pdf(tmp_path / "sk.pdf", ["SK"]).rename(tmp_path / "sk-sebenarnya-pdf.docx"): "pdf",
        fabricate.make_docx(tmp_path / "notulen.docx", ["Notulen"]).rename(tmp_path / "notulen.xlsx"): "docx",
        fabricate.make_xlsx(tmp_path / "rekap.xlsx", {"S": [[1]]}).rename(tmp_path / "rekap.docx"): "xlsx",
        fabricate.make_photo(tmp_path / "foto.jpg", "apel").rename(tmp_path / "foto.pdf"): "image",
    }
    csv = tmp_path / "rekap.csv"
    csv.write_bytes("Nama;Jumlah\nJosé;3\n".encode("cp1252"))
    cases[csv] = "text"
    for path, expected in cases.items():
        mime = sniff_mime(parsers, head(path), path.name)
        chosen = choose_parser(parsers, mime, path.name)
        assert chosen is not None and chosen.name == expected, path.name
        assert chosen().parse(path, ParseLimits()).page_count >= 1


def test_unknown_content_has_no_parser(parsers):
    mime = sniff_mime(parsers, b"\x00\x01\x02\x03 binary", "arsip.bin")
    assert mime == "application/octet-stream"
    assert choose_parser(parsers, mime, "arsip.bin") is None


def test_a_higher_scoring_parser_outbids_the_built_in(parsers):
    class FastPdf:
        name: ClassVar[str] = "fast-pdf"
        version: ClassVar[str] = "1"
        mime_types: ClassVar[tuple[str, ...]] = ("application/pdf",)

        @classmethod
        def sniff(cls, head, filename):
            return None

        @classmethod
        def score(cls, mime_type, filename):
            return 50

    assert choose_parser([*parsers, FastPdf], "application/pdf", "a.pdf") is FastPdf
    assert choose_parser(parsers, "application/pdf", "a.pdf").name == "pdf"


def test_entry_points_load_the_built_in_parsers():
    host = make_plugin_manager()
    names = set(host.parsers())
    assert set(BUILT_IN) <= names
    errors = {info.name: info.error for info in host.plugin_infos() if info.name in BUILT_IN and info.error}
    assert errors == {}
