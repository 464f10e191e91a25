"""bench/server_bench.py keeps working: two units of three files on the test PostgreSQL (no timing asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_server_bench_runs_on_two_tiny_units(postgres_db, tmp_path):
    out = tmp_path / "server.json"
    args = ["--units", "2", "--files", "3", "--pages", "2", "--rounds", "1", "--dsn", postgres_db, "--out", out]
    done = subprocess.run(
        [sys.executable, ROOT / "bench" / "server_bench.py", *map(str, args)], capture_output=True, text=True,
        timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text())
    assert result["units"] == 2 and result["files"] == 6 and result["pages"] >= 6
    for key in ("search_unit", "search_all", "rollup_kanwil", "rollup_all"):
        assert 0 < result[key]["p50_ms"] <= result[key]["p95_ms"], result
