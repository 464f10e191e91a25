"""The review database's schema comes from Alembic migrations shipped with the package: an empty file is
upgraded to the head, upgrading again changes nothing, and the tables the queries use match the result."""

from __future__ import annotations

import sqlite3

import pytest

from zi_evidence.errors import ReviewError
from zi_evidence.review.database import MIGRATIONS, REVIEW_DB_NAME, SCHEMA_HEAD, schema_revision, sqlite_engine, upgrade


def _tables(path):
    with sqlite3.connect(path) as db:
        return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")}


def test_an_empty_database_is_upgraded_to_the_head(tmp_path):
    path = tmp_path / REVIEW_DB_NAME
    path.touch()  # an empty file, as a half-done first start would leave
    engine = sqlite_engine(path)
    assert schema_revision(engine) is None
    assert upgrade(engine, path) is True
    assert schema_revision(engine) == SCHEMA_HEAD
    assert {"users", "roles", "login_attempts", "reviews", "events", "audit_head", "alembic_version"} <= _tables(path)
    assert {"events_no_update", "events_no_delete"} <= _tables(path)


def test_upgrading_again_is_a_no_op_and_keeps_the_data(tmp_path):
    from alembic import command
    from alembic.config import Config

    from zi_evidence.review.accounts import Accounts
    from zi_evidence.review.model import Role
    from zi_evidence.review.sqlstore import open_store

    store = open_store(tmp_path)
    Accounts(store).add("uji", "ani", "Ani", "sandi-ani-12345", [Role("tim_unit", "U")])
    assert upgrade(store.engine, tmp_path) is False
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as connection:  # alembic itself, asked to upgrade a database at the head
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert [u.username for u in Accounts(open_store(tmp_path)).users()] == ["ani"]


def test_the_head_constant_is_alembics_head():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_HEAD


def test_the_query_tables_match_the_migrated_schema(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from zi_evidence.review.sqlstore import open_store
    from zi_evidence.review.tables import metadata

    store = open_store(tmp_path)
    with store.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []


def test_a_database_from_a_newer_program_is_refused_with_advice(tmp_path):
    from zi_evidence.review.sqlstore import open_store

    open_store(tmp_path).close()
    with sqlite3.connect(tmp_path / REVIEW_DB_NAME) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(ReviewError, match="perbarui zi-evidence"):
        open_store(tmp_path)
