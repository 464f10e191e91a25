"""Makes the committed Office 97–2003 samples (tests/data/office97/*.doc, .xls, .ppt) with LibreOffice.

LibreOffice's binary output differs from run to run, so the samples were made once and committed; the
sample repository and the tests copy those bytes. Rerun only to change their content (needs soffice).
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "office97"

SOP = [
    ["STANDAR OPERASIONAL PROSEDUR PENERBITAN PASPOR ELEKTRONIK", "Petugas memverifikasi berkas pemohon paspor."],
    ["Pembatalan permohonan: petugas menerima surat pembatalan dan mengembalikan PNBP sesuai ketentuan."],
]
REKAP = {
    "Rekap": [["No", "Saluran", "Jumlah"], [1, "SP4N LAPOR", 12], [2, "Kotak saran", 3]],
    "Tindak Lanjut": [["Status", "Jumlah"], ["Diselesaikan", 15], ["Dalam proses", 0]],
}
PAPARAN = [
    ("Budaya Kerja BerAKHLAK: berorientasi pelayanan dan akuntabel", "Catatan: ajak peserta berdiskusi"),
    ("Rencana aksi: sosialisasi nilai harmonis dan loyal", "Catatan: tutup dengan komitmen kolaboratif"),
]


def _fabricate():
    spec = importlib.util.spec_from_file_location("fabricate", ROOT / "scripts" / "fabricate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["fabricate"] = module
    spec.loader.exec_module(module)
    return module


def main() -> int:
    fab = _fabricate()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice (soffice) is needed to make these samples", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        sources = [
            (fab.make_odf(folder / "sop.odt", "text", fab.odt_body(SOP), "SOP Pelayanan Haji"), "doc"),
            (fab.make_odf(folder / "rekap.ods", "spreadsheet", fab.ods_body(REKAP), "Rekap Pengaduan"), "xls"),
            (fab.make_odf(folder / "paparan.odp", "presentation", fab.odp_body(PAPARAN), "Paparan"), "ppt"),
        ]
        for source, target in sources:
            subprocess.run(
                [soffice, f"-env:UserInstallation=file://{folder}/profil", "--headless", "--convert-to", target,
                 "--outdir", str(OUT), str(source)],
                check=True,
                capture_output=True,
            )  # fmt: skip
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
