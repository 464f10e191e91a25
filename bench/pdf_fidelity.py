"""PDF text fidelity and speed of the two PDF engines (pypdf, PDFium) against the text the generator wrote.

    python bench/pdf_fidelity.py --files 60        # writes bench/results/pdf-fidelity.json and prints a table

Two layouts, with the words of the bench drive (index_bench's Zipf vocabulary): ``plain`` is the bench
drive's PDF (one text block per page), ``office`` an office-like document (letterhead, centred and bold
headings, wrapped paragraphs, a table, a signature column, page footers). Per engine and layout:
- word recall: the share of the written words (as a multiset, per page) found on the same page;
- order: the longest common subsequence of written and extracted words over the written words, so a
  word read out of place counts as missed;
- pages per second, reading each file once (one process, after a warm-up file).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def office_page(rng: random.Random, vocab: list[str], weights: list[float]) -> tuple[str, str]:
    """(the markup fabricate draws, the words a reader should find, in reading order)."""
    from index_bench import sentence

    heading = " ".join(rng.choices(vocab, weights, k=4)).upper()
    paragraphs = [" ".join(sentence(rng, vocab, weights) for _ in range(4)) for _ in range(3)]
    rows = [[" ".join(rng.choices(vocab, weights, k=3)) for _ in range(3)] for _ in range(3)]
    signer = " ".join(rng.choices(vocab, weights, k=2)).title()
    markup = "\n".join(
        [f"# {heading}", paragraphs[0], f"## {paragraphs[1][:60]}", paragraphs[2]]
        + ["| " + " | ".join(row) + " |" for row in rows]
        + [f"> {signer}"]
    )
    truth = [heading, paragraphs[0], paragraphs[1][:60], paragraphs[2], *(" ".join(r) for r in rows), signer]
    return markup, "\n".join(truth)


def build(target: Path, files: int, seed: int = 11) -> list[tuple[Path, list[str]]]:
    """PDFs of both layouts and, for each, the text written on each page."""
    from index_bench import sentence, vocabulary

    from scripts.fabricate import make_formatted_pdf, make_pdf

    rng = random.Random(seed)
    vocab = vocabulary(rng)
    weights = [1 / rank for rank in range(1, len(vocab) + 1)]
    made = []
    for i in range(files):
        count = rng.randint(1, 6)
        if i % 2 == 0:
            pages = ["\n".join(sentence(rng, vocab, weights) for _ in range(30)) for _ in range(count)]
            path = make_pdf(target / f"plain-{i:04d}.pdf", pages)
            made.append((path, pages))
        else:
            # one page of markup per PDF page: the office layout overflows one page at most by a line
            drawn = [office_page(rng, vocab, weights) for _ in range(count)]
            path = make_formatted_pdf(target / f"office-{i:04d}.pdf", [m for m, _ in drawn])
            made.append((path, [t for _, t in drawn]))
    return made


def score(truth_pages: list[str], read_pages: tuple[str, ...]) -> tuple[int, int, int]:
    """(written words, found on their page, in order) over a file's pages."""
    total = found = ordered = 0
    for number, written in enumerate(truth_pages):
        expected = words(written)
        got = words(read_pages[number]) if number < len(read_pages) else []
        total += len(expected)
        found += sum((Counter(expected) & Counter(got)).values())
        matcher = SequenceMatcher(None, expected, got, autojunk=False)
        ordered += sum(block.size for block in matcher.get_matching_blocks())
    return total, found, ordered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=60)
    parser.add_argument("--work", type=Path, default=Path("/tmp/zi-bench/pdf-fidelity"))
    args = parser.parse_args()
    from zi_evidence.parsing import ParseLimits
    from zi_evidence_pdf import read_pypdf
    from zi_evidence_pdfium import read_pdfium

    made = build(args.work / f"files-{args.files}", args.files)
    limits = ParseLimits()
    engines = {"pypdf": read_pypdf, "pdfium": read_pdfium}
    for read in engines.values():
        read(made[0][0], limits)  # warm-up: imports and first-use caches
    tally: dict[str, Counter[str]] = {}
    # engines in turns per file, so the machine's drift hits both alike
    for path, truth in made:
        layout = path.name.split("-")[0]
        for name, read in engines.items():
            started = time.perf_counter()
            document = read(path, limits)
            seconds = time.perf_counter() - started
            total, found, ordered = score(truth, document.pages)
            row = tally.setdefault(f"{layout}/{name}", Counter())
            row.update(words=total, found=found, ordered=ordered, pages=document.page_count)
            row["s"] += seconds  # type: ignore[assignment]
    result = {
        key: {
            "recall": row["found"] / row["words"],
            "order": row["ordered"] / row["words"],
            "pages_per_s": row["pages"] / row["s"],
            "pages": row["pages"],
            "words": row["words"],
        }
        for key, row in sorted(tally.items())
    }
    out = ROOT / "bench" / "results" / "pdf-fidelity.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"files": args.files, "engines": result}, indent=2))
    print("| layout / engine | word recall | order | pages/s |\n| --- | --- | --- | --- |")
    for key, row in result.items():
        print(f"| {key} | {row['recall']:.4f} | {row['order']:.4f} | {row['pages_per_s']:.0f} |")


if __name__ == "__main__":
    main()
