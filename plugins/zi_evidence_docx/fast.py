"""The DOCX fast path: the package read straight from the zip, each XML part parsed once with lxml.

python-docx builds its object model over every part of the package (styles, numbering, settings ...)
before a word of text is read; the text needs only the main document, its headers, footers and notes,
and the core properties. ``read`` returns ``None`` for a package laid out in a way it does not know,
and the caller takes python-docx's path, which also words the error for a package that is not Word's.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ._walk import W, drop_fallbacks, element_pages

_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OFFICE_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MAIN_RT = _OFFICE_RT + "officeDocument"
_CORE_RT = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_LEADING = (_OFFICE_RT + "header",)
_TRAILING = (_OFFICE_RT + "footer", _OFFICE_RT + "footnotes", _OFFICE_RT + "endnotes")
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_MAIN_CT = _WML + "document.main+xml"
#: The parts python-docx parses with its own parser (blank text dropped), which the text must match.
_MODELLED = (_WML + "header+xml", _WML + "footer+xml", _MAIN_CT)
_DC = "{http://purl.org/dc/elements/1.1/}"
_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
_TERMS = "{http://purl.org/dc/terms/}"
_CORE = {
    "title": _DC + "title",
    "author": _DC + "creator",
    "subject": _DC + "subject",
    "keywords": _CP + "keywords",
    "last_modified_by": _CP + "lastModifiedBy",
}
_DATES = {"created": _TERMS + "created", "modified": _TERMS + "modified"}
_OFFSET = re.compile(r"([+-])(\d\d):(\d\d)$")


@dataclass(frozen=True)
class DocxText:
    """What the parser needs from a package: body pages, header and trailer texts, core properties."""

    pages: list[str]
    leading: list[str]
    trailing: list[str]
    metadata: dict[str, str]


def _parser(modelled: bool) -> Any:
    from lxml import etree

    # no entities, no network, no huge trees: an XML bomb stays a parse error
    return etree.XMLParser(remove_blank_text=modelled, resolve_entities=False, no_network=True, huge_tree=False)


class _Package:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.names = set(archive.namelist())
        types = self._xml("[Content_Types].xml", modelled=False)
        self.defaults = {e.get("Extension", "").lower(): e.get("ContentType") for e in types.iter(_CT + "Default")}
        self.overrides = {e.get("PartName", "").lower(): e.get("ContentType") for e in types.iter(_CT + "Override")}

    def _xml(self, name: str, modelled: bool) -> Any:
        from lxml import etree

        return etree.fromstring(self.archive.read(name), _parser(modelled))

    def content_type(self, name: str) -> str | None:
        return self.overrides.get("/" + name.lower()) or self.defaults.get(name.rsplit(".", 1)[-1].lower())

    def part(self, name: str) -> Any:
        return self._xml(name, modelled=self.content_type(name) in _MODELLED)

    def rels(self, source: str) -> list[tuple[str, str]]:
        """(relationship type, part name) of ``source``'s internal relationships, in file order."""
        folder, base = posixpath.split(source)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name not in self.names:
            return []
        found = []
        for rel in self._xml(rels_name, modelled=False).iter(_REL):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found.append((rel.get("Type", ""), name))
        return found


def read(archive: zipfile.ZipFile) -> DocxText | None:
    """The text of a bomb-checked DOCX package, or ``None`` to let python-docx read it."""
    package = _Package(archive)
    mains = [name for rt, name in package.rels("") if rt == _MAIN_RT]
    if len(mains) != 1 or mains[0] not in package.names or package.content_type(mains[0]) != _MAIN_CT:
        return None
    main = mains[0]
    body = package.part(main).find(W + "body")
    if body is None:
        return None
    drop_fallbacks(body)
    pages = element_pages(body)
    leading: list[str] = []
    trailing: list[str] = []
    for rt, name in package.rels(main):
        if rt not in (*_LEADING, *_TRAILING) or name not in package.names:
            continue
        element = package.part(name)
        drop_fallbacks(element)
        text = "\n".join(filter(None, element_pages(element)))
        target = leading if rt in _LEADING else trailing
        if text and text not in target:
            target.append(text)
    core = [name for rt, name in package.rels("") if rt == _CORE_RT and name in package.names]
    metadata = _core_properties(package.part(core[0])) if core else {}
    return DocxText(pages, leading, trailing, metadata)


def _core_properties(root: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for key, tag in _CORE.items():
        element = root.find(tag)
        value = (element.text or "").strip() if element is not None else ""
        if value:
            found[key] = value
    for key, tag in _DATES.items():
        element = root.find(tag)
        when = _w3cdtf(element.text or "") if element is not None else None
        if when:
            found[key] = when
    return found


def _w3cdtf(text: str) -> str | None:
    """A W3CDTF date (2026-01-15T09:00:00Z, 2026-01-15T16:00:00+07:00, 2026-01, 2026) in UTC, ISO 8601."""
    text = text.strip()
    moment = None
    for template in ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            moment = datetime.strptime(text[:19], template)
            break
        except ValueError:
            continue
    if moment is None:
        return None
    offset = _OFFSET.match(text[19:])
    if offset and len(text[19:]) == 6:
        sign, hours, minutes = offset.groups()
        shift = timedelta(hours=int(hours), minutes=int(minutes))
        moment = moment - shift if sign == "+" else moment + shift
    return moment.replace(tzinfo=UTC).isoformat()
