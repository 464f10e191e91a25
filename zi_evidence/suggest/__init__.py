"""Content-based mapping suggestions: for every unmapped or indicator-level file, its likely questions.

Reads an ``EvidenceContext`` (the catalog as plain data) and returns frozen data that ``status``, the
readiness report and ``zi-evidence map`` use. A suggestion is never applied by itself: accepting one
adds a mapping rule to zi-evidence.yaml (``accept.add_mapping_rule``); no file is moved.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import Any

from zi_evidence.suggest.rank import (
    KIND_BONUS,
    NEIGHBOUR_FLOOR,
    NEIGHBOUR_WEIGHT,
    RULESET_WEIGHT,
    Doc,
    Space,
    cosine,
    file_doc,
    name_doc,
    shared_words,
    target_doc,
)

#: Statuses whose files get suggestions: nowhere yet, or only on an indicator (which question?).
OPEN_STATUSES = frozenset({"unmapped", "ambiguous", "indicator"})
LIMIT = 3
MIN_SCORE = 0.12
MAX_NEIGHBOURS = 30  # per question, distinct descriptions


@dataclass(frozen=True)
class Guess:
    """One likely question for a file, with its score and why (Bahasa Indonesia)."""

    question: str
    label: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Suggestion:
    path: str
    mapping_status: str  # unmapped | ambiguous | indicator
    current: str | None  # the indicator it sits on, if any
    guesses: tuple[Guess, ...]

    @property
    def command(self) -> str:
        """How to accept the top guess."""
        return self.command_for(self.guesses[0].question) if self.guesses else ""

    def command_for(self, question: str) -> str:
        """How to accept ``question`` for this file."""
        return map_command(self.path, question)


#: What a POSIX shell still expands inside double quotes (and ``!``, its history in an interactive shell).
_EXPANDED_IN_QUOTES = frozenset('$`\\"!')


def map_command(path: str, question: str) -> str:
    """The ``zi-evidence map`` line a user copies into a terminal: the file name is data, never shell code.

    Plain double quotes read best (and work in cmd.exe too); a name a shell would expand even inside them
    (``$(…)``, backquotes, ``!``) is single-quoted instead, so pasting the line runs nothing but the command.
    """
    if _EXPANDED_IN_QUOTES.isdisjoint(path):
        return f'zi-evidence map "{path}" {question}'
    return f"zi-evidence map {shlex.quote(path)} {shlex.quote(question)}"


def suggest(context: Any, limit: int = LIMIT, neighbours: bool = True) -> tuple[Suggestion, ...]:
    """Suggestions for every open file of ``context``, in path order; files with no good guess are left out.

    ``neighbours=False`` uses the rule set's words only (what bench/suggest_bench.py also measures)."""
    engine = _Engine(context, neighbours)
    found = (engine.for_file(f, limit) for f in context.files if f.mapping_status in OPEN_STATUSES)
    return tuple(sorted((s for s in found if s.guesses), key=lambda s: s.path))


class _Engine:
    def __init__(self, context: Any, neighbours: bool = True) -> None:
        self.context = context
        ruleset = context.ruleset
        self.targets = [t for t in context.targets]
        names = {i.id: i.name for i in ruleset.indicators} | {g.id: g.name for g in getattr(ruleset, "hasil", ())}
        docs = []
        for target in self.targets:
            question = ruleset.question(target.id)
            criteria = " ".join(question.criteria.values()) if question else ""
            docs.append(target_doc(target.label, criteria, target.evidence, names.get(target.indicator_id or "", "")))
        self.kinds = [{e.kind for e in t.evidence if getattr(e, "kind", None)} for t in self.targets]
        # only the open files are read in full; a mapped file is described by its name and subject
        self.file_docs = {
            f.id: file_doc(f.name, context.text(f)) for f in context.files if f.mapping_status in OPEN_STATUSES
        }
        described: dict[str, dict[frozenset[str], tuple[Any, Doc]]] = {}
        for f in context.files if neighbours else ():
            if f.mapping_status == "question" and f.target_id:
                doc = name_doc(f.name, context.text(f))
                same = described.setdefault(f.target_id, {})
                if len(same) < MAX_NEIGHBOURS:  # a monthly series says the same thing twelve times
                    same.setdefault(frozenset(doc.weights), (f, doc))
        everything = [d for same in described.values() for _, d in same.values()]
        # one IDF over the questions and the drive's documents: words every ZI document has weigh little
        self.space = Space([*docs, *self.file_docs.values(), *everything])
        self.rule_vectors = [self.space.vector(d) for d in docs]
        self.neighbours = {
            target: [(f, self.space.vector(d)) for f, d in same.values()] for target, same in described.items()
        }

    def for_file(self, file: Any, limit: int) -> Suggestion:
        doc = self.file_docs[file.id]
        current = file.target_id if file.mapping_status == "indicator" else None
        if not doc.weights:
            return Suggestion(file.path, file.mapping_status, current, ())
        rule_vec = file_vec = self.space.vector(doc)
        scored = []
        for index, target in enumerate(self.targets):
            if current and target.indicator_id != current:
                continue
            rule = cosine(rule_vec, self.rule_vectors[index])
            near, neighbour, near_vec = 0.0, None, None
            for other, vector in self.neighbours.get(target.id, ()):
                if other.sha256 == file.sha256:
                    continue  # a copy of the same bytes proves nothing
                similarity = cosine(file_vec, vector)
                if similarity > near:
                    near, neighbour, near_vec = similarity, other, vector
            kind = sorted(set(file.kinds) & self.kinds[index])
            # a neighbour counts above what any two ZI documents share by their common words
            score = (
                RULESET_WEIGHT * rule
                + NEIGHBOUR_WEIGHT * max(0.0, near - NEIGHBOUR_FLOOR)
                + (KIND_BONUS if kind else 0.0)
            )
            if score >= MIN_SCORE:
                reasons = self._reasons(doc, rule_vec, index, kind, neighbour, near, file_vec, near_vec, current)
                scored.append(Guess(target.id, target.label, round(score, 3), reasons))
        scored.sort(key=lambda g: (-g.score, self.context.order(g.question)))
        return Suggestion(file.path, file.mapping_status, current, tuple(scored[:limit]))

    def _reasons(self, doc, rule_vec, index, kind, neighbour, near, file_vec, near_vec, current) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
        reasons = []
        words = shared_words(rule_vec, self.rule_vectors[index], doc.shown)
        if words:
            reasons.append("kata yang sama dengan pertanyaan/data dukungnya: " + ", ".join(words))
        if kind:
            labels = ", ".join(self.context.kind_label(k) for k in kind)
            reasons.append(f"jenis dokumen {labels} lazim untuk pertanyaan ini")
        if neighbour is not None and near > NEIGHBOUR_FLOOR and near_vec is not None:
            common = shared_words(file_vec, near_vec, doc.shown)
            reasons.append(f"mirip '{neighbour.name}' yang sudah dipetakan ke sini ({', '.join(common)})")
        if current:
            reasons.append(f"berkas sudah di indikator {current}: hanya pertanyaannya yang dipertimbangkan")
        return tuple(reasons)
