"""One review round in a real browser on a copy of sample_repo/ switched to the Kemenkumham chain
(unit → Kanwil → Eselon I → TPI): the unit submits, the Kanwil sends it back with a note, the unit replaces
the file and re-indexes, the question shows *berubah sejak diperiksa*, and the chain ends with the TPI
accepting. Each person works in their own browser context, logged in through the login form."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

Q = "A.1.1.a"
SK = "PEMENUHAN/AREA I - Manajemen Perubahan/i. Penyusunan Tim Kerja/1.i.a SK TIM ZONA INTEGRITAS.pdf"
MAPPING = f"""mapping:
  - {{path: "{SK.rsplit("/", 1)[0]}/1.i.a*", id: {Q}}}
"""
PEOPLE = {
    "ani": ("sandi-ani-12345", "tim_unit"),
    "kiki": ("sandi-kiki-12345", "verifikator:kanwil"),
    "esa": ("sandi-esa-12345", "verifikator:eselon1@*"),
    "tari": ("sandi-tari-12345", "verifikator:tpi@*"),
}


def _kemenkumham(root: Path) -> None:
    config = root / "zi-evidence.yaml"
    text = config.read_text(encoding="utf-8").replace("permenpanrb-90-2021", "permenkumham-29-2019")
    config.write_text(text + MAPPING, encoding="utf-8")


@pytest.fixture(scope="module")
def review_server(serve_copy, add_accounts):
    def prepare(root: Path) -> None:
        _kemenkumham(root)
        add_accounts(root, PEOPLE)

    yield from serve_copy("review", prepare)


def _person(browser, server, name: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.url + f"pertanyaan/{Q}")
    expect(page.locator("#login-form")).to_be_visible()  # with accounts, every page asks for a login first
    page.fill("input[name=nama]", name)
    page.fill("input[name=sandi]", PEOPLE[name][0])
    page.click("#login-form button[type=submit]")
    expect(page.locator("#account-name")).to_be_visible()
    assert page.url.endswith(f"/pertanyaan/{Q}")  # back where the login was asked
    page.dialogs = dialogs  # type: ignore[attr-defined]
    return context, page


def _state(page, tier: str):
    return page.locator(f"#chain tr[data-tier={tier}] .tier-state")


def _decide(page, tier: str, status: str, note: str = "") -> None:
    form = page.locator(f"#form-decide-{tier}")
    form.locator(f"input[name=status][value={status}]").check()
    if note:
        form.locator("textarea[name=catatan]").fill(note)
    form.locator("button[type=submit]").click()
    expect(page.locator("#review-done")).to_be_visible()


def test_a_round_from_the_unit_to_the_tpi(review_server, browser, fabricate, shoot):
    root = review_server.root
    people = {name: _person(browser, review_server, name) for name in PEOPLE}
    try:
        ani = people["ani"][1]
        submit = ani.locator("#form-submit")
        expect(submit).to_be_visible()
        expect(ani.locator("#form-decide-kanwil")).to_have_count(0)
        submit.locator("select[name=jawaban]").select_option(index=1)
        submit.locator("textarea[name=catatan]").fill("SK tim terlampir")
        submit.locator("button[type=submit]").click()
        expect(_state(ani, "unit")).to_have_text("dikirim")
        expect(_state(ani, "kanwil")).to_have_text("siap diperiksa")

        kiki = people["kiki"][1]
        kiki.goto(review_server.url + "antrean")
        row = kiki.locator(f"#queue tr[data-question='{Q}']")
        expect(row).to_contain_text("siap diperiksa")
        row.locator("a").click()
        kanwil = kiki.locator("#form-decide-kanwil")
        kanwil.locator("select[name=berkas]").select_option(label=SK)
        kanwil.locator("input[name=hal]").fill("1")
        _decide(kiki, "kanwil", "perlu_perbaikan", "SK belum ditandatangani kepala unit")
        expect(_state(kiki, "kanwil")).to_have_text("perlu perbaikan")
        expect(kiki.locator("#chain tr[data-tier=kanwil]")).to_contain_text(f"{SK}, hlm. 1")

        ani.reload()
        expect(_state(ani, "unit")).to_have_text("perlu perbaikan")
        expect(ani.locator("#chain tr[data-tier=kanwil] .tier-note")).to_have_text(
            "SK belum ditandatangani kepala unit"
        )
        expect(ani.locator("#review-changed")).to_have_count(0)
        # the unit replaces the SK with the signed one and re-indexes
        fabricate.make_pdf(root / SK, ["KEPUTUSAN KEPALA KANTOR", "Ditandatangani kepala unit"])
        done = subprocess.run(
            [sys.executable, "-m", "zi_evidence", "index", root, "--quiet"], capture_output=True, timeout=600
        )
        assert done.returncode == 0, done.stderr
        ani.reload()
        expect(ani.locator("#review-changed")).to_be_visible()
        expect(_state(ani, "kanwil")).to_contain_text("berubah sejak diperiksa")
        shoot(ani, "pemeriksaan-berubah")
        ani.locator("#form-submit textarea[name=catatan]").fill("SK sudah ditandatangani")
        ani.locator("#form-submit button[type=submit]").click()
        expect(_state(ani, "unit")).to_have_text("dikirim")
        expect(ani.locator("#review-changed")).to_have_count(0)  # a new round on the new evidence

        for name, tier in (("kiki", "kanwil"), ("esa", "eselon1"), ("tari", "tpi")):
            verifier = people[name][1]
            verifier.goto(review_server.url + f"pertanyaan/{Q}")
            _decide(verifier, tier, "diterima")
            expect(_state(verifier, tier)).to_have_text("diterima")

        tari = people["tari"][1]
        for tier in ("kanwil", "eselon1", "tpi"):
            expect(_state(tari, tier)).to_have_text("diterima")
        expect(tari.locator("#history tr[data-action=decide]")).to_have_count(4)
        expect(tari.locator("#history")).to_contain_text("SK belum ditandatangani kepala unit")
        shoot(tari, "pemeriksaan-selesai")
        tari.goto(review_server.url + "antrean")
        expect(tari.locator(f"#queue tr[data-question='{Q}']")).to_have_count(0)
        for _, opened in people.values():
            assert opened.dialogs == []  # type: ignore[attr-defined]
    finally:
        for context, _ in people.values():
            context.close()
