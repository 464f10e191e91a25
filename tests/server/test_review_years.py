"""The server's review chain per unit and year, on a real PostgreSQL: real drives of 2025 and 2026 pushed
by the CLI, a Kanwil verifier deciding through the web pages; and the migration that gave old rows a year."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import func, select

Q = "A.1.1.a"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
NOTE_2025 = "SK tim kerja 2025 sah"


def _login(client, name: str, password: str) -> None:
    form = client.get("/masuk")
    token = CSRF.search(form.text[form.text.index('id="login-form"') :]).group(1)
    done = client.post("/masuk", data={"csrf": token, "nama": name, "sandi": password, "lanjut": "/"})
    assert done.status_code == 200, done.text


def _csrf(text: str, form_id: str) -> str:
    return CSRF.search(text[text.index(f'id="{form_id}"') :]).group(1)


def _events(db) -> int:
    from zi_evidence.review.tables import events

    with db.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(events)).scalar_one()


@pytest.fixture
def kiki(org, blob_store, accounts_on):
    from starlette.testclient import TestClient

    from zi_evidence.server.app import create_server_app

    client = TestClient(create_server_app(org, blob_store))
    _login(client, "kiki", accounts_on["kiki"])
    return client


@pytest.fixture
def submitted_2025(unit_drive, run_cli, push_drive):
    """UPT-A's team submitted Q on its 2025 drive and pushed it."""
    old = unit_drive("UPT-A", year=2025)
    secret = "sandi-ani-12345\n"
    added = run_cli("users", "add", "ani", "--role", "tim_unit", "--password-stdin", "-C", old, input=secret)
    assert added.exit_code == 0, added.output
    sent = run_cli("review", "submit", Q, "--jawaban", "ya", "--user", "ani", "--password-stdin", "-C", old,
                   input=secret)  # fmt: skip
    assert sent.exit_code == 0, sent.output
    push_drive("UPT-A", old)
    return old


def test_a_past_years_verdicts_stay_in_that_year_read_only(submitted_2025, unit_drive, push_drive, kiki, org):
    from zi_evidence.server.reviewing import review_service

    page = kiki.get(f"/unit/UPT-A/pertanyaan/{Q}")  # 2025 is the latest year for now
    decision = {"csrf": _csrf(page.text, "form-decide-kanwil"), "tingkat": "kanwil", "revisi": "0",
                "status": "diterima", "catatan": NOTE_2025}  # fmt: skip
    assert kiki.post(f"/unit/UPT-A/pertanyaan/{Q}/putus", data=decision, follow_redirects=False).status_code == 303
    push_drive("UPT-A", unit_drive("UPT-A", year=2026))  # the new year: the team has not submitted anything yet

    current = kiki.get(f"/unit/UPT-A/pertanyaan/{Q}")
    assert current.status_code == 200 and "tahun 2026" in current.text
    assert NOTE_2025 not in current.text and 'id="form-revoke-kanwil"' not in current.text
    assert "Belum ada riwayat." in current.text
    chain_2026 = review_service(org, "UPT-A", 2026).chain(Q)
    assert [t.review for t in chain_2026.tiers] == [None] * len(chain_2026.tiers)
    assert review_service(org, "UPT-A", 2026).history(Q) == []

    past = kiki.get(f"/unit/UPT-A/2025/pertanyaan/{Q}")
    assert past.status_code == 200 and NOTE_2025 in past.text and "hanya untuk dibaca" in past.text
    section = past.text[past.text.index('id="pemeriksaan"') :]
    assert "<form" not in section.split('id="history"')[0]
    history = re.findall(r'<tr data-seq="\d+" data-action="([^"]+)">', section)
    assert history == ["push", "decide"]  # the unit's push, then the Kanwil's decision, both of 2025

    held = _events(org)
    token = CSRF.search(past.text).group(1)  # the session's token (the page's other forms carry it)
    revoke = {"csrf": token, "tingkat": "kanwil", "revisi": "1", "catatan": "dicabut"}
    for kind, form in (("cabut", revoke), ("putus", {**decision, "csrf": token, "revisi": "1"})):
        refused = kiki.post(f"/unit/UPT-A/2025/pertanyaan/{Q}/{kind}", data=form, follow_redirects=False)
        assert refused.status_code == 409 and "hanya untuk dibaca" in refused.text
        assert "Buka tahun 2026" in refused.text
    assert _events(org) == held
    kept = review_service(org, "UPT-A", 2025).chain(Q).tier("kanwil").review
    assert kept.status == "diterima" and kept.note == NOTE_2025 and kept.revision == 1

    def kanwil_in_report(year: int) -> dict:
        report = kiki.get(f"/unit/UPT-A/{year}/laporan/json")
        assert report.status_code == 200, report.text
        found = [q for q in json.loads(report.content)["reviews"]["questions"] if q["question_id"] == Q]
        return next((t for q in found for t in q["tiers"] if t["tier"] == "kanwil"), {"status": None})

    # the report is the pushed readiness, with the server's own chain of that year: the Kanwil's verdict
    # was made here after the push, so no drive report could hold it
    assert (kanwil_in_report(2025)["status"], kanwil_in_report(2025)["note"]) == ("diterima", NOTE_2025)
    assert kanwil_in_report(2026)["status"] is None


def test_the_queue_and_the_rollup_count_only_the_year_shown(submitted_2025, unit_drive, push_drive, kiki, org):
    from datetime import date

    from zi_evidence.review.model import Role, User
    from zi_evidence.server.reviewing import review_service
    from zi_evidence.server.views import rollup_view

    def rollup(**params):
        user = User("kiki", "Kiki", True, (Role("verifikator", "KW-JATIM", "kanwil"),))
        with org.engine.connect() as connection:
            rows = rollup_view(connection, user, params, {}, date.today())["units"]
        return {r["unit"]: r["reviews"] for r in rows}["UPT-A"]

    queued = r'<tr data-question="([^"]+)" data-tier="([^"]+)" data-unit="([^"]+)">'
    assert re.findall(queued, kiki.get("/antrean").text) == [(Q, "kanwil", "UPT-A")]
    assert rollup() == {"unit": {"submitted": 1}}

    page = kiki.get(f"/unit/UPT-A/pertanyaan/{Q}")  # opened while 2025 was the latest year, sent after
    stale = {"csrf": _csrf(page.text, "form-decide-kanwil"), "tingkat": "kanwil", "revisi": "0",
             "status": "diterima", "tahun": re.search(r'name="tahun" value="(\d+)"', page.text).group(1)}  # fmt: skip
    assert stale["tahun"] == "2025"

    push_drive("UPT-A", unit_drive("UPT-A", year=2026))
    assert re.findall(queued, kiki.get("/antrean").text) == []  # 2025's waiting answer is not this year's
    assert rollup() == {} and rollup(year="2025") == {"unit": {"submitted": 1}}

    held = _events(org)
    refused = kiki.post(f"/unit/UPT-A/pertanyaan/{Q}/putus", data=stale, follow_redirects=False)
    assert refused.status_code == 409 and "dibuat di halaman tahun 2025" in refused.text
    assert _events(org) == held and review_service(org, "UPT-A", 2026).chain(Q).tier("kanwil").review is None
