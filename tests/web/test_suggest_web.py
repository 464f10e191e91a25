"""Mapping suggestions in the web app: shown with their reasons on Belum terpetakan and the file page, and
accepted with the "Terima saran" button (or its JSON twin) as a rule in zi-evidence.yaml, never a moved file."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from importlib import resources

import jsonschema
import pytest

SCAN = "Scan/scan0001.pdf"
HOSTILE = "Scan/<img src=x onerror=alert(1)> SK tim.pdf"
HOSTILE_ESCAPED = "&lt;img src=x onerror=alert(1)&gt; SK tim.pdf"
QUESTION = "A.I.1.i.a"
PEOPLE = {"ani": ("sandi-ani-12345", "tim_unit"), "vera": ("sandi-vera-12345", "verifikator:tpi")}


def sk_tim_zi(number):
    return [
        f"KEPUTUSAN KEPALA KANTOR IMIGRASI\nNOMOR {number} TAHUN 2026\nTENTANG\n"
        "PEMBENTUKAN TIM KERJA PEMBANGUNAN ZONA INTEGRITAS\nMENUJU WILAYAH BEBAS DARI KORUPSI\n\nMenimbang : a. bahwa",
        "MEMUTUSKAN\nMenetapkan : Membentuk Tim Kerja Pembangunan Zona Integritas",
    ]


@pytest.fixture
def drive(make_repo, fabricate, indexed_repo):
    """Two SKs of the ZI team under generic names (one named with HTML), one file already mapped; indexed."""
    root = make_repo(extra="# catatan tim: jangan dihapus\n")
    fabricate.make_pdf(root / SCAN, sk_tim_zi("W.31-0012"))
    fabricate.make_pdf(root / HOSTILE, sk_tim_zi("W.31-0044"))
    fabricate.make_pdf(
        root / "PEMENUHAN/AREA I - Manajemen Perubahan/ii. Rencana Pembangunan Zona Integritas/1.ii.a Rencana.pdf",
        ["RENCANA KERJA PEMBANGUNAN ZONA INTEGRITAS TAHUN 2026\nKegiatan, target, waktu, penanggung jawab"],
    )
    indexed_repo(root)
    return root


def _add_people(root):
    from zi_evidence.repository import Repository
    from zi_evidence.review.accounts import parse_role
    from zi_evidence.review.session import repository_accounts

    repo = Repository.open(root)
    accounts = repository_accounts(repo)
    for name, (password, role) in PEOPLE.items():
        accounts.add("test", name, name.title(), password, [parse_role(role, ["tpi"], repo.config.unit.name)])


def _client(root):
    from starlette.testclient import TestClient

    from zi_evidence.web import create_app

    return TestClient(create_app(root))


def _login(client, web_auth, name):
    form = client.get("/masuk")
    data = {"csrf": web_auth.csrf_of(form.text, "login-form"), "nama": name, "sandi": PEOPLE[name][0], "lanjut": "/"}
    assert client.post("/masuk", data=data, follow_redirects=False).status_code == 303


def _ids(root):
    with sqlite3.connect(root / ".zi-evidence" / "catalog.sqlite") as db:
        return dict(db.execute("SELECT display, id FROM files"))


def _mapping(root, path):
    with sqlite3.connect(root / ".zi-evidence" / "catalog.sqlite") as db:
        return db.execute("SELECT mapping_status, target_id FROM files WHERE display = ?", (path,)).fetchone()


def _events(root):
    with sqlite3.connect(root / ".zi-evidence" / "review.sqlite") as db:
        query = "SELECT actor, action, question_id, detail FROM events WHERE action = 'map_accept'"
        return db.execute(query).fetchall()


def _valid(ref, instance):
    document = json.loads((resources.files("zi_evidence.schemas") / "api.json").read_text(encoding="utf-8"))
    schema = {"$schema": document["$schema"], "$defs": document["$defs"], "$ref": ref}
    return [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(instance)]


def _evidence(tree_fingerprint, root):
    return {k: v for k, v in tree_fingerprint(root).items() if k != "zi-evidence.yaml"}


def test_the_pages_show_each_suggestion_with_its_reasons(drive):
    ids = _ids(drive)
    client = _client(drive)
    listing = client.get("/belum-terpetakan")
    assert listing.status_code == 200
    section = listing.text[listing.text.index('id="saran"') :]
    assert f'data-suggested-file="{ids[SCAN]}"' in section and f'data-question="{QUESTION}"' in section
    assert "kata yang sama dengan pertanyaan" in section and "zona" in section  # the evidence for the guess
    assert "Terima saran" not in section  # no accounts: read-only, the command to run instead
    assert f"zi-evidence map &#34;{SCAN}&#34; {QUESTION}" in section
    data = client.get("/api/belum-terpetakan").json()
    assert _valid("#/$defs/unmapped", data) == []
    item = next(i for i in data["suggestions"]["files"] if i["path"] == SCAN)
    assert item["guesses"][0]["question"] == QUESTION and item["pending"] is None
    page = client.get(f"/berkas/{ids[SCAN]}").text
    assert 'id="saran"' in page and f'data-question="{QUESTION}"' in page
    mapped = client.get(f"/berkas/{ids[next(p for p in ids if p.startswith('PEMENUHAN'))]}").text
    assert 'id="saran"' not in mapped  # a file on its question has nothing to suggest
    before = (drive / "zi-evidence.yaml").read_bytes()
    refused = client.post(f"/berkas/{ids[SCAN]}/petakan", data={"csrf": "x", "pertanyaan": QUESTION})
    assert refused.status_code == 403 and "hanya-baca" in refused.text  # no accounts: nobody writes
    assert (drive / "zi-evidence.yaml").read_bytes() == before


def test_a_suggestion_named_with_html_is_escaped(drive):
    ids = _ids(drive)
    client = _client(drive)
    for url in ("/belum-terpetakan", f"/berkas/{ids[HOSTILE]}"):
        html = client.get(url).text
        section = html[html.index('id="saran"') :] if url.startswith("/belum") else html
        assert "<img src=x" not in html
        assert HOSTILE_ESCAPED in section


def test_accepting_on_the_web_adds_the_rule_and_the_next_index_maps_the_file(
    drive, web_auth, indexed_repo, tree_fingerprint
):
    _add_people(drive)
    ids = _ids(drive)
    config = drive / "zi-evidence.yaml"
    before_text = config.read_text(encoding="utf-8")
    evidence = _evidence(tree_fingerprint, drive)
    client = _client(drive)
    _login(client, web_auth, "ani")
    listing = client.get("/belum-terpetakan").text
    assert "Terima saran" in listing
    form = {"csrf": web_auth.csrf_of(listing), "pertanyaan": QUESTION, "kembali": "daftar"}
    sent = client.post(f"/berkas/{ids[SCAN]}/petakan", data=form, follow_redirects=False)
    assert sent.status_code == 303 and sent.headers["location"] == "/belum-terpetakan#saran"
    text = config.read_text(encoding="utf-8")
    assert text == f"{before_text}mapping:\n  - path: '{SCAN}'\n    id: '{QUESTION}'\n"  # the team's text kept
    shown = client.get("/belum-terpetakan").text
    assert 'id="suggest-done"' in shown and "Aturan pemetaan ditambahkan" in shown
    assert "zi-evidence index" in shown  # what to do before the catalog follows the rule
    row = shown[shown.index(f'data-suggested-file="{ids[SCAN]}"', shown.index('id="saran"')) :]
    assert row.index('class="pending-rule"') < row.index("</tr>")  # the web app read the edited config
    again = client.get("/belum-terpetakan").text
    assert 'id="suggest-done"' not in again  # the notice shows once
    assert _mapping(drive, SCAN) == ("unmapped", None)  # nothing else was touched: the catalog waits for index
    [(actor, action, target, detail)] = _events(drive)
    assert (actor, action, target) == ("ani", "map_accept", QUESTION) and json.loads(detail)["path"] == SCAN
    history = client.get(f"/pertanyaan/{QUESTION}").text
    assert 'data-action="map_accept"' in history and "menerima saran pemetaan" in history
    assert _evidence(tree_fingerprint, drive) == evidence
    indexed_repo(drive)
    assert _mapping(drive, SCAN) == ("question", QUESTION)
    assert _evidence(tree_fingerprint, drive) == evidence
    after = client.get("/belum-terpetakan").text
    assert f'data-suggested-file="{ids[SCAN]}"' not in after
    page = client.get(f"/berkas/{ids[SCAN]}").text
    assert f'href="/pertanyaan/{QUESTION}"' in page and 'class="pending-rule"' not in page


def test_the_json_twin_accepts_once_and_says_so_the_second_time(drive, web_auth):
    _add_people(drive)
    ids = _ids(drive)
    client = _client(drive)
    _login(client, web_auth, "ani")
    token = client.get("/api/sesi").json()["csrf"]
    url = f"/api/berkas/{ids[HOSTILE]}/petakan"
    first = client.post(url, json={"pertanyaan": QUESTION.lower()}, headers={"x-csrf-token": token})
    assert first.status_code == 200, first.text
    assert _valid("#/$defs/mapping_write", first.json()) == []
    accepted = first.json()["accepted"]
    assert accepted["changed"] and accepted["target"] == QUESTION and accepted["path"] == HOSTILE
    text = (drive / "zi-evidence.yaml").read_text(encoding="utf-8")
    second = client.post(url, json={"pertanyaan": QUESTION}, headers={"x-csrf-token": token})
    assert second.status_code == 200 and second.json()["accepted"]["changed"] is False
    assert (drive / "zi-evidence.yaml").read_text(encoding="utf-8") == text
    assert len(_events(drive)) == 1  # the unchanged second call logged nothing
    unknown = client.post(url, json={"pertanyaan": "Z.9.9"}, headers={"x-csrf-token": token})
    assert unknown.status_code == 400 and "tidak ada di aturan penilaian" in unknown.json()["error"]["message"]


def test_a_verifier_sees_no_button_and_is_refused(drive, web_auth):
    _add_people(drive)
    ids = _ids(drive)
    before = (drive / "zi-evidence.yaml").read_bytes()
    client = _client(drive)
    _login(client, web_auth, "vera")
    page = client.get(f"/berkas/{ids[SCAN]}").text
    assert 'id="saran"' in page and "Terima saran" not in page
    refused = client.post(f"/berkas/{ids[SCAN]}/petakan", data={"csrf": web_auth.csrf_of(page), "pertanyaan": QUESTION})
    assert refused.status_code == 403 and "tidak berperan tim_unit" in refused.text
    assert 'id="suggest-error"' in refused.text  # on the file page itself
    assert (drive / "zi-evidence.yaml").read_bytes() == before and _events(drive) == []


def _post_as_ani(drive, web_auth, question=QUESTION):
    ids = _ids(drive)
    client = _client(drive)
    _login(client, web_auth, "ani")
    page = client.get(f"/berkas/{ids[SCAN]}").text
    form = {"csrf": web_auth.csrf_of(page), "pertanyaan": question}
    return client, client.post(f"/berkas/{ids[SCAN]}/petakan", data=form, follow_redirects=False)


def test_an_unknown_question_is_a_message_on_the_page(drive, web_auth):
    _add_people(drive)
    _, response = _post_as_ani(drive, web_auth, "Z.9.9")
    assert response.status_code == 400 and 'id="suggest-error"' in response.text
    assert "Id &#39;Z.9.9&#39; tidak ada di aturan penilaian" in response.text and "Traceback" not in response.text


def test_a_broken_or_unsafe_config_is_a_message_and_nothing_is_written(drive, web_auth):
    _add_people(drive)
    config = drive / "zi-evidence.yaml"
    good = config.read_text(encoding="utf-8")
    client, _ = _post_as_ani(drive, web_auth, "A.I.1.i.b")  # logs in, and a first rule goes in
    ids = _ids(drive)
    page = client.get(f"/berkas/{ids[SCAN]}").text
    form = {"csrf": web_auth.csrf_of(page), "pertanyaan": QUESTION}
    config.write_text(good + "mapping: [{path: 'x/*', id: A.I.1.i.a}]\n", encoding="utf-8")  # flow style
    flow = config.read_bytes()
    unsafe = client.post(f"/berkas/{ids[SCAN]}/petakan", data=form)
    assert unsafe.status_code == 409 and "tidak dapat ditambahkan dengan aman" in unsafe.text
    assert config.read_bytes() == flow
    config.write_text(good + "mapping: [\n", encoding="utf-8")
    broken = config.read_bytes()
    response = client.post(f"/berkas/{ids[SCAN]}/petakan", data=form)
    assert response.status_code == 409 and "YAML tidak valid" in response.text and "Traceback" not in response.text
    assert config.read_bytes() == broken
    assert len(_events(drive)) == 1  # the first acceptance only


def test_a_config_that_cannot_be_written_is_a_message(drive, web_auth):
    _add_people(drive)
    before = (drive / "zi-evidence.yaml").read_bytes()
    locked = _lock(drive)
    try:
        _, response = _post_as_ani(drive, web_auth)
    finally:
        _unlock(drive, locked)
    assert response.status_code == 409 and "tidak dapat ditulis" in response.text
    assert (drive / "zi-evidence.yaml").read_bytes() == before and _events(drive) == []  # the audit row rolled back


def _lock(folder):
    """The repository's root made unwritable; as root only the immutable flag stops a write."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return "mode"
    done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not available here: {done.stderr.decode(errors='replace').strip()}")
    return "immutable"


def _unlock(folder, how):
    if how == "mode":
        folder.chmod(0o755)
    else:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
