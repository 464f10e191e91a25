"""Peak RSS of a parse worker on each hostile-corpus fixture, under the default limits.

    python bench/worker_rss.py [--memory-mb 1536]

Each file is parsed by a one-worker pool in a fresh interpreter; the peak is the worker's exact
``ru_maxrss`` (getrusage of reaped children), not a sample.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = """
import json, os, resource, sys
from zi_evidence.index.workers import ParseTask, WorkerPool
from zi_evidence.parsing import ParseLimits
from zi_evidence.plugins import make_plugin_manager
limits = ParseLimits(memory_mb=int(sys.argv[3]))
with WorkerPool(make_plugin_manager().parsers(), limits, processes=1) as pool:
    (outcome,) = list(pool.run([ParseTask(0, os.fsencode(sys.argv[1]), sys.argv[2])]))
problems = [outcome.problem.code] if outcome.problem else [p.code for p in outcome.document.problems]
print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, "problems": problems}))
"""


def _corpus_module():
    spec = importlib.util.spec_from_file_location("hostile_corpus", ROOT / "tests" / "index" / "conftest.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["hostile_corpus"] = module
    spec.loader.exec_module(module)
    return module


def build(folder: Path) -> list[tuple[Path, str]]:
    from PIL import Image

    corpus = _corpus_module()
    (folder / "teks-raksasa.pdf").write_bytes(corpus.text_bomb_pdf())
    corpus.zip_bomb(folder / "bom.docx", "word/document.xml", 60)
    corpus.zip_bomb(folder / "bom.xlsx", "xl/worksheets/sheet1.xml", 60)
    Image.new("RGB", (13_000, 13_000), (255, 255, 255)).save(folder / "pindaian.png", optimize=True)
    return [
        (folder / "teks-raksasa.pdf", "pdf"),
        (folder / "bom.docx", "docx"),
        (folder / "bom.xlsx", "xlsx"),
        (folder / "pindaian.png", "image"),
        (folder / "pindaian.png", "ocr"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--memory-mb", type=int, default=1536)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        for path, name in build(Path(temporary)):
            done = subprocess.run(
                [sys.executable, "-c", CHILD, str(path), name, str(args.memory_mb)],
                capture_output=True,
                text=True,
                cwd=ROOT,
                check=True,
            )
            result = json.loads(done.stdout.strip().splitlines()[-1])
            size = path.stat().st_size // 1024
            print(f"{path.name:18} {name:6} {size:6} KB  peak {result['peak_mb']:5} MB  {','.join(result['problems'])}")


if __name__ == "__main__":
    main()
