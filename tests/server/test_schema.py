"""The server's migrations make exactly the tables its queries use (the search plugin's tsvector columns
aside), beside the review chain's tables in the same database; opening again migrates nothing."""

from __future__ import annotations


def test_the_migrated_schema_matches_the_query_tables(server_db):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from zi_evidence.server.tables import metadata

    def ours(obj, name, type_, reflected, compare_to):
        if type_ == "table":
            return name in metadata.tables
        return not (type_ == "column" and name in ("tsv", "tsv_exact")) and not (name or "").startswith("pages_tsv")

    with server_db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": ours})
        assert compare_metadata(context, metadata) == []
        tables = {row[0] for row in connection.exec_driver_sql("SELECT tablename FROM pg_tables")}
    assert {"server_version", "alembic_version", "reviews", "events", "units", "placements", "pages"} <= tables


def test_opening_again_keeps_the_data(server_db, postgres_db):
    from datetime import date

    from zi_evidence.server.database import open_server
    from zi_evidence.server.org import add_unit, tree

    with server_db.engine.begin() as db:
        add_unit(db, "U1", "Unit Satu", "upt", None, date(2026, 1, 1))
    again = open_server(postgres_db)
    with again.engine.connect() as db:
        assert [u.code for u in tree(db, date(2026, 2, 1))] == ["U1"]
    again.close()
