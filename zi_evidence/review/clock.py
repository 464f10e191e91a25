"""Time as the review chain writes it: UTC, ISO 8601 with microseconds (fixed width, so text order is time
order). Services take a clock so tests can move time without waiting for it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")
