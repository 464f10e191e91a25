"""Validation of our own data files against the JSON Schemas shipped in ``zi_evidence.schemas``."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any


@cache
def schema_text(name: str) -> str:
    # beside this module in every install; importlib.resources would cost every command ~5 ms of imports
    return Path(__file__).with_name(name).read_text(encoding="utf-8")


@cache
def load_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_text(name))
    return schema


def json_path(path: Any) -> str:
    """``$.unit.head.nip`` style location of a validation error."""
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def schema_errors(instance: Any, schema_name: str) -> list[str]:
    """Every violation as ``<json path>: <message>``, in document order."""
    import jsonschema  # ~70 ms to import: only when something is actually checked

    validator = jsonschema.Draft202012Validator(load_schema(schema_name))
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{json_path(e.absolute_path)}: {e.message}" for e in errors]
