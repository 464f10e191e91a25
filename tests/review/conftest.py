"""Review-chain fixtures: an indexed Kemenkumham drive, accounts with known passwords, the CLI with a
password on stdin, and a service over a repository's real store and catalog."""

from __future__ import annotations

from pathlib import Path

import pytest

KUMHAM_CONFIG = """schema_version: 1
ruleset: permenkumham-29-2019
unit:
  name: Lapas Uji
  institution: Kementerian Uji
year: 2026
target: WBK
"""
SK = "AREA I/i. Penyusunan Tim Kerja/1.i.a SK Tim Kerja ZI.pdf"
NOTULEN = "AREA I/i. Penyusunan Tim Kerja/1.i.a Notulen Rapat Tim.pdf"
#: name -> (password, roles) for the Kemenkumham chain; verifiers above the Kanwil see every unit
PEOPLE = {
    "ani": ("sandi-ani-12345", ("tim_unit",)),
    "kiki": ("sandi-kiki-12345", ("verifikator:kanwil",)),
    "esa": ("sandi-esa-12345", ("verifikator:eselon1@*",)),
    "tari": ("sandi-tari-12345", ("verifikator:tpi@*",)),
    "tono": ("sandi-tono-12345", ("verifikator:tpi@*",)),
    "admin": ("sandi-admin-12345", ("admin",)),
}


@pytest.fixture
def kumham_drive(tmp_path, fabricate, indexed_repo):
    """A Kemenkumham unit's drive with two PDFs for A.1.1.a, indexed."""
    root = tmp_path / "lapas"
    root.mkdir()
    (root / "zi-evidence.yaml").write_text(KUMHAM_CONFIG, encoding="utf-8")
    fabricate.make_pdf(root / SK, ["KEPUTUSAN KEPALA LAPAS", "Lampiran susunan tim"])
    fabricate.make_pdf(root / NOTULEN, ["NOTULEN RAPAT PEMBENTUKAN TIM"])
    indexed_repo(root)
    return root


@pytest.fixture(scope="session")
def as_user(run_cli):
    """``zi-evidence ARGS… --user NAME --password-stdin`` with NAME's password on stdin."""

    def run(name: str, *args):
        return run_cli(*args, "--user", name, "--password-stdin", input=PEOPLE[name][0] + "\n")

    return run


@pytest.fixture(scope="session")
def add_people(run_cli):
    """Create the accounts named (all of PEOPLE by default) through ``users add``."""

    def add(root: Path, names=None):
        for name in names or PEOPLE:
            password, roles = PEOPLE[name]
            args = [a for role in roles for a in ("--role", role)]
            result = run_cli("users", "add", name, *args, "--password-stdin", "-C", root, input=password + "\n")
            assert result.exit_code == 0, result.output

    return add


@pytest.fixture
def service_of():
    """A fresh ReviewService over a repository (re-reads the catalog, as each command does)."""
    from zi_evidence.repository import Repository
    from zi_evidence.review.session import repository_service

    def make(root: Path):
        return repository_service(Repository.open(root))

    return make


@pytest.fixture
def login():
    from zi_evidence.repository import Repository
    from zi_evidence.review.session import repository_accounts

    def sign_in(root: Path, name: str):
        return repository_accounts(Repository.open(root)).authenticate(name, PEOPLE[name][0])

    return sign_in


@pytest.fixture(params=["sqlite", "postgresql"])
def review_store(request, tmp_path):
    """A new, migrated review store: the state folder's SQLite file, or a fresh PostgreSQL database
    (the server's store); the key cases of the review tests run on both."""
    from zi_evidence.review.sqlstore import open_server_store, open_store

    if request.param == "sqlite":
        store = open_store(tmp_path / "store-state")
    else:
        store = open_server_store(request.getfixturevalue("postgres_db"))
    yield store
    store.close()
