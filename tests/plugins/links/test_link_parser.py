"""Drive shortcuts and .url/.webloc files made here: recorded as links, with the finding that says so."""

import json
import plistlib

import pytest

from zi_evidence.parsing import LINK_TARGET, ParseFailure, ParseLimits, sniff_mime
from zi_evidence.plugins import make_plugin_manager
from zi_evidence.validation.findings import collect_findings
from zi_evidence_links import LinkParser

LIMITS = ParseLimits()
SHEET_ID = "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"
TEAM = "PEMENUHAN/AREA I - Manajemen Perubahan/i. Penyusunan Tim Kerja"
SURVEY = "PEMENUHAN/AREA VI - Peningkatan Kualitas Pelayanan Publik/iv. Penilaian Kepuasan terhadap Pelayanan"


def parse(path):
    return LinkParser().parse(path, LIMITS)


def test_a_drive_shortcut_with_only_an_id_points_at_the_drive(tmp_path, fabricate):
    path = fabricate.make_drive_shortcut(tmp_path / "Rekap Survei IKM.gsheet", SHEET_ID)
    parsers = list(make_plugin_manager().parsers().values())
    assert sniff_mime(parsers, path.read_bytes(), path.name) == "application/vnd.google-apps.spreadsheet"
    document = parse(path)
    assert document.metadata[LINK_TARGET] == f"https://drive.google.com/open?id={SHEET_ID}"
    assert document.pages == (f"Tautan (Google Drive): https://drive.google.com/open?id={SHEET_ID}",)


def test_an_older_shortcut_keeps_its_own_url(tmp_path, fabricate):
    url = f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/edit"
    path = fabricate.make_drive_shortcut(tmp_path / "rekap.gsheet", SHEET_ID, url)
    document = parse(path)
    assert document.metadata[LINK_TARGET] == url
    assert document.metadata["link_kind"] == "Google Spreadsheet"


def test_url_and_webloc_files(tmp_path, fabricate):
    url = fabricate.make_url_shortcut(tmp_path / "Formulir Pengaduan.url", "https://forms.example.go.id/pengaduan")
    assert LinkParser.sniff(url.read_bytes(), url.name) == "application/x-mswinurl"
    assert parse(url).metadata[LINK_TARGET] == "https://forms.example.go.id/pengaduan"
    webloc = tmp_path / "SP4N LAPOR.webloc"
    webloc.write_bytes(plistlib.dumps({"URL": "https://www.lapor.go.id/"}))
    assert LinkParser.sniff(webloc.read_bytes(), webloc.name) == "application/x-webloc"
    assert parse(webloc).metadata[LINK_TARGET] == "https://www.lapor.go.id/"
    binary = tmp_path / "biner.webloc"
    binary.write_bytes(plistlib.dumps({"URL": "https://www.lapor.go.id/"}, fmt=plistlib.FMT_BINARY))
    assert parse(binary).metadata[LINK_TARGET] == "https://www.lapor.go.id/"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("rusak.gsheet", b"{not json"),
        ("tanpa-id.gdoc", json.dumps({"email": "a@b.go.id"}).encode()),
        ("besar.gsheet", b"{" + b" " * (70 * 1024) + b"}"),
        ("dalam.gsheet", b"[" * 50_000 + b"]" * 50_000),
        ("skrip.url", b"[InternetShortcut]\r\nURL=javascript:alert(1)\r\n"),
        ("tanpa-url.url", b"[InternetShortcut]\r\nIconIndex=0\r\n"),
        ("rusak.webloc", b"<?xml version='1.0'?><plist><dict><key>URL"),
    ],
)
def test_broken_shortcuts_are_plain_problems(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ParseFailure) as caught:
        parse(path)
    assert caught.value.problem.code == "corrupt"


def test_a_link_is_found_by_search_and_reported_as_not_the_evidence(make_repo, fabricate, indexed_repo, run_cli):
    root = make_repo()
    fabricate.make_drive_shortcut(root / SURVEY / "Rekap Survei IKM.gsheet", SHEET_ID)
    fabricate.make_url_shortcut(root / SURVEY / "Formulir Pengaduan.url", "https://forms.example.go.id/pengaduan")
    repo = indexed_repo(root)
    found = json.loads(run_cli("search", "-C", root, "pengaduan", "--json").output)
    assert [h["path"].rsplit("/", 1)[-1] for h in found["hits"]] == ["Formulir Pengaduan.url"]
    assert found["hits"][0]["kind"] == "url"  # a type Python's table lacks is named by its extension
    links = [f for f in collect_findings(repo) if f.code == "evidence_is_link"]
    assert sorted(f.path.rsplit("/", 1)[-1] for f in links) == ["Formulir Pengaduan.url", "Rekap Survei IKM.gsheet"]
    assert all(f.question and f.severity == "warning" for f in links)
    assert SHEET_ID in next(f.message for f in links if f.path.endswith(".gsheet"))
    assert not [f for f in collect_findings(repo) if f.code == "tiny_file"]


def test_a_webloc_with_an_entity_bomb_is_refused_unexpanded(tmp_path):
    path = tmp_path / "bom.webloc"
    entities = "".join(f'<!ENTITY e{n} "&e{n - 1};&e{n - 1};">' for n in range(1, 30))
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE plist [<!ENTITY e0 "x">{entities}]>'
        "<plist><dict><key>URL</key><string>&e29;</string></dict></plist>"
    )
    with pytest.raises(ParseFailure) as caught:
        parse(path)
    assert caught.value.problem.code == "corrupt"


def test_a_question_with_only_a_shortcut_is_not_supported(make_repo, fabricate, pdf, indexed_repo):
    from zi_evidence.validation.findings import build_context, supported_questions

    root = make_repo()
    fabricate.make_drive_shortcut(root / TEAM / "1.i.a SK Tim Kerja ZI.gdoc", SHEET_ID)
    repo = indexed_repo(root)
    findings = collect_findings(repo)
    question = "A.I.1.i.a"
    gap = [f for f in findings if f.question == question and f.code == "no_usable_evidence"]
    assert len(gap) == 1 and "hanya berupa tautan" in gap[0].message and "SK Tim Kerja ZI.gdoc" in gap[0].message
    assert question not in supported_questions(findings, build_context(repo))

    pdf(
        root,
        f"{TEAM}/1.i.a SK Tim Kerja ZI.pdf",
        "KEPUTUSAN KEPALA NOMOR 1 TAHUN 2026\nDitetapkan di Jakarta pada tanggal 5 Januari 2026",
    )
    repo = indexed_repo(root)
    findings = collect_findings(repo)
    assert not [f for f in findings if f.question == question and f.code == "no_usable_evidence"]
    assert question in supported_questions(findings, build_context(repo)), "the document itself counts"
