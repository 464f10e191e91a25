"""Readiness data as JSON-ready values: the one conversion the report model and the review view share."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any


def to_plain(value: Any) -> Any:
    """Dataclasses to dicts, dates to ISO text, tuples to lists; ``fs_path`` stays out (raw bytes of names)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in fields(value) if f.name != "fs_path"}
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
