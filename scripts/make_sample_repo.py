"""Regenerate ``sample_repo/``: the evidence drive of a fictional work unit, with deliberate gaps.

Usage: ``python scripts/make_sample_repo.py [--out sample_repo] [--manifest]``

The unit ("Kantor Imigrasi Kelas II TPI Tanjung Kelayang", Kabupaten Belitung Raya), its people and
their NIPs are invented. Assessment year 2026, target WBK, rule set ``permenpanrb-90-2021``.
Output is reproducible byte for byte: fixed seed, fixed dates in every document and in the
PDF/DOCX/XLSX metadata, fixed zip timestamps, seeded pypdf randomness. ``--manifest`` prints every
file with the id it is meant to map to (``docs/sample_repo.md`` has the same table).

Deliberate gaps and traps (tests and docs rely on them; keep ``docs/sample_repo.md`` in step):

| file (under sample_repo/)                                         | demonstrates                                  | id          |
| ----------------------------------------------------------------- | --------------------------------------------- | ----------- |
| PEMENUHAN/AREA I - .../iii. Pemantauan dan Evaluasi/               | monthly series, 11 of 12: Juli is missing     | A.I.1.iii.b |
|   1.iii.b Laporan Monev <Bulan> 2026.pdf                           |                                               |             |
| .../iii. Pemantauan dan Evaluasi/1.iii.b Laporan Monev Desember    | late: dated 30 Desember 2025, outside 2026    | A.I.1.iii.b |
|   2025.pdf                                                         | (text and PDF metadata)                       |             |
| .../i. Penyusunan Tim Kerja/1.i.a SK TIM ZONA INTEGRITAS.pdf       | image-only scan of the signed SK (no text     | A.I.1.i.a   |
|                                                                    | layer); the image shows nomor, 12 Januari 2026 |             |
| .../ii. Rencana .../1.ii.b SK Penetapan Target Prioritas ZI        | SK without signature block: no "Ditetapkan    | A.I.1.ii.b  |
|   2026.pdf                                                         | di", no name, no NIP                          |             |
| PEMENUHAN/AREA V - .../ii. SPIP/5.ii.a Laporan Penyelenggaraan     | encrypted PDF (password "rahasia")            | A.I.5.ii.a  |
|   SPIP 2026.pdf                                                    |                                               |             |
| PEMENUHAN/Area 2 - .../i. SOP Kegiatan Utama/2-i-c Notulen         | corrupt: a .docx that is plain text, not a    | A.I.2.i.c   |
|   Evaluasi SOP.docx                                                | zip (the question's only file)                |             |
| PEMENUHAN/AREA IV - .../4.ii.f Ringkasan Laporan Kinerja 2025.pdf  | corrupt: truncated PDF (no xref, no trailer)  | A.I.4.ii.f  |
| PEMENUHAN/AREA V - .../5.iii.b Bukti Tindak Lanjut Pengaduan.pdf   | empty file (0 bytes)                          | A.I.5.iii.b |
| PEMENUHAN/AREA IV - .../4.ii.e Laporan Kinerja Tahun 2025.pdf and  | duplicate: identical bytes filed under two    | A.I.4.ii.e, |
|   REFORM/A.II.4.i.a Laporan Kinerja Tahun 2025.pdf                 | questions                                     | A.II.4.i.a  |
| Lain-lain/catatan rapat lama.docx, Lain-lain/Foto Gedung Kantor.jpg | unmapped: no id in folder or name             | (none)      |
| Area 2 .../i. SOP Kegiatan Utama/SOP Penerbitan Paspor RI.pdf,     | mapped to an indicator only (indicator folder, | A.I.2.i,    |
|   SOP Pelayanan Izin Tinggal.pdf; .../iii. Keterbukaan Informasi   | no question letter in folder or name)         | A.I.2.iii,  |
|   Publik/Daftar Informasi Publik 2026.xlsx; AREA V .../ii. SPIP/   |                                               | A.I.5.ii    |
|   SK Tim SPIP 2026.pdf                                             |                                               |             |
| REFORM/A.II.5.iii.b Laporan Kepatuhan LHKASN 2026.pdf              | a "%" input below the 100 % prerequisite      | A.II.5.iii.b |
|                                                                    | (42 of 43)                                    |             |
| area 6 .../6.iv.a Rekap Survei IKM.gsheet, .../6.iii.a Formulir      | links, not evidence: a Drive shortcut and a   | A.I.6.iv.a, |
|   Pengaduan.url                                                    | web shortcut (the evidence is not on the drive)| A.I.6.iii.a |
| ~$notulen.docx, Thumbs.db, desktop.ini (2x), .~lock.laporan.docx#  | editor/OS junk the scanner must skip          | --          |
| (no file at all)                                                   | 36 of the 110 questions and B.I.b have no     | see below   |
|                                                                    | evidence                                      |             |

Questions without any file: A.I.1.iv.c, A.I.2.ii.d, A.I.2.iii.b, A.I.3.i.c, A.I.3.ii.c, A.I.3.iii.b,
A.I.3.iii.c, A.I.3.iii.d, A.I.3.iii.f, A.I.3.iv.b, A.I.3.iv.d, A.I.4.ii.b, A.I.4.ii.d, A.I.4.ii.g,
A.I.4.ii.h, A.I.5.ii.d, A.I.5.iii.d, A.I.5.iv.b, A.I.5.iv.c, A.I.5.v.d, A.I.5.v.e, A.I.6.i.c,
A.I.6.ii.b, A.I.6.ii.d, A.I.6.ii.e, A.I.6.iii.c, the whole indicator A.I.6.v (a, b, c), the whole
reform area 2 (A.II.2.i.a, A.II.2.ii.a/b, A.II.2.iii.a/b/c), A.II.3.ii.a; and hasil B.I.b.

Search anchors: "SIKELAY" occurs only on page 4 of ``1.iii.a Laporan Pelaksanaan Rencana Aksi
Semester I 2026.pdf``; "Kelayang Ramah Lansia" only on page 3 of ``6.iv.c Laporan Tindak Lanjut Hasil SKM 2026.pdf``.
"""

# ruff: noqa: E501  (document prose and table rows read better unwrapped)
from __future__ import annotations

import argparse
import calendar
import hashlib
import random
import re
import shutil
import sys
import textwrap
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a plain script: make ``scripts.fabricate`` importable
    sys.path.insert(0, str(ROOT))

from scripts import fabricate as fab  # noqa: E402

SEED = 20260112
YEAR = 2026
UNIT = "Kantor Imigrasi Kelas II TPI Tanjung Kelayang"
UNIT_UPPER = UNIT.upper()
INSTITUTION = "Kementerian Imigrasi dan Pemasyarakatan"
PLACE = "Tanjung Kelayang"
ADDRESS = "Jalan Pelabuhan Kelayang Nomor 17, Kelayang Barat, Kabupaten Belitung Raya, Kepulauan Bangka Belitung 33471"
WEB = "kelayang.imigrasi.example"
KOP = (
    "KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA",
    "DIREKTORAT JENDERAL IMIGRASI",
    "KANTOR WILAYAH KEPULAUAN BANGKA BELITUNG",
    UNIT_UPPER,
    ADDRESS,
    f"Laman: {WEB} | Pos-el: layanan@{WEB} | Telepon: (0719) 000-1717",
)
MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Person:
    name: str
    nip: str
    role: str


# All invented. NIP = birth date (8) + TMT CPNS year-month (6) + sex (1) + sequence (3).
HEAD = Person("Rendra Wiratmaja Saputra", "197805122001121002", "Kepala Kantor")
STAFF = (
    HEAD,
    Person("Dewi Anggraini Lestari", "198403172006042001", "Kepala Subbagian Tata Usaha"),
    Person("Bonifasius Hartanto Lumban", "198109222005011003", "Kepala Seksi Lalu Lintas Keimigrasian"),
    Person("Sri Wahyuningsih Pramesti", "198507302009122002", "Kepala Seksi Izin Tinggal Keimigrasian"),
    Person("Arief Kurniawan Sirait", "198612042010121001", "Kepala Seksi Intelijen dan Penindakan Keimigrasian"),
    Person(
        "Maya Puspitasari Handoko", "198902142012122003", "Kepala Seksi Teknologi Informasi dan Komunikasi Keimigrasian"
    ),
    Person("Yosef Gilang Ramadhan", "199001102014031002", "Kepala Urusan Kepegawaian"),
    Person("Nurul Hikmah Fadilah", "199105262014032001", "Kepala Urusan Keuangan"),
    Person("Teguh Santoso Wibisono", "199203082015031001", "Analis Keimigrasian Ahli Pertama"),
    Person("Rina Marlina Situmeang", "199306192017122002", "Pengelola Layanan Keimigrasian"),
    Person("Hendra Gunawan Tanjaya", "199208272017121004", "Pranata Komputer Ahli Pertama"),
    Person("Ayu Lestari Ningrum", "199411032018012001", "Pengadministrasi Umum"),
    Person("Dimas Prasetyo Wicaksana", "199507212018011002", "Petugas Pengelola Pengaduan"),
    Person("Sinta Febriani Kusumah", "199602112019022003", "Analis Sumber Daya Manusia Aparatur"),
    Person("Yudha Permana Lubisa", "199409142019021001", "Pemeriksa Keimigrasian"),
    Person("Larasati Kinanti Putri", "199712052020122001", "Pemeriksa Keimigrasian"),
    Person("Bayu Aji Nugraha", "199803172020121003", "Pengelola Data Keimigrasian"),
    Person("Citra Dwi Anjani", "200001252025022002", "Pemeriksa Keimigrasian (CPNS)"),
    Person("Fikri Maulana Harahapi", "199905062025021001", "Pengelola Layanan Keimigrasian (CPNS)"),
    Person("Wulan Sari Oktaviani", "199610282021032001", "Bendahara Penerimaan"),
)
CHAIR = STAFF[1]  # Ketua Tim Kerja ZI
AGENTS = (STAFF[8], STAFF[9], STAFF[10], STAFF[12], STAFF[15], STAFF[16])


# --- small text helpers ---------------------------------------------------------------------------


def tanggal(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def hari_tanggal(d: date) -> str:
    return f"{DAYS[d.weekday()]}, {tanggal(d)}"


def last_workday(year: int, month: int) -> date:
    d = date(year, month, calendar.monthrange(year, month)[1])
    while d.weekday() >= 5:
        d = d.replace(day=d.day - 1)
    return d


def nomor(kode: str, n: int, year: int = YEAR, sk: bool = True) -> str:
    base = f"W.31-IMI.5-{kode}-{n:04d}"
    return f"{base} TAHUN {year}" if sk else f"{base}/{year}"


def signature(d: date, person: Person = HEAD, title: str = f"KEPALA {UNIT_UPPER},", decree: bool = False) -> list[str]:
    """Right-column signature block; a decree says "Ditetapkan di ... pada tanggal ..."."""
    lines = [f"> Ditetapkan di {PLACE}", f"> pada tanggal {tanggal(d)}"] if decree else [f"> {PLACE}, {tanggal(d)}"]
    wrapped = textwrap.wrap(title, 36)
    return [*lines, *(f"> {w}" for w in wrapped), ">", "> ttd.", ">", f"> {person.name.upper()}", f"> NIP {person.nip}"]


def table(rows: Sequence[Sequence[object]]) -> list[str]:
    return ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]


def roster(people: Sequence[Person], extra: str = "Tanda Tangan") -> list[list[str]]:
    rows = [["No", "Nama", "NIP", "Jabatan", extra]]
    rows += [[str(i), p.name, p.nip, p.role, "ttd"] for i, p in enumerate(people, 1)]
    return rows


def crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


# --- writers ----------------------------------------------------------------------------------------


DATE_IN_TEXT = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")


def write_pdf(
    path: Path, pages: Sequence[Sequence[str] | str], title: str, author: str = "Subbagian Tata Usaha"
) -> None:
    """Office-looking PDF; its metadata dates are the last date written in it (the signing date)."""
    texts = [p if isinstance(p, str) else "\n".join(p) for p in pages]
    found = DATE_IN_TEXT.findall("\n".join(texts))
    created = None
    if found:
        day, month, year = found[-1]
        created = datetime(int(year), MONTHS.index(month) + 1, int(day), 10, 0, 0)
    fab.make_formatted_pdf(path, texts, title=title, author=author, subject=UNIT, letterhead=KOP, created=created)


def write_docx(path: Path, paragraphs: Sequence[str], rows: Sequence[Sequence[str]] | None, title: str) -> None:
    fab.make_docx(path, paragraphs, rows, header=UNIT_UPPER, footer=f"{ADDRESS}", title=title, author="Tim Kerja ZI")
    fab.normalize_zip(path)


def write_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[object]]], title: str) -> None:
    fab.make_xlsx(path, sheets, title=title)
    fab.normalize_zip(path)


def write_photo(path: Path, caption: str) -> None:
    fab.make_event_photo(path, caption, seed=crc(caption))


def write_shot(path: Path, title: str, url: str, lines: Sequence[str]) -> None:
    fab.make_screenshot(path, title, url, lines)


# --- document bodies -------------------------------------------------------------------------------


def sk(
    n: int,
    kode: str,
    tentang: str,
    menimbang: Sequence[str],
    diktum: Sequence[str],
    lampiran: Sequence[Sequence[str]] | None = None,
    d: date = date(YEAR, 1, 12),
    signed: bool = True,
) -> list[str]:
    """A KEPUTUSAN KEPALA KANTOR: header, menimbang, mengingat, MEMUTUSKAN, diktum, signature, lampiran."""
    no = nomor(kode, n, d.year)
    head = [
        f"# KEPUTUSAN KEPALA {UNIT_UPPER}",
        f"# NOMOR {no}",
        "# TENTANG",
        f"# {tentang.upper()}",
        "",
        f"# KEPALA {UNIT_UPPER},",
        "",
    ]
    head += [f"Menimbang : {chr(97 + i)}. {text};" for i, text in enumerate(menimbang)]
    head += [
        f"Menimbang : {chr(97 + len(menimbang))}. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a"
        f" sampai dengan huruf {chr(96 + len(menimbang))}, perlu menetapkan Keputusan Kepala Kantor tentang {tentang};",
        "",
        "Mengingat : 1. Undang-Undang Nomor 6 Tahun 2011 tentang Keimigrasian;",
        "Mengingat : 2. Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
        "Mengingat : 3. Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 90 Tahun 2021"
        " tentang Pembangunan dan Evaluasi Zona Integritas Menuju Wilayah Bebas dari Korupsi dan Wilayah Birokrasi"
        " Bersih dan Melayani di Instansi Pemerintah;",
    ]
    body = ["# MEMUTUSKAN:", "", f"Menetapkan : KEPUTUSAN KEPALA {UNIT_UPPER} TENTANG {tentang.upper()}.", ""]
    ordinals = ("KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM")
    for i, text in enumerate([*diktum, "Keputusan ini mulai berlaku pada tanggal ditetapkan."]):
        body.append(f"{ordinals[i]} : {text}")
        body.append("")
    if signed:
        body += signature(d, decree=True)
    pages = [head, body]
    if lampiran:
        lamp = [
            f"LAMPIRAN KEPUTUSAN KEPALA {UNIT_UPPER}",
            f"NOMOR {no}",
            f"TENTANG {tentang.upper()}",
            "",
            *table(lampiran),
            "",
        ]
        if signed:
            lamp += [f"> KEPALA {UNIT_UPPER},", ">", "> ttd.", f"> {HEAD.name.upper()}", f"> NIP {HEAD.nip}"]
        pages.append(lamp)
    return ["\n".join(p) for p in pages]


def undangan(
    n: int, hal: str, acara: str, d: date, sent: date, tujuan: str = "Seluruh Pejabat Struktural dan Pegawai"
) -> list[str]:
    return [
        f"Nomor    : {nomor('UM.01.01', n, sk=False)}",
        "Sifat    : Penting",
        "Lampiran : -",
        f"Hal      : {hal}",
        "",
        f"Yth. {tujuan} {UNIT}",
        "di Tempat",
        "",
        f"Dalam rangka pembangunan Zona Integritas menuju Wilayah Bebas dari Korupsi (WBK) pada {UNIT}, "
        "bersama ini kami mengundang Bapak/Ibu untuk hadir pada:",
        f"hari/tanggal : {hari_tanggal(d)}",
        "pukul        : 09.00 WIB s.d. selesai",
        "tempat       : Ruang Rapat Lantai 2",
        f"acara        : {acara}",
        "",
        "Mengingat pentingnya acara tersebut, kehadiran Bapak/Ibu tepat pada waktunya sangat diharapkan. "
        "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.",
        "",
        f"{PLACE}, {tanggal(sent)}",
        "Kepala Kantor,",
        "",
        "ttd.",
        "",
        HEAD.name,
        f"NIP {HEAD.nip}",
    ]


def notulen(judul: str, d: date, pimpinan: Person, pembahasan: Sequence[str], kesimpulan: Sequence[str]) -> list[str]:
    paras = [
        f"NOTULEN RAPAT {judul.upper()}",
        "",
        f"Hari/Tanggal : {hari_tanggal(d)}",
        "Waktu        : 09.00 - 11.30 WIB",
        "Tempat       : Ruang Rapat Lantai 2",
        f"Pimpinan     : {pimpinan.name} ({pimpinan.role})",
        f"Notulis      : {STAFF[11].name}",
        "Peserta      : daftar hadir terlampir",
        "",
        "I. PEMBUKAAN",
        f"Rapat dibuka oleh {pimpinan.name} yang menyampaikan maksud rapat, yaitu {judul.lower()} dalam rangka "
        "pembangunan Zona Integritas menuju WBK serta peningkatan kualitas pelayanan kepada masyarakat.",
        "",
        "II. PEMBAHASAN",
        *(f"{i}. {text}" for i, text in enumerate(pembahasan, 1)),
        "",
        "III. KESIMPULAN DAN TINDAK LANJUT",
        *(f"{i}. {text}" for i, text in enumerate(kesimpulan, 1)),
        "",
        "Rapat ditutup pukul 11.30 WIB.",
        "",
        f"{PLACE}, {tanggal(d)}",
        "Notulis,",
        "ttd.",
        STAFF[11].name,
        f"NIP {STAFF[11].nip}",
        "",
        "DAFTAR HADIR",
    ]
    return paras


def laporan_cover(
    judul: str, periode: str, d: date, penyusun: str = "TIM KERJA PEMBANGUNAN ZONA INTEGRITAS"
) -> list[str]:
    return [
        "",
        "",
        f"# {judul.upper()}",
        f"# {periode.upper()}",
        "",
        f"# {penyusun}",
        f"# {UNIT_UPPER}",
        f"# {d.year}",
        "",
    ]


# --- the repository, entry by entry -------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    path: str
    expect: str  # the question/indicator id it should map to; "" = unmapped; "junk" = must be skipped
    make: Callable[[Path], object]
    note: str = ""


ENTRIES: list[Entry] = []


def add(path: str, expect: str, note: str = "") -> Callable[[Callable[[Path], object]], Callable[[Path], object]]:
    def register(make: Callable[[Path], object]) -> Callable[[Path], object]:
        ENTRIES.append(Entry(path, expect, make, note))
        return make

    return register


def simple(path: str, expect: str, make: Callable[[Path], object], note: str = "") -> None:
    ENTRIES.append(Entry(path, expect, make, note))


A1 = "PEMENUHAN/AREA I - Manajemen Perubahan"
A1i = f"{A1}/i. Penyusunan Tim Kerja"
A1ii = f"{A1}/ii. Rencana Pembangunan Zona Integritas"
A1iii = f"{A1}/iii. Pemantauan dan Evaluasi"
A1iv = f"{A1}/iv. Perubahan Pola Pikir dan Budaya Kerja"
A2 = "PEMENUHAN/Area 2 - Penataan Tatalaksana"
A3 = "PEMENUHAN/AREA_III_Penataan Sistem Manajemen SDM"
A4 = "PEMENUHAN/AREA IV - Penguatan Akuntabilitas"
A5 = "PEMENUHAN/AREA V - Penguatan Pengawasan"
A6 = "PEMENUHAN/area 6 - peningkatan kualitas pelayanan publik"
R = "REFORM"
H = "HASIL"

TEAM_ROWS = [["No", "Nama", "NIP", "Kedudukan dalam Tim", "Area"]] + [
    [str(i), p.name, p.nip, k, a]
    for i, (p, k, a) in enumerate(
        [
            (HEAD, "Penanggung Jawab", "-"),
            (STAFF[1], "Ketua", "-"),
            (STAFF[11], "Sekretaris", "-"),
            (STAFF[2], "Koordinator", "Manajemen Perubahan"),
            (STAFF[5], "Koordinator", "Penataan Tatalaksana"),
            (STAFF[6], "Koordinator", "Penataan Sistem Manajemen SDM"),
            (STAFF[7], "Koordinator", "Penguatan Akuntabilitas Kinerja"),
            (STAFF[4], "Koordinator", "Penguatan Pengawasan"),
            (STAFF[3], "Koordinator", "Peningkatan Kualitas Pelayanan Publik"),
            (STAFF[8], "Anggota", "Manajemen Perubahan"),
            (STAFF[10], "Anggota", "Penataan Tatalaksana"),
            (STAFF[13], "Anggota", "Penataan Sistem Manajemen SDM"),
            (STAFF[12], "Anggota", "Penguatan Pengawasan"),
            (STAFF[9], "Anggota", "Peningkatan Kualitas Pelayanan Publik"),
        ],
        1,
    )
]


def sk_tim(path: Path) -> None:
    pages = sk(
        12,
        "OT.02.01",
        "Pembentukan Tim Kerja Pembangunan Zona Integritas Menuju Wilayah Bebas dari Korupsi Tahun 2026",
        [
            f"bahwa dalam rangka mewujudkan birokrasi yang bersih, akuntabel dan melayani, {UNIT} perlu membangun"
            " Zona Integritas menuju Wilayah Bebas dari Korupsi",
            "bahwa untuk kelancaran pembangunan Zona Integritas perlu dibentuk Tim Kerja yang anggotanya dipilih"
            " melalui mekanisme yang jelas berdasarkan kompetensi, pemahaman tugas dan fungsi, serta integritas",
        ],
        [
            "Membentuk Tim Kerja Pembangunan Zona Integritas Menuju Wilayah Bebas dari Korupsi Tahun 2026 dengan"
            " susunan keanggotaan sebagaimana tercantum dalam Lampiran Keputusan ini.",
            "Tim Kerja bertugas menyusun rencana kerja, melaksanakan, memantau dan mengevaluasi pembangunan Zona"
            " Integritas pada enam area perubahan, serta melaporkan hasilnya kepada Kepala Kantor setiap bulan.",
            "Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada DIPA Kantor Tahun Anggaran 2026.",
        ],
        TEAM_ROWS,
    )
    write_pdf(path, pages, "SK Tim Pembangunan ZI 2026")


simple(f"{A1i}/a. Tim pembangunan ZI/SK Tim Pembangunan ZI 2026.pdf", "A.I.1.i.a", sk_tim)


@add(f"{A1i}/a. Tim pembangunan ZI/Undangan Rapat Pembentukan Tim ZI.docx", "A.I.1.i.a")
def _(path: Path) -> None:
    paras = undangan(
        4,
        "Undangan Rapat Pembentukan Tim Kerja Pembangunan Zona Integritas",
        "Pembentukan Tim Kerja Pembangunan Zona Integritas Tahun 2026",
        date(YEAR, 1, 9),
        date(YEAR, 1, 6),
    )
    write_docx(path, paras, None, "Undangan Rapat Pembentukan Tim ZI")


@add(f"{A1i}/a. Tim pembangunan ZI/Notulen Rapat Pembentukan Tim ZI.docx", "A.I.1.i.a")
def _(path: Path) -> None:
    paras = notulen(
        "Pembentukan Tim Kerja Pembangunan Zona Integritas",
        date(YEAR, 1, 9),
        HEAD,
        [
            "Kepala Kantor menegaskan komitmen membangun Zona Integritas menuju WBK tahun 2026 dan meminta seluruh"
            " pegawai terlibat aktif, tidak hanya anggota tim.",
            "Ketua tim diusulkan dari Kepala Subbagian Tata Usaha; koordinator area dipilih dari pejabat yang"
            " membidangi tugas dan fungsi area masing-masing.",
            "Anggota dipilih berdasarkan kriteria: kompetensi, pemahaman tugas dan fungsi, dedikasi, dan tidak"
            " sedang menjalani hukuman disiplin (kertas kerja seleksi terlampir).",
        ],
        [
            "Susunan Tim Kerja disepakati dan dituangkan dalam Keputusan Kepala Kantor.",
            "Tim menyusun rencana kerja pembangunan ZI paling lambat akhir Januari 2026.",
            "Laporan monitoring dan evaluasi disampaikan setiap bulan kepada Kepala Kantor.",
        ],
    )
    write_docx(path, paras, roster(STAFF[:14]), "Notulen Rapat Pembentukan Tim ZI")


simple(
    f"{A1i}/a. Tim pembangunan ZI/Foto Rapat Pembentukan Tim ZI.jpg",
    "A.I.1.i.a",
    lambda p: write_photo(p, "Rapat Pembentukan Tim ZI 2026"),
)


@add(f"{A1i}/b. Mekanisme pemilihan anggota/Kriteria dan Mekanisme Seleksi Anggota Tim ZI.pdf", "A.I.1.i.b")
def _(path: Path) -> None:
    page = [
        "# MEKANISME DAN KRITERIA PEMILIHAN ANGGOTA",
        "# TIM KERJA PEMBANGUNAN ZONA INTEGRITAS TAHUN 2026",
        "",
        "## A. Dasar",
        "Anggota Tim Kerja dipilih melalui prosedur yang jelas agar tim mampu menggerakkan perubahan dan"
        " memperbaiki pelayanan kepada masyarakat.",
        "## B. Kriteria",
        "1. Memiliki kompetensi sesuai area perubahan yang ditangani;",
        "2. Memahami tugas dan fungsi unit kerja serta proses bisnis layanan keimigrasian;",
        "3. Memiliki dedikasi dan integritas, bersedia menandatangani pakta integritas;",
        "4. Tidak sedang menjalani hukuman disiplin dan tidak memiliki benturan kepentingan.",
        "## C. Tahapan",
        "1. Usulan nama dari setiap seksi/subbagian;",
        "2. Penilaian oleh Kepala Subbagian Tata Usaha dengan kertas kerja seleksi (skor 1-5 per kriteria);",
        "3. Pembahasan dalam rapat pembentukan tim tanggal 9 Januari 2026;",
        "4. Penetapan dengan Keputusan Kepala Kantor.",
        "",
        *signature(date(YEAR, 1, 8), CHAIR, "KEPALA SUBBAGIAN TATA USAHA,"),
    ]
    write_pdf(path, [page], "Mekanisme Seleksi Anggota Tim ZI")


@add(f"{A1i}/b. Mekanisme pemilihan anggota/Kertas Kerja Seleksi Anggota Tim ZI.xlsx", "A.I.1.i.b")
def _(path: Path) -> None:
    rng = random.Random(SEED + 1)
    rows: list[list[object]] = [
        ["KERTAS KERJA SELEKSI ANGGOTA TIM KERJA ZONA INTEGRITAS 2026"],
        [],
        [
            "No",
            "Nama",
            "NIP",
            "Jabatan",
            "Kompetensi",
            "Paham Tusi",
            "Dedikasi",
            "Tidak Bermasalah",
            "Jumlah",
            "Keputusan",
        ],
    ]
    for i, p in enumerate(STAFF[2:18], 1):
        scores = [rng.randint(3, 5) for _ in range(4)]
        total = sum(scores)
        rows.append([i, p.name, p.nip, p.role, *scores, total, "Dipilih" if total >= 16 else "Cadangan"])
    write_xlsx(path, {"Seleksi": rows}, "Kertas Kerja Seleksi Anggota Tim ZI")


@add(f"{A1i}/1.i.a SK TIM ZONA INTEGRITAS.pdf", "A.I.1.i.a", "image-only scanned signed SK")
def _(path: Path) -> None:
    no = nomor("OT.02.01", 12)
    page1 = [
        "KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN",
        "DIREKTORAT JENDERAL IMIGRASI",
        "KANTOR IMIGRASI KELAS II TPI TANJUNG KELAYANG",
        "",
        "KEPUTUSAN KEPALA KANTOR IMIGRASI",
        "KELAS II TPI TANJUNG KELAYANG",
        f"NOMOR {no}",
        "TENTANG",
        "PEMBENTUKAN TIM KERJA PEMBANGUNAN",
        "ZONA INTEGRITAS MENUJU WILAYAH BEBAS",
        "DARI KORUPSI TAHUN 2026",
        "",
        "Menimbang : a. bahwa dalam rangka mewujudkan",
        "  birokrasi yang bersih dan melayani perlu",
        "  dibangun Zona Integritas;",
        "Mengingat : 1. Undang-Undang Nomor 6 Tahun 2011;",
        "  2. PermenPANRB Nomor 90 Tahun 2021;",
    ]
    page2 = [
        "MEMUTUSKAN:",
        "Menetapkan : KEPUTUSAN KEPALA KANTOR TENTANG",
        "  PEMBENTUKAN TIM KERJA PEMBANGUNAN ZI.",
        "KESATU : Membentuk Tim Kerja sebagaimana",
        "  tercantum dalam Lampiran.",
        "KEDUA : Keputusan ini berlaku sejak ditetapkan.",
        "",
        "               Ditetapkan di Tanjung Kelayang",
        "               pada tanggal 12 Januari 2026",
        "               KEPALA KANTOR,",
        "",
        "               [cap dan tanda tangan]",
        "",
        f"               {HEAD.name.upper()}",
        f"               NIP {HEAD.nip}",
    ]
    fab.make_scanned_pdf_fixed(path, [page1, page2], angle=0.6)


@add(f"{A1ii}/1.ii.a Rencana Kerja Pembangunan ZI 2026.pdf", "A.I.1.ii.a")
def _(path: Path) -> None:
    d = date(YEAR, 1, 26)
    plan = [
        ["No", "Area", "Kegiatan", "Target/Output", "Waktu", "PIC"],
        ["1", "Manajemen Perubahan", "Penetapan tim kerja dan agen perubahan", "2 SK", "Jan", STAFF[2].name],
        [
            "2",
            "Manajemen Perubahan",
            "Monitoring dan evaluasi bulanan pembangunan ZI",
            "12 laporan monev",
            "Jan-Des",
            CHAIR.name,
        ],
        [
            "3",
            "Penataan Tatalaksana",
            "Reviu SOP layanan paspor dan izin tinggal",
            "SOP revisi",
            "Mar-Jun",
            STAFF[5].name,
        ],
        [
            "4",
            "Penataan Tatalaksana",
            "Publikasi informasi publik di laman dan media sosial",
            "Daftar informasi publik",
            "Feb",
            STAFF[10].name,
        ],
        [
            "5",
            "Penataan SDM",
            "Training Need Analysis dan in-house training pelayanan prima",
            "1 dokumen TNA, 4 kali IHT",
            "Feb-Nov",
            STAFF[6].name,
        ],
        [
            "6",
            "Penguatan Akuntabilitas",
            "Pemantauan capaian kinerja triwulanan",
            "4 laporan",
            "Apr-Des",
            STAFF[7].name,
        ],
        [
            "7",
            "Penguatan Pengawasan",
            "Kampanye pengendalian gratifikasi dan benturan kepentingan",
            "Banner, sosialisasi",
            "Feb-Mar",
            STAFF[4].name,
        ],
        [
            "8",
            "Penguatan Pengawasan",
            "Penanganan pengaduan masyarakat tuntas",
            "100 % pengaduan selesai",
            "Jan-Des",
            STAFF[12].name,
        ],
        [
            "9",
            "Pelayanan Publik",
            "Survei kepuasan masyarakat per semester",
            "2 laporan SKM",
            "Jun, Des",
            STAFF[3].name,
        ],
        ["10", "Pelayanan Publik", "Inovasi layanan jemput bola paspor", "4 lokasi", "Mei-Okt", STAFF[9].name],
    ]
    pages = [
        laporan_cover("Rencana Kerja Pembangunan Zona Integritas", "Menuju Wilayah Bebas dari Korupsi Tahun 2026", d)
        + [
            "## BAB I PENDAHULUAN",
            f"Rencana kerja ini menjadi pedoman {UNIT} dalam membangun Zona Integritas menuju WBK tahun 2026."
            " Rencana memuat kegiatan, waktu mulai, durasi, target dan penanggung jawab pada enam area perubahan,"
            " dengan prioritas pada perbaikan pelayanan publik, pencegahan gratifikasi dan penanganan pengaduan.",
        ],
        ["## BAB II RENCANA AKSI", "", *table(plan)],
        [
            "## BAB III TARGET PRIORITAS",
            "1. Indeks Persepsi Anti Korupsi (IPAK) minimal 3,60 dan Indeks Persepsi Kualitas Pelayanan (IPKP) minimal 3,20;",
            "2. Seluruh pengaduan masyarakat ditindaklanjuti dan selesai dalam 14 hari kerja;",
            "3. Waktu penyelesaian layanan paspor tidak lebih dari 4 hari kerja;",
            "4. Nilai survei kepuasan masyarakat (IKM) minimal 88,31 (mutu A);",
            "5. Tidak ada pegawai yang menerima gratifikasi; laporan gratifikasi disampaikan kepada UPG.",
            "",
            "## BAB IV MONITORING DAN EVALUASI",
            "Tim melaksanakan monitoring dan evaluasi setiap bulan; hasilnya dilaporkan kepada Kepala Kantor dan"
            " rekomendasinya ditindaklanjuti pada bulan berikutnya.",
        ],
        [
            "## BAB V PENUTUP",
            "Rencana kerja ini ditetapkan untuk dilaksanakan dengan penuh tanggung jawab.",
            "",
            *signature(d, title=f"KEPALA {UNIT_UPPER},"),
        ],
    ]
    write_pdf(path, pages, "Rencana Kerja Pembangunan ZI 2026", author="Tim Kerja ZI")


@add(f"{A1ii}/1.ii.a Notulen Penyusunan Rencana Kerja ZI.docx", "A.I.1.ii.a")
def _(path: Path) -> None:
    paras = notulen(
        "Penyusunan Rencana Kerja Pembangunan Zona Integritas",
        date(YEAR, 1, 21),
        CHAIR,
        [
            "Setiap koordinator area memaparkan usulan kegiatan beserta target dan jadwalnya.",
            "Disepakati target prioritas: IPAK minimal 3,60, IPKP minimal 3,20 dan pengaduan selesai 100 persen.",
        ],
        ["Rancangan rencana kerja difinalkan dan disampaikan kepada Kepala Kantor untuk ditetapkan."],
    )
    write_docx(path, paras, roster(STAFF[1:10]), "Notulen Penyusunan Rencana Kerja ZI")


@add(f"{A1ii}/1.ii.b SK Penetapan Target Prioritas ZI 2026.pdf", "A.I.1.ii.b", "SK without signature block")
def _(path: Path) -> None:
    pages = sk(
        15,
        "OT.02.01",
        "Penetapan Target Prioritas Pembangunan Zona Integritas Tahun 2026",
        [
            "bahwa rencana kerja pembangunan Zona Integritas perlu memuat target prioritas yang relevan dengan"
            " tujuan pembangunan WBK"
        ],
        [
            "Menetapkan target prioritas pembangunan Zona Integritas Tahun 2026 sebagaimana tercantum dalam Lampiran.",
            "Tim Kerja melaporkan capaian target prioritas setiap bulan.",
        ],
        [
            ["No", "Target Prioritas", "Ukuran"],
            ["1", "Persepsi anti korupsi", "IPAK >= 3,60"],
            ["2", "Kualitas pelayanan", "IPKP >= 3,20"],
            ["3", "Penanganan pengaduan", "100 % selesai"],
            ["4", "Waktu layanan paspor", "<= 4 hari kerja"],
        ],
        d=date(YEAR, 1, 27),
        signed=False,
    )
    write_pdf(path, pages, "SK Penetapan Target Prioritas ZI 2026")


simple(
    f"{A1ii}/1.ii.c Foto Spanduk Sosialisasi ZI.jpg",
    "A.I.1.ii.c",
    lambda p: write_photo(p, "Kami Siap Membangun Zona Integritas"),
)
simple(
    f"{A1ii}/1.ii.c Tangkapan Layar Instagram Sosialisasi ZI.png",
    "A.I.1.ii.c",
    lambda p: write_shot(
        p,
        "kanim.kelayang - Instagram",
        "https://social.example/kanim.kelayang",
        [
            "Kanim Kelayang siap membangun Zona Integritas menuju WBK 2026!",
            "Kami melayani tanpa pungutan liar, tanpa gratifikasi.",
            "Laporkan pengaduan layanan melalui SP4N-LAPOR! dan WhatsApp 0812-0000-1717.",
            "#ZonaIntegritas #WBK #PelayananPrima #TolakGratifikasi",
            "[Suka 214]",
        ],
    ),
)


@add(f"{A1ii}/1.ii.c Laporan Sosialisasi Pembangunan ZI.pdf", "A.I.1.ii.c")
def _(path: Path) -> None:
    d = date(YEAR, 2, 13)
    pages = [
        laporan_cover("Laporan Pelaksanaan Sosialisasi", "Pembangunan Zona Integritas Februari 2026", d),
        [
            "## Pelaksanaan",
            "Sosialisasi dilaksanakan melalui apel pagi setiap Senin, rapat periodik, pemasangan spanduk dan"
            " banner di ruang pelayanan, serta unggahan di laman dan media sosial kantor.",
            "Materi: komitmen pembangunan ZI, standar pelayanan, larangan gratifikasi, dan kanal pengaduan.",
            "## Peserta",
            "Seluruh pegawai (20 orang) dan perwakilan mitra biro perjalanan (8 orang).",
            "",
            *signature(d, CHAIR, "KETUA TIM KERJA ZI,"),
        ],
    ]
    write_pdf(path, pages, "Laporan Sosialisasi Pembangunan ZI", author="Tim Kerja ZI")


@add(
    f"{A1iii}/1.iii.a Laporan Pelaksanaan Rencana Aksi Semester I 2026.pdf",
    "A.I.1.iii.a",
    "search anchor SIKELAY on page 4",
)
def _(path: Path) -> None:
    d = date(YEAR, 7, 10)
    pages = [
        laporan_cover("Laporan Pelaksanaan Rencana Aksi", "Pembangunan Zona Integritas Semester I 2026", d),
        [
            "## BAB I PENDAHULUAN",
            "Laporan ini menyajikan pelaksanaan rencana aksi pembangunan Zona Integritas semester I tahun 2026,"
            " kendala yang dihadapi, serta rekomendasi perbaikan pelayanan.",
        ],
        [
            "## BAB II PELAKSANAAN PER AREA",
            *table(
                [
                    ["Area", "Kegiatan direncanakan", "Terlaksana", "Persentase"],
                    ["Manajemen Perubahan", "8", "8", "100 %"],
                    ["Penataan Tatalaksana", "6", "5", "83 %"],
                    ["Penataan SDM", "7", "6", "86 %"],
                    ["Akuntabilitas Kinerja", "5", "5", "100 %"],
                    ["Pengawasan", "9", "8", "89 %"],
                    ["Pelayanan Publik", "10", "9", "90 %"],
                ]
            ),
            "",
            "Kegiatan yang belum terlaksana dijadwalkan ulang pada semester II.",
        ],
        [
            "## BAB III INOVASI DAN PERUBAHAN",
            "Agen perubahan meluncurkan SIKELAY (Sistem Informasi Kelayang Antre Yakin), antrean daring yang"
            " mengirim nomor antrean dan jadwal wawancara paspor melalui WhatsApp. Sejak Mei 2026 rata-rata waktu"
            " tunggu pemohon turun dari 95 menit menjadi 38 menit.",
            "Layanan jemput bola paspor dilaksanakan di empat kecamatan untuk melayani pekerja migran dan pelaku"
            " usaha pariwisata.",
        ],
        [
            "## BAB IV PENUTUP",
            "Rekomendasi: memperluas layanan daring dan memperkuat penanganan pengaduan.",
            "",
            *signature(d, CHAIR, "KETUA TIM KERJA ZI,"),
        ],
    ]
    write_pdf(path, pages, "Laporan Pelaksanaan Rencana Aksi Semester I 2026", author="Tim Kerja ZI")


def monev(month: int, year: int = YEAR) -> Callable[[Path], object]:
    def make(path: Path) -> None:
        rng = random.Random(SEED + year * 100 + month)
        d = last_workday(year, month)
        if year < YEAR:
            d = date(year, 12, 30)
        bulan = f"Bulan {MONTHS[month - 1]} {year}"
        progress = [["No", "Area Perubahan", "Rencana Aksi", "Realisasi Kumulatif", "Keterangan"]]
        areas = [
            "Manajemen Perubahan",
            "Penataan Tatalaksana",
            "Penataan Sistem Manajemen SDM",
            "Penguatan Akuntabilitas Kinerja",
            "Penguatan Pengawasan",
            "Peningkatan Kualitas Pelayanan Publik",
        ]
        base = min(100, 8 * month + 4) if year == YEAR else 100
        for i, area in enumerate(areas, 1):
            value = max(0, min(100, base + rng.randint(-6, 6)))
            progress.append(
                [
                    str(i),
                    area,
                    f"{rng.randint(4, 10)} kegiatan",
                    f"{value} %",
                    "sesuai jadwal" if value >= base else "perlu percepatan",
                ]
            )
        pengaduan = rng.randint(1, 6)
        pages = [
            laporan_cover("Laporan Monitoring dan Evaluasi Pembangunan Zona Integritas", bulan, d),
            [
                "## I. PENDAHULUAN",
                f"Monitoring dan evaluasi pembangunan Zona Integritas {bulan.lower()} dilaksanakan oleh Tim Kerja"
                " untuk memastikan rencana aksi berjalan sesuai jadwal dan target pelayanan tercapai.",
                "## II. CAPAIAN RENCANA AKSI",
                *table(progress),
            ],
            [
                "## III. PELAYANAN DAN PENGADUAN",
                f"Jumlah permohonan layanan paspor {rng.randint(380, 720)} dan izin tinggal {rng.randint(40, 120)}."
                f" Pengaduan masyarakat yang diterima {pengaduan}, seluruhnya ditindaklanjuti oleh petugas pengaduan.",
                f"Laporan gratifikasi kepada UPG: {rng.choice(['nihil', 'nihil', '1 (penolakan bingkisan)'])}.",
                "## IV. KENDALA",
                rng.choice(
                    [
                        "Jaringan aplikasi layanan terputus dua kali; antrean sempat menumpuk.",
                        "Jumlah petugas loket terbatas pada musim libur sekolah.",
                        "Sebagian pegawai belum mengunggah dokumentasi kegiatan tepat waktu.",
                    ]
                ),
                "## V. REKOMENDASI DAN TINDAK LANJUT",
                "1. Koordinator area memperbarui data dukung paling lambat tanggal 5 bulan berikutnya;",
                "2. Petugas layanan mengingatkan pemohon tentang kanal pengaduan dan larangan gratifikasi;",
                "3. Hasil monitoring dibahas dalam rapat bersama Kepala Kantor.",
                "",
                *signature(d, CHAIR, "KETUA TIM KERJA ZI,"),
            ],
        ]
        write_pdf(path, pages, f"Laporan Monev ZI {MONTHS[month - 1]} {year}", author="Tim Kerja ZI")

    return make


MISSING_MONTH = 7  # Juli: the gap in the monthly series
for _m in range(1, 13):
    if _m != MISSING_MONTH:
        simple(f"{A1iii}/1.iii.b Laporan Monev {MONTHS[_m - 1]} {YEAR}.pdf", "A.I.1.iii.b", monev(_m))
simple(
    f"{A1iii}/1.iii.b Laporan Monev Desember 2025.pdf",
    "A.I.1.iii.b",
    monev(12, YEAR - 1),
    "late: dated 30 Desember 2025, outside the assessment year",
)


@add(f"{A1iii}/1.iii.b Notulen Rapat Monev Triwulan II.docx", "A.I.1.iii.b")
def _(path: Path) -> None:
    paras = notulen(
        "Monitoring dan Evaluasi Pembangunan Zona Integritas Triwulan II",
        date(YEAR, 7, 3),
        HEAD,
        [
            "Realisasi rencana aksi triwulan II rata-rata 88 persen; area Penataan Tatalaksana tertinggal karena reviu SOP.",
            "Kepala Kantor meminta penanganan pengaduan pelayanan dipercepat dan hasil SKM dipublikasikan.",
        ],
        ["Reviu SOP diselesaikan pada Agustus 2026.", "Hasil SKM semester I dipasang di ruang tunggu dan laman."],
    )
    write_docx(path, paras, roster(STAFF[:12]), "Notulen Rapat Monev Triwulan II")


@add(f"{A1iii}/1.iii.c Laporan Tindak Lanjut Hasil Monev.pdf", "A.I.1.iii.c")
def _(path: Path) -> None:
    d = date(YEAR, 8, 14)
    rows = [
        ["No", "Rekomendasi", "Tindak Lanjut", "Status"],
        ["1", "Percepat reviu SOP layanan paspor", "SOP revisi ditetapkan 7 Agustus 2026", "Selesai"],
        ["2", "Publikasi hasil SKM", "Papan hasil SKM dan unggahan laman", "Selesai"],
        ["3", "Tambah petugas loket saat libur sekolah", "Rotasi petugas dari seksi lain", "Selesai"],
        ["4", "Perbaikan jaringan aplikasi layanan", "Pengadaan jalur cadangan", "Dalam proses"],
    ]
    write_pdf(
        path,
        [
            laporan_cover("Laporan Tindak Lanjut Hasil Monitoring dan Evaluasi", "Semester I 2026", d),
            ["## Tindak lanjut rekomendasi", *table(rows), "", *signature(d, CHAIR, "KETUA TIM KERJA ZI,")],
        ],
        "Laporan Tindak Lanjut Hasil Monev",
        author="Tim Kerja ZI",
    )


simple(
    f"{A1iv}/a. Role model/Foto Kepala Kantor Memimpin Apel Pagi.jpg",
    "A.I.1.iv.a",
    lambda p: write_photo(p, "Apel Pagi Dipimpin Kepala Kantor"),
)


@add(f"{A1iv}/a. Role model/Laporan Peran Pimpinan sebagai Role Model.pdf", "A.I.1.iv.a")
def _(path: Path) -> None:
    d = date(YEAR, 6, 30)
    write_pdf(
        path,
        [
            laporan_cover("Laporan Peran Pimpinan sebagai Role Model", "Januari - Juni 2026", d),
            [
                "## Kegiatan",
                "1. Kepala Kantor memimpin apel pagi setiap Senin dan menyampaikan pesan integritas;",
                "2. Kepala Kantor turun langsung melayani pemohon paspor di loket pada jam sibuk;",
                "3. Kepala Kantor menolak gratifikasi dan melaporkannya kepada UPG;",
                "4. Siaran pers tentang komitmen pelayanan tanpa pungutan liar.",
                "",
                *signature(d, CHAIR, "KETUA TIM KERJA ZI,"),
            ],
        ],
        "Laporan Peran Pimpinan sebagai Role Model",
    )


@add(f"{A1iv}/b. Agen perubahan/SK Agen Perubahan 2026.pdf", "A.I.1.iv.b")
def _(path: Path) -> None:
    rows = [["No", "Nama", "NIP", "Jabatan"]] + [[str(i), p.name, p.nip, p.role] for i, p in enumerate(AGENTS, 1)]
    pages = sk(
        18,
        "OT.02.01",
        "Penetapan Agen Perubahan Tahun 2026",
        [
            "bahwa pembangunan Zona Integritas memerlukan agen perubahan yang menjadi teladan dan penggerak"
            " perubahan pola pikir dan budaya kerja"
        ],
        [
            "Menetapkan pegawai sebagaimana tercantum dalam Lampiran sebagai Agen Perubahan Tahun 2026.",
            "Setiap Agen Perubahan membuat sekurang-kurangnya satu perubahan konkret dalam satu tahun.",
        ],
        rows,
        d=date(YEAR, 1, 19),
    )
    write_pdf(path, pages, "SK Agen Perubahan 2026")


@add(f"{A1iv}/b. Agen perubahan/Notulen Rapat Penetapan Agen Perubahan.docx", "A.I.1.iv.b")
def _(path: Path) -> None:
    paras = notulen(
        "Penetapan Agen Perubahan",
        date(YEAR, 1, 16),
        HEAD,
        [
            "Calon agen perubahan diusulkan oleh setiap seksi berdasarkan integritas dan prestasi kerja.",
            "Setiap agen menyampaikan rencana perubahan yang akan dibuat tahun 2026.",
        ],
        ["Enam agen perubahan ditetapkan dengan Keputusan Kepala Kantor."],
    )
    write_docx(path, paras, roster(STAFF[:10]), "Notulen Rapat Penetapan Agen Perubahan")


@add(f"{A1iv}/d. Keterlibatan pegawai/Pakta Integritas Seluruh Pegawai 2026.pdf", "A.I.1.iv.d")
def _(path: Path) -> None:
    pages = []
    for p in STAFF:
        pages.append(
            [
                "# PAKTA INTEGRITAS",
                "",
                "Saya yang bertanda tangan di bawah ini:",
                f"Nama    : {p.name}",
                f"NIP     : {p.nip}",
                f"Jabatan : {p.role}",
                "",
                "dalam rangka pembangunan Zona Integritas menuju Wilayah Bebas dari Korupsi, dengan ini menyatakan bahwa saya:",
                "1. berperan secara pro aktif dalam upaya pencegahan dan pemberantasan korupsi, kolusi dan nepotisme;",
                "2. tidak meminta atau menerima pemberian secara langsung maupun tidak langsung berupa suap, hadiah,"
                " bantuan atau bentuk lainnya (gratifikasi) yang tidak sesuai dengan ketentuan;",
                "3. menghindari benturan kepentingan dalam melaksanakan tugas;",
                "4. melayani masyarakat dengan jujur, transparan dan tanpa pungutan liar;",
                "5. bersedia menerima sanksi apabila melanggar pakta integritas ini.",
                "",
                f"> {PLACE}, {tanggal(date(YEAR, 1, 13))}",
                "> Yang menyatakan,",
                ">",
                "> ttd. (meterai)",
                f"> {p.name}",
                f"> NIP {p.nip}",
            ]
        )
    write_pdf(path, pages, "Pakta Integritas Seluruh Pegawai 2026")


simple(
    f"{A1iv}/d. Keterlibatan pegawai/Foto Coffee Morning ZI.jpg",
    "A.I.1.iv.d",
    lambda p: write_photo(p, "Coffee Morning Pembangunan ZI"),
)


# --- Area 2: Penataan Tatalaksana ---------------------------------------------------------------------


def sop(title: str, kode: str, steps: Sequence[tuple[str, str, str]], d: date) -> Callable[[Path], object]:
    def make(path: Path) -> None:
        rows = [["No", "Kegiatan", "Pelaksana", "Waktu"]] + [[str(i), *s] for i, s in enumerate(steps, 1)]
        page1 = [
            "# STANDAR OPERASIONAL PROSEDUR",
            f"# {title.upper()}",
            "",
            *table(
                [
                    ["Nomor SOP", f"{nomor(kode, 3, sk=False)}"],
                    ["Tanggal Pembuatan", tanggal(d)],
                    ["Tanggal Revisi", tanggal(date(YEAR, 8, 7))],
                    ["Disahkan oleh", f"{HEAD.name} (Kepala Kantor)"],
                ]
            ),
            "",
            "## Dasar Hukum",
            "Undang-Undang Nomor 6 Tahun 2011 tentang Keimigrasian; Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik.",
            "## Keterkaitan",
            "Mengacu pada peta proses bisnis layanan keimigrasian; terkait SOP pengelolaan pengaduan.",
            "## Peringatan",
            "Petugas dilarang menerima imbalan dalam bentuk apa pun (gratifikasi) dari pemohon layanan.",
        ]
        write_pdf(
            path, [page1, ["## Uraian Prosedur", *table(rows)]], f"SOP {title}", author="Seksi Lalu Lintas Keimigrasian"
        )

    return make


simple(
    f"{A2}/i. SOP Kegiatan Utama/SOP Penerbitan Paspor RI.pdf",
    "A.I.2.i",
    sop(
        "Penerbitan Paspor Republik Indonesia",
        "GR.01.01",
        [
            ("Pemohon mengambil nomor antrean daring", "Pemohon", "1 menit"),
            ("Verifikasi berkas permohonan", "Petugas loket", "10 menit"),
            ("Pengambilan foto, sidik jari dan wawancara", "Petugas wawancara", "15 menit"),
            ("Pembayaran PNBP melalui bank persepsi", "Pemohon", "1 hari"),
            ("Adjudikasi dan persetujuan", "Kepala Seksi", "1 hari"),
            ("Pencetakan dan penyerahan paspor", "Petugas layanan", "2 hari"),
        ],
        date(YEAR - 1, 11, 4),
    ),
    "indicator only",
)
simple(
    f"{A2}/i. SOP Kegiatan Utama/SOP Pelayanan Izin Tinggal.pdf",
    "A.I.2.i",
    sop(
        "Pelayanan Izin Tinggal Kunjungan dan Terbatas",
        "GR.02.01",
        [
            ("Penerimaan permohonan melalui aplikasi", "Petugas izin tinggal", "1 hari"),
            ("Pemeriksaan dokumen penjamin", "Analis Keimigrasian", "1 hari"),
            ("Wawancara dan pemeriksaan", "Pemeriksa Keimigrasian", "1 hari"),
            ("Penerbitan izin tinggal", "Kepala Seksi", "1 hari"),
        ],
        date(YEAR - 1, 11, 4),
    ),
    "indicator only",
)


@add(f"{A2}/i. SOP Kegiatan Utama/2-i-a Peta Proses Bisnis Kantor Imigrasi.pdf", "A.I.2.i.a")
def _(path: Path) -> None:
    d = date(YEAR, 2, 3)
    write_pdf(
        path,
        [
            laporan_cover(
                "Peta Proses Bisnis", "Layanan Keimigrasian Tahun 2026", d, "SEKSI TEKNOLOGI INFORMASI DAN KOMUNIKASI"
            ),
            [
                "## Proses bisnis utama",
                *table(
                    [
                        ["Kode", "Proses", "SOP turunan"],
                        ["PB-01", "Layanan paspor", "SOP Penerbitan Paspor RI"],
                        ["PB-02", "Layanan izin tinggal", "SOP Pelayanan Izin Tinggal"],
                        ["PB-03", "Pemeriksaan TPI", "SOP Pemeriksaan Kedatangan"],
                        ["PB-04", "Pengawasan orang asing", "SOP Timpora"],
                        ["PB-05", "Pengelolaan pengaduan", "SOP Pengaduan Layanan"],
                    ]
                ),
                "",
                *signature(d),
            ],
        ],
        "Peta Proses Bisnis",
    )


@add(f"{A2}/i. SOP Kegiatan Utama/2-i-b Laporan Penerapan SOP Layanan Paspor.pdf", "A.I.2.i.b")
def _(path: Path) -> None:
    d = date(YEAR, 5, 29)
    write_pdf(
        path,
        [
            laporan_cover(
                "Laporan Penerapan SOP", "Layanan Paspor Januari - Mei 2026", d, "SEKSI LALU LINTAS KEIMIGRASIAN"
            ),
            [
                "## Hasil pemantauan",
                "Dari 2.431 permohonan paspor, 2.398 (98,6 %) diselesaikan sesuai waktu SOP (4 hari kerja).",
                "Alur layanan dipasang pada papan prosedur di ruang tunggu dan di laman kantor.",
                "Keterlambatan 33 permohonan disebabkan gangguan jaringan dan telah dilaporkan kepada pusat.",
                "",
                *signature(d, STAFF[2], "KEPALA SEKSI LALU LINTAS KEIMIGRASIAN,"),
            ],
        ],
        "Laporan Penerapan SOP Layanan Paspor",
    )


simple(
    f"{A2}/i. SOP Kegiatan Utama/2-i-c Notulen Evaluasi SOP.docx",
    "A.I.2.i.c",
    lambda p: p.write_bytes(
        b"NOTULEN RAPAT EVALUASI SOP\r\n\r\nHari/Tanggal: Rabu, 5 Agustus 2026\r\n"
        b"(berkas disimpan ulang dari aplikasi lain; isinya teks biasa, bukan dokumen Word)\r\n"
    ),
    "corrupt: .docx that is not a zip",
)

simple(
    f"{A2}/ii. SPBE/2.ii.a Tangkapan Layar Aplikasi e-Kinerja.png",
    "A.I.2.ii.a",
    lambda p: write_shot(
        p,
        "e-Kinerja - Capaian Kinerja Unit",
        "https://ekinerja.example/unit/kelayang",
        [
            "Unit: " + UNIT,
            "Periode: Triwulan II 2026",
            "IKU 1  Persentase layanan paspor tepat waktu ........ 98,6 %",
            "IKU 2  Indeks kepuasan masyarakat ..................... 87,9",
            "IKU 3  Persentase pengaduan selesai ................... 100 %",
            "[Unduh Laporan]",
        ],
    ),
)
simple(
    f"{A2}/ii. SPBE/2.ii.b Tangkapan Layar SIMPEG.png",
    "A.I.2.ii.b",
    lambda p: write_shot(
        p,
        "SIMPEG - Data Pegawai",
        "https://simpeg.example/pegawai",
        [
            f"Satuan kerja: {UNIT}",
            "Jumlah pegawai: 20",
            f"{STAFF[13].name}  {STAFF[13].nip}  Analis SDM Aparatur",
            "Status pemutakhiran data: 20 dari 20 pegawai (Mei 2026)",
            "[Perbarui Data]",
        ],
    ),
)
simple(
    f"{A2}/ii. SPBE/2.ii.c Tangkapan Layar Layanan M-Paspor.png",
    "A.I.2.ii.c",
    lambda p: write_shot(
        p,
        "M-Paspor - Pilih Kantor Layanan",
        "https://mpaspor.example/kuota",
        [
            "Kantor: " + UNIT,
            "Kuota layanan paspor 12 Agustus 2026: 60 (sisa 14)",
            "Biaya: sesuai PNBP, tanpa biaya tambahan",
            "[Pilih Jadwal]",
        ],
    ),
)
simple(
    f"{A2}/ii. SPBE/2.ii.c Tangkapan Layar Website Pelayanan.png",
    "A.I.2.ii.c",
    lambda p: write_shot(
        p,
        "Layanan Keimigrasian - Kanim Tanjung Kelayang",
        f"https://{WEB}/layanan",
        [
            "Persyaratan | Alur | Waktu Penyelesaian | Biaya | Pengaduan",
            "Layanan paspor selesai 4 hari kerja setelah pembayaran.",
            "Pengaduan pelayanan: SP4N-LAPOR!, WhatsApp, kotak pengaduan, pos-el.",
            "[Ajukan Pengaduan]",
        ],
    ),
)


@add(f"{A2}/iii. Keterbukaan Informasi Publik/Daftar Informasi Publik 2026.xlsx", "A.I.2.iii", "indicator only")
def _(path: Path) -> None:
    rows: list[list[object]] = [
        ["DAFTAR INFORMASI PUBLIK " + UNIT_UPPER + " TAHUN 2026"],
        [],
        ["No", "Ringkasan Informasi", "Penanggung Jawab", "Bentuk", "Jangka Waktu", "Kategori"],
    ]
    items = [
        "Standar pelayanan paspor",
        "Maklumat pelayanan",
        "Laporan kinerja 2025",
        "Hasil survei kepuasan masyarakat",
        "Prosedur pengaduan masyarakat",
        "Rencana kerja pembangunan Zona Integritas",
        "Daftar tarif PNBP",
    ]
    for i, item in enumerate(items, 1):
        rows.append([i, item, "PPID Pelaksana", "Cetak dan elektronik", "Selama berlaku", "Tersedia setiap saat"])
    write_xlsx(path, {"DIP": rows}, "Daftar Informasi Publik 2026")


@add(f"{A2}/iii. Keterbukaan Informasi Publik/2.iii.a SK PPID Pelaksana.pdf", "A.I.2.iii.a")
def _(path: Path) -> None:
    pages = sk(
        21,
        "HM.01.01",
        "Pejabat Pengelola Informasi dan Dokumentasi Pelaksana",
        [
            "bahwa untuk menjamin hak masyarakat memperoleh informasi publik perlu ditunjuk pejabat pengelola informasi dan dokumentasi"
        ],
        [
            f"Menunjuk {STAFF[5].name} sebagai PPID Pelaksana pada {UNIT}.",
            "PPID Pelaksana mengumumkan informasi pelayanan (persyaratan, alur, waktu dan biaya) dan melayani permohonan informasi.",
        ],
        d=date(YEAR, 1, 20),
    )
    write_pdf(path, pages, "SK PPID Pelaksana")


# --- Area III: SDM ---------------------------------------------------------------------------------------


@add(f"{A3}/3-i-a Rencana Kebutuhan Pegawai Berbasis ABK 2026.pdf", "A.I.3.i.a")
def _(path: Path) -> None:
    d = date(YEAR, 2, 16)
    rows = [
        ["Jabatan", "Kebutuhan (ABK)", "Tersedia", "Selisih"],
        ["Pemeriksa Keimigrasian", "8", "5", "-3"],
        ["Pengelola Layanan Keimigrasian", "4", "2", "-2"],
        ["Analis Keimigrasian", "2", "1", "-1"],
        ["Pranata Komputer", "2", "1", "-1"],
    ]
    write_pdf(
        path,
        [
            laporan_cover(
                "Rencana Kebutuhan Pegawai",
                "Berdasarkan Peta Jabatan dan Analisis Beban Kerja 2026",
                d,
                "URUSAN KEPEGAWAIAN",
            ),
            [
                "## Analisis beban kerja",
                *table(rows),
                "",
                "Usulan kebutuhan disampaikan kepada Kantor Wilayah.",
                "",
                *signature(d),
            ],
        ],
        "Rencana Kebutuhan Pegawai 2026",
        author="Urusan Kepegawaian",
    )


@add(f"{A3}/3-i-b SK Penempatan CPNS Formasi 2025.pdf", "A.I.3.i.b")
def _(path: Path) -> None:
    rows = [["No", "Nama", "NIP", "Jabatan"]] + [[str(i), p.name, p.nip, p.role] for i, p in enumerate(STAFF[17:19], 1)]
    write_pdf(
        path,
        sk(
            7,
            "KP.04.01",
            "Penempatan Calon Pegawai Negeri Sipil Formasi Tahun 2025",
            ["bahwa CPNS formasi tahun 2025 perlu ditempatkan sesuai kebutuhan jabatan hasil analisis beban kerja"],
            ["Menempatkan CPNS sebagaimana tercantum dalam Lampiran pada jabatan sesuai formasi."],
            rows,
            d=date(YEAR, 2, 2),
        ),
        "SK Penempatan CPNS Formasi 2025",
    )


@add(f"{A3}/3-ii-a SK Mutasi Internal Pegawai.pdf", "A.I.3.ii.a")
def _(path: Path) -> None:
    rows = [
        ["No", "Nama", "Jabatan Lama", "Jabatan Baru"],
        ["1", STAFF[14].name, "Pemeriksa Keimigrasian TPI", "Pemeriksa Keimigrasian Izin Tinggal"],
        ["2", STAFF[9].name, "Pengelola Layanan Loket", "Pengelola Layanan Pengaduan"],
        ["3", STAFF[16].name, "Pengelola Data", "Petugas Layanan Jemput Bola"],
    ]
    write_pdf(
        path,
        sk(
            31,
            "KP.03.01",
            "Mutasi Internal Pegawai",
            ["bahwa untuk pengembangan karier dan pemerataan kompetensi perlu dilakukan mutasi internal pegawai"],
            [
                "Memindahkan pegawai sebagaimana tercantum dalam Lampiran.",
                "Mutasi mempertimbangkan kompetensi, riwayat diklat dan pola mutasi internal.",
            ],
            rows,
            d=date(YEAR, 3, 2),
        ),
        "SK Mutasi Internal Pegawai",
    )


@add(f"{A3}/3-ii-b Pola Mutasi Internal.pdf", "A.I.3.ii.b")
def _(path: Path) -> None:
    d = date(YEAR, 2, 20)
    write_pdf(
        path,
        [
            laporan_cover("Pola Mutasi Internal", "Tahun 2026", d, "URUSAN KEPEGAWAIAN"),
            [
                "## Prinsip",
                "1. Masa tugas pada satu jabatan pelayanan paling lama 3 tahun;",
                "2. Mutasi mempertimbangkan kompetensi, hasil penilaian kinerja dan menghindari benturan kepentingan;",
                "3. Pegawai yang melayani langsung pemohon dirotasi secara berkala untuk mencegah gratifikasi.",
                "",
                *signature(d),
            ],
        ],
        "Pola Mutasi Internal",
    )


@add(f"{A3}/3-iii-a Training Need Analysis 2026.xlsx", "A.I.3.iii.a")
def _(path: Path) -> None:
    rng = random.Random(SEED + 3)
    rows: list[list[object]] = [
        [
            "No",
            "Nama",
            "Jabatan",
            "Kompetensi Dipersyaratkan",
            "Level Dimiliki",
            "Level Standar",
            "Kesenjangan",
            "Usulan Pengembangan",
        ]
    ]
    comps = [
        "Pelayanan prima",
        "Pemeriksaan dokumen perjalanan",
        "Manajemen risiko",
        "Penanganan pengaduan",
        "Analisis data",
    ]
    for i, p in enumerate(STAFF[6:20], 1):
        have, need = rng.randint(1, 4), rng.randint(3, 4)
        rows.append(
            [
                i,
                p.name,
                p.role,
                rng.choice(comps),
                have,
                need,
                max(0, need - have),
                rng.choice(["In-house training", "Coaching", "Diklat teknis", "E-learning"]),
            ]
        )
    write_xlsx(path, {"TNA 2026": rows}, "Training Need Analysis 2026")


@add(f"{A3}/3-iii-e Laporan In-House Training Pelayanan Prima.pdf", "A.I.3.iii.e")
def _(path: Path) -> None:
    d = date(YEAR, 4, 24)
    write_pdf(
        path,
        [
            laporan_cover("Laporan In-House Training", "Pelayanan Prima dan Budaya Melayani", d, "URUSAN KEPEGAWAIAN"),
            [
                "## Pelaksanaan",
                "Tanggal 22-23 April 2026, narasumber dari Kantor Wilayah, diikuti 18 pegawai.",
                "Materi: budaya pelayanan prima, komunikasi efektif dengan pemohon, penanganan keluhan, pencegahan gratifikasi.",
                "## Evaluasi",
                "Nilai rata-rata pre-test 62, post-test 84.",
                "",
                *table(roster(STAFF[6:18], "Nilai")),
                "",
                *signature(d, STAFF[6], "KEPALA URUSAN KEPEGAWAIAN,"),
            ],
        ],
        "Laporan In-House Training Pelayanan Prima",
    )


simple(
    f"{A3}/3-iii-e foto inhouse training.jpg",
    "A.I.3.iii.e",
    lambda p: write_photo(p, "In-House Training Pelayanan Prima"),
)


@add(f"{A3}/3-iv-a Perjanjian Kinerja dan SKP 2026.pdf", "A.I.3.iv.a")
def _(path: Path) -> None:
    d = date(YEAR, 1, 30)
    pages = []
    for p in STAFF[1:6]:
        pages.append(
            [
                "# SASARAN KINERJA PEGAWAI TAHUN 2026",
                "",
                f"Nama: {p.name}",
                f"NIP: {p.nip}",
                f"Jabatan: {p.role}",
                "",
                *table(
                    [
                        ["Rencana Hasil Kerja", "Indikator", "Target"],
                        ["Layanan keimigrasian tepat waktu", "Persentase layanan sesuai standar", "98 %"],
                        ["Pengaduan tertangani", "Persentase pengaduan selesai", "100 %"],
                    ]
                ),
                "",
                *signature(d, HEAD, "PEJABAT PENILAI KINERJA,"),
            ]
        )
    write_pdf(path, pages, "Perjanjian Kinerja dan SKP 2026", author="Urusan Kepegawaian")


@add(f"{A3}/3-iv-c Rekap Penilaian Kinerja Triwulanan 2026.xlsx", "A.I.3.iv.c")
def _(path: Path) -> None:
    rng = random.Random(SEED + 4)
    grades = ["Sangat Baik", "Baik", "Baik", "Baik", "Butuh Perbaikan"]
    rows: list[list[object]] = [["No", "Nama", "NIP", "TW I", "TW II", "TW III", "TW IV"]]
    rows += [[i, p.name, p.nip, *(rng.choice(grades) for _ in range(4))] for i, p in enumerate(STAFF, 1)]
    write_xlsx(path, {"Rekap": rows}, "Rekap Penilaian Kinerja Triwulanan 2026")


@add(f"{A3}/3-v-a Laporan Penegakan Disiplin Pegawai.pdf", "A.I.3.v.a")
def _(path: Path) -> None:
    d = date(YEAR, 12, 18)
    write_pdf(
        path,
        [
            laporan_cover("Laporan Penegakan Disiplin Pegawai", "Tahun 2026", d, "URUSAN KEPEGAWAIAN"),
            [
                "## Penerapan",
                "Presensi elektronik, pemeriksaan kelengkapan pakaian dinas saat apel, sosialisasi kode etik.",
                "## Pelanggaran",
                "Tahun 2026 terdapat 2 pelanggaran disiplin ringan (keterlambatan berulang), seluruhnya telah"
                " dijatuhi hukuman disiplin teguran lisan. Tahun 2025 terdapat 6 pelanggaran.",
                "",
                *signature(d, STAFF[6], "KEPALA URUSAN KEPEGAWAIAN,"),
            ],
        ],
        "Laporan Penegakan Disiplin Pegawai",
    )


simple(
    f"{A3}/3-vi-a tangkapan layar pemutakhiran data simpeg.png",
    "A.I.3.vi.a",
    lambda p: write_shot(
        p,
        "SIMPEG - Pemutakhiran Mandiri",
        "https://simpeg.example/pemutakhiran",
        [
            "Riwayat pemutakhiran data pegawai bulanan",
            "Januari 2026: 20/20  Februari 2026: 20/20  Maret 2026: 19/20",
            "April 2026: 20/20  Mei 2026: 20/20",
            "[Lihat Riwayat]",
        ],
    ),
)


# --- Area IV: Akuntabilitas --------------------------------------------------------------------------------

A4i = f"{A4}/i. Keterlibatan Pimpinan"
A4ii = f"{A4}/ii. Pengelolaan Akuntabilitas Kinerja"


@add(f"{A4i}/4.i.a Notulen Rapat Perencanaan Kegiatan dan Anggaran 2026.docx", "A.I.4.i.a")
def _(path: Path) -> None:
    paras = notulen(
        "Perencanaan Kegiatan dan Anggaran 2026",
        date(YEAR, 1, 14),
        HEAD,
        [
            "Kepala Kantor memimpin langsung pembahasan rencana kegiatan dan anggaran tahun 2026.",
            "Anggaran layanan jemput bola dan survei kepuasan masyarakat diprioritaskan.",
        ],
        ["Rencana kegiatan dan anggaran disepakati dan dituangkan dalam DIPA revisi."],
    )
    write_docx(path, paras, roster(STAFF[:9]), "Notulen Rapat Perencanaan Kegiatan dan Anggaran 2026")


@add(f"{A4i}/4.i.b Undangan Penyusunan Perjanjian Kinerja.docx", "A.I.4.i.b")
def _(path: Path) -> None:
    write_docx(
        path,
        undangan(
            9,
            "Undangan Rapat Penyusunan Perjanjian Kinerja Tahun 2026",
            "Penyusunan Perjanjian Kinerja dan IKU Tahun 2026",
            date(YEAR, 1, 22),
            date(YEAR, 1, 19),
            "Para Pejabat Struktural",
        ),
        None,
        "Undangan Penyusunan Perjanjian Kinerja",
    )


def quarterly_kinerja(q: int) -> Callable[[Path], object]:
    def make(path: Path) -> None:
        rng = random.Random(SEED + 40 + q)
        d = last_workday(YEAR, 3 * q) if q < 4 else date(YEAR, 12, 30)
        rows = [["IKU", "Target", "Realisasi", "Capaian"]]
        for name, target in (
            ("Layanan paspor tepat waktu (%)", 98),
            ("Indeks kepuasan masyarakat", 88),
            ("Pengaduan selesai (%)", 100),
        ):
            real = round(target * rng.uniform(0.96, 1.02), 1)
            rows.append([name, str(target), str(real), f"{round(100 * real / target, 1)} %"])
        write_pdf(
            path,
            [
                laporan_cover(
                    "Laporan Pemantauan Capaian Kinerja",
                    f"Triwulan {ROMAN[q - 1]} 2026",
                    d,
                    "URUSAN KEUANGAN DAN PERENCANAAN",
                ),
                [
                    "## Capaian indikator kinerja utama",
                    *table(rows),
                    "",
                    "Kepala Kantor memantau capaian kinerja dalam rapat bulanan dan memberi arahan perbaikan pelayanan.",
                    "",
                    *signature(d),
                ],
            ],
            f"Laporan Pemantauan Capaian Kinerja Triwulan {ROMAN[q - 1]} 2026",
        )

    return make


for _q in range(1, 5):
    simple(
        f"{A4i}/4.i.c Laporan Pemantauan Capaian Kinerja Triwulan {ROMAN[_q - 1]} 2026.pdf",
        "A.I.4.i.c",
        quarterly_kinerja(_q),
    )


@add(f"{A4ii}/4.ii.a Perjanjian Kinerja Kantor 2026.pdf", "A.I.4.ii.a")
def _(path: Path) -> None:
    d = date(YEAR, 1, 31)
    write_pdf(
        path,
        [
            [
                "# PERJANJIAN KINERJA TAHUN 2026",
                f"# {UNIT_UPPER}",
                "",
                "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta berorientasi pada hasil,"
                " kami yang bertanda tangan di bawah ini berjanji mewujudkan target kinerja berikut.",
                "",
                *table(
                    [
                        ["Sasaran", "Indikator", "Target"],
                        ["Meningkatnya kualitas pelayanan keimigrasian", "Indeks kepuasan masyarakat", "88"],
                        ["Terwujudnya layanan yang bersih", "Persentase pengaduan selesai", "100 %"],
                        ["Layanan paspor tepat waktu", "Persentase layanan sesuai standar", "98 %"],
                    ]
                ),
                "",
                *signature(d),
            ]
        ],
        "Perjanjian Kinerja Kantor 2026",
    )


@add(f"{A4ii}/4.ii.c Penetapan IKU 2026.pdf", "A.I.4.ii.c")
def _(path: Path) -> None:
    write_pdf(
        path,
        sk(
            10,
            "PR.01.01",
            "Penetapan Indikator Kinerja Utama Tahun 2026",
            [
                "bahwa pengukuran kinerja memerlukan indikator kinerja utama yang spesifik, terukur dan berorientasi hasil"
            ],
            ["Menetapkan Indikator Kinerja Utama sebagaimana tercantum dalam Lampiran."],
            [
                ["No", "IKU", "Formula"],
                ["1", "Indeks kepuasan masyarakat", "nilai SKM"],
                ["2", "Persentase pengaduan selesai", "selesai / harus ditindaklanjuti x 100 %"],
                ["3", "Persentase layanan paspor tepat waktu", "tepat waktu / jumlah permohonan x 100 %"],
            ],
            d=date(YEAR, 1, 23),
        ),
        "Penetapan IKU 2026",
    )


def lkj(path: Path) -> None:
    d = date(YEAR, 1, 28)
    rows = [
        ["Sasaran", "Indikator", "Target", "Realisasi", "Capaian"],
        ["Kualitas pelayanan", "Indeks kepuasan masyarakat", "86", "87,2", "101,4 %"],
        ["Layanan bersih", "Persentase pengaduan selesai", "100 %", "100 %", "100 %"],
        ["Layanan tepat waktu", "Layanan paspor sesuai standar", "97 %", "96,1 %", "99,1 %"],
        ["Pengawasan orang asing", "Operasi Timpora", "4 kali", "5 kali", "125 %"],
    ]
    pages = [
        laporan_cover("Laporan Kinerja", "Tahun 2025", d, "URUSAN KEUANGAN DAN PERENCANAAN"),
        [
            "## BAB I PENDAHULUAN",
            f"Laporan kinerja {UNIT} tahun 2025 disusun sebagai wujud akuntabilitas kinerja.",
            "## BAB II PERENCANAAN KINERJA",
            "Perjanjian kinerja 2025 memuat 4 sasaran dan 4 indikator.",
        ],
        [
            "## BAB III AKUNTABILITAS KINERJA",
            *table(rows),
            "",
            "Tiga dari empat sasaran mencapai 100 % atau lebih; capaian 2025 lebih baik dari 2024 pada indeks kepuasan masyarakat.",
        ],
        [
            "## BAB IV PENUTUP",
            "Laporan disampaikan kepada Kantor Wilayah pada 28 Januari 2026 (tepat waktu).",
            "",
            *signature(d),
        ],
    ]
    write_pdf(path, pages, "Laporan Kinerja Tahun 2025", author="Urusan Keuangan")


simple(
    f"{A4ii}/4.ii.e Laporan Kinerja Tahun 2025.pdf", "A.I.4.ii.e", lkj, "duplicate (same bytes as REFORM/A.II.4.i.a)"
)
simple(
    f"{A4ii}/4.ii.f Ringkasan Laporan Kinerja 2025.pdf",
    "A.I.4.ii.f",
    lambda p: fab.make_truncated_pdf(
        p, ["RINGKASAN LAPORAN KINERJA TAHUN 2025\n" + "Capaian sasaran kinerja unit.\n" * 30] * 3
    ),
    "corrupt: truncated PDF",
)


# --- Area V: Pengawasan ----------------------------------------------------------------------------------

A5i = f"{A5}/i. Pengendalian Gratifikasi"
A5ii = f"{A5}/ii. SPIP"
A5iii = f"{A5}/iii. Pengaduan Masyarakat"
A5iv = f"{A5}/iv. Whistle Blowing System"
A5v = f"{A5}/v. Penanganan Benturan Kepentingan"

simple(
    f"{A5i}/a. Public campaign/Foto Banner Tolak Gratifikasi.jpg",
    "A.I.5.i.a",
    lambda p: write_photo(p, "Tolak Gratifikasi - Kami Melayani Tanpa Imbalan"),
)
simple(
    f"{A5i}/a. Public campaign/Tangkapan Layar Kampanye Gratifikasi di Facebook.png",
    "A.I.5.i.a",
    lambda p: write_shot(
        p,
        "Kantor Imigrasi Tanjung Kelayang",
        "https://social.example/kanimkelayang/posts/2026",
        [
            "Stop gratifikasi! Pelayanan paspor tidak dipungut biaya di luar PNBP.",
            "Pegawai dilarang menerima hadiah dalam bentuk apa pun dari pemohon layanan.",
            "Laporkan melalui kanal pengaduan atau WBS.",
            "[Bagikan]",
        ],
    ),
)


@add(f"{A5i}/a. Public campaign/Undangan Sosialisasi Pengendalian Gratifikasi.docx", "A.I.5.i.a")
def _(path: Path) -> None:
    write_docx(
        path,
        undangan(
            12,
            "Undangan Sosialisasi Pengendalian Gratifikasi",
            "Sosialisasi Pengendalian Gratifikasi dan Benturan Kepentingan",
            date(YEAR, 2, 26),
            date(YEAR, 2, 23),
        ),
        None,
        "Undangan Sosialisasi Pengendalian Gratifikasi",
    )


@add(f"{A5i}/a. Public campaign/Notulen Sosialisasi Gratifikasi.docx", "A.I.5.i.a")
def _(path: Path) -> None:
    paras = notulen(
        "Sosialisasi Pengendalian Gratifikasi",
        date(YEAR, 2, 26),
        STAFF[4],
        [
            "Narasumber menjelaskan jenis gratifikasi yang wajib dilaporkan dan batas waktu pelaporan 30 hari kerja.",
            "Peserta dari mitra biro perjalanan diminta tidak memberikan bingkisan kepada petugas pelayanan.",
        ],
        ["Banner tolak gratifikasi dipasang di seluruh ruang pelayanan."],
    )
    write_docx(path, paras, roster(STAFF), "Notulen Sosialisasi Gratifikasi")


@add(f"{A5i}/b. Implementasi/SK Unit Pengendalian Gratifikasi 2026.pdf", "A.I.5.i.b")
def _(path: Path) -> None:
    write_pdf(
        path,
        sk(
            14,
            "PW.01.01",
            "Pembentukan Unit Pengendalian Gratifikasi",
            [
                "bahwa untuk mencegah dan mengendalikan gratifikasi di lingkungan kantor perlu dibentuk Unit Pengendalian Gratifikasi"
            ],
            [
                "Membentuk Unit Pengendalian Gratifikasi dengan susunan sebagaimana tercantum dalam Lampiran.",
                "UPG menerima, menganalisis dan meneruskan laporan gratifikasi kepada Komisi Pemberantasan Korupsi.",
            ],
            [
                ["No", "Nama", "Kedudukan"],
                ["1", STAFF[4].name, "Ketua"],
                ["2", STAFF[12].name, "Sekretaris"],
                ["3", STAFF[19].name, "Anggota"],
            ],
            d=date(YEAR, 1, 15),
        ),
        "SK Unit Pengendalian Gratifikasi 2026",
    )


@add(f"{A5i}/b. Implementasi/Laporan Kegiatan UPG Semester I 2026.pdf", "A.I.5.i.b")
def _(path: Path) -> None:
    d = date(YEAR, 7, 8)
    write_pdf(
        path,
        [
            laporan_cover(
                "Laporan Kegiatan Unit Pengendalian Gratifikasi", "Semester I 2026", d, "UNIT PENGENDALIAN GRATIFIKASI"
            ),
            [
                "## Laporan gratifikasi",
                *table(
                    [
                        ["Bulan", "Laporan", "Bentuk", "Status"],
                        ["Maret", "1", "Bingkisan makanan", "Ditolak, dilaporkan"],
                        ["Mei", "1", "Voucer belanja", "Diteruskan ke KPK"],
                    ]
                ),
                "",
                *signature(d, STAFF[4], "KETUA UPG,"),
            ],
        ],
        "Laporan Kegiatan UPG Semester I 2026",
        author="UPG",
    )


@add(f"{A5ii}/SK Tim SPIP 2026.pdf", "A.I.5.ii", "indicator only")
def _(path: Path) -> None:
    write_pdf(
        path,
        sk(
            16,
            "PW.01.01",
            "Satuan Tugas Penyelenggaraan Sistem Pengendalian Intern Pemerintah",
            [
                "bahwa penyelenggaraan sistem pengendalian intern pemerintah memerlukan satuan tugas di tingkat unit kerja"
            ],
            [
                "Membentuk Satuan Tugas SPIP sebagaimana tercantum dalam Lampiran.",
                "Satgas menyusun register risiko, rencana tindak pengendalian dan laporan penyelenggaraan SPIP.",
            ],
            [
                ["No", "Nama", "Kedudukan"],
                ["1", STAFF[1].name, "Ketua"],
                ["2", STAFF[7].name, "Anggota"],
                ["3", STAFF[8].name, "Anggota"],
            ],
            d=date(YEAR, 1, 16),
        ),
        "SK Tim SPIP 2026",
    )


@add(f"{A5ii}/5.ii.a Laporan Penyelenggaraan SPIP 2026.pdf", "A.I.5.ii.a", "encrypted PDF (password rahasia)")
def _(path: Path) -> None:
    pages = [
        "LAPORAN PENYELENGGARAAN SISTEM PENGENDALIAN INTERN PEMERINTAH\n" + UNIT + "\nTahun 2026\n\n"
        "Lingkungan pengendalian: kode etik, pakta integritas dan sosialisasi SPIP kepada seluruh pegawai.",
        "Penilaian risiko, kegiatan pengendalian, informasi dan komunikasi, pemantauan.\n"
        f"{PLACE}, {tanggal(date(YEAR, 6, 30))}\nKetua Satgas SPIP",
    ]
    with fab.reproducible_randomness(SEED + 5):
        fab.make_encrypted_pdf(path, pages, password="rahasia")


@add(f"{A5ii}/5.ii.b Register Risiko 2026.xlsx", "A.I.5.ii.b")
def _(path: Path) -> None:
    rows: list[list[object]] = [
        ["REGISTER RISIKO " + UNIT_UPPER + " 2026"],
        [],
        [
            "No",
            "Sasaran",
            "Risiko",
            "Penyebab",
            "Dampak",
            "Kemungkinan (1-5)",
            "Dampak (1-5)",
            "Skor",
            "Rencana Pengendalian",
        ],
    ]
    risks = [
        ("Layanan paspor tepat waktu", "Keterlambatan penerbitan paspor", "Gangguan jaringan", "Keluhan pemohon", 3, 4),
        (
            "Layanan bersih",
            "Petugas menerima gratifikasi",
            "Interaksi langsung dengan calo",
            "Citra buruk, pidana",
            2,
            5,
        ),
        (
            "Pengaduan tertangani",
            "Pengaduan tidak ditindaklanjuti",
            "Petugas pengaduan terbatas",
            "Ketidakpuasan masyarakat",
            2,
            4,
        ),
        (
            "Pengawasan orang asing",
            "Penyalahgunaan izin tinggal",
            "Data penjamin tidak valid",
            "Pelanggaran keimigrasian",
            3,
            3,
        ),
    ]
    for i, (s, r, c, dmp, k, im) in enumerate(risks, 1):
        rows.append([i, s, r, c, dmp, k, im, k * im, "Lihat rencana tindak pengendalian"])
    write_xlsx(path, {"Register Risiko": rows}, "Register Risiko 2026")


@add(f"{A5ii}/5.ii.c Rencana Tindak Pengendalian 2026.pdf", "A.I.5.ii.c")
def _(path: Path) -> None:
    d = date(YEAR, 2, 27)
    write_pdf(
        path,
        [
            laporan_cover("Rencana Tindak Pengendalian", "Tahun 2026", d, "SATUAN TUGAS SPIP"),
            [
                *table(
                    [
                        ["Risiko", "Pengendalian", "Waktu", "Penanggung Jawab"],
                        ["Keterlambatan paspor", "Jalur jaringan cadangan, antrean daring", "Mar-Jun", STAFF[5].name],
                        [
                            "Gratifikasi",
                            "Layanan tanpa tatap muka untuk pembayaran, CCTV loket, rotasi petugas",
                            "Feb-Des",
                            STAFF[4].name,
                        ],
                        ["Pengaduan tidak ditindaklanjuti", "Dasbor pengaduan harian", "Jan-Des", STAFF[12].name],
                    ]
                ),
                "",
                *signature(d, STAFF[1], "KETUA SATGAS SPIP,"),
            ],
        ],
        "Rencana Tindak Pengendalian 2026",
    )


@add(f"{A5iii}/5.iii.a SK Petugas Pengelola Pengaduan.pdf", "A.I.5.iii.a")
def _(path: Path) -> None:
    write_pdf(
        path,
        sk(
            17,
            "HM.02.01",
            "Petugas Pengelola Pengaduan Masyarakat",
            ["bahwa pengaduan masyarakat atas pelayanan keimigrasian perlu dikelola secara cepat, tepat dan tuntas"],
            [
                f"Menunjuk {STAFF[12].name} dan {STAFF[9].name} sebagai petugas pengelola pengaduan masyarakat.",
                "Petugas menerima pengaduan melalui loket, kotak pengaduan, SP4N-LAPOR!, WhatsApp, pos-el dan media sosial.",
            ],
            d=date(YEAR, 1, 14),
        ),
        "SK Petugas Pengelola Pengaduan",
    )


simple(
    f"{A5iii}/5.iii.a Foto Kotak Pengaduan.jpg",
    "A.I.5.iii.a",
    lambda p: write_photo(p, "Kotak Pengaduan dan Saran Layanan"),
)
simple(
    f"{A5iii}/5.iii.b Bukti Tindak Lanjut Pengaduan.pdf",
    "A.I.5.iii.b",
    lambda p: p.write_bytes(b""),
    "empty file (0 bytes)",
)


def quarterly_pengaduan(q: int) -> Callable[[Path], object]:
    def make(path: Path) -> None:
        counts = ((12, 1, 11), (10, 0, 10), (11, 2, 9), (8, 0, 8))[q - 1]
        d = last_workday(YEAR, 3 * q) if q < 4 else date(YEAR, 12, 30)
        write_pdf(
            path,
            [
                laporan_cover(
                    "Laporan Monitoring dan Evaluasi Penanganan Pengaduan",
                    f"Triwulan {ROMAN[q - 1]} 2026",
                    d,
                    "PETUGAS PENGELOLA PENGADUAN",
                ),
                [
                    "## Rekapitulasi",
                    *table([["Harus ditindaklanjuti", "Sedang diproses", "Selesai"], [str(c) for c in counts]]),
                    "",
                    "Pengaduan terbanyak tentang antrean layanan paspor dan informasi persyaratan. Evaluasi penanganan pengaduan"
                    " dibahas bersama Kepala Kantor; perbaikan layanan ditindaklanjuti oleh seksi terkait.",
                    "",
                    *signature(d, STAFF[12], "PETUGAS PENGELOLA PENGADUAN,"),
                ],
            ],
            f"Laporan Monev Pengaduan Triwulan {ROMAN[q - 1]} 2026",
        )

    return make


for _q in range(1, 5):
    simple(
        f"{A5iii}/5.iii.c Laporan Monev Pengaduan Triwulan {ROMAN[_q - 1]} 2026.pdf",
        "A.I.5.iii.c",
        quarterly_pengaduan(_q),
    )

simple(
    f"{A5iv}/5.iv.a Tangkapan Layar Aplikasi WBS.png",
    "A.I.5.iv.a",
    lambda p: write_shot(
        p,
        "Whistle Blowing System",
        "https://wbs.example/lapor",
        [
            "Laporkan dugaan pelanggaran: korupsi, gratifikasi, benturan kepentingan, pungutan liar.",
            "Identitas pelapor dirahasiakan.",
            "[Buat Laporan]",
        ],
    ),
)


@add(f"{A5v}/5.v.a Pemetaan Potensi Benturan Kepentingan 2026.pdf", "A.I.5.v.a")
def _(path: Path) -> None:
    d = date(YEAR, 2, 10)
    write_pdf(
        path,
        [
            laporan_cover("Pemetaan Potensi Benturan Kepentingan", "Tahun 2026", d, "TIM KERJA ZI AREA PENGAWASAN"),
            [
                *table(
                    [
                        ["Proses", "Potensi benturan kepentingan", "Penanganan"],
                        ["Layanan paspor", "Pemohon keluarga petugas", "Petugas lain yang melayani"],
                        ["Izin tinggal", "Penjamin dikenal petugas", "Pernyataan dan penggantian pemeriksa"],
                        ["Pengadaan", "Penyedia kerabat pejabat", "Pernyataan bebas benturan kepentingan"],
                    ]
                ),
                "",
                *signature(d),
            ],
        ],
        "Pemetaan Potensi Benturan Kepentingan 2026",
    )


@add(f"{A5v}/5.v.b Notulen Internalisasi Benturan Kepentingan.docx", "A.I.5.v.b")
def _(path: Path) -> None:
    paras = notulen(
        "Internalisasi Penanganan Benturan Kepentingan",
        date(YEAR, 3, 12),
        STAFF[4],
        ["Penjelasan pedoman penanganan benturan kepentingan dan contoh kasus dalam pelayanan keimigrasian."],
        ["Seluruh pejabat menandatangani surat pernyataan bebas benturan kepentingan."],
    )
    write_docx(path, paras, roster(STAFF), "Notulen Internalisasi Benturan Kepentingan")


@add(f"{A5v}/5.v.c Surat Pernyataan Bebas Benturan Kepentingan.pdf", "A.I.5.v.c")
def _(path: Path) -> None:
    pages = [
        [
            "# SURAT PERNYATAAN BEBAS BENTURAN KEPENTINGAN",
            "",
            f"Nama: {p.name}",
            f"NIP: {p.nip}",
            f"Jabatan: {p.role}",
            "",
            "Menyatakan bahwa dalam melaksanakan tugas dan kewenangan saya tidak memiliki benturan kepentingan dan akan"
            " melaporkan apabila terdapat potensi benturan kepentingan.",
            "",
            f"> {PLACE}, {tanggal(date(YEAR, 3, 12))}",
            "> ttd.",
            f"> {p.name}",
            f"> NIP {p.nip}",
        ]
        for p in STAFF[:6]
    ]
    write_pdf(path, pages, "Surat Pernyataan Bebas Benturan Kepentingan")


# --- Area 6: Pelayanan Publik -------------------------------------------------------------------------------

A6i = f"{A6}/i. standar pelayanan"
A6ii = f"{A6}/ii. budaya pelayanan prima"
A6iii = f"{A6}/iii. pengelolaan pengaduan"
A6iv = f"{A6}/iv. penilaian kepuasan"


@add(f"{A6i}/6.i.a SK Standar Pelayanan Keimigrasian 2026.pdf", "A.I.6.i.a")
def _(path: Path) -> None:
    write_pdf(
        path,
        sk(
            5,
            "GR.01.01",
            "Standar Pelayanan Keimigrasian",
            ["bahwa sesuai Undang-Undang Nomor 25 Tahun 2009 setiap penyelenggara wajib menetapkan standar pelayanan"],
            [
                "Menetapkan standar pelayanan paspor, izin tinggal dan pengaduan sebagaimana tercantum dalam Lampiran.",
                "Standar pelayanan dipublikasikan di ruang pelayanan dan laman kantor.",
            ],
            [
                ["Komponen", "Layanan Paspor"],
                ["Persyaratan", "KTP, kartu keluarga, akta kelahiran"],
                ["Waktu", "4 hari kerja"],
                ["Biaya", "Sesuai PNBP"],
                ["Pengaduan", "SP4N-LAPOR!, WhatsApp, kotak pengaduan"],
            ],
            d=date(YEAR, 1, 12),
        ),
        "SK Standar Pelayanan Keimigrasian 2026",
    )


@add(f"{A6i}/6.i.b Maklumat Pelayanan.pdf", "A.I.6.i.b")
def _(path: Path) -> None:
    write_pdf(
        path,
        [
            [
                "",
                "# MAKLUMAT PELAYANAN",
                "",
                "DENGAN INI KAMI MENYATAKAN SANGGUP MENYELENGGARAKAN PELAYANAN SESUAI STANDAR PELAYANAN YANG TELAH DITETAPKAN"
                " DAN APABILA TIDAK MENEPATI JANJI INI, KAMI SIAP MENERIMA SANKSI SESUAI PERATURAN PERUNDANG-UNDANGAN YANG BERLAKU.",
                "",
                *signature(date(YEAR, 1, 12)),
            ]
        ],
        "Maklumat Pelayanan",
    )


simple(
    f"{A6i}/6.i.b Foto Maklumat Pelayanan di Ruang Tunggu.jpg",
    "A.I.6.i.b",
    lambda p: write_photo(p, "Maklumat Pelayanan di Ruang Tunggu"),
)
simple(
    f"{A6i}/6.i.d Tangkapan Layar Standar Pelayanan di Website.png",
    "A.I.6.i.d",
    lambda p: write_shot(
        p,
        "Standar Pelayanan dan Maklumat",
        f"https://{WEB}/standar-pelayanan",
        [
            "Standar pelayanan paspor, izin tinggal dan pengaduan (unduh PDF)",
            "Maklumat pelayanan Kepala Kantor",
            "[Unduh Standar Pelayanan]",
        ],
    ),
)


@add(f"{A6ii}/6.ii.a Laporan Pelatihan Pelayanan Prima.pdf", "A.I.6.ii.a")
def _(path: Path) -> None:
    d = date(YEAR, 9, 18)
    write_pdf(
        path,
        [
            laporan_cover(
                "Laporan Pelatihan Pelayanan Prima", "Petugas Layanan Tahun 2026", d, "SEKSI LALU LINTAS KEIMIGRASIAN"
            ),
            [
                "Pelatihan berkelanjutan bagi petugas layanan: sikap melayani, komunikasi dengan pemohon lanjut usia dan disabilitas,"
                " penanganan keluhan di loket. Jadwal: Maret, Juni, September dan November.",
                "",
                *signature(d, STAFF[2], "KEPALA SEKSI,"),
            ],
        ],
        "Laporan Pelatihan Pelayanan Prima",
    )


@add(f"{A6ii}/6.ii.c SK Penghargaan Petugas Layanan Terbaik.pdf", "A.I.6.ii.c")
def _(path: Path) -> None:
    write_pdf(
        path,
        sk(
            40,
            "KP.05.01",
            "Pemberian Penghargaan Petugas Layanan Terbaik Triwulan II Tahun 2026",
            ["bahwa petugas layanan yang menunjukkan kinerja pelayanan prima perlu diberi penghargaan"],
            [f"Memberikan penghargaan Petugas Layanan Terbaik kepada {STAFF[9].name} dan {STAFF[15].name}."],
            d=date(YEAR, 7, 6),
        ),
        "SK Penghargaan Petugas Layanan Terbaik",
    )


simple(
    f"{A6ii}/6.ii.f Foto Inovasi Layanan Jemput Bola.jpg",
    "A.I.6.ii.f",
    lambda p: write_photo(p, "Layanan Paspor Jemput Bola Kecamatan"),
)
simple(
    f"{A6iii}/6.iii.a Tangkapan Layar Profil SP4N-LAPOR.png",
    "A.I.6.iii.a",
    lambda p: write_shot(
        p,
        "SP4N-LAPOR! - Profil Instansi",
        "https://lapor.example/instansi/kanim-kelayang",
        [
            f"Instansi: {UNIT}",
            "Status: terhubung",
            "Admin: " + STAFF[12].name,
            "Laporan 2026: 41 (selesai 38)",
            "[Lihat Laporan]",
        ],
    ),
)


@add(f"{A6iii}/6.iii.b SK Pengelola SP4N-LAPOR.pdf", "A.I.6.iii.b")
def _(path: Path) -> None:
    write_pdf(
        path,
        sk(
            19,
            "HM.02.01",
            "Tim Pengelola SP4N-LAPOR!",
            ["bahwa pengelolaan pengaduan pelayanan publik nasional dilaksanakan melalui SP4N-LAPOR!"],
            ["Membentuk Tim Pengelola SP4N-LAPOR! sebagaimana tercantum dalam Lampiran."],
            [["No", "Nama", "Kedudukan"], ["1", STAFF[3].name, "Penanggung jawab"], ["2", STAFF[12].name, "Admin"]],
            d=date(YEAR, 1, 14),
        ),
        "SK Pengelola SP4N-LAPOR",
    )


@add(f"{A6iv}/6.iv.a Laporan Survei Kepuasan Masyarakat Semester I 2026.pdf", "A.I.6.iv.a")
def _(path: Path) -> None:
    d = date(YEAR, 7, 15)
    unsur = [
        ("U1 Persyaratan", 3.52),
        ("U2 Prosedur", 3.49),
        ("U3 Waktu pelayanan", 3.41),
        ("U4 Biaya/tarif", 3.71),
        ("U5 Produk layanan", 3.55),
        ("U6 Kompetensi pelaksana", 3.58),
        ("U7 Perilaku pelaksana", 3.62),
        ("U8 Penanganan pengaduan", 3.38),
        ("U9 Sarana dan prasarana", 3.44),
    ]
    write_pdf(
        path,
        [
            laporan_cover(
                "Laporan Survei Kepuasan Masyarakat", "Semester I 2026", d, "SEKSI IZIN TINGGAL KEIMIGRASIAN"
            ),
            [
                "## Metode",
                "Kuesioner 9 unsur (PermenPANRB 14/2017), 312 responden pemohon layanan paspor dan izin tinggal.",
                "## Hasil",
                *table([["Unsur", "Nilai rata-rata"], *[[u, f"{v:.2f}"] for u, v in unsur]]),
                "",
                "Indeks Kepuasan Masyarakat (IKM): 87,90 (mutu B, kinerja Baik).",
                "",
                *signature(d, STAFF[3], "KEPALA SEKSI IZIN TINGGAL,"),
            ],
        ],
        "Laporan SKM Semester I 2026",
    )


@add(f"{A6iv}/6.iv.a Rekap SKM 2026.xlsx", "A.I.6.iv.a")
def _(path: Path) -> None:
    header = ["Semester", "Responden", "U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9", "IKM", "Mutu"]
    write_xlsx(
        path,
        {
            "Rekap SKM": [
                ["REKAP SURVEI KEPUASAN MASYARAKAT 2026"],
                [],
                header,
                ["Semester I", 312, 3.52, 3.49, 3.41, 3.71, 3.55, 3.58, 3.62, 3.38, 3.44, 87.90, "B"],
                ["Semester II", 298, 3.58, 3.55, 3.57, 3.72, 3.56, 3.61, 3.66, 3.52, 3.49, 89.60, "A"],
            ]
        },
        "Rekap SKM 2026",
    )


simple(
    f"{A6iv}/6.iv.b Foto Papan Hasil SKM.jpg",
    "A.I.6.iv.b",
    lambda p: write_photo(p, "Hasil SKM Semester I 2026 IKM 87,90"),
)


@add(
    f"{A6iv}/6.iv.c Laporan Tindak Lanjut Hasil SKM 2026.pdf",
    "A.I.6.iv.c",
    "search anchor 'Kelayang Ramah Lansia' on page 3",
)
def _(path: Path) -> None:
    d = date(YEAR, 9, 4)
    write_pdf(
        path,
        [
            laporan_cover(
                "Laporan Tindak Lanjut Hasil Survei Kepuasan Masyarakat",
                "Semester I 2026",
                d,
                "SEKSI IZIN TINGGAL KEIMIGRASIAN",
            ),
            ["## Unsur dengan nilai terendah", "U8 Penanganan pengaduan (3,38) dan U3 Waktu pelayanan (3,41)."],
            [
                "## Rencana dan realisasi perbaikan layanan",
                "1. Loket prioritas Kelayang Ramah Lansia untuk pemohon lanjut usia, ibu hamil dan penyandang disabilitas;",
                "2. Respons pengaduan melalui WhatsApp paling lama 1 x 24 jam;",
                "3. Penambahan kuota antrean daring pada hari Sabtu selama musim libur.",
                "",
                *signature(d, STAFF[3], "KEPALA SEKSI IZIN TINGGAL,"),
            ],
        ],
        "Laporan Tindak Lanjut Hasil SKM 2026",
    )


# --- REFORM -----------------------------------------------------------------------------------------------

CHANGES = (
    ("Antrean daring melalui WhatsApp", "Ya, SOP Penerbitan Paspor revisi 2026"),
    ("Loket prioritas lansia dan disabilitas", "Ya, SK Standar Pelayanan"),
    ("Dasbor pengaduan harian", "Ya, SOP Pengaduan Layanan"),
    ("Arsip digital berkas izin tinggal", "Belum"),
    ("Jadwal rotasi petugas loket", "Ya, Pola Mutasi Internal"),
    ("Pengingat masa berlaku izin tinggal melalui pos-el", "Belum"),
)


@add(f"{R}/A.II.1.i.a Daftar Perubahan Agen.docx", "A.II.1.i.a")
def _(path: Path) -> None:
    rows = [["No", "Agen Perubahan", "NIP", "Perubahan yang Dibuat", "Terintegrasi dalam Sistem Manajemen"]]
    rows += [[str(i), p.name, p.nip, c, t] for i, (p, (c, t)) in enumerate(zip(AGENTS, CHANGES, strict=True), 1)]
    paras = [
        "DAFTAR PERUBAHAN YANG DIBUAT OLEH AGEN PERUBAHAN TAHUN 2026",
        "",
        f"Jumlah agen perubahan: {len(AGENTS)} orang. Jumlah perubahan yang dibuat: {len(CHANGES)}."
        f" Jumlah perubahan yang terintegrasi dalam sistem manajemen: {sum(t != 'Belum' for _, t in CHANGES)}.",
        "",
    ]
    write_docx(path, paras, rows, "Daftar Perubahan Agen")


@add(f"{R}/A.II.1.i.b Laporan Integrasi Perubahan ke Sistem Manajemen.pdf", "A.II.1.i.b")
def _(path: Path) -> None:
    d = date(YEAR, 11, 20)
    write_pdf(
        path,
        [
            laporan_cover("Laporan Integrasi Perubahan", "ke dalam Sistem Manajemen Tahun 2026", d),
            [
                *table([["Perubahan", "Bentuk integrasi"], *[[c, t] for c, t in CHANGES]]),
                "",
                "Empat dari enam perubahan telah dituangkan dalam SOP, standar pelayanan atau kebijakan kantor.",
                "",
                *signature(d, CHAIR, "KETUA TIM KERJA ZI,"),
            ],
        ],
        "Laporan Integrasi Perubahan",
    )


@add(f"{R}/A.II.1.ii.a Rencana Strategis Memuat Target ZI.pdf", "A.II.1.ii.a")
def _(path: Path) -> None:
    d = date(YEAR, 1, 29)
    write_pdf(
        path,
        [
            laporan_cover("Rencana Kerja Tahunan", "Tahun 2026", d, "URUSAN KEUANGAN DAN PERENCANAAN"),
            [
                "## Target pembangunan Zona Integritas",
                "Meraih predikat Menuju Wilayah Bebas dari Korupsi (WBK) pada evaluasi tahun 2026 dengan nilai minimal 75.",
                "Target antara: IPAK >= 3,60; IPKP >= 3,20; pengaduan selesai 100 %.",
                "",
                *signature(d),
            ],
        ],
        "Rencana Kerja Tahunan 2026",
    )


simple(
    f"{R}/A.II.1.iii.a Foto Internalisasi Nilai Organisasi.jpg",
    "A.II.1.iii.a",
    lambda p: write_photo(p, "Internalisasi Nilai BerAKHLAK"),
)


@add(f"{R}/Area 3/A.II.3.i.a Penetapan IKI Berorientasi Hasil.pdf", "A.II.3.i.a")
def _(path: Path) -> None:
    write_pdf(
        path,
        sk(
            11,
            "KP.04.01",
            "Indikator Kinerja Individu Berorientasi Hasil Tahun 2026",
            [
                "bahwa ukuran kinerja individu perlu berorientasi hasil (outcome) dan selaras dengan indikator kinerja unit"
            ],
            ["Menetapkan Indikator Kinerja Individu sebagaimana tercantum dalam Lampiran."],
            [
                ["Jabatan", "IKI (outcome)"],
                ["Pemeriksa Keimigrasian", "Persentase pemohon puas atas layanan pemeriksaan"],
                ["Petugas Pengelola Pengaduan", "Persentase pengaduan selesai tepat waktu"],
            ],
            d=date(YEAR, 2, 5),
        ),
        "Penetapan IKI Berorientasi Hasil",
    )


@add(f"{R}/Area 3/A.II.3.iii.a Rekap Pelanggaran Disiplin 2025-2026.xlsx", "A.II.3.iii.a")
def _(path: Path) -> None:
    write_xlsx(
        path,
        {
            "Rekap": [
                ["REKAP PELANGGARAN DISIPLIN PEGAWAI"],
                [],
                ["Tahun", "Jumlah Pelanggaran", "Telah Diberi Sanksi"],
                [2025, 6, 6],
                [2026, 2, 2],
            ],
            "Rincian 2026": [
                ["No", "Nama", "NIP", "Jenis Pelanggaran", "Hukuman", "Tanggal SK"],
                [1, STAFF[18].name, STAFF[18].nip, "Keterlambatan berulang", "Teguran lisan", "3 Maret 2026"],
                [2, STAFF[16].name, STAFF[16].nip, "Tidak apel tanpa keterangan", "Teguran lisan", "9 September 2026"],
            ],
        },
        "Rekap Pelanggaran Disiplin 2025-2026",
    )


@add(f"{R}/Area 3/A.II.3.iii.a SK Hukuman Disiplin Ringan.pdf", "A.II.3.iii.a")
def _(path: Path) -> None:
    write_pdf(
        path,
        sk(
            33,
            "KP.06.01",
            "Penjatuhan Hukuman Disiplin Ringan",
            ["bahwa pegawai yang bersangkutan terbukti melakukan pelanggaran disiplin berupa keterlambatan berulang"],
            [f"Menjatuhkan hukuman disiplin ringan berupa teguran lisan kepada {STAFF[18].name}, NIP {STAFF[18].nip}."],
            d=date(YEAR, 3, 3),
        ),
        "SK Hukuman Disiplin Ringan",
    )


simple(
    f"{R}/A.II.4.i.a Laporan Kinerja Tahun 2025.pdf", "A.II.4.i.a", lkj, "duplicate (same bytes as the A.I.4.ii.e copy)"
)


@add(f"{R}/A.II.4.ii.a SK Reward Unit Kerja Terbaik Triwulan.pdf", "A.II.4.ii.a")
def _(path: Path) -> None:
    write_pdf(
        path,
        sk(
            41,
            "KP.05.01",
            "Penghargaan Seksi dengan Capaian Kinerja Terbaik Triwulan III Tahun 2026",
            [
                "bahwa berdasarkan monitoring capaian perjanjian kinerja triwulan III, Seksi Lalu Lintas Keimigrasian mencapai kinerja terbaik"
            ],
            [
                "Memberikan penghargaan kepada Seksi Lalu Lintas Keimigrasian.",
                "Seksi dengan capaian di bawah target wajib menyusun rencana perbaikan kinerja.",
            ],
            d=date(YEAR, 10, 9),
        ),
        "SK Reward Unit Kerja Terbaik Triwulan",
    )


@add(f"{R}/A.II.4.iii.a Pohon Kinerja dan IKI.pdf", "A.II.4.iii.a")
def _(path: Path) -> None:
    d = date(YEAR, 2, 5)
    write_pdf(
        path,
        [
            laporan_cover("Pohon Kinerja", "dan Penjenjangan Indikator Kinerja 2026", d),
            [
                *table(
                    [
                        ["Level", "Sasaran", "Indikator"],
                        ["Kantor", "Kualitas pelayanan meningkat", "IKM >= 88"],
                        ["Seksi", "Layanan paspor tepat waktu", "98 % sesuai standar"],
                        ["Pelaksana", "Berkas terverifikasi tepat waktu", "100 % berkas < 10 menit"],
                    ]
                ),
                "",
                *signature(d),
            ],
        ],
        "Pohon Kinerja dan IKI",
    )


@add(f"{R}/A.II.5.i.a Formulir Manajemen Risiko Berjenjang.xlsx", "A.II.5.i.a")
def _(path: Path) -> None:
    write_xlsx(
        path,
        {
            "Kantor": [
                ["Risiko", "Pemilik Risiko", "Pengendalian", "Reviu"],
                ["Gratifikasi di loket", "Kepala Kantor", "CCTV, rotasi", "Triwulanan"],
            ],
            "Seksi": [
                ["Risiko", "Pemilik Risiko", "Pengendalian", "Reviu"],
                ["Keterlambatan paspor", STAFF[2].name, "Jaringan cadangan", "Bulanan"],
            ],
            "Pelaksana": [
                ["Risiko", "Pemilik Risiko", "Pengendalian", "Reviu"],
                ["Salah input data", STAFF[16].name, "Verifikasi ganda", "Harian"],
            ],
        },
        "Formulir Manajemen Risiko Berjenjang",
    )


@add(f"{R}/A.II.5.ii.a Rekap Penanganan Pengaduan 2026.xlsx", "A.II.5.ii.a")
def _(path: Path) -> None:
    monthly = [
        (4, 0, 4),
        (3, 0, 3),
        (5, 1, 4),
        (4, 0, 4),
        (3, 0, 3),
        (3, 0, 3),
        (4, 0, 4),
        (3, 1, 2),
        (4, 1, 3),
        (3, 0, 3),
        (2, 0, 2),
        (3, 0, 3),
    ]
    rows: list[list[object]] = [
        ["REKAP PENANGANAN PENGADUAN MASYARAKAT " + UNIT_UPPER + " TAHUN 2026"],
        [],
        ["Bulan", "Harus Ditindaklanjuti", "Sedang Diproses", "Selesai Ditindaklanjuti"],
    ]
    rows += [[MONTHS[i], *c] for i, c in enumerate(monthly)]
    rows.append(["JUMLAH", *(sum(c[k] for c in monthly) for k in range(3))])
    channels: list[list[object]] = [
        ["Kanal", "Jumlah"],
        ["SP4N-LAPOR!", 12],
        ["WhatsApp", 15],
        ["Kotak pengaduan", 6],
        ["Pos-el", 4],
        ["Media sosial", 4],
    ]
    write_xlsx(path, {"Rekap": rows, "Per Kanal": channels}, "Rekap Penanganan Pengaduan 2026")


@add(f"{R}/A.II.5.iii.a Laporan Kepatuhan LHKPN 2026.pdf", "A.II.5.iii.a")
def _(path: Path) -> None:
    d = date(YEAR, 4, 6)
    write_pdf(
        path,
        [
            laporan_cover("Laporan Kepatuhan Penyampaian LHKPN", "Tahun Pelaporan 2026", d, "URUSAN KEPEGAWAIAN"),
            [
                *table(
                    [
                        ["Kategori wajib lapor", "Wajib", "Sudah melaporkan"],
                        ["Kepala satuan kerja", "1", "1"],
                        ["Pejabat wajib LHKPN", "5", "5"],
                        ["Wajib lainnya (bendahara)", "1", "1"],
                        ["Jumlah", "7", "7"],
                    ]
                ),
                "",
                "Kepatuhan e-LHKPN 100 %.",
                "",
                *signature(d, STAFF[6], "KEPALA URUSAN KEPEGAWAIAN,"),
            ],
        ],
        "Laporan Kepatuhan LHKPN 2026",
    )


@add(f"{R}/A.II.5.iii.b Laporan Kepatuhan LHKASN 2026.pdf", "A.II.5.iii.b", "LHKASN 42 of 43 (below 100 %)")
def _(path: Path) -> None:
    d = date(YEAR, 4, 6)
    write_pdf(
        path,
        [
            laporan_cover("Laporan Kepatuhan Penyampaian LHKASN", "Tahun Pelaporan 2026", d, "URUSAN KEPEGAWAIAN"),
            [
                *table(
                    [
                        ["Kategori wajib lapor", "Wajib", "Sudah melaporkan"],
                        ["Administrator", "0", "0"],
                        ["Pengawas", "6", "6"],
                        ["Fungsional dan pelaksana", "37", "36"],
                        ["Jumlah", "43", "42"],
                    ]
                ),
                "",
                "Satu pegawai fungsional sedang cuti di luar tanggungan negara dan belum menyampaikan LHKASN.",
                "",
                *signature(d, STAFF[6], "KEPALA URUSAN KEPEGAWAIAN,"),
            ],
        ],
        "Laporan Kepatuhan LHKASN 2026",
    )


@add(f"{R}/A.II.6.i.a Laporan Penerapan Inovasi Pelayanan.pdf", "A.II.6.i.a")
def _(path: Path) -> None:
    d = date(YEAR, 11, 13)
    write_pdf(
        path,
        [
            laporan_cover("Laporan Penerapan Inovasi Pelayanan", "Tahun 2026", d, "SEKSI LALU LINTAS KEIMIGRASIAN"),
            [
                "## Dampak inovasi (sebelum dan sesudah)",
                *table(
                    [
                        ["Inovasi", "Sebelum", "Sesudah"],
                        ["Antrean daring", "95 menit menunggu", "38 menit menunggu"],
                        ["Layanan jemput bola", "0 lokasi", "4 kecamatan, 412 pemohon dilayani"],
                        ["Loket prioritas", "tidak ada", "tersedia di semua jenis layanan"],
                    ]
                ),
                "",
                *signature(d),
            ],
        ],
        "Laporan Penerapan Inovasi Pelayanan",
    )


@add(f"{R}/A.II.6.i.b Daftar Layanan Dipermudah 2026.xlsx", "A.II.6.i.b")
def _(path: Path) -> None:
    services = [
        ("Paspor baru", "Ya"),
        ("Penggantian paspor habis berlaku", "Ya"),
        ("Penggantian paspor hilang/rusak", "Ya"),
        ("Izin tinggal kunjungan (perpanjangan)", "Ya"),
        ("Izin tinggal terbatas (perpanjangan)", "Ya"),
        ("Alih status izin tinggal", "Tidak"),
        ("Izin masuk kembali", "Ya"),
        ("Surat keterangan keimigrasian", "Ya"),
        ("Affidavit", "Tidak"),
        ("Pemeriksaan TPI kedatangan", "Ya"),
        ("Pemeriksaan TPI keberangkatan", "Ya"),
        ("Layanan pengaduan", "Tidak"),
    ]
    rows: list[list[object]] = [["No", "Jenis Layanan", "Dipermudah", "Bentuk Kemudahan"]]
    rows += [
        [i, s, y, "Antrean daring, persyaratan dikurangi" if y == "Ya" else "-"] for i, (s, y) in enumerate(services, 1)
    ]
    rows += [
        [],
        ["", "Jumlah layanan terdata", len(services)],
        ["", "Jumlah layanan dipermudah", sum(y == "Ya" for _, y in services)],
    ]
    write_xlsx(path, {"Layanan": rows}, "Daftar Layanan Dipermudah 2026")


simple(
    f"{R}/a.ii.6.ii.a tangkapan layar kanal pengaduan whatsapp.png",
    "A.II.6.ii.a",
    lambda p: write_shot(
        p,
        "WhatsApp Pengaduan Layanan",
        "https://web.whatsapp.example/",
        [
            "Pemohon: Antrean paspor hari ini penuh, apakah bisa dijadwalkan ulang?",
            "Petugas (08.12): Selamat pagi, kami bantu jadwalkan ulang besok pukul 09.00.",
            "Pemohon: Terima kasih atas pelayanannya, cepat sekali.",
            "[Tandai selesai]",
        ],
    ),
)


# --- HASIL --------------------------------------------------------------------------------------------------


@add(f"{H}/B.I.a Survei Persepsi Anti Korupsi/Rekap IPAK 2026.xlsx", "B.I.a")
def _(path: Path) -> None:
    rows: list[list[object]] = [
        ["REKAP SURVEI PERSEPSI ANTI KORUPSI (INTERNAL) 2026"],
        [],
        ["Indikator", "Nilai (skala 4)"],
        ["Diskriminasi pelayanan", 3.71],
        ["Kecurangan pelayanan", 3.69],
        ["Menerima imbalan/gratifikasi", 3.74],
        ["Pungutan liar", 3.70],
        ["Percaloan", 3.58],
        [],
        ["Jumlah responden", 40],
        ["Indeks Persepsi Anti Korupsi", 3.68],
    ]
    write_xlsx(path, {"IPAK": rows}, "Rekap IPAK 2026")


@add(f"{H}/B.I.a Survei Persepsi Anti Korupsi/Laporan Survei Internal Persepsi Anti Korupsi 2026.pdf", "B.I.a")
def _(path: Path) -> None:
    d = date(YEAR, 10, 30)
    write_pdf(
        path,
        [
            laporan_cover("Laporan Survei Internal Persepsi Anti Korupsi", "Tahun 2026", d),
            [
                "Survei melibatkan 40 responden pengguna layanan. Indeks Persepsi Anti Korupsi 3,68 (target 3,60).",
                "Indikator terendah: percaloan (3,58); tindak lanjut: penertiban calo di area parkir bersama kepolisian.",
                "",
                *signature(d, CHAIR, "KETUA TIM KERJA ZI,"),
            ],
        ],
        "Laporan Survei Internal IPAK 2026",
    )


@add(f"{H}/B.II.a Rekap Survei Persepsi Kualitas Pelayanan (IPKP) 2026.xlsx", "B.II.a")
def _(path: Path) -> None:
    rows: list[list[object]] = [
        ["REKAP SURVEI PERSEPSI KUALITAS PELAYANAN (INTERNAL) 2026"],
        [],
        ["Unsur", "Nilai (skala 4)"],
        ["Informasi pelayanan", 3.45],
        ["Persyaratan", 3.39],
        ["Prosedur", 3.36],
        ["Waktu", 3.30],
        ["Sarana prasarana", 3.47],
        ["Penanganan pengaduan", 3.48],
        [],
        ["Jumlah responden", 40],
        ["Indeks Persepsi Kualitas Pelayanan", 3.41],
    ]
    write_xlsx(path, {"IPKP": rows}, "Rekap IPKP 2026")


@add(f"{H}/B.II.a Laporan Survei Persepsi Kualitas Pelayanan 2026.pdf", "B.II.a")
def _(path: Path) -> None:
    d = date(YEAR, 10, 30)
    write_pdf(
        path,
        [
            laporan_cover("Laporan Survei Persepsi Kualitas Pelayanan", "Tahun 2026", d),
            [
                "Indeks Persepsi Kualitas Pelayanan 3,41 (target 3,20) dari 40 responden.",
                "Unsur waktu layanan terendah (3,30); perbaikan melalui antrean daring dan penambahan kuota.",
                "",
                *signature(d, CHAIR, "KETUA TIM KERJA ZI,"),
            ],
        ],
        "Laporan Survei IPKP 2026",
    )


# --- unmapped, junk -------------------------------------------------------------------------------------------


@add("Lain-lain/catatan rapat lama.docx", "", "unmapped: no id in folder or name")
def _(path: Path) -> None:
    write_docx(
        path,
        [
            "Catatan rapat koordinasi (tanpa tanggal)",
            "Pembahasan jadwal piket loket dan kebersihan ruang tunggu.",
            "Perlu dicek lagi dengan Kasubbag TU.",
        ],
        None,
        "catatan rapat lama",
    )


simple(
    "Lain-lain/Foto Gedung Kantor.jpg",
    "",
    lambda p: write_photo(p, "Gedung Kantor Imigrasi Tanjung Kelayang"),
    "unmapped",
)


# --- office and text formats beyond PDF/DOCX/XLSX: one of each, filed where a real unit would ---------------
# The Office 97-2003 files cannot be made byte-identically (LibreOffice's output varies): they are copied from
# the samples committed under tests/data/office97 (made once by scripts/make_office97_samples.py).

OFFICE97 = ROOT / "tests" / "data" / "office97"
A2i = f"{A2}/i. SOP Kegiatan Utama"


def copy_office97(name: str) -> Callable[[Path], object]:
    return lambda path: shutil.copyfile(OFFICE97 / name, path)


simple(
    f"{A1ii}/1.ii.c Paparan Sosialisasi Pembangunan ZI.pptx",
    "A.I.1.ii.c",
    lambda p: fab.make_pptx(
        p,
        [
            (f"Sosialisasi Pembangunan Zona Integritas {UNIT}", f"Tanjung Kelayang, {tanggal(date(YEAR, 2, 10))}", ""),
            (
                "Enam area perubahan",
                "Manajemen perubahan, tatalaksana, SDM, akuntabilitas, pengawasan, pelayanan publik",
                "Tekankan komitmen seluruh pegawai menuju WBK",
            ),
        ],
        title="Paparan Sosialisasi Pembangunan ZI",
        author="Tim Kerja ZI",
    ),  # fmt: skip
    "PPTX: a page per slide, speaker notes included",
)
simple(
    f"{A5i}/b. Implementasi/Laporan UPG Triwulan I 2026.odt",
    "A.I.5.i.b",
    lambda p: fab.make_odf(
        p,
        "text",
        fab.odt_body(
            [
                ["LAPORAN UNIT PENGENDALIAN GRATIFIKASI TRIWULAN I 2026", UNIT],
                [
                    "Selama triwulan I tidak ada laporan penerimaan gratifikasi.",
                    f"Tanjung Kelayang, {tanggal(date(YEAR, 4, 6))}",
                ],
            ]
        ),  # fmt: skip
        title="Laporan UPG Triwulan I 2026",
        author="Unit Pengendalian Gratifikasi",
    ),
    "ODT (LibreOffice): 2 pages at its soft page break",
)
simple(
    f"{A3}/3-iv-c Rekap Kehadiran Apel Pagi 2026.ods",
    "A.I.3.iv.c",
    lambda p: fab.make_odf(
        p,
        "spreadsheet",
        fab.ods_body(
            {
                "Januari": [["No", "Nama", "Hadir"], [1, HEAD.name, 21], [2, STAFF[1].name, 20]],
                "Februari": [["No", "Nama", "Hadir"], [1, HEAD.name, 19], [2, STAFF[1].name, 19]],
            }
        ),
        title="Rekap Kehadiran Apel Pagi 2026",
    ),
    "ODS: a page per sheet",
)
simple(
    f"{A1iv}/a. Role model/Paparan Role Model Kepala Kantor.odp",
    "A.I.1.iv.a",
    lambda p: fab.make_odf(
        p,
        "presentation",
        fab.odp_body(
            [
                ("Pimpinan sebagai role model", "Contoh: hadir paling awal pada apel pagi"),
                ("Keteladanan dalam pelayanan", ""),
            ]
        ),  # fmt: skip
        title="Paparan Role Model",
    ),
    "ODP: a page per slide",
)
simple(f"{A5iii}/5.iii.c Rekap Pengaduan SP4N LAPOR 2026.xls", "A.I.5.iii.c", copy_office97("rekap.xls"), "XLS (xlrd)")
simple(
    f"{A2i}/2-i-b SOP Penerbitan Paspor Elektronik (revisi 2).doc",
    "A.I.2.i.b",
    copy_office97("sop.doc"),
    "DOC: read by antiword/catdoc or LibreOffice, else catalogued only",
)
simple(
    f"{A1iv}/b. Agen perubahan/Paparan Budaya Kerja BerAKHLAK.ppt",
    "A.I.1.iv.b",
    copy_office97("paparan.ppt"),
    "PPT: read by catppt or LibreOffice, else catalogued only",
)
simple(
    f"{A5v}/5.v.b Nota Dinas Internalisasi Benturan Kepentingan.rtf",
    "A.I.5.v.b",
    lambda p: fab.make_rtf(
        p,
        [
            [
                "NOTA DINAS",
                f"Kepada: Seluruh Kepala Seksi dan Kepala Subbagian {UNIT}",
                f"Dari: {HEAD.role}",
                "Perihal: internalisasi penanganan benturan kepentingan",
                "Dalam rangka pembangunan Zona Integritas menuju WBK, setiap pegawai wajib memahami situasi benturan "
                "kepentingan: hubungan afiliasi, gratifikasi, kedudukan rangkap, dan penggunaan aset dinas.",
            ],
            [
                f"Seluruh pegawai {UNIT} wajib mengisi surat pernyataan bebas benturan kepentingan paling lambat "
                "akhir bulan ini dan menyerahkannya kepada Subbagian Tata Usaha.",
                "Atasan langsung memantau pengisian dan melaporkan hasilnya pada rapat monev bulanan.",
                "Pegawai yang menghadapi situasi benturan kepentingan melaporkannya kepada atasan langsung secara "
                "tertulis dan tidak mengambil keputusan atas perkara tersebut.",
                f"Tanjung Kelayang, {tanggal(date(YEAR, 3, 2))}",
                HEAD.name,
                f"NIP {HEAD.nip}",
            ],
        ],
    ),  # fmt: skip
    "RTF: 2 pages at its \\page",
)
simple(
    f"{A6}/i. standar pelayanan/6.i.d Standar Pelayanan di Website.html",
    "A.I.6.i.d",
    lambda p: fab.make_html(
        p,
        "Standar Pelayanan Paspor Elektronik",
        [
            "Persyaratan: KTP elektronik, kartu keluarga, akta kelahiran atau ijazah, paspor lama bila ada.",
            "Prosedur: pendaftaran antrean melalui aplikasi M-Paspor, verifikasi berkas, foto dan wawancara, "
            "pembayaran PNBP, penerbitan paspor.",
            "Waktu penyelesaian paspor elektronik: 4 hari kerja setelah pembayaran.",
            "Biaya: sesuai Peraturan Pemerintah tentang jenis dan tarif PNBP yang berlaku.",
            "Pengaduan: SP4N-LAPOR, WhatsApp pengaduan, dan kotak saran di ruang tunggu.",
            "Produk layanan: paspor elektronik 48 halaman, masa berlaku 10 tahun bagi pemohon dewasa.",
            "Sarana: ruang tunggu ber-AC, pojok bermain anak, jalur khusus lansia, penyandang disabilitas, ibu hamil.",
            f"Jam layanan: Senin sampai Jumat pukul 08.00-16.00 WIB. Alamat: {ADDRESS}.",
        ],
    ),
    "HTML saved page; its script and style are not read",
)
simple(
    f"{A2}/iii. Keterbukaan Informasi Publik/2.iii.a Berita Penetapan PPID di Website.mht",
    "A.I.2.iii.a",
    lambda p: fab.make_mht(
        p,
        "Penetapan PPID Pelaksana",
        [f"{UNIT} menetapkan PPID Pelaksana untuk melayani permohonan informasi publik."],
    ),
    "MHT saved page",
)
simple(
    f"{A4}/i. Keterlibatan Pimpinan/4.i.b Undangan Penyusunan Perjanjian Kinerja (surel).eml",
    "A.I.4.i.b",
    lambda p: fab.make_eml(
        p,
        "Undangan Penyusunan Perjanjian Kinerja 2026",
        "Subbagian Tata Usaha <tu@kelayang.imigrasi.example.go.id>",
        "Dengan hormat,\n\nBersama ini kami mengundang para kepala seksi dan kepala subbagian untuk hadir pada "
        "rapat penyusunan perjanjian kinerja 2026, yang akan dipimpin langsung oleh Kepala Kantor.\n\n"
        f"Hari/tanggal: {hari_tanggal(date(YEAR, 1, 8))}\nPukul: 09.00 WIB s.d. selesai\nTempat: ruang rapat lantai 2\n\n"
        "Mohon membawa rancangan indikator kinerja individu masing-masing. Undangan resmi terlampir.\n\n"
        "Salam,\nSubbagian Tata Usaha",
        attachments=[("Undangan PK 2026.pdf", b"%PDF-1.4 lampiran")],
        date="Mon, 05 Jan 2026 08:00:00 +0700",
    ),
    "e-mail: subject, sender, date, body; attachment names listed",
)


def owner_file(path: Path) -> None:  # Word's "~$" owner file: user name, padded to 162 bytes
    name = b"Admin Kanim"
    path.write_bytes((bytes([len(name)]) + name).ljust(54, b"\x00") + (b"A\x00" * 11).ljust(108, b"\x00"))


simple(f"{A1i}/a. Tim pembangunan ZI/~$notulen.docx", "junk", owner_file)
simple(
    f"{A1iv}/d. Keterlibatan pegawai/Thumbs.db",
    "junk",
    lambda p: p.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(1016)),
)
simple(
    "PEMENUHAN/desktop.ini",
    "junk",
    lambda p: p.write_bytes(b"[.ShellClassInfo]\r\nIconResource=C:\\Windows\\System32\\imageres.dll,-3\r\n"),
)
simple(f"{H}/desktop.ini", "junk", lambda p: p.write_bytes(b"[ViewState]\r\nMode=\r\nVid=\r\nFolderType=Documents\r\n"))
simple(
    f"{A5v}/.~lock.laporan.docx#",
    "junk",
    lambda p: p.write_bytes(
        b"Admin Kanim,kanim,KANIM-PC07,15.01.2026 09:00,file:///C:/Users/kanim/AppData/Roaming/LibreOffice/4;"
    ),
)


# --- what real drives hold besides documents: an archive, a HEIC photo, a recording, shortcuts -------------


@add(f"{A1ii}/1.ii.c Dokumentasi Sosialisasi ZI.zip", "A.I.1.ii.c")
def _(path: Path) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:  # the members are made outside the drive, then zipped
        notulen = Path(folder) / "notulen.docx"
        write_docx(
            notulen,
            [
                "NOTULEN SOSIALISASI ZONA INTEGRITAS KELILING",
                f"Hari/tanggal: {hari_tanggal(date(YEAR, 2, 20))}",
                "Tempat: Balai Desa Pantai Tanjung Tinggi",
                "Sosialisasi layanan paspor tanpa calo dan kanal pengaduan kepada warga desa.",
            ],
            None,
            "Notulen Sosialisasi ZI Keliling",
        )
        photo = Path(folder) / "foto.jpg"
        write_photo(photo, "Sosialisasi ZI Keliling Tanjung Tinggi")
        hadir = "\n".join(f"{n}. {p.name}" for n, p in enumerate(STAFF[:6], 1))
        fab.make_zip(
            path,
            {
                "Sosialisasi Keliling/Notulen Sosialisasi ZI Keliling.docx": notulen.read_bytes(),
                "Sosialisasi Keliling/Foto Sosialisasi Keliling 01.jpg": photo.read_bytes(),
                "Sosialisasi Keliling/Daftar Hadir Petugas.txt": f"Daftar hadir petugas sosialisasi\n{hadir}\n".encode(),
            },
        )


simple(
    f"{A1iv}/a. Role model/IMG_0412.HEIC",
    "A.I.1.iv.a",
    lambda p: fab.make_heic(p, "Apel pagi", taken=f"{YEAR}:03:02 07:30:00"),
    "HEIC photo; EXIF date taken 2 Maret 2026",
)
simple(
    f"{A1iii}/1.iii.a Rekaman Rapat Evaluasi Rencana Aksi.wav",
    "A.I.1.iii.a",
    lambda p: fab.make_wav(p, 2.0, "Rapat evaluasi rencana aksi triwulan I", f"{YEAR}-04-06"),
    "audio; duration and date from its metadata (ffprobe)",
)
simple(
    f"{A6iv}/6.iv.a Rekap Survei IKM.gsheet",
    "A.I.6.iv.a",
    lambda p: fab.make_drive_shortcut(p, "1SkmKelayang2026RekapSurveiIKMxYz0"),
    "Google Drive shortcut: the evidence itself is not on the drive",
)
simple(
    f"{A6iii}/6.iii.a Formulir Pengaduan.url",
    "A.I.6.iii.a",
    lambda p: fab.make_url_shortcut(p, "https://forms.example/kanim-kelayang/pengaduan"),
    "web shortcut: the evidence itself is not on the drive",
)


CONFIG = f"""schema_version: 1
ruleset: permenpanrb-90-2021
unit:
  name: {UNIT}
  institution: {INSTITUTION}
  head: {{name: {HEAD.name}, nip: "{HEAD.nip}"}}
  address: {ADDRESS}
year: {YEAR}
target: WBK
"""


# --- driver -----------------------------------------------------------------------------------------------------


ANSWERS = "jawaban-lke.yaml"


def build(out: Path) -> list[Entry]:
    # The team's answers are written by hand (or with 'zi-evidence answers'), not generated: keep them.
    answers = None
    if out.exists():
        if any(out.iterdir()) and not (out / "zi-evidence.yaml").exists():
            raise SystemExit(f"{out} is not empty and has no zi-evidence.yaml; refusing to replace it")
        if (out / ANSWERS).exists():
            answers = (out / ANSWERS).read_bytes()
        shutil.rmtree(out)
    out.mkdir(parents=True)
    if answers is not None:
        (out / ANSWERS).write_bytes(answers)
    for entry in ENTRIES:
        target = out / entry.path
        target.parent.mkdir(parents=True, exist_ok=True)
        entry.make(target)
    (out / "zi-evidence.yaml").write_text(CONFIG, encoding="utf-8")
    return ENTRIES


def check(out: Path) -> None:
    """Guard the promises the docs make: sizes, path lengths, exactly one intended duplicate."""
    files = [p for p in out.rglob("*") if p.is_file()]
    real = [e for e in ENTRIES if e.expect != "junk"]
    assert 80 <= len(real) <= 150, len(real)
    assert sum(p.stat().st_size for p in files) < 10 * 1024 * 1024
    assert all(len(p.relative_to(out).as_posix()) < 200 for p in files)
    by_hash: dict[str, list[str]] = {}
    for e in real:
        data = (out / e.path).read_bytes()
        if data:
            by_hash.setdefault(hashlib.sha256(data).hexdigest(), []).append(e.path)
    dupes = [paths for paths in by_hash.values() if len(paths) > 1]
    assert len(dupes) == 1 and len(dupes[0]) == 2, dupes


def manifest() -> str:
    lines = ["| file | expected id | note |", "| --- | --- | --- |"]
    for e in sorted(ENTRIES, key=lambda e: e.path):
        lines.append(f"| `{e.path}` | {e.expect or '(unmapped)'} | {e.note} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "sample_repo", help="output folder (replaced)")
    parser.add_argument("--manifest", action="store_true", help="print the file -> expected id table and exit")
    args = parser.parse_args(argv)
    if args.manifest:
        print(manifest())
        return 0
    build(args.out)
    check(args.out)
    files = [p for p in args.out.rglob("*") if p.is_file()]
    real = sum(e.expect != "junk" for e in ENTRIES)
    size = sum(p.stat().st_size for p in files)
    print(
        f"{args.out}: {real} evidence files, {len(files) - real - 1} junk files, zi-evidence.yaml; {size / 1024 / 1024:.2f} MiB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
