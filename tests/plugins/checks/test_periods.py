"""Reading the period of a periodic report from its name or its title block."""

from datetime import date

import pytest

from zi_evidence_checks.periodic import elapsed_periods
from zi_evidence_checks.periods import Period, report_periods


@pytest.mark.parametrize(
    "name, unit, expected",
    [
        ("1.iii.b Laporan Monev Maret 2026.pdf", "monthly", {Period("monthly", 3, 2026)}),
        ("Laporan Monev Desember 2025.pdf", "monthly", {Period("monthly", 12, 2025)}),
        ("lap_monev_AGUSTUS.pdf", "monthly", {Period("monthly", 8, None)}),
        ("Laporan Monev Nopember 2026.pdf", "monthly", {Period("monthly", 11, 2026)}),
        ("Laporan Monev 03-2026.pdf", "monthly", {Period("monthly", 3, 2026)}),
        ("Laporan Monev 2026_04.pdf", "monthly", {Period("monthly", 4, 2026)}),
        ("Monev bulan 5 tahun 2026.docx", "monthly", {Period("monthly", 5, 2026)}),
        ("5.iii.c Laporan Monev Pengaduan Triwulan IV 2026.pdf", "quarterly", {Period("quarterly", 4, 2026)}),
        ("Lap TW II 2026.pdf", "quarterly", {Period("quarterly", 2, 2026)}),
        ("laporan tw-3.pdf", "quarterly", {Period("quarterly", 3, None)}),
        ("Laporan Q1 2026.pdf", "quarterly", {Period("quarterly", 1, 2026)}),
        ("Laporan Triwulan ke-2.pdf", "quarterly", {Period("quarterly", 2, None)}),
        ("Laporan SKM Semester II 2026.pdf", "semiannual", {Period("semiannual", 2, 2026)}),
        ("Laporan SKM smt 1.pdf", "semiannual", {Period("semiannual", 1, None)}),
    ],
)
def test_period_from_name(name, unit, expected):
    assert report_periods(name, "", unit) == expected


def test_lke_ids_in_names_are_not_quarters():
    assert report_periods("A.II.4.i.a Laporan Kinerja.pdf", "", "quarterly") == set()
    assert report_periods("4.ii.c Penetapan IKU.pdf", "", "quarterly") == set()
    assert report_periods("1.iii.b Laporan Monev.pdf", "", "quarterly") == set()


def test_period_from_title_when_the_name_has_none():
    text = "KANTOR IMIGRASI\nLAPORAN MONITORING DAN EVALUASI\nBULAN MARET 2026\nisi"
    assert report_periods("laporan monev.pdf", text, "monthly") == {Period("monthly", 3, 2026)}
    # a month merely mentioned in the body is not the report's period
    assert report_periods("laporan.pdf", "Rapat pada 3 Juli 2026 membahas Agustus", "monthly") == set()
    assert report_periods("laporan.pdf", "LAPORAN\nTRIWULAN III 2026", "quarterly") == {Period("quarterly", 3, 2026)}


def test_labels():
    assert Period("monthly", 7).label() == "Juli"
    assert Period("quarterly", 3).label() == "Triwulan III"
    assert Period("semiannual", 2).label() == "Semester II"


def test_only_ended_periods_are_due():
    assert [p.number for p in elapsed_periods(2026, "monthly", date(2026, 4, 15))] == [1, 2, 3]
    assert [p.number for p in elapsed_periods(2026, "quarterly", date(2026, 7, 1))] == [1, 2]
    assert len(elapsed_periods(2026, "monthly", date(2027, 1, 1))) == 12
    assert elapsed_periods(2026, "semiannual", date(2025, 12, 1)) == []
