"""E-mail messages (.eml, standard library ``email``): subject, sender, date, body text, attachments.

An invitation or a follow-up letter often reaches the drive as a saved e-mail; its body is searchable and
its attachments are listed by name (they are not opened: each should be on the drive as its own file).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from zi_evidence import BaseParser, ParsedDocument, ParseLimits, Problem, bounded_document, open_for_parse

from ._text import decode_html, html_text

if TYPE_CHECKING:
    from email.message import EmailMessage

EML_MIME = "message/rfc822"
MIB = 1024 * 1024
#: Attachments make an e-mail large; the text parts come first, so this much is read at most.
MAX_EML_MB = 64
MAX_PARTS = 2000
_HEADER = re.compile(
    rb"^(?:From|To|Subject|Date|Received|Return-Path|Message-ID|MIME-Version|Delivered-To):", re.I | re.M
)


class EmlParser(BaseParser):
    """Saved e-mail messages (.eml): one page with the headers that matter, the body and the attachment names."""

    name: ClassVar[str] = "eml"
    version: ClassVar[str] = "1"
    mime_types: ClassVar[tuple[str, ...]] = (EML_MIME,)

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        if Path(filename).suffix.lower() != ".eml" or b"\x00" in head[:512]:
            return None
        return EML_MIME if len(_HEADER.findall(head[:4096])) >= 2 else None

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        cap = min(MAX_EML_MB, limits.file_mb) * MIB
        with open_for_parse(path) as handle:
            data = handle.read(cap + 1)
        if not data:
            raise self.empty_file()
        problems: list[Problem] = []
        if len(data) > cap:
            data = data[:cap]
            problems.append(_warning(f"E-mail terlalu besar: hanya {cap // MIB} MB pertama yang dibaca."))
        # imported here: loading the plugins stays cheap for commands that parse nothing
        import email
        import email.policy

        message = email.message_from_bytes(data, policy=email.policy.default)
        headers = {key: _header(message, key) for key in ("Subject", "From", "To", "Date")}
        lines = [f"{label}: {headers[key]}" for key, label in _LABELS if headers[key]]
        body, attachments = _body_and_attachments(message, problems)
        if attachments:
            lines.append("Lampiran: " + ", ".join(attachments))
        if body:
            lines += ["", body]
        metadata = {"title": headers["Subject"], "author": headers["From"], "created": _iso(headers["Date"])}
        metadata = {key: value for key, value in metadata.items() if value}
        return bounded_document(
            ["\n".join(lines)], limits, metadata, empty="E-mail tidak berisi teks.", problems=problems
        )


_LABELS = (("Subject", "Perihal"), ("From", "Dari"), ("To", "Kepada"), ("Date", "Tanggal"))


def _header(message: EmailMessage, key: str) -> str:
    try:
        return " ".join(str(message.get(key, "") or "").split())
    except (ValueError, TypeError, IndexError):  # a malformed header: kept out rather than failing the file
        return ""


def _body_and_attachments(message: EmailMessage, problems: list[Problem]) -> tuple[str, list[str]]:
    attachments: list[str] = []
    texts: list[str] = []
    for count, part in enumerate(message.walk()):
        if count >= MAX_PARTS:
            problems.append(_warning(f"E-mail berisi lebih dari {MAX_PARTS} bagian: sisanya tidak dibaca."))
            break
        if part.is_multipart():
            continue
        filename = part.get_filename()
        if filename or part.get_content_disposition() == "attachment":
            attachments.append(filename or "(tanpa nama)")
            continue
        kind = part.get_content_type()
        if kind not in ("text/plain", "text/html"):
            continue
        payload = part.get_payload(decode=True) or b""
        assert isinstance(payload, bytes)
        text = decode_html(payload, part.get_content_charset())
        if kind == "text/html":
            if any(t for t in texts):
                continue  # the HTML twin of a plain-text body says the same
            text = html_text(text)[0]
        texts.append(text.replace("\r\n", "\n").strip())
    return "\n\n".join(t for t in texts if t), attachments


def _iso(value: str) -> str:
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).isoformat() if value else ""
    except (TypeError, ValueError, IndexError):
        return ""


def _warning(message: str) -> Problem:
    return Problem("bounded", message, "Simpan e-mail tanpa lampiran besar, atau cetak ke PDF.", "warning")
