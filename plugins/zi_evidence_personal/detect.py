"""Finding personal numbers in text: NIK, KK, NPWP, citizens' mobile numbers and e-mail, officials' NIP.

Every candidate is checked for a valid structure, so SK numbers, dates, office phone numbers and table
totals do not count. What leaves this module is masked (``mask``): no number is ever kept in full.

Structures: NIK and KK — 6-digit region code (province, regency, district), then DDMMYY (a NIK's birth
date, women's day + 40; a KK's issue date), then a 4-digit serial (practice of Dukcapil under UU 24/2013).
NIP — YYYYMMDD birth date, YYYYMM start of service (TMT), sex digit 1/2, 3-digit serial (Peraturan Kepala
BKN Nomor 22 Tahun 2007). NPWP — 15 digits written 99.999.999.9-999.999 (PER-20/PJ/2013), or 16 digits
since PMK 112/PMK.03/2022 (a resident's NIK, otherwise 0 + the 15 digits).
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from zi_evidence_personal.regions import PROVINCES, plausible_district, plausible_regency

_D16 = re.compile(r"(?<![\d./-])(\d{16})(?![\d])(?![./-]\d)")
_D16_GROUPED = re.compile(r"(?<![\d./-])(\d{4})[ .-](\d{4})[ .-](\d{4})[ .-](\d{4})(?![\d])(?![./-]\d)")
_NPWP = re.compile(r"(?<![\d.])(0?\d{2})\.(\d{3})\.(\d{3})\.(\d)-(\d{3})\.(\d{3})(?![\d])")
_D15 = re.compile(r"(?<![\d./-])(\d{15,16})(?![\d])")
_NIP = re.compile(r"(?<![\d./-])(\d{8}) ?(\d{6}) ?([12]) ?(\d{3})(?![\d])(?![./-]\d)")
_MOBILE = re.compile(r"(?<![\d+])(\+62|62|0)[ -]?(8[1-9]\d?)(?:[ .-]?\d){6,16}(?![\d])")
_RUN = re.compile(r"([ .-]?)(\d+)")
_EMAIL = re.compile(r"(?<![\w.+-])([A-Za-z0-9._%+-]{1,64})@((?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24})\b")

_LABEL_WINDOW = 40
_NIK_LABEL = re.compile(r"\bNIK\b|nomor\s+induk\s+kependudukan|\bKTP\b", re.IGNORECASE)
_KK_LABEL = re.compile(r"\bKK\b|kartu\s+keluarga", re.IGNORECASE)
_NPWP_LABEL = re.compile(r"\bNPWP\b", re.IGNORECASE)
# a number the office publishes for the public is not a citizen's
_OFFICE_PHONE = re.compile(
    r"layanan|pengaduan|hotline|call\s*cent(?:er|re)|informasi|kantor|humas|sms\s*cent|wa\s*cent|contact|kontak\s+kami",
    re.IGNORECASE,
)
# an NPWP written for the office itself (its treasurer, the satker) is no citizen's
_OFFICE_NPWP = re.compile(r"bendahar|satker|satuan\s+kerja|instansi|kantor|dinas|balai|badan\s+usaha", re.IGNORECASE)
#: Free mail services: an address there is a person's, not an office's.
WEBMAIL = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.co.id",
        "ymail.com",
        "rocketmail.com",
        "hotmail.com",
        "outlook.com",
        "outlook.co.id",
        "live.com",
        "msn.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "mail.com",
        "gmx.com",
        "protonmail.com",
        "proton.me",
        "yandex.com",
        "zoho.com",
    }
)

KINDS = ("nik", "kk", "npwp", "phone", "email", "nip")


@dataclass(frozen=True)
class Hit:
    """One personal number (or address) found: its kind, where it starts in the text, and its masked form."""

    kind: str
    offset: int
    masked: str
    end: int = 0
    key: str = field(default="", repr=False)  # a digest, to count distinct numbers; never shown


def _hit(kind: str, span: tuple[int, int], masked: str, raw: str) -> Hit:
    return Hit(kind, span[0], masked, span[1], hashlib.blake2b(raw.encode(), digest_size=8).hexdigest())


def mask(value: str) -> str:
    """Every digit but the last four as ``*``, separators dropped: ``************0001``."""
    digits = re.sub(r"\D", "", value)
    return "*" * max(len(digits) - 4, 0) + digits[-4:]


def mask_email(local: str, domain: str) -> str:
    return f"{local[:1]}***@{domain.lower()}"


def _valid_ddmmyy(dd: int, mm: int, yy: int) -> bool:
    if not 1 <= mm <= 12 or dd < 1:
        return False
    # two-digit year: 29 February exists when 19yy or 20yy was a leap year
    longest = max(calendar.monthrange(century + yy, mm)[1] for century in (1900, 2000))
    return dd <= longest


def _region_ok(digits: str) -> bool:
    return digits[:2] in PROVINCES and plausible_regency(digits[2:4]) and plausible_district(digits[4:6])


def valid_nik(digits: str) -> bool:
    """16 digits: a region code, a birth date (women: day + 40) and a serial other than 0000."""
    if len(digits) != 16 or not digits.isdigit() or not _region_ok(digits) or digits[12:] == "0000":
        return False
    dd, mm, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    return _valid_ddmmyy(dd - 40 if dd > 40 else dd, mm, yy)


def valid_kk(digits: str) -> bool:
    """16 digits: a region code, the issue date DDMMYY (no + 40) and a serial other than 0000."""
    if len(digits) != 16 or not digits.isdigit() or not _region_ok(digits) or digits[12:] == "0000":
        return False
    return _valid_ddmmyy(int(digits[6:8]), int(digits[8:10]), int(digits[10:12]))


def valid_nip(digits: str) -> bool:
    """18 digits: birth YYYYMMDD, TMT YYYYMM at 17 or later, sex 1/2, serial 001–999."""
    if len(digits) != 18 or not digits.isdigit():
        return False
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    if not 1930 <= year <= 2015 or not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return False
    tmt_year, tmt_month = int(digits[8:12]), int(digits[12:14])
    if not year + 17 <= tmt_year <= 2100 or not 1 <= tmt_month <= 12:
        return False
    return digits[14] in "12" and digits[15:] != "000"


def _label(text: str, start: int) -> str | None:
    """The nearest of the labels NIK, KK and NPWP just before ``start`` (a table row: the column's own)."""
    before = text[max(0, start - _LABEL_WINDOW) : start]
    best: tuple[int, str | None] = (-1, None)
    for name, pattern in (("nik", _NIK_LABEL), ("kk", _KK_LABEL), ("npwp", _NPWP_LABEL)):
        for found in pattern.finditer(before):
            best = max(best, (found.end(), name), key=lambda item: item[0])
    return best[1]


def _office_line(text: str, start: int, words: re.Pattern[str]) -> bool:
    """The same line, up to 60 characters before ``start``, says the number is the office's."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(words.search(text[max(line_start, start - 60) : start]))


def scan(text: str) -> Iterator[Hit]:
    """Every personal number in ``text``, each span reported once, in order of appearance."""
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        if any(start < b and a < end for a, b in taken):
            return False
        taken.append((start, end))
        return True

    hits: list[Hit] = []
    for match in _NIP.finditer(text):
        digits = "".join(match.groups())
        if valid_nip(digits) and free(*match.span()):
            hits.append(_hit("nip", match.span(), mask(digits), digits))
    for match in _NPWP.finditer(text):
        if _office_line(text, match.start(), _OFFICE_NPWP):
            free(*match.span())  # taken, so the NIK/NPWP passes below do not report it either
            continue
        if free(*match.span()):
            hits.append(_hit("npwp", match.span(), mask(match.group(0)), match.group(0)))
    for match in _D15.finditer(text):
        if _label(text, match.start()) != "npwp":
            continue
        if _office_line(text, match.start(), _OFFICE_NPWP):
            free(*match.span())
            continue
        if free(*match.span()):
            hits.append(_hit("npwp", match.span(), mask(match.group(1)), match.group(1)))
    for pattern in (_D16, _D16_GROUPED):
        for match in pattern.finditer(text):
            digits = "".join(match.groups())
            grouped = pattern is _D16_GROUPED
            kind = _nik_or_kk(text, match.start(), digits, grouped)
            if kind and free(*match.span()):
                hits.append(_hit(kind, match.span(), mask(digits), digits))
    for match in _MOBILE.finditer(text):
        if _office_line(text, match.start(), _OFFICE_PHONE):
            continue
        end = _mobile_end(text, match)
        if end is None:
            continue
        digits = re.sub(r"\D", "", text[match.start() : end])
        if free(match.start(), end):
            hits.append(_hit("phone", (match.start(), end), mask(digits), digits))
    for match in _EMAIL.finditer(text) if "@" in text else ():  # the pattern costs a seventh of the scan
        local, domain = match.groups()
        if domain.lower() in WEBMAIL and free(*match.span()):
            hits.append(_hit("email", match.span(), mask_email(local, domain), match.group(0).lower()))
    yield from sorted(hits, key=lambda h: h.offset)


def _mobile_end(text: str, match: re.Match[str]) -> int | None:
    """Where a mobile number ends, or None when it is too short or long (9-12 digits after 0 / +62).

    A table row flattened to one line puts the next row's number after a space ("0812 3456 7890 2. Budi"):
    a group with another separator, or of one or two digits once the number is long enough, is not its own."""
    national, end, first_sep = len(match.group(2)), match.end(2), ""
    for run in _RUN.finditer(text, match.end(2), match.end()):
        sep, digits = run.groups()
        if sep and ((first_sep and sep != first_sep) or (national >= 9 and len(digits) < 3)):
            break
        if national + len(digits) > 12:
            break
        first_sep = first_sep or sep
        national, end = national + len(digits), run.end()
    return end if 9 <= national <= 12 else None


def _nik_or_kk(text: str, start: int, digits: str, grouped: bool) -> str | None:
    """KK when labelled so and valid as one; otherwise NIK when valid (grouped digits only when labelled NIK)."""
    label = _label(text, start)
    if label == "kk":
        return "kk" if valid_kk(digits) else None
    if grouped and label != "nik":
        return None
    return "nik" if valid_nik(digits) else None
