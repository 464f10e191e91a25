"""Every office and text format is routed to its parser by content and found by ``search`` on the right
page or slide: real files, the real pipeline, a real SQLite catalog and Whoosh index."""

import json
import os
import shutil
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "office97"
AREA = "PEMENUHAN/AREA I - Manajemen Perubahan"


@pytest.fixture(scope="module")
def drive(tmp_path_factory, new_repo, fabricate):
    root = new_repo(tmp_path_factory.mktemp("format") / "drive")
    folder = root / AREA / "iv. Perubahan Pola Pikir dan Budaya Kerja"
    fabricate.make_pptx(
        folder / "Paparan Budaya Kerja.pptx",
        [("Pembukaan", "Nilai dasar ASN", ""), ("Contoh", "Pelayanan ramah", "catatan tentang cendrawasih")],
    )
    fabricate.make_odf(
        folder / "Laporan UPG.odt", "text", fabricate.odt_body([["Laporan UPG"], ["Gratifikasi merbabu ditolak"]])
    )
    fabricate.make_odf(
        folder / "Rekap.ods", "spreadsheet", fabricate.ods_body({"Awal": [["isi"]], "Rinci": [["rinjani", 4]]})
    )
    fabricate.make_odf(
        folder / "Paparan.odp", "presentation", fabricate.odp_body([("Satu", ""), ("Dua", ""), ("Semeru", "")])
    )
    fabricate.make_rtf(folder / "Nota Dinas.rtf", [["Nota dinas"], ["Perihal sinabung"]])
    fabricate.make_html(folder / "Berita.html", "Berita", ["Kunjungan bromo ke kantor"])
    fabricate.make_mht(folder / "Berita Tersimpan.mht", "Arsip", ["Penghargaan lawu diterima"])
    fabricate.make_eml(folder / "Undangan.eml", "Undangan rapat", "a@example.go.id", "Rapat membahas tambora")
    for name in ("rekap.xls", "sop.doc", "paparan.ppt"):
        shutil.copyfile(SAMPLES / name, folder / name)
    return root


@pytest.fixture(scope="module")
def indexed(drive):
    from click.testing import CliRunner

    from zi_evidence.cli import cli

    result = CliRunner().invoke(cli, ["index", str(drive), "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def search(drive, word):
    from click.testing import CliRunner

    from zi_evidence.cli import cli

    result = CliRunner().invoke(cli, ["search", "--repo", str(drive), "--json", word], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["hits"]


@pytest.mark.parametrize(
    ("word", "name", "page"),
    [
        ("cendrawasih", "Paparan Budaya Kerja.pptx", 2),  # the notes of slide 2
        ("merbabu", "Laporan UPG.odt", 2),
        ("rinjani", "Rekap.ods", 2),
        ("semeru", "Paparan.odp", 3),
        ("sinabung", "Nota Dinas.rtf", 2),
        ("bromo", "Berita.html", 1),
        ("lawu", "Berita Tersimpan.mht", 1),
        ("tambora", "Undangan.eml", 1),
        ("diselesaikan", "rekap.xls", 2),
        ("pemohon", "sop.doc", 1),
        ("harmonis", "paparan.ppt", 2),
    ],
)
def test_a_word_of_each_format_is_found_on_its_page(drive, indexed, word, name, page):
    hits = search(drive, word)
    assert [Path(h["path"]).name for h in hits] == [name]
    assert [p["page"] for p in hits[0]["pages"]] == [page]


def test_every_file_was_parsed_by_its_own_parser(drive, indexed):
    from zi_evidence.repository import Repository

    assert indexed["parsed"] == 11
    repo = Repository.open(drive)
    parsers = {Path(os.fsdecode(r.path)).suffix: r.parser for r in repo.catalog().records()}
    assert parsers == {
        ".pptx": "pptx", ".odt": "odf", ".ods": "odf", ".odp": "odf", ".rtf": "rtf", ".html": "html",
        ".mht": "mht", ".eml": "eml", ".xls": "xls", ".doc": "doc", ".ppt": "ppt",
    }  # fmt: skip


def test_a_doc_without_readers_is_catalogued_then_read_once_one_is_installed(make_repo, monkeypatch, tmp_path):
    from click.testing import CliRunner

    from zi_evidence.cli import cli

    root = make_repo()
    (root / AREA).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SAMPLES / "sop.doc", root / AREA / "SOP Paspor.doc")
    bare = tmp_path / "tanpa-pembaca"
    bare.mkdir()
    with monkeypatch.context() as patch:
        patch.setenv("PATH", str(bare))  # no antiword, catdoc or LibreOffice on this "machine"
        result = CliRunner().invoke(cli, ["index", str(root), "--json"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert search(root, "pemohon") == []
        status = CliRunner().invoke(cli, ["status", "--repo", str(root), "--json"], catch_exceptions=False).output
        assert "reader_missing" in status and "apt-get install antiword" in status
    again = CliRunner().invoke(cli, ["index", str(root), "--json"], catch_exceptions=False)
    assert json.loads(again.output)["parsed"] == 1  # the readers' names are in the parser version: read anew
    assert [Path(h["path"]).name for h in search(root, "pemohon")] == ["SOP Paspor.doc"]
