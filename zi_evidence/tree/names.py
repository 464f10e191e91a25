"""File names of every kind, shown unambiguously.

Paths are kept as raw bytes for access; people see a display form in which undecodable bytes,
control characters and bidirectional marks are escaped, so no name can break a terminal,
a JSON document or a report, and two different names never look the same.
"""

from __future__ import annotations

import os
import unicodedata

_BIDI_AND_INVISIBLE = {"Cc", "Cf", "Zl", "Zp", "Cs"}


def display(raw: bytes) -> str:
    """The escaped, printable form of a raw (relative) path."""
    text = raw.decode("utf-8", errors="surrogateescape")
    out = []
    for char in text:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, kept by surrogateescape
            out.append(f"\\x{code - 0xDC00:02x}")
        elif char == "\\":
            out.append("\\\\")
        elif unicodedata.category(char) in _BIDI_AND_INVISIBLE and char != " ":
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)


def to_bytes(path: str | os.PathLike[str]) -> bytes:
    return os.fsencode(path)


def join(root: bytes, rel: bytes) -> bytes:
    return root + b"/" + rel if rel else root
