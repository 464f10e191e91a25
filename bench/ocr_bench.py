"""OCR benchmark: pages per second of the OCR parser, and its share of a first full ``index``.

    python bench/ocr_bench.py --files 100 --scanned 0.10     # prints a table (and --json for machines)

1. Throughput: scanned pages (speckled, tilted A4 text at 150 dpi, like an office scanner) read by the
   OCR parser in 1 process and in one process per core.
2. Share of a first index: a synthetic drive of text PDFs (1–20 pages of Indonesian text) plus image-only
   PDFs holding the given share of all pages, indexed from scratch twice into separate state folders —
   with OCR, and with the OCR parser excluded (``--no-ocr``) — share = (with − without) / with.

Needs the ``test`` extra (reportlab) and Tesseract with ``ind`` (scripts/install-system-deps).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = (
    "pelayanan publik pengaduan masyarakat integritas zona wilayah bebas korupsi birokrasi bersih "
    "akuntabilitas kinerja laporan monitoring evaluasi rencana aksi tim kerja keputusan kepala kantor nomor "
    "tahun tentang pembangunan perubahan budaya pegawai kompetensi disiplin pengawasan gratifikasi standar "
    "maklumat survei kepuasan inovasi dokumen rapat notulen daftar hadir sosialisasi pimpinan komitmen"
).split()
CONFIG = "schema_version: 1\nruleset: permenpanrb-90-2021\nunit: {name: Unit Bench}\nyear: 2026\ntarget: WBK\n"


def line(rng: random.Random, chars: int = 48) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < chars:
        words.append(rng.choice(WORDS))
    return " ".join(words).capitalize()


def scanned_pdf(path: Path, pages: int, rng: random.Random) -> None:
    """Image-only pages of 24 text lines, tilted and speckled: a realistic amount of OCR work per page."""
    from scripts.fabricate import render_text_image

    images = []
    for _ in range(pages):
        image = render_text_image([line(rng) for _ in range(24)], angle=rng.uniform(-1.5, 1.5))
        pixels = image.load()
        for _ in range(image.width * image.height // 400):
            pixels[rng.randrange(image.width), rng.randrange(image.height)] = rng.choice((0, 120))
        images.append(image.convert("RGB"))
    path.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(path, "PDF", resolution=150.0, save_all=True, append_images=images[1:])


def build_drive(target: Path, files: int, scanned_share: float, seed: int = 11) -> tuple[int, int]:
    """Text PDFs, then scanned PDFs until they hold ``scanned_share`` of all pages; returns (pages, scanned)."""
    from scripts.fabricate import make_pdf

    rng = random.Random(seed)
    target.mkdir(parents=True, exist_ok=True)
    (target / "zi-evidence.yaml").write_text(CONFIG)
    text_pages = 0
    for i in range(files):
        pages = rng.randint(1, 20)
        folder = target / "PEMENUHAN" / f"AREA {1 + i % 6}" / f"{1 + i % 6}.i.a Bukti"
        make_pdf(folder / f"dokumen-{i:04d}.pdf", ["\n".join(line(rng, 90) for _ in range(40))] * pages)
        text_pages += pages
    wanted = round(text_pages * scanned_share / (1 - scanned_share))
    scanned, i = 0, 0
    while scanned < wanted:
        pages = min(rng.randint(1, 6), wanted - scanned)
        scanned_pdf(target / "PEMENUHAN" / "AREA 1" / "1.i.a Bukti" / f"pindaian-{i:03d}.pdf", pages, rng)
        scanned, i = scanned + pages, i + 1
    return text_pages + scanned, scanned


def _ocr_file(path: str) -> int:
    from zi_evidence.parsing import ParseLimits
    from zi_evidence_ocr import OcrParser

    document = OcrParser().parse(Path(path), ParseLimits(seconds=3600))
    return len(document.machine_read_pages)


def cpu_seconds() -> float:
    """CPU time of this process and every finished descendant (workers, and the Tesseracts they waited for).

    On a shared machine wall time measures the neighbours too; CPU time does not.
    """
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def throughput(folder: Path, processes: int) -> dict:
    files = sorted(str(p) for p in folder.glob("*.pdf"))
    started, cpu = time.monotonic(), cpu_seconds()
    with ProcessPoolExecutor(processes) as pool:
        pages = sum(pool.map(_ocr_file, files))
    seconds, cpu = time.monotonic() - started, cpu_seconds() - cpu
    return {
        "processes": processes,
        "pages": pages,
        "seconds": round(seconds, 2),
        "pages_per_s": round(pages / seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "pages_per_cpu_s": round(pages / cpu, 2),
    }


def first_index(root: Path, state: Path, no_ocr: bool) -> dict:
    from zi_evidence.index.run import IndexOptions, run_index
    from zi_evidence.repository import Repository

    shutil.rmtree(state, ignore_errors=True)
    repo = Repository.open(root, state_dir=state)
    started, cpu = time.monotonic(), cpu_seconds()
    summary = run_index(repo, IndexOptions(exclude_parsers=frozenset({"ocr"}) if no_ocr else frozenset()))
    return {
        "seconds": round(time.monotonic() - started, 2),
        "cpu_seconds": round(cpu_seconds() - cpu, 2),
        "parsed": summary.parsed,
        "pages": summary.pages,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100, help="text PDFs in the synthetic drive")
    parser.add_argument("--scanned", type=float, default=0.10, help="share of all pages that are scans")
    parser.add_argument("--throughput-pages", type=int, default=24, help="scanned pages for the pages/s figure")
    parser.add_argument("--work", type=Path, default=Path("/tmp/zi-ocr-bench"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from zi_evidence_ocr import status

    cores = os.cpu_count() or 1
    shutil.rmtree(args.work, ignore_errors=True)
    rng = random.Random(5)
    sample = args.work / "throughput"
    for i in range(0, args.throughput_pages, 4):
        scanned_pdf(sample / f"scan-{i:03d}.pdf", min(4, args.throughput_pages - i), rng)
    results: dict = {"engine": status(), "cores": cores}
    results["throughput"] = [throughput(sample, 1), throughput(sample, cores)]

    drive = args.work / "drive"
    pages, scanned = build_drive(drive, args.files, args.scanned)
    without = first_index(drive, args.work / "state-no-ocr", no_ocr=True)
    with_ocr = first_index(drive, args.work / "state-ocr", no_ocr=False)
    share = (with_ocr["seconds"] - without["seconds"]) / with_ocr["seconds"]
    cpu_share = (with_ocr["cpu_seconds"] - without["cpu_seconds"]) / with_ocr["cpu_seconds"]
    results["drive"] = {"files": args.files, "pages": pages, "scanned_pages": scanned}
    results["index"] = {"no_ocr": without, "ocr": with_ocr, "ocr_share": round(share, 3)}
    results["index"]["ocr_share_cpu"] = round(cpu_share, 3)

    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return
    print(results["engine"], f"— {cores} inti")
    for row in results["throughput"]:
        rate, per_cpu = row["pages_per_s"], row["pages_per_cpu_s"]
        print(f"OCR, {row['processes']} proses: {row['pages']} hal. dalam {row['seconds']} s = {rate} hal/s", end="")
        print(f" ({per_cpu} hal per detik CPU)")
    print(f"Drive: {args.files} PDF teks + pindaian, {pages} halaman, {scanned} halaman pindaian")
    for label, run in (("tanpa OCR", without), ("dengan OCR", with_ocr)):
        print(f"index pertama {label}: {run['seconds']} s ({run['cpu_seconds']} detik CPU)")
    print(f"bagian OCR dari index pertama: {share:.0%} waktu, {cpu_share:.0%} CPU")


if __name__ == "__main__":
    main()
