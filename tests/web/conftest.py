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
