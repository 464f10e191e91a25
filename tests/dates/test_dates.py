"""The Indonesian date parser: formats seen in real decrees, letters and reports, and look-alikes it must refuse."""

from datetime import date

import pytest

from zi_evidence.dates import (
    DocumentDate,
    document_date,
    find_dates,
    format_date,
    metadata_date,
    nomor_year,
    parse_date,
    signing_date,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12 Januari 2026", date(2026, 1, 12)),
        ("12 JANUARI 2026", date(2026, 1, 12)),
        ("12  januari   2026", date(2026, 1, 12)),
        ("12januari2026", date(2026, 1, 12)),
        ("1 Mei 2026", date(2026, 5, 1)),
        ("1 Mei, 2026", date(2026, 5, 1)),
        ("09 Juni 2026", date(2026, 6, 9)),
        ("3 Juli 2026", date(2026, 7, 3)),
        ("17 Agustus 2026", date(2026, 8, 17)),
        ("17 Agt 2026", date(2026, 8, 17)),
        ("5 Pebruari 2026", date(2026, 2, 5)),
        ("30 Nopember 2026", date(2026, 11, 30)),
        ("12-Jan-2026", date(2026, 1, 12)),
        ("12 Des. 2026", date(2026, 12, 12)),
        ("12 Sept 2026", date(2026, 9, 12)),
        ("12-01-2026", date(2026, 1, 12)),
        ("12/01/2026", date(2026, 1, 12)),
        ("12.01.2026", date(2026, 1, 12)),
        ("1/2/2026", date(2026, 2, 1)),  # day first, as Indonesians write it
        ("2026-01-12", date(2026, 1, 12)),
        ("2026-01-12T10:00:00+07:00", date(2026, 1, 12)),
        ("29 Februari 2028", date(2028, 2, 29)),
    ],
)
def test_formats(text, expected):
    assert [found.value for found in find_dates(text)] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Nomor 12 Tahun 2026",
        "Undang-Undang Nomor 6 Tahun 2011 tentang Keimigrasian",
        "NOMOR W.31-IMI.5-OT.02.01-0012 TAHUN 2026",
        "Nomor : W.31-IMI.5-UM.01.01-0004/2026",
        "NIP 197805122001121002",
        "NIP. 19780512 200112 1 002",
        "pukul 09.00 - 11.30 WIB",
        "12/01/26",  # two-digit year: ambiguous, refused
        "31 Februari 2026",
        "30-02-2026",
        "12-13-2026",  # no 13th month (and no month-first reading)
        "12 Desa 2026",
        "Januari 2026",  # a month, not a date
        "12 Januari",
        "Telepon: (0719) 000-1717",
        "Rp 1.250.000",
        "12-01/2026",  # mixed separators
        "12 Januari 1899",
    ],
)
def test_not_dates(text):
    assert find_dates(text) == []


def test_several_dates_in_order_with_positions():
    text = "Rapat 9 Januari 2026, laporan 30/01/2026."
    found = find_dates(text)
    assert [f.value for f in found] == [date(2026, 1, 9), date(2026, 1, 30)]
    assert text[found[1].start : found[1].end] == "30/01/2026"


def test_parse_date_is_whole_string_only():
    assert parse_date("  12 Januari 2026 ") == date(2026, 1, 12)
    assert parse_date("tanggal 12 Januari 2026") is None


SK_PAGE = """KEPUTUSAN KEPALA KANTOR IMIGRASI
NOMOR W.31-IMI.5-OT.02.01-0012 TAHUN 2025
Mengingat : Undang-Undang Nomor 6 Tahun 2011; rapat tanggal 5 Desember 2025
MEMUTUSKAN:
Ditetapkan di Tanjung Kelayang
pada tanggal 12 Januari 2026
KEPALA KANTOR,
NIP 197805122001121002"""


def test_signing_date_of_a_decree_beats_everything_else():
    signed = signing_date(SK_PAGE)
    assert signed is not None and signed.value == date(2026, 1, 12)
    found = document_date(SK_PAGE, {"created": "2024-03-01T00:00:00"})
    assert found == DocumentDate(2026, date(2026, 1, 12), "signing", "12 Januari 2026")
    assert found.describe() == "12 Januari 2026 (tanggal penandatanganan)"


def test_letter_spaced_enactment_and_numeric_date():
    text = "D i t e t a p k a n  di Jakarta\npada tanggal : 05-03-2026\n"
    assert signing_date(text).value == date(2026, 3, 5)


def test_place_and_date_line_the_last_one_wins():
    text = "Hari/Tanggal : Jumat, 9 Januari 2026\nJumat, 9 Januari 2026\nisi\nTanjung Kelayang, 30 Desember 2025\nttd"
    assert signing_date(text).value == date(2025, 12, 30)
    two = "Jakarta, 2 Februari 2026\nlampiran\nJakarta, 3 Maret 2026\n"
    assert signing_date(two).value == date(2026, 3, 3)


def test_weekday_line_is_not_a_signature():
    assert signing_date("Senin, 12 Januari 2026\nagenda rapat") is None


def test_content_date_is_the_latest_one_mentioned():
    text = "Kegiatan 3 Februari 2026 dan 17/08/2026 serta 1 Maret 2026."
    assert document_date(text) == DocumentDate(2026, date(2026, 8, 17), "content", "17/08/2026")


def test_nomor_year_then_folder_then_metadata():
    decree = "KEPUTUSAN KEPALA\nN O M O R  12 TAHUN 2025\nTENTANG TIM"
    assert nomor_year(decree) == 2025
    assert document_date(decree) == DocumentDate(2025, None, "nomor")
    assert document_date("tanpa tanggal", folder_year="2024") == DocumentDate(2024, None, "folder", "2024")
    meta = {"created": "2026-10-30T10:00:00+07:00"}
    assert document_date("", meta) == DocumentDate(2026, date(2026, 10, 30), "metadata", "2026-10-30")
    assert document_date("", {}) is None


def test_metadata_date_tolerates_missing_and_bad_values():
    assert metadata_date({"created": "bukan tanggal", "modified": "2026-02-03"}) == date(2026, 2, 3)
    assert metadata_date({"created": "2026-13-45"}) is None


def test_format_date_in_indonesian():
    assert format_date(date(2026, 7, 1)) == "1 Juli 2026"
