"""Rank the likely questions of one file: its words against each question's, and against mapped files.

Two TF-IDF cosine similarities, added: (1) the file (name, title, the *tentang …* subject of a decree,
the start of its text) against the rule set's own words for the question (label, criteria, typical
evidence, indicator name); (2) against the files already mapped to that question in this repository
(nearest neighbour by name and decree subject, above a floor: boilerplate such as letterheads and
signatures makes any two documents of a unit alike; a file with the same bytes does not count).
A document kind the question expects adds a small bonus.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from zi_evidence.suggest.terms import bag

TITLE_CHARS = 600
BODY_CHARS = 4000
_SUBJECT = re.compile(
    r"\bt\s*e\s*n\s*t\s*a\s*n\s*g\b\s*:?\s*(.{10,200}?)(?:\n\s*\n|menimbang|\bmengingat\b|$)", re.I | re.S
)
RULESET_WEIGHT = 1.0
NEIGHBOUR_WEIGHT = 0.5
NEIGHBOUR_FLOOR = 0.6
KIND_BONUS = 0.06
TERMS_SHOWN = 5


@dataclass(frozen=True)
class Doc:
    weights: dict[str, float]
    shown: dict[str, str]


def file_doc(name: str, text: str) -> Doc:
    stem_of_name = name.rsplit(".", 1)[0]
    subject = _SUBJECT.search(text[:3000])
    parts = [(stem_of_name, 3.0), (text[:TITLE_CHARS], 1.5), (text[:BODY_CHARS], 0.5)]
    if subject:
        parts.append((subject.group(1), 3.0))
    return Doc(*bag(parts))


def name_doc(name: str, text: str) -> Doc:
    """What a mapped file says of itself without the boilerplate it shares with its unit's other documents
    (letterhead, signatures): its name and a decree's subject."""
    subject = _SUBJECT.search(text[:3000])
    return Doc(*bag([(name.rsplit(".", 1)[0], 1.0), (subject.group(1) if subject else "", 1.0)]))


def target_doc(label: str, criteria: str, evidence: Iterable[Any], indicator_name: str) -> Doc:
    described = " ".join(getattr(e, "description", str(e)) for e in evidence)
    return Doc(*bag([(label, 2.0), (criteria, 0.7), (described, 1.5), (indicator_name, 1.0)]))


class Space:
    """IDF over a set of documents, and normalised vectors in it."""

    def __init__(self, docs: Iterable[Doc]) -> None:
        frequency: Counter[str] = Counter()
        count = 0
        for doc in docs:
            count += 1
            frequency.update(doc.weights.keys())
        self.idf = {term: math.log(1 + count / df) for term, df in frequency.items()}
        self.unknown = math.log(1 + max(count, 1))

    def vector(self, doc: Doc) -> dict[str, float]:
        raw = {t: w * self.idf.get(t, self.unknown) for t, w in doc.weights.items()}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        return {t: v / norm for t, v in raw.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def shared_words(a: dict[str, float], b: dict[str, float], shown: dict[str, str]) -> list[str]:
    """The words that weigh most in the match, as the file spells them."""
    common = sorted(((a[t] * b[t], t) for t in a.keys() & b.keys()), reverse=True)
    return list(dict.fromkeys(shown.get(t, t) for _, t in common[:TERMS_SHOWN]))
