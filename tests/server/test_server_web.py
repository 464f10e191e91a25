"""The server's web pages on a real PostgreSQL: three units push their indexed drives (as zip archives,
imported like an air-gapped unit's); a Kanwil verifier logs in through the form, sees only its two UPTs,
opens a unit's question and a file (the pushed bytes, by range too), decides with the session's CSRF token
and sees the decision in the roll-up; a verifier of another Kanwil is refused; names are escaped."""

from __future__ import annotations

import re
from datetime import date

import pytest

Q = "A.1.1.a"
HOSTILE = "<img src=x onerror=alert(1)>.pdf"
HOSTILE_FOLDER = "AREA I/i. Penyusunan Tim Kerja"
SK = f"{HOSTILE_FOLDER}/1.i.a SK Tim Kerja ZI.pdf"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def _csrf(html: str, form_id: str) -> str:
    found = CSRF.search(html[html.index(f'id="{form_id}"') :])
    assert found, f"no CSRF field in {form_id}"
    return found.group(1)


def _login(client, name: str, password: str):
    form = client.get("/masuk")
    data = {"csrf": _csrf(form.text, "login-form"), "nama": name, "sandi": password, "lanjut": "/"}
    return client.post("/masuk", data=data, follow_redirects=False)


@pytest.fixture
def units_pushed(unit_drive, org, blob_store, run_cli, fabricate, indexed_repo, tmp_path):
    """UPT-A (with a file whose name is HTML, and its team's answer to Q submitted), UPT-B and UPT-C,
    each pushed to a zip archive by the CLI and imported; returns the drives' roots."""
    from zi_evidence.server.service import Ingest

    a = unit_drive("UPT-A")
    fabricate.make_pdf(a / HOSTILE_FOLDER / f"1.i.a {HOSTILE}", ["Lampiran SK Tim Kerja Zona Integritas"])
    indexed_repo(a)
    added = run_cli("users", "add", "ani", "--role", "tim_unit", "--password-stdin", "-C", a, input="sandi-ani-12345\n")
    assert added.exit_code == 0, added.output
    sent = run_cli(
        "review", "submit", Q, "--jawaban", "ya", "--user", "ani", "--password-stdin", "-C", a,
        input="sandi-ani-12345\n",
    )  # fmt: skip
    assert sent.exit_code == 0, sent.output
    roots = {"UPT-A": a, "UPT-B": unit_drive("UPT-B"), "UPT-C": unit_drive("UPT-C")}
    ingest = Ingest(org, blob_store)
    for code, root in roots.items():
        archive = tmp_path / f"{code}.zip"
        result = run_cli("push", "--to", archive, "-C", root)
        assert result.exit_code == 0, result.output
        ingest.import_zip(archive, code)
    return roots


@pytest.fixture
def web(org, blob_store):
    """A fresh browser-like client (its own cookies) over the server app, per call."""
    from starlette.testclient import TestClient

    from zi_evidence.server.app import create_server_app

    app = create_server_app(org, blob_store)
    return lambda: TestClient(app)


def _sha(root, rel: str) -> str:
    import hashlib

    return hashlib.sha256((root / rel).read_bytes()).hexdigest()


def test_a_kanwil_verifier_reviews_its_upt_through_the_pages(units_pushed, web, accounts_on):
    kiki = web()
    first = kiki.get("/unit/UPT-A/", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"].startswith("/masuk?lanjut=")
    assert _login(kiki, "kiki", accounts_on["kiki"]).status_code == 303

    units = kiki.get("/")
    assert units.status_code == 200
    assert sorted(re.findall(r'<tr data-unit="([^"]+)"', units.text)) == ["KW-JATIM", "UPT-A", "UPT-B"]
    assert 'href="/unit/UPT-A/"' in units.text and "/unit/UPT-C/" not in units.text

    home = kiki.get("/unit/UPT-A/")
    assert home.status_code == 200 and "Kesiapan penilaian Zona Integritas" in home.text
    assert 'href="/unit/UPT-A/lke?area=1"' in home.text
    lke = kiki.get("/unit/UPT-A/lke", params={"area": "1"})
    assert lke.status_code == 200 and f'href="/unit/UPT-A/pertanyaan/{Q}"' in lke.text

    sk = _sha(units_pushed["UPT-A"], SK)
    page = kiki.get(f"/unit/UPT-A/pertanyaan/{Q}")
    assert page.status_code == 200
    assert f'href="/unit/UPT-A/berkas/{sk}"' in page.text
    assert 'id="form-decide-kanwil"' in page.text and 'id="form-submit"' not in page.text

    opened = kiki.get(f"/unit/UPT-A/berkas/{sk}")
    assert opened.status_code == 200 and "KEPUTUSAN KEPALA UPT-A" in opened.text
    original = kiki.get(f"/unit/UPT-A/berkas/{sk}/asli")
    body = (units_pushed["UPT-A"] / SK).read_bytes()
    assert original.status_code == 200 and original.content == body
    assert original.headers["content-type"] == "application/pdf"
    part = kiki.get(f"/unit/UPT-A/berkas/{sk}/asli", headers={"Range": "bytes=10-19"})
    assert part.status_code == 206 and part.content == body[10:20]
    assert part.headers["content-range"] == f"bytes 10-19/{len(body)}"
    tail = kiki.get(f"/unit/UPT-A/berkas/{sk}/asli", headers={"Range": "bytes=-5"})
    assert tail.status_code == 206 and tail.content == body[-5:]
    past = kiki.get(f"/unit/UPT-A/berkas/{sk}/asli", headers={"Range": f"bytes={len(body)}-"})
    assert past.status_code == 416 and past.headers["content-range"] == f"bytes */{len(body)}"
    assert kiki.get(f"/unit/UPT-A/berkas/{'0' * 64}/asli").status_code == 404
    # UPT-B holds a file of its own; asked for under UPT-A, it is not served
    notulen_b = _sha(units_pushed["UPT-B"], f"{HOSTILE_FOLDER}/1.i.a Notulen Rapat Tim.pdf")
    assert kiki.get(f"/unit/UPT-A/berkas/{notulen_b}/asli").status_code == 404

    decision = {"tingkat": "kanwil", "revisi": "0", "status": "diterima", "catatan": "lengkap"}
    forged = kiki.post(f"/unit/UPT-A/pertanyaan/{Q}/putus", data=decision, follow_redirects=False)
    assert forged.status_code == 403 and "token keamanan" in forged.text
    token = _csrf(page.text, "form-decide-kanwil")
    done = kiki.post(f"/unit/UPT-A/pertanyaan/{Q}/putus", data={**decision, "csrf": token}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].startswith(f"/unit/UPT-A/pertanyaan/{Q}?selesai=putus")
    after = kiki.get(done.headers["location"])
    assert 'data-action="decide"' in after.text and "lengkap" in after.text
    pushed_row = re.search(r'<tr data-seq="\d+" data-action="push">(.*?)</tr>', after.text, re.S)
    assert pushed_row and "dikirim dari komputer unit" in pushed_row.group(1)

    row = re.search(r'<tr data-unit="UPT-A">(.*?)</tr>', kiki.get("/").text, re.S)
    assert row and '<span class="tier" data-tier="kanwil">' in row.group(1)
    assert '<span data-status="diterima">diterima 1</span>' in row.group(1)
    sent_on = re.search(r"<td>(\d{1,2} \w+ \d{4} \d\d\.\d\d UTC)</td>", row.group(1))
    assert sent_on, row.group(1)  # when the unit pushed, as people write it, not an ISO stamp

    assert kiki.get("/unit/UPT-C/").status_code == 403  # another Kanwil's UPT


def test_a_verifier_of_another_kanwil_is_refused(units_pushed, web, accounts_on, org):
    from zi_evidence.server.reviewing import review_service

    jaja = web()
    assert _login(jaja, "jaja", accounts_on["jaja"]).status_code == 303
    assert jaja.get(f"/unit/UPT-A/pertanyaan/{Q}").status_code == 403
    page = jaja.get("/unit/UPT-C/pertanyaan/" + Q)
    assert page.status_code == 200
    token = CSRF.search(page.text).group(1)  # a real token of jaja's session, used on UPT-A
    decision = {"csrf": token, "tingkat": "kanwil", "revisi": "0", "status": "diterima"}
    refused = jaja.post(f"/unit/UPT-A/pertanyaan/{Q}/putus", data=decision, follow_redirects=False)
    assert refused.status_code == 403
    assert review_service(org, "UPT-A", 2026).chain(Q).tier("kanwil").review is None


def test_names_from_a_unit_are_escaped(units_pushed, web, accounts_on):
    client = web()
    _login(client, "kiki", accounts_on["kiki"])
    page = client.get(f"/unit/UPT-A/pertanyaan/{Q}")
    assert HOSTILE not in page.text and "&lt;img src=x onerror=alert(1)&gt;.pdf" in page.text
    sha = _sha(units_pushed["UPT-A"], f"{HOSTILE_FOLDER}/1.i.a {HOSTILE}")
    opened = client.get(f"/unit/UPT-A/berkas/{sha}")
    assert opened.status_code == 200 and HOSTILE not in opened.text and "&lt;img src=x" in opened.text
    original = client.get(f"/unit/UPT-A/berkas/{sha}/asli")
    assert original.content == (units_pushed["UPT-A"] / HOSTILE_FOLDER / f"1.i.a {HOSTILE}").read_bytes()
    assert "<" not in original.headers["content-disposition"].split("filename*=")[0]


def test_an_api_client_trades_its_password_for_a_session_token(units_pushed, web, accounts_on, org):
    client = web()
    answer = client.post("/api/sesi", auth=("kiki", accounts_on["kiki"]))
    assert answer.status_code == 200
    token = answer.json()["token"]
    with org.reviews.transaction() as session:
        logins = sum(1 for e in session.events() if e.action == "login" and e.actor == "kiki")
    for _ in range(3):
        units = client.get("/api/units", headers={"Authorization": f"Bearer {token}"})
        assert units.status_code == 200
    assert sorted(u["code"] for u in units.json()["units"]) == ["KW-JATIM", "UPT-A", "UPT-B"]
    with org.reviews.transaction() as session:
        assert sum(1 for e in session.events() if e.action == "login" and e.actor == "kiki") == logins
    bad = client.get("/api/units", headers={"Authorization": "Bearer bukan-token"})
    assert bad.status_code == 401


def test_search_covers_the_units_the_user_reaches(units_pushed, web, accounts_on):
    client = web()
    _login(client, "kiki", accounts_on["kiki"])
    found = client.get("/cari", params={"q": '"zona integritas"'})
    assert found.status_code == 200
    links = set(re.findall(r'class="hit-link" href="(/unit/[^/]+/\d+)/berkas/[0-9a-f]{64}#halaman-\d+"', found.text))
    assert links == {"/unit/UPT-A/2026", "/unit/UPT-B/2026"}  # UPT-C filed the same words, outside kiki's reach
    one = client.get("/unit/UPT-B/cari", params={"q": '"zona integritas"'})
    assert set(re.findall(r'href="(/unit/[^/]+)/\d+/berkas/', one.text)) == {"/unit/UPT-B"}
    assert "<mark>" in found.text
    matched = re.search(r'id="matched">(\d+) halaman cocok', found.text)
    assert matched and int(matched.group(1)) >= len(re.findall(r'class="hit-link"', found.text))
    by_kind = client.get("/cari", params={"q": '"zona integritas"', "kind": "pdf"})
    assert 'class="hit-link"' in by_kind.text and 'id="search-error"' not in by_kind.text
    assert 'class="hit-link"' not in client.get("/cari", params={"q": '"zona integritas"', "kind": "xlsx"}).text


def test_a_send_back_needs_a_note_and_returns_the_question_to_the_unit(units_pushed, web, accounts_on, org):
    from zi_evidence.server.reviewing import review_service

    kiki = web()
    _login(kiki, "kiki", accounts_on["kiki"])
    page = kiki.get(f"/unit/UPT-A/pertanyaan/{Q}")
    back = {"csrf": _csrf(page.text, "form-decide-kanwil"), "tingkat": "kanwil", "revisi": "0"}
    bare = kiki.post(f"/unit/UPT-A/pertanyaan/{Q}/putus", data={**back, "status": "perlu_perbaikan"})
    assert bare.status_code == 409 and "perlu catatan" in bare.text
    assert review_service(org, "UPT-A", 2026).chain(Q).tier("kanwil").review is None

    note = {**back, "status": "perlu_perbaikan", "catatan": "SK belum ditandatangani"}
    sent = kiki.post(f"/unit/UPT-A/pertanyaan/{Q}/putus", data=note, follow_redirects=False)
    assert sent.status_code == 303
    chain = review_service(org, "UPT-A", 2026).chain(Q)
    assert chain.tier("kanwil").review.status == "perlu_perbaikan" and chain.tier("kanwil").review.reviewer == "kiki"
    assert "SK belum ditandatangani" in kiki.get(sent.headers["location"]).text
    row = re.search(r'<tr data-unit="UPT-A">(.*?)</tr>', kiki.get("/").text, re.S)
    assert row and '<span data-status="perlu_perbaikan">perlu perbaikan 1</span>' in row.group(1)
    with org.reviews.transaction() as session:
        assert [e.action for e in session.events(Q) if e.actor == "kiki"] == ["decide"]


def test_a_unit_without_page_data_or_question_gets_a_page_that_says_so(pushed, web, accounts_on):
    pushed("UPT-B", {"AREA I/sk.txt": ("A.1.1.a", ["Keputusan tim kerja"])})  # a snapshot without page data
    client = web()
    _login(client, "kiki", accounts_on["kiki"])
    home = client.get("/unit/UPT-B/")
    assert home.status_code == 400 and "tidak membawa data halaman" in home.text and "Traceback" not in home.text
    missing = client.get("/unit/UPT-B/pertanyaan/Z.9.9")
    assert missing.status_code == 404 and "tidak ada dalam snapshot" in missing.text
    never = client.get("/unit/UPT-A/")
    assert never.status_code == 400 and "belum mengirim snapshot" in never.text


def test_the_server_pages_hold_what_the_drive_pages_hold(units_pushed, org):
    """The same page data functions on the drive and, through the snapshot, on the server."""
    from zi_evidence.repository import Repository
    from zi_evidence.server import unitsite, views
    from zi_evidence.server.org import tree
    from zi_evidence.web import data, filedata
    from zi_evidence.web.site import Site

    drive = Site(Repository.open(units_pushed["UPT-A"]))
    with org.engine.connect() as db:
        unit = next(u for u in tree(db, date.today()) if u.code == "UPT-A")
        site = unitsite.open_unit(org, db, unit, views._host(), views._rulesets())
        assert unitsite.dashboard(db, site) == data.dashboard(drive.readiness(), drive.repo.ruleset)
        assert unitsite.lke(db, site, area="1") == data.lke(drive.readiness(), area="1")
        on_server = unitsite.question(db, site, Q)
        on_drive = data.question(drive, Q)
        assert on_server is not None and on_drive is not None
        assert [f["path"] for f in on_server["files"]] == [f["path"] for f in on_drive["files"]]
        strip = ("id",)
        assert [{k: v for k, v in f.items() if k not in strip} for f in on_server["files"]] == [
            {k: v for k, v in f.items() if k not in strip} for f in on_drive["files"]
        ]
        for key in ("meta", "answer", "expected", "improve", "hints", "files_paging"):
            assert on_server[key] == on_drive[key], key
        with drive.repo.catalog() as catalog:
            record = next(r for r in catalog.records() if r.display == SK)
        server_file = unitsite.file_page(db, site, record.sha256)
    drive_file = filedata.file_page(drive, record.id)
    assert server_file is not None and drive_file is not None
    assert server_file["pages"] == drive_file["pages"] and server_file["problems"] == drive_file["problems"]
    same = {k: v for k, v in drive_file["meta"].items() if k != "id"}
    assert {k: server_file["meta"][k] for k in same} == same


def test_the_unit_tier_is_the_drives_not_the_servers(units_pushed, web, org):
    from zi_evidence.review.accounts import Accounts
    from zi_evidence.review.model import Role
    from zi_evidence.server.reviewing import review_service

    Accounts(org.reviews).add("uji", "tono", "Tono", "sandi-tono-12345", [Role("tim_unit", "UPT-B")])
    client = web()
    _login(client, "tono", "sandi-tono-12345")
    page = client.get(f"/unit/UPT-B/pertanyaan/{Q}")
    assert page.status_code == 200 and 'id="form-submit"' not in page.text
    sent = client.post(
        f"/unit/UPT-B/pertanyaan/{Q}/kirim", data={"csrf": CSRF.search(page.text).group(1), "jawaban": "ya"}
    )
    assert sent.status_code == 403 and "zi-evidence push" in sent.text
    assert review_service(org, "UPT-B", 2026).chain(Q).tiers[0].review is None


def test_the_queue_lists_what_waits_for_the_verifier_in_each_unit(units_pushed, web, accounts_on):
    kiki = web()
    _login(kiki, "kiki", accounts_on["kiki"])
    waiting = kiki.get("/antrean")
    assert waiting.status_code == 200
    rows = re.findall(r'<tr data-question="([^"]+)" data-tier="([^"]+)" data-unit="([^"]+)">', waiting.text)
    assert rows == [(Q, "kanwil", "UPT-A")]  # UPT-B's team submitted nothing; UPT-C is another Kanwil's
    assert f'href="/unit/UPT-A/pertanyaan/{Q}#pemeriksaan"' in waiting.text
    page = kiki.get(f"/unit/UPT-A/pertanyaan/{Q}")
    decision = {"csrf": _csrf(page.text, "form-decide-kanwil"), "tingkat": "kanwil", "revisi": "0"}
    kiki.post(f"/unit/UPT-A/pertanyaan/{Q}/putus", data={**decision, "status": "diterima"})
    assert "data-unit=" not in kiki.get("/antrean").text

    jaja = web()
    _login(jaja, "jaja", accounts_on["jaja"])
    assert "data-unit=" not in jaja.get("/antrean").text


def test_each_unit_page_has_its_json_twin(units_pushed, web, accounts_on):
    client = web()
    token = client.post("/api/sesi", auth=("kiki", accounts_on["kiki"])).json()["token"]
    bearer = {"Authorization": f"Bearer {token}"}
    found = client.get(f"/api/unit/UPT-A/pertanyaan/{Q}", headers=bearer)
    assert found.status_code == 200
    body = found.json()
    sk = _sha(units_pushed["UPT-A"], SK)
    assert sk in [f["id"] for f in body["files"]]
    tiers = {t["tier"]: t for t in body["review"]["chain"]["tiers"]}
    assert tiers["unit"]["review"]["status"] == "submitted" and tiers["kanwil"]["review"] is None
    assert [f["tier"] for f in body["review"]["actions"]["decide"]] == ["kanwil"]
    assert client.get(f"/api/unit/UPT-A/berkas/{sk}", headers=bearer).json()["meta"]["path"] == SK
    assert client.get("/api/unit/UPT-A/lke", headers=bearer, params={"area": "1"}).json()["questions"]
    refused = client.get("/api/unit/UPT-A/lke", headers=bearer, params={"status": "bogus"})
    assert refused.status_code == 400 and "'bogus' tidak dikenal" in refused.json()["error"]["message"]
    outside = client.get("/api/unit/UPT-C/", headers=bearer)
    assert outside.status_code == 403 and "di luar wewenang" in outside.json()["error"]["message"]
    assert client.get("/api/unit/UPT-A/").status_code == 401


def test_password_change_and_logout_end_sessions_on_the_server(units_pushed, web, accounts_on):
    kiki, other = web(), web()
    _login(kiki, "kiki", accounts_on["kiki"])
    _login(other, "kiki", accounts_on["kiki"])
    form = kiki.get("/sandi")
    new = "sandi-baru-kiki-1"
    change = {"csrf": _csrf(form.text, "password-form"), "lama": accounts_on["kiki"], "baru": new, "ulang": new}
    assert kiki.post("/sandi", data=change, follow_redirects=False).status_code == 303
    assert kiki.get("/").status_code == 200  # this browser got a new session
    assert other.get("/", follow_redirects=False).status_code == 303  # the other one is logged out
    assert _login(other, "kiki", accounts_on["kiki"]).status_code == 401
    assert _login(other, "kiki", new).status_code == 303
    page = other.get("/")
    out = other.post("/keluar", data={"csrf": CSRF.search(page.text).group(1)}, follow_redirects=False)
    assert out.status_code == 303 and other.get("/", follow_redirects=False).status_code == 303


def test_a_unit_not_yet_upgraded_still_pushes_format_1(unit_drive):
    import json

    from zi_evidence.errors import PushRefused
    from zi_evidence.repository import Repository
    from zi_evidence.server.collect import collect
    from zi_evidence.server.snapshot import from_json

    data = json.loads(collect(Repository.open(unit_drive("UPT-A"))).to_json())
    assert data["format"] == 3 and data["views"]
    old = {k: v for k, v in data.items() if k not in ("views", "readiness")}
    parsed = from_json(json.dumps({**old, "format": 1}).encode())
    assert parsed.views == {} and len(parsed.files) == len(data["files"])
    with pytest.raises(PushRefused, match="format bukan 1, 2 atau 3"):
        from_json(json.dumps({**data, "format": 4}).encode())
