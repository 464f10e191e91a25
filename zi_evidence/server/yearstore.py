"""The review store on the server, for one unit's one year: the drive's store holds one drive's one year
(its ``zi-evidence.yaml`` names the year), the server holds every year of every unit, so each read and
write of reviews and audit events here is limited to the (unit, year) it was opened for.

The audit log stays one hash chain for the whole server; an event's year sits in ``event_years`` (the
events table may only be appended to) and also in the event's hashed detail, so moving an event to
another year shows when the chain is checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, insert, select

from zi_evidence.review.model import Event, EventDraft, Review
from zi_evidence.review.sqlstore import SqlReviewStore, SqlSession, _event
from zi_evidence.server.tables import event_years, events, reviews


class YearSession(SqlSession):
    review_table = reviews

    def __init__(self, connection: Connection, unit: str, year: int) -> None:
        super().__init__(connection)
        self.unit, self.year = unit, year

    def _scope(self) -> dict[str, Any]:
        return {"year": self.year}

    def reviews(self, unit: str, question_id: str | None = None) -> list[Review]:
        return super().reviews(self.unit, question_id) if unit == self.unit else []

    def put_review(self, review: Review, expected_revision: int) -> Review:
        if review.unit != self.unit:
            raise ValueError(f"review of {review.unit} written through the store of {self.unit}")
        return super().put_review(review, expected_revision)

    def append(self, draft: EventDraft) -> Event:
        if draft.unit != self.unit:
            raise ValueError(f"event of {draft.unit!r} written through the store of {self.unit}")
        sealed = super().append(replace(draft, detail={**draft.detail, "year": self.year}))
        self.db.execute(insert(event_years).values(seq=sealed.seq, year=self.year))
        return sealed

    def events(self, question_id: str | None = None) -> Iterator[Event]:
        query = (
            select(events)
            .join(event_years, event_years.c.seq == events.c.seq)
            .where(events.c.unit == self.unit, event_years.c.year == self.year)
            .order_by(events.c.seq)
        )
        if question_id is not None:
            query = query.where(events.c.question_id == question_id)
        for row in self.db.execute(query):
            yield _event(row)


class YearStore:
    """A ``ReviewStore`` over the server's store for one unit and year (the store stays open: the server
    database owns it)."""

    def __init__(self, store: SqlReviewStore, unit: str, year: int) -> None:
        self.store, self.unit, self.year = store, unit, year

    @contextmanager
    def transaction(self) -> Iterator[YearSession]:
        with self.store.transaction() as session:
            yield YearSession(session.db, self.unit, self.year)

    def close(self) -> None:
        pass
