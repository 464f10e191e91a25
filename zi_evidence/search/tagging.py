"""The query's first steps, as Whoosh's parser takes them: tag the text, then the syntax filters
(groups, wildcards, field names, copies of unfielded words to each text field, boosts, operators).

The result is a tree of tokens that ``zi_evidence.search.clauses`` builds into clauses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from zi_evidence.search.tree import EXACT_FIELD, KEYWORD_FIELDS, TEXT_FIELDS

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
class Tok:
    kind: str
    text: str = ""
    original: str = ""
    slop: int = 1
    boost: float = 1.0
    fieldname: str | None = None
    parts: list[Tok] = field(default_factory=list)  # for groups: "and", "or", "notg", "<binary>-group"


def tag(text: str) -> list[Tok]:
    out: list[Tok] = []
    pos = prev = 0
    while pos < len(text):
        for kind, pattern in _TAGGERS:
            m = pattern.match(text, pos)
            if m is None or m.end() <= pos:
                continue
            if prev < pos:
                out.append(Tok("word", text[prev:pos], text[prev:pos]))
            out.append(_token(kind, m))
            prev = pos = m.end()
            break
        else:
            pos += 1
    if prev < len(text):
        out.append(Tok("word", text[prev:], text[prev:]))
    return out


def _token(kind: str, m: re.Match[str]) -> Tok:
    if kind in ("quoted", "wild", "field"):
        return Tok(kind, m.group("text"), m.group(0))
    if kind == "phrase":
        return Tok(kind, m.group("text"), m.group(0), slop=int(m.group("slop") or 1))
    if kind == "boost":
        try:
            boost = float(m.group("boost"))
        except ValueError:  # "^" alone: Whoosh makes it a word
            return Tok("word", m.group(0), m.group(0))
        return Tok(kind, m.group(0), m.group(0), boost=boost)
    return Tok(kind, m.group(0), m.group(0))


def filtered(tokens: list[Tok]) -> Tok:
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


def _groups(tokens: list[Tok]) -> Tok:
    stack = [Tok("and")]
    for tok in tokens:
        if tok.kind == "open":
            stack.append(Tok("and"))
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


def _is_group(tok: Tok) -> bool:
    return tok.kind in ("and", "or", "notg") or tok.kind.endswith("-group")


def _has_boost(tok: Tok) -> bool:
    return tok.kind in _TEXTS or tok.kind in ("and", "or")


def _as_word(tok: Tok) -> Tok:
    return Tok("word", tok.original, tok.original)


def _wildcards(group: Tok) -> None:
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


def _fieldnames(group: Tok) -> None:
    kept: list[Tok] = []
    unknown: Tok | None = None
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
    out: list[Tok] = []
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


def _set_field(tok: Tok, name: str) -> None:
    if _is_group(tok):
        for part in tok.parts:
            _set_field(part, name)
    elif tok.fieldname is None and _fieldable(tok):
        tok.fieldname = name


def _fieldable(tok: Tok) -> bool:
    return tok.kind in _TEXTS or tok.kind in ("prefix", "every")


def _multifield(group: Tok) -> None:
    for i, tok in enumerate(group.parts):
        if _is_group(tok):
            _multifield(tok)
        elif tok.kind in (*_TEXTS, "prefix") and tok.fieldname is None:
            copies = [replace(tok, fieldname=name, boost=boost) for name, boost in TEXT_FIELDS.items()]
            group.parts[i] = Tok("or", parts=copies)


def _drop_space(group: Tok) -> None:
    group.parts = [tok for tok in group.parts if tok.kind != "ws"]
    for tok in group.parts:
        if _is_group(tok):
            _drop_space(tok)


def _boosts(group: Tok) -> None:
    out: list[Tok] = []
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


def _operators(group: Tok) -> None:
    parts = group.parts
    i = 0
    while i < len(parts):  # NOT takes the node after it
        if parts[i].kind == "not":
            del parts[i]
            if i < len(parts):
                parts[i] = Tok("notg", parts=[parts[i]])
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
                    parts[i - 1 : i + 2] = [Tok(made, parts=[parts[i - 1], parts[i + 1]])]
            else:
                del parts[i]
    for tok in parts:
        if _is_group(tok):
            _operators(tok)
