"""Server fixtures: every test here runs against the real PostgreSQL of ``postgres_server``
(tests/conftest.py), a fresh database per test; units are real indexed drives with real PDFs; the
HTTP tests talk to a real uvicorn server on a loopback port."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

KUMHAM = """schema_version: 1
ruleset: permenkumham-29-2019
unit:
  name: {name}
  institution: Kementerian Uji
year: {year}
target: WBK
"""
SK = "AREA I/i. Penyusunan Tim Kerja/1.i.a SK Tim Kerja ZI.pdf"
NOTULEN = "AREA I/i. Penyusunan Tim Kerja/1.i.a Notulen Rapat Tim.pdf"
BEGIN = date(2026, 1, 1)


@pytest.fixture
def server_db(postgres_db):
    from zi_evidence.server.database import open_server

    db = open_server(postgres_db)
    yield db
    db.close()


@pytest.fixture
def blob_store(tmp_path):
    from zi_evidence.server.blobs import FileBlobStore

    return FileBlobStore(tmp_path / "server-store")


@pytest.fixture
def org(server_db):
    """Two Kanwil under one Eselon I; UPT-A and UPT-B under Kanwil Jatim, UPT-C under Kanwil Jabar."""
    from zi_evidence.server.org import add_unit

    with server_db.engine.begin() as db:
        add_unit(db, "ESELON", "Ditjen Uji", "eselon1", None, BEGIN)
        add_unit(db, "KW-JATIM", "Kanwil Jawa Timur", "kanwil", "ESELON", BEGIN)
        add_unit(db, "KW-JABAR", "Kanwil Jawa Barat", "kanwil", "ESELON", BEGIN)
        add_unit(db, "UPT-A", "Lapas A", "upt", "KW-JATIM", BEGIN)
        add_unit(db, "UPT-B", "Rutan B", "upt", "KW-JATIM", BEGIN)
        add_unit(db, "UPT-C", "Lapas C", "upt", "KW-JABAR", BEGIN)
    return server_db


@pytest.fixture
def unit_drive(tmp_path, fabricate, indexed_repo):
    """An indexed Kemenkumham drive: an SK and a notulen for A.1.1.a (texts given, or the defaults)."""

    def make(name: str, sk: list[str] | None = None, year: int = 2026, copy_sk_from: Path | None = None) -> Path:
        root = tmp_path / "drives" / f"{name}-{year}"
        root.mkdir(parents=True)
        (root / "zi-evidence.yaml").write_text(KUMHAM.format(name=name, year=year), encoding="utf-8")
        if copy_sk_from is not None:
            (root / SK).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(copy_sk_from / SK, root / SK)
        else:
            pages = sk or [f"KEPUTUSAN KEPALA {name.upper()} tentang Tim Kerja Pembangunan Zona Integritas"]
            fabricate.make_pdf(root / SK, pages)
        fabricate.make_pdf(root / NOTULEN, [f"NOTULEN RAPAT {name.upper()} nomor W.11-{year}/{len(name)}"])
        indexed_repo(root)
        return root

    return make


@pytest.fixture
def issue_token(org):
    from zi_evidence.server.tokens import issue

    def make(code: str) -> str:
        with org.engine.begin() as db:
            return issue(db, code, "uji")

    return make


@pytest.fixture
def live_server(org, blob_store, live_app):
    """The server app on a real uvicorn at a loopback port; yields its base URL."""
    from zi_evidence.server.app import create_server_app

    with live_app(create_server_app(org, blob_store)) as url:
        yield url


@pytest.fixture
def accounts_on(org):
    """Server accounts with known passwords; returns (name -> password)."""
    from zi_evidence.review.accounts import Accounts
    from zi_evidence.review.model import Role

    people = {
        "kiki": [Role("verifikator", "KW-JATIM", "kanwil")],
        "jaja": [Role("verifikator", "KW-JABAR", "kanwil")],
        "esa": [Role("verifikator", "ESELON", "eselon1")],
    }
    accounts = Accounts(org.reviews)
    for name, roles in people.items():
        accounts.add("uji", name, name.title(), f"sandi-{name}-12345", roles)
    return {name: f"sandi-{name}-12345" for name in people}


@pytest.fixture
def pushed(org, blob_store):
    """Ingest a synthetic snapshot for unit CODE: {path: (question, [page texts])}, each file's bytes its
    text; through the same receive/commit as a push."""
    import hashlib

    from zi_evidence.server import ingest
    from zi_evidence.server.org import unit_id
    from zi_evidence.server.snapshot import ManifestEntry, Snapshot

    def push(code: str, docs: dict[str, tuple[str | None, list[str]]], year: int = 2026) -> Snapshot:
        entries, texts, data = [], {}, {}
        for path, (question, pages) in docs.items():
            body = "\n".join(pages).encode("utf-8")
            sha = hashlib.sha256(body).hexdigest()
            data[sha] = body
            mapping = "question" if question else "unmapped"
            entries.append(ManifestEntry(path, sha, len(body), "text/plain", question, mapping, "text", "1"))
            texts[sha] = tuple(pages)
        summary = {"ruleset": "permenkumham-29-2019", "questions": 10, "supported": len(docs)}
        snapshot = Snapshot(code, year, "permenkumham-29-2019", tuple(entries), texts, (), {}, (), summary)
        with org.engine.begin() as db:
            for sha, body in data.items():
                ingest.receive(db, blob_store, sha, [body])
            ingest.commit(db, unit_id(db, code), snapshot)
        return snapshot

    return push


@pytest.fixture
def push_drive(org, blob_store, run_cli, tmp_path):
    """``push_drive(code, root)``: the drive's real ``push --to FILE.zip``, imported for unit ``code``."""
    from zi_evidence.server.service import Ingest

    ingest = Ingest(org, blob_store)

    def push(code: str, root: Path) -> None:
        archive = tmp_path / f"{code}-{root.name}.zip"
        result = run_cli("push", "--to", archive, "-C", root)
        assert result.exit_code == 0, result.output
        ingest.import_zip(archive, code)

    return push
