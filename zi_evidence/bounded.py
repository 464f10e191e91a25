"""Reading the files we parse ourselves (config, answers, rule sets, manifests) under explicit bounds.

Every bound is checked before any schema validation sees the data: a 1 KB "billion laughs" YAML or
a deeply nested JSON must fail fast with one clear message, not exhaust memory in a validator.
Our YAML formats never need anchors or aliases, so aliases are refused outright.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO, Any

from zi_evidence.errors import InputBoundError
from zi_evidence.problems import MB

#: Hand-edited YAML (config, answers) is a few KB; 4 MB leaves room for long notes and mappings.
MAX_YAML_BYTES = 4 * MB
#: The largest built-in rule set is ~64 KB.
MAX_RULESET_BYTES = 8 * MB
#: A manifest lists every file of a volume (~400 bytes each): 32 MB is ~80,000 files.
MAX_JSON_BYTES = 32 * MB
#: Our deepest format (rule set: areas → questions → formula → variants …) nests about 10 levels.
MAX_DEPTH = 64

_READ_HINT = "Periksa bahwa berkas ini memang berkas zi-evidence yang benar, atau buat ulang."


def _mb(size: int) -> str:
    return f"{size / MB:g} MB"


def read_bounded(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes of ``path``; a longer file is refused without reading the rest."""
    with open(path, "rb") as handle:
        return read_stream_bounded(handle, limit, str(path))


def read_stream_bounded(handle: IO[bytes], limit: int, source: str) -> bytes:
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputBoundError(
            f"{source} terlalu besar (lebih dari {_mb(limit)}, batas untuk berkas jenis ini); tidak dibaca. "
            + _READ_HINT
        )
    return data


def decode_utf8(data: bytes, source: str) -> str:
    """The text with universal newlines, or a clear error saying where the first non-UTF-8 byte is."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputBoundError(
            f"{source} bukan teks UTF-8 (byte ke-{exc.start + 1} tidak sah). "
            "Buka berkas di editor teks lalu simpan ulang dengan pengodean UTF-8."
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_bounded(path: Path, limit: int = MAX_YAML_BYTES) -> str:
    return decode_utf8(read_bounded(path, limit), str(path))


def check_yaml_shape(text: str, source: str, max_depth: int = MAX_DEPTH) -> None:
    """Refuse aliases and deep nesting by reading the YAML event stream, which never expands anything."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent):
                raise InputBoundError(
                    f"{source} memakai alias YAML (*{event.anchor}); format zi-evidence tidak memakainya dan "
                    "alias dapat dipakai untuk berkas jebakan. Tulis nilainya secara langsung."
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > max_depth:
                    raise InputBoundError(
                        f"{source} bersarang lebih dari {max_depth} tingkat (batas); periksa indentasi berkas."
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # the real load reports the syntax error with its line and column


def load_yaml_text(text: str, source: str) -> Any:
    """Parse YAML text whose size was already bounded: shape first, then the safe loader.

    Raises ``yaml.YAMLError`` for bad syntax (callers word it for their format) and ``InputBoundError``."""
    import yaml

    check_yaml_shape(text, source)
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (ValueError, RecursionError) as exc:  # e.g. an integer of a million digits
        raise InputBoundError(f"{source} berisi nilai yang tidak dapat dibaca ({exc}). {_READ_HINT}") from None


def load_json_bytes(data: bytes, source: str, limit: int = MAX_JSON_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """Parse JSON under a size and depth bound; raises ``InputBoundError`` (also for invalid JSON)."""
    if len(data) > limit:
        raise InputBoundError(f"{source} terlalu besar ({_mb(len(data))}, batas {_mb(limit)}); tidak dibaca.")
    text = decode_utf8(data, source)
    try:
        value = json.loads(text)
    except RecursionError:
        value = None
        too_deep = True
    except ValueError as exc:
        raise InputBoundError(f"{source} bukan JSON yang sah ({exc}). {_READ_HINT}") from None
    else:
        too_deep = _depth(value) > max_depth
    if too_deep:
        raise InputBoundError(f"{source} bersarang lebih dari {max_depth} tingkat (batas); tidak dibaca.")
    return value


def _depth(value: Any) -> int:
    """Nesting depth without recursion, so a hostile value cannot exhaust the stack here either."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def file_size_within(path: Path, limit: int) -> None:
    """Refuse a file (e.g. an imported workbook) larger than ``limit`` before any library opens it."""
    size = os.stat(path).st_size
    if size > limit:
        raise InputBoundError(f"{path} terlalu besar ({_mb(size)}, batas {_mb(limit)}); tidak dibaca. {_READ_HINT}")
