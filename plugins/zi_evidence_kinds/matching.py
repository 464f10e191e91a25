"""A detector made of patterns: file-name words, title lines, headings and body phrases.

Real documents vary in case, spacing ("K E P U T U S A N") and separators in names
("SK_tim-zi.pdf"), so both the name and the text are normalised before matching.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import ClassVar

TITLE_LINES = 25  # the title block of a letter, decree or report sits in its first lines
OPENING_LINES = 1  # a title in ordinary case only counts as the very first line (tables and UI text come later)
_SPACED = re.compile(r"\b(?:[A-Za-z] ){3,}[A-Za-z]\b")  # "K E P U T U S A N" as typeset in decrees
_NAME_SEPARATORS = re.compile(r"[\s_\-.+()\[\]{},;]+")
# ASCII bytes that are not letters / not capitals, for ``bytes.translate(None, delete)``
_NOT_LETTER = bytes(c for c in range(128) if not chr(c).isalpha())
_NOT_UPPER = bytes(c for c in range(128) if not chr(c).isupper())


def normalise_name(filename: str) -> tuple[str, str]:
    """``("sk tim zona integritas", "pdf")`` from ``"SK_TIM-Zona.Integritas.pdf"``."""
    stem, dot, extension = filename.rpartition(".")
    if not dot or " " in extension or len(extension) > 5:
        stem, extension = filename, ""
    return _NAME_SEPARATORS.sub(" ", stem).strip().lower(), extension.lower()


def normalise_lines(text: str) -> list[str]:
    """Non-empty lines, trimmed, inner spaces collapsed and letter-spaced words closed up."""
    lines = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if line:
            lines.append(_SPACED.sub(lambda m: m.group(0).replace(" ", ""), line))
    return lines


def is_title_line(line: str, index: int) -> bool:
    """Official titles are typed in capitals ("LAPORAN MONITORING …"); table cells and body text are not."""
    if index >= TITLE_LINES:
        return False
    if index < OPENING_LINES:
        return True
    if line.isascii():  # most lines: counted by C byte deletes (a per-character loop took ~3 s per 2,000 files)
        raw = line.encode("ascii")
        letters, upper = len(raw.translate(None, _NOT_LETTER)), len(raw.translate(None, _NOT_UPPER))
        return letters > 0 and upper >= 0.8 * letters
    alpha = [c for c in line if c.isalpha()]
    return bool(alpha) and sum(c.isupper() for c in alpha) >= 0.8 * len(alpha)


@lru_cache(maxsize=8)
def _analyse(text: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """Lines, title lines and the joined head of one text, shared by every detector that looks at it."""
    lines = tuple(normalise_lines(text))
    titles = tuple(line for index, line in enumerate(lines[:TITLE_LINES]) if is_title_line(line, index))
    return lines, titles, "\n".join(lines)


def _compile(patterns: tuple[str, ...], prefix: str = "") -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(prefix + p, re.IGNORECASE | re.DOTALL) for p in patterns)


class PatternDetector:
    """Subclass and fill the pattern tuples; a file is of the kind when any one of them matches.

    ``names``: regexes searched in the normalised file name (lower case, separators as spaces).
    ``extensions``: file extensions that alone mean this kind (e.g. photos), unless ``not_names`` match.
    ``titles``: regexes matched at the start of a title line (``is_title_line``: capitals, near the top).
    ``headings``: regexes matched at the start of any line of the head of the text.
    ``phrases``: regexes searched anywhere in the normalised head (lines joined by newlines).
    """

    name: ClassVar[str]
    label: ClassVar[str]
    version: ClassVar[str] = "1"
    names: ClassVar[tuple[str, ...]] = ()
    not_names: ClassVar[tuple[str, ...]] = ()
    extensions: ClassVar[tuple[str, ...]] = ()
    titles: ClassVar[tuple[str, ...]] = ()
    headings: ClassVar[tuple[str, ...]] = ()
    phrases: ClassVar[tuple[str, ...]] = ()
    # Compiled on first use (most runs, with nothing changed, detect nothing); each subclass its own.
    _compiled: ClassVar[dict[str, tuple[re.Pattern[str], ...]] | None] = None

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls._compiled = None  # not the parent's: a detector derived from another has its own patterns

    @classmethod
    def _patterns(cls, group: str) -> tuple[re.Pattern[str], ...]:
        if cls._compiled is None:
            cls._compiled = {
                "names": _compile(cls.names),
                "not_names": _compile(cls.not_names),
                "titles": _compile(cls.titles, r"^"),
                "headings": _compile(cls.headings, r"^"),
                "phrases": _compile(cls.phrases),
            }
        return cls._compiled[group]

    @classmethod
    def by_name(cls, filename: str) -> bool:
        stem, extension = normalise_name(filename)
        if any(p.search(stem) for p in cls._patterns("not_names")):
            return False
        return extension in cls.extensions or any(p.search(stem) for p in cls._patterns("names"))

    @classmethod
    def by_text(cls, text: str) -> bool:
        if not text.strip():
            return False
        lines, titles, joined = _analyse(text)
        if any(p.match(line) for p in cls._patterns("titles") for line in titles):
            return True
        if any(p.match(line) for p in cls._patterns("headings") for line in lines):
            return True
        return any(p.search(joined) for p in cls._patterns("phrases"))

    @classmethod
    def detect(cls, filename: str, text: str) -> bool:
        return cls.by_name(filename) or cls.by_text(text)
