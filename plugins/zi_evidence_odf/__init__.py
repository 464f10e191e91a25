"""Built-in OpenDocument parser (LibreOffice, WPS): ODT pages, ODS sheets and ODP slides.

The package is checked for bombs before any XML is read; the XML is parsed by lxml with entities
unresolved, no network and no huge-tree mode, so a hostile document cannot expand or fetch anything.
"""

from __future__ import annotations

import struct
import zipfile
from functools import cache
from pathlib import Path
from typing import IO, Any, ClassVar

from zi_evidence import (
    BaseParser,
    ParsedDocument,
    ParseFailure,
    ParseLimits,
    Problem,
    bounded_document,
    check_zip,
    hookimpl,
    open_for_parse,
)

from ._xml import q, sheet_pages, slide_pages, text_pages

ODT, ODS, ODP = (f"application/vnd.oasis.opendocument.{kind}" for kind in ("text", "spreadsheet", "presentation"))
_BY_SUFFIX = {".odt": ODT, ".ott": ODT, ".ods": ODS, ".ots": ODS, ".odp": ODP, ".otp": ODP}
_UNIT = {ODT: "halaman", ODS: "lembar", ODP: "slide"}
MIB = 1024 * 1024
_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_REUPLOAD = "Buka berkas di LibreOffice lalu simpan ulang (atau ekspor ke PDF), kemudian unggah kembali."


def _declared_mime(head: bytes) -> str | None:
    """The ``mimetype`` member ODF stores first and uncompressed, read straight from the head."""
    if len(head) < _LOCAL.size or not head.startswith(b"PK\x03\x04"):
        return None
    fields = _LOCAL.unpack_from(head)
    method, size, name_len, extra_len = fields[3], fields[7], fields[9], fields[10]
    start = _LOCAL.size + name_len + extra_len
    if head[_LOCAL.size : _LOCAL.size + name_len] != b"mimetype" or method != 0 or size > 100:
        return None
    mime = head[start : start + size].decode("ascii", "replace").removesuffix("-template")
    return mime if mime in _UNIT else None


class OdfParser(BaseParser):
    """OpenDocument text, spreadsheets and presentations (.odt/.ods/.odp and their templates)."""

    name: ClassVar[str] = "odf"
    version: ClassVar[str] = "1"
    mime_types: ClassVar[tuple[str, ...]] = (ODT, ODS, ODP)
    empty_hint: ClassVar[str] = _REUPLOAD

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        declared = _declared_mime(head)
        if declared:
            return declared
        named = _BY_SUFFIX.get(Path(filename).suffix.lower())
        # a zip named .odt whose first member is not ``mimetype``: let parse say what is wrong with it,
        # unless it is an Office Open XML package (those always hold [Content_Types].xml) under the wrong name
        if not named or not head.startswith(b"PK\x03\x04") or b"[Content_Types].xml" in head:
            return None
        return named

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        with open_for_parse(path) as handle:
            return _parse(handle, path.name, limits)


@cache
def _xml_errors() -> tuple[type[BaseException], ...]:
    from lxml import etree

    return (etree.LxmlError, ValueError, KeyError, EOFError, zipfile.BadZipFile)


def _parse(handle: IO[bytes], filename: str, limits: ParseLimits) -> ParsedDocument:
    OdfParser.check_not_empty(handle)
    cap = limits.inflated_mb * MIB
    try:
        with zipfile.ZipFile(handle) as archive:
            check_zip(archive, cap, inflate=lambda name: name.endswith(".xml") or name == "mimetype")
            names = set(archive.namelist())
            if "content.xml" not in names:
                raise _corrupt("bagian content.xml tidak ada")
            mime = _mime_of(archive, names, filename)
            if "META-INF/manifest.xml" in names and b"encryption-data" in archive.read("META-INF/manifest.xml"):
                raise ParseFailure(
                    "encrypted",
                    "Dokumen OpenDocument terenkripsi (dilindungi kata sandi), sehingga isinya tidak dapat dibaca.",
                    "Buka di LibreOffice dengan kata sandinya, simpan tanpa kata sandi "
                    "(File > Simpan Sebagai, hapus centang 'Simpan dengan kata sandi'), lalu unggah kembali.",
                )
            content = _xml(archive, "content.xml")
            metadata = _metadata(_xml(archive, "meta.xml")) if "meta.xml" in names else {}
    except _xml_errors() as exc:
        raise _corrupt(str(exc) or type(exc).__name__) from exc
    problems: list[Problem] = []
    if mime == ODS:
        pages = sheet_pages(content, problems)
        empty = "Buku kerja tidak berisi data."
    elif mime == ODP:
        pages = slide_pages(content)
        empty = "Presentasi tidak berisi teks."
    else:
        pages = text_pages(content)
        empty = "Dokumen tidak berisi teks."
    return bounded_document(pages, limits, metadata, unit=_UNIT[mime], empty=empty, problems=problems)


def _mime_of(archive: zipfile.ZipFile, names: set[str], filename: str) -> str:
    declared = archive.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
    declared = declared.removesuffix("-template")
    mime = declared if declared in _UNIT else _BY_SUFFIX.get(Path(filename).suffix.lower())
    if mime is None:
        raise _corrupt(f"jenis dokumen tidak dikenal ({declared or 'tanpa mimetype'})")
    return mime


def _xml(archive: zipfile.ZipFile, member: str) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    with archive.open(member) as stream:  # its inflated size was bounded by check_zip
        return etree.parse(stream, parser).getroot()


def _metadata(root: Any) -> dict[str, str]:
    meta = root.find(q("office:meta"))
    if meta is None:
        return {}
    dc = "{http://purl.org/dc/elements/1.1/}"
    fields = {
        "title": dc + "title",
        "subject": dc + "subject",
        "author": q("meta:initial-creator"),
        "last_modified_by": dc + "creator",
        "created": q("meta:creation-date"),
        "modified": dc + "date",
    }
    values = {key: (meta.findtext(tag) or "").strip() for key, tag in fields.items()}
    return {key: value for key, value in values.items() if value}


def _corrupt(detail: str) -> ParseFailure:
    return ParseFailure(
        "corrupt", f"Berkas OpenDocument rusak atau tidak lengkap (rincian teknis: {detail}).", _REUPLOAD
    )


@hookimpl
def register_parsers() -> list[type]:
    return [OdfParser]
