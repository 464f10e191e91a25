"""Common grams: the index's own list of frequent body terms, and the pair tokens they allow.

A phrase query is slow only when both of its words stand in many documents (tantivy checks positions
in every document holding both); otherwise the rarer word bounds the check. So two adjacent terms are
also indexed as one pair token only when both are on the list, which a rebuild picks from the first
documents it is given, before it writes any, and keeps in the generation folder: later updates and
every query of that generation use the same list. A phrase whose words are not both on it is checked
by position, so what is found never depends on the list, only how fast.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterable
from itertools import compress, islice
from pathlib import Path

from zi_evidence import IndexDoc, IndexUnavailable, index_terms

#: How many terms the list holds at most: at 2,000 to 10,000 files the top 200 by document frequency
#: kept the slow phrase one lookup at 0.11 x the size of pairing every two words (bench/README.md).
TOP = 200
#: A term in one document only makes a phrase that checks one document: no pair needed.
AT_LEAST = 2
FILE = "COMMON_TERMS"


def document_counts(docs: Iterable[IndexDoc]) -> Counter[str]:
    """In how many of ``docs`` each body term stands."""
    counts: Counter[str] = Counter()
    for doc in docs:
        counts.update(set(index_terms(doc.text)))
    return counts


def choose(counts: Counter[str]) -> tuple[str, ...]:
    """The most frequent terms, most frequent first; ties by the term, so the same sample gives the same list."""
    ranked = sorted((item for item in counts.items() if item[1] >= AT_LEAST), key=lambda kv: (-kv[1], kv[0]))
    return tuple(term for term, _ in ranked[:TOP])


def pair_tokens(terms: list[str], common: frozenset[str]) -> str:
    """``a_b`` for each two adjacent terms both on the list (terms never hold ``_``), space-separated."""
    if len(terms) < 2 or not common:
        return ""
    listed = list(map(common.__contains__, terms))
    both = map(operator.and_, listed, islice(listed, 1, None))
    return " ".join(map("_".join, compress(zip(terms, islice(terms, 1, None), strict=False), both)))


def write(folder: Path, ranked: tuple[str, ...]) -> None:
    (folder / FILE).write_text("".join(f"{term}\n" for term in ranked), encoding="utf-8")


def read(folder: Path) -> frozenset[str]:
    path = folder / FILE
    try:
        return frozenset(path.read_text(encoding="utf-8").split())
    except (OSError, UnicodeDecodeError) as exc:
        raise IndexUnavailable(
            f"Indeks pencarian tidak dapat dibuka: daftar kata umum {path} tidak dapat dibaca ({exc}). "
            "Bangun ulang indeks; dokumen bukti tidak terpengaruh."
        ) from exc
