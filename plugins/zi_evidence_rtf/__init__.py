"""Built-in RTF parser (striprtf): pages split at RTF's own page breaks (``\\page``)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from zi_evidence import BaseParser, ParsedDocument, ParseLimits, Problem, bounded_document, hookimpl, open_for_parse

RTF_MIME = "application/rtf"
MIB = 1024 * 1024
#: striprtf is pure Python: embedded pictures (hex) make RTF large, so only this much is read.
MAX_RTF_MB = 64
#: ``\page`` as a whole control word (not ``\pagebb`` …), turned into a form feed that striprtf keeps.
_PAGE = re.compile(rb"\\page(?![a-z])(?: ?)")
_MAX_DEPTH = 512  # deeper nesting is no real document, and striprtf's stack would only grow


class RtfParser(BaseParser):
    """Rich Text Format documents (.rtf, and .doc files that Word saved as RTF)."""

    name: ClassVar[str] = "rtf"
    version: ClassVar[str] = "1"
    mime_types: ClassVar[tuple[str, ...]] = (RTF_MIME,)

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        return RTF_MIME if head.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"{\\rtf") else None

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        cap = min(MAX_RTF_MB, limits.file_mb) * MIB
        with open_for_parse(path) as handle:
            data = handle.read(cap + 1)
        if not data:
            raise self.empty_file()
        problems: list[Problem] = []
        if len(data) > cap:
            data = data[:cap]
            problems.append(
                Problem(
                    "text_limit",
                    f"Berkas RTF terlalu besar: hanya {cap // MIB} MB pertama yang dibaca.",
                    "Simpan ulang tanpa gambar besar, atau ekspor ke PDF, lalu unggah kembali.",
                    "warning",
                )
            )
        if _depth(data) > _MAX_DEPTH:
            problems.append(
                Problem(
                    "bounded",
                    f"Berkas RTF bersarang lebih dari {_MAX_DEPTH} tingkat; isinya tidak dibaca.",
                    "Buka berkas di Word atau LibreOffice, simpan ulang, lalu unggah kembali.",
                )
            )
            return ParsedDocument(problems=tuple(problems))
        from striprtf.striprtf import rtf_to_text

        # RTF is 7-bit text with escapes; cp1252 (Word's default code page) decodes any stray byte
        text = rtf_to_text(_PAGE.sub(b"\\\\par \x0c", data).decode("cp1252", "replace"), errors="ignore")
        pages = [page.strip("\n") for page in text.replace("\r\n", "\n").split("\x0c")]
        if len(pages) > 1 and not pages[-1].strip():
            pages.pop()
        return bounded_document(pages, limits, problems=problems)


def _depth(data: bytes) -> int:
    """How deep the groups nest, escaped braces aside; counted without recursion."""
    deepest = depth = 0
    for token in re.finditer(rb"\\[{}\\]|[{}]", data):
        mark = token.group()
        if mark == b"{":
            depth += 1
            deepest = max(deepest, depth)
        elif mark == b"}":
            depth -= 1
    return deepest


@hookimpl
def register_parsers() -> list[type]:
    return [RtfParser]
