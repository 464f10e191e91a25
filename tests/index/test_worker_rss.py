"""Parse workers stay under ``limits.memory_mb`` in resident terms (RSS), not only in address space.

Each case runs the pool in a child interpreter and reads the workers' exact peak RSS from
``getrusage(RUSAGE_CHILDREN)`` once they are reaped: no sampling, no timing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

LIMIT_MB = 400

RUNNER = textwrap.dedent(
    """
    import json, os, resource, sys
    from zi_evidence.index.workers import ParseTask, WorkerPool
    from zi_evidence.parsing import ParseLimits
    from zi_evidence.plugins import make_plugin_manager
    sys.path.insert(0, os.path.dirname(sys.argv[1]))
    path, parser, limit = sys.argv[2], sys.argv[3], int(sys.argv[4])
    parsers = {"toucher": __import__("toucher").Toucher} if parser == "toucher" else make_plugin_manager().parsers()
    limits = ParseLimits(seconds=120, memory_mb=limit)
    with WorkerPool(parsers, limits, processes=1) as pool:
        (outcome,) = list(pool.run([ParseTask(0, os.fsencode(path), parser)]))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    problems = [outcome.problem.code] if outcome.problem else [p.code for p in outcome.document.problems]
    print(json.dumps({"peak_mb": peak, "problems": problems}))
    """
)

# Grows its RSS inside a mapping the worker inherited from the parent (as freed-but-mapped heap is):
# the address-space limit cannot see that growth, so only the pool's RSS watch can stop it.
TOUCHER = textwrap.dedent(
    """
    import mmap, time
    AREA = mmap.mmap(-1, 1024 * 2**20, flags=mmap.MAP_PRIVATE)  # mapped in the parent, never touched there
    class Toucher:
        name, version, mime_types = "toucher", "1", ("text/plain",)
        def parse(self, path, limits):
            area = AREA
            for offset in range(0, len(area), 2**20):
                area[offset:offset + 2**20] = b"x" * 2**20
                time.sleep(0.001)
            raise AssertionError("grew past the limit unnoticed")
    """
)


def _run(tmp_path: Path, path: Path, parser: str, limit_mb: int = LIMIT_MB) -> dict:
    (tmp_path / "toucher.py").write_text(TOUCHER)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    args = [sys.executable, "-c", RUNNER, str(tmp_path / "toucher.py"), str(path), parser, str(limit_mb)]
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_rss_growth_inside_an_existing_mapping_is_stopped_at_the_limit(tmp_path):
    path = tmp_path / "f.txt"
    path.write_text("x")
    result = _run(tmp_path, path, "toucher")
    assert result["problems"] == ["memory"]
    # one sampling interval of 1 MB steps past the limit at most
    assert result["peak_mb"] <= LIMIT_MB + 32, result


def test_a_small_png_that_decodes_to_half_a_gigabyte_stays_under_the_limit(tmp_path):
    """The hostile file behind the 1 GB+ worker: a 500 KB RGB PNG of 13,000 x 13,000 pixels, which OCR
    decoded, turned upright and converted (three full copies) under an address-space limit that had the
    worker's inherited mappings added on top."""
    pytest.importorskip("PIL")
    from PIL import Image

    from zi_evidence.plugins import make_plugin_manager

    if "ocr" not in make_plugin_manager().parsers():
        pytest.skip("the OCR parser is not available here")
    path = tmp_path / "pindaian.png"
    Image.new("RGB", (13_000, 13_000), (255, 255, 255)).save(path, optimize=True)
    assert path.stat().st_size < 2 * 2**20
    result = _run(tmp_path, path, "ocr", limit_mb=1024)  # two full copies fit in 1 GB, not with the rest
    assert result["peak_mb"] <= 1024, result
    assert result["problems"], "the page could not be read within the limit, and says so"
