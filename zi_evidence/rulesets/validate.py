"""Schema validation of rule-set documents, with every fault told in Bahasa Indonesia at its JSON path."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zi_evidence import usercache as rulesets_cache
from zi_evidence.schemas.validation import json_path, load_schema

if TYPE_CHECKING:  # jsonschema costs ~80 ms to import: only a document not validated before needs it
    import jsonschema
    from jsonschema.exceptions import ValidationError

SCHEMA_NAME = "ruleset.schema.json"
MAX_REPORTED = 12  # beyond this the first faults are usually the cause of the rest

_TYPES = {
    "number": "angka",
    "integer": "bilangan bulat",
    "string": "teks",
    "object": "pemetaan (kunci: nilai)",
    "array": "daftar (baris diawali '-')",
    "boolean": "true/false",
    "null": "kosong",
}


def ruleset_schema() -> dict[str, Any]:
    return load_schema(SCHEMA_NAME)


@cache
def _validator() -> jsonschema.Draft202012Validator:
    import jsonschema

    return jsonschema.Draft202012Validator(ruleset_schema())


def _types(value: Any) -> str:
    names = value if isinstance(value, list) else [value]
    return " atau ".join(_TYPES.get(n, str(n)) for n in names)


def _message(error: ValidationError) -> str:
    """One schema fault in words a rule-set author can act on."""
    from jsonschema.exceptions import best_match

    v, value, instance = error.validator, error.validator_value, error.instance
    if v in ("oneOf", "anyOf") and error.context:
        context = list(error.context)
        if all(e.validator == "required" for e in context):
            names = [repr(n) for e in context for n in e.validator_value]
            return f"isi salah satu dari {' atau '.join(names)}"
        # Prefer the branch written in the same shape (a mapping where a mapping was given).
        shaped = [e for e in context if e.validator != "type" or e.relative_path]
        return _message(best_match(shaped or context))
    if v == "required":
        missing = [name for name in value if isinstance(instance, dict) and name not in instance]
        return f"kolom wajib {', '.join(repr(m) for m in missing)} belum diisi"
    if v == "additionalProperties" and isinstance(instance, dict):
        known = error.schema.get("properties", {})
        extra = [k for k in instance if k not in known]
        hint = f" (yang dikenal: {', '.join(known)})" if known else ""
        return f"kolom tidak dikenal {', '.join(repr(k) for k in extra)}; periksa ejaannya{hint}"
    if v == "type":
        return f"harus berupa {_types(value)} (sekarang: {instance!r})"
    if v == "enum":
        return f"harus salah satu dari {', '.join(repr(x) for x in value)} (sekarang: {instance!r})"
    if v == "const":
        return f"harus {value!r} (sekarang: {instance!r})"
    if v == "minimum":
        return f"minimal {value} (sekarang: {instance!r})"
    if v == "maximum":
        return f"maksimal {value} (sekarang: {instance!r})"
    if v == "exclusiveMinimum":
        return f"harus lebih dari {value} (sekarang: {instance!r})"
    if v == "minItems":
        return f"harus berisi minimal {value} butir (sekarang {len(instance)})"
    if v == "maxItems":
        return f"harus berisi paling banyak {value} butir (sekarang {len(instance)})"
    if v == "minLength":
        return "tidak boleh kosong"
    if v == "minProperties":
        return f"harus berisi minimal {value} isian"
    if v == "pattern":
        return f"format {instance!r} tidak sesuai pola {value}"
    if v == "propertyNames" and error.context:
        return f"nama kunci tidak sah: {_message(best_match(error.context))}"
    return error.message


def schema_problems(document: Any) -> list[tuple[str, str]]:
    """Every schema fault as ``(json path, message)``, in document order, at most :data:`MAX_REPORTED`."""
    errors = sorted(_validator().iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
    problems: list[tuple[str, str]] = []
    for error in errors:
        item = (json_path(error.absolute_path), _message(error))
        if item not in problems:
            problems.append(item)
    return problems[:MAX_REPORTED]


def checked_problems(document: Any) -> list[tuple[str, str]]:
    """:func:`schema_problems`, skipped for a document that passed with this schema and code before."""
    key = _passed_key(document)
    if key is not None and rulesets_cache.load("valid", key) is True:
        return []
    problems = schema_problems(document)
    if key is not None and not problems:
        rulesets_cache.store("valid", key, True)  # only passes are kept: faults are always told afresh
    return problems


def _passed_key(document: Any) -> str | None:
    try:
        text = json.dumps(document, sort_keys=True, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):  # e.g. a YAML date or mixed key types: not cached, validated each time
        return None
    return rulesets_cache.digest(
        "valid",
        text,
        json.dumps(ruleset_schema(), sort_keys=True),
        _code_digest(),
        rulesets_cache.library_version("jsonschema"),
        rulesets_cache.tool_version(),
    )


@cache
def _code_digest() -> bytes:
    # this module turns faults into messages: an edit to it must not reuse an older verdict
    return Path(__file__).read_bytes()
