"""What both PDF parsers share: the format's mime type, how it is recognised, and the empty-file hint."""

from __future__ import annotations

from typing import ClassVar

from zi_evidence import BaseParser

from .findings import REUPLOAD


class PdfFormat(BaseParser):
    mime_types: ClassVar[tuple[str, ...]] = ("application/pdf",)
    empty_hint: ClassVar[str] = REUPLOAD

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        # readers accept the header anywhere in the first KiB (some tools prepend junk)
        return "application/pdf" if b"%PDF-" in head[:1024] else None
