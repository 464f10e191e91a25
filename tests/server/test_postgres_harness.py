"""The test harness's PostgreSQL is real, has the Indonesian text-search configuration, and
scripts/start-postgres is idempotent (a second start finds the running cluster)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import psycopg

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "start-postgres"


def test_the_database_is_a_real_postgresql_with_indonesian_stems(postgres_db):
    with psycopg.connect(postgres_db) as db:
        assert db.execute("SHOW server_version").fetchone()[0].split(".")[0] >= "15"
        vector = db.execute("SELECT to_tsvector('indonesian', 'pelayanan layanan penetapan')").fetchone()[0]
    assert vector == "'etap':3 'layan':1,2"


def test_starting_twice_gives_the_same_running_server(postgres_server):
    host = dict(part.split("=") for part in postgres_server.split("?", 1)[1].split("&"))["host"]
    again = subprocess.run([str(SCRIPT), host], capture_output=True, text=True, check=True)
    assert again.stdout.strip() == postgres_server
    with psycopg.connect(postgres_server) as db:
        assert db.execute("SELECT 1").fetchone() == (1,)
