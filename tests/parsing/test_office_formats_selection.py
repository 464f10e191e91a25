"""The office and text formats reach their own parser by content, whatever the name and the plugin order,
and the entry points load them all."""

import shutil
from pathlib import Path

import pytest

from zi_evidence.parsing import choose_parser, sniff_mime
from zi_evidence.plugins import make_plugin_manager

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "office97"
NEW = ("pptx", "odf", "xls", "doc", "ppt", "rtf", "html", "mht", "eml")


@pytest.fixture(scope="module")
def parsers():
    return list(make_plugin_manager().parsers().values())


def head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(8192)


def test_entry_points_load_every_new_parser(switched_off_engines):
    host = make_plugin_manager()
    assert set(NEW) <= set(host.parsers())
    errors = {i.name: i.error for i in host.plugin_infos() if i.error}
    assert errors == dict.fromkeys(switched_off_engines, "dinonaktifkan")


@pytest.mark.parametrize("order", ["forward", "reversed"])
def test_each_file_goes_to_its_parser(tmp_path, fabricate, parsers, order):
    if order == "reversed":
        parsers = parsers[::-1]
    pptx = fabricate.make_pptx(tmp_path / "a.pptx", [("Judul", "Isi", "")])
    cases = {
        pptx: "pptx",
        Path(shutil.copyfile(pptx, tmp_path / "paparan-salah-nama.docx")): "pptx",
        fabricate.make_odf(tmp_path / "b.odt", "text", fabricate.odt_body([["isi"]])): "odf",
        fabricate.make_odf(tmp_path / "c.ods", "spreadsheet", fabricate.ods_body({"S": [[1]]})): "odf",
        fabricate.make_odf(tmp_path / "laporan-odt.docx", "text", fabricate.odt_body([["isi"]])): "odf",
        fabricate.make_rtf(tmp_path / "nota.rtf", [["isi"]]): "rtf",
        fabricate.make_rtf(tmp_path / "nota-rtf.doc", [["isi"]]): "rtf",  # Word's "save as RTF" keeps .doc
        fabricate.make_html(tmp_path / "berita.htm", "Berita", ["isi"]): "html",
        fabricate.make_html(tmp_path / "ekspor-html.xls", "Rekap", ["isi"]): "html",
        fabricate.make_mht(tmp_path / "arsip.mhtml", "Arsip", ["isi"]): "mht",
        fabricate.make_eml(tmp_path / "surat.eml", "Undangan", "a@example.go.id", "isi"): "eml",
        fabricate.make_docx(tmp_path / "notulen.docx", ["isi"]): "docx",
        fabricate.make_docx(tmp_path / "notulen-docx.odt", ["isi"]): "docx",
        fabricate.make_xlsx(tmp_path / "rekap-xlsx.ods", {"S": [[1]]}): "xlsx",
        fabricate.make_xlsx(tmp_path / "rekap.xlsx", {"S": [[1]]}): "xlsx",
    }
    for name, expected in (("rekap.xls", "xls"), ("sop.doc", "doc"), ("paparan.ppt", "ppt")):
        cases[Path(shutil.copyfile(SAMPLES / name, tmp_path / name))] = expected
    chosen = {}
    for path, expected in cases.items():
        parser = choose_parser(parsers, sniff_mime(parsers, head(path), path.name), path.name)
        chosen[path.name] = (parser.name if parser else None, expected)
    assert {name: got for name, (got, _) in chosen.items()} == {name: want for name, (_, want) in chosen.items()}


def test_plain_text_stays_with_the_text_parser(tmp_path, parsers):
    note = tmp_path / "catatan.txt"
    note.write_text("<html> bukan halaman web, hanya catatan")
    mime = sniff_mime(parsers, head(note), note.name)
    assert choose_parser(parsers, mime, note.name).name == "text"
