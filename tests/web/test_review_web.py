"""The review chain on the question page and the queue: forms for the roles the user holds, the chain's
state per tier, the history, and the JSON twins validated against schemas/api.json."""

from __future__ import annotations

import json
import re
from importlib import resources

import jsonschema

Q = "A.1.1.a"
SK = "PEMENUHAN/AREA I - Manajemen Perubahan/i. Penyusunan Tim Kerja/1.i.a SK TIM ZONA INTEGRITAS.pdf"


def _valid(ref: str, instance) -> list[str]:
    document = json.loads((resources.files("zi_evidence.schemas") / "api.json").read_text(encoding="utf-8"))
    schema = {"$schema": document["$schema"], "$defs": document["$defs"], "$ref": ref}
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]


def _tier_state(html: str, tier: str) -> str:
    row = re.search(rf'<tr data-tier="{tier}"[^>]*>.*?class="tier-state">(.*?)</td>', html, re.S)
    assert row, tier
    return re.sub(r"<[^>]+>", "", row.group(1)).strip()


def _deadlines_read_as_dates(page, tiers):
    """Each tier's deadline as the CLI writes dates, and said to be past once it is."""
    from datetime import date

    from zi_evidence.dates import format_date

    dated = [t for t in tiers if t["deadline"]]
    assert dated, "the Kemenkumham chain has a deadline per tier"
    for tier in dated:
        when = date.fromisoformat(tier["deadline"])
        cell = re.search(rf'<tr data-tier="{tier["tier"]}"[^>]*>.*?<td class="deadline">(.*?)</td>', page, re.S)
        expected = format_date(when) + (" (sudah lewat)" if when < date.today() else "")
        assert cell and cell.group(1) == expected, (tier, cell and cell.group(1))


def test_a_round_on_the_question_page(https_client, web_auth, kumham_site):
    ani, kiki = https_client(), https_client()
    web_auth.login(ani, "ani")
    web_auth.login(kiki, "kiki")
    page = ani.get(f"/pertanyaan/{Q}").text
    assert 'id="form-submit"' in page and 'id="form-decide-kanwil"' not in page
    assert 'id="form-submit"' not in kiki.get(f"/pertanyaan/{Q}").text  # kiki is no unit member
    api = ani.get(f"/api/pertanyaan/{Q}").json()
    assert _valid("#/$defs/question", api) == []
    _deadlines_read_as_dates(page, api["review"]["chain"]["tiers"])
    choice = api["review"]["choices"][0]
    sha = next(f["sha256"] for f in api["review"]["chain"]["files"] if f["path"] == SK)
    sent = ani.post(
        f"/pertanyaan/{Q}/kirim",
        data={
            "csrf": web_auth.csrf_of(page),
            "revisi": "0",
            "jawaban": choice,
            "catatan": "SK terlampir",
            "berkas": sha,
            "hal": "1",
        },
        follow_redirects=False,
    )
    assert sent.status_code == 303, sent.text
    assert "selesai" not in sent.headers["location"]  # the notice rides a one-page cookie, not the URL
    shown = ani.get(sent.headers["location"]).text
    assert 'id="review-done"' in shown and "Jawaban dikirim" in shown
    assert 'id="review-done"' not in ani.get(f"/pertanyaan/{Q}").text  # a reload shows it no more
    page = kiki.get(f"/pertanyaan/{Q}").text
    assert _tier_state(page, "unit") == "dikirim" and _tier_state(page, "kanwil") == "siap diperiksa"
    assert 'id="form-decide-kanwil"' in page and 'id="form-decide-eselon1"' not in page
    queue = kiki.get("/api/antrean").json()
    assert _valid("#/$defs/queue", queue) == []
    assert [(i["question"], i["tier"]) for i in queue["items"]] == [(Q, "kanwil")]
    back = kiki.post(
        f"/pertanyaan/{Q}/putus",
        data={
            "csrf": web_auth.csrf_of(page),
            "tingkat": "kanwil",
            "revisi": "0",
            "status": "perlu_perbaikan",
            "catatan": "SK belum <b>ditandatangani</b>",
            "berkas": sha,
            "hal": "2",
        },
        follow_redirects=False,
    )
    assert back.status_code == 303, back.text
    page = ani.get(f"/pertanyaan/{Q}").text
    assert _tier_state(page, "unit") == "perlu perbaikan" and _tier_state(page, "kanwil") == "perlu perbaikan"
    assert "SK belum &lt;b&gt;ditandatangani&lt;/b&gt;" in page  # the note is text, never markup
    assert f"{SK}, hlm. 2" in page
    history = re.findall(r'<tr data-seq="\d+" data-action="(\w+)"', page)
    assert history == ["submit", "decide"]
    assert [(i["question"], i["reason"]) for i in ani.get("/api/antrean").json()["items"]] == [
        (Q, "dikembalikan: perlu perbaikan")
    ]
    assert 'id="form-submit"' in page  # sent back: the unit may send again
    assert _valid("#/$defs/question", ani.get(f"/api/pertanyaan/{Q}").json()) == []


def test_the_json_twins_write_and_a_stale_revision_is_409(https_client, web_auth):
    ani, kiki = https_client(), https_client()
    web_auth.login(ani, "ani")
    web_auth.login(kiki, "kiki")
    session = ani.get("/api/sesi").json()
    assert _valid("#/$defs/session", session) == [] and session["user"]["username"] == "ani"
    state = ani.get(f"/api/pertanyaan/{Q}").json()["review"]
    unit = state["chain"]["tiers"][0]["review"]
    assert unit["status"] == "perlu_perbaikan"  # where the previous test left the question
    sha = next(f["sha256"] for f in state["chain"]["files"] if f["path"] == SK)
    body = {"revisi": unit["revision"], "catatan": "SK diperbaiki", "rujukan": [{"sha256": sha, "page": 1}]}
    sent = ani.post(f"/api/pertanyaan/{Q}/kirim", json=body, headers={"x-csrf-token": session["csrf"]})
    assert sent.status_code == 200, sent.text
    assert _valid("#/$defs/review_write", sent.json()) == []
    assert sent.json()["review"]["chain"]["tiers"][0]["review"]["page_refs"] == [{"sha256": sha, "page": 1}]
    token = kiki.get("/api/sesi").json()["csrf"]
    kanwil = next(t for t in sent.json()["review"]["chain"]["tiers"] if t["tier"] == "kanwil")
    decide = {"tingkat": "kanwil", "status": "diterima", "revisi": kanwil["review"]["revision"]}
    assert kiki.post(f"/api/pertanyaan/{Q}/putus", json=decide, headers={"x-csrf-token": token}).status_code == 200
    again = kiki.post(f"/api/pertanyaan/{Q}/putus", json=decide, headers={"x-csrf-token": token})
    assert again.status_code == 409 and "tindakan Anda tidak disimpan" in again.json()["error"]["message"]
    assert _valid("#/$defs/error", again.json()) == []
    bad = kiki.post(f"/api/pertanyaan/{Q}/cabut", content=b"bukan json", headers={"x-csrf-token": token})
    assert bad.status_code == 400


def test_the_queue_page_lists_what_waits(https_client, web_auth):
    esa = https_client()
    web_auth.login(esa, "esa")
    page = esa.get("/antrean")
    assert page.status_code == 200 and 'id="queue"' in page.text


def test_without_accounts_the_question_page_shows_no_forms(client):
    page = client.get("/pertanyaan/A.I.1.i.a").text
    assert 'id="pemeriksaan"' in page and 'id="review-none"' in page and "review-form" not in page
    assert client.get("/api/antrean").json() == {"enabled": False, "user": None, "items": []}


def test_the_readme_round_on_the_national_chain(tmp_path, indexed_repo, run_cli, web_auth, fabricate):
    """The README's walk-through: sample_repo/ as shipped (unit → tpi), two accounts made by 'users add'."""
    import shutil
    from pathlib import Path

    from starlette.testclient import TestClient

    from zi_evidence.web import create_app

    root = tmp_path / "contoh"
    shutil.copytree(
        Path(__file__).resolve().parents[2] / "sample_repo", root, ignore=shutil.ignore_patterns(".zi-evidence")
    )
    indexed_repo(root)
    for name, role in (("ani", "tim_unit"), ("budi", "verifikator:tpi")):
        added = run_cli(
            "users", "add", name, "--repo", root, "--role", role, "--password-stdin", input=f"sandi-{name}-12345\n"
        )
        assert added.exit_code == 0, added.output
    app = create_app(root)
    ani, budi = (TestClient(app, base_url="https://testserver") for _ in range(2))
    for client, name in ((ani, "ani"), (budi, "budi")):
        assert web_auth.login(client, name, f"sandi-{name}-12345").status_code == 303
    q = "A.I.1.i.a"
    page = ani.get(f"/pertanyaan/{q}").text
    assert ani.post(f"/pertanyaan/{q}/kirim", data={"csrf": web_auth.csrf_of(page), "revisi": "0"}).status_code == 200
    page = budi.get(f"/pertanyaan/{q}").text
    data = {
        "csrf": web_auth.csrf_of(page),
        "tingkat": "tpi",
        "revisi": "0",
        "status": "perlu_perbaikan",
        "catatan": "SK belum ditandatangani",
    }
    assert budi.post(f"/pertanyaan/{q}/putus", data=data).status_code == 200
    sk = root / "PEMENUHAN/AREA I - Manajemen Perubahan/i. Penyusunan Tim Kerja/1.i.a SK TIM ZONA INTEGRITAS.pdf"
    fabricate.make_pdf(sk, ["KEPUTUSAN KEPALA KANTOR", "bertanda tangan"])
    indexed_repo(root)
    page = ani.get(f"/pertanyaan/{q}").text
    assert 'id="review-changed"' in page and _tier_state(page, "tpi") == "perlu perbaikan (berubah sejak diperiksa)"
    ani.post(f"/pertanyaan/{q}/kirim", data={"csrf": web_auth.csrf_of(page), "revisi": _revision(ani, q, "unit")})
    page = budi.get(f"/pertanyaan/{q}").text
    data = {"csrf": web_auth.csrf_of(page), "tingkat": "tpi", "revisi": _revision(budi, q, "tpi"), "status": "diterima"}
    assert budi.post(f"/pertanyaan/{q}/putus", data=data, follow_redirects=False).status_code == 303
    assert _tier_state(budi.get(f"/pertanyaan/{q}").text, "tpi") == "diterima"
    assert run_cli("audit", "verify", "--repo", root).exit_code == 0


def _revision(client, q: str, tier: str) -> str:
    tiers = client.get(f"/api/pertanyaan/{q}").json()["review"]["chain"]["tiers"]
    review = next(t for t in tiers if t["tier"] == tier)["review"]
    return str(review["revision"] if review else 0)
