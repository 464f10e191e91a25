"""Server at ministry size: ingest of synthetic unit snapshots into PostgreSQL, subtree-scoped and
ministry-wide search latency (one unit, one Kanwil's units, all units), roll-up latency and database size.

    python bench/server_bench.py                      # 200 units x 100 files, about 160,000 pages
    python bench/server_bench.py --units 10 --files 20  # a quick look

Without --dsn it starts a throwaway cluster with scripts/start-postgres (and stops it afterwards).
The units' snapshots go through the same receive/commit code as a push (HTTP itself is not timed).
Each unit also files an SK from one ministry template, every tenth a copy of another unit's with the
names changed (bench/sktext.py): the near-same text check runs at ingest as in a real push.
Writes bench/results/server-<units>x<files>.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import sktext  # noqa: E402
from index_bench import QUERIES, sentence, vocabulary  # noqa: E402

from zi_evidence.review.model import Role, User  # noqa: E402
from zi_evidence.server import ingest  # noqa: E402
from zi_evidence.server.blobs import FileBlobStore  # noqa: E402
from zi_evidence.server.database import open_server  # noqa: E402
from zi_evidence.server.org import add_unit, unit_id  # noqa: E402
from zi_evidence.server.snapshot import ManifestEntry, Snapshot  # noqa: E402
from zi_evidence.server.views import rollup_view  # noqa: E402

QUESTIONS = [f"A.{a}.{i}.{c}" for a in range(1, 7) for i in range(1, 5) for c in "abc"]
SEARCHES = [*QUERIES[:4], "W.11-2026/17", "laporan monitoring evaluasi"]


def snapshot_of(
    rng: random.Random, words: list[str], weights: list[float], code: str, files: int, pages: int, sk: list[str]
):
    """A unit's snapshot: ``files`` files of Zipf text, the last one being its SK (``sk``'s pages)."""
    entries, texts, data = [], {}, {}
    for number in range(files):
        page_texts = tuple(
            " ".join(sentence(rng, words, weights) for _ in range(10)) + f" Nomor W.11-2026/{rng.randint(1, 999)}"
            for _ in range(rng.randint(1, 2 * pages - 1))
        ) if number < files - 1 else tuple(sk)  # fmt: skip
        body = "\n".join(page_texts).encode("utf-8")
        sha = hashlib.sha256(body).hexdigest()
        question = rng.choice(QUESTIONS)
        entries.append(ManifestEntry(f"{question}/dok-{number}.pdf", sha, len(body), "application/pdf", question,
                                     "question", "pdf", "1"))  # fmt: skip
        texts[sha], data[sha] = page_texts, body
    summary = {"ruleset": "permenkumham-29-2019", "questions": len(QUESTIONS), "supported": files}
    return Snapshot(code, 2026, "permenkumham-29-2019", tuple(entries), texts, (), {}, (), summary), data


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(1000 * statistics.median(ordered), 1),
        "p95_ms": round(1000 * ordered[max(0, int(len(ordered) * 0.95) - 1)], 1),
        "runs": len(ordered),
    }


# the band keys as stored before migration s0004_lsh (one row per band), rebuilt from the current rows,
# so both layouts are measured on the same keys in one run
_OLD_LAYOUT = (
    "CREATE TABLE bench_text_bands (band smallint NOT NULL, bucket bigint NOT NULL, sha256 varchar(64) NOT NULL, "
    "PRIMARY KEY (band, bucket, sha256))",
    "INSERT INTO bench_text_bands SELECT k.n - 1, k.bucket, s.sha256 "
    "FROM text_band_sets s, unnest(s.bands) WITH ORDINALITY AS k(bucket, n)",
    "ANALYZE bench_text_bands",
)
# the lookup a push runs for its new files, in each layout (similar._CANDIDATES before and now)
_LOOKUP_BEFORE = (
    "SELECT DISTINCT k.sha, o.sha256 FROM (SELECT s.sha256 AS sha, (k.n - 1)::smallint AS band, k.bucket "
    "FROM text_band_sets s, unnest(s.bands) WITH ORDINALITY AS k(bucket, n) WHERE s.sha256 = ANY(%(shas)s)) k "
    "JOIN bench_text_bands o ON o.band = k.band AND o.bucket = k.bucket AND o.sha256 <> k.sha"
)
_LOOKUP_NOW = (
    "SELECT n.sha256, o.sha256 FROM text_band_sets n JOIN text_band_sets o "
    "ON o.bands && n.bands AND o.sha256 <> n.sha256 WHERE n.sha256 = ANY(%(shas)s)"
)


def band_lookups(c, rng: random.Random, rounds: int) -> dict[str, object]:
    """Band storage in both layouts, and the reuse lookup of one unit's push (all its files) and of one
    file, the two layouts alternating on the same files; both must find the same pairs."""
    for statement in _OLD_LAYOUT:
        c.exec_driver_sql(statement)
    c.commit()
    size = "SELECT pg_total_relation_size(%(t)s)"
    found: dict[str, object] = {
        "bands_mb_before": round(c.exec_driver_sql(size, {"t": "bench_text_bands"}).scalar() / 1e6, 1),
        "bands_mb": round(c.exec_driver_sql(size, {"t": "text_band_sets"}).scalar() / 1e6, 1),
    }
    by_unit = c.exec_driver_sql(
        "SELECT u.code, array_agg(DISTINCT f.sha256) FROM unit_files f JOIN units u ON u.id = f.unit_id "
        "JOIN text_band_sets b ON b.sha256 = f.sha256 GROUP BY u.code"
    ).all()
    batches = (("unit", lambda: rng.choice(by_unit)[1]), ("file", lambda: [rng.choice(rng.choice(by_unit)[1])]))
    for label, batch in batches:
        samples: dict[str, list[float]] = {"before": [], "now": []}
        for _ in range(rounds):
            shas = batch()
            pairs = {}
            pair = (("before", _LOOKUP_BEFORE), ("now", _LOOKUP_NOW))
            for name, query in pair if len(samples["now"]) % 2 else pair[::-1]:  # each goes first in turn
                t0 = time.perf_counter()
                pairs[name] = set(c.exec_driver_sql(query, {"shas": shas}).all())
                samples[name].append(time.perf_counter() - t0)
            assert pairs["before"] == pairs["now"], "the two layouts found different candidates"
        for name, values in samples.items():
            found[f"reuse_lookup_{label}_{name}"] = percentiles(values)
    c.exec_driver_sql("DROP TABLE bench_text_bands")
    c.commit()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--pages", type=int, default=8, help="mean pages per file")
    parser.add_argument("--rounds", type=int, default=40, help="searches per query kind")
    parser.add_argument("--dsn", default=None)
    parser.add_argument("--out", type=Path, default=None, help="result file (default bench/results/server-UxF.json)")
    args = parser.parse_args()

    folder = None
    dsn = args.dsn
    if dsn is None:
        folder = tempfile.mkdtemp(prefix="zi-bench-pg-")
        dsn = subprocess.run([str(ROOT / "scripts" / "start-postgres"), folder], capture_output=True, text=True,
                             check=True).stdout.strip()  # fmt: skip
    try:
        run(args, dsn)
    finally:
        if folder:
            subprocess.run([str(ROOT / "scripts" / "start-postgres"), "--stop", folder], check=False)
            subprocess.run(["rm", "-rf", folder], check=False)


def run(args: argparse.Namespace, dsn: str) -> None:
    from zi_evidence_pgsearch import PgSearchBackend

    rng = random.Random(14)
    words = vocabulary(rng)
    weights = [1 / (rank + 1) for rank in range(len(words))]
    db = open_server(dsn)
    store_dir = Path(tempfile.mkdtemp(prefix="zi-bench-store-"))
    store = FileBlobStore(store_dir)
    kanwils = max(1, args.units // 20)
    with db.engine.begin() as c:
        add_unit(c, "ES1", "Ditjen", "eselon1", None, date(2026, 1, 1))
        for k in range(kanwils):
            add_unit(c, f"KW{k:02d}", f"Kanwil {k}", "kanwil", "ES1", date(2026, 1, 1))
        for u in range(args.units):
            add_unit(c, f"U{u:03d}", f"UPT {u}", "upt", f"KW{u % kanwils:02d}", date(2026, 1, 1))

    pages = 0
    sks: list[sktext.Sk] = []
    load = {"ingest_start": os.getloadavg()[0]}  # the machine is shared: each figure with its load average
    started = time.perf_counter()
    generating = 0.0
    for u in range(args.units):
        t0 = time.perf_counter()
        # every unit files an SK made from one ministry template; every tenth copied another unit's instead
        here = sktext.unit(rng, f"UPT {u}", f"Kota {u}")
        sks.append(sktext.make_sk(rng, here, 2026, template=random.Random(1)))
        if u % 10 == 5:
            sks[-1] = sktext.copy_sk(sks[u - 5], here, rng)
        snapshot, data = snapshot_of(rng, words, weights, f"U{u:03d}", args.files, args.pages, sktext.pages(sks[-1]))
        generating += time.perf_counter() - t0
        with db.engine.begin() as c:
            for sha, body in data.items():
                ingest.receive(c, store, sha, [body])
            ingest.commit(c, unit_id(c, f"U{u:03d}"), snapshot)
        pages += sum(len(t) for t in snapshot.texts.values())
        if u % 20 == 19:
            print(f"  {u + 1} units, {pages} pages", file=sys.stderr)
    ingest_s = time.perf_counter() - started - generating
    load["ingest_end"] = os.getloadavg()[0]
    with db.engine.begin() as c:
        c.exec_driver_sql("ANALYZE")

    everyone = User("tpi", "TPI", True, (Role("verifikator", "*", "tpi"),))
    kanwil = User("kw", "Kanwil", True, (Role("verifikator", "KW00", "kanwil"),))
    results: dict[str, object] = {}
    with db.engine.connect() as c:
        all_ids = [row[0] for row in c.exec_driver_sql("SELECT id FROM units")]
        unit_ids = [row[0] for row in c.exec_driver_sql("SELECT id FROM units WHERE kind = 'upt'")]
        codes = dict(c.exec_driver_sql("SELECT code, id FROM units").all())
        # a Kanwil verifier's reach: the Kanwil and its UPTs (about 1/20 of the units)
        kanwil_ids = [
            [codes[f"KW{k:02d}"], *(codes[f"U{u:03d}"] for u in range(k, args.units, kanwils))] for k in range(kanwils)
        ]
        scopes = (
            ("unit", lambda: [rng.choice(unit_ids)]),
            ("kanwil", lambda: rng.choice(kanwil_ids)),
            ("all", lambda: all_ids),
        )
        for label, scope in scopes:
            samples = []
            for _ in range(args.rounds):
                for query in SEARCHES:
                    t0 = time.perf_counter()
                    PgSearchBackend.server_search(c, query, scope(), 2026, None, 10)
                    samples.append(time.perf_counter() - t0)
                    c.rollback()  # as a web request ends its transaction
            results[f"search_{label}"] = percentiles(samples)
            load[f"search_{label}_end"] = os.getloadavg()[0]
        for label, user in (("kanwil", kanwil), ("all", everyone)):
            samples = []
            for _ in range(10):
                t0 = time.perf_counter()
                rollup_view(c, user, {}, {}, date(2026, 6, 1))
                samples.append(time.perf_counter() - t0)
            results[f"rollup_{label}"] = percentiles(samples)
        load["rollup_end"] = os.getloadavg()[0]
        results.update(band_lookups(c, rng, max(args.rounds, 20)))
        load["reuse_lookup_end"] = os.getloadavg()[0]
        size = c.exec_driver_sql("SELECT pg_database_size(current_database())").scalar()
        similar_pairs = c.exec_driver_sql("SELECT count(*) FROM similar_texts").scalar()
    db.close()
    shutil.rmtree(store_dir, ignore_errors=True)
    report = {
        "units": args.units, "files": args.units * args.files, "pages": pages,
        "ingest_s": round(ingest_s, 1), "ingest_pages_per_s": round(pages / ingest_s, 1),
        "database_mb": round(size / 1e6, 1), "similar_pairs": similar_pairs, **results,
        "load_average": {k: round(v, 1) for k, v in load.items()},
    }  # fmt: skip
    out = args.out or ROOT / "bench" / "results" / f"server-{args.units}x{args.files}.json"
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
