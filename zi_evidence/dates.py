"""Dates in Indonesian government documents: "12 Januari 2026", "12-01-2026", "Ditetapkan di … pada tanggal …".

A document's own date is the date it was signed or issued, so the signing line wins over any date
merely mentioned in the text (a report on December signed on 5 January belongs to January's year).
Day-month order is Indonesian (12/01/2026 is 12 January); two-digit years are refused as ambiguous.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

MONTH_NAMES = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


#: Every spelling seen in practice (old spellings, abbreviations, English metadata) -> month number.
MONTHS: Mapping[str, int] = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    "pebruari": 2, "nopember": 11, "agustur": 8,
    "jan": 1, "feb": 2, "peb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "agu": 8, "agt": 8, "agust": 8,
    "ags": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "nop": 11, "des": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10, "oct": 10, "december": 12, "dec": 12, "aug": 8,
}  # fmt: skip

MIN_YEAR, MAX_YEAR = 1945, 2100

# longest first, so "juni" is not read as "jun" + "i"
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
# Every date starts with a digit not preceded by a digit, '.', '/' or '-'. That digit is matched first,
# outside the alternatives (``f``), so the engine jumps from digit to digit instead of trying three
# alternatives at every character: a 70,000-character text is read about ten times faster.
_FIRST = r"(?P<f>\d)(?<![\d./-]\d)"
# "12 Januari 2026", "12-Jan-2026", "12 JANUARI2026", "12januari 2026", "1 Mei, 2026"
_TEXTUAL = rf"(?P<td>\d?)\s*[-/.]?\s*(?P<tm>{MONTH_RE})(?![a-z])\.?\s*[-/.,]?\s*(?P<ty>\d{{4}})(?!\d)"
# "12-01-2026", "12/01/2026", "12.01.2026" (the same separator twice)
_NUMERIC = r"(?P<nd>\d?)(?P<ns>[-/.])(?P<nm>\d{1,2})(?P=ns)(?P<ny>\d{4})(?!\d)"
_ISO = r"(?P<iy>\d{3})-(?P<im>\d{2})-(?P<id>\d{2})(?!\d)"
DATE_PATTERN = rf"{_FIRST}(?:{_TEXTUAL}|{_NUMERIC}|{_ISO})"

_DATE = re.compile(DATE_PATTERN, re.IGNORECASE)
# the same shapes without groups, to be embedded in larger patterns
_ANY_DATE = (
    r"(?:\d{1,2}\s*[-/.]?\s*(?:" + MONTH_RE + r")(?![a-z])\.?\s*[-/.,]?\s*\d{4}"
    r"|\d{1,2}-\d{1,2}-\d{4}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\.\d{1,2}\.\d{4})"
)
# "Ditetapkan di Tanjung Kelayang\npada tanggal 12 Januari 2026" (spacing and line breaks vary)
_ENACTED = re.compile(
    r"d\s*i\s*t\s*e\s*t\s*a\s*p\s*k\s*a\s*n\s+d\s*i\b[^\n]{0,80}\s+pada\s+tanggal\s*:?\s*(" + _ANY_DATE + ")",
    re.IGNORECASE,
)
_WEEKDAY = r"(?!(?:senin|selasa|rabu|kamis|jum.?at|sabtu|minggu|ahad)\b)"
# the place-and-date line above a signature: "Tanjung Kelayang, 30 Desember 2025" (not "Jumat, 9 Januari 2026")
_PLACE_DATE = re.compile(
    r"^[ \t]*" + _WEEKDAY + r"[A-Z][A-Za-z.'’ -]{1,40},[ \t]*(" + _ANY_DATE + r")[ \t]*\.?[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
# "NOMOR W.31-IMI.5-OT.02.01-0012 TAHUN 2026" in the title block of a decree
_NOMOR_YEAR = re.compile(r"^[ \t]*N\s*O\s*M\s*O\s*R\b[^\n]{0,80}?\bTAHUN\s+(\d{4})\b", re.MULTILINE | re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    """A date found in a text, with where it stood."""

    value: date
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DocumentDate:
    """When a document was made. ``value`` is None when only the year is known (an SK's NOMOR line).

    ``source``: ``signing`` (the signature block), ``content`` (the latest date in the text),
    ``nomor`` (the decree number's year), ``taken`` (a photo's EXIF date taken), ``folder`` (a year in the
    folder path), ``metadata``.
    """

    year: int
    value: date | None
    source: str
    text: str = ""

    def describe(self) -> str:
        """In Indonesian, for messages: "30 Desember 2025 (tanggal penandatanganan)"."""
        shown = format_date(self.value) if self.value else f"tahun {self.year}"
        return f"{shown} ({SOURCE_LABELS.get(self.source, self.source)})"


SOURCE_LABELS = {
    "signing": "tanggal penandatanganan",
    "content": "tanggal terakhir di isi dokumen",
    "nomor": "tahun pada nomor surat keputusan",
    "taken": "tanggal pengambilan foto menurut EXIF",
    "folder": "tahun pada nama folder",
    "metadata": "tanggal pembuatan menurut metadata berkas",
}


def format_date(value: date) -> str:
    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"


def month_name(month: int) -> str:
    return MONTH_NAMES[month - 1]


def _build(year: int, month: int, day: int) -> date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:  # 31 Februari, month 13: not a date
        return None


def _from_match(match: re.Match[str]) -> date | None:
    g = match.groupdict()
    first = g["f"]  # the leading digit: of the day, or of an ISO date's year
    if g["tm"] is not None:
        return _build(int(g["ty"]), MONTHS[g["tm"].lower()], int(first + g["td"]))
    if g["ns"] is not None:
        return _build(int(g["ny"]), int(g["nm"]), int(first + g["nd"]))
    return _build(int(first + g["iy"]), int(g["im"]), int(g["id"]))


def find_dates(text: str) -> list[FoundDate]:
    """Every complete date (day, month and year) in ``text``, in order of appearance."""
    found = []
    for match in _DATE.finditer(text):
        value = _from_match(match)
        if value is not None:
            found.append(FoundDate(value, match.start(), match.end(), match.group(0)))
    return found


def parse_date(text: str) -> date | None:
    """The date ``text`` consists of (surrounding spaces allowed), else None."""
    stripped = text.strip()
    match = _DATE.fullmatch(stripped)
    return _from_match(match) if match else None


def signing_date(text: str) -> FoundDate | None:
    """The date of the signature block: "Ditetapkan di … pada tanggal …", else the last "Tempat, tanggal" line."""
    for pattern in (_ENACTED, _PLACE_DATE):
        candidates = [(m, parse_date(m.group(1))) for m in pattern.finditer(text)]
        dated = [(m, value) for m, value in candidates if value is not None]
        if dated:
            match, value = dated[-1]  # the last one: a signature closes the document
            return FoundDate(value, match.start(1), match.end(1), match.group(1).strip())
    return None


def nomor_year(text: str) -> int | None:
    """The year in a decree's "NOMOR … TAHUN 2026" line."""
    match = _NOMOR_YEAR.search(text)
    if not match:
        return None
    year = int(match.group(1))
    return year if MIN_YEAR <= year <= MAX_YEAR else None


_MADE_KEYS = ("created", "creation_date", "modified")


def metadata_date(metadata: Mapping[str, str], keys: tuple[str, ...] = _MADE_KEYS) -> date | None:
    for key in keys:
        value = metadata.get(key, "")
        match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
        if match:
            found = _build(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            if found:
                return found
    return None


def document_date(text: str, metadata: Mapping[str, str] | None = None, folder_year: str = "") -> DocumentDate | None:
    """The date a document was made, from the most to the least trustworthy source (see ``DocumentDate``)."""
    return text_date(text) or outside_date(metadata or {}, folder_year)


def text_date(text: str) -> DocumentDate | None:
    """The date the text itself gives: its signature block, else the latest date in it, else a NOMOR's year.

    It depends on the text alone, so the findings build keeps it per text (``validation.findings``).
    """
    if not text:
        return None
    signed = signing_date(text)
    if signed:
        return DocumentDate(signed.value.year, signed.value, "signing", signed.text)
    mentioned = find_dates(text)
    if mentioned:
        latest = max(mentioned, key=lambda found: found.value)
        return DocumentDate(latest.value.year, latest.value, "content", latest.text)
    year = nomor_year(text)
    return DocumentDate(year, None, "nomor") if year else None


def outside_date(metadata: Mapping[str, str], folder_year: str = "") -> DocumentDate | None:
    """For a text that gives no date: a photo's date taken, the folder's year, the file's own metadata."""
    # a photo's date taken says when the activity happened: stronger than a folder's year
    taken = metadata_date(metadata, ("taken",))
    if taken:
        return DocumentDate(taken.year, taken, "taken", taken.isoformat())
    if folder_year.isdigit():
        return DocumentDate(int(folder_year), None, "folder", folder_year)
    made = metadata_date(metadata)
    if made:
        return DocumentDate(made.year, made, "metadata", made.isoformat())
    return None
