"""Masking personal data wherever text is shown: search snippets, and any front end that shows page text.

Plugins find it (``find_personal_data`` returns spans); this module only masks: every letter and digit
of a span but its last four becomes ``*``. The length stays, so highlighted snippets keep their shape.
"""

from __future__ import annotations

from typing import Any

from zi_evidence.search.backend import Snippet

KEPT = 4


def mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        positions = [i for i in range(start, end) if chars[i].isalnum() or chars[i] == "*"]
        for i in positions[:-KEPT] if len(positions) > KEPT else ():
            chars[i] = "*"
    return "".join(chars)


def mask_text(host: Any, text: str) -> str:
    """``text`` with every span of personal data the plugins find masked."""
    spans = host.personal_spans(text)
    return mask_spans(text, spans) if spans else text


def mask_snippet(host: Any, snippet: Snippet) -> Snippet:
    """Mask across the segments of a highlighted snippet (a number may be the match, its label the context)."""
    whole = "".join(text for text, _ in snippet)
    masked = mask_text(host, whole)
    if masked == whole:
        return snippet
    out, at = [], 0
    for text, is_match in snippet:
        out.append((masked[at : at + len(text)], is_match))
        at += len(text)
    return tuple(out)


def mask_segments(host: Any, segments: Any) -> list[list[Any]]:
    """``mask_snippet`` over (text, is_match) pairs as JSON gives them (the server's search hits)."""
    return [[text, mark] for text, mark in mask_snippet(host, tuple((text, bool(mark)) for text, mark in segments))]
