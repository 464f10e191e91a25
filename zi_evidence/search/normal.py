"""Normalising the clauses by Whoosh's rules (so that the trees are the same), bounding patterns,
and the plain tree (``zi_evidence.search.tree``) at the end."""

from __future__ import annotations

from dataclasses import replace

from zi_evidence.errors import QueryError
from zi_evidence.search.clauses import NULL, EveryOf, NullType, Prefix, Q, Wild
from zi_evidence.search.limits import MAX_WILDCARDS
from zi_evidence.search.tree import Every, Group, Node, Not, Nothing, Pair, Pattern, Phrase, Term


def _field(q: Q) -> str | None:
    if isinstance(q, (Term, Phrase, Wild, Prefix, EveryOf)):
        return q.field
    if isinstance(q, Group) and q.parts:
        first = _field(q.parts[0])  # type: ignore[arg-type]
        return first if all(_field(p) == first for p in q.parts[1:]) else None  # type: ignore[arg-type]
    if isinstance(q, Pair):
        first = _field(q.a)  # type: ignore[arg-type]
        return first if _field(q.b) == first else None  # type: ignore[arg-type]
    return None


def _boosted(q: Q, boost: float) -> Q:
    """Whoosh's ``with_boost``: sets (not multiplies); a pair passes it to its operands."""
    if isinstance(q, Pair):
        a = _boosted(q.a, boost)  # type: ignore[arg-type]
        b = _boosted(q.b, boost) if q.how == "andmaybe" else q.b  # type: ignore[arg-type]
        return Pair(q.how, a, b)  # type: ignore[arg-type]
    return replace(q, boost=boost) if isinstance(q, (Term, Phrase, Group, Wild, Prefix, EveryOf)) else q


def _boost_of(q: Q) -> float:
    return getattr(q, "boost", 1.0)


def normalize(q: Q) -> Q:
    if isinstance(q, Phrase):
        if not q.words:
            return NULL
        return Term(q.field, q.words[0]) if len(q.words) == 1 else q  # Whoosh drops the boost here
    if isinstance(q, Wild):
        if q.text == "*":
            return EveryOf(q.field, q.boost)
        if "*" not in q.text and "?" not in q.text:
            return Term(q.field, q.text, q.boost)
        if "?" not in q.text and q.text.find("*") == len(q.text) - 1:
            return Prefix(q.field, q.text[:-1], q.boost)
        return q
    if isinstance(q, Not):
        inner = normalize(q.part)  # type: ignore[arg-type]
        return NULL if inner is NULL else Not(inner)  # type: ignore[arg-type]
    if isinstance(q, Pair):
        a, b = normalize(q.a), normalize(q.b)  # type: ignore[arg-type]
        if a is NULL or (b is NULL and q.how == "require"):
            return NULL
        return a if b is NULL else Pair(q.how, a, b)  # type: ignore[arg-type]
    if isinstance(q, Group):
        return _normalize_group(q)
    return q


def _normalize_group(q: Group) -> Q:
    subs: list[Q] = []
    for sub in q.parts:
        s = normalize(sub)  # type: ignore[arg-type]
        if isinstance(s, Group) and s.how == q.how:
            subs += [_boosted(ss, _boost_of(ss) * s.boost) for ss in s.parts]  # type: ignore[arg-type]
        else:
            subs.append(s)
    if all(s is NULL for s in subs):
        return NULL
    if any(isinstance(s, EveryOf) and s.field is None for s in subs):
        return EveryOf(None)
    every: set[str | None] = set()
    i = 0
    while i < len(subs):
        if _field(subs[i]) in every:
            subs.pop(i)
            continue
        if isinstance(subs[i], EveryOf):
            every.add(_field(subs[i]))
        i += 1
    kept: list[Q] = []
    for s in subs:
        if (not isinstance(s, EveryOf) and _field(s) in every) or s in kept:
            continue
        kept.append(s)
    kept = [s for s in kept if s is not NULL]
    if not kept:
        return NULL
    if len(kept) == 1:
        only = kept[0]
        if not (q.boost == 1.0 and _boost_of(only) == 1.0):
            only = _boosted(only, _boost_of(only) * q.boost)
        return only
    return Group(q.how, tuple(kept), q.boost)  # type: ignore[arg-type]


def bounded(q: Q) -> Q:
    """Refuses a pattern with more than ``MAX_WILDCARDS`` marks (bottom-up, as Whoosh's ``accept``)."""
    if isinstance(q, Group):
        return Group(q.how, tuple(bounded(p) for p in q.parts), q.boost)  # type: ignore[arg-type,misc]
    if isinstance(q, Not):
        return Not(bounded(q.part))  # type: ignore[arg-type]
    if isinstance(q, Pair):
        return Pair(q.how, bounded(q.a), bounded(q.b))  # type: ignore[arg-type]
    if isinstance(q, Wild) and sum(q.text.count(mark) for mark in "*?") > MAX_WILDCARDS:
        raise QueryError(
            f"Pola '{q.text}' memakai lebih dari {MAX_WILDCARDS} tanda * atau ?. Pakai awalan* biasa atau kata utuh."
        )
    return q


def dedupe_or(q: Q) -> Q:
    # Routing makes the three per-field copies of a prefix identical; expanding it once is enough.
    if isinstance(q, Not):
        return Not(dedupe_or(q.part))  # type: ignore[arg-type]
    if isinstance(q, Pair):
        return Pair(q.how, dedupe_or(q.a), dedupe_or(q.b))  # type: ignore[arg-type]
    if not isinstance(q, Group):
        return q
    parts = [dedupe_or(p) for p in q.parts]  # type: ignore[arg-type]
    if q.how != "any":
        return Group(q.how, tuple(parts), q.boost)  # type: ignore[arg-type]
    seen: set[tuple[type, str, str]] = set()
    kept: list[Q] = []
    for sub in parts:
        if isinstance(sub, (Wild, Prefix)):
            ident = (type(sub), sub.field, sub.text)
            if ident in seen:
                continue
            seen.add(ident)
        kept.append(sub)
    return kept[0] if len(kept) == 1 else Group("any", tuple(kept), q.boost)  # type: ignore[arg-type]


def plain(q: Q) -> Node:
    if isinstance(q, Prefix):
        return Pattern(q.field, q.text + "*", q.text, True, q.text + "*", q.boost)
    if isinstance(q, Wild):
        head = q.text
        for mark in "*?[":
            head = head.split(mark, 1)[0]
        return Pattern(q.field, q.text, head, False, q.text, q.boost)
    if isinstance(q, EveryOf):
        return Every()
    if isinstance(q, NullType):
        return Nothing()
    if isinstance(q, Group):
        return Group(q.how, tuple(plain(p) for p in q.parts), q.boost)  # type: ignore[arg-type]
    if isinstance(q, Not):
        return Not(plain(q.part))  # type: ignore[arg-type]
    if isinstance(q, Pair):
        return Pair(q.how, plain(q.a), plain(q.b))  # type: ignore[arg-type]
    return q
