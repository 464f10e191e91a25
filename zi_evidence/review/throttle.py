"""Login throttling as data: failed attempts per key (a user name; the web layer may add one per address),
and how long a key must wait. Kept in the store so every process and every worker sees the same count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from zi_evidence.errors import LoginThrottled
from zi_evidence.review.clock import stamp
from zi_evidence.review.store import StoreSession


@dataclass(frozen=True)
class ThrottlePolicy:
    """``max_failures`` failed logins within ``window`` since the last success lock the key for ``lockout``."""

    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    lockout: timedelta = timedelta(minutes=15)


def locked_until(session: StoreSession, key: str, now: datetime, policy: ThrottlePolicy) -> datetime | None:
    """When ``key`` may try again, or None when it may now. Refused attempts are not recorded, so waiting
    out the lockout always works; one more failure inside the window locks again."""
    failures: list[str] = []
    for at, ok in session.login_attempts(key, stamp(now - policy.window)):
        failures = [] if ok else [*failures, at]  # a success clears the count
    if len(failures) < policy.max_failures:
        return None
    until = datetime.fromisoformat(failures[-1]) + policy.lockout
    return until if until > now else None


def check(session: StoreSession, key: str, now: datetime, policy: ThrottlePolicy) -> None:
    until = locked_until(session, key, now, policy)
    if until is not None:
        minutes = max(1, int((until - now).total_seconds() + 59) // 60)
        raise LoginThrottled(
            f"Terlalu banyak percobaan masuk yang gagal untuk '{key}'. Coba lagi dalam {minutes} menit, atau minta "
            "admin mengatur ulang kata sandi ('zi-evidence users reset')."
        )
