"""Precision and recall of the content-based mapping suggestions, on two drives with ground truth.

1. ``sample``: a copy of sample_repo/ where every file mapped to a question is copied once more, under a
   generic name (``Umum/berkas-001.pdf``), into a folder the mapper cannot place. Is its question
   suggested back? The original stays mapped; a file with the same bytes is never used as evidence for
   its own copy, so only the rule set's words and the *other* files of that question count.
2. ``generated``: a drive made here from scratch (``make_generated_drive``), a scan dump of realistic
   documents under names such as ``Scan/scan0007.pdf``, with nothing mapped yet: the rule set's words
   alone must find the question (cold start).

    python bench/suggest_bench.py                 # prints the table; --json for the numbers

Needs the ``test`` extra (reportlab, python-docx) to write the documents.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CONFIG = "schema_version: 1\nruleset: permenpanrb-90-2021\nunit:\n  name: Unit Uji Saran\nyear: 2026\ntarget: WBK\n"

#: (question, pages) of the generated drive: titles and wording as units write them, not the LKE's.
GENERATED: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "A.I.1.i.a",
        (
            "KEPUTUSAN KEPALA BALAI\nNOMOR 7 TAHUN 2026\nTENTANG\nPEMBENTUKAN TIM KERJA PEMBANGUNAN ZONA "
            "INTEGRITAS MENUJU WILAYAH BEBAS DARI KORUPSI",
            "MEMUTUSKAN\nKESATU: membentuk tim kerja",
        ),
    ),
    (
        "A.I.1.i.b",
        (
            "BERITA ACARA SELEKSI CALON ANGGOTA TIM ZONA INTEGRITAS\nkriteria: kompetensi, memahami tugas "
            "dan fungsi, dedikasi, tidak pernah dijatuhi hukuman disiplin\nmekanisme seleksi anggota",
        ),
    ),
    (
        "A.I.1.ii.a",
        (
            "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS TAHUN 2026\nNo | Kegiatan | Waktu mulai | Durasi | "
            "Target | Penanggung jawab",
        ),
    ),
    (
        "A.I.1.ii.c",
        (
            "LAPORAN SOSIALISASI PEMBANGUNAN ZONA INTEGRITAS\nSosialisasi kepada pegawai saat apel pagi dan "
            "kepada masyarakat melalui media sosial Instagram serta spanduk di ruang layanan",
        ),
    ),
    (
        "A.I.1.iii.b",
        (
            "LAPORAN MONITORING DAN EVALUASI PEMBANGUNAN ZONA INTEGRITAS\nPERIODE BULAN MEI 2026\n"
            "Rapat monev bersama pimpinan membahas capaian rencana aksi",
        ),
    ),
    ("A.I.1.iv.b", ("KEPUTUSAN KEPALA BALAI\nTENTANG\nPENETAPAN AGEN PERUBAHAN\nDI LINGKUNGAN BALAI TAHUN 2026",)),
    (
        "A.I.1.iv.d",
        (
            "PAKTA INTEGRITAS\nSaya yang bertanda tangan di bawah ini menyatakan berperan aktif dalam "
            "pencegahan korupsi, kolusi dan nepotisme",
        ),
    ),
    (
        "A.I.2.i.a",
        (
            "PETA PROSES BISNIS BALAI TAHUN 2026\nProses bisnis level 0 sampai level 2 dan daftar SOP "
            "yang mengacu pada proses bisnis",
        ),
    ),
    (
        "A.I.2.i.c",
        ("NOTULEN RAPAT EVALUASI STANDAR OPERASIONAL PROSEDUR\nHasil evaluasi SOP: tiga SOP perlu diperbaiki",),
    ),
    (
        "A.I.2.iii.a",
        (
            "KEPUTUSAN KEPALA BALAI\nTENTANG\nPEJABAT PENGELOLA INFORMASI DAN DOKUMENTASI (PPID) "
            "PELAKSANA\nlayanan informasi publik",
        ),
    ),
    ("A.I.3.i.a", ("DOKUMEN ANALISIS BEBAN KERJA DAN PETA JABATAN\nRencana kebutuhan pegawai tahun 2026 per jabatan",)),
    (
        "A.I.3.ii.a",
        ("KEPUTUSAN KEPALA BALAI\nTENTANG\nMUTASI DAN ROTASI PEGAWAI ANTAR JABATAN\nuntuk pengembangan karier",),
    ),
    (
        "A.I.3.iii.a",
        (
            "ANALISIS KEBUTUHAN PELATIHAN (TRAINING NEED ANALYSIS) PEGAWAI 2026\nkesenjangan kompetensi "
            "dan usulan diklat",
        ),
    ),
    (
        "A.I.3.iii.e",
        ("LAPORAN PELAKSANAAN IN HOUSE TRAINING DAN COACHING PEGAWAI\nmateri pelatihan, peserta, sertifikat",),
    ),
    (
        "A.I.3.iv.a",
        (
            "SASARAN KINERJA PEGAWAI (SKP) TAHUN 2026\nIndikator kinerja individu yang diturunkan dari "
            "perjanjian kinerja",
        ),
    ),
    (
        "A.I.3.v.a",
        ("LAPORAN PENEGAKAN DISIPLIN DAN KODE ETIK PEGAWAI\nrekap presensi dan sanksi pelanggaran kode perilaku",),
    ),
    ("A.I.4.ii.a", ("RENCANA STRATEGIS BALAI 2025-2029\nRencana kerja tahunan dan perjanjian kinerja",)),
    ("A.I.4.ii.c", ("KEPUTUSAN KEPALA BALAI\nTENTANG\nPENETAPAN INDIKATOR KINERJA UTAMA (IKU)\nTAHUN 2026",)),
    ("A.I.4.ii.e", ("LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) TAHUN 2025\ntanda terima penyampaian tepat waktu",)),
    ("A.I.5.i.a", ("LAPORAN KAMPANYE ANTI GRATIFIKASI\nbanner dan spanduk tolak gratifikasi, unggahan media sosial",)),
    ("A.I.5.i.b", ("KEPUTUSAN KEPALA BALAI\nTENTANG\nPEMBENTUKAN UNIT PENGENDALIAN GRATIFIKASI",)),
    ("A.I.5.ii.b", ("REGISTER RISIKO TAHUN 2026\nidentifikasi risiko, penilaian kemungkinan dan dampak",)),
    (
        "A.I.5.iii.a",
        ("KEPUTUSAN KEPALA BALAI\nTENTANG\nPETUGAS PENGELOLA PENGADUAN MASYARAKAT\nkotak dan loket pengaduan",),
    ),
    ("A.I.5.iii.c", ("LAPORAN MONITORING DAN EVALUASI PENANGANAN PENGADUAN MASYARAKAT TRIWULAN III",)),
    ("A.I.5.iv.a", ("SOSIALISASI WHISTLE BLOWING SYSTEM\ntata cara pelaporan pelanggaran melalui aplikasi WBS",)),
    ("A.I.5.v.a", ("PEMETAAN POTENSI BENTURAN KEPENTINGAN\npedoman penanganan benturan kepentingan di unit layanan",)),
    ("A.I.6.i.a", ("KEPUTUSAN KEPALA BALAI\nTENTANG\nSTANDAR PELAYANAN PUBLIK\npersyaratan, prosedur, waktu, biaya",)),
    (
        "A.I.6.i.b",
        ("MAKLUMAT PELAYANAN\nDengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan",),
    ),
    ("A.I.6.iii.b", ("SURAT TUGAS PENGELOLA SP4N-LAPOR\nadministrator dan penghubung pengelolaan pengaduan",)),
    ("A.I.6.iv.a", ("LAPORAN SURVEI KEPUASAN MASYARAKAT (SKM) SEMESTER I 2026\nindeks kepuasan per unsur pelayanan",)),
    (
        "A.I.6.iv.c",
        ("LAPORAN TINDAK LANJUT HASIL SURVEI KEPUASAN MASYARAKAT\nperbaikan layanan berdasarkan unsur terendah",),
    ),
    ("A.II.5.iii.a", ("LAPORAN KEPATUHAN PENYAMPAIAN LHKPN 2026\nwajib lapor e-LHKPN dan yang sudah melaporkan",)),
)


def _fabricate() -> Any:
    spec = importlib.util.spec_from_file_location("fabricate", ROOT / "scripts" / "fabricate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def make_generated_drive(root: Path) -> dict[str, str]:
    """Write the generated drive at ``root``; returns path -> true question (kept outside the drive)."""
    fabricate = _fabricate()
    root.mkdir(parents=True, exist_ok=True)
    (root / "zi-evidence.yaml").write_text(CONFIG, encoding="utf-8")
    truth = {}
    for number, (question, pages) in enumerate(GENERATED, 1):
        folder = "Scan" if number % 2 else "Arsip Lama"
        path = f"{folder}/scan{number:04d}.pdf"
        fabricate.make_pdf(root / path, list(pages))
        truth[path] = question
    return truth


def make_sample_cases(root: Path) -> dict[str, str]:
    """Copy sample_repo/ to ``root`` and every question-level file again under a generic name."""
    from zi_evidence.index.run import IndexOptions, run_index
    from zi_evidence.repository import Repository

    shutil.copytree(ROOT / "sample_repo", root, ignore=shutil.ignore_patterns(".zi-evidence"))
    repo = Repository.open(root)
    run_index(repo, IndexOptions(processes=1, exclude_parsers=frozenset({"ocr"})))
    with repo.catalog() as catalog:
        mapped = [r for r in catalog.records() if r.mapping_status == "question" and r.size > 0]
    truth = {}
    (root / "Umum").mkdir()
    for number, record in enumerate(sorted(mapped, key=lambda r: r.display), 1):
        suffix = Path(record.display).suffix.lower()
        path = f"Umum/berkas-{number:03d}{suffix}"
        shutil.copyfile(root / record.display, root / path)
        truth[path] = record.target_id
    return truth


def evaluate(root: Path, truth: dict[str, str], neighbours: bool = True) -> dict[str, Any]:
    from zi_evidence.index.run import IndexOptions, run_index
    from zi_evidence.repository import Repository
    from zi_evidence.suggest import suggest
    from zi_evidence.validation.findings import build_context

    repo = Repository.open(root)
    run_index(repo, IndexOptions(processes=1, exclude_parsers=frozenset({"ocr"})))
    found = {s.path: [g.question for g in s.guesses] for s in suggest(build_context(repo), neighbours=neighbours)}
    cases = len(truth)
    suggested = sum(1 for path in truth if found.get(path))
    top1 = sum(1 for path, q in truth.items() if found.get(path, [None])[0] == q)
    top3 = sum(1 for path, q in truth.items() if q in found.get(path, [])[:3])
    return {
        "cases": cases,
        "with_suggestion": suggested,
        "top1_correct": top1,
        "top3_correct": top3,
        "precision_at_1": round(top1 / suggested, 3) if suggested else None,
        "recall_at_1": round(top1 / cases, 3) if cases else None,
        "recall_at_3": round(top3 / cases, 3) if cases else None,
        "unsuggested": sorted(p for p in truth if not found.get(p)),
        "wrong_top1": sorted(
            f"{p}: {found[p][0]} ≠ {q}" for p, q in truth.items() if found.get(p) and found[p][0] != q
        ),
    }


def run(work: Path) -> dict[str, Any]:
    sample = work / "sample"
    generated = work / "generated"
    sample_truth = make_sample_cases(sample)
    generated_truth = make_generated_drive(generated)
    return {
        "sample_repo": evaluate(sample, sample_truth),
        "sample_repo_ruleset_only": evaluate(sample, sample_truth, neighbours=False),
        "generated": evaluate(generated, generated_truth),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--show-wrong", action="store_true", help="list the files whose top guess is wrong")
    parser.add_argument("--show-unsuggested", action="store_true", help="list the files given no suggestion")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="zi-suggest-") as work:
        results = run(Path(work))
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return
    print(f"{'drive':<26} {'cases':>5} {'suggested':>9} {'P@1':>6} {'R@1':>6} {'R@3':>6}")
    for name, r in results.items():
        print(
            f"{name:<26} {r['cases']:>5} {r['with_suggestion']:>9} {r['precision_at_1'] or 0:>6.3f} "
            f"{r['recall_at_1'] or 0:>6.3f} {r['recall_at_3'] or 0:>6.3f}"
        )
        if args.show_wrong:
            for line in r["wrong_top1"]:
                print(f"    {line}")
        if args.show_unsuggested:
            for path in r["unsuggested"]:
                print(f"    tanpa saran: {path}")


if __name__ == "__main__":
    main()
