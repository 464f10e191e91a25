"""Opening the server database: one PostgreSQL URL holds the review chain's tables (the same migrations
as a unit's laptop) and the server's own (``migrations``, with their own version table)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from zi_evidence.errors import ServerError
from zi_evidence.review.sqlstore import SqlReviewStore, open_server_store

DB_ENV = "ZI_EVIDENCE_DB"
SERVER_HEAD = "s0005"
MIGRATIONS = Path(__file__).parent / "migrations"


@dataclass(frozen=True)
class ServerDb:
    engine: Engine
    reviews: SqlReviewStore
    where: str

    def close(self) -> None:
        self.reviews.close()


def database_url(url: str | None) -> str:
    url = url or os.environ.get(DB_ENV, "")
    if not url:
        raise ServerError(f"Alamat basis data server belum diberikan. Pakai --db postgresql://… atau isi {DB_ENV}.")
    return url


def open_server(url: str | None = None, host: Any = None) -> ServerDb:
    """The server database at ``url`` (or $ZI_EVIDENCE_DB), migrated to the current schema, with the
    search plugin's columns and indexes in place."""
    from zi_evidence.plugins import make_plugin_manager

    store = open_server_store(database_url(url))
    _upgrade(store.engine, str(store.where))
    for backend in (host or make_plugin_manager()).search_backends().values():
        prepare = getattr(backend, "server_prepare", None)
        if prepare is not None:
            prepare(store.engine)
    return ServerDb(store.engine, store, str(store.where))


def _upgrade(engine: Engine, where: str) -> None:
    with engine.connect() as connection:
        try:
            if connection.exec_driver_sql("SELECT version_num FROM server_version").scalar() == SERVER_HEAD:
                return
        except DBAPIError:
            pass
    from alembic import command
    from alembic.config import Config
    from alembic.util.exc import CommandError

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7315)")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except CommandError as exc:
        raise ServerError(
            f"Basis data server {where} dibuat versi zi-evidence yang lebih baru ({exc}). Perbarui zi-evidence."
        ) from None
