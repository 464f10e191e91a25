"""A unit's Laporan on the server, on a real PostgreSQL: a copy of sample_repo (answers, findings, hasil,
suggestions) is indexed, pushed by the CLI as a zip and imported; the server's downloads, built from that
snapshot, are compared with what ``zi-evidence report`` writes on the drive for the same date."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

#: what differs only because a file written by ``report -o`` links each evidence file beside it,
#: while a download (drive app or server) has no folder to link from: the link, unwrapped
MD_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\([^)\s]*\)")
HTML_LINK = re.compile(r'<a href="[^"]*" title="([^"]*)">[^<]*</a>')
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture
def sample_unit(tmp_path, sample_copy, push_drive):
    """UPT-A with sample_repo as its 2026 drive, pushed."""
    root = sample_copy(tmp_path / "sample")
    push_drive("UPT-A", root)
    return root


@pytest.fixture
def two_years(push_drive, unit_drive):
    """UPT-A's small Kemenkumham drives of 2025 and 2026, both pushed (the latest: 2026)."""
    push_drive("UPT-A", unit_drive("UPT-A", year=2025))
    root = unit_drive("UPT-A")
    push_drive("UPT-A", root)
    return root


@pytest.fixture
def reader(org, blob_store, accounts_on):
    from starlette.testclient import TestClient

    from zi_evidence.server.app import create_server_app

    def login(name: str) -> TestClient:
        client = TestClient(create_server_app(org, blob_store))
        form = client.get("/masuk")
        token = CSRF.search(form.text[form.text.index('id="login-form"') :]).group(1)
        done = client.post("/masuk", data={"csrf": token, "nama": name, "sandi": accounts_on[name], "lanjut": "/"})
        assert done.status_code == 200, done.text
        return client

    return login


def _drive_report(run_cli, root: Path, out: Path, fmt: str, today: str) -> bytes:
    done = run_cli("report", "-f", fmt, "-o", out, "--today", today, "-C", root, "-q")
    assert done.exit_code == 0, done.output
    return out.read_bytes()


def _cells(body: bytes) -> dict[str, list[tuple]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(body))
    return {ws.title: [tuple(c.value for c in row) for row in ws.iter_rows()] for ws in book.worksheets}


def test_the_servers_reports_equal_the_drives_own(sample_unit, reader, run_cli, tmp_path):
    kiki = reader("kiki")
    got = {}
    for fmt in ("json", "md", "html", "xlsx"):
        answer = kiki.get(f"/unit/UPT-A/laporan/{fmt}")
        assert answer.status_code == 200, answer.text
        suffix = {"md": ".md", "html": ".html", "json": ".json", "xlsx": ".xlsx"}[fmt]
        assert answer.headers["content-disposition"].startswith(
            f'attachment; filename="laporan-kesiapan-upt-a-2026{suffix}"'
        )
        assert "script-src 'self'" in answer.headers["content-security-policy"]  # the app's own
        got[fmt] = answer.content
    pushed = json.loads(got["json"])
    taken = pushed["today"]  # the date the unit's data was taken, as the snapshot carries it
    assert pushed["scores"] is not None and pushed["answers"]["status"] == "ok", "sample_repo has an answers file"
    assert pushed["findings"] and pushed["suggestions"], "the comparison covers findings and suggestions"

    out = tmp_path / "keluar"
    out.mkdir()
    drive = {fmt: _drive_report(run_cli, sample_unit, out / f"laporan.{fmt}", fmt, taken) for fmt in got}
    assert got["json"] == drive["json"]
    assert got["md"].decode() == MD_LINK.sub(r"\1", drive["md"].decode())
    assert got["html"].decode() == HTML_LINK.sub(r"\1", drive["html"].decode())
    assert _cells(got["xlsx"]) == _cells(drive["xlsx"])
    assert HTML_LINK.search(drive["html"].decode()), "the drive's file does link its evidence"


def test_the_laporan_page_and_beranda_offer_the_downloads_with_the_datas_date(two_years, reader):
    kiki = reader("kiki")
    page = kiki.get("/unit/UPT-A/laporan")
    assert page.status_code == 200
    for fmt in ("html", "md", "json", "xlsx"):
        assert f'href="/unit/UPT-A/laporan/{fmt}"' in page.text
    assert "bukan tanggal unduh" in page.text and "Data unit diambil pada" in page.text
    assert 'href="/unit/UPT-A/laporan" aria-current="page"' in page.text
    home = kiki.get("/unit/UPT-A/")
    assert 'id="laporan"' in home.text and 'href="/unit/UPT-A/laporan/xlsx"' in home.text
    twin = kiki.get("/api/unit/UPT-A/laporan").json()
    assert [f["name"] for f in twin["formats"]] == ["html", "json", "md", "xlsx"]
    assert twin["taken"] == kiki.get("/unit/UPT-A/laporan/json").json()["today"]
    assert kiki.post("/unit/UPT-A/laporan/json").status_code == 405


def test_a_past_year_gives_that_years_report(two_years, reader):
    kiki = reader("kiki")
    page = kiki.get("/unit/UPT-A/2025/laporan")
    assert 'href="/unit/UPT-A/2025/laporan/json"' in page.text
    old = kiki.get("/unit/UPT-A/2025/laporan/json")
    assert old.status_code == 200
    assert "laporan-kesiapan-upt-a-2025.json" in old.headers["content-disposition"]
    found = old.json()
    assert (found["year"], found["ruleset_id"], found["unit"]) == (2025, "permenkumham-29-2019", "UPT-A")
    latest = kiki.get("/unit/UPT-A/laporan/json").json()
    assert latest["year"] == 2026 and latest["files"] == found["files"] == 2
    assert kiki.get("/unit/UPT-A/laporan/json").content != old.content
    assert kiki.get("/unit/UPT-A/2024/laporan/json").status_code == 404


def test_a_reader_outside_the_units_subtree_is_refused(two_years, reader):
    jaja = reader("jaja")  # Kanwil Jabar: UPT-A sits under Kanwil Jatim
    for path in ("/unit/UPT-A/laporan", "/unit/UPT-A/laporan/json", "/unit/UPT-A/2025/laporan/xlsx"):
        refused = jaja.get(path)
        assert refused.status_code in (403, 404) and "content-disposition" not in refused.headers
        assert "schema_version" not in refused.text
    assert jaja.get("/api/unit/UPT-A/laporan").status_code == 403
    assert reader("esa").get("/unit/UPT-A/laporan/json").status_code == 200  # the Eselon I above it reads it


def test_an_unknown_format_is_a_clear_404(two_years, reader):
    kiki = reader("kiki")
    for name in ("pdf", "<img src=x onerror=alert(1)>"):
        missing = kiki.get("/unit/UPT-A/laporan/" + name)
        assert missing.status_code == 404
        assert "Format laporan" in missing.text and "tidak dikenal" in missing.text
        assert "Yang tersedia: html, json, md, xlsx." in missing.text
        assert "<img src=x" not in missing.text and "Traceback" not in missing.text


def test_an_old_snapshot_says_to_push_again(pushed, reader):
    pushed("UPT-B", {"AREA I/sk.txt": ("A.1.1.a", ["Keputusan tim kerja"])})  # no readiness: an older drive
    kiki = reader("kiki")
    page = kiki.get("/unit/UPT-B/laporan")
    assert page.status_code == 200 and "kirim ulang dengan &#39;zi-evidence push&#39;" in page.text
    assert "report-download" not in page.text
    download = kiki.get("/unit/UPT-B/laporan/html")
    assert download.status_code == 400 and "kirim ulang dengan" in download.text
    assert "content-disposition" not in download.headers and "Traceback" not in download.text


def test_older_snapshot_formats_are_still_accepted_and_a_broken_readiness_refused(two_years, tmp_path):
    from zi_evidence.errors import PushRefused
    from zi_evidence.repository import Repository
    from zi_evidence.server.collect import collect
    from zi_evidence.server.snapshot import from_json

    snapshot = collect(Repository.open(two_years))
    data = json.loads(snapshot.to_json())
    assert data["format"] == 3 and from_json(snapshot.to_json()).readiness == snapshot.readiness
    older = {k: v for k, v in data.items() if k != "readiness"}
    assert from_json(json.dumps({**older, "format": 2}).encode()).readiness == ""
    report = json.loads(data["readiness"])
    broken = {**data, "readiness": json.dumps({**report, "questions": "none"})}
    with pytest.raises(PushRefused, match="kesiapan.questions"):
        from_json(json.dumps(broken).encode())
    tomorrow = {**data, "readiness": json.dumps({**report, "today": "2099-01-01", "deadline": None})}
    assert from_json(json.dumps(tomorrow).encode()).digest == snapshot.digest
    assert from_json(json.dumps({**data, "unit_name": "UPT-Z"}).encode()).digest != snapshot.digest
