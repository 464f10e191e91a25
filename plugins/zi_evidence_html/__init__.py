"""Built-in parsers of saved web pages and mail: HTML, MHT/MHTML single-file pages and .eml (one page each).

Only the standard library reads them (``html.parser``, ``email``); scripts and styles are dropped, and
every read is bounded in bytes and, for MHT, in the number of parts.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from zi_evidence import BaseParser, ParsedDocument, ParseLimits, Problem, bounded_document, hookimpl, open_for_parse

from ._eml import EmlParser
from ._text import decode_html, html_text

HTML_MIME = "text/html"
MHT_MIME = "multipart/related"
MIB = 1024 * 1024
#: A saved page is a few MB; pictures inside an MHT make it larger, so this much is read at most.
MAX_PAGE_MB = 64
MAX_PARTS = 2000
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE | re.DOTALL)
_TEXT_SUFFIXES = (".txt", ".csv", ".tsv", ".md", ".log", ".text")


def _read(path: Path, limits: ParseLimits, label: str) -> tuple[bytes, list[Problem]]:
    cap = min(MAX_PAGE_MB, limits.file_mb) * MIB
    with open_for_parse(path) as handle:
        data = handle.read(cap + 1)
    if not data:
        raise HtmlParser.empty_file()
    if len(data) <= cap:
        return data, []
    note = Problem(
        "text_limit",
        f"Berkas {label} terlalu besar: hanya {cap // MIB} MB pertama yang dibaca.",
        "Simpan halaman tanpa gambar (atau cetak ke PDF), lalu unggah kembali.",
        "warning",
    )
    return data[:cap], [note]


class HtmlParser(BaseParser):
    """Saved web pages (.html/.htm), and HTML content under another name (e.g. an '.xls' exported as HTML)."""

    name: ClassVar[str] = "html"
    version: ClassVar[str] = "1"
    mime_types: ClassVar[tuple[str, ...]] = (HTML_MIME,)

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        suffix = Path(filename).suffix.lower()
        if not suffix or suffix in _TEXT_SUFFIXES or b"\x00" in head[:512]:
            return None  # the text parser's names (and nameless text); binary content is no web page
        if suffix in (".html", ".htm", ".xhtml") or _HTML_START.match(head.removeprefix(b"\xef\xbb\xbf")):
            return HTML_MIME
        return None

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        data, problems = _read(path, limits, "HTML")
        text, title = html_text(decode_html(data))
        return bounded_document([text], limits, {"title": title} if title else {}, problems=problems)


class MhtParser(BaseParser):
    """Web pages saved as one file (.mht/.mhtml): the HTML parts' text, pictures left out."""

    name: ClassVar[str] = "mht"
    version: ClassVar[str] = "1"
    mime_types: ClassVar[tuple[str, ...]] = (MHT_MIME,)

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        named = Path(filename).suffix.lower() in (".mht", ".mhtml")
        return MHT_MIME if named and b"\x00" not in head[:512] and b":" in head[:1024] else None

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        import email
        import email.policy

        data, problems = _read(path, limits, "MHT")
        message = email.message_from_bytes(data, policy=email.policy.default)
        texts: list[str] = []
        title = ""
        for count, part in enumerate(message.walk()):
            if count >= MAX_PARTS:
                problems.append(
                    Problem(
                        "bounded",
                        f"Berkas MHT berisi lebih dari {MAX_PARTS} bagian: sisanya tidak dibaca.",
                        "Simpan ulang halaman sebagai PDF, lalu unggah kembali.",
                        "warning",
                    )
                )
                break
            kind = part.get_content_type()
            if kind not in ("text/html", "text/plain") or part.is_multipart():
                continue
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):
                continue
            if kind == "text/html":
                text, found = html_text(decode_html(payload, part.get_content_charset()))
                title = title or found
            else:
                text = decode_html(payload, part.get_content_charset())  # BOM, charset, UTF-8, cp1252
            if text.strip():
                texts.append(text.strip())
        return bounded_document(["\n".join(texts)], limits, {"title": title} if title else {}, problems=problems)


@hookimpl
def register_parsers() -> list[type]:
    return [HtmlParser, MhtParser, EmlParser]
