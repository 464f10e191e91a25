"""Text out of WordprocessingML by walking lxml elements (far faster than python-docx objects)."""

from __future__ import annotations

from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
P, T, TAB, BR, CR, TR, TC, NB_HYPHEN = (W + tag for tag in ("p", "t", "tab", "br", "cr", "tr", "tc", "noBreakHyphen"))


def drop_fallbacks(root: Any) -> None:
    """Drop ``mc:Fallback`` copies (text boxes are stored twice) so their text is not doubled.

    Only the in-memory tree changes; the file is never written.
    """
    for fallback in list(root.iter(MC_FALLBACK)):
        parent = fallback.getparent()
        if parent is not None:
            parent.remove(fallback)


def element_pages(root: Any) -> list[str]:
    """Text under ``root`` split on explicit page breaks; table cells of a row joined by tabs."""
    pages: list[list[str]] = [[]]
    line: list[str] = []
    row_has_cell = False
    continue_line = False  # the first paragraph of a cell continues its row's line

    def flush() -> None:
        if line:
            text = "".join(line)
            if text.strip():
                pages[-1].append(text)
            line.clear()

    for element in root.iter(P, T, TAB, BR, CR, TR, TC, NB_HYPHEN):
        tag = element.tag
        if tag == T:
            line.append(element.text or "")
        elif tag == P:
            if continue_line:
                continue_line = False
            else:
                flush()
        elif tag == TC:
            if row_has_cell:
                line.append("\t")
            row_has_cell = continue_line = True
        elif tag == TR:
            flush()
            row_has_cell = False
        elif tag == TAB:
            line.append("\t")
        elif tag == NB_HYPHEN:
            line.append("-")
        elif tag == BR and element.get(W + "type") == "page":
            flush()
            pages.append([])
        else:  # a line break inside a paragraph
            line.append("\n")
    flush()
    return ["\n".join(lines) for lines in pages]
