"""Built-in plain-text / CSV parser: UTF-8 first, then the Windows code page Excel exports use."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import ClassVar

from zi_evidence import hookimpl
from zi_evidence.parsing import ParsedDocument, ParseFailure, ParseLimits
from zi_evidence.problems import Problem

MIB = 1024 * 1024
_BY_SUFFIX = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/plain",
    ".log": "text/plain",
    ".csv": "text/csv",
    ".tsv": "text/tab-separated-values",
}
# Binary formats that may carry a text-like name; their own parsers (or none) handle them.
_BINARY_MAGIC = (
    b"%PDF-",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0",
    b"\xff\xd8\xff",
    b"\x89PNG",
    b"GIF8",
    b"II*\x00",
    b"MM\x00*",
    b"\x1f\x8b",
    b"Rar!",
    b"7z\xbc\xaf",
)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROL = bytes(range(32)).translate(None, b"\t\n\r\f\x1a\x1b")


class TextParser:
    """Plain text and CSV/TSV exports: the whole file is one page."""

    name: ClassVar[str] = "text"
    version: ClassVar[str] = "1"
    mime_types: ClassVar[tuple[str, ...]] = ("text/plain", "text/csv", "text/tab-separated-values")
    default_score: ClassVar[int] = 10

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        # text has no magic number: the name decides, once the content is known not to be binary
        if not head or head.startswith(_BINARY_MAGIC) or not _looks_like_text(head):
            return None
        suffix = Path(filename).suffix.lower()
        if suffix in _BY_SUFFIX:
            return _BY_SUFFIX[suffix]
        return "text/plain" if not suffix else None

    @classmethod
    def score(cls, mime_type: str, filename: str) -> int | None:
        return cls.default_score if mime_type in cls.mime_types else None

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        cap = min(limits.text_mb, limits.file_mb) * MIB
        try:
            with path.open("rb") as handle:
                data = handle.read(cap + 1)
        except OSError as exc:
            raise ParseFailure(
                "unreadable",
                f"Berkas tidak dapat dibuka: {exc.strerror or exc}.",
                "Periksa izin akses berkas (atau apakah berkas sedang dibuka di aplikasi lain).",
            ) from exc
        if not data:
            raise ParseFailure("empty", "Berkas kosong (0 bita).", "Periksa apakah berkas yang diunggah sudah benar.")
        problems: list[Problem] = []
        truncated = len(data) > cap
        if truncated:
            data = data[:cap]
            problems.append(
                Problem(
                    "text_limit",
                    f"Berkas teks terlalu besar: hanya {cap // MIB} MB pertama yang dibaca.",
                    "Pisahkan berkas menjadi beberapa bagian bila seluruh isinya perlu dicari.",
                    "warning",
                )
            )
        text, encoding = _decode(data, final=not truncated)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            problems.append(
                Problem(
                    "empty", "Berkas tidak berisi teks.", "Periksa apakah berkas yang diunggah sudah benar.", "warning"
                )
            )
        return ParsedDocument((text,), 1, {"encoding": encoding}, tuple(problems))


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\x00" in head:
        return False
    return len(head.translate(None, _CONTROL)) >= len(head) * 0.99


def _decode(data: bytes, final: bool) -> tuple[str, str]:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; else cp1252, what Windows Excel writes; else latin-1."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return codecs.getincrementaldecoder(encoding)("replace").decode(data, final=final), encoding
    try:
        # incremental: a multi-byte character cut by the size cap is not an encoding error
        return codecs.getincrementaldecoder("utf-8")().decode(data, final=final), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # cp1252 leaves five bytes undefined
        return data.decode("latin-1"), "latin-1"


@hookimpl
def register_parsers() -> list[type]:
    return [TextParser]
