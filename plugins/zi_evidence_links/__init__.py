"""Built-in link parser: Google Drive shortcuts (.gdoc, .gsheet, .gslides…) and .url / .webloc files.

Such a file is not evidence, only a pointer to it: it is recorded as a *tautan* with its target under
``LINK_TARGET``, so that a check can say the evidence itself is not on the drive. Each file is a few
hundred bytes; anything over 64 KB is not a shortcut and is refused unread.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import ClassVar

from zi_evidence import LINK_TARGET, BaseParser, ParsedDocument, ParseFailure, ParseLimits, hookimpl, open_for_parse

MAX_BYTES = 64 * 1024
_GOOGLE = "application/vnd.google-apps."
#: Drive for desktop's shortcut suffix -> (Google's own mime type suffix, the address of a file of that kind, label)
DRIVE_KINDS = {
    ".gdoc": ("document", "https://docs.google.com/document/d/{}", "Google Dokumen"),
    ".gsheet": ("spreadsheet", "https://docs.google.com/spreadsheets/d/{}", "Google Spreadsheet"),
    ".gslides": ("presentation", "https://docs.google.com/presentation/d/{}", "Google Slide"),
    ".gform": ("form", "https://docs.google.com/forms/d/{}", "Google Formulir"),
    ".gdraw": ("drawing", "https://docs.google.com/drawings/d/{}", "Google Gambar"),
}
DRIVE_OPEN = "https://drive.google.com/open?id={}"
URL_MIME = "application/x-mswinurl"
WEBLOC_MIME = "application/x-webloc"
_DOC_ID = re.compile(r"^[A-Za-z0-9_-]{10,200}$")
_URL_LINE = re.compile(rb"^\s*URL\s*=\s*(\S[^\r\n]*)", re.IGNORECASE | re.MULTILINE)
_REMAKE = "Buat ulang pintasan ini dari dokumen aslinya, atau simpan dokumennya sendiri di folder ini."


class LinkParser(BaseParser):
    """Shortcuts: one page naming the target address, and the target in the metadata."""

    name: ClassVar[str] = "link"
    version: ClassVar[str] = "1"
    mime_types: ClassVar[tuple[str, ...]] = (
        *(_GOOGLE + kind for kind, _, _ in DRIVE_KINDS.values()),
        URL_MIME,
        WEBLOC_MIME,
    )
    empty_hint: ClassVar[str] = _REMAKE

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        suffix = Path(filename).suffix.lower()
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        if suffix in DRIVE_KINDS and start.startswith(b"{"):
            return _GOOGLE + DRIVE_KINDS[suffix][0]
        if suffix == ".url" and b"[internetshortcut]" in head[:4096].lower():
            return URL_MIME
        if suffix == ".webloc" and start.startswith((b"<?xml", b"<plist", b"bplist")):
            return WEBLOC_MIME
        return None

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        with open_for_parse(path) as handle:
            data = handle.read(MAX_BYTES + 1)
        if not data:
            raise self.empty_file()
        if len(data) > MAX_BYTES:
            raise ParseFailure(
                "corrupt", f"Berkas pintasan lebih besar dari {MAX_BYTES // 1024} KB; bukan pintasan.", _REMAKE
            )
        # the name is not known here (workers read through a descriptor): the content tells the kind
        if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
            target, label = _drive(data)
        elif b"[internetshortcut]" in data.lower():
            target, label = _internet_shortcut(data), "tautan web"
        else:
            target, label = _webloc(data), "tautan web"
        if not re.match(r"^https?://[^\s/]+", target, re.IGNORECASE):
            raise ParseFailure("corrupt", f"Pintasan tidak berisi alamat web yang sah ({target[:80]!r}).", _REMAKE)
        page = f"Tautan ({label}): {target}"
        return ParsedDocument((page,), 1, {LINK_TARGET: target, "link_kind": label})


def _drive(data: bytes) -> tuple[str, str]:
    try:  # at most 64 KB: json's own recursion guard bounds the nesting
        value = json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError) as exc:
        raise ParseFailure("corrupt", f"Pintasan Google Drive rusak: bukan JSON yang sah ({exc}).", _REMAKE) from exc
    if not isinstance(value, dict):
        raise ParseFailure("corrupt", "Pintasan Google Drive rusak: isinya bukan objek JSON.", _REMAKE)
    url, doc_id = value.get("url"), value.get("doc_id")
    if isinstance(url, str) and url.strip():
        url = url.strip()
        label = next((lbl for _, tpl, lbl in DRIVE_KINDS.values() if url.startswith(tpl[: -len("/d/{}")])), "")
        return url, label or "Google Drive"
    if isinstance(doc_id, str) and _DOC_ID.match(doc_id):  # newer Drive for desktop writes only the id
        return DRIVE_OPEN.format(doc_id), "Google Drive"
    raise ParseFailure(
        "corrupt", "Pintasan Google Drive tidak memuat alamat (url) atau kode dokumen (doc_id).", _REMAKE
    )


def _internet_shortcut(data: bytes) -> str:
    match = _URL_LINE.search(data)
    if not match:
        raise ParseFailure("corrupt", "Berkas .url tidak memuat baris URL=.", _REMAKE)
    return match.group(1).decode("utf-8", "replace").strip()


def _webloc(data: bytes) -> str:
    import plistlib  # here: it loads the XML parser, which a command that reads no .webloc never needs
    from xml.parsers.expat import ExpatError

    try:
        value = plistlib.loads(data)
    # plistlib refuses entity declarations outright, so an XML bomb ends here too
    except (plistlib.InvalidFileException, ExpatError, ValueError, TypeError, KeyError, OverflowError) as exc:
        raise ParseFailure("corrupt", f"Berkas .webloc rusak ({exc or type(exc).__name__}).", _REMAKE) from exc
    url = value.get("URL") if isinstance(value, dict) else None
    if not isinstance(url, str):
        raise ParseFailure("corrupt", "Berkas .webloc tidak memuat alamat (URL).", _REMAKE)
    return url.strip()


@hookimpl
def register_parsers() -> list[type]:
    return [LinkParser]
