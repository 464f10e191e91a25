"""The review database file in the state folder: the SQLite engine and its schema migrations.

Migrations run automatically when a command opens the database: on a unit's laptop nobody should have to
remember an upgrade step, and a database already at the head costs one SELECT (alembic is imported only
when there is something to do). Upgrading happens inside one ``BEGIN IMMEDIATE`` transaction, so two
processes opening a new database at once migrate it once; SQLite's DDL is transactional.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError

from zi_evidence.errors import ReviewError
from zi_evidence.state.journal import journal_choice

REVIEW_DB_NAME = "review.sqlite"
#: The newest migration; a test keeps it equal to alembic's head of ``migrations/versions``.
SCHEMA_HEAD = "0002"
MIGRATIONS = Path(__file__).parent / "migrations"


def sqlite_engine(path: Path) -> Engine:
    """An engine whose every transaction starts with ``BEGIN IMMEDIATE``: a check and the write it allows
    happen under one writer lock, so two processes deciding at once are serialised, never interleaved."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReviewError(f"Folder status {path.parent} tidak dapat dibuat ({exc}). Periksa izin foldernya.") from None
    mode, _ = journal_choice(path.parent)
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # pysqlite must not open transactions of its own
        cursor = dbapi_connection.cursor()
        _journal(cursor, mode)
        cursor.execute("PRAGMA synchronous=" + ("NORMAL" if mode == "wal" else "FULL"))
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def server_engine(url: str) -> Engine:
    """An engine on a PostgreSQL server from a ``postgresql://`` URL (psycopg 3 is the driver). Each
    transaction runs at READ COMMITTED: the revision check in ``put_review`` and the audit head's row lock
    keep concurrent writers apart, as they do on SQLite."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    if not url.startswith("postgresql+psycopg://"):
        raise ReviewError(f"Alamat basis data '{url}' bukan PostgreSQL. Tulis postgresql://pengguna@host/nama.")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise ReviewError("Server memerlukan psycopg. Pasang: pip install 'zi-evidence[server]'.") from None
    return create_engine(url, pool_pre_ping=True)


def _journal(cursor: Any, mode: str) -> None:
    """Set the journal mode; switching a new file to WAL takes a lock SQLite does not wait for, so two
    processes creating the database together retry here instead of failing."""
    for attempt in range(100):
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] != mode:
                cursor.execute(f"PRAGMA journal_mode={mode}")
            return
        except sqlite3.OperationalError:
            if attempt == 99:
                raise
            time.sleep(0.05)


def schema_revision(engine: Engine) -> str | None:
    """The migration the database is at; None for a new, empty database."""
    with engine.connect() as connection:
        try:
            return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        except DBAPIError:  # no such table (SQLite: OperationalError, PostgreSQL: ProgrammingError)
            return None


def upgrade(engine: Engine, where: Path | str) -> bool:
    """Bring the schema to the head; True when a migration ran. ``where`` names the file in messages."""
    if schema_revision(engine) == SCHEMA_HEAD:
        return False
    from alembic import command
    from alembic.config import Config
    from alembic.util.exc import CommandError

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # two server processes starting together: the second waits here, then finds the head
                connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7314)")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except CommandError as exc:
        raise ReviewError(
            f"Basis data pemeriksaan {where} tidak dikenal versi program ini ({exc}). Basis data itu mungkin "
            "dibuat versi zi-evidence yang lebih baru: perbarui zi-evidence."
        ) from None
    except DBAPIError as exc:
        raise ReviewError(f"Basis data pemeriksaan {where} tidak dapat diperbarui ({exc.orig}).") from None
    return True
