"""What a parser plugin is, what it returns, and how one is chosen for a file.

The core knows no file format: parsers (plugins) recognise content by its first bytes
(``sniff``), and the highest ``score`` among those accepting a mime type wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, ClassVar, Protocol

from zi_evidence.problems import Problem as _Problem  # private: ``Problem`` is imported from ``problems``


@dataclass(frozen=True)
class ParseLimits:
    """Bounds every parse runs under; a file over any of them gets a problem row, never a hang."""

    seconds: float = 120.0
    memory_mb: int = 1536
    pages: int = 2000
    file_mb: int = 512
    inflated_mb: int = 400
    text_mb: int = 32


@dataclass(frozen=True)
class ParsedDocument:
    """Text per page (page 1 first), the page count, metadata and any problems found while parsing."""

    pages: tuple[str, ...] = ()
    page_count: int = 0
    metadata: Mapping[str, str] = field(default_factory=dict)
    problems: tuple[_Problem, ...] = ()


class ParseFailure(Exception):
    """Raised by a parser for a known, explainable failure (encrypted, over a limit, ...)."""

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.problem = _Problem(code, message, hint)


def open_for_parse(path: Path) -> IO[bytes]:
    """Open an evidence file for reading; a file that cannot be opened is a plain-language problem."""
    try:
        return path.open("rb")
    except OSError as exc:
        raise ParseFailure(
            "unreadable",
            f"Berkas tidak dapat dibuka: {exc.strerror or exc}.",
            "Periksa izin akses berkas (atau apakah berkas sedang dibuka di aplikasi lain).",
        ) from exc


class Parser(Protocol):
    """The shape of a parser class returned by the ``register_parsers`` hook."""

    name: ClassVar[str]
    version: ClassVar[str]
    mime_types: ClassVar[tuple[str, ...]]

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        """The mime type if these first bytes (and name) are this parser's format, else ``None``."""

    @classmethod
    def score(cls, mime_type: str, filename: str) -> int | None:
        """How well this parser handles the file; ``None`` declines."""

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        """Extract text and metadata. Raise ``ParseFailure`` for known problems."""


def sniff_mime(parsers: Iterable[type[Parser]], head: bytes, filename: str) -> str:
    """The content's mime type according to the first parser that recognises it."""
    for parser in parsers:
        mime = parser.sniff(head, filename)
        if mime:
            return mime
    return "application/octet-stream"


def choose_parser(parsers: Iterable[type[Parser]], mime_type: str, filename: str) -> type[Parser] | None:
    """The accepting parser with the highest score, or ``None`` when every parser declines."""
    best: tuple[int, type[Parser]] | None = None
    for parser in parsers:
        if mime_type not in parser.mime_types:
            continue
        score = parser.score(mime_type, filename)
        if score is not None and (best is None or score > best[0]):
            best = (score, parser)
    return best[1] if best else None
