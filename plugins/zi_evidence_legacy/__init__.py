"""Built-in parsers of Office 97–2003 files, still common in government: XLS, DOC and PPT.

XLS is read with xlrd. DOC and PPT go through an external reader, optional like Tesseract: antiword or
catdoc (DOC), catppt (PPT), else LibreOffice headless. Without any, the file is catalogued but not read, with a
warning that says what to install. ``status()`` tells ``zi-evidence plugins`` which readers this machine has.
"""

from __future__ import annotations

import os
import time
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from zi_evidence import (
    CFB_MAGIC,
    BaseParser,
    ExternalInputs,
    ParsedDocument,
    ParseFailure,
    ParseLimits,
    Problem,
    bounded_document,
    hookimpl,
    open_for_parse,
)

from ._convert import INSTALL_HINT, READERS, available, installed, read_legacy

XLS_MIME = "application/vnd.ms-excel"
DOC_MIME = "application/msword"
PPT_MIME = "application/vnd.ms-powerpoint"
MIB = 1024 * 1024
#: Names of the OLE streams that make a compound file a workbook, a Word document or a deck (UTF-16).
_STREAMS = {
    XLS_MIME: ("Workbook".encode("utf-16-le"), "Book\x00".encode("utf-16-le")),
    DOC_MIME: ("WordDocument".encode("utf-16-le"),),
    PPT_MIME: ("PowerPoint Document".encode("utf-16-le"),),
}
_SUFFIXES = {
    XLS_MIME: (".xls", ".xlt"),
    DOC_MIME: (".doc", ".dot"),
    PPT_MIME: (".ppt", ".pps", ".pot"),
}
_NAMES = {DOC_MIME: ("doc", "Word 97–2003 (DOC)"), PPT_MIME: ("ppt", "PowerPoint 97–2003 (PPT)")}


def _sniff(head: bytes, filename: str, mime: str) -> str | None:
    """A compound file named like ``mime``, or whose head shows ``mime``'s stream name."""
    if not head.startswith(CFB_MAGIC):
        return None
    if filename.lower().endswith(_SUFFIXES[mime]):
        return mime
    others = [m for m in _SUFFIXES if m != mime]
    if filename.lower().endswith(tuple(s for m in others for s in _SUFFIXES[m])):
        return None
    return mime if any(stream in head for stream in _STREAMS[mime]) else None


class XlsParser(BaseParser):
    """Excel 97–2003 workbooks (.xls): sheet name then its non-empty rows."""

    name: ClassVar[str] = "xls"
    version: ClassVar[str] = "1"
    mime_types: ClassVar[tuple[str, ...]] = (XLS_MIME,)

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        return _sniff(head, filename, XLS_MIME)

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        with open_for_parse(path) as handle:
            self.check_not_empty(handle)
        from ._xls import parse_xls

        return parse_xls(path, limits)


class _ReadersVersioned(type):
    """The version names the readers found: the catalog re-reads DOC/PPT once one is installed."""

    @property
    def version(cls) -> str:
        kind = _NAMES[cls.mime_types[0]][0]  # type: ignore[attr-defined]
        return "1/" + ("+".join(installed(kind)) or "-")


class _ConvertedParser(BaseParser, metaclass=_ReadersVersioned):
    mime_types: ClassVar[tuple[str, ...]]

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        return _sniff(head, filename, cls.mime_types[0])

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        with open_for_parse(path) as handle:
            self.check_not_empty(handle)
        kind, label = _NAMES[self.mime_types[0]]
        if not installed(kind):
            return ParsedDocument(
                problems=(
                    Problem(
                        "reader_missing",
                        f"Berkas {label} dicatat, tetapi isinya tidak dibaca: "
                        "belum ada pembaca berkas Office lama di komputer ini.",
                        INSTALL_HINT,
                        "warning",
                    ),
                )
            )
        started = time.monotonic()
        # most of the file's time budget: the worker's own deadline must not strike first
        output, work = read_legacy(kind, path, limits.seconds * 0.8, limits.text_mb * MIB)
        with work:
            if output is None:
                raise ParseFailure(
                    "unreadable_content",
                    f"Berkas {label} tidak dapat dibaca ({', '.join(installed(kind))} gagal): "
                    "berkas rusak, dilindungi kata sandi, atau bukan format tersebut.",
                    "Buka berkas di Word/PowerPoint atau LibreOffice, hapus kata sandinya bila ada, simpan ulang "
                    "(sebaiknya sebagai .docx/.pptx), lalu unggah kembali.",
                )
            if output.converted is not None:
                from zi_evidence_odf import OdfParser

                remaining = replace(limits, seconds=max(limits.seconds - (time.monotonic() - started), 1.0))
                document = OdfParser().parse(output.converted, remaining)
                metadata = {**document.metadata, "reader": output.tool}
                return ParsedDocument(document.pages, document.page_count, metadata, document.problems)
        pages = output.text.replace("\r\n", "\n").split("\f")
        if len(pages) > 1 and not pages[-1].strip():
            pages.pop()  # the form feed closing the last page
        problems = []
        if output.truncated:
            problems.append(
                Problem(
                    "text_limit",
                    f"Teks berkas terlalu panjang: hanya sekitar {limits.text_mb} MB pertama yang disimpan.",
                    "Pisahkan berkas menjadi beberapa bagian bila seluruh isinya perlu dicari.",
                    "warning",
                )
            )
        unit = "slide" if kind == "ppt" else "halaman"
        return bounded_document(
            [page.strip("\n") for page in pages], limits, {"reader": output.tool}, unit=unit, problems=problems
        )


class DocParser(_ConvertedParser):
    """Word 97–2003 documents (.doc), read by antiword, catdoc or LibreOffice."""

    name: ClassVar[str] = "doc"
    mime_types: ClassVar[tuple[str, ...]] = (DOC_MIME,)


class PptParser(_ConvertedParser):
    """PowerPoint 97–2003 decks (.ppt), read by catppt or LibreOffice; a page per slide."""

    name: ClassVar[str] = "ppt"
    mime_types: ClassVar[tuple[str, ...]] = (PPT_MIME,)


def status() -> str:
    """One line for ``zi-evidence plugins``: which readers of DOC and PPT this machine has."""
    doc, ppt = installed("doc"), installed("ppt")
    if doc and ppt:
        return f"XLS dibaca; DOC dibaca dengan {', '.join(doc)}; PPT dibaca dengan {', '.join(ppt)}"
    missing = " dan ".join(label for label, tools in (("DOC", doc), ("PPT", ppt)) if not tools)
    return f"XLS dibaca; {missing} hanya dicatat, tidak dibaca. {INSTALL_HINT}"


@hookimpl
def register_parsers() -> list[type]:
    return [XlsParser, DocParser, PptParser]


@hookimpl
def external_inputs() -> ExternalInputs:
    """The readers' names are in the parsers' versions and are looked for on PATH: a reader installed in one of
    its folders changes that folder, so that the versions are asked again."""
    folders = [folder for folder in os.environ.get("PATH", "").split(os.pathsep) if folder]
    found = {os.path.realpath(path) for tools in READERS.values() for tool in tools if (path := available(tool))}
    return ExternalInputs((*folders, *sorted(found)), ("PATH",))
