"""What a parser plugin is, what it returns, and how one is chosen for a file.

The core knows no file format: parsers (plugins) recognise content by its first bytes
(``sniff``), and the highest ``score`` among those accepting a mime type wins. ``BaseParser`` gives a
plugin the usual score and the empty-file problem, so a parser writes only ``sniff`` and ``parse``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, ClassVar, Protocol

from zi_evidence.problems import EMPTY
from zi_evidence.problems import Problem as _Problem  # private: ``Problem`` is imported from ``problems``

#: The metadata key under which the catalog keeps ``ParsedDocument.machine_read_pages`` ("2,5").
MACHINE_READ_PAGES = "machine_read_pages"
#: The metadata key of a file that only points elsewhere (a Drive shortcut, a ``.url``): its target address.
LINK_TARGET = "link_target"


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
    """Text per page (page 1 first), the page count, metadata and any problems found while parsing.

    ``machine_read_pages``: the 1-based pages whose text was recognised from an image (OCR) rather than
    read from a text layer; search marks them, since such text is less certain.
    """

    pages: tuple[str, ...] = ()
    page_count: int = 0
    metadata: Mapping[str, str] = field(default_factory=dict)
    problems: tuple[_Problem, ...] = ()
    machine_read_pages: tuple[int, ...] = ()

    def stored_metadata(self) -> Mapping[str, str]:
        """``metadata`` as the catalog keeps it: the machine-read pages ride along under one core key."""
        if not self.machine_read_pages:
            return self.metadata
        return {**self.metadata, MACHINE_READ_PAGES: ",".join(str(n) for n in self.machine_read_pages)}


def machine_read_pages(metadata: Mapping[str, str]) -> tuple[int, ...]:
    """The machine-read page numbers of a catalogued file, back from its stored metadata."""
    listed = metadata.get(MACHINE_READ_PAGES, "")
    return tuple(int(part) for part in listed.split(",") if part.strip().isdigit())


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
    """The shape of a parser class returned by the ``register_parsers`` hook.

    ``version`` is part of the catalog's cache key: bump it when the same file would parse differently.
    ``expensive`` (``BaseParser``: ``False``) marks a parser whose pages cost far more than text pages
    (OCR): ``index --ocr-pages`` budgets them and ``--no-ocr`` leaves such parsers out.
    """

    name: ClassVar[str]
    version: ClassVar[str]
    mime_types: ClassVar[tuple[str, ...]]
    expensive: ClassVar[bool]

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        """The mime type if these first bytes (and name) are this parser's format, else ``None``."""

    @classmethod
    def score(cls, mime_type: str, filename: str) -> int | None:
        """How well this parser handles the file; ``None`` declines."""

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        """Extract text and metadata. Raise ``ParseFailure`` for known problems."""


def is_expensive(parser: type[Parser]) -> bool:
    """``parser.expensive``, which a parser not built on ``BaseParser`` may leave out (then ``False``)."""
    return bool(getattr(parser, "expensive", False))


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


class BaseParser:
    """What most parsers share; subclasses set ``name``, ``version``, ``mime_types`` and write
    ``sniff`` and ``parse``. The class attributes below are the defaults a subclass may override."""

    name: ClassVar[str]
    version: ClassVar[str]
    mime_types: ClassVar[tuple[str, ...]] = ()
    #: The score for every accepted mime type; a parser that should win over another sets it higher.
    default_score: ClassVar[int] = 10
    expensive: ClassVar[bool] = False
    #: What the user is told to do with an empty file of this format.
    empty_hint: ClassVar[str] = "Periksa apakah berkas yang diunggah sudah benar."

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        return None

    @classmethod
    def score(cls, mime_type: str, filename: str) -> int | None:
        return cls.default_score if mime_type in cls.mime_types else None

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        raise NotImplementedError

    @classmethod
    def empty_file(cls) -> ParseFailure:
        """The problem of a file with no bytes at all, to ``raise``."""
        return ParseFailure(EMPTY.code, EMPTY.message, cls.empty_hint)

    @classmethod
    def check_not_empty(cls, handle: IO[bytes]) -> None:
        """Raise ``empty_file()`` for a 0-byte file; the handle is left where it was."""
        position = handle.tell()
        if not handle.read(1):
            raise cls.empty_file()
        handle.seek(position)


def bounded_document(
    pages: list[str],
    limits: ParseLimits,
    metadata: Mapping[str, str] | None = None,
    *,
    unit: str = "halaman",
    empty: str = "Dokumen tidak berisi teks.",
    problems: Iterable[_Problem] = (),
    total: int | None = None,
) -> ParsedDocument:
    """A ``ParsedDocument`` of ``pages`` cut to ``limits.pages`` and ``limits.text_mb``, each cut a warning.

    ``unit`` names a page to the user ("slide", "lembar"); ``empty`` is the warning when no page has text;
    ``total`` is the file's page count when the caller read only the first ``limits.pages`` of them."""
    found = list(problems)
    total = len(pages) if total is None else total
    if total > limits.pages:
        pages = pages[: limits.pages]
        found.append(
            _Problem(
                "page_limit",
                f"Berkas terlalu panjang ({total} {unit}): hanya {limits.pages} {unit} pertama yang dibaca.",
                "Pisahkan berkas menjadi beberapa bagian, atau minta admin menaikkan batas halaman.",
                "warning",
            )
        )
    cap, used, kept = limits.text_mb * 1024 * 1024, 0, []
    for text in pages:
        encoded = text.encode("utf-8")
        if used + len(encoded) > cap:
            kept.append(encoded[: cap - used].decode("utf-8", "ignore"))
            found.append(
                _Problem(
                    "text_limit",
                    f"Teks berkas terlalu panjang: hanya sekitar {limits.text_mb} MB pertama yang disimpan.",
                    "Pisahkan berkas menjadi beberapa bagian bila seluruh isinya perlu dicari.",
                    "warning",
                )
            )
            break
        used += len(encoded)
        kept.append(text)
    if not any(text.strip() for text in kept):
        found.append(_Problem("empty", empty, "Periksa apakah berkas yang diunggah sudah benar.", "warning"))
    return ParsedDocument(tuple(kept), total, dict(metadata or {}), tuple(found))
