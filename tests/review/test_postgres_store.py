"""The review store on PostgreSQL: the same migrations make the same tables, the audit log refuses edits,
and two reviewers deciding one question at once from two connections leave one decision."""

from __future__ import annotations

import threading

import psycopg
import pytest

from zi_evidence.errors import ReviewConflict, ReviewRefused
from zi_evidence.review.database import SCHEMA_HEAD, schema_revision, upgrade
from zi_evidence.review.model import Role

Q = "A.II.4.i.a"
UNIT = "Kantor Imigrasi Kelas II TPI Tanjung Kelayang"


def test_the_migrations_build_the_query_tables_on_postgresql(postgres_db):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from zi_evidence.review.sqlstore import open_server_store
    from zi_evidence.review.tables import metadata

    store = open_server_store(postgres_db)
    assert schema_revision(store.engine) == SCHEMA_HEAD
    assert upgrade(store.engine, "uji") is False
    with store.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []
    store.close()


def test_postgresql_refuses_edits_and_deletes_of_events(postgres_db):
    from zi_evidence.review.accounts import Accounts
    from zi_evidence.review.sqlstore import open_server_store

    store = open_server_store(postgres_db)
    Accounts(store).add("uji", "ani", "Ani", "sandi-ani-12345", [Role("tim_unit", "U")])
    store.close()
    with psycopg.connect(postgres_db.replace("postgresql+psycopg", "postgresql"), autocommit=True) as db:
        for statement in ("UPDATE events SET actor = 'x' WHERE seq = 1", "DELETE FROM events WHERE seq = 1"):
            with pytest.raises(psycopg.errors.RaiseException, match="hanya boleh ditambah"):
                db.execute(statement)


def test_a_url_that_is_not_postgresql_is_refused_with_advice():
    from zi_evidence.errors import ReviewError
    from zi_evidence.review.sqlstore import open_server_store

    with pytest.raises(ReviewError, match="bukan PostgreSQL"):
        open_server_store("mysql://root@localhost/zi")


@pytest.fixture(scope="module")
def sample(tmp_path_factory, sample_copy):
    return sample_copy(tmp_path_factory.mktemp("pgreview") / "sample")


def test_two_connections_deciding_at_once_leave_one_decision(sample, postgres_db):
    from zi_evidence.repository import Repository
    from zi_evidence.review.accounts import Accounts
    from zi_evidence.review.session import repository_service
    from zi_evidence.review.sqlstore import open_server_store

    first = repository_service(Repository.open(sample), open_server_store(postgres_db))
    accounts = Accounts(first.store)
    accounts.add("uji", "ani", "Ani", "sandi-ani-12345", [Role("tim_unit", UNIT)])
    for name in ("budi", "citra"):
        accounts.add("uji", name, name.title(), f"sandi-{name}-12345", [Role("verifikator", "*", "tpi")])
    first.submit(accounts.authenticate("ani", "sandi-ani-12345"), Q)

    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def decide(name: str, status: str) -> None:
        service = repository_service(Repository.open(sample), open_server_store(postgres_db))
        user = Accounts(service.store).authenticate(name, f"sandi-{name}-12345")
        barrier.wait()
        try:
            outcomes[name] = service.decide(user, Q, "tpi", status).status
        except (ReviewConflict, ReviewRefused) as exc:
            outcomes[name] = exc
        service.store.close()

    threads = [threading.Thread(target=decide, args=a) for a in (("budi", "diterima"), ("citra", "ditolak"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    winners = [name for name, outcome in outcomes.items() if isinstance(outcome, str)]
    assert len(winners) == 1, outcomes
    stored = first.chain(Q).tiers[1].review
    assert stored is not None and stored.reviewer == winners[0]
    assert [e.actor for e in first.history(Q) if e.action == "decide"] == winners
    first.store.close()
