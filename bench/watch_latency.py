"""Time from a file landing in a watched folder to it being searchable, and what watching costs at rest.

    python bench/watch_latency.py [--files 2000] [--trials 20] [--idle-files 10000] [--idle-seconds 20]

For inotify and for polling (default intervals, default stability delay), ``zi-evidence watch --json``
runs in a subprocess over a drive of N already-indexed files; each trial writes one new file with a
unique word and waits for its change line (printed only after the index is reconciled), then checks
it is found by ``search``. The idle part measures the watcher's CPU time (user+system from /proc)
over a quiet drive of ``--idle-files`` files, for inotify and several polling intervals.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

CONFIG = "schema_version: 1\nruleset: permenpanrb-90-2021\nunit:\n  name: Bench\nyear: 2026\ntarget: WBK\n"
CLI = [sys.executable, "-m", "zi_evidence"]


def make_drive(root: Path, files: int) -> None:
    root.mkdir(parents=True)
    (root / "zi-evidence.yaml").write_text(CONFIG, encoding="utf-8")
    for i in range(files):
        folder = root / f"AREA {i % 6 + 1}" / f"sub{i % 50}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"berkas{i:05}.txt").write_text(f"laporan pelayanan publik nomor {i}", encoding="utf-8")
    subprocess.run([*CLI, "index", str(root), "-q"], check=True, stdout=subprocess.DEVNULL)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Watch:
    def __init__(self, root: Path, polling: float | None) -> None:
        args = [*CLI, "watch", str(root), "--json", "--reconcile", "0"]
        if polling:
            args += ["--polling", str(polling)]
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.lines: list[tuple[float, dict]] = []
        self.ready = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            record = json.loads(line)
            self.lines.append((time.monotonic(), record))
            if "message" in record and "Memantau" in record["message"]:
                self.ready.set()

    def wait_for_path(self, path: str, since: int, timeout: float = 120) -> float:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for when, record in self.lines[since:]:
                if record.get("path") == path:
                    return when
            time.sleep(0.01)
        raise TimeoutError(path)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)


def latency(root: Path, polling: float | None, trials: int) -> list[float]:
    from zi_evidence.repository import Repository
    from zi_evidence.search.query import search

    watch = Watch(root, polling)
    watch.ready.wait(60)
    time.sleep(3)  # the start-up full run over the drive
    results = []
    try:
        for trial in range(trials):
            word = f"unik{polling or 0:g}x{trial}".replace(".", "")
            rel = f"AREA 1/baru-{word}.txt"
            since = len(watch.lines)
            landed = time.monotonic()
            (root / rel).write_text(f"dokumen {word}", encoding="utf-8")
            seen = watch.wait_for_path(rel, since)
            assert [h.path for h in search(Repository.open(root), word, {}, 5).hits] == [rel]
            results.append(seen - landed)
            time.sleep(0.5)
    finally:
        watch.stop()
    return results


def idle_cost(root: Path, polling: float | None, seconds: float) -> float:
    watch = Watch(root, polling)
    watch.ready.wait(60)
    time.sleep(15)  # let the start-up full run and the first snapshot finish: only the quiet drive is measured
    start, began = cpu_seconds(watch.process.pid), time.monotonic()
    time.sleep(seconds)
    used = cpu_seconds(watch.process.pid) - start
    elapsed = time.monotonic() - began
    watch.stop()
    return 100 * used / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--trials", type=int, default=20, help="0 skips the latency measurement")
    parser.add_argument("--idle-files", type=int, default=10000, help="0 skips the idle measurement")
    parser.add_argument("--idle-seconds", type=float, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        drive = Path(tmp) / "drive"
        make_drive(drive, args.files)
        print(f"Latency, {args.files} files already indexed, default stability 2 s, debounce 1 s:")
        print("| observer | median (s) | p95 (s) | max (s) |\n| --- | --- | --- | --- |")
        for label, polling in (("inotify", None), ("polling 5 s (default)", 5.0), ("polling 1 s", 1.0)):
            if not args.trials:
                break
            values = sorted(latency(drive, polling, args.trials))
            p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
            print(f"| {label} | {statistics.median(values):.2f} | {p95:.2f} | {values[-1]:.2f} |")
        if not args.idle_files:
            return
        idle = Path(tmp) / "idle"
        make_drive(idle, args.idle_files)
        print(f"\nIdle CPU of the watch process, {args.idle_files} files:")
        print("| observer | measured over | CPU (% of one core) |\n| --- | --- | --- |")
        for label, polling in (("inotify", None), ("polling 1 s", 1.0), ("polling 5 s", 5.0), ("polling 30 s", 30.0)):
            window = max(args.idle_seconds, 3 * (polling or 0))  # several polls, or the figure means nothing
            print(f"| {label} | {window:g} s | {idle_cost(idle, polling, window):.1f} |")


if __name__ == "__main__":
    main()
