"""Small formatting helpers: PDF date strings to ISO 8601, page lists to ranges."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone
from functools import cache

# D:YYYYMMDDHHmmSSOHH'mm' where everything after the year is optional (PDF 32000-1, 7.9.4)
_PDF_DATE = (  # compiled on first use: registering the PDF parsers stays cheap
    r"^\s*(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*"
    r"(?:(?P<utc>[Zz])|(?P<sign>[+-])(?P<tzh>\d{2})'?(?P<tzm>\d{2})?'?)?"
)


@cache
def _pdf_date() -> re.Pattern[str]:
    return re.compile(_PDF_DATE)


def pdf_date_to_iso(raw: object) -> str | None:
    """``D:20260112093000+07'00'`` → ``2026-01-12T09:30:00+07:00``; ``None`` when unreadable."""
    if raw is None:
        return None
    text = raw.decode("latin-1") if isinstance(raw, bytes) else str(raw)
    match = _pdf_date().match(text)
    if not match:
        return None
    year, month, day, hour, minute, second = (
        int(part) if part else default for part, default in zip(match.groups()[:6], (0, 1, 1, 0, 0, 0), strict=True)
    )
    tz: timezone | None = None
    if match["utc"]:
        tz = UTC
    elif match["sign"]:
        offset = timedelta(hours=int(match["tzh"]), minutes=int(match["tzm"] or 0))
        tz = timezone(-offset if match["sign"] == "-" else offset)
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=tz).isoformat()
    except ValueError:  # month 13, hour 25 ...: a broken date is no date
        return None


def page_ranges(numbers: Sequence[int]) -> str:
    """``[1, 2, 3, 5]`` → ``"1–3, 5"`` for messages that list pages."""
    parts: list[str] = []
    ordered = sorted(set(numbers))
    start = 0
    for index, number in enumerate(ordered):
        last = index + 1 == len(ordered)
        if last or ordered[index + 1] != number + 1:
            first = ordered[start]
            parts.append(str(first) if first == number else f"{first}–{number}")
            start = index + 1
    return ", ".join(parts)
