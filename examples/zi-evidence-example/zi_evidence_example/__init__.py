"""An example zi-evidence plugin: JSON files (form exports, application data) become searchable text.

Everything it needs comes from ``zi_evidence``; see docs/writing-plugins.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

from zi_evidence import BaseParser, ParsedDocument, ParseFailure, ParseLimits, hookimpl, open_for_parse

MIB = 1024 * 1024


class JsonParser(BaseParser):
    """A JSON document: every string and number in it, one per line, in document order."""

    name: ClassVar[str] = "json"
    version: ClassVar[str] = "1"  # bump when the same file would give other text: the catalog caches by it
    mime_types: ClassVar[tuple[str, ...]] = ("application/json",)
    empty_hint: ClassVar[str] = "Ekspor ulang berkas JSON dari aplikasinya, lalu simpan kembali."

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        # JSON has no magic number: the name decides, and the first character must open a document
        if not filename.lower().endswith(".json"):
            return None
        return "application/json" if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[") else None

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        with open_for_parse(path) as handle:
            data = handle.read(limits.text_mb * MIB + 1)
        if not data:
            raise self.empty_file()
        try:
            document = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as exc:  # a cut-off file is the usual cause
            raise ParseFailure(
                "corrupt",
                f"Berkas JSON rusak atau terpotong (rincian teknis: {exc}).",
                "Ekspor ulang berkas dari aplikasinya, lalu simpan kembali.",
            ) from exc
        text = "\n".join(_values(document))
        return ParsedDocument((text,), 1, {"format": "json"})


def _values(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [line for value in node.values() for line in _values(value)]
    if isinstance(node, list):
        return [line for value in node for line in _values(value)]
    if isinstance(node, bool) or node is None:
        return []
    return [str(node)]


@hookimpl
def register_parsers() -> list[type]:
    return [JsonParser]
