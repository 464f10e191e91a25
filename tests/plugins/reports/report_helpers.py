"""Shared by the report tests: answers files, a drive with evidence for every question, the sample copy."""

from __future__ import annotations

import shutil
from pathlib import Path

from scripts.fabricate import make_pdf
from tests.conftest import CONFIG
from tests.lke_answers import PREREQUISITES_MET, best_answers, write_answers_file
from zi_evidence.index.run import IndexOptions, run_index
from zi_evidence.plugins import make_plugin_manager
from zi_evidence.repository import Repository
from zi_evidence.rulesets import RulesetRegistry

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "sample_repo"
RULESET = RulesetRegistry.from_host(make_plugin_manager()).get("permenpanrb-90-2021")

# Counts that put every "%" question of 90/2021 at 100 %.
FULL_COUNTS = {
    "A.II.1.i.a": {"jumlah_agen_perubahan": 6, "jumlah_perubahan_dibuat": 6},
    "A.II.1.i.b": {"jumlah_perubahan_dibuat": 6, "jumlah_perubahan_terintegrasi": 6},
    "A.II.3.iii.a": {
        "jumlah_pelanggaran_tahun_sebelumnya": 6,
        "jumlah_pelanggaran_tahun_ini": 0,
        "jumlah_pelanggaran_diberi_sanksi": 0,
    },
    "A.II.4.i.a": {"jumlah_sasaran_kinerja": 4, "jumlah_sasaran_tercapai_100": 4},
    "A.II.5.ii.a": {
        "jumlah_harus_ditindaklanjuti": 41,
        "jumlah_sedang_diproses": 0,
        "jumlah_selesai_ditindaklanjuti": 41,
    },
    "A.II.5.iii.a": {"wajib_kepala_satker": 1, "wajib_pejabat_lhkpn": 5, "wajib_lainnya": 1, "sudah_melaporkan": 7},
    "A.II.5.iii.b": {
        "wajib_administrator": 0,
        "wajib_pengawas": 6,
        "wajib_fungsional_pelaksana": 37,
        "sudah_melaporkan": 43,
    },
    "A.II.6.i.b": {"jumlah_layanan_terdata": 12, "jumlah_layanan_dipermudah": 12},
}


def write_answers(
    root: Path,
    letters: dict | None = None,
    hasil: dict | None = None,
    counts: dict | None = None,
    facts: dict | None = None,
) -> Path:
    """Every question at its best answer (then ``letters``), good survey results: a unit aiming at WBK."""
    raw = {
        "schema_version": 1,
        "ruleset": RULESET.id,
        "jenis_instansi": "kl",
        "jawaban": best_answers(RULESET, FULL_COUNTS, letters, counts),
        "hasil": {"ipak": 3.68, "capaian_kinerja": "A", "ipkp": 3.41, **(hasil or {})},
        "prasyarat": {**PREREQUISITES_MET, **(facts or {})},
    }
    return write_answers_file(root, raw)


def complete_drive(root: Path) -> Path:
    """One readable, dated PDF for every question and hasil component: nothing for a validator to reject."""
    targets = [q.id for q in RULESET.questions] + [c.id for g in RULESET.hasil for c in g.components]
    for target in targets:
        part = "HASIL" if target.startswith("B.") else "BUKTI"
        make_pdf(root / part / f"{target} Laporan Pelaksanaan.pdf", [f"LAPORAN PELAKSANAAN\n{target}\n12 Maret 2026"])
    return root


def new_repo(root: Path, ruleset: str = "permenpanrb-90-2021") -> Path:
    """An empty evidence repository (what ``make_repo`` makes), for module-scoped fixtures."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "zi-evidence.yaml").write_text(CONFIG.format(ruleset=ruleset), encoding="utf-8")
    return root


HOSTILE = "A.I.1.ii.c <script>alert('x')<.script> & \"kutip\" #1 100% ?.pdf"
FORMULA = "=1+1 A.I.1.ii.a Rencana Kerja.pdf"


def small_drive(root: Path) -> Path:
    """A few real PDFs, one with a hostile name, one whose name starts with '=', one unmapped; answers given."""
    new_repo(root)
    area = root / "PEMENUHAN" / "AREA I - Manajemen Perubahan"
    decree = "KEPUTUSAN KEPALA KANTOR\nNOMOR W.1-OT.02 TAHUN 2026\nDitetapkan di Jakarta pada tanggal 12 Januari 2026"
    make_pdf(area / "i. Penyusunan Tim Kerja" / "1.i.a SK Tim Kerja ZI.pdf", [decree])
    make_pdf(area / "i. Penyusunan Tim Kerja" / "1.i.b Kriteria Seleksi Anggota.pdf", ["Kriteria seleksi 2026"])
    make_pdf(area / "ii. Rencana" / HOSTILE, ["Laporan sosialisasi 2026"])
    make_pdf(root / FORMULA, ["Rencana kerja pembangunan ZI 2026"])
    make_pdf(root / "Lain-lain" / "catatan lama.pdf", ["catatan"])
    make_pdf(root / "HASIL" / "B.I.a Rekap IPAK 2026.pdf", ["Rekap IPAK 2026: 3,68"])
    index(root)
    write_answers(root)
    return root


def index(root: Path, host=None) -> Repository:
    repo = Repository.open(root, host=host)
    run_index(repo, IndexOptions(processes=1))
    return repo


def sample_copy(target: Path) -> Path:
    """A copy of sample_repo/ (never write inside the original), indexed."""
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns(".zi-evidence"))
    index(target)
    return target
