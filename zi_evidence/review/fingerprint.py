"""The evidence fingerprint: which file versions a question's review was made on, as one hash.

A decision stores the fingerprint of the files mapped to the question when it was made; when the catalog's
current fingerprint differs (a file added, removed, moved or replaced), the decision shows as *berubah sejak
diperiksa*.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from zi_evidence.review.model import Evidence


def fingerprint(files: Iterable[tuple[str, str]]) -> Evidence:
    """The SHA-256 over the sorted ``(path, sha256)`` pairs, one ``path NUL sha256 LF`` line each."""
    pairs = tuple(sorted(set(files)))
    digest = hashlib.sha256()
    for path, sha256 in pairs:
        digest.update(path.encode("utf-8", "surrogateescape") + b"\0" + sha256.encode("ascii") + b"\n")
    return Evidence(pairs, digest.hexdigest())


class CatalogEvidence:
    """The current evidence of every question, read once from the catalog's mapping."""

    def __init__(self, files_by_question: Mapping[str, Iterable[tuple[str, str]]]) -> None:
        self._files = {question: tuple(files) for question, files in files_by_question.items()}
        self._cache: dict[str, Evidence] = {}

    def of(self, question_id: str) -> Evidence:
        if question_id not in self._cache:
            self._cache[question_id] = fingerprint(self._files.get(question_id, ()))
        return self._cache[question_id]

    def sha256s(self, question_id: str) -> set[str]:
        return {sha for _, sha in self._files.get(question_id, ())}
