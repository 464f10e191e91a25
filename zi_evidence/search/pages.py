"""Which pages of one document match a parsed query (``zi_evidence.search.tree``), with snippets.

Pages are not indexed (one index document per file keeps the index small), so the query tree is
evaluated directly against each page's text: AND needs every part, OR any, NOT none, and a phrase needs
its words in order within the phrase's slop. Conditions on non-text fields (say ``area:...``) were
already settled by the document search and count as true here. Every engine uses this matcher.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from itertools import islice
from typing import Any

from zi_evidence.search.analysis import STOP_WORDS, TOKEN_PATTERN, fold, split_words, term_of
from zi_evidence.search.backend import Snippet
from zi_evidence.search.tree import (
    EXACT_FIELD,
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

_SPACE = re.compile(r"\s+")
_WORD = re.compile(TOKEN_PATTERN)


class PageText:
    """One page's folded text, read only where a query's words can stand.

    A search locates pages for each of its hits, and a page holds hundreds of words: splitting and
    stemming them all cost more than the index search itself. Each query term is looked for with
    ``str.find`` instead, and only the words around a find are analysed. Positions count the words the
    index keeps (stop words are stepped over, as the index's renumbering does).
    """

    def __init__(self, folded: str) -> None:
        self.folded = folded
        self._words_with: dict[str, dict[str, str]] = {}

    def words_with(self, needle: str) -> dict[str, str]:
        """Each kept word holding ``needle`` (every kept word for an empty needle), with its term."""
        found = self._words_with.get(needle)
        if found is None:
            # all of them are wanted (to highlight), and one C split of the page beats a find per word
            words = {word for word in set(split_words(self.folded)) if needle in word}
            found = {word: term for word in words if (term := term_of(word)) is not None}
            self._words_with[needle] = found
        return found

    def has_term(self, term: str) -> bool:
        return any(term_of(word) == term for word in self._holding(needle(term)))

    def has_phrase(self, words: Sequence[str], slop: int) -> bool:
        """Whether ``words`` stand in order, each within ``slop`` kept positions of the one before."""
        if not words:
            return False
        first, rest = words[0], list(words[1:])
        for at in self._phrase_starts(words, slop):
            word = self._word_around(at)
            if word is None or term_of(word.group()) != first:
                continue
            ahead = list(islice(self._terms_from(word.end()), slop * len(rest)))
            if _in_order(ahead, rest, slop):
                return True
        return False

    def _phrase_starts(self, words: Sequence[str], slop: int) -> Iterator[int]:
        """Offsets where the phrase may begin: every find of its first word's needle, or, for words in a
        row, only those the other needles follow (one regular-expression scan of the page)."""
        if slop > 1 or len(words) < 2:
            yield from _finds(self.folded, needle(words[0]))
            return
        in_a_row = _needles_in_a_row(tuple(needle(word) for word in words))
        found = in_a_row.search(self.folded)
        while found is not None:
            yield found.start()
            found = in_a_row.search(self.folded, found.start() + 1)

    def _holding(self, needle: str) -> Iterator[str]:
        """Every word holding ``needle``, in page order (a word holding it twice comes once)."""
        after = 0
        for at in _finds(self.folded, needle):
            if at < after:
                continue
            word = self._word_around(at)
            if word is not None:
                after = word.end()
                yield word.group()

    def _word_around(self, at: int) -> re.Match[str] | None:
        """The word holding the character at ``at``, if it is a word character."""
        text = self.folded
        start = at
        while start and text[start - 1].isalnum():  # isalnum() is TOKEN_PATTERN's [^\W_]
            start -= 1
        return _WORD.match(text, start)

    def _terms_from(self, offset: int) -> Iterator[str]:
        """The terms of the kept words after ``offset``."""
        for match in _WORD.finditer(self.folded, offset):
            term = term_of(match.group())
            if term is not None:
                yield term


def _finds(text: str, needle: str) -> Iterator[int]:
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


@lru_cache(maxsize=64)
def _needles_in_a_row(needles: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern every stretch of adjacent index positions holding these words matches: each needle in
    a word, the next needle in the next word that is not a stop word. The words are checked after."""
    stop_run = rf"[\W_]+(?:(?:{'|'.join(sorted(STOP_WORDS))})[\W_]+)*[^\W_]*"
    return re.compile(stop_run.join(re.escape(needle) + r"[^\W_]*" for needle in needles))


def _in_order(ahead: list[str], rest: list[str], slop: int, at: int = -1) -> bool:
    """Whether ``rest[0]`` stands at most ``slop`` places after ``at`` in ``ahead``, and so on for the
    others (the phrase's first word is at -1)."""
    if not rest:
        return True
    for position in range(at + 1, min(at + 1 + slop, len(ahead))):
        if ahead[position] == rest[0] and _in_order(ahead, rest[1:], slop, position):
            return True
    return False


def needle(term: str) -> str:
    # A stem is part of every word it comes from, except that a nasal prefix may replace its first
    # letter, always k, p, t or s (menulis -> tulis, memukul -> pukul).
    return term[1:] if term[:1] in ("k", "p", "t", "s") else term


def snippet(text: str, terms: set[str], maxchars: int = 200) -> Snippet:
    """A highlighted extract around the first matching word; the page opening when nothing matches.

    Words are matched by stem, like the index, so *melayani* lights up for the query *layanan*.
    """
    spans = _spans(text, terms, maxchars)
    if not spans:
        opening = _SPACE.sub(" ", text).strip()
        cut = opening[:maxchars]
        return ((cut + (" …" if len(opening) > maxchars else ""), False),) if cut else ()
    start, end = _window(text, spans[0][0], maxchars)
    segments: list[tuple[str, bool]] = [("… ", False)] if start else []
    index = start
    for begin, finish in spans:
        segments.append((text[index:begin], False))
        segments.append((text[begin:finish], True))
        index = finish
    segments.append((text[index:end], False))
    if end < len(text):
        segments.append((" …", False))
    return _tidy(segments)


def _spans(text: str, terms: set[str], maxchars: int) -> list[tuple[int, int]]:
    """Where the words of ``terms`` stand in the snippet's window, read from the first find of a
    needle on (no word before it can hold one) and only as far as the window reaches."""
    needles = [needle(t) for t in terms]
    lowered = text.lower()
    first = min((i for i in (lowered.find(needle) for needle in needles) if i >= 0), default=-1)
    if first < 0:
        return []
    if len(lowered) != len(text):
        first = 0  # lower() lengthened a letter, so offsets in the two differ: read from the start
    while first and text[first - 1].isalnum():  # back to the start of the word
        first -= 1
    spans: list[tuple[int, int]] = []
    end = first + 2 * maxchars  # how far the first match is looked for
    for m in _WORD.finditer(text, first):
        if m.start() >= end:
            break
        if _holds_any(m.group().lower(), needles) and term_of(m.group()) in terms:
            if not spans:
                end = _window(text, m.start(), maxchars)[1]
            spans.append(m.span())
    return spans


def _window(text: str, first_match: int, maxchars: int) -> tuple[int, int]:
    """The snippet's stretch of ``text``: a little before the first match, beginning at a word."""
    start = max(0, first_match - maxchars // 4)
    if start:
        space = text.find(" ", start, first_match)
        start = space + 1 if space >= 0 else first_match
    return start, min(len(text), start + maxchars)


def _holds_any(word: str, needles: list[str]) -> bool:
    return any(needle in word for needle in needles)


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


def matches(q: Node, page: PageText) -> tuple[bool, set[str]]:
    """Whether ``q`` holds on the page, and the stems to highlight."""
    if isinstance(q, Term):
        if q.field not in TEXT_FIELDS:
            return True, set()
        return page.has_term(q.text), {q.text}
    if isinstance(q, Phrase):
        if q.field not in TEXT_FIELDS:
            return True, set()
        return page.has_phrase(q.words, max(q.slop, 1)), set(q.words)
    if isinstance(q, Pattern):
        words = page.words_with(needle(q.head))
        if q.field == EXACT_FIELD:  # words as written
            found = {term for word, term in words.items() if fnmatch.fnmatchcase(word, q.pattern)}
        elif q.field in TEXT_FIELDS:  # stems, as the index's stemmed fields see them
            found = {term for term in words.values() if fnmatch.fnmatchcase(term, q.pattern)}
        else:
            return True, set()
        return bool(found), found
    if isinstance(q, Not):
        return not matches(q.part, page)[0], set()
    if isinstance(q, Pair):
        ok, terms = matches(q.a, page)
        if q.how == "andnot":
            return ok and not matches(q.b, page)[0], terms
        if not ok:
            return False, set()
        ok_b, terms_b = matches(q.b, page)
        if not ok_b:
            return q.how == "andmaybe", terms
        return True, terms | terms_b
    if isinstance(q, Group) and q.how == "all":
        highlighted: set[str] = set()
        for sub in q.parts:
            ok, terms = matches(sub, page)
            if not ok:
                return False, set()  # the page fails: its other parts need not be looked for
            highlighted |= terms
        return True, highlighted
    if isinstance(q, Group):
        results = [matches(sub, page) for sub in q.parts]
        return any(ok for ok, _ in results), set().union(*(t for ok, t in results if ok))
    if isinstance(q, Nothing):
        return False, set()
    assert isinstance(q, Every)
    return True, set()  # not a statement about page text


def page_matches(
    q: Any, pages: Sequence[str], max_snippets: int, holds: Callable[[Any, PageText], tuple[bool, set[str]]] = matches
) -> list[tuple[int, Snippet]]:
    """The 1-based numbers of matching pages, at most ``max_snippets`` of them, with snippets; ``holds`` judges
    one page (the core's tree by default; an engine with its own query tree passes its own judge)."""
    found: list[tuple[int, Snippet]] = []
    for number, text in enumerate(pages, start=1):
        if len(found) >= max_snippets:
            break
        ok, terms = holds(q, PageText(fold(text)))
        if ok:
            found.append((number, snippet(text, terms)))
    return found
