"""bench/web_bench.py keeps working: a tiny drive, a few requests, every page answered (no timing asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_web_bench_runs_on_a_tiny_drive(tmp_path):
    out = tmp_path / "web.json"
    args = ["--files", "30", "--clients", "2", "--requests", "8", "--work", tmp_path, "--out", out]
    done = subprocess.run(
        [sys.executable, ROOT / "bench" / "web_bench.py", *map(str, args)], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text())
    assert result["files"] == 30
    pages = {"beranda", "pertanyaan", "berkas", "cari"}
    assert set(result["alone"]) == pages and set(result["mixed"]["pages"]) == pages
    assert result["mixed"]["requests_done"] == 16
    for figures in [*result["alone"].values(), *result["mixed"]["pages"].values()]:
        assert figures["errors"] == 0 and figures["n"] in (4, 16), figures
        assert 0 < figures["p50_ms"] <= figures["p95_ms"] <= figures["max_ms"]
    assert "reproduce: python bench/web_bench.py --files 30" in done.stdout
