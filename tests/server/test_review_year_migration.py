"""s0004 on a real PostgreSQL: a database made at s0003 holding reviews and audit events of units that
pushed one or two years gets each unit's rows under its latest pushed year, and the log still checks."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select

from zi_evidence.server.database import SERVER_HEAD

Q = "A.1.1.a"


def _at_s0003(url: str):
    from alembic import command
    from alembic.config import Config

    from zi_evidence.review.sqlstore import open_server_store
    from zi_evidence.server.database import MIGRATIONS

    store = open_server_store(url)  # the review chain's own migrations, as the server runs them first
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "s0003")
    return store


def _review(unit: str, tier: str, status: str, note: str):
    from zi_evidence.review.model import Review

    return Review(unit, Q, tier, status, 1, "ya", note, (), "kiki", "2026-03-01T00:00:00+00:00", "f" * 64)


def test_s0004_gives_old_rows_the_year_of_the_units_latest_snapshot(postgres_db):
    from zi_evidence.review import audit
    from zi_evidence.review.model import EventDraft
    from zi_evidence.review.sqlstore import SqlSession
    from zi_evidence.server.database import open_server
    from zi_evidence.server.tables import event_years, reviews, snapshots, units
    from zi_evidence.server.yearstore import YearStore

    store = _at_s0003(postgres_db)
    with store.engine.begin() as db:
        version = db.exec_driver_sql("SELECT version_num FROM server_version").scalar()
        assert version == "s0003" and "year" not in {c["name"] for c in db.dialect.get_columns(db, "reviews")}
        db.execute(insert(units), [{"id": 1, "code": "U1", "name": "Satu", "kind": "upt"},
                                   {"id": 2, "code": "U2", "name": "Dua", "kind": "upt"}])  # fmt: skip
        pushed = [(1, 2025, "a"), (1, 2026, "b"), (2, 2025, "c"), (2, 2027, "")]  # U2's 2027: never finished
        db.execute(
            insert(snapshots),
            [{"unit_id": u, "year": y, "digest": d, "pushed_at": "2026-01-01", "summary": "{}"} for u, y, d in pushed],
        )
        old = SqlSession(db)
        old.put_review(_review("U1", "kanwil", "diterima", "sah"), 0)
        old.put_review(_review("U2", "unit", "submitted", ""), 0)
        for unit, action in (("U1", "decide"), ("U2", "push"), ("", "user_add")):
            old.append(EventDraft("2026-03-01T00:00:00+00:00", "kiki", action, unit, Q if unit else "", "kanwil"))
    store.close()

    db = open_server(postgres_db)
    try:
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT version_num FROM server_version").scalar() == SERVER_HEAD
            years = dict(connection.execute(select(reviews.c.unit, reviews.c.year)).all())
            assert years == {"U1": 2026, "U2": 2025}
            events = dict(connection.execute(select(event_years.c.seq, event_years.c.year)).all())
            assert events == {1: 2026, 2: 2025}  # the account event (seq 3) belongs to no unit's year
        with YearStore(db.reviews, "U1", 2026).transaction() as session:
            assert [r.note for r in session.reviews("U1")] == ["sah"]
            assert [e.action for e in session.events(Q)] == ["decide"]
        with YearStore(db.reviews, "U1", 2025).transaction() as session:
            assert session.reviews("U1") == [] and list(session.events()) == []
            # the same question and tier may now hold a verdict in another year
            session.put_review(_review("U1", "kanwil", "perlu_perbaikan", "kurang"), 0)
            session.append(EventDraft("2026-03-02T00:00:00+00:00", "kiki", "decide", "U1", Q, "kanwil"))
        with YearStore(db.reviews, "U1", 2025).transaction() as session:
            assert [r.note for r in session.reviews("U1")] == ["kurang"]
            assert [e.seq for e in session.events()] == [4]
        with db.reviews.transaction() as session:
            assert audit.verify(session.events(), session.audit_head()).ok  # no old event was touched
    finally:
        db.close()


def _server_migrate(db, target: str, down: bool = False) -> None:
    from alembic import command
    from alembic.config import Config

    from zi_evidence.server.database import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, target)


def test_s0004_goes_back_only_while_each_unit_holds_one_year(postgres_db):
    from zi_evidence.server.database import open_server
    from zi_evidence.server.tables import reviews
    from zi_evidence.server.yearstore import YearStore

    db = open_server(postgres_db)
    try:
        with YearStore(db.reviews, "U9", 2025).transaction() as session:  # a unit the tree no longer has
            session.put_review(_review("U9", "kanwil", "diterima", "sah"), 0)
        _server_migrate(db, "s0003", down=True)
        with db.engine.connect() as connection:
            columns = {c["name"] for c in connection.dialect.get_columns(connection, "reviews")}
        assert "year" not in columns
        _server_migrate(db, "head")  # no snapshot of U9: the row takes the year of its own time stamp
        with db.engine.connect() as connection:
            assert connection.execute(select(reviews.c.unit, reviews.c.year)).all() == [("U9", 2026)]
        with YearStore(db.reviews, "U9", 2025).transaction() as session:
            session.put_review(_review("U9", "kanwil", "diterima", "sah"), 0)
        with pytest.raises(RuntimeError, match="lebih dari satu tahun"):
            _server_migrate(db, "s0003", down=True)
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT version_num FROM server_version").scalar() == SERVER_HEAD
    finally:
        db.close()
