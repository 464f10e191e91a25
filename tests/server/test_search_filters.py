"""The drive search page's filters on the server (area, question, file type, year), on a real PostgreSQL:
UPT-A's real drives of 2025 and 2026 (PDF and DOCX in two LKE areas) are indexed, pushed by the CLI and
imported; the server's hits are compared with the drive's own search on the same drive, each hit links
to its own year, and a filter value the server cannot use is said in words, escaped."""

from __future__ import annotations

import hashlib
import re
from datetime import date

import pytest

from zi_evidence.review.model import Role, User

SOP = "AREA II/i. Prosedur Operasional Tetap (SOP) Kegiatan Utama/2.i.a SOP Layanan Zona Integritas.docx"
SK = "AREA I/i. Penyusunan Tim Kerja/1.i.a SK Tim Kerja ZI.pdf"
NOTULEN = "AREA I/i. Penyusunan Tim Kerja/1.i.a Notulen Rapat Tim.pdf"
CONFIG = "schema_version: 1\nruleset: permenkumham-29-2019\nunit:\n  name: UPT-A\n  institution: Kementerian Uji\n"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
ALL = User("tari", "Tari", True, (Role("verifikator", "*", "tpi"),))
LINK = re.compile(r'class="hit-link" href="([^"#]+)#')


def _sha(root, rel: str) -> str:
    return hashlib.sha256((root / rel).read_bytes()).hexdigest()


@pytest.fixture
def drives(tmp_path, fabricate, indexed_repo, run_cli, org, blob_store):
    """UPT-A's drives of 2025 (an SK alone, words of that year) and 2026 (SK and notulen as PDF in area I,
    an SOP as DOCX in area II), each pushed to a zip by the CLI and imported."""
    from zi_evidence.server.service import Ingest

    made = {}
    for year in (2025, 2026):
        root = tmp_path / f"UPT-A-{year}"
        root.mkdir()
        (root / "zi-evidence.yaml").write_text(CONFIG + f"year: {year}\ntarget: WBK\n", encoding="utf-8")
        (root / SK).parent.mkdir(parents=True)
        if year == 2025:
            fabricate.make_pdf(root / SK, ["Keputusan tim kerja zona integritas tahun lalu, arsip lama"])
        else:
            fabricate.make_pdf(root / SK, ["Keputusan tim kerja pembangunan zona integritas"])
            fabricate.make_pdf(root / NOTULEN, ["Notulen rapat tim kerja zona integritas"])
            (root / SOP).parent.mkdir(parents=True)
            fabricate.make_docx(root / SOP, ["Prosedur layanan zona integritas bagi pengunjung"])
        indexed_repo(root)
        archive = tmp_path / f"UPT-A-{year}.zip"
        result = run_cli("push", "--to", archive, "-C", root)
        assert result.exit_code == 0, result.output
        Ingest(org, blob_store).import_zip(archive, "UPT-A")
        made[year] = root
    return made


def _server(org, query, **filters):
    from zi_evidence.server.views import search_view

    with org.engine.connect() as connection:
        return search_view(connection, ALL, {"q": query, **filters}, {}, date(2026, 6, 1))["hits"]


def _drive(root, query, **filters):
    from zi_evidence.repository import Repository
    from zi_evidence.search.query import search

    return {h.path for h in search(Repository.open(root), query, filters, 50).hits}


@pytest.mark.parametrize(
    "filters",
    [{}, {"area": "1"}, {"area": "2"}, {"kind": "pdf"}, {"kind": "docx"}, {"area": "2", "kind": "pdf"},
     {"area": "1", "kind": "pdf", "question": "A.1.1.a"}, {"kind": "xlsx"}],
)  # fmt: skip
def test_area_type_and_question_narrow_the_hits_as_on_the_drive(org, drives, filters):
    on_drive = _drive(drives[2026], '"zona integritas"', **filters)
    on_server = {f["path"] for h in _server(org, '"zona integritas"', year="2026", **filters) for f in h["files"]}
    assert on_server == on_drive
    everything = {SK, NOTULEN, SOP}
    expected = {
        "area": {"1": {SK, NOTULEN}, "2": {SOP}},
        "kind": {"pdf": {SK, NOTULEN}, "docx": {SOP}, "xlsx": set()},
        "question": {"A.1.1.a": {SK, NOTULEN}},
    }
    for name, value in filters.items():
        everything &= expected[name][value]
    assert on_server == everything  # the filters say exactly which of the three files match


def test_a_hit_links_to_its_own_year_without_a_year_filter(org, drives, accounts_on, blob_store):
    from starlette.testclient import TestClient

    from zi_evidence.server.app import create_server_app

    client = TestClient(create_server_app(org, blob_store))
    form = client.get("/masuk")
    token = CSRF.search(form.text[form.text.index('id="login-form"') :]).group(1)
    client.post("/masuk", data={"csrf": token, "nama": "kiki", "sandi": accounts_on["kiki"], "lanjut": "/"})
    old, new = _sha(drives[2025], SK), _sha(drives[2026], SK)
    page = client.get("/cari", params={"q": '"tahun lalu"'})
    assert LINK.findall(page.text) == [f"/unit/UPT-A/2025/berkas/{old}"]
    assert "UPT-A 2025: " + SK in page.text
    assert client.get(LINK.findall(page.text)[0]).status_code == 200  # the 2025 page holds that file
    both = set(LINK.findall(client.get("/cari", params={"q": '"tim kerja"'}).text))
    assert {f"/unit/UPT-A/2025/berkas/{old}", f"/unit/UPT-A/2026/berkas/{new}"} <= both
    assert [(h["unit"], h["year"]) for h in _server(org, '"tahun lalu"')] == [("UPT-A", 2025)]
    pdf_only = client.get("/cari", params={"q": '"zona integritas"', "kind": "docx", "area": "2"})
    assert LINK.findall(pdf_only.text) == [f"/unit/UPT-A/2026/berkas/{_sha(drives[2026], SOP)}"]
    assert "docx · unit UPT-A 2026" in pdf_only.text and 'name="kind" value="docx"' in pdf_only.text

    hostile = client.get("/cari", params={"q": "zona", "area": "<script>alert(1)</script>"})
    assert hostile.status_code == 200 and "<script>alert(1)" not in hostile.text
    assert "Area &#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39; tidak ada" in hostile.text
    assert "Pilih salah satu: 1, 2, 3, 4, 5, 6." in hostile.text and 'class="hit-link"' not in hostile.text
    twin = client.get("/api/search", params={"q": "zona", "area": "7"})
    assert twin.status_code == 400 and "Area '7' tidak ada" in twin.json()["error"]["message"]
    kind = client.get("/api/search", params={"q": "zona", "kind": "x'; DROP TABLE pages; --"})
    assert kind.status_code == 400 and "tidak dikenal" in kind.json()["error"]["message"]
    sk = client.get("/api/search", params={"q": "zona", "kind": "sk"}).json()["error"]["message"]
    assert sk.startswith("Jenis berkas 'sk' (jenis dokumen atau hasil OCR) belum dapat disaring di server")
    assert client.get("/api/search", params={"q": "zona", "year": "dua"}).status_code == 400


@pytest.fixture
def typed(org, blob_store):
    """Snapshots whose files have the given (path, mime) and one page each, pushed as UPT-B 2026."""
    from zi_evidence.server import ingest
    from zi_evidence.server.org import unit_id
    from zi_evidence.server.snapshot import ManifestEntry, Snapshot

    files = {
        "foto.png": "image/png", "pindai.jpg": "image/jpeg", "laporan.pdf": "application/pdf",
        "catatan.txt": "text/plain", "rekap.abc": "application/x-tak-dikenal", "lain.pdf.bak": "application/x-bak",
    }  # fmt: skip
    entries, texts = [], {}
    with org.engine.begin() as db:
        for path, mime in files.items():
            body = f"laporan pengaduan masyarakat dalam {path}".encode()
            sha = hashlib.sha256(body).hexdigest()
            ingest.receive(db, blob_store, sha, [body])
            entries.append(ManifestEntry(path, sha, len(body), mime, "A.1.1.a", "question", "text", "1"))
            texts[sha] = (body.decode(),)
        summary = {"ruleset": "permenkumham-29-2019", "questions": 10, "supported": len(files)}
        snapshot = Snapshot("UPT-B", 2026, "permenkumham-29-2019", tuple(entries), texts, (), {}, (), summary)
        ingest.commit(db, unit_id(db, "UPT-B"), snapshot)
    return files


@pytest.mark.parametrize(
    ("kind", "paths"),
    [("image", {"foto.png", "pindai.jpg"}), ("jpg", {"pindai.jpg"}), ("pdf", {"laporan.pdf"}),
     ("txt", {"catatan.txt"}), ("abc", {"rekap.abc"}), ("PDF", {"laporan.pdf"}), ("docx", set())],
)  # fmt: skip
def test_a_type_is_the_format_the_drive_gives_the_file(org, typed, kind, paths):
    assert {f["path"] for h in _server(org, "pengaduan", kind=kind) for f in h["files"]} == paths


def test_filters_narrow_before_the_ranking_bound(org, typed, drives):
    """With room to rank one page only, a filter still finds its file: the files are narrowed in the
    query, not the ranked pages afterwards."""
    from sqlalchemy import text

    from zi_evidence.server.search_filters import file_type
    from zi_evidence_pgsearch import PgSearchBackend

    with org.engine.connect() as connection:
        ids = list(connection.execute(text("SELECT id FROM units")).scalars())
        found = PgSearchBackend.server_search(
            connection, "laporan OR zona", ids, None, None, 10, candidates=1, file_type=file_type("docx", set())
        )
        assert [h["path"] for h in found.hits] == [SOP] and not found.capped
        area = PgSearchBackend.server_search(connection, "zona", ids, None, None, 10, candidates=1,
                                             questions=("A.2.1.a",))  # fmt: skip
        assert [h["path"] for h in area.hits] == [SOP]
