"""Which pages of one document match a query, each with a highlighted snippet.

Pages are not indexed (one Whoosh document per file keeps the index small), so the parsed query tree is
evaluated directly against each page's analysed tokens: AND needs every part, OR any, NOT none, and a
phrase needs its words in order within the phrase's slop. Conditions on non-text fields (say
``area:...``) were already settled by the document search and count as true here.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from whoosh import query as wq

from zi_evidence.searching import Snippet
from zi_evidence_whoosh.analysis import STOP_WORDS, TOKEN_PATTERN, fold, split_words, stem, term_of
from zi_evidence_whoosh.schema import EXACT_FIELD, TEXT_FIELDS

_SPACE = re.compile(r"\s+")
_WORD = re.compile(TOKEN_PATTERN)


@dataclass
class PageTokens:
    """What one page holds for a query: its words in order and the query's candidate words (those
    containing a needle, see ``_needles``) with their terms. Pages are analysed at search time, and a
    fresh process has no stems cached: only candidate words are stemmed. Positions here count stop
    words too; ``next_kept`` steps over them the way the index's renumbering does."""

    words: dict[str, str]
    stems: set[str]
    every: list[str]

    @classmethod
    def of(cls, folded: str, needles: list[str]) -> PageTokens:
        every = split_words(folded)
        unique = set(every) - STOP_WORDS
        if "" not in needles:
            unique = {word for needle in set(needles) for word in unique if needle in word}
        words = {word: stem(word) for word in unique}
        return cls(words, set(words.values()), every)

    def positions(self, term: str) -> list[int]:
        return self._by_term.get(term, [])

    def term_at(self, position: int) -> str | None:
        return self.words.get(self.every[position])

    def next_kept(self, position: int) -> int | None:
        """The position of the next word that is not a stop word (the index's next position)."""
        every = self.every
        for at in range(position + 1, len(every)):
            if every[at] not in STOP_WORDS:
                return at
        return None

    @cached_property
    def _by_term(self) -> dict[str, list[int]]:
        # list.index scans in C: a page's few candidate words are found without a Python loop per word
        found: dict[str, list[int]] = {}
        every = self.every
        for word, term in self.words.items():
            at = -1
            try:
                while True:
                    at = every.index(word, at + 1)
                    found.setdefault(term, []).append(at)
            except ValueError:
                pass  # no further occurrence
        return {term: sorted(positions) for term, positions in found.items()}


def may_match(q: wq.Query, folded: str) -> bool:
    """A cheap, conservative test on the folded page text: ``False`` only when ``q`` cannot hold.

    An Indonesian stem is a substring of each word it comes from, except that a nasal prefix may
    replace its first letter (``menulis`` → ``tulis``), so the stem minus its first letter is looked for.
    """
    if isinstance(q, wq.Term):
        return q.fieldname not in TEXT_FIELDS or _needle(q.text) in folded
    if isinstance(q, wq.Phrase):
        if q.fieldname not in TEXT_FIELDS:
            return True
        if not all(_needle(w) in folded for w in q.words):
            return False
        # neighbours within a few words (stop words between them are not counted by the index)
        gap = rf"\w*\W+(?:\w+\W+){{0,{max(q.slop, 1) + 2}}}\w*"
        return re.search(gap.join(re.escape(_needle(w)) for w in q.words), folded) is not None
    if isinstance(q, wq.PatternQuery) and (q.fieldname in TEXT_FIELDS or q.fieldname == EXACT_FIELD):
        head = re.split(r"[*?\[]", q.text, maxsplit=1)[0]
        return _needle(head) in folded
    if isinstance(q, wq.And):
        return all(may_match(sub, folded) for sub in q.subqueries)
    if isinstance(q, (wq.Or, wq.DisjunctionMax)):
        return any(may_match(sub, folded) for sub in q.subqueries)
    if isinstance(q, (wq.AndNot, wq.AndMaybe, wq.Require)):
        return may_match(q.a, folded)
    return True


def _needles(q: wq.Query) -> list[str]:
    """Substrings every word that can satisfy a term of ``q`` contains (an empty one: any word can)."""
    if isinstance(q, wq.Term):
        return [_needle(q.text)]
    if isinstance(q, wq.Phrase):
        return [_needle(word) for word in q.words]
    if isinstance(q, wq.PatternQuery):
        head = re.split(r"[*?\[]", q.text, maxsplit=1)[0]
        return [_needle(head)] if head else [""]
    found: list[str] = []
    for child in q.children():
        found += _needles(child)
    return found


def _needle(term: str) -> str:
    # A stem is part of every word it comes from, except that a nasal prefix may replace its first
    # letter, always k, p, t or s (menulis -> tulis, memukul -> pukul).
    return term[1:] if term[:1] in ("k", "p", "t", "s") else term


def matches(q: wq.Query, page: PageTokens) -> tuple[bool, set[str]]:
    """Whether ``q`` holds on the page, and the stems to highlight."""
    if isinstance(q, wq.Term):
        if q.fieldname not in TEXT_FIELDS:
            return True, set()
        return (q.text in page.stems), {q.text}
    if isinstance(q, wq.Phrase):
        if q.fieldname not in TEXT_FIELDS:
            return True, set()
        return _phrase_at(page, list(q.words), q.slop), set(q.words)
    if isinstance(q, wq.PatternQuery):
        pattern = q.text + "*" if isinstance(q, wq.Prefix) else q.text
        if q.fieldname == EXACT_FIELD:  # words as written
            found = {s for w, s in page.words.items() if fnmatch.fnmatchcase(w, pattern)}
        elif q.fieldname in TEXT_FIELDS:  # stems, as the index's stemmed fields see them
            found = {s for s in page.stems if fnmatch.fnmatchcase(s, pattern)}
        else:
            return True, set()
        return bool(found), found
    if isinstance(q, wq.Not):
        ok, _ = matches(q.query, page)
        return not ok, set()
    if isinstance(q, wq.AndNot):
        ok, terms = matches(q.a, page)
        return ok and not matches(q.b, page)[0], terms
    if isinstance(q, (wq.AndMaybe, wq.Require)):
        ok, terms = matches(q.a, page)
        ok_b, terms_b = matches(q.b, page)
        ok = ok and (ok_b or isinstance(q, wq.AndMaybe))
        return ok, terms | terms_b if ok_b else terms
    if isinstance(q, wq.And):
        results = [matches(sub, page) for sub in q.subqueries]
        return all(ok for ok, _ in results), set().union(*(t for _, t in results))
    if isinstance(q, (wq.Or, wq.DisjunctionMax)):
        results = [matches(sub, page) for sub in q.subqueries]
        return any(ok for ok, _ in results), set().union(*(t for ok, t in results if ok))
    if q is wq.NullQuery:
        return False, set()
    return True, set()  # Every, ranges on metadata, ...: not a statement about page text


def _phrase_at(page: PageTokens, words: list[str], slop: int) -> bool:
    if not words or any(w not in page.stems for w in words):
        return False
    for start in page.positions(words[0]):
        at: int | None = start
        for word in words[1:]:
            at = _following(page, at, word, max(slop, 1))
            if at is None:
                break
        else:
            return True
    return False


def _following(page: PageTokens, position: int | None, word: str, slop: int) -> int | None:
    """Where ``word`` stands within ``slop`` index positions after ``position``, if it does."""
    for _ in range(slop):
        position = page.next_kept(position) if position is not None else None
        if position is None:
            return None
        if page.term_at(position) == word:
            return position
    return None


def snippet(text: str, terms: set[str], maxchars: int = 200) -> Snippet:
    """A highlighted extract around the first matching word; the page opening when nothing matches.

    Words are matched by stem, like the index, so *melayani* lights up for the query *layanan*.
    """
    segments: list[tuple[str, bool]] = []
    lowered = text.lower()
    first = min((i for i in (lowered.find(_needle(t)) for t in terms) if i >= 0), default=-1)
    window = (max(0, first - maxchars), first + 2 * maxchars) if first >= 0 else (0, 0)
    words = _WORD.finditer(text, *window)
    needles = [_needle(t) for t in terms]
    spans = [m.span() for m in words if _holds_any(m.group().lower(), needles) and term_of(m.group()) in terms]
    if not spans:
        opening = _SPACE.sub(" ", text).strip()
        cut = opening[:maxchars]
        return ((cut + (" …" if len(opening) > maxchars else ""), False),) if cut else ()
    start = max(0, spans[0][0] - maxchars // 4)
    if start:  # begin at a word, not in the middle of one
        space = text.find(" ", start, spans[0][0])
        start = space + 1 if space >= 0 else spans[0][0]
    end = min(len(text), start + maxchars)
    if start:
        segments.append(("… ", False))
    index = start
    for begin, finish in spans:
        if begin >= end:
            break
        segments.append((text[index:begin], False))
        segments.append((text[begin:finish], True))
        index = finish
    segments.append((text[index:end], False))
    if end < len(text):
        segments.append((" …", False))
    return _tidy(segments)


def _holds_any(word: str, needles: list[str]) -> bool:
    return any(needle in word for needle in needles)


def page_matches(q: wq.Query, pages: Sequence[str], max_snippets: int) -> list[tuple[int, Snippet]]:
    """The 1-based numbers of matching pages, at most ``max_snippets`` of them, with snippets."""
    found: list[tuple[int, Snippet]] = []
    needles = _needles(q) or [""]
    for number, text in enumerate(pages, start=1):
        if len(found) >= max_snippets:
            break
        folded = fold(text)
        if not may_match(q, folded):
            continue
        ok, terms = matches(q, PageTokens.of(folded, needles))
        if ok:
            found.append((number, snippet(text, terms)))
    return found


def _tidy(segments: list[tuple[str, bool]]) -> Snippet:
    # PDF text is full of line breaks; one space reads better in a result list. Merge neighbours of
    # the same kind and drop empties so front ends get the fewest segments.
    out: list[tuple[str, bool]] = []
    for text, is_match in segments:
        text = _SPACE.sub(" ", text)
        if not text:
            continue
        if out and out[-1][1] == is_match:
            out[-1] = (out[-1][0] + text, is_match)
        else:
            out.append((text, is_match))
    return tuple(out)
