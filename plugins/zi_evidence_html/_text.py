"""Visible text of an HTML page with the standard library's tolerant parser: no scripts, styles or markup."""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

#: Elements whose content is never shown as text.
_HIDDEN = {"script", "style", "noscript", "template", "svg", "object", "iframe", "head"}
_BLOCKS = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
    "header", "footer", "blockquote", "pre", "hr", "dt", "dd", "title", "ul", "ol", "form",
}  # fmt: skip
_CELLS = {"td", "th"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.hidden = 0
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in _HIDDEN:
            self.hidden += 1
        if tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in _CELLS:
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _HIDDEN and self.hidden:
            self.hidden -= 1
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.hidden:
            self.parts.append(data)


def html_text(markup: str) -> tuple[str, str]:
    """(visible text with one line per block, the page title)."""
    collector = _Collector()
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
