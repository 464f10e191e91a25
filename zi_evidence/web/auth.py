"""Accounts in the web app: server-side sessions, CSRF tokens, and login throttling per name and per address.

A session is a random token (``secrets``) in an HttpOnly, SameSite=Lax cookie; the store keeps only the token's
SHA-256, so a copy of the database logs nobody in, and logout or a password change really ends it. Logging in
always makes a new token and ends the session the browser had, so a planted cookie never becomes a logged-in
one (session fixation). Every form of a logged-in user carries the session's CSRF token; the login form,
before any session, carries a token of its own that must equal a short-lived cookie (double submit).

Without any account the app stays what it was: single-user and read-only on loopback, no login asked.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import threading
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

from zi_evidence.errors import LoginFailed, LoginThrottled
from zi_evidence.review import throttle
from zi_evidence.review.accounts import Accounts
from zi_evidence.review.clock import stamp, utc_now
from zi_evidence.review.database import REVIEW_DB_NAME
from zi_evidence.review.model import EventDraft, User
from zi_evidence.review.sqlstore import SqlReviewStore, open_store

COOKIE = "zi_sesi"
LOGIN_COOKIE = "zi_masuk"
LIFETIME = timedelta(hours=12)
#: failed logins from one address, whatever the names tried: wider than the per-name limit (shared offices)
ADDRESS_POLICY = throttle.ThrottlePolicy(max_failures=20)


@dataclass(frozen=True)
class Visitor:
    """Who is asking: ``enabled`` when the repository has accounts; ``user`` when logged in."""

    enabled: bool
    user: User | None = None
    csrf: str = ""
    token_hash: str = ""


ANONYMOUS = Visitor(False)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).hexdigest()


def same_token(given: object, expected: str) -> bool:
    return isinstance(given, str) and bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


def address_key(address: str) -> str:
    return f"alamat:{address}"


class WebAccounts:
    """The review store as the web app uses it; the database is opened only once it exists (``users add``
    makes it), so a repository without accounts gets no new file from serving."""

    def __init__(self, state_dir: Path) -> None:
        self.path = state_dir / REVIEW_DB_NAME
        self._store: SqlReviewStore | None = None
        self._enabled = False  # once an account exists the app stays locked, even if all are disabled later
        self._lock = threading.Lock()

    def store(self) -> SqlReviewStore | None:
        if self._store is None and self.path.is_file():
            with self._lock:
                if self._store is None:
                    self._store = open_store(self.path.parent)
        return self._store

    def enabled(self) -> bool:
        if not self._enabled:
            store = self.store()
            if store is not None:
                with store.transaction() as session:
                    self._enabled = bool(session.accounts())
        return self._enabled

    def visitor(self, token: str | None) -> Visitor:
        if not self.enabled():
            return ANONYMOUS
        store = self.store()
        if not token or store is None:
            return Visitor(True)
        hashed = token_hash(token)
        with store.transaction() as session:
            found = session.web_session(hashed, stamp(utc_now()))
            account = session.account(found[0]) if found else None
        if found is None or account is None or not account[0].active:
            return Visitor(True)
        return Visitor(True, account[0], found[1], hashed)

    def login(self, username: str, password: str, address: str, old_token: str | None) -> str:
        """A new session's token; raises ``LoginFailed``/``LoginThrottled`` with the message to show."""
        store = self.store()
        if store is None:
            raise LoginFailed("Belum ada akun. Buat dengan 'zi-evidence users add' lalu muat ulang halaman ini.")
        now = utc_now()
        with store.transaction() as session:
            throttle.check(session, address_key(address), now, ADDRESS_POLICY)
        try:
            user = Accounts(store).authenticate(username, password, channel="web")
        except LoginThrottled:
            raise
        except LoginFailed:
            with store.transaction() as session:
                session.record_login_attempt(address_key(address), stamp(now), False)
            raise
        return self._new_session(store, user.username, old_token)

    def _new_session(self, store: SqlReviewStore, username: str, old_token: str | None) -> str:
        token, now = secrets.token_urlsafe(32), utc_now()
        with store.transaction() as session:
            if old_token:
                session.drop_web_sessions(token_hash=token_hash(old_token))
            session.add_web_session(
                token_hash(token), username, secrets.token_urlsafe(32), stamp(now), stamp(now + LIFETIME)
            )
        return token

    def change_password(self, visitor: Visitor, old: str, new: str) -> str:
        """Change the logged-in user's password; every session of theirs ends and this browser gets a new one."""
        store = self.store()
        assert store is not None and visitor.user is not None
        Accounts(store).change_password(visitor.user.username, old, new)
        return self._new_session(store, visitor.user.username, None)

    def logout(self, visitor: Visitor) -> None:
        store = self.store()
        if store is None or visitor.user is None:
            return
        with store.transaction() as session:
            session.drop_web_sessions(token_hash=visitor.token_hash)
            session.append(EventDraft(stamp(utc_now()), visitor.user.username, "logout", detail={"channel": "web"}))


def secure_cookie(request: Request) -> bool:
    """Secure whenever the browser will still send it back: over HTTPS (also behind a local proxy that says
    so), and on loopback, which browsers treat as secure. Plain HTTP across a network cannot carry it."""
    server = request.scope.get("server") or ("", 0)
    return request.url.scheme == "https" or is_loopback(str(server[0]))


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def set_session_cookie(response: Response, request: Request, token: str) -> None:
    response.set_cookie(COOKIE, token, httponly=True, samesite="lax", secure=secure_cookie(request), path="/")


def clear_session_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax", secure=secure_cookie(request))


def visitor_of(request: Request) -> Visitor:
    found = request.scope.get("state", {}).get("visitor")
    return found if isinstance(found, Visitor) else ANONYMOUS
