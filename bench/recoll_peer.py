"""Recoll (recollindex / recollq, Debian packages recoll and python3-recoll) on the bench drive, for
index_bench.py's peer mode: the same files, measured in turns with zi-evidence in one run.

Recoll reads PDFs with pdftotext (poppler-utils) and DOCX with its own filters into a Xapian database;
its configuration and database live under the bench work folder, never in the drive.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import time
from pathlib import Path

#: In-process query timing in the system Python, where Debian's python3-recoll lives.
LATENCY = """
import json, sys, time
from recoll import recoll
db = recoll.connect(confdir=sys.argv[1])
queries, rounds = json.loads(sys.argv[2]), int(sys.argv[3])
timings = {q: [] for q in queries}
for _ in range(rounds):
    for text in queries:
        started = time.perf_counter()
        query = db.query()
        query.execute(text)
        for doc in query.fetchmany(10):
            query.makedocabstract(doc)  # a snippet per hit, as zi-evidence's search gives
        timings[text].append((time.perf_counter() - started) * 1000)
print(json.dumps(timings))
"""


def available() -> str | None:
    """Why Recoll cannot run here, or None."""
    missing = [tool for tool in ("recollindex", "recollq", "pdftotext") if shutil.which(tool) is None]
    if missing:
        return f"missing {', '.join(missing)} (apt-get install -y recoll poppler-utils python3-recoll)"
    return None


def configure(work: Path, drive: Path) -> Path:
    """A Recoll configuration folder indexing ``drive`` only (the tool's state folder skipped)."""
    conf = work / f"recoll-{drive.name}"
    conf.mkdir(parents=True, exist_ok=True)
    (conf / "recoll.conf").write_text(
        f"topdirs = {drive}\nskippedNames+ = .zi-evidence\nloglevel = 1\nidxflushmb = 50\n", encoding="utf-8"
    )
    return conf


def index_from_scratch(conf: Path) -> float:
    shutil.rmtree(conf / "xapiandb", ignore_errors=True)
    return _timed(["recollindex", "-c", str(conf), "-z"])


def index_command(conf: Path) -> list[str]:
    return ["recollindex", "-c", str(conf)]


def search_command(conf: Path, query: str) -> list[str]:
    return ["recollq", "-c", str(conf), "-n", "0-10", "-b", query]


def search_latency(conf: Path, queries: list[str], rounds: int) -> dict:
    out = subprocess.run(
        ["/usr/bin/python3", "-c", LATENCY, str(conf), json.dumps(queries), str(rounds)],
        check=True,
        capture_output=True,
        text=True,
    )
    per_query: dict[str, list[float]] = json.loads(out.stdout)
    timings = sorted(t for found in per_query.values() for t in found)
    return {
        "p50_ms": statistics.median(timings),
        "p95_ms": timings[int(len(timings) * 0.95) - 1],
        "n": len(timings),
        "median_ms_by_query": {query: statistics.median(found) for query, found in per_query.items()},
    }


def _timed(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - started
