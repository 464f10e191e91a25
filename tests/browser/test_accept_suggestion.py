"""Accepting a mapping suggestion in a real browser: the unit's team clicks "Terima saran" on Belum
terpetakan, the page says a rule was added and that 'index' applies it, the next index maps the file, and
the evidence tree keeps every byte. A verifier sees no button."""

from __future__ import annotations

import subprocess
import sys

import pytest
from playwright.sync_api import expect

SPIP = "PEMENUHAN/AREA V - Penguatan Pengawasan/ii. SPIP/SK Tim SPIP 2026.pdf"
PEOPLE = {"ani": ("sandi-ani-12345", "tim_unit"), "budi": ("sandi-budi-12345", "verifikator:tpi")}


@pytest.fixture(scope="module")
def suggest_server(serve_copy, add_accounts):
    yield from serve_copy("suggest", lambda root: add_accounts(root, PEOPLE))


def _login(browser, server, name: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server.url + "belum-terpetakan")
    page.fill("input[name=nama]", name)
    page.fill("input[name=sandi]", PEOPLE[name][0])
    page.click("#login-form button[type=submit]")
    expect(page.locator("#saran")).to_be_visible()
    return context, page


def _row(page):
    return page.locator("#suggestions tr").filter(has=page.get_by_role("link", name=SPIP, exact=True))


def test_the_unit_team_accepts_a_suggestion_with_the_button(suggest_server, browser, tree_fingerprint, shoot):
    root = suggest_server.root
    evidence = {k: v for k, v in tree_fingerprint(root).items() if k != "zi-evidence.yaml"}
    budi_context, budi = _login(browser, suggest_server, "budi")
    try:
        expect(_row(budi).locator("li.guess[data-question='A.I.5.ii.a']")).to_be_visible()
        expect(budi.locator("form.accept-suggestion")).to_have_count(0)  # a verifier may not accept
    finally:
        budi_context.close()
    context, ani = _login(browser, suggest_server, "ani")
    try:
        guess = _row(ani).locator("li.guess[data-question='A.I.5.ii.a']")
        expect(guess).to_contain_text("spip")  # why the guess was made
        guess.get_by_role("button", name="Terima saran").click()
        expect(ani.locator("#suggest-done")).to_contain_text("Aturan pemetaan ditambahkan")
        expect(ani.locator("#suggest-done")).to_contain_text("zi-evidence index")
        expect(_row(ani).locator(".pending-rule")).to_contain_text("A.I.5.ii.a")
        shoot(ani, "saran-diterima")
        assert "id: 'A.I.5.ii.a'" in (root / "zi-evidence.yaml").read_text(encoding="utf-8")
        ani.reload()
        expect(ani.locator("#suggest-done")).to_have_count(0)  # the notice showed once
        done = subprocess.run(
            [sys.executable, "-m", "zi_evidence", "index", root, "--quiet"], capture_output=True, timeout=600
        )
        assert done.returncode == 0, done.stderr
        ani.reload()
        expect(_row(ani)).to_have_count(0)  # mapped now: nothing left to suggest
        ani.goto(suggest_server.url + "pertanyaan/A.I.5.ii.a")
        expect(ani.locator("#files").get_by_role("link", name=SPIP, exact=True)).to_be_visible()
    finally:
        context.close()
    assert {k: v for k, v in tree_fingerprint(root).items() if k != "zi-evidence.yaml"} == evidence
