"""Which period a periodic report covers: a month, a quarter (triwulan) or a half-year (semester).

Read from the file name first (teams name series "Laporan Monev Maret 2026", "Lap TW II", "03-2026"),
then from the title block ("BULAN MARET 2026", "TRIWULAN III"). A year next to the period is kept, so
"Desember 2025" never fills the December slot of 2026.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zi_evidence import MONTH_NAMES, MONTH_RE, MONTHS

TITLE_CHARS = 1500
PERIODS_PER_YEAR = {"monthly": 12, "quarterly": 4, "semiannual": 2}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR_AFTER = r"(?:[\s_.,-]*(?:tahun\s+|th\.?\s*)?(?P<year>20\d\d)(?!\d))?"

_MONTH = re.compile(rf"(?<![a-z])(?P<m>{MONTH_RE})(?![a-z]){_YEAR_AFTER}", re.IGNORECASE)
_NUMERIC_MONTH = (
    re.compile(r"(?<![\d.])(?P<m>0?[1-9]|1[0-2])[-_./](?P<year>20\d\d)(?!\d)"),
    re.compile(r"(?<!\d)(?P<year>20\d\d)[-_./](?P<m>0[1-9]|1[0-2])(?![\d])"),
    re.compile(r"\b(?:bulan|bln)[\s_.-]*(?P<m>0?[1-9]|1[0-2])(?!\d)" + _YEAR_AFTER, re.IGNORECASE),
)
_QUARTER = re.compile(
    r"\b(?:triwulan|tri\s*wulan|tw|trw|q|kuartal|caturwulan)[\s_.-]*(?:ke[\s-]*)?(?P<n>iv|iii|ii|i|[1-4])(?![a-z0-9])"
    + _YEAR_AFTER,
    re.IGNORECASE,
)
_SEMESTER = re.compile(
    r"\b(?:semester|smt|sem)[\s_.-]*(?:ke[\s-]*)?(?P<n>ii|i|[12])(?![a-z0-9])" + _YEAR_AFTER, re.IGNORECASE
)
_LKE_ID = re.compile(r"^\s*(?:[ab][\s._-]*(?:ii|i)[\s._-]*)?\d[\s._-]*[ivx]+(?:[\s._-]*[a-h])?(?![a-z])", re.I)
# month names alone are too common in running text; in titles only after "bulan"/"periode"/"laporan … "
_TITLE_MONTH = re.compile(
    rf"\b(?:bulan|periode|masa)\s+(?P<m>{MONTH_RE})(?![a-z]){_YEAR_AFTER}",
    re.IGNORECASE,
)


@dataclass(frozen=True, order=True)
class Period:
    """``unit`` monthly|quarterly|semiannual, ``number`` 1-based, ``year`` when stated."""

    unit: str
    number: int
    year: int | None = None

    def label(self) -> str:
        if self.unit == "monthly":
            return MONTH_NAMES[self.number - 1]
        roman = ("I", "II", "III", "IV")[self.number - 1]
        return f"Triwulan {roman}" if self.unit == "quarterly" else f"Semester {roman}"


def _year(match: re.Match[str]) -> int | None:
    year = match.groupdict().get("year")
    return int(year) if year else None


def _number(text: str) -> int:
    lowered = text.lower()
    return _ROMAN[lowered] if lowered in _ROMAN else int(lowered)


def _find(text: str, unit: str, title: bool) -> set[Period]:
    found: set[Period] = set()
    if unit == "monthly":
        patterns = (_TITLE_MONTH,) if title else (_MONTH, *_NUMERIC_MONTH)
        for pattern in patterns:
            for match in pattern.finditer(text):
                raw = match.group("m").lower()
                month = MONTHS[raw] if raw in MONTHS else int(raw)
                found.add(Period("monthly", month, _year(match)))
    else:
        pattern = _QUARTER if unit == "quarterly" else _SEMESTER
        for match in pattern.finditer(text):
            found.add(Period(unit, _number(match.group("n")), _year(match)))
    return found


def _name_for_matching(filename: str) -> str:
    stem = filename.rsplit(".", 1)[0] if "." in filename else filename
    # LKE ids ("1.iii.b", "A.I.1.iii.b", "4-i-c") look like roman quarters; drop them first
    return _LKE_ID.sub(" ", stem)


def report_periods(filename: str, text: str, unit: str) -> set[Period]:
    """The periods of ``unit`` a report covers, by name, else by its title block."""
    found = _find(_name_for_matching(filename), unit, title=False)
    return found or _find(text[:TITLE_CHARS], unit, title=True)
