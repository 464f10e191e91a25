"""The web app's fixtures: one indexed copy of sample_repo/ (with a hostile file name and a link that
points outside the tree) and a TestClient over it, shared by the module's tests to keep the suite fast."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "<img src=x onerror=alert(1)>.pdf"
HOSTILE_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;.pdf"
SECRET = b"RAHASIA-DI-LUAR-POHON"


@pytest.fixture(scope="session")
def web_tree(tmp_path_factory, fabricate, indexed_repo):
    """sample_repo/ copied and indexed, plus ``<img …>.pdf`` in a question folder and ``Lain-lain``, and a
    link to a file outside the tree; returns ``(root, outside_file)``."""
    base = tmp_path_factory.mktemp("web")
    root = base / "drive"
    shutil.copytree(ROOT / "sample_repo", root, ignore=shutil.ignore_patterns(".zi-evidence"))
    outside = base / "rahasia.txt"
    outside.write_bytes(SECRET)
    folder = root / "PEMENUHAN" / "AREA I - Manajemen Perubahan" / "i. Penyusunan Tim Kerja"
    fabricate.make_pdf(folder / f"1.i.a {HOSTILE}", ["Surat Keputusan Tim Kerja Zona Integritas 2026"])
    fabricate.make_pdf(root / "Lain-lain" / HOSTILE, ["Dokumen tanpa pertanyaan zona integritas"])
    os.symlink(outside, root / "Lain-lain" / "tautan-keluar.txt")
    indexed_repo(root)
    return root, outside


@pytest.fixture(scope="session")
def client(web_tree):
    from starlette.testclient import TestClient

    from zi_evidence.web import create_app

    with TestClient(create_app(web_tree[0])) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def file_ids(client):
    """Display path → catalog id, from the JSON twin of the file listing the CLI shares."""
    from zi_evidence.readiness.listing import file_rows
    from zi_evidence.repository import Repository

    repo = Repository.open(Path(client.app.state.site.repo.root))
    return {row.path: row.id for row in file_rows(repo)}


@pytest.fixture(scope="session")
def selectors():
    """Tiny helpers over the rendered HTML: the contract's selectors are ids, classes and data attributes."""

    class Html:
        @staticmethod
        def has_id(html: str, name: str) -> bool:
            return re.search(rf'\sid="{re.escape(name)}"', html) is not None

        @staticmethod
        def rows(html: str, attribute: str) -> list[str]:
            return re.findall(rf'<tr[^>]*\s{attribute}="([^"]*)"', html)

        @staticmethod
        def classes(html: str, name: str) -> int:
            return len(re.findall(rf'class="(?:[^"]*\s)?{re.escape(name)}(?:\s[^"]*)?"', html))

    return Html


# -- the review chain on the web --------------------------------------------------------------------

KUMHAM_EXTRA = """mapping:
  - {path: "PEMENUHAN/AREA I - Manajemen Perubahan/i. Penyusunan Tim Kerja/1.i.a*", id: A.1.1.a}
"""
#: name -> (password, roles) on the Kemenkumham chain unit → kanwil → eselon1 → tpi
PEOPLE = {
    "ani": ("sandi-ani-12345", ("tim_unit",)),
    "kiki": ("sandi-kiki-12345", ("verifikator:kanwil",)),
    "esa": ("sandi-esa-12345", ("verifikator:eselon1@*",)),
    "tari": ("sandi-tari-12345", ("verifikator:tpi@*",)),
    "luar": ("sandi-luar-12345", ("verifikator:kanwil@Unit Lain",)),
    "kira": ("sandi-kira-12345", ("verifikator:kanwil",)),
}


def kumham_copy(root: Path) -> Path:
    """sample_repo/ copied to ``root`` and switched to the Kemenkumham rule set (four tiers), its SK folder
    mapped to A.1.1.a by a mapping rule in the copy's zi-evidence.yaml."""
    shutil.copytree(ROOT / "sample_repo", root, ignore=shutil.ignore_patterns(".zi-evidence"))
    config = root / "zi-evidence.yaml"
    text = config.read_text(encoding="utf-8").replace("permenpanrb-90-2021", "permenkumham-29-2019")
    config.write_text(text + KUMHAM_EXTRA, encoding="utf-8")
    return root


def add_people(root: Path, names=None) -> None:
    from zi_evidence.repository import Repository
    from zi_evidence.review.accounts import parse_role
    from zi_evidence.review.session import repository_accounts

    repo = Repository.open(root)
    accounts = repository_accounts(repo)
    tiers = [t.key for t in repo.ruleset.tiers][1:]
    for name in names or PEOPLE:
        password, roles = PEOPLE[name]
        accounts.add("test", name, name.title(), password, [parse_role(r, tiers, repo.config.unit.name) for r in roles])


CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(html: str, form_id: str = "") -> str:
    """The CSRF token of the form ``form_id`` (default: the first form of the page)."""
    if form_id:
        html = html[html.index(f'id="{form_id}"') :]
    found = CSRF.search(html)
    assert found, "no CSRF field in the page"
    return found.group(1)


def web_login(client, name: str, password: str | None = None):
    """Log ``client`` in through the login form; returns the POST's response (303 on success)."""
    form = client.get("/masuk")
    data = {"csrf": csrf_of(form.text, "login-form"), "nama": name, "sandi": password or PEOPLE[name][0], "lanjut": "/"}
    return client.post("/masuk", data=data, follow_redirects=False)


@pytest.fixture(scope="module")
def kumham_site(tmp_path_factory, indexed_repo):
    """A Kemenkumham copy of sample_repo/, indexed, with the accounts of PEOPLE."""
    root = kumham_copy(tmp_path_factory.mktemp("kumham") / "drive")
    indexed_repo(root)
    add_people(root)
    return root


@pytest.fixture(scope="module")
def kumham_app(kumham_site):
    from zi_evidence.web import create_app

    return create_app(kumham_site)


@pytest.fixture
def https_client(kumham_app):
    """Fresh clients (each its own cookie jar) over HTTPS, so Secure cookies travel as in a browser."""
    from starlette.testclient import TestClient

    def make():
        return TestClient(kumham_app, base_url="https://testserver")

    return make


@pytest.fixture(scope="session")
def web_auth():
    """The helpers above for test modules (conftest is not importable under --import-mode=importlib)."""

    class Helpers:
        people = PEOPLE
        csrf_of = staticmethod(csrf_of)
        login = staticmethod(web_login)
        add_people = staticmethod(add_people)
        kumham_copy = staticmethod(kumham_copy)

    return Helpers
