"""``ReviewStore`` over SQLAlchemy Core: the SQLite file of a unit's laptop today, any SQLAlchemy URL later."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError

from zi_evidence.errors import AccountError, ReviewConflict, ReviewError
from zi_evidence.review import audit
from zi_evidence.review.database import REVIEW_DB_NAME, server_engine, sqlite_engine, upgrade
from zi_evidence.review.model import Event, EventDraft, PageRef, Review, Role, User
from zi_evidence.review.tables import audit_head, events, login_attempts, reviews, roles, users, web_sessions


def open_store(state_dir: Path) -> SqlReviewStore:
    """The review database of a state folder, created and migrated to the current schema if need be."""
    path = state_dir / REVIEW_DB_NAME
    engine = sqlite_engine(path)
    try:
        upgrade(engine, path)
    except DatabaseError as exc:  # not a SQLite file at all (truncated, overwritten): say so, no traceback
        engine.dispose()
        raise ReviewError(
            f"Basis data pemeriksaan {path} rusak atau bukan basis data SQLite ({exc.orig}). Pulihkan berkas itu "
            "dari cadangan; bila belum ada pemeriksaan yang perlu disimpan, pindahkan berkas itu ke tempat lain."
        ) from None
    return SqlReviewStore(engine, path)


def open_server_store(url: str) -> SqlReviewStore:
    """The review database on a PostgreSQL server, migrated by the same migrations as a state folder's."""
    engine = server_engine(url)
    where = engine.url.render_as_string(hide_password=True)
    upgrade(engine, where)
    return SqlReviewStore(engine, where)


class SqlReviewStore:
    def __init__(self, engine: Engine, where: Path | str) -> None:
        self.engine = engine
        self.where = where

    @contextmanager
    def transaction(self) -> Iterator[SqlSession]:
        try:
            with self.engine.begin() as connection:
                yield SqlSession(connection)
        except OperationalError as exc:
            raise ReviewError(
                f"Basis data pemeriksaan {self.where} tidak dapat dipakai ({exc.orig}). Bila proses lain sedang "
                "menulis, ulangi sebentar lagi."
            ) from None

    def close(self) -> None:
        self.engine.dispose()


def _review(row: Any) -> Review:
    refs = tuple(PageRef(r["sha256"], int(r["page"])) for r in json.loads(row.page_refs))
    return Review(
        row.unit,
        row.question_id,
        row.tier,
        row.status,
        row.round,
        row.answer,
        row.note,
        refs,
        row.reviewer,
        row.at,
        row.fingerprint,
        row.revision,
    )


def _event(row: Any) -> Event:
    return Event(*(getattr(row, c.name) for c in events.columns))


class SqlSession:
    #: the reviews table the queries use; the server's (``zi_evidence.server.yearstore``) has a year column
    review_table = reviews

    def __init__(self, connection: Connection) -> None:
        self.db = connection

    def _scope(self) -> dict[str, Any]:
        """Columns every review row of this session has, read and written (the server: the year)."""
        return {}

    # -- reviews ------------------------------------------------------------------------------------
    def reviews(self, unit: str, question_id: str | None = None) -> list[Review]:
        table = self.review_table
        query = select(table).where(table.c.unit == unit, *(table.c[k] == v for k, v in self._scope().items()))
        if question_id is not None:
            query = query.where(table.c.question_id == question_id)
        return [_review(row) for row in self.db.execute(query.order_by(table.c.question_id, table.c.id))]

    def put_review(self, review: Review, expected_revision: int) -> Review:
        stored = Review(**{**review.__dict__, "revision": expected_revision + 1})
        values = {
            "round": stored.round,
            "status": stored.status,
            "answer": stored.answer,
            "note": stored.note,
            "page_refs": json.dumps([r.as_dict() for r in stored.page_refs]),
            "reviewer": stored.reviewer,
            "at": stored.at,
            "fingerprint": stored.fingerprint,
            "revision": stored.revision,
        }
        table, scope = self.review_table, self._scope()
        key = {"unit": review.unit, "question_id": review.question_id, "tier": review.tier, **scope}
        if expected_revision == 0:
            try:
                with self.db.begin_nested():
                    self.db.execute(insert(table).values(**key, **values))
            except IntegrityError:
                raise _conflict(review) from None
            return stored
        changed = self.db.execute(
            update(table)
            .where(*(table.c[k] == v for k, v in key.items()))
            .where(table.c.revision == expected_revision)
            .values(**values)
        )
        if changed.rowcount != 1:
            raise _conflict(review)
        return stored

    # -- audit log ----------------------------------------------------------------------------------
    def append(self, draft: EventDraft) -> Event:
        # the head row is read for update: on a server this one lock keeps the chain from forking
        head = self.db.execute(select(audit_head).where(audit_head.c.id == 1).with_for_update()).one()
        sealed = audit.seal(draft, head.length + 1, head.hash)
        self.db.execute(insert(events).values(**sealed.__dict__))
        self.db.execute(update(audit_head).where(audit_head.c.id == 1).values(length=sealed.seq, hash=sealed.hash))
        return sealed

    def events(self, question_id: str | None = None) -> Iterator[Event]:
        query = select(events).order_by(events.c.seq)
        if question_id is not None:
            query = query.where(events.c.question_id == question_id)
        for row in self.db.execute(query):
            yield _event(row)

    def audit_head(self) -> tuple[int, str] | None:
        row = self.db.execute(select(audit_head).where(audit_head.c.id == 1)).first()
        return (row.length, row.hash) if row else None

    # -- accounts -----------------------------------------------------------------------------------
    def _roles(self, user_ids: Iterable[int]) -> dict[int, tuple[Role, ...]]:
        found: dict[int, list[Role]] = {}
        query = select(roles).where(roles.c.user_id.in_(list(user_ids))).order_by(roles.c.id)
        for row in self.db.execute(query):
            found.setdefault(row.user_id, []).append(Role(row.role, row.unit, row.tier or None))
        return {key: tuple(value) for key, value in found.items()}

    def _user(self, row: Any, granted: dict[int, tuple[Role, ...]]) -> User:
        return User(row.username, row.display_name, bool(row.active), granted.get(row.id, ()), row.created_at)

    def account(self, username: str) -> tuple[User, str] | None:
        row = self.db.execute(select(users).where(users.c.username == username)).first()
        if row is None:
            return None
        return self._user(row, self._roles([row.id])), row.password_hash

    def accounts(self) -> list[User]:
        rows = list(self.db.execute(select(users).order_by(users.c.username)))
        granted = self._roles(row.id for row in rows)
        return [self._user(row, granted) for row in rows]

    def add_account(self, user: User, password_hash: str) -> None:
        try:
            with self.db.begin_nested():
                self.db.execute(
                    insert(users).values(
                        username=user.username,
                        display_name=user.display_name,
                        password_hash=password_hash,
                        active=user.active,
                        created_at=user.created_at,
                    )
                )
        except IntegrityError:
            raise AccountError(f"Nama pengguna '{user.username}' sudah dipakai. Pilih nama lain.") from None
        self.set_roles(user.username, user.roles)

    def update_account(self, username: str, *, active: bool | None = None, password_hash: str | None = None) -> None:
        values: dict[str, Any] = {}
        if active is not None:
            values["active"] = active
        if password_hash is not None:
            values["password_hash"] = password_hash
        if values:
            self.db.execute(update(users).where(users.c.username == username).values(**values))

    def set_roles(self, username: str, granted: Iterable[Role]) -> None:
        user_id = self.db.execute(select(users.c.id).where(users.c.username == username)).scalar_one()
        self.db.execute(delete(roles).where(roles.c.user_id == user_id))
        for role in dict.fromkeys(granted):  # the same role twice is one role
            self.db.execute(insert(roles).values(user_id=user_id, role=role.role, unit=role.unit, tier=role.tier or ""))

    # -- login throttle -----------------------------------------------------------------------------
    def login_attempts(self, key: str, since: str) -> list[tuple[str, bool]]:
        query = (
            select(login_attempts.c.at, login_attempts.c.ok)
            .where(login_attempts.c.key == key, login_attempts.c.at >= since)
            .order_by(login_attempts.c.at, login_attempts.c.id)
        )
        return [(row.at, bool(row.ok)) for row in self.db.execute(query)]

    def record_login_attempt(self, key: str, at: str, ok: bool) -> None:
        self.db.execute(insert(login_attempts).values(key=key, at=at, ok=ok))

    # -- web sessions -------------------------------------------------------------------------------
    def add_web_session(self, token_hash: str, username: str, csrf: str, at: str, expires_at: str) -> None:
        self.db.execute(delete(web_sessions).where(web_sessions.c.expires_at < at))  # expired ones go here
        self.db.execute(
            insert(web_sessions).values(
                token_hash=token_hash, username=username, csrf=csrf, created_at=at, expires_at=expires_at
            )
        )

    def web_session(self, token_hash: str, now: str) -> tuple[str, str] | None:
        row = self.db.execute(
            select(web_sessions).where(web_sessions.c.token_hash == token_hash, web_sessions.c.expires_at > now)
        ).first()
        return (row.username, row.csrf) if row else None

    def drop_web_sessions(self, *, token_hash: str | None = None, username: str | None = None) -> None:
        if token_hash is not None:
            self.db.execute(delete(web_sessions).where(web_sessions.c.token_hash == token_hash))
        if username is not None:
            self.db.execute(delete(web_sessions).where(web_sessions.c.username == username))


def _conflict(review: Review) -> ReviewConflict:
    return ReviewConflict(
        f"Pemeriksaan {review.question_id} tingkat {review.tier} baru saja diubah orang lain; tindakan Anda tidak "
        "disimpan. Lihat keadaannya ('zi-evidence review status') lalu ulangi bila masih perlu."
    )
