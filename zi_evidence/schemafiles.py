"""Validation of our own data files against the JSON Schemas shipped in ``zi_evidence.schemas``."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema


@cache
def load_schema(name: str) -> dict[str, Any]:
    text = (resources.files("zi_evidence.schemas") / name).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def json_path(path: Any) -> str:
    """``$.unit.head.nip`` style location of a validation error."""
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def schema_errors(instance: Any, schema_name: str) -> list[str]:
    """Every violation as ``<json path>: <message>``, in document order."""
    validator = jsonschema.Draft202012Validator(load_schema(schema_name))
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{json_path(e.absolute_path)}: {e.message}" for e in errors]
