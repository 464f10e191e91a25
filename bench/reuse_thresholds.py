"""The measured set behind the near-same text threshold (zi_evidence/server/similar.py): pairs of
synthetic SKs (bench/sktext.py) that should be found (another unit's SK with the names changed, with
also the number, date and one member changed, last year's SK re-dated) and pairs that should not (two
units filling in the same ministry template with their own teams; independent SKs).

    python bench/reuse_thresholds.py --pairs 200

Prints, for each kind of pair, the exact Jaccard similarity of word shingles of 3, 4 and 5 words and the
MinHash estimate the server uses, as min / median / max; how many pairs the server reports (an LSH
candidate whose estimate reaches the threshold); and the sketch time per file.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import sktext  # noqa: E402

from zi_evidence.server import similar  # noqa: E402

CITIES = "Malang Surabaya Kediri Madiun Jember Blitar Bandung Bogor Cirebon Garut Tasikmalaya Sukabumi".split()
KINDS = ("Lapas Kelas IIA", "Rutan Kelas I", "Lapas Kelas IIB", "Rutan Kelas IIB", "Bapas Kelas I", "Kantor Imigrasi")


def a_unit(rng: random.Random) -> sktext.Unit:
    city = rng.choice(CITIES)
    return sktext.unit(rng, f"{rng.choice(KINDS)} {city}", city)


def jaccard(a: list[str], b: list[str], k: int) -> float:
    sa = {tuple(a[i : i + k]) for i in range(len(a) - k + 1)}
    sb = {tuple(b[i : i + k]) for i in range(len(b) - k + 1)}
    return len(sa & sb) / len(sa | sb)


def pairs(rng: random.Random, count: int) -> dict[str, list[tuple[list[str], list[str]]]]:
    kinds: dict[str, list[tuple[list[str], list[str]]]] = {k: [] for k in ("copy", "careful", "next_year", "template",
                                                                          "independent")}  # fmt: skip
    for n in range(count):
        one, two = a_unit(rng), a_unit(rng)
        sk = sktext.make_sk(rng, one, 2026)
        kinds["copy"].append((sktext.pages(sk), sktext.pages(sktext.copy_sk(sk, two))))
        kinds["careful"].append((sktext.pages(sk), sktext.pages(sktext.copy_sk(sk, two, rng))))
        kinds["next_year"].append((sktext.pages(sk), sktext.pages(sktext.copy_sk(sk, one, rng, year=2027))))
        template = random.Random(n)  # the same ministry template for both units
        mine = sktext.make_sk(rng, one, 2026, template=random.Random(n))
        theirs = sktext.make_sk(rng, two, 2026, template=template)
        kinds["template"].append((sktext.pages(mine), sktext.pages(theirs)))
        kinds["independent"].append((sktext.pages(sk), sktext.pages(sktext.make_sk(rng, two, 2026))))
    return kinds


def spread(values: list[float]) -> str:
    return f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(5)
    report: dict[str, dict[str, str]] = {}
    seconds, sketched = 0.0, 0
    for kind, found in pairs(rng, args.pairs).items():
        row: dict[str, list[float]] = {"j3": [], "j4": [], "j5": [], "minhash": []}
        candidate: list[bool] = []
        for a, b in found:
            wa, wb = similar.words(a), similar.words(b)
            for k in (3, 4, 5):
                row[f"j{k}"].append(jaccard(wa, wb, k))
            t0 = time.perf_counter()
            sa, sb = similar.sketch(a), similar.sketch(b)
            seconds += time.perf_counter() - t0
            sketched += 2
            assert sa and sb
            row["minhash"].append(similar.similarity(sa.signature, sb.signature))
            candidate.append(bool(set(sa.bands) & set(sb.bands)))
        report[kind] = {name: spread(values) for name, values in row.items()}
        # reported: the pair shares an LSH band (so the database finds it) and its estimate reaches the threshold
        flagged = sum(v >= similar.THRESHOLD and c for v, c in zip(row["minhash"], candidate, strict=True))
        report[kind]["flagged"] = f"{flagged}/{len(found)}"
    report["sketch_ms_per_file"] = {"ms": f"{1000 * seconds / sketched:.2f}"}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
