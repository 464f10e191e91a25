"""Web app benchmark: page latency of ``zi-evidence serve`` on a synthetic drive of N files, under a loopback
load of a few concurrent clients, bounded in requests and in time.

    python bench/web_bench.py --files 2000     # writes bench/results/web-2000.json and prints a table

The drive is the one ``bench/index_bench.py`` builds (same generator, same cache under --work); it is
indexed with ``zi-evidence index`` (nothing to do when already current), then served by
``zi-evidence serve DRIVE --port 0`` in a subprocess, exactly as a user starts it. Each client thread
keeps one HTTP connection open (as a browser does). Four phases load one page each: the dashboard, the
heaviest question page, a file page (rotating over files) and a search page (rotating over queries);
a last phase requests all four in turns. Each phase is bounded by --requests and --max-seconds.
Needs the ``test`` extra (reportlab) to build the drive.
"""

from __future__ import annotations

import argparse
import http.client
import json
import queue
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

from index_bench import QUERIES, ROOT, build_drive

CLI = [sys.executable, "-m", "zi_evidence"]
ADDRESS = re.compile(r"Server berjalan di (http://\S+/)")
#: the synthetic drive files most of its documents under A.I.1.i.a … A.I.6.i.a; the first is the largest
QUESTION = "A.I.1.i.a"
PAGES = ("beranda", "pertanyaan", "berkas", "cari")


def aim_ms(files: int) -> int:
    """Issue 12: p95 ≤ 150 ms at 2,000 files, ≤ 300 ms at 10,000."""
    return 150 if files <= 2000 else 300


def start_server(drive: Path, timeout: float) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [*CLI, "serve", str(drive), "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:  # keeps draining stdout so the server never blocks on a full pipe
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(deadline - time.monotonic(), 0.01))
        except queue.Empty:
            break
        if line is None:
            break
        if found := ADDRESS.search(line):
            return process, found.group(1)
    stop_server(process)
    raise SystemExit(f"zi-evidence serve {drive} did not print its address within {timeout:.0f} s")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def fetch(connection: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read()


def targets(base: str) -> dict[str, list[str]]:
    """The URLs of each page kind: files come from the question page, so every one exists."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    status, body = fetch(connection, f"/pertanyaan/{QUESTION}")
    if status != 200:
        raise SystemExit(f"/pertanyaan/{QUESTION} answered {status}: is this the bench drive?")
    ids = list(dict.fromkeys(re.findall(rb'data-file-id="(\d+)"', body)))[:20]
    if not ids:
        raise SystemExit(f"/pertanyaan/{QUESTION} lists no file")
    connection.close()
    return {
        "beranda": ["/"],
        "pertanyaan": [f"/pertanyaan/{QUESTION}"],
        "berkas": [f"/berkas/{file_id.decode()}" for file_id in ids],
        "cari": [f"/cari?q={quote(query)}" for query in QUERIES],
    }


def client(
    base: str,
    urls: dict[str, list[str]],
    kinds: tuple[str, ...],
    offset: int,
    requests: int,
    deadline: float,
    out: list,
) -> None:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    for i in range(requests):
        if time.monotonic() > deadline:
            break
        kind = kinds[(i + offset) % len(kinds)]
        choices = urls[kind]
        path = choices[(i // len(kinds) + offset) % len(choices)]
        started = time.perf_counter()
        try:
            status, _ = fetch(connection, path)
        except (OSError, http.client.HTTPException):
            status = 0
            connection.close()
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        out.append((kind, path, status, (time.perf_counter() - started) * 1000))
    connection.close()


def percentile(sorted_ms: list[float], share: float) -> float:
    return sorted_ms[max(0, min(len(sorted_ms) - 1, round(share * len(sorted_ms)) - 1))]


def summarise(samples: list[tuple[str, str, int, float]], files: int, kinds: tuple[str, ...]) -> dict[str, dict]:
    result = {}
    for kind in kinds:
        ok = sorted(ms for k, _, status, ms in samples if k == kind and status == 200)
        errors = sum(1 for k, _, status, _ in samples if k == kind and status != 200)
        entry: dict = {"n": len(ok), "errors": errors}
        if ok:
            p95 = percentile(ok, 0.95)
            entry |= {
                "p50_ms": round(statistics.median(ok), 1),
                "p95_ms": round(p95, 1),
                "max_ms": round(ok[-1], 1),
                "aim_p95_ms": aim_ms(files),
                "met": p95 <= aim_ms(files),
            }
        result[kind] = entry
    return result


def load(base: str, urls: dict[str, list[str]], kinds: tuple[str, ...], args: argparse.Namespace) -> dict:
    """``--clients`` threads, each ``--requests`` requests over ``kinds`` in turns, stopped at ``--max-seconds``."""
    samples: list[tuple[str, str, int, float]] = []
    deadline = time.monotonic() + args.max_seconds
    started = time.perf_counter()
    threads = [
        threading.Thread(target=client, args=(base, urls, kinds, offset, args.requests, deadline, samples))
        for offset in range(args.clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "requests_done": len(samples),
        "seconds": round(elapsed, 1),
        "pages": summarise(samples, args.files, kinds),
    }


def row(entry: dict) -> str:
    if not entry["n"]:
        return f"{'-':>6}{'-':>9}{'-':>9}"
    flag = "" if entry["met"] else " !"
    return f"{entry['n']:>6}{entry['p50_ms']:>9}{entry['p95_ms']:>9}{flag:<2}" + (
        f" ({entry['errors']} errors)" if entry["errors"] else ""
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/zi-bench"))
    parser.add_argument("--clients", type=int, default=4, help="concurrent client threads")
    parser.add_argument("--requests", type=int, default=40, help="requests per client and phase (bounded)")
    parser.add_argument("--max-seconds", type=float, default=60, help="stop a phase's load after this long")
    parser.add_argument("--out", type=Path, help="JSON results (default: bench/results/web-<N>.json)")
    args = parser.parse_args()
    command = " ".join(["python bench/web_bench.py", *sys.argv[1:]])

    drive = args.work / f"drive-zipf-{args.files}"
    if not drive.exists():
        started = time.perf_counter()
        build_drive(drive, args.files)
        print(f"built {drive} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    subprocess.run([*CLI, "index", str(drive), "--quiet"], check=True, stdout=subprocess.DEVNULL)

    process, base = start_server(drive, timeout=120)
    try:
        urls = targets(base)
        warm = http.client.HTTPConnection(urlsplit(base).hostname, urlsplit(base).port, timeout=120)
        for path in [url for kind in PAGES for url in urls[kind]]:
            fetch(warm, path)  # the first request of each URL pays imports and cold caches
        warm.close()
        # each page alone under the concurrent clients (what it costs), then all four mixed (what a
        # user meets while others browse: a slow page delays the fast ones on the same cores)
        alone = {kind: load(base, urls, (kind,), args) for kind in PAGES}
        mixed = load(base, urls, PAGES, args)
    finally:
        stop_server(process)

    result = {
        "files": args.files,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": command,
        "clients": args.clients,
        "requests_per_client": args.requests,
        "max_seconds_per_phase": args.max_seconds,
        "question": QUESTION,
        "aim_p95_ms": aim_ms(args.files),
        "alone": {kind: {**phase["pages"][kind], "seconds": phase["seconds"]} for kind, phase in alone.items()},
        "mixed": mixed,
    }
    out = args.out or ROOT / "bench" / "results" / f"web-{args.files}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"N = {args.files} files, {args.clients} clients; aim p95 <= {aim_ms(args.files)} ms ('!' = missed)")
    print(f"{'page':<12}{'alone: n':>6}{'p50':>9}{'p95':>9}  {'mixed: n':>8}{'p50':>9}{'p95':>9}")
    for kind in PAGES:
        print(f"{kind:<12}{row(result['alone'][kind])}  {row(mixed['pages'][kind])}")
    print(f"results in {out}")
    print(f"reproduce: {command}")


if __name__ == "__main__":
    main()
