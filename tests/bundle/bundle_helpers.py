"""Shared by the bundle tests: a small real evidence drive, indexed with the real pipeline."""

from __future__ import annotations

import zipfile
from pathlib import Path

from scripts.fabricate import make_docx, make_encrypted_pdf, make_pdf, make_photo, make_xlsx
from zi_evidence.bundle import BundleOptions, build_bundle
from zi_evidence.index.run import IndexOptions, run_index
from zi_evidence.repository import Repository

ALL_TYPES = ("pdf", "docx", "xlsx", "jpg", "png")
SUBMISSION = """submission:
  letter_number: "B-123/ZI/V/2026"
  letter_date: "2026-05-20"
  place: Jakarta
  report_year: 2026
  leader: {name: Dr. Hadi Purnomo Santoso, nip: "196901011990031001", title: Sekretaris Jenderal}
  tembusan: [Inspektur Jenderal]
  other_units:
    - {name: Balai Uji Kedua, predicate: WBBM, head: {name: Sri Lestari Wulandari, nip: "198002022005012002"}}
"""
HEAD = """  head: {name: Budi Santoso Wibowo, nip: "197805122001121002", title: Kepala Unit Uji}
"""


def pdf(root: Path, rel: str, text: str = "Laporan kegiatan 2026") -> Path:
    return make_pdf(root / rel, [f"{text}\n{rel}"])


def make_drive(make_repo, name: str = "drive", ruleset: str = "permenpanrb-90-2021", letters: bool = True) -> Path:
    """A drive with PDFs, a DOCX, an XLSX, a photo, an encrypted PDF, an empty file and an unmapped file."""
    root = make_repo(name, ruleset, SUBMISSION if letters else "")
    if letters:
        config = root / "zi-evidence.yaml"
        text = config.read_text(encoding="utf-8").replace(
            "  institution: Kementerian Uji\n", "  institution: Kementerian Uji\n" + HEAD
        )
        config.write_text(text, encoding="utf-8")
    area = "PEMENUHAN/AREA I - Manajemen Perubahan" if ruleset == "permenpanrb-90-2021" else "AREA I"
    pdf(root, f"{area}/i. Penyusunan Tim Kerja/1.i.a SK Tim Kerja ZI.pdf", "KEPUTUSAN KEPALA\nNOMOR 1 TAHUN 2026")
    pdf(root, f"{area}/i. Penyusunan Tim Kerja/1.i.b Kriteria Seleksi Anggota.pdf")
    make_docx(root / f"{area}/i. Penyusunan Tim Kerja/1.i.a Notulen Rapat.docx", ["NOTULEN RAPAT", "Pembentukan tim"])
    make_xlsx(root / f"{area}/ii. Rencana/1.ii.a Rencana Kerja.xlsx", {"Rencana": [["No", "Kegiatan"], [1, "Rapat"]]})
    make_photo(root / f"{area}/ii. Rencana/1.ii.c Foto Sosialisasi.jpg", "Sosialisasi ZI")
    for month in ("Januari", "Februari", "Maret"):
        pdf(root, f"{area}/iii. Monev/1.iii.b Laporan Monev {month} 2026.pdf", f"Laporan monev {month} 2026")
    make_encrypted_pdf(root / f"{area}/iii. Monev/1.iii.c Tindak Lanjut Monev.pdf", ["rahasia"])
    (root / f"{area}/iii. Monev/1.iii.a Laporan Kosong.pdf").write_bytes(b"")
    pdf(root, "Lain-lain/catatan lama.pdf")
    return root


def index(root: Path, host=None) -> Repository:
    repo = Repository.open(root, host=host)
    run_index(repo, IndexOptions(processes=1))
    return repo


def build(root: Path, out: Path, host=None, **options) -> object:
    repo = Repository.open(root, host=host)
    return build_bundle(repo, out, BundleOptions(**{"types": ALL_TYPES, **options}))


def members(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def rewrite_zip(source: Path, target: Path, change) -> None:
    """Copy a zip member by member; ``change(name, data)`` returns new data, or None to drop the member."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info))
            if data is not None:
                new.writestr(info, data)
