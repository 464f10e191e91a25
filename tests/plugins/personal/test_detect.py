"""The personal-number detectors on generated valid and near-valid NIK, KK, NIP and NPWP numbers."""

import random

import pytest

from zi_evidence_personal.detect import mask, scan, valid_kk, valid_nik, valid_nip
from zi_evidence_personal.regions import PROVINCES

RNG = random.Random(16)


def make_nik(province="32", regency="04", district="12", day=17, month=8, year=85, serial="0001", woman=False):
    return f"{province}{regency}{district}{day + (40 if woman else 0):02d}{month:02d}{year:02d}{serial}"


def random_niks(count=200):
    """Valid NIKs over every province, men and women, kabupaten and kota codes."""
    provinces = sorted(PROVINCES)
    for _ in range(count):
        month = RNG.randint(1, 12)
        yield make_nik(
            province=RNG.choice(provinces),
            regency=f"{RNG.choice([RNG.randint(1, 30), RNG.randint(71, 79)]):02d}",
            district=f"{RNG.randint(1, 40):02d}",
            day=RNG.randint(1, 28),
            month=month,
            year=RNG.randint(0, 99),
            serial=f"{RNG.randint(1, 9999):04d}",
            woman=RNG.random() < 0.5,
        )


def make_nip(birth="19850817", tmt="201003", sex="1", serial="004"):
    return f"{birth}{tmt}{sex}{serial}"


def kinds(text):
    return [hit.kind for hit in scan(text)]


def test_the_38_provinces():
    assert len(PROVINCES) == 38


def test_generated_valid_niks_are_found_and_masked():
    for nik in random_niks():
        assert valid_nik(nik), nik
        hits = list(scan(f"Nama: Warga\n{nik}\nAlamat: Jl. Merdeka"))
        assert [h.kind for h in hits] == ["nik"], nik
        assert hits[0].masked == "*" * 12 + nik[-4:]
        assert nik not in repr(hits)


@pytest.mark.parametrize(
    "near",
    [
        make_nik(province="20"),  # no such province
        make_nik(province="99"),
        make_nik(regency="00"),
        make_nik(regency="65"),  # between kabupaten and kota numbers
        make_nik(district="00"),
        make_nik(day=32),
        make_nik(day=31, month=4),  # 31 April
        make_nik(day=30, month=2),
        make_nik(day=32, woman=True),  # 72
        make_nik(month=13),
        make_nik(month=0),
        make_nik(serial="0000"),
        make_nik()[:15],  # 15 digits
        make_nik() + "7",  # 17 digits
    ],
)
def test_near_valid_niks_are_not_reported(near):
    assert not valid_nik(near) or len(near) != 16
    assert kinds(f"NIK : {near}") == []


def test_women_day_plus_40_and_leap_day():
    assert valid_nik(make_nik(day=29, month=2, year=0, woman=True))  # 2000 was a leap year
    assert valid_nik(make_nik(day=31, month=12, woman=True))
    assert not valid_nik(make_nik(day=40))  # neither a man's day nor a woman's (day + 40)


def test_grouped_nik_needs_its_label():
    nik = make_nik()
    grouped = " ".join(nik[i : i + 4] for i in range(0, 16, 4))
    assert kinds(f"NIK: {grouped}") == ["nik"]
    assert kinds(f"Jumlah {grouped}") == []  # four numbers in a table row


def test_kk_is_told_from_nik_by_its_label():
    kk = make_nik(day=3, month=5, year=19)
    assert valid_kk(kk)
    assert kinds(f"No. KK: {kk}") == ["kk"]
    assert kinds(f"Nomor Kartu Keluarga {kk}\nNIK {make_nik(woman=True)}") == ["kk", "nik"]
    assert kinds(f"No. KK: {make_nik(woman=True)}") == []  # day 57 is no issue date


def test_nip_valid_and_near_valid():
    assert valid_nip(make_nip())
    assert kinds(f"NIP {make_nip()}") == ["nip"]
    assert kinds("NIP 19850817 201003 2 004") == ["nip"]
    for near in (
        make_nip(sex="3"),
        make_nip(serial="000"),
        make_nip(birth="19851317"),
        make_nip(birth="19850230"),
        make_nip(tmt="199003"),  # serving at five
        make_nip(tmt="201013"),
    ):
        assert not valid_nip(near), near
        assert kinds(f"NIP {near}") == []


def test_npwp_formats():
    assert kinds("NPWP: 01.234.567.8-901.000") == ["npwp"]
    assert kinds("NPWP 0012.345.678.9-012") == []  # not a known layout
    assert kinds("NPWP 012345678901000") == ["npwp"]
    assert kinds(f"NPWP {make_nik()}") == ["npwp"]  # since 2024 a resident's NPWP is the NIK
    assert [h.masked for h in scan("NPWP: 01.234.567.8-901.000")] == ["***********1000"]
    assert kinds("NPWP Bendahara Pengeluaran: 00.123.456.7-891.000") == []  # the office's own
    assert kinds("NPWP Satker 001234567891000") == []


def test_citizen_phone_and_mail_but_not_the_offices():
    assert kinds("No. HP: 0812-3456-7890") == ["phone"]
    assert kinds("HP +62 813 1234 5678") == ["phone"]
    assert kinds("Layanan pengaduan WhatsApp 0812-3456-7890") == []
    assert kinds("Telp. (0719) 000-1717") == []  # a landline: the office's
    assert kinds("081234") == []
    assert kinds("e-mail: budi.santoso77@gmail.com") == ["email"]
    assert [h.masked for h in scan("budi.santoso77@gmail.com")] == ["b***@gmail.com"]
    assert kinds("surel layanan@kelayang.imigrasi.go.id") == []


def test_sk_numbers_dates_and_totals_are_not_personal_data():
    text = (
        "NOMOR W.31-IMI.5-OT.02.01-0012 TAHUN 2026\n"
        "pada tanggal 12 Januari 2026, pukul 09.00 - 11.30\n"
        "Jumlah anggaran Rp 1.250.000.000\n"
        "Nomor 3201041708850001/2026\n"  # a number inside a letter number
        "2026 2025 2024 2023\n"
        "Telp. (0719) 000-1717 Fax (0719) 000-1718\n"
    )
    assert kinds(text) == []


def test_mask_keeps_only_the_last_four():
    assert mask("3201-0417-0885-0001") == "************0001"
    assert mask("123") == "123"


@pytest.mark.parametrize(
    ("line", "phone"),
    [
        ("11. Warga HP 081234567890 12. Warga Lain", "081234567890"),
        ("HP 0812-3456-78901 2. Budi", "0812-3456-78901"),
        ("HP 0812 3456 7890 2. Budi", "0812 3456 7890"),
        ("HP +62 812 3456 7890 10 orang", "+62 812 3456 7890"),
        ("HP 0812 3456 7890 123 orang", "0812 3456 7890"),
    ],
)
def test_a_phone_followed_by_the_next_rows_number_is_still_found(line, phone):
    """Search snippets and flattened tables put the next row's number after a space: it is not the phone's."""
    hits = list(scan(line))
    assert [h.kind for h in hits] == ["phone"]
    assert line[hits[0].offset : hits[0].end] == phone
    assert hits[0].masked[-4:] == phone[-4:]


def test_a_digit_run_too_long_for_a_phone_stays_out():
    assert kinds("HP 0812345678901234") == []
    assert kinds("Ref 0812-3456-7890123456") == []
