"""The next deadline of a rule set's yearly timeline, and the days left."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from zi_evidence.readiness.model import Deadline


def next_deadline(timeline: Iterable[Any], today: date) -> Deadline | None:
    """The nearest deadline of the rule set's yearly timeline on or after ``today`` (the cycle recurs)."""
    found: list[tuple[date, Any]] = []
    for entry in timeline:
        if not entry.deadline or entry.end is None:
            continue
        for year in (today.year - 1, today.year, today.year + 1, today.year + 2):
            when = entry.end.on(year)
            if when >= today:
                found.append((when, entry))
                break
    if not found:
        return None
    when, entry = min(found, key=lambda item: item[0])
    return Deadline(entry.key, entry.label, when, (when - today).days, entry.actor, entry.citation)
