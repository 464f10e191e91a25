"""Synthetic Indonesian SKs (Keputusan Kepala ... tentang Tim Kerja Zona Integritas) for the near-same text
measurements and tests: one ministry template filled in by different units, and lazy copies of one
unit's SK with another unit's name put in.

    sk = make_sk(random.Random(1), unit("Lapas Kelas IIA Malang", "Malang"), 2026)
    copy = copy_sk(sk, unit("Rutan Kelas I Surabaya", "Surabaya"))
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

FIRST = (
    "Agus Budi Citra Dewi Eko Fajar Gita Hadi Indah Joko Kartika Lestari Made Nur Oki Putri Rahmat Sari Teguh "
    "Utami Wahyu Yuni Zainal Arif Bambang Dian Endang Fitri Hendra Irma Kurnia Lina Mega Nanda Rudi Siti"
).split()
LAST = (
    "Santoso Wijaya Pratama Lestari Hidayat Saputra Kurniawan Nugroho Setiawan Susanto Wibowo Rahayu Siregar "
    "Nasution Simanjuntak Harahap Purnomo Gunawan Hakim Firmansyah Sulistyo Maulana Permana Utomo"
).split()
JOBS = (
    "Kepala Subbagian Tata Usaha", "Kepala Seksi Bimbingan Narapidana", "Kepala Seksi Kegiatan Kerja",
    "Kepala Kesatuan Pengamanan", "Kepala Urusan Kepegawaian", "Kepala Urusan Keuangan", "Staf Registrasi",
    "Staf Perawatan", "Staf Pengelolaan", "Analis Kepegawaian", "Pengelola Barang Milik Negara",
    "Pranata Komputer", "Penyuluh Hukum", "Pengadministrasi Umum", "Petugas Layanan Informasi",
)  # fmt: skip
WHEREAS = (
    "bahwa dalam rangka mewujudkan birokrasi yang bersih dan akuntabel perlu dibangun zona integritas",
    "bahwa pembangunan zona integritas menuju wilayah bebas dari korupsi dan wilayah birokrasi bersih dan "
    "melayani memerlukan tim kerja yang bertanggung jawab",
    "bahwa untuk meningkatkan kualitas pelayanan publik perlu dilakukan perubahan pola pikir dan budaya kerja",
    "bahwa penilaian mandiri pelaksanaan reformasi birokrasi memerlukan penanggung jawab pada setiap area",
    "bahwa berdasarkan pertimbangan sebagaimana dimaksud perlu menetapkan keputusan kepala tentang tim kerja",
    "bahwa hasil evaluasi tahun sebelumnya menunjukkan perlunya penguatan pengawasan dan akuntabilitas kinerja",
)
BASES = (
    "Undang-Undang Nomor 28 Tahun 1999 tentang Penyelenggaraan Negara yang Bersih dan Bebas dari Korupsi, "
    "Kolusi, dan Nepotisme",
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
    "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara",
    "Peraturan Presiden Nomor 81 Tahun 2010 tentang Grand Design Reformasi Birokrasi 2010-2025",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 90 Tahun 2021 tentang "
    "Pembangunan dan Evaluasi Zona Integritas Menuju Wilayah Bebas dari Korupsi dan Wilayah Birokrasi Bersih "
    "dan Melayani di Instansi Pemerintah",
    "Peraturan Menteri Hukum dan Hak Asasi Manusia Nomor 29 Tahun 2019 tentang Pedoman Pembangunan Zona Integritas",
    "Peraturan Menteri Hukum dan Hak Asasi Manusia Nomor 41 Tahun 2021 tentang Organisasi dan Tata Kerja "
    "Kantor Wilayah",
    "Keputusan Menteri Hukum dan Hak Asasi Manusia tentang Peta Jalan Reformasi Birokrasi",
)
DUTIES = (
    "menyusun rencana kerja pembangunan zona integritas",
    "melaksanakan sosialisasi dan internalisasi zona integritas kepada seluruh pegawai",
    "melakukan monitoring dan evaluasi pelaksanaan rencana kerja secara berkala",
    "menyiapkan data dukung penilaian mandiri setiap area perubahan",
    "melaporkan hasil pelaksanaan tugas kepada kepala setiap tiga bulan",
    "mengoordinasikan agen perubahan dalam penerapan budaya kerja",
    "menindaklanjuti hasil survei kepuasan masyarakat dan survei persepsi korupsi",
    "mengelola pengaduan masyarakat dan benturan kepentingan",
)
AREAS = (
    "Manajemen Perubahan", "Penataan Tata Laksana", "Penataan Sistem Manajemen SDM", "Penguatan Akuntabilitas Kinerja",
    "Penguatan Pengawasan", "Peningkatan Kualitas Pelayanan Publik",
)  # fmt: skip


@dataclass(frozen=True)
class Unit:
    name: str
    city: str
    head: str
    code: str


@dataclass(frozen=True)
class Sk:
    unit: Unit
    year: int
    number: int
    day: int
    whereas: tuple[str, ...]
    bases: tuple[str, ...]
    duties: tuple[str, ...]
    members: tuple[tuple[str, str, str], ...]  # (name, NIP, job)


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def unit(rng: random.Random, name: str, city: str) -> Unit:
    return Unit(name, city, person(rng), f"W{rng.randint(10, 35)}.{rng.choice('ABCDEF')}{rng.randint(1, 40)}")


def make_sk(rng: random.Random, where: Unit, year: int, template: random.Random | None = None) -> Sk:
    """An SK of ``where``; with ``template`` (a generator seeded the same for every unit) the clauses are
    the ministry's shared ones, as when every unit fills in one template."""
    clauses = template or rng
    members = tuple(
        (person(rng), f"19{rng.randint(60, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
         f"{rng.randint(2000, 2022)}{rng.randint(1, 12):02d}{rng.randint(1, 2)}{rng.randint(1, 999):03d}",
         rng.choice(JOBS))
        for _ in range(rng.randint(10, 16))
    )  # fmt: skip
    return Sk(
        where, year, rng.randint(1, 400), rng.randint(2, 28),
        tuple(clauses.sample(WHEREAS, clauses.randint(3, 5))), tuple(clauses.sample(BASES, clauses.randint(5, 8))),
        tuple(clauses.sample(DUTIES, clauses.randint(5, 8))), members,
    )  # fmt: skip


def copy_sk(sk: Sk, into: Unit, rng: random.Random | None = None, year: int | None = None) -> Sk:
    """``sk`` taken over by ``into``: the unit's name, city and head changed; with ``rng`` also a new number,
    date and one member swapped, as a careful copier would."""
    copied = replace(sk, unit=into, year=year or sk.year)
    if rng is None:
        return copied
    members = list(sk.members)
    members[rng.randrange(len(members))] = (person(rng), members[0][1][::-1], rng.choice(JOBS))
    return replace(copied, number=rng.randint(1, 400), day=rng.randint(2, 28), members=tuple(members))


def pages(sk: Sk) -> list[str]:
    """The SK's text as pages: the decision, then the appendix listing the team."""
    u = sk.unit
    head = (
        f"KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA REPUBLIK INDONESIA {u.name.upper()} "
        f"KEPUTUSAN KEPALA {u.name.upper()} NOMOR {u.code}.KP.07.01-{sk.number} TAHUN {sk.year} TENTANG "
        f"PEMBENTUKAN TIM KERJA PEMBANGUNAN ZONA INTEGRITAS MENUJU WILAYAH BEBAS DARI KORUPSI DAN WILAYAH "
        f"BIROKRASI BERSIH DAN MELAYANI PADA {u.name.upper()} TAHUN {sk.year} "
        f"DENGAN RAHMAT TUHAN YANG MAHA ESA KEPALA {u.name.upper()},"
    )
    whereas = "Menimbang: " + "; ".join(f"{chr(97 + i)}. {c}" for i, c in enumerate(sk.whereas)) + ";"
    bases = "Mengingat: " + "; ".join(f"{i + 1}. {b}" for i, b in enumerate(sk.bases)) + ";"
    decide = (
        f"MEMUTUSKAN: Menetapkan: KEPUTUSAN KEPALA {u.name.upper()} TENTANG PEMBENTUKAN TIM KERJA PEMBANGUNAN "
        f"ZONA INTEGRITAS. KESATU: Membentuk Tim Kerja Pembangunan Zona Integritas pada {u.name} dengan susunan "
        f"keanggotaan sebagaimana tercantum dalam Lampiran. KEDUA: Tim Kerja bertugas: "
        + "; ".join(f"{i + 1}. {d}" for i, d in enumerate(sk.duties))
        + f". KETIGA: Segala biaya dibebankan pada DIPA {u.name} Tahun Anggaran {sk.year}. KEEMPAT: Keputusan "
        f"ini mulai berlaku pada tanggal ditetapkan. Ditetapkan di {u.city} pada tanggal {sk.day} Januari "
        f"{sk.year} KEPALA {u.name.upper()}, {u.head}"
    )
    team = [f"LAMPIRAN KEPUTUSAN KEPALA {u.name.upper()} NOMOR {u.code}.KP.07.01-{sk.number} TAHUN {sk.year}",
            f"Penanggung Jawab: {u.head}, Kepala {u.name}"]  # fmt: skip
    for i, (name, nip, job) in enumerate(sk.members):
        role = "Ketua" if i == 0 else "Sekretaris" if i == 1 else f"Anggota Area {AREAS[i % len(AREAS)]}"
        team.append(f"{i + 1}. {name} NIP {nip} {job} sebagai {role}")
    team.append(f"KEPALA {u.name.upper()}, {u.head}")
    return [" ".join((head, whereas, bases)), decide, "\n".join(team)]
