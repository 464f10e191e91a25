"""Office 97–2003 files: XLS through xlrd, DOC and PPT through the installed readers, over committed
samples made with LibreOffice (tests/data/office97), and what happens when no reader is installed."""

import shutil
from pathlib import Path

import pytest

import zi_evidence_legacy
from zi_evidence.parsing import ParseFailure, ParseLimits
from zi_evidence_legacy import DOC_MIME, XLS_MIME, DocParser, PptParser, XlsParser

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "office97"


def head(path):
    with path.open("rb") as handle:
        return handle.read(8192)


def failure(parser, path):
    with pytest.raises(ParseFailure) as caught:
        parser().parse(path, ParseLimits())
    return caught.value.problem


def test_sniff_by_name_and_by_stream_names():
    for name, parser, mime in (("rekap.xls", XlsParser, XLS_MIME), ("sop.doc", DocParser, DOC_MIME)):
        path = SAMPLES / name
        assert parser.sniff(head(path), name) == mime
        assert parser.sniff(head(path), "tanpa-ekstensi") in (mime, None)
    assert DocParser.sniff(head(SAMPLES / "rekap.xls"), "rekap.xls") is None
    assert XlsParser.sniff(b"%PDF-1.7", "rekap.xls") is None


def test_xls_sheet_per_page():
    document = XlsParser().parse(SAMPLES / "rekap.xls", ParseLimits())
    assert document.page_count == 2
    assert document.pages[0].splitlines() == ["Rekap", "No\tSaluran\tJumlah", "1\tSP4N LAPOR\t12", "2\tKotak saran\t3"]
    assert document.pages[1].startswith("Tindak Lanjut\nStatus\tJumlah\nDiselesaikan\t15")
    assert document.problems == ()
    limited = XlsParser().parse(SAMPLES / "rekap.xls", ParseLimits(pages=1))
    assert limited.page_count == 2 and len(limited.pages) == 1
    assert [p.code for p in limited.problems] == ["page_limit"]


def test_doc_is_read_by_an_installed_reader():
    document = DocParser().parse(SAMPLES / "sop.doc", ParseLimits())
    assert "PENERBITAN PASPOR ELEKTRONIK" in document.pages[0]
    assert "mengembalikan PNBP sesuai ketentuan" in "\n".join(document.pages)
    assert document.metadata["reader"] in ("antiword", "catdoc", "soffice")
    assert document.problems == ()


def test_ppt_is_read_a_page_per_slide():
    document = PptParser().parse(SAMPLES / "paparan.ppt", ParseLimits())
    assert document.page_count == 2
    assert "Budaya Kerja BerAKHLAK" in document.pages[0] and "ajak peserta berdiskusi" in document.pages[0]
    assert "harmonis dan loyal" in document.pages[1]


def test_corrupt_and_encrypted_files(tmp_path):
    cut = tmp_path / "potong.xls"
    cut.write_bytes((SAMPLES / "rekap.xls").read_bytes()[:1500])
    assert failure(XlsParser, cut).code == "corrupt"
    garbage = tmp_path / "rusak.doc"
    garbage.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8)
    problem = failure(DocParser, garbage)
    assert problem.code == "unreadable_content" and "kata sandi" in problem.message
    deck = tmp_path / "rusak.ppt"
    deck.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    assert failure(PptParser, deck).code == "unreadable_content"
    empty = tmp_path / "kosong.xls"
    empty.write_bytes(b"")
    assert failure(XlsParser, empty).code == "empty"


def test_encrypted_xls_says_so(tmp_path):
    """A FILEPASS record right after the workbook's BOF is how Excel marks a password-protected file."""
    data = bytearray((SAMPLES / "rekap.xls").read_bytes())
    bof = data.find(b"\x09\x08\x10\x00")  # BIFF8 BOF record (type 0x0809, 16 bytes) of the workbook globals
    assert bof > 0
    following = bof + 4 + 16
    data[following : following + 2] = (0x2F).to_bytes(2, "little")  # the next record becomes FILEPASS
    path = tmp_path / "terkunci.xls"
    path.write_bytes(bytes(data))
    problem = failure(XlsParser, path)
    assert problem.code == "encrypted" and "kata sandi" in problem.message


def test_without_readers_doc_and_ppt_are_catalogued_not_read(tmp_path, monkeypatch):
    empty_path = tmp_path / "bin"
    empty_path.mkdir()
    monkeypatch.setenv("PATH", str(empty_path))  # a machine without antiword, catdoc, catppt or LibreOffice
    assert DocParser.version == "1/-" and PptParser.version == "1/-"
    document = DocParser().parse(SAMPLES / "sop.doc", ParseLimits())
    assert document.pages == () and document.page_count == 0
    (problem,) = document.problems
    assert problem.code == "reader_missing" and problem.severity == "warning"
    assert "antiword" in problem.hint and "apt-get install" in problem.hint
    status = zi_evidence_legacy.status()
    assert "DOC dan PPT hanya dicatat" in status and "antiword" in status


def test_status_names_the_readers_found():
    status = zi_evidence_legacy.status()
    found = [tool for tool in ("antiword", "catdoc", "catppt") if shutil.which(tool)]
    assert found, "install-system-deps installs antiword and catdoc"
    assert all(tool in status for tool in found)
    assert DocParser.version.startswith("1/") and DocParser.version != "1/-"


def fake_reader(folder, name, body):
    """A reader on PATH that misbehaves: the bounds must hold whatever the installed tool does."""
    folder.mkdir(exist_ok=True)
    script = folder / name
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)


def test_a_hanging_reader_is_killed_at_the_deadline(tmp_path, monkeypatch):
    fake_reader(tmp_path / "bin", "catdoc", "exec /bin/sleep 600")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    with pytest.raises(ParseFailure) as caught:
        DocParser().parse(SAMPLES / "sop.doc", ParseLimits(seconds=2))
    assert caught.value.problem.code == "unreadable_content" and "catdoc" in caught.value.problem.message


def test_a_runaway_reader_is_cut_at_the_text_limit(tmp_path, monkeypatch):
    fake_reader(tmp_path / "bin", "catppt", "exec /usr/bin/yes kata")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    document = PptParser().parse(SAMPLES / "paparan.ppt", ParseLimits(text_mb=1))
    assert "text_limit" in [p.code for p in document.problems]
    assert sum(len(page.encode()) for page in document.pages) <= 1024 * 1024
    assert document.pages[0].startswith("kata\nkata")


def test_the_plugins_command_reports_the_readers(run_cli):
    import json

    result = run_cli("plugins", "--json")
    assert result.exit_code == 0, result.output
    (legacy,) = [row for row in json.loads(result.output) if row["name"] == "legacy"]
    assert legacy["error"] is None and legacy["status"] == zi_evidence_legacy.status()
    assert "DOC dibaca dengan" in legacy["status"]


def test_the_legacy_readers_are_named_as_external_inputs_with_the_path_folders():
    """The parsers' versions follow which readers PATH holds: PATH and its folders, and each reader found."""
    import os
    import shutil

    inputs = zi_evidence_legacy.external_inputs()
    assert inputs.variables == ("PATH",)
    assert {folder for folder in os.environ["PATH"].split(os.pathsep) if folder} <= set(inputs.paths)
    found = [shutil.which(tool) for tool in ("antiword", "catdoc", "catppt")]
    assert found and all(os.path.realpath(path) in inputs.paths for path in found if path)
    assert any(found)  # the suite's system packages install the readers
