"""Search latency at 10,000 and 50,000 files, from a synthetic catalog fed through the rebuild path.

    python bench/index_bench.py --files 2000 --repeats 1     # or any run that leaves an indexed drive
    python bench/search_scale.py --source /tmp/zi-bench/drive-zipf-2000 --files 10000 50000
    python bench/search_scale.py --files 50000 --rounds 40 --reuse     # search that index again, no rebuild

The catalog of an indexed drive is copied and its file rows repeated under new paths (``copy-<k>/``)
until N files: every copy points at the same extracted pages (same content hash), so the catalog stays
small while the index holds N documents with the drive's word statistics times N / 2,000. The search
index is then built from that catalog by ``zi_evidence.index.search_index.rebuild`` (nothing is parsed)
and searched in-process with the index bench's query set, a snippet per hit, as ``search`` does.
Writes bench/results/search-scale.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from index_bench import QUERIES, choose_stack  # noqa: E402

COLUMNS = (
    "display, size, mtime_ns, sha256, mime, parser, parser_version, status, problems, target_id, "
    "mapping_status, mapping_reason, year, kinds, kinds_stale, ctime_ns, inode, device"
)


def synthetic_repo(source: Path, target: Path, files: int) -> None:
    """``target`` with ``source``'s configuration and a catalog of ``files`` rows."""
    shutil.rmtree(target, ignore_errors=True)
    (target / ".zi-evidence").mkdir(parents=True)
    shutil.copy2(source / "zi-evidence.yaml", target / "zi-evidence.yaml")
    catalog = target / ".zi-evidence" / "catalog.sqlite"
    with sqlite3.connect(source / ".zi-evidence" / "catalog.sqlite") as db, sqlite3.connect(catalog) as out:
        db.backup(out)
    with sqlite3.connect(catalog) as db:
        base = db.execute("SELECT COUNT(*) FROM files").fetchone()[0]
        copy = 1
        while base * copy < files:
            wanted = min(base, files - base * copy)
            db.execute(
                f"INSERT INTO files (path, {COLUMNS}) SELECT CAST('copy-{copy}/' AS BLOB) || path, "
                f"'copy-{copy}/' || display, {COLUMNS.split(', ', 1)[1]} FROM files WHERE path NOT LIKE 'copy-%' "
                f"ORDER BY id LIMIT {wanted}"
            )
            copy += 1
        db.execute("DELETE FROM meta WHERE key LIKE 'index%' OR key LIKE '%agree%'")


def build_index(root: Path) -> float:
    from zi_evidence.index.search_index import rebuild
    from zi_evidence.repository import Repository

    repo = Repository.open(root)
    started = time.perf_counter()
    with repo.catalog() as catalog:
        rebuild(catalog, repo.search_backend(), lambda: repo.ruleset)
    return time.perf_counter() - started


def latency(root: Path, rounds: int) -> dict:
    from zi_evidence.repository import Repository
    from zi_evidence.search.query import search

    repo = Repository.open(root)
    per_query: dict[str, list[float]] = {query: [] for query in QUERIES}
    totals: dict[str, int] = {}
    for query in QUERIES:  # warm: the first search opens the index
        totals[query] = search(repo, query, {}, 10).total
    for _ in range(rounds):
        for query in QUERIES:
            started = time.perf_counter()
            search(repo, query, {}, 10)
            per_query[query].append((time.perf_counter() - started) * 1000)
    timings = sorted(t for found in per_query.values() for t in found)
    return {
        "p50_ms": statistics.median(timings),
        "p95_ms": timings[int(len(timings) * 0.95) - 1],
        "n": len(timings),
        "median_ms_by_query": {query: statistics.median(found) for query, found in per_query.items()},
        "total_hits_by_query": totals,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path("/tmp/zi-bench/drive-zipf-2000"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/zi-bench"))
    parser.add_argument("--files", type=int, nargs="+", default=[10000, 50000])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--backend", choices=("whoosh", "tantivy"), default=None)
    parser.add_argument("--reuse", action="store_true", help="search the index an earlier run built, no rebuild")
    args = parser.parse_args()
    if not (args.source / ".zi-evidence" / "catalog.sqlite").exists():
        raise SystemExit(f"{args.source} has no catalog: index it first (bench/index_bench.py)")
    results = []
    for files in args.files:
        root = args.work / f"search-scale-{files}"
        built = None
        if not (args.reuse and (root / ".zi-evidence" / "index").is_dir()):
            synthetic_repo(args.source, root, files)
            choose_stack(root, args.backend, "pdfium")
            built = build_index(root)
        found = latency(root, args.rounds)
        index_mb = sum(p.stat().st_size for p in (root / ".zi-evidence" / "index").rglob("*") if p.is_file()) / 1e6
        results.append(
            {
                "files": files,
                "backend": args.backend or "default",
                "rebuild_s": built,
                "index_mb": index_mb,
                "search": found,
            }
        )
        print(json.dumps(results[-1]), flush=True)
    out = ROOT / "bench" / "results" / ("search-scale-reuse.json" if args.reuse else "search-scale.json")
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
