"""The query language, parsed into the plain tree (``zi_evidence.search.tree``) with no engine imported.

Bare words (all must be there), "phrases" (``"a b"~3``: up to three places apart), 'single quotes',
prefix* and wild?cards, AND / OR / NOT / ANDNOT / ANDMAYBE / REQUIRE in capitals, (groups),
``field:value`` and ``word^2``. The language began as Whoosh's, so this parser gives the very tree
Whoosh's parser gives (tests/search/test_parse_differential.py holds the two together), and every
engine answers a query alike. The steps follow Whoosh's: tag the text, merge wildcards, apply field
names, copy unfielded words to each text field, apply boosts and operators, build, normalise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from zi_evidence.errors import QueryError
from zi_evidence.search import syntax
from zi_evidence.search.analysis import STOP_WORDS, fold, split_words, term_of
from zi_evidence.search.tree import (
    EXACT_FIELD,
    FILTER_TO_FIELD,
    KEYWORD_FIELDS,
    TEXT_FIELDS,
    Every,
    Group,
    Node,
    Not,
    Nothing,
    Pair,
    Pattern,
    Phrase,
    Term,
)

#: A prefix or wildcard becomes one OR clause per matching word; past this many the query is refused.
MAX_EXPANSION = syntax.MAX_EXPANSION
#: Each '*' is a '.*' in the pattern's regular expression, tried against every candidate word.
MAX_WILDCARDS = 4
#: Field names a query may give (``title:zona``); any other ``name:`` is just text.
KNOWN_FIELDS = frozenset({"key", "stamp", *TEXT_FIELDS, EXACT_FIELD, *KEYWORD_FIELDS})
_QMARKS = "?\u055e\u061f\u1367"

# Taggers in Whoosh's order of trial at each position; text no tagger claims becomes a word.
_TAGGERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(expr))
    for kind, expr in (
        ("andnot", r"(?<=\s)ANDNOT(?=\s)"),
        ("andmaybe", r"(?<=\s)ANDMAYBE(?=\s)"),
        ("every", r"[*]:[*]"),
        ("quoted", r"(^|(?<=\W))'(?P<text>.*?)'(?=\s|\]|[)}]|$)"),
        ("field", r"(?P<text>\w+|[*]):"),
        ("wild", f"(?P<text>[*{_QMARKS}])"),
        ("phrase", r'"(?P<text>.*?)"(~(?P<slop>[1-9][0-9]*))?'),
        ("open", r"[(]"),
        ("close", r"[)]"),
        ("not", r"(^|(?<=(\s|[()])))NOT(?=\s)"),
        ("all", r"(?<=\s)AND(?=\s)"),
        ("any", r"(?<=\s)OR(?=\s)"),
        ("require", r"(^|(?<=\s))REQUIRE(?=\s)"),
        ("boost", r"\^(?P<boost>[0-9]*(\.[0-9]+)?)($|(?=[ \t\r\n)]))"),
        ("ws", r"\s+"),
    )
)
_TEXTS = ("word", "quoted", "wild", "phrase")  # nodes with text (Whoosh's TextNode)
_INFIX = ("all", "any", "andnot", "andmaybe", "require")  # applied in this order, each left to right


@dataclass
class _Tok:
    kind: str
    text: str = ""
    original: str = ""
    slop: int = 1
    boost: float = 1.0
    fieldname: str | None = None
    parts: list[_Tok] = field(default_factory=list)  # for groups: "and", "or", "notg", "<binary>-group"


@dataclass(frozen=True)
class _Wild:
    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class _Prefix:
    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class _EveryOf:
    field: str | None
    boost: float = 1.0


class _NullType:
    def __repr__(self) -> str:
        return "Null"


_NULL = _NullType()
_Q = Term | Phrase | Group | Not | Pair | _Wild | _Prefix | _EveryOf | _NullType


def parse_query(text: str) -> Node:
    """The plain tree of ``text``; an empty query matches every document (so filters alone work)."""
    if not text.strip():
        return Every()
    syntax.check_syntax(text)
    try:
        built = _build(_filtered(_tag(text)))
    except RecursionError as exc:
        raise QueryError(f"Kueri {text!r} tidak dapat dipahami (terlalu bertingkat). {syntax.HINT}") from exc
    q = _normalize(built) if built is not None else _NULL
    if q is _NULL:
        raise QueryError(
            f"Kueri {text!r} hanya berisi kata umum (mis. 'yang', 'dan', 'di') yang diabaikan "
            "pencarian. Tambahkan kata yang lebih khas."
        )
    return _plain(_dedupe_or(_bounded(q)))


def plain_filters(filters: Mapping[str, str]) -> tuple[Term, ...]:
    """Exact-match terms for the filters (ANDed); values never pass through the query parser."""
    terms: list[Term] = []
    for name, value in filters.items():
        if name not in FILTER_TO_FIELD:
            allowed = ", ".join(FILTER_TO_FIELD)
            raise QueryError(f"Saringan {name!r} tidak dikenal. Gunakan salah satu dari: {allowed}.")
        value = (value or "").strip()
        if value:
            terms.append(Term(FILTER_TO_FIELD[name], value))
    return tuple(terms)


# -- tagging and the syntax filters ---------------------------------------------------------------


def _tag(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    pos = prev = 0
    while pos < len(text):
        for kind, pattern in _TAGGERS:
            m = pattern.match(text, pos)
            if m is None or m.end() <= pos:
                continue
            if prev < pos:
                out.append(_Tok("word", text[prev:pos], text[prev:pos]))
            out.append(_token(kind, m))
            prev = pos = m.end()
            break
        else:
            pos += 1
    if prev < len(text):
        out.append(_Tok("word", text[prev:], text[prev:]))
    return out


def _token(kind: str, m: re.Match[str]) -> _Tok:
    if kind in ("quoted", "wild", "field"):
        return _Tok(kind, m.group("text"), m.group(0))
    if kind == "phrase":
        return _Tok(kind, m.group("text"), m.group(0), slop=int(m.group("slop") or 1))
    if kind == "boost":
        try:
            boost = float(m.group("boost"))
        except ValueError:  # "^" alone: Whoosh makes it a word
            return _Tok("word", m.group(0), m.group(0))
        return _Tok(kind, m.group(0), m.group(0), boost=boost)
    return _Tok(kind, m.group(0), m.group(0))


def _filtered(tokens: list[_Tok]) -> _Tok:
    top = _groups(tokens)
    for i, tok in enumerate(top.parts):  # only at the top level, as in Whoosh
        if tok.kind == "boost" and (not i or not _has_boost(top.parts[i - 1])):
            top.parts[i] = _as_word(tok)
    _wildcards(top)
    _fieldnames(top)
    _multifield(top)
    _drop_space(top)
    _boosts(top)
    _operators(top)
    return top


def _groups(tokens: list[_Tok]) -> _Tok:
    stack = [_Tok("and")]
    for tok in tokens:
        if tok.kind == "open":
            stack.append(_Tok("and"))
        elif tok.kind == "close":
            if len(stack) > 1:
                last = stack.pop()
                stack[-1].parts.append(last)
        else:
            stack[-1].parts.append(tok)
    top = stack[0]
    for level in stack[1:]:  # an unclosed bracket (check_syntax refuses them first): its words go on top
        top.parts.extend(level.parts)
    if len(top.parts) == 1 and _is_group(top.parts[0]):  # "(a b)" alone is "a b"
        top = top.parts[0]
    return top


def _is_group(tok: _Tok) -> bool:
    return tok.kind in ("and", "or", "notg") or tok.kind.endswith("-group")


def _has_boost(tok: _Tok) -> bool:
    return tok.kind in _TEXTS or tok.kind in ("and", "or")


def _as_word(tok: _Tok) -> _Tok:
    return _Tok("word", tok.original, tok.original)


def _wildcards(group: _Tok) -> None:
    parts, i = group.parts, 0
    while i < len(parts):
        tok = parts[i]
        if tok.kind == "wild":
            if i < len(parts) - 1 and parts[i + 1].kind in _TEXTS:
                tok.text += parts.pop(i + 1).text
            if i > 0 and parts[i - 1].kind in _TEXTS:
                tok.text = parts.pop(i - 1).text + tok.text
            else:
                i += 1
        else:
            if _is_group(tok):
                _wildcards(tok)
            i += 1
    for tok in parts:
        if tok.kind == "wild" and len(tok.text) > 1 and not any(q in tok.text for q in _QMARKS):
            if tok.text.find("*") == len(tok.text) - 1:
                tok.kind, tok.text = "prefix", tok.text[:-1]


def _fieldnames(group: _Tok) -> None:
    kept: list[_Tok] = []
    unknown: _Tok | None = None
    for tok in group.parts:  # a name the index has no field for is text
        if tok.kind == "field" and tok.text not in KNOWN_FIELDS:
            unknown = tok
            continue
        if unknown is not None:
            if tok.kind in _TEXTS or tok.kind == "prefix":
                tok.text = unknown.original + tok.text
            else:
                kept.append(_as_word(unknown))
            unknown = None
        kept.append(tok)
    if unknown is not None:
        kept.append(_as_word(unknown))
    out: list[_Tok] = []
    i = len(kept)
    while i > 0:
        i -= 1
        tok = kept[i]
        if tok.kind == "field":
            tok = _as_word(tok)
        elif _is_group(tok):
            _fieldnames(tok)
        if i > 0 and tok.kind != "ws" and kept[i - 1].kind == "field":
            _set_field(tok, kept[i - 1].text)
            i -= 1
        out.append(tok)
    group.parts = out[::-1]


def _set_field(tok: _Tok, name: str) -> None:
    if _is_group(tok):
        for part in tok.parts:
            _set_field(part, name)
    elif tok.fieldname is None and _fieldable(tok):
        tok.fieldname = name


def _fieldable(tok: _Tok) -> bool:
    return tok.kind in _TEXTS or tok.kind in ("prefix", "every")


def _multifield(group: _Tok) -> None:
    for i, tok in enumerate(group.parts):
        if _is_group(tok):
            _multifield(tok)
        elif tok.kind in (*_TEXTS, "prefix") and tok.fieldname is None:
            copies = [replace(tok, fieldname=name, boost=boost) for name, boost in TEXT_FIELDS.items()]
            group.parts[i] = _Tok("or", parts=copies)


def _drop_space(group: _Tok) -> None:
    group.parts = [tok for tok in group.parts if tok.kind != "ws"]
    for tok in group.parts:
        if _is_group(tok):
            _drop_space(tok)


def _boosts(group: _Tok) -> None:
    out: list[_Tok] = []
    for tok in group.parts:
        if _is_group(tok):
            _boosts(tok)
        elif tok.kind == "boost":
            if out and _has_boost(out[-1]):
                out[-1].boost = tok.boost
                continue
            tok = _as_word(tok)
        out.append(tok)
    group.parts = out


def _operators(group: _Tok) -> None:
    parts = group.parts
    i = 0
    while i < len(parts):  # NOT takes the node after it
        if parts[i].kind == "not":
            del parts[i]
            if i < len(parts):
                parts[i] = _Tok("notg", parts=[parts[i]])
        i += 1
    for kind in _INFIX:
        i = 0
        while i < len(parts):
            if parts[i].kind != kind:
                i += 1
                continue
            if 0 < i < len(parts) - 1:
                made = "and" if kind == "all" else "or" if kind == "any" else kind + "-group"
                if made in ("and", "or") and parts[i - 1].kind == made:  # joins the group on its left
                    parts[i - 1].parts.append(parts[i + 1])
                    del parts[i : i + 2]
                else:
                    parts[i - 1 : i + 2] = [_Tok(made, parts=[parts[i - 1], parts[i + 1]])]
            else:
                del parts[i]
    for tok in parts:
        if _is_group(tok):
            _operators(tok)


# -- from syntax to query -------------------------------------------------------------------------


def _build(tok: _Tok) -> _Q | None:
    kind = tok.kind
    if kind in ("and", "or"):
        subs = [q for q in map(_build, tok.parts) if q is not None]
        return Group("all" if kind == "and" else "any", tuple(subs), tok.boost)  # type: ignore[arg-type]
    if kind == "notg":
        q = _build(tok.parts[0])
        return Not(q) if _truthy(q) else None  # type: ignore[arg-type]
    if kind.endswith("-group"):
        a, b = _build(tok.parts[0]), _build(tok.parts[1])
        if a is None and b is None:
            return _NULL
        if a is None or b is None:
            return a if b is None else b
        return Pair(kind[: -len("-group")], a, b)  # type: ignore[arg-type]
    if kind == "every":
        return _EveryOf(None)
    if kind == "phrase":
        return _phrase(tok)
    return _term(tok)


def _truthy(q: _Q | None) -> bool:
    # Whoosh's NOT keeps its operand only if it is true: an empty AND/OR (stop words alone) is not
    return q is not None and not (isinstance(q, Group) and not q.parts)


def _phrase(tok: _Tok) -> _Q:
    name = tok.fieldname or "text"
    if name in TEXT_FIELDS:
        words = tuple(term for term in map(term_of, split_words(tok.text)) if term is not None)
    elif name == EXACT_FIELD:
        words = tuple(w for w in map(fold, split_words(tok.text)) if w not in STOP_WORDS)
    else:
        words = tuple(_keyword_values(name, tok.text))
    return Phrase(name, words, tok.slop, tok.boost)


def _term(tok: _Tok) -> _Q | None:
    name = tok.fieldname or "text"
    if tok.kind in ("wild", "prefix"):
        make = _Prefix if tok.kind == "prefix" else _Wild
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


# -- normalising (Whoosh's rules, so that the trees are the same) ---------------------------------


def _field(q: _Q) -> str | None:
    if isinstance(q, (Term, Phrase, _Wild, _Prefix, _EveryOf)):
        return q.field
    if isinstance(q, Group) and q.parts:
        first = _field(q.parts[0])  # type: ignore[arg-type]
        return first if all(_field(p) == first for p in q.parts[1:]) else None  # type: ignore[arg-type]
    if isinstance(q, Pair):
        first = _field(q.a)  # type: ignore[arg-type]
        return first if _field(q.b) == first else None  # type: ignore[arg-type]
    return None


def _boosted(q: _Q, boost: float) -> _Q:
    """Whoosh's ``with_boost``: sets (not multiplies); a pair passes it to its operands."""
    if isinstance(q, Pair):
        a = _boosted(q.a, boost)  # type: ignore[arg-type]
        b = _boosted(q.b, boost) if q.how == "andmaybe" else q.b  # type: ignore[arg-type]
        return Pair(q.how, a, b)  # type: ignore[arg-type]
    return replace(q, boost=boost) if isinstance(q, (Term, Phrase, Group, _Wild, _Prefix, _EveryOf)) else q


def _boost_of(q: _Q) -> float:
    return getattr(q, "boost", 1.0)


def _normalize(q: _Q) -> _Q:
    if isinstance(q, Phrase):
        if not q.words:
            return _NULL
        return Term(q.field, q.words[0]) if len(q.words) == 1 else q  # Whoosh drops the boost here
    if isinstance(q, _Wild):
        if q.text == "*":
            return _EveryOf(q.field, q.boost)
        if "*" not in q.text and "?" not in q.text:
            return Term(q.field, q.text, q.boost)
        if "?" not in q.text and q.text.find("*") == len(q.text) - 1:
            return _Prefix(q.field, q.text[:-1], q.boost)
        return q
    if isinstance(q, Not):
        inner = _normalize(q.part)  # type: ignore[arg-type]
        return _NULL if inner is _NULL else Not(inner)  # type: ignore[arg-type]
    if isinstance(q, Pair):
        a, b = _normalize(q.a), _normalize(q.b)  # type: ignore[arg-type]
        if a is _NULL or (b is _NULL and q.how == "require"):
            return _NULL
        return a if b is _NULL else Pair(q.how, a, b)  # type: ignore[arg-type]
    if isinstance(q, Group):
        return _normalize_group(q)
    return q


def _normalize_group(q: Group) -> _Q:
    subs: list[_Q] = []
    for sub in q.parts:
        s = _normalize(sub)  # type: ignore[arg-type]
        if isinstance(s, Group) and s.how == q.how:
            subs += [_boosted(ss, _boost_of(ss) * s.boost) for ss in s.parts]  # type: ignore[arg-type]
        else:
            subs.append(s)
    if all(s is _NULL for s in subs):
        return _NULL
    if any(isinstance(s, _EveryOf) and s.field is None for s in subs):
        return _EveryOf(None)
    every: set[str | None] = set()
    i = 0
    while i < len(subs):
        if _field(subs[i]) in every:
            subs.pop(i)
            continue
        if isinstance(subs[i], _EveryOf):
            every.add(_field(subs[i]))
        i += 1
    kept: list[_Q] = []
    for s in subs:
        if (not isinstance(s, _EveryOf) and _field(s) in every) or s in kept:
            continue
        kept.append(s)
    kept = [s for s in kept if s is not _NULL]
    if not kept:
        return _NULL
    if len(kept) == 1:
        only = kept[0]
        if not (q.boost == 1.0 and _boost_of(only) == 1.0):
            only = _boosted(only, _boost_of(only) * q.boost)
        return only
    return Group(q.how, tuple(kept), q.boost)  # type: ignore[arg-type]


def _bounded(q: _Q) -> _Q:
    """Refuses a pattern with more than ``MAX_WILDCARDS`` marks (bottom-up, as Whoosh's ``accept``)."""
    if isinstance(q, Group):
        return Group(q.how, tuple(_bounded(p) for p in q.parts), q.boost)  # type: ignore[arg-type,misc]
    if isinstance(q, Not):
        return Not(_bounded(q.part))  # type: ignore[arg-type]
    if isinstance(q, Pair):
        return Pair(q.how, _bounded(q.a), _bounded(q.b))  # type: ignore[arg-type]
    if isinstance(q, _Wild) and sum(q.text.count(mark) for mark in "*?") > MAX_WILDCARDS:
        raise QueryError(
            f"Pola '{q.text}' memakai lebih dari {MAX_WILDCARDS} tanda * atau ?. Pakai awalan* biasa atau kata utuh."
        )
    return q


def _dedupe_or(q: _Q) -> _Q:
    # Routing makes the three per-field copies of a prefix identical; expanding it once is enough.
    if isinstance(q, Not):
        return Not(_dedupe_or(q.part))  # type: ignore[arg-type]
    if isinstance(q, Pair):
        return Pair(q.how, _dedupe_or(q.a), _dedupe_or(q.b))  # type: ignore[arg-type]
    if not isinstance(q, Group):
        return q
    parts = [_dedupe_or(p) for p in q.parts]  # type: ignore[arg-type]
    if q.how != "any":
        return Group(q.how, tuple(parts), q.boost)  # type: ignore[arg-type]
    seen: set[tuple[type, str, str]] = set()
    kept: list[_Q] = []
    for sub in parts:
        if isinstance(sub, (_Wild, _Prefix)):
            ident = (type(sub), sub.field, sub.text)
            if ident in seen:
                continue
            seen.add(ident)
        kept.append(sub)
    return kept[0] if len(kept) == 1 else Group("any", tuple(kept), q.boost)  # type: ignore[arg-type]


def _plain(q: _Q) -> Node:
    if isinstance(q, _Prefix):
        return Pattern(q.field, q.text + "*", q.text, True, q.text + "*", q.boost)
    if isinstance(q, _Wild):
        head = q.text
        for mark in "*?[":
            head = head.split(mark, 1)[0]
        return Pattern(q.field, q.text, head, False, q.text, q.boost)
    if isinstance(q, _EveryOf):
        return Every()
    if isinstance(q, _NullType):
        return Nothing()
    if isinstance(q, Group):
        return Group(q.how, tuple(_plain(p) for p in q.parts), q.boost)  # type: ignore[arg-type]
    if isinstance(q, Not):
        return Not(_plain(q.part))  # type: ignore[arg-type]
    if isinstance(q, Pair):
        return Pair(q.how, _plain(q.a), _plain(q.b))  # type: ignore[arg-type]
    return q
