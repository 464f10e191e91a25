"""Built-in DOCX parser: an lxml walk over the package's XML collects the text (``fast``), python-docx
reads a package laid out in a way the fast path does not know.

Body paragraphs and tables, headers, footers, footnotes and endnotes, plus core properties.
The zip is checked for bombs before any part is inflated.
"""

from __future__ import annotations

import zipfile
import zlib
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import IO, Any, ClassVar

from zi_evidence import (
    CFB_MAGIC,
    BaseParser,
    ParsedDocument,
    ParseFailure,
    ParseLimits,
    Problem,
    check_zip,
    hookimpl,
    open_for_parse,
    sniff_office,
)

from . import fast
from ._walk import drop_fallbacks, element_pages

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#: Office stores a password-protected DOCX as an OLE compound file, not a zip.
MIB = 1024 * 1024
_REUPLOAD = "Buka berkas di Word lalu simpan ulang (atau ekspor ke PDF), kemudian unggah kembali."


@cache
def _relationships() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The part relationships read before the body (headers) and after it (footers, notes)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    return (RT.HEADER,), (RT.FOOTER, RT.FOOTNOTES, RT.ENDNOTES)


@cache
def _broken() -> tuple[type[BaseException], ...]:
    from docx.opc.exceptions import OpcError
    from lxml import etree

    return (OpcError, KeyError, ValueError, zipfile.BadZipFile, etree.LxmlError, EOFError, zlib.error)


class DocxParser(BaseParser):
    """Word documents (.docx): one page per explicit page break, or the whole text as one page."""

    name: ClassVar[str] = "docx"
    version: ClassVar[str] = "1"  # the fast path reads the same text: no re-read needed
    mime_types: ClassVar[tuple[str, ...]] = (DOCX_MIME,)
    empty_hint: ClassVar[str] = _REUPLOAD

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        return sniff_office(head, filename, "word/", ".docx", DOCX_MIME)

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        # opened here: given a path, python-docx reports a permission error as "Package not found";
        # open_for_parse names it "unreadable" (python-docx itself is imported here, not at registration)
        handle = open_for_parse(path)
        with handle:
            return _parse_docx(handle, limits)


def _parse_docx(handle: IO[bytes], limits: ParseLimits) -> ParsedDocument:
    DocxParser.check_not_empty(handle)
    magic = handle.read(8)
    if magic.startswith(CFB_MAGIC):
        raise ParseFailure(
            "encrypted",
            "Dokumen Word terenkripsi (dilindungi kata sandi), sehingga isinya tidak dapat dibaca.",
            "Buka di Word dengan kata sandinya, hapus kata sandi (File > Info > Protect Document), "
            "simpan, lalu unggah kembali.",
        )
    handle.seek(0)
    try:
        with zipfile.ZipFile(handle) as archive:
            check_zip(archive, limits.inflated_mb * MIB, inflate=_is_xml)
            text = fast.read(archive)
        if text is None:
            handle.seek(0)
            text = read_with_python_docx(handle)
    except _broken() as exc:
        raise _corrupt(exc) from exc
    pages, leading, trailing = text.pages, text.leading, text.trailing
    if leading:
        pages[0] = "\n".join(filter(None, [*leading, pages[0]]))
    if trailing:
        pages[-1] = "\n".join(filter(None, [pages[-1], *trailing]))
    return _bounded(pages, text.metadata, limits)


def read_with_python_docx(handle: IO[bytes]) -> fast.DocxText:
    """The same reading through python-docx's object model (the fast path's reference)."""
    import docx

    document = docx.Document(handle)
    body = document.element.body
    drop_fallbacks(body)
    pages = element_pages(body)
    leading, trailing = _side_texts(document)
    return fast.DocxText(pages, leading, trailing, _metadata(document))


def _corrupt(exc: BaseException) -> ParseFailure:
    cause = (
        "berkas terpotong atau bukan berkas Office yang utuh"
        if isinstance(exc, zipfile.BadZipFile)
        else "isi berkas tidak terbaca"
    )
    detail = str(exc) or type(exc).__name__
    return ParseFailure(
        "corrupt", f"Berkas Word (DOCX) rusak atau tidak lengkap: {cause} (rincian teknis: {detail}).", _REUPLOAD
    )


def _is_xml(name: str) -> bool:
    return name.endswith((".xml", ".rels"))


def _side_texts(document: Any) -> tuple[list[str], list[str]]:
    """Headers (shown before the body), then footers and notes (after), each distinct text once."""
    from lxml import etree

    header_rels, trailer_rels = _relationships()
    leading: list[str] = []
    trailing: list[str] = []
    for rel in document.part.rels.values():
        if rel.is_external or rel.reltype not in (*header_rels, *trailer_rels):
            continue
        part = rel.target_part
        element = getattr(part, "element", None)
        if element is None:  # a part python-docx does not model: parse its XML safely ourselves
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
            element = etree.fromstring(part.blob, parser)
        drop_fallbacks(element)
        text = "\n".join(filter(None, element_pages(element)))
        target = leading if rel.reltype in header_rels else trailing
        if text and text not in target:
            target.append(text)
    return leading, trailing


def _metadata(document: Any) -> dict[str, str]:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        # python-docx invents default properties when the part is missing: only read real ones
        document.part.package.part_related_by(RT.CORE_PROPERTIES)
    except (KeyError, ValueError):
        return {}
    props = document.core_properties
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
    if value is None:
        return None
    # OOXML core dates are UTC (W3CDTF); python-docx may hand them back without a zone
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


def _bounded(pages: list[str], metadata: dict[str, str], limits: ParseLimits) -> ParsedDocument:
    """Apply the page and text limits, noting each as a warning."""
    problems: list[Problem] = []
    total = len(pages)
    if total > limits.pages:
        pages = pages[: limits.pages]
        problems.append(
            Problem(
                "page_limit",
                f"Dokumen terlalu panjang ({total} halaman): hanya {limits.pages} halaman pertama yang dibaca.",
                "Pisahkan dokumen menjadi beberapa berkas, atau minta admin menaikkan batas halaman.",
                "warning",
            )
        )
    cap, used, kept = limits.text_mb * MIB, 0, []
    for text in pages:
        size = len(text.encode("utf-8"))
        if used + size > cap:
            kept.append(text.encode("utf-8")[: cap - used].decode("utf-8", "ignore"))
            problems.append(
                Problem(
                    "text_limit",
                    f"Teks dokumen terlalu panjang: hanya sekitar {limits.text_mb} MB pertama yang disimpan.",
                    "Pisahkan dokumen menjadi beberapa berkas bila seluruh isinya perlu dicari.",
                    "warning",
                )
            )
            break
        used += size
        kept.append(text)
    if not any(text.strip() for text in kept):
        problems.append(
            Problem(
                "empty", "Dokumen tidak berisi teks.", "Periksa apakah berkas yang diunggah sudah benar.", "warning"
            )
        )
    return ParsedDocument(tuple(kept), total, metadata, tuple(problems))


@hookimpl
def register_parsers() -> list[type]:
    return [DocxParser]
