"""Accounts: argon2 password hashes, roles scoped to units, login with throttling, and every change logged.

A password lives only in the caller's memory and, hashed by argon2id (argon2-cffi's RFC 9106 defaults),
in the store; no message, event or log line carries it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from zi_evidence.errors import AccountError, LoginFailed
from zi_evidence.review import throttle
from zi_evidence.review.clock import Clock, stamp, utc_now
from zi_evidence.review.model import ALL_UNITS, ROLE_ADMIN, ROLE_UNIT, ROLE_VERIFIER, EventDraft, Role, User
from zi_evidence.review.store import ReviewStore, StoreSession

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_PASSWORD = 10
WRONG = "Nama pengguna atau kata sandi salah, atau akunnya dinonaktifkan. Periksa lalu ulangi."


@cache
def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


@cache
def _dummy_hash() -> str:
    # verified against when the name is unknown, so a wrong name takes as long as a wrong password
    return str(_hasher().hash("tidak-ada-akun-ini"))


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"Kata sandi terlalu pendek: paling sedikit {MIN_PASSWORD} karakter.")
    return str(_hasher().hash(password))


def _matches(password_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(_hasher().verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def parse_role(text: str, verifier_tiers: Iterable[str], default_unit: str) -> Role:
    """``tim_unit``, ``admin`` or ``verifikator:TIER``, each optionally ``@UNIT`` (``@*`` = every unit)."""
    spec, _, unit = text.partition("@")
    role, _, tier = spec.strip().partition(":")
    unit = unit.strip() or default_unit
    tiers = list(verifier_tiers)
    if role == ROLE_VERIFIER:
        if tier not in tiers:
            raise AccountError(
                f"Peran '{text}': tingkat verifikator harus salah satu dari {', '.join(tiers)} "
                "(menurut rule set), mis. verifikator:" + (tiers[0] if tiers else "tpi")
            )
        return Role(role, unit, tier)
    if role in (ROLE_UNIT, ROLE_ADMIN) and not tier:
        return Role(role, unit)
    raise AccountError(
        f"Peran '{text}' tidak dikenal. Pakai tim_unit, admin atau verifikator:TINGKAT, boleh diikuti @UNIT "
        f"(@{ALL_UNITS} = semua unit)."
    )


class Accounts:
    """Account administration and login over one store; ``actor`` names who made a change in the log."""

    def __init__(
        self, store: ReviewStore, clock: Clock = utc_now, policy: throttle.ThrottlePolicy | None = None
    ) -> None:
        self.store = store
        self.clock = clock
        self.policy = policy or throttle.ThrottlePolicy()

    def _log(self, session: StoreSession, actor: str, action: str, **detail: Any) -> None:
        session.append(EventDraft(stamp(self.clock()), actor, action, detail=detail))

    def _require(self, session: StoreSession, username: str) -> User:
        found = session.account(username)
        if found is None:
            raise AccountError(f"Akun '{username}' tidak ada. Lihat daftarnya: zi-evidence users list")
        return found[0]

    def add(self, actor: str, username: str, display_name: str, password: str, roles: Iterable[Role]) -> User:
        if not USERNAME.match(username):
            raise AccountError(
                f"Nama pengguna '{username}' tidak valid: 2–64 huruf kecil, angka, titik, '_' atau '-', "
                "diawali huruf atau angka."
            )
        granted = tuple(dict.fromkeys(roles))
        if not granted:
            raise AccountError(f"Akun '{username}' perlu paling sedikit satu peran (--role).")
        user = User(username, display_name or username, True, granted, stamp(self.clock()))
        password_hash = hash_password(password)
        with self.store.transaction() as session:
            session.add_account(user, password_hash)
            self._log(session, actor, "user_add", username=username, roles=[r.label for r in granted])
        return user

    def users(self) -> list[User]:
        with self.store.transaction() as session:
            return session.accounts()

    def set_active(self, actor: str, username: str, active: bool) -> None:
        with self.store.transaction() as session:
            self._require(session, username)
            session.update_account(username, active=active)
            if not active:
                session.drop_web_sessions(username=username)  # a disabled account is logged out everywhere
            self._log(session, actor, "user_enable" if active else "user_disable", username=username)

    def reset(self, actor: str, username: str, password: str) -> None:
        password_hash = hash_password(password)
        with self.store.transaction() as session:
            self._require(session, username)
            session.update_account(username, password_hash=password_hash)
            session.drop_web_sessions(username=username)
            session.record_login_attempt(username, stamp(self.clock()), True)  # a reset lifts the lockout
            self._log(session, actor, "user_reset", username=username)

    def change_password(self, username: str, old: str, new: str, channel: str = "web") -> None:
        """The user's own change: the old password is checked like a login (throttled, logged); every session
        of the account ends, so a stolen cookie dies with the old password."""
        self.authenticate(username, old, channel)
        password_hash = hash_password(new)
        with self.store.transaction() as session:
            session.update_account(username, password_hash=password_hash)
            session.drop_web_sessions(username=username)
            self._log(session, username, "password_change", username=username, channel=channel)

    def set_roles(self, actor: str, username: str, roles: Iterable[Role]) -> None:
        granted = tuple(dict.fromkeys(roles))
        with self.store.transaction() as session:
            self._require(session, username)
            session.set_roles(username, granted)
            self._log(session, actor, "user_roles", username=username, roles=[r.label for r in granted])

    def authenticate(self, username: str, password: str, channel: str = "cli") -> User:
        """The active account of that name and password; every attempt, good or bad, is logged."""
        now = self.clock()
        with self.store.transaction() as session:
            throttle.check(session, username, now, self.policy)
            found = session.account(username)
        if found is None:
            _matches(_dummy_hash(), password)
            user, good = None, False
        else:
            user, password_hash = found
            good = _matches(password_hash, password) and user.active
        with self.store.transaction() as session:
            session.record_login_attempt(username, stamp(now), good)
            action = "login" if good else "login_failed"
            session.append(EventDraft(stamp(now), username, action, detail={"channel": channel}))
            if good and found is not None and _hasher().check_needs_rehash(found[1]):
                session.update_account(username, password_hash=str(_hasher().hash(password)))
        if not good or user is None:
            raise LoginFailed(WRONG)
        return user
