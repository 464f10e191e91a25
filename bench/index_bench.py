"""Index benchmark: a synthetic drive of N PDF/DOCX files, indexed from scratch, re-run unchanged and
with one file changed, against two baselines measured in the same run (bare text extraction with the
same parser plugins in a process pool, and a bare ``os.scandir`` walk). Also search latency.

    python bench/index_bench.py --files 2000          # writes bench/results/index-<N>.json and prints a table
    python bench/index_bench.py --files 2000 --backend whoosh --parsers pypdf --peer recoll
    python bench/index_bench.py --files 2000 --nochange-only --command-rounds 9   # on a drive indexed before

``--backend`` names the search engine (as ``search: {engine: ...}`` in zi-evidence.yaml; default: the
fastest installed), ``--parsers pypdf`` leaves the PDFium parser out (pypdf reads every PDF; the DOCX
fast path is always on), ``--peer recoll`` also indexes and searches the drive with Recoll in turns
with zi-evidence (bench/recoll_peer.py).

Needs the ``test`` extra (reportlab) to build the drive; the drive is cached under --work.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = (
    "pelayanan layanan melayani publik pengaduan masyarakat integritas zona wilayah bebas korupsi birokrasi "
    "bersih akuntabilitas kinerja laporan monitoring evaluasi rencana aksi tim kerja keputusan kepala kantor "
    "nomor tahun tentang pembangunan perubahan pola pikir budaya kerja agen pegawai kompetensi disiplin "
    "pengawasan gratifikasi benturan kepentingan standar maklumat survei kepuasan inovasi teknologi informasi "
    "dokumen rapat notulen daftar hadir undangan sosialisasi pimpinan komitmen sasaran target capaian"
).split()
QUERIES = ["pelayanan", "pengaduan masyarakat", '"zona integritas"', "gratifikasi OR korupsi", "layan*", "laporan"]
SYLLABLES = (
    "ba be bi bu da de di du ga gi gu ka ke ki ku la le li lu ma me mi mu na ne ni nu "
    "pa pe pi pu ra re ri ru sa se si su ta te ti tu"
).split()


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    """Real ZI words first, then Indonesian-looking words: text with a natural spread of terms."""
    made = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size * 2)}
    return WORDS + sorted(made)[: size - len(WORDS)]


def sentence(rng: random.Random, words: list[str], weights: list[float], n: int = 14) -> str:
    # word frequencies follow Zipf's law, as in real prose (a few words everywhere, most rarely)
    return " ".join(rng.choices(words, weights, k=n)).capitalize() + "."


def build_drive(target: Path, files: int, seed: int = 7) -> None:
    from scripts.fabricate import make_docx, make_pdf

    rng = random.Random(seed)
    words = vocabulary(rng)
    weights = [1 / rank for rank in range(1, len(words) + 1)]
    (target / "zi-evidence.yaml").parent.mkdir(parents=True, exist_ok=True)
    (target / "zi-evidence.yaml").write_text(
        "schema_version: 1\nruleset: permenpanrb-90-2021\nunit: {name: Unit Bench}\nyear: 2026\ntarget: WBK\n"
    )
    for i in range(files):
        area = rng.randint(1, 6)
        folder = target / "PEMENUHAN" / f"AREA {area}" / f"{area}.i.a Bukti {i // 100}"
        pages = rng.randint(1, 40)
        text_pages = ["\n".join(sentence(rng, words, weights) for _ in range(30)) for _ in range(pages)]
        if i % 3 == 2:
            make_docx(folder / f"dokumen-{i:05d}.docx", [p for page in text_pages for p in page.splitlines()])
        else:
            make_pdf(folder / f"dokumen-{i:05d}.pdf", text_pages)


def bare_walk(root: Path) -> int:
    count, stack = 0, [str(root)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                else:
                    entry.stat(follow_symlinks=False)
                    count += 1
    return count


def _extract(path: str) -> int:
    from zi_evidence.parsing import ParseLimits, choose_parser, sniff_mime
    from zi_evidence.plugins import make_plugin_manager

    parsers = list(make_plugin_manager().parsers().values())
    with open(path, "rb") as handle:
        head = handle.read(8192)
    parser = choose_parser(parsers, sniff_mime(parsers, head, path), path)
    return parser().parse(Path(path), ParseLimits()).page_count if parser else 0


def bare_extraction(root: Path, processes: int) -> tuple[float, int]:
    paths = [str(p) for p in root.rglob("*") if p.suffix in (".pdf", ".docx")]
    started = time.perf_counter()
    with ProcessPoolExecutor(processes) as pool:
        pages = sum(pool.map(_extract, paths, chunksize=8))
    return time.perf_counter() - started, pages


RUNNER = """
import json, resource, sys, time
from zi_evidence.index.run import run_index
from zi_evidence.repository import Repository
started = time.perf_counter()
repo = Repository.open(__import__('pathlib').Path(sys.argv[1]))
opened = time.perf_counter()
summary = run_index(repo)
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "open_s": opened - started, "run_s": seconds - (opened - started),
    "parsed": summary.parsed, "pages": summary.pages, "files": summary.new + summary.unchanged + summary.changed,
    "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""

WALKER = (
    "import sys; sys.path.insert(0, sys.argv[1]); import index_bench, pathlib; "
    "index_bench.bare_walk(pathlib.Path(sys.argv[2]))"
)


def command_seconds(argv: list[str], runs: int = 5) -> float:
    """Median wall time of a whole command, Python start-up included (what a user waits for)."""
    return statistics.median(_timed(argv) for _ in range(runs))


def paired_command_seconds(first: list[str], second: list[str], runs: int = 15) -> tuple[float, float]:
    """Median wall times of two commands run in turns, so that the machine's slow spells hit both alike."""
    found = alternating_seconds({"first": first, "second": second}, runs)
    return statistics.median(found["first"]), statistics.median(found["second"])


def alternating_seconds(commands: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    """Each command's wall times, the commands run in turns ``runs`` times."""
    timings: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            timings[name].append(_timed(argv))
    return timings


def choose_stack(drive: Path, backend: str | None, parsers: str) -> None:
    """Name the engine in the drive's zi-evidence.yaml and leave parser plugins out, for every process."""
    config = drive / "zi-evidence.yaml"
    text = config.read_text(encoding="utf-8").split("\nsearch:")[0].rstrip("\n") + "\n"
    config.write_text(text + (f"search:\n  engine: {backend}\n" if backend else ""), encoding="utf-8")
    if parsers == "pypdf":
        os.environ["ZI_EVIDENCE_DISABLE_PLUGINS"] = "pdfium"


def _timed(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - started


def compile_bytecode() -> None:
    """Write the package's bytecode first, as any install does: with PYTHONDONTWRITEBYTECODE set (or a
    read-only tree) each command would otherwise compile the edited modules again."""
    import compileall

    for folder in ("zi_evidence", "plugins"):
        compileall.compile_dir(ROOT / folder, quiet=1)


def index_run(root: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", RUNNER, str(root)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def search_latency(root: Path, rounds: int) -> dict:
    from zi_evidence.repository import Repository
    from zi_evidence.search.query import search

    repo = Repository.open(root)
    timings: list[float] = []
    per_query: dict[str, list[float]] = {query: [] for query in QUERIES}
    for _ in range(rounds):
        for query in QUERIES:
            started = time.perf_counter()
            search(repo, query, {}, 10)
            per_query[query].append((time.perf_counter() - started) * 1000)
    for found in per_query.values():
        timings += found
    timings.sort()
    return {
        "p50_ms": statistics.median(timings),
        "p95_ms": timings[int(len(timings) * 0.95) - 1],
        "n": len(timings),
        "median_ms_by_query": {query: statistics.median(found) for query, found in per_query.items()},
    }


def nochange_only(drive: Path, files: int, rounds: int) -> None:
    """The whole ``index`` command with nothing changed, the walking command and one ``search`` command,
    in turns ``rounds`` times, on a drive a full run indexed before; medians and minima count."""
    if not (drive / ".zi-evidence" / "catalog.sqlite").exists():
        raise SystemExit(f"{drive} has no catalog: run this script once without --nochange-only")
    compile_bytecode()
    cli = str(Path(sys.executable).with_name("zi-evidence"))
    commands = {
        "index": [cli, "index", str(drive), "--quiet"],
        "walk": [sys.executable, "-c", WALKER, str(ROOT / "bench"), str(drive)],
        "search": [cli, "search", "--repo", str(drive), "pelayanan publik"],
    }
    for argv in commands.values():  # settles the catalog and warms the page cache
        _timed(argv)
    # CPU seconds beside wall time: on a machine others load, a command's CPU time moves far less
    found: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, argv in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            found[name].append(_timed(argv))
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    medians = {name: statistics.median(times) for name, times in found.items()}
    cpu_medians = {name: statistics.median(times) for name, times in cpu.items()}
    result = {
        "files": files,
        "rounds": rounds,
        "median_s": medians,
        "min_s": {name: min(times) for name, times in found.items()},
        "cpu_median_s": cpu_medians,
        "ratio_nochange_command_vs_walk_command": medians["index"] / medians["walk"],
        "ratio_of_minima": min(found["index"]) / min(found["walk"]),
        "ratio_cpu": cpu_medians["index"] / cpu_medians["walk"],
        "each_s": found,
        "each_cpu_s": cpu,
    }
    out = ROOT / "bench" / "results" / f"nochange-{files}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    print(json.dumps({k: v for k, v in result.items() if k != "each_s"}, indent=2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/zi-bench"))
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=2, help="full index and extraction runs, in turns")
    parser.add_argument("--backend", choices=("whoosh", "tantivy"), default=None)
    parser.add_argument("--parsers", choices=("pdfium", "pypdf"), default="pdfium")
    parser.add_argument("--peer", choices=("recoll",), default=None)
    parser.add_argument(
        "--nochange-only",
        action="store_true",
        help="on a drive indexed before: only the no-change command, the walking command and a search, in turns",
    )
    parser.add_argument("--command-rounds", type=int, default=15, help="turns of the whole-command measures")
    parser.add_argument("--no-extraction", action="store_true", help="skip the bare-extraction baseline")
    args = parser.parse_args()
    if args.nochange_only:
        nochange_only(args.work / f"drive-zipf-{args.files}", args.files, args.command_rounds)
        return
    drive = args.work / f"drive-zipf-{args.files}"
    if not drive.exists():
        started = time.perf_counter()
        build_drive(drive, args.files)
        print(f"built {drive} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    shutil.rmtree(drive / ".zi-evidence", ignore_errors=True)
    choose_stack(drive, args.backend, args.parsers)
    compile_bytecode()
    processes = os.cpu_count() or 1
    peer = None
    if args.peer:
        import recoll_peer

        reason = recoll_peer.available()
        if reason:
            raise SystemExit(f"--peer recoll: {reason}")
        peer = recoll_peer.configure(args.work, drive)

    # The VM's speed drifts by up to 1.6x over minutes, so each measure and its baseline run in turns,
    # and the least disturbed run of each counts (noise only ever adds time).
    extractions, fulls, peer_fulls = [], [], []
    for _ in range(args.repeats):
        if not args.no_extraction:  # on a loaded machine it takes as long as a round with the peer
            extractions.append(bare_extraction(drive, processes))
        shutil.rmtree(drive / ".zi-evidence", ignore_errors=True)
        fulls.append(index_run(drive))
        if peer:
            peer_fulls.append(recoll_peer.index_from_scratch(peer))
    extract_s, extract_pages = min(extractions) if extractions else (None, None)
    full = min(fulls, key=lambda run: run["seconds"])
    # the first run after a full index meets the disk still writing back the catalog and index
    walks, nochange_runs = [], []
    for _ in range(5):
        started = time.perf_counter()
        walked = bare_walk(drive)
        walks.append(time.perf_counter() - started)
        nochange_runs.append(index_run(drive))
    walk_s = statistics.median(walks)
    nochange = sorted(nochange_runs, key=lambda run: run["run_s"])[len(nochange_runs) // 2]
    cli = str(Path(sys.executable).with_name("zi-evidence"))
    commands = {
        "index": [cli, "index", str(drive), "--quiet"],
        "walk": [sys.executable, "-c", WALKER, str(ROOT / "bench"), str(drive)],
    }
    if peer:
        commands["recoll_index"] = recoll_peer.index_command(peer)
    nochange_commands = alternating_seconds(commands, 15)
    nochange_cli_s, walk_cli_s = (statistics.median(nochange_commands[k]) for k in ("index", "walk"))
    victim = next(drive.rglob("dokumen-00000.pdf"))
    from scripts.fabricate import make_pdf

    make_pdf(victim, [f"Berkas diubah {time.time_ns()}: kata kunci unikbenchmark ada di sini."])
    one_changed = index_run(drive)
    peer_one_changed = recoll_peer._timed(recoll_peer.index_command(peer)) if peer else None
    state = drive / ".zi-evidence"
    index_bytes = sum(p.stat().st_size for p in (state / "index").rglob("*") if p.is_file())
    catalog_bytes = (state / "catalog.sqlite").stat().st_size
    searches = {"search": [cli, "search", "--repo", str(drive), "pelayanan publik"]}
    if peer:
        searches["recoll_search"] = recoll_peer.search_command(peer, "pelayanan publik")
    search_commands = alternating_seconds(searches, 9)
    result = {
        "files": args.files,
        "backend": args.backend or "default",
        "parsers": args.parsers,
        "walked": walked,
        "cores": processes,
        "bare_walk_s": walk_s,
        "bare_walk_s_each": walks,
        "bare_extraction_s": extract_s,
        "bare_extraction_pages": extract_pages,
        "bare_extraction_s_each": [seconds for seconds, _ in extractions],
        "full_index": full,
        "full_index_s_each": [run["seconds"] for run in fulls],
        "no_change": nochange,
        "no_change_run_s_each": [run["run_s"] for run in nochange_runs],
        "one_changed": one_changed,
        "ratio_full_vs_extraction": full["seconds"] / extract_s if extract_s else None,
        "ratio_nochange_vs_walk": nochange["run_s"] / walk_s,
        "no_change_command_s": nochange_cli_s,
        "bare_walk_command_s": walk_cli_s,
        "no_change_commands_s_each": nochange_commands,
        "ratio_nochange_command_vs_walk_command": nochange_cli_s / walk_cli_s,
        "files_per_s": full["files"] / full["seconds"],
        "pages_per_s": full["pages"] / full["seconds"],
        "index_mb": index_bytes / 1e6,
        "catalog_mb": catalog_bytes / 1e6,
        "search": search_latency(drive, args.rounds),
        "search_command_s": statistics.median(search_commands["search"]),
        "search_commands_s_each": search_commands,
    }
    if peer:
        result["recoll"] = {
            "full_index_s_each": peer_fulls,
            "full_index_s": min(peer_fulls),
            "no_change_command_s": statistics.median(nochange_commands["recoll_index"]),
            "one_changed_s": peer_one_changed,
            "search": recoll_peer.search_latency(peer, [q for q in QUERIES], args.rounds),
            "search_command_s": statistics.median(search_commands["recoll_search"]),
        }
        result["ratio_full_vs_recoll"] = full["seconds"] / min(peer_fulls)
    suffix = "".join(f"-{part}" for part in (args.backend, args.parsers if args.parsers != "pdfium" else None) if part)
    out = ROOT / "bench" / "results" / f"index-{args.files}{suffix}{'-recoll' if peer else ''}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
