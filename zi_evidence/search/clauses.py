"""The tagged tokens built into clauses: the plain tree's nodes plus the patterns and the empty
clause that ``zi_evidence.search.normal`` resolves before the plain tree leaves the parser."""

from __future__ import annotations

from dataclasses import dataclass

from zi_evidence.search.analysis import STOP_WORDS, fold, split_words, term_of
from zi_evidence.search.tagging import Tok
from zi_evidence.search.tree import EXACT_FIELD, TEXT_FIELDS, Group, Not, Pair, Phrase, Term


@dataclass(frozen=True)
class Wild:
    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class Prefix:
    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class EveryOf:
    field: str | None
    boost: float = 1.0


class NullType:
    def __repr__(self) -> str:
        return "Null"


NULL = NullType()
Q = Term | Phrase | Group | Not | Pair | Wild | Prefix | EveryOf | NullType


def build(tok: Tok) -> Q | None:
    kind = tok.kind
    if kind in ("and", "or"):
        subs = [q for q in map(build, tok.parts) if q is not None]
        return Group("all" if kind == "and" else "any", tuple(subs), tok.boost)  # type: ignore[arg-type]
    if kind == "notg":
        q = build(tok.parts[0])
        return Not(q) if _truthy(q) else None  # type: ignore[arg-type]
    if kind.endswith("-group"):
        a, b = build(tok.parts[0]), build(tok.parts[1])
        if a is None and b is None:
            return NULL
        if a is None or b is None:
            return a if b is None else b
        return Pair(kind[: -len("-group")], a, b)  # type: ignore[arg-type]
    if kind == "every":
        return EveryOf(None)
    if kind == "phrase":
        return _phrase(tok)
    return _term(tok)


def _truthy(q: Q | None) -> bool:
    # Whoosh's NOT keeps its operand only if it is true: an empty AND/OR (stop words alone) is not
    return q is not None and not (isinstance(q, Group) and not q.parts)


def _phrase(tok: Tok) -> Q:
    name = tok.fieldname or "text"
    if name in TEXT_FIELDS:
        words = tuple(term for term in map(term_of, split_words(tok.text)) if term is not None)
    elif name == EXACT_FIELD:
        words = tuple(w for w in map(fold, split_words(tok.text)) if w not in STOP_WORDS)
    else:
        words = tuple(_keyword_values(name, tok.text))
    return Phrase(name, words, tok.slop, tok.boost)


def _term(tok: Tok) -> Q | None:
    name = tok.fieldname or "text"
    if tok.kind in ("wild", "prefix"):
        make = Prefix if tok.kind == "prefix" else Wild
        if name in TEXT_FIELDS:  # as written (folded), in the stemmed field and in the unstemmed copy
            folded = fold(tok.text)
            return Group("any", (make(name, folded, tok.boost), make(EXACT_FIELD, folded, tok.boost)))  # type: ignore[arg-type]
        if name == EXACT_FIELD:
            folded = fold(tok.text)
            return None if folded in STOP_WORDS else make(name, folded, tok.boost)
        return make(name, tok.text, tok.boost)
    if name in TEXT_FIELDS:
        texts = [term for term in map(term_of, split_words(tok.text)) if term is not None]
    elif name == EXACT_FIELD:
        texts = [w for w in map(fold, split_words(tok.text)) if w not in STOP_WORDS]
    else:
        texts = _keyword_values(name, tok.text)
    if not texts:
        return None
    if len(texts) == 1:
        return Term(name, texts[0], tok.boost)
    if name in TEXT_FIELDS:
        return Phrase(name, tuple(texts), 1, tok.boost)
    return Group("all", tuple(Term(name, t) for t in texts), tok.boost)


def _keyword_values(name: str, text: str) -> list[str]:
    if name == "kinds":
        return [part.strip() for part in text.split(",") if part.strip()]
    return [text]
