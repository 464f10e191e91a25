"""The server's review round in a real browser: a UPT pushes its indexed drive (a zip archive, imported),
the server runs on a real PostgreSQL under uvicorn, and a Kanwil verifier logs in through the form, finds
the UPT on the units page, opens its question and a file, accepts the unit's answer and sees the decision
in the roll-up."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

Q = "A.1.1.a"
SK = "AREA I/i. Penyusunan Tim Kerja/1.i.a SK Tim Kerja ZI.pdf"
CONFIG = """schema_version: 1
ruleset: permenkumham-29-2019
unit:
  name: UPT-A
  institution: Kementerian Uji
year: 2026
target: WBK
"""


@pytest.fixture
def pushed_server(postgres_db, tmp_path, fabricate, indexed_repo, run_cli, live_app):
    """The server app on a loopback port with UPT-A (under KW-JATIM) pushed; yields its base URL."""

    from zi_evidence.review.accounts import Accounts
    from zi_evidence.review.model import Role
    from zi_evidence.server.app import create_server_app
    from zi_evidence.server.blobs import FileBlobStore
    from zi_evidence.server.database import open_server
    from zi_evidence.server.org import add_unit
    from zi_evidence.server.service import Ingest

    root = tmp_path / "UPT-A"
    root.mkdir()
    (root / "zi-evidence.yaml").write_text(CONFIG, encoding="utf-8")
    fabricate.make_pdf(root / SK, ["KEPUTUSAN KEPALA UPT-A tentang Tim Kerja Pembangunan Zona Integritas"])
    indexed_repo(root)
    for args, secret in ((("users", "add", "ani", "--role", "tim_unit"), "sandi-ani-12345"),):
        assert run_cli(*args, "--password-stdin", "-C", root, input=secret + "\n").exit_code == 0
    sent = run_cli("review", "submit", Q, "--jawaban", "ya", "--user", "ani", "--password-stdin", "-C", root,
                   input="sandi-ani-12345\n")  # fmt: skip
    assert sent.exit_code == 0, sent.output
    assert run_cli("push", "--to", tmp_path / "a.zip", "-C", root).exit_code == 0

    db = open_server(postgres_db)
    store = FileBlobStore(tmp_path / "store")
    with db.engine.begin() as connection:
        add_unit(connection, "KW-JATIM", "Kanwil Jawa Timur", "kanwil", None, date(2026, 1, 1))
        add_unit(connection, "UPT-A", "Lapas A", "upt", "KW-JATIM", date(2026, 1, 1))
    Ingest(db, store).import_zip(tmp_path / "a.zip", "UPT-A")
    Accounts(db.reviews).add("uji", "kiki", "Kiki", "sandi-kiki-12345", [Role("verifikator", "KW-JATIM", "kanwil")])

    with live_app(create_server_app(db, store)) as url:
        yield url
    db.close()


def test_a_kanwil_verifier_accepts_a_upt_answer_in_the_browser(pushed_server, page):
    page.goto(pushed_server + "/")
    expect(page).to_have_url(pushed_server + "/masuk?lanjut=%2F")
    page.fill("input[name=nama]", "kiki")
    page.fill("input[name=sandi]", "sandi-kiki-12345")
    page.click("#login-form button[type=submit]")
    expect(page.locator("#account-name")).to_have_text("Kiki")
    expect(page.locator("#units tbody tr")).to_have_count(2)  # KW-JATIM and UPT-A

    page.click("a.unit-link:text('UPT-A')")
    expect(page.locator("h1")).to_have_text("Kesiapan penilaian Zona Integritas")
    page.click("#nav a:text('Belum terpetakan')")
    expect(page.locator("h1")).to_have_text("Berkas belum terpetakan dan ambigu")
    expect(page.locator("#saran")).to_have_count(0)  # a unit maps its files on its drive
    page.click("#nav a:text('Masalah')")
    expect(page.locator("h1")).to_have_text("Masalah per berkas")
    page.goto(f"{pushed_server}/unit/UPT-A/pertanyaan/{Q}")
    page.click("a.file-link")
    expect(page.locator("#pages")).to_contain_text("KEPUTUSAN KEPALA UPT-A")
    page.go_back()

    form = page.locator("#form-decide-kanwil")
    form.locator("input[value=diterima]").check()
    form.locator("textarea[name=catatan]").fill("lengkap dan sah")
    form.locator("button[type=submit]").click()
    expect(page.locator("tr[data-action=decide]")).to_contain_text("lengkap dan sah")

    page.click("#all-units")
    expect(page.locator("tr[data-unit=UPT-A] [data-status=diterima]")).to_have_text("diterima 1")
    assert page.watched.dialogs == [] and page.watched.csp_violations == []
