"""Probe: tantivy's pair tokens for every two adjacent words, or only where the words are frequent.

    python bench/common_grams.py --source /tmp/zi-bench/drive-zipf-2000 --files 10000 --keep all
    python bench/common_grams.py --source /tmp/zi-bench/drive-zipf-2000 --files 10000 --keep both --top 200

``--keep all`` is index version 2 as it stands. ``--keep either`` pairs two words when one of them is
among the drive's ``--top`` most frequent body terms (document frequency on the source catalog), as
Lucene's common grams do; ``--keep both`` only when both are (a phrase query is slow only when both
words stand in many documents: otherwise the rarer word bounds the position checks). The plugin's
analysis and phrase translation are patched in this process (the analysis workers are forked, so they
inherit it); a phrase whose pair was not indexed is checked by position. The catalog is repeated to
``--files`` rows and rebuilt as bench/search_scale.py does, then searched with its queries plus two
phrases picked from the drive: a frequent word and a rare one, two middling words. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import search_scale  # noqa: E402


def body_terms(source: Path) -> list[list[str]]:
    from zi_evidence import index_terms
    from zi_evidence.index.search_index import index_doc
    from zi_evidence.repository import Repository

    repo = Repository.open(source)
    with repo.catalog() as catalog:
        rules = repo.ruleset
        return [index_terms(index_doc(catalog, record, rules).text) for record in catalog.records()]


def extra_phrases(docs: list[list[str]], rank: dict[str, int]) -> list[str]:
    seen = collections.Counter(pair for terms in docs[:300] for pair in set(zip(terms, terms[1:], strict=False)))

    def pick(a_ranks: range, b_ranks: range) -> str:
        a, b = next(p for p, _ in seen.most_common() if rank[p[0]] in a_ranks and rank[p[1]] in b_ranks)
        return f'"{a} {b}"'

    return [pick(range(0, 50), range(1000, 3000)), pick(range(300, 1000), range(300, 1000))]


def patch(keep: Any) -> None:
    import zi_evidence_tantivy.fields as fields
    import zi_evidence_tantivy.parallel as parallel
    import zi_evidence_tantivy.translate as translate

    plain = fields.analysed

    def analysed(doc: Any) -> Any:
        key, stamp, values, kinds = plain(doc)
        out = []
        for name, value in values:
            if name == fields.PAIRS:
                value = " ".join(p for p in value.split() if keep(*p.split("_")))
            if value:
                out.append((name, value))
        return key, stamp, tuple(out), kinds

    fields.analysed = analysed
    parallel.analysed = analysed
    query = translate.Translator.query

    def by_position(self: Any, node: Any) -> Any:
        two = isinstance(node, translate.Phrase) and node.field == "text" and len(node.words) == 2
        if two and node.slop <= 1 and not keep(*node.words):
            phrase = self.t.Query.phrase_query(self.schema, node.field, list(node.words), 0)
            return self._boosted(phrase, node.boost)
        return query(self, node)

    translate.Translator.query = by_position


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path("/tmp/zi-bench/drive-zipf-2000"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/zi-bench"))
    parser.add_argument("--files", type=int, default=10000)
    parser.add_argument("--keep", choices=("all", "either", "both"), default="all")
    parser.add_argument("--top", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    docs = body_terms(args.source)
    ranked = [t for t, _ in collections.Counter(t for terms in docs for t in set(terms)).most_common()]
    common = set(ranked[: args.top])
    keeps = {
        "all": lambda a, b: True,
        "either": lambda a, b: a in common or b in common,
        "both": lambda a, b: a in common and b in common,
    }
    search_scale.QUERIES = [*search_scale.QUERIES, *extra_phrases(docs, {t: i for i, t in enumerate(ranked)})]
    patch(keeps[args.keep])
    root = args.work / f"common-grams-{args.files}"
    search_scale.synthetic_repo(args.source, root, args.files)
    search_scale.choose_stack(root, "tantivy", "pdfium")
    built = search_scale.build_index(root)
    index_mb = sum(p.stat().st_size for p in (root / ".zi-evidence" / "index").rglob("*") if p.is_file()) / 1e6
    found = search_scale.latency(root, args.rounds)
    print(
        json.dumps(
            {
                "keep": args.keep,
                "top": args.top,
                "files": args.files,
                "rebuild_s": round(built, 1),
                "index_mb": round(index_mb, 1),
                **found,
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
