"""Built-in PPTX parser: python-pptx opens the deck, one page per slide (its text, tables, then notes).

The zip is checked for bombs before python-pptx (which inflates every part it touches) sees it.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import cache
from itertools import islice
from pathlib import Path
from typing import IO, Any, ClassVar

from zi_evidence import (
    CFB_MAGIC,
    BaseParser,
    ParsedDocument,
    ParseFailure,
    ParseLimits,
    bounded_document,
    check_zip,
    hookimpl,
    open_for_parse,
    sniff_office,
)

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
MIB = 1024 * 1024
_REUPLOAD = "Buka berkas di PowerPoint lalu simpan ulang (atau ekspor ke PDF), kemudian unggah kembali."


@cache
def _broken() -> tuple[type[BaseException], ...]:
    from lxml import etree
    from pptx.exc import PythonPptxError

    return (PythonPptxError, KeyError, ValueError, TypeError, zipfile.BadZipFile, etree.LxmlError, EOFError)


class PptxParser(BaseParser):
    """PowerPoint decks (.pptx): a page per slide, with the speaker notes after the slide's own text."""

    name: ClassVar[str] = "pptx"
    version: ClassVar[str] = "1"
    mime_types: ClassVar[tuple[str, ...]] = (PPTX_MIME,)
    empty_hint: ClassVar[str] = _REUPLOAD

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        return sniff_office(head, filename, "ppt/", ".pptx", PPTX_MIME)

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        with open_for_parse(path) as handle:
            return _parse_pptx(handle, limits)


def _parse_pptx(handle: IO[bytes], limits: ParseLimits) -> ParsedDocument:
    PptxParser.check_not_empty(handle)
    if handle.read(8).startswith(CFB_MAGIC):
        raise ParseFailure(
            "encrypted",
            "Presentasi PowerPoint terenkripsi (dilindungi kata sandi), sehingga isinya tidak dapat dibaca.",
            "Buka di PowerPoint dengan kata sandinya, hapus kata sandi (File > Info > Protect Presentation), "
            "simpan, lalu unggah kembali.",
        )
    handle.seek(0)
    try:
        with zipfile.ZipFile(handle) as archive:
            check_zip(archive, limits.inflated_mb * MIB, inflate=lambda name: name.endswith((".xml", ".rels")))
            has_core = "docProps/core.xml" in archive.namelist()
        handle.seek(0)
        import pptx

        deck = pptx.Presentation(handle)
        pages = [_slide_text(slide) for slide in islice(deck.slides, limits.pages)]
        total = len(deck.slides)
        metadata = _metadata(deck.core_properties) if has_core else {}
    except _broken() as exc:
        raise _corrupt(exc) from exc
    return bounded_document(pages, limits, metadata, unit="slide", empty="Presentasi tidak berisi teks.", total=total)


def _slide_text(slide: Any) -> str:
    lines = list(_shape_lines(slide.shapes))
    if slide.has_notes_slide:
        notes = slide.notes_slide.notes_text_frame
        if notes is not None and notes.text.strip():
            lines.append(notes.text.strip())
    return "\n".join(lines)


def _shape_lines(shapes: Iterable[Any]) -> Iterator[str]:
    """Text frames and table rows (cells joined by tabs), group shapes walked into, in slide order."""
    for shape in shapes:
        if getattr(shape, "shape_type", None) == 6:  # MSO_SHAPE_TYPE.GROUP
            yield from _shape_lines(shape.shapes)
        elif getattr(shape, "has_table", False):
            for row in shape.table.rows:
                cells = [" ".join(cell.text.split()) for cell in row.cells]
                if any(cells):
                    yield "\t".join(cells)
        elif getattr(shape, "has_text_frame", False) and shape.text_frame.text.strip():
            yield shape.text_frame.text.strip()


def _corrupt(exc: BaseException) -> ParseFailure:
    cause = (
        "berkas terpotong atau bukan berkas Office yang utuh"
        if isinstance(exc, zipfile.BadZipFile)
        else "isi berkas tidak terbaca"
    )
    detail = str(exc) or type(exc).__name__
    return ParseFailure(
        "corrupt",
        f"Berkas PowerPoint (PPTX) rusak atau tidak lengkap: {cause} (rincian teknis: {detail}).",
        _REUPLOAD,
    )


def _metadata(props: Any) -> dict[str, str]:
    values = {
        "title": props.title,
        "author": props.author,
        "subject": props.subject,
        "keywords": props.keywords,
        "last_modified_by": props.last_modified_by,
        "created": _iso(props.created),
        "modified": _iso(props.modified),
    }
    return {key: value.strip() for key, value in values.items() if value and value.strip()}


def _iso(value: datetime | None) -> str | None:
    if not isinstance(value, datetime):
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


@hookimpl
def register_parsers() -> list[type]:
    return [PptxParser]
