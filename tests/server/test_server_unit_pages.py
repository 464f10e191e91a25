"""A unit's Belum terpetakan and Masalah pages on the server, and choosing a pushed year, on a real
PostgreSQL: real drives (a file mapped nowhere whose name is HTML, a PDF that cannot be read) are indexed,
pushed by the CLI as zip archives and imported; a Kanwil verifier reads the pages and their JSON twins."""

from __future__ import annotations

import hashlib
import re

import pytest

HOSTILE = "Lain-lain/<img src=x onerror=alert(1)>.pdf"
BROKEN = "AREA I/i. Penyusunan Tim Kerja/1.i.a Rusak.pdf"
HOSTILE_BROKEN = "AREA I/i. Penyusunan Tim Kerja/1.i.a <b onmouseover=alert(2)>Rusak.pdf"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def _login(client, name: str, password: str) -> None:
    form = client.get("/masuk")
    token = CSRF.search(form.text[form.text.index('id="login-form"') :]).group(1)
    done = client.post("/masuk", data={"csrf": token, "nama": name, "sandi": password, "lanjut": "/"})
    assert done.status_code == 200, done.text


def _sha(root, rel: str) -> str:
    return hashlib.sha256((root / rel).read_bytes()).hexdigest()


@pytest.fixture
def upt_a(unit_drive, fabricate, indexed_repo, push_drive):
    """UPT-A's 2026 drive with a file mapped nowhere (its name is HTML) and a PDF that is not one; pushed."""
    root = unit_drive("UPT-A")
    fabricate.make_pdf(root / HOSTILE, ["Lampiran tanpa pertanyaan"])
    (root / BROKEN).write_bytes(b"bukan PDF sama sekali")
    (root / HOSTILE_BROKEN).write_bytes(b"juga bukan PDF")
    indexed_repo(root)
    push_drive("UPT-A", root)
    push_drive("UPT-C", unit_drive("UPT-C"))
    return root


@pytest.fixture
def kiki(org, blob_store, accounts_on):
    from starlette.testclient import TestClient

    from zi_evidence.server.app import create_server_app

    client = TestClient(create_server_app(org, blob_store))
    _login(client, "kiki", accounts_on["kiki"])
    return client


def test_the_unmapped_page_lists_the_units_unmapped_files_without_suggestions(upt_a, kiki):
    from zi_evidence.repository import Repository
    from zi_evidence.web import filedata
    from zi_evidence.web.site import Site

    page = kiki.get("/unit/UPT-A/belum-terpetakan")
    assert page.status_code == 200
    sha = _sha(upt_a, HOSTILE)
    assert f'<tr data-file-id="{sha}">' in page.text
    assert f'href="/unit/UPT-A/berkas/{sha}"' in page.text
    assert HOSTILE.split("/")[1] not in page.text and "Lain-lain/&lt;img src=x onerror=alert(1)&gt;.pdf" in page.text
    assert 'id="saran"' not in page.text and "Terima saran" not in page.text
    assert 'href="/unit/UPT-A/belum-terpetakan" aria-current="page"' in page.text

    twin = kiki.get("/api/unit/UPT-A/belum-terpetakan").json()
    on_drive = filedata.unmapped(Site(Repository.open(upt_a)))
    assert [f["path"] for f in twin["files"]] == [f["path"] for f in on_drive["files"]]
    assert HOSTILE in [f["path"] for f in twin["files"]] and "suggestions" not in twin
    assert {f["path"]: f["id"] for f in twin["files"]}[HOSTILE] == sha
    strip = ("id",)
    assert [{k: v for k, v in f.items() if k not in strip} for f in twin["files"]] == [
        {k: v for k, v in f.items() if k not in strip} for f in on_drive["files"]
    ]
    assert kiki.get(f"/unit/UPT-A/berkas/{sha}").status_code == 200  # the link leads to the file's page


def test_the_problems_page_lists_the_units_problems(upt_a, kiki):
    from zi_evidence.repository import Repository
    from zi_evidence.web import filedata
    from zi_evidence.web.site import Site

    page = kiki.get("/unit/UPT-A/masalah")
    assert page.status_code == 200
    sha = _sha(upt_a, BROKEN)
    row = re.search(rf'<tr data-file-id="{sha}" data-code="([^"]+)">(.*?)</tr>', page.text, re.S)
    assert row and f'href="/unit/UPT-A/berkas/{sha}"' in row.group(2) and "Rusak.pdf" in row.group(2)
    twin = kiki.get("/api/unit/UPT-A/masalah").json()
    on_drive = filedata.problems(Site(Repository.open(upt_a)))
    assert on_drive["problems"], "the broken PDF gives the drive a problem"
    assert [{k: v for k, v in p.items() if k != "file_id"} for p in twin["problems"]] == [
        {k: v for k, v in p.items() if k != "file_id"} for p in on_drive["problems"]
    ]
    assert {p["path"]: p["file_id"] for p in twin["problems"]}[BROKEN] == sha
    assert HOSTILE_BROKEN in [p["path"] for p in twin["problems"]]
    assert "<b onmouseover" not in page.text and "1.i.a &lt;b onmouseover=alert(2)&gt;Rusak.pdf" in page.text
    assert twin["skipped"] == on_drive["skipped"]
    home = kiki.get("/unit/UPT-A/")
    assert 'href="/unit/UPT-A/masalah"' in home.text and 'href="/unit/UPT-A/belum-terpetakan"' in home.text


def test_the_new_pages_refuse_a_unit_out_of_reach(upt_a, kiki, org, blob_store):
    from starlette.testclient import TestClient

    from zi_evidence.server.app import create_server_app

    for path in ("/unit/UPT-C/belum-terpetakan", "/unit/UPT-C/masalah"):
        refused = kiki.get(path)
        assert refused.status_code == 403 and "di luar wewenang" in refused.text
        assert kiki.get("/api" + path).status_code == 403
    anonymous = TestClient(create_server_app(org, blob_store))
    assert anonymous.get("/api/unit/UPT-A/masalah").status_code == 401
    assert anonymous.get("/unit/UPT-A/masalah", follow_redirects=False).status_code == 303


def test_a_snapshot_without_these_pages_says_so(pushed, kiki):
    pushed("UPT-B", {"AREA I/sk.txt": ("A.1.1.a", ["Keputusan tim kerja"])})  # no page data at all
    for path in ("/unit/UPT-B/belum-terpetakan", "/unit/UPT-B/masalah"):
        page = kiki.get(path)
        assert page.status_code == 400 and "tidak membawa data halaman" in page.text and "Traceback" not in page.text


Q = "A.1.1.a"
SK = "AREA I/i. Penyusunan Tim Kerja/1.i.a SK Tim Kerja ZI.pdf"


@pytest.fixture
def two_years(unit_drive, push_drive, run_cli):
    """UPT-A pushed 2025 and then 2026 (its team submitted Q that year); returns the two drives."""
    old = unit_drive("UPT-A", sk=["KEPUTUSAN KEPALA UPT-A TAHUN LALU tentang Tim Kerja Zona Integritas"], year=2025)
    push_drive("UPT-A", old)
    new = unit_drive("UPT-A")
    secret = "sandi-ani-12345\n"
    added = run_cli("users", "add", "ani", "--role", "tim_unit", "--password-stdin", "-C", new, input=secret)
    assert added.exit_code == 0, added.output
    sent = run_cli("review", "submit", Q, "--jawaban", "ya", "--user", "ani", "--password-stdin", "-C", new,
                   input="sandi-ani-12345\n")  # fmt: skip
    assert sent.exit_code == 0, sent.output
    push_drive("UPT-A", new)
    return {2025: old, 2026: new}


def test_a_reviewer_picks_a_pushed_year_and_every_link_keeps_it(two_years, kiki, org):
    from zi_evidence.server.reviewing import review_service

    latest = kiki.get("/unit/UPT-A/lke")
    assert latest.status_code == 200 and "Lapas A (UPT-A) · tahun 2026" in latest.text
    menu = re.search(r'<nav id="years".*?</nav>', latest.text, re.S).group(0)
    assert re.findall(r'<a href="([^"]+)" data-year="(\d+)"( aria-current="page")?>', menu) == [
        ("/unit/UPT-A/lke", "2026", ' aria-current="page"'),
        ("/unit/UPT-A/2025/lke", "2025", ""),
    ]

    old = kiki.get("/unit/UPT-A/2025/lke")
    assert old.status_code == 200 and "Lapas A (UPT-A) · tahun 2025" in old.text
    assert f'href="/unit/UPT-A/2025/pertanyaan/{Q}"' in old.text
    assert 'href="/unit/UPT-A/2025/masalah"' in old.text and 'data-year="2025" aria-current="page"' in old.text
    page = kiki.get(f"/unit/UPT-A/2025/pertanyaan/{Q}")
    sk_2025, sk_2026 = _sha(two_years[2025], SK), _sha(two_years[2026], SK)
    assert f'href="/unit/UPT-A/2025/berkas/{sk_2025}"' in page.text and sk_2026 not in page.text
    opened = kiki.get(f"/unit/UPT-A/2025/berkas/{sk_2025}")
    assert opened.status_code == 200 and "TAHUN LALU" in opened.text
    assert f'href="/unit/UPT-A/2025/berkas/{sk_2025}/asli"' in opened.text
    assert kiki.get(f"/unit/UPT-A/2025/berkas/{sk_2025}/asli").content == (two_years[2025] / SK).read_bytes()
    assert kiki.get(f"/unit/UPT-A/2025/berkas/{sk_2026}").status_code == 404  # that content is 2026's
    assert "TAHUN LALU" not in kiki.get(f"/unit/UPT-A/berkas/{sk_2026}").text

    # a past year's chain is read-only: decisions are made on the latest year's evidence
    assert 'id="form-decide-kanwil"' not in page.text and "hanya untuk dibaca" in page.text
    current = kiki.get(f"/unit/UPT-A/pertanyaan/{Q}")
    token = CSRF.search(current.text[current.text.index('id="form-decide-kanwil"') :]).group(1)
    decision = {"csrf": token, "tingkat": "kanwil", "revisi": "0", "status": "diterima", "catatan": "sah"}
    refused = kiki.post(f"/unit/UPT-A/2025/pertanyaan/{Q}/putus", data=decision, follow_redirects=False)
    assert refused.status_code == 409 and "hanya untuk dibaca" in refused.text
    assert review_service(org, "UPT-A", 2026).chain(Q).tier("kanwil").review is None
    done = kiki.post(f"/unit/UPT-A/2026/pertanyaan/{Q}/putus", data=decision, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].startswith(f"/unit/UPT-A/2026/pertanyaan/{Q}?")
    assert review_service(org, "UPT-A", 2026).chain(Q).tier("kanwil").review.status == "diterima"

    found = kiki.get("/unit/UPT-A/2025/cari", params={"q": '"tim kerja"'})  # the picked year is searched
    links = set(re.findall(r'class="hit-link" href="([^"#]+)#', found.text))
    assert f"/unit/UPT-A/2025/berkas/{sk_2025}" in links and all(link.startswith("/unit/UPT-A/2025/") for link in links)
    assert 'name="year" value="2025"' in found.text
    anywhere = kiki.get("/cari", params={"q": '"tahun lalu"', "year": "2025"})
    assert set(re.findall(r'class="hit-link" href="([^"#]+)#', anywhere.text)) == {f"/unit/UPT-A/2025/berkas/{sk_2025}"}

    twin = kiki.get(f"/api/unit/UPT-A/2025/pertanyaan/{Q}").json()
    assert [f["id"] for f in twin["files"] if f["path"] == SK] == [sk_2025]


def test_a_year_never_pushed_gets_a_404_that_says_so(two_years, kiki):
    page = kiki.get("/unit/UPT-A/2024/")
    assert page.status_code == 404 and "Traceback" not in page.text
    assert "belum mengirim snapshot tahun 2024" in page.text and "2026, 2025" in page.text
    twin = kiki.get("/api/unit/UPT-A/2024/lke")
    assert twin.status_code == 404 and "tahun 2024" in twin.json()["error"]["message"]
    assert kiki.get("/unit/UPT-C/2025/").status_code == 403  # out of reach, whatever the year
    assert kiki.get("/unit/UPT-A/2025", follow_redirects=False).headers["location"] == "/unit/UPT-A/2025/"


def test_a_listed_file_missing_from_the_manifest_is_named_not_linked(pushed, kiki, org):
    """The server links only what the unit's manifest holds; a path the page data names beside it stays text."""
    import json

    from zi_evidence.server.org import unit_id
    from zi_evidence.server.tables import unit_views

    pushed("UPT-B", {"Lain-lain/ada.txt": (None, ["Berkas tanpa pertanyaan"])})
    row = {"path": "Lain-lain/hilang.txt", "mapping": "unmapped", "mapping_label": "belum terpetakan",
           "reason": "tidak cocok", "todo": "petakan", "id": None}  # fmt: skip
    listed = {"files": [{**row, "path": "Lain-lain/ada.txt"}, row]}
    with org.engine.begin() as db:
        db.execute(unit_views.insert().values(unit_id=unit_id(db, "UPT-B"), year=2026, name="unmapped",
                                              data=json.dumps(listed)))  # fmt: skip
    page = kiki.get("/unit/UPT-B/belum-terpetakan")
    assert page.status_code == 200 and "/berkas/None" not in page.text
    ada = hashlib.sha256(b"Berkas tanpa pertanyaan").hexdigest()
    assert f'href="/unit/UPT-B/berkas/{ada}">Lain-lain/ada.txt</a>' in page.text
    assert "<td>Lain-lain/hilang.txt</td>" in page.text
