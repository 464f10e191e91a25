"""The one storage interface of the review chain. ``sqlstore.SqlReviewStore`` implements it on the state
folder's SQLite file; the server (issue 14) gives the same interface on PostgreSQL.

Every read and write of one action happens in one ``transaction()``: the checks the service makes and the
writes they allow are atomic. ``put_review`` also compares revisions, so a write over a row someone else
changed in between fails with :class:`ReviewConflict` even where the database does not serialise writers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from typing import Protocol

from zi_evidence.review.model import Event, EventDraft, Review, Role, User


class StoreSession(Protocol):
    """What one transaction can read and write."""

    # -- reviews ------------------------------------------------------------------------------------
    def reviews(self, unit: str, question_id: str | None = None) -> list[Review]: ...

    def put_review(self, review: Review, expected_revision: int) -> Review:
        """Write ``review`` over the row at ``expected_revision`` (0: a new row); the stored revision is
        one more. Raises ``ReviewConflict`` when the row moved on."""
        ...

    # -- audit log ----------------------------------------------------------------------------------
    def append(self, draft: EventDraft) -> Event: ...

    def events(self, question_id: str | None = None) -> Iterator[Event]: ...

    def audit_head(self) -> tuple[int, str] | None: ...

    # -- accounts -----------------------------------------------------------------------------------
    def account(self, username: str) -> tuple[User, str] | None:
        """The user and their password hash (only the accounts module asks for the hash)."""
        ...

    def accounts(self) -> list[User]: ...

    def add_account(self, user: User, password_hash: str) -> None: ...

    def update_account(
        self, username: str, *, active: bool | None = None, password_hash: str | None = None
    ) -> None: ...

    def set_roles(self, username: str, roles: Iterable[Role]) -> None: ...

    # -- login throttle -----------------------------------------------------------------------------
    def login_attempts(self, key: str, since: str) -> list[tuple[str, bool]]:
        """``(at, ok)`` of the attempts for ``key`` at or after ``since``, oldest first."""
        ...

    def record_login_attempt(self, key: str, at: str, ok: bool) -> None: ...

    # -- web sessions -------------------------------------------------------------------------------
    def add_web_session(self, token_hash: str, username: str, csrf: str, at: str, expires_at: str) -> None: ...

    def web_session(self, token_hash: str, now: str) -> tuple[str, str] | None:
        """``(username, csrf token)`` of the unexpired session with that token hash."""
        ...

    def drop_web_sessions(self, *, token_hash: str | None = None, username: str | None = None) -> None:
        """End one session, or every session of a user (password change, disabled account)."""
        ...


class ReviewStore(Protocol):
    def transaction(self) -> AbstractContextManager[StoreSession]: ...

    def close(self) -> None: ...
