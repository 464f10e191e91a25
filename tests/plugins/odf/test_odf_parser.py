"""The built-in OpenDocument parser over ODT/ODS/ODP packages written by hand, and hostile ones."""

import zipfile

import pytest

from zi_evidence.parsing import ParseFailure, ParseLimits
from zi_evidence_odf import ODP, ODS, ODT, OdfParser

LIMITS = ParseLimits()


def parse(path, limits=LIMITS):
    return OdfParser().parse(path, limits)


def failure(path, limits=LIMITS):
    with pytest.raises(ParseFailure) as caught:
        parse(path, limits)
    return caught.value.problem


def sniffed(path, name=None):
    with path.open("rb") as handle:
        return OdfParser.sniff(handle.read(8192), name or path.name)


def test_odt_pages_follow_soft_and_hard_page_breaks(tmp_path, fabricate):
    body = fabricate.odt_body([["LAPORAN UPG TRIWULAN I", "Penerimaan gratifikasi nihil"], ["Lampiran rekap"]])
    # a hard break: a paragraph whose automatic style starts a new page
    styles = (
        '<office:automatic-styles><style:style style:name="P9" style:family="paragraph">'
        '<style:paragraph-properties fo:break-before="page"/></style:style></office:automatic-styles>'
    )
    body = body.replace("</office:text>", '<text:p text:style-name="P9">Halaman <text:s text:c="2"/>tiga</text:p>'
                        "</office:text>")  # fmt: skip
    path = fabricate.make_odf(tmp_path / "laporan.odt", "text", body, title="Laporan UPG", author="UPG")
    content = zipfile.ZipFile(path).read("content.xml").decode().replace("<office:body>", styles + "<office:body>")
    path = fabricate.make_odf(tmp_path / "laporan.odt", "text", "", "Laporan UPG", "UPG", content=content)
    assert sniffed(path, "laporan-tanpa-ekstensi") == ODT  # the mimetype member decides, not the name
    document = parse(path)
    assert document.pages == (
        "LAPORAN UPG TRIWULAN I\nPenerimaan gratifikasi nihil",
        "Lampiran rekap",
        "Halaman   tiga",
    )
    assert document.metadata["title"] == "Laporan UPG" and document.metadata["author"] == "UPG"
    assert document.metadata["created"] == "2026-01-15T09:00:00"
    assert document.problems == ()


def test_ods_sheet_per_page_with_repeated_cells_bounded(tmp_path, fabricate):
    body = fabricate.ods_body({"Rekap": [["No", "Saluran"], [1, "SP4N LAPOR"]], "Kosong": []})
    # what Calc writes after the data: a million repeated empty rows and columns, none of which is read
    filler = (
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
        'table:number-columns-repeated="16384"/></table:table-row>'
    )
    body = body.replace("</table:table>", filler + "</table:table>", 1)
    path = fabricate.make_odf(tmp_path / "rekap.ods", "spreadsheet", body)
    assert sniffed(path) == ODS
    document = parse(path)
    assert document.pages == ("Rekap\nNo\tSaluran\n1\tSP4N LAPOR", "Kosong")
    assert document.page_count == 2


def test_odp_slide_per_page_with_notes(tmp_path, fabricate):
    body = fabricate.odp_body([("Sosialisasi Zona Integritas", "Catatan pembicara"), ("Komitmen bersama", "")])
    path = fabricate.make_odf(tmp_path / "paparan.odp", "presentation", body)
    assert sniffed(path) == ODP
    assert parse(path).pages == ("Sosialisasi Zona Integritas\nCatatan pembicara", "Komitmen bersama")


def test_encrypted_document_is_reported(tmp_path, fabricate):
    path = fabricate.make_odf(tmp_path / "rahasia.odt", "text", "", encrypted=True, content="\x8f\x02 terenkripsi")
    problem = failure(path)
    assert problem.code == "encrypted" and "kata sandi" in problem.message


def test_entities_are_never_expanded_nor_fetched(tmp_path, fabricate):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "hahahahahahahahahaha">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        '<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        "<text:p>awal &c; &x; akhir</text:p></office:text></office:body></office:document-content>"
    )
    path = fabricate.make_odf(tmp_path / "jebakan.odt", "text", "", content=laughs)
    document = parse(path)
    assert "haha" not in document.pages[0] and "root:" not in document.pages[0]
    assert "awal" in document.pages[0]


def test_bomb_broken_xml_and_missing_content(tmp_path, fabricate):
    body = fabricate.odt_body([["isi"]]).replace("isi", "0" * (50 * 1024 * 1024))
    bomb = fabricate.make_odf(tmp_path / "bom.odt", "text", body)
    assert bomb.stat().st_size < 1024 * 1024
    assert failure(bomb, ParseLimits(inflated_mb=10)).code == "zip_bomb"
    broken = fabricate.make_odf(tmp_path / "rusak.odt", "text", "", content="<office:document-content><tidak")
    problem = failure(broken)
    assert problem.code == "corrupt" and "OpenDocument" in problem.message
    hollow = tmp_path / "kosong.ods"
    with zipfile.ZipFile(hollow, "w") as archive:
        archive.writestr("mimetype", ODS)
    assert sniffed(hollow) == ODS
    assert failure(hollow).code == "corrupt"
    cut = tmp_path / "potong.odp"
    cut.write_bytes(fabricate.make_odf(tmp_path / "utuh.odp", "presentation", "").read_bytes()[:200])
    assert failure(cut).code == "corrupt"
