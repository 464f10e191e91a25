"""Visible text of an HTML page with the standard library's tolerant parser: no scripts, styles or markup."""

from __future__ import annotations

import codecs
import re

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def html_text(markup: str) -> tuple[str, str]:
    """(visible text with one line per block, the page title)."""
    from ._collector import Collector  # html.parser: only when a page is read

    collector = Collector()
    collector.feed(markup)
    collector.close()
    lines = (" ".join(line.replace("\t", " \t ").split(" ")).strip() for line in "".join(collector.parts).split("\n"))
    text = "\n".join(_squash(line) for line in lines if line.strip())
    return text, " ".join("".join(collector.title).split())


def _squash(line: str) -> str:
    cells = [" ".join(cell.split()) for cell in line.split("\t")]
    return "\t".join(cell for cell in cells if cell)


def decode_html(data: bytes, declared: str | None = None) -> str:
    """The page's text: BOM, then the declared charset (MIME header or ``<meta>``), else UTF-8, else cp1252."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, "replace")
    found = _CHARSET.search(data[:4096])
    for encoding in filter(None, (declared, found.group(1).decode("ascii") if found else None)):
        try:
            return data.decode(encoding, "replace")
        except LookupError:
            continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")
