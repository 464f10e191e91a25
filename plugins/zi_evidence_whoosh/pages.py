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

from whoosh import query as wq
from whoosh.highlight import ContextFragmenter, Formatter, Fragment, highlight

from zi_evidence.searching import Snippet
from zi_evidence_whoosh.analysis import exact_analyzer, indonesian_analyzer, stem
from zi_evidence_whoosh.schema import EXACT_FIELD, TEXT_FIELDS

_SPACE = re.compile(r"\s+")
_ANALYZER = indonesian_analyzer()
_EXACT = exact_analyzer()


@dataclass(frozen=True)
class PageTokens:
    """One page analysed once: stem -> positions, and each unstemmed word -> its stem."""

    positions: dict[str, list[int]]
    words: dict[str, str]

    @classmethod
    def of(cls, text: str) -> PageTokens:
        positions: dict[str, list[int]] = {}
        words: dict[str, str] = {}
        for token in _EXACT(text, positions=True):
            word_stem = words.setdefault(token.text, stem(token.text))
            positions.setdefault(word_stem, []).append(token.pos)
        return cls(positions, words)


def matches(q: wq.Query, page: PageTokens) -> tuple[bool, set[str]]:
    """Whether ``q`` holds on the page, and the stems to highlight."""
    if isinstance(q, wq.Term):
        if q.fieldname not in TEXT_FIELDS:
            return True, set()
        return (q.text in page.positions), {q.text}
    if isinstance(q, wq.Phrase):
        if q.fieldname not in TEXT_FIELDS:
            return True, set()
        return _phrase_at(page, list(q.words), q.slop), set(q.words)
    if isinstance(q, wq.PatternQuery):
        pattern = q.text + "*" if isinstance(q, wq.Prefix) else q.text
        if q.fieldname == EXACT_FIELD:  # words as written
            found = {s for w, s in page.words.items() if fnmatch.fnmatchcase(w, pattern)}
        elif q.fieldname in TEXT_FIELDS:  # stems, as the index's stemmed fields see them
            found = {s for s in page.positions if fnmatch.fnmatchcase(s, pattern)}
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
    if not words or any(w not in page.positions for w in words):
        return False
    for start in page.positions[words[0]]:
        pos = start
        for word in words[1:]:
            nxt = [p for p in page.positions[word] if 0 < p - pos <= max(slop, 1)]
            if not nxt:
                break
            pos = nxt[0]
        else:
            return True
    return False


class SegmentFormatter(Formatter):
    """Whoosh formatter that returns ``(text, is_match)`` segments instead of markup."""

    between = " … "

    def format(self, fragments: list[Fragment], replace: bool = False) -> Snippet:
        segments: list[tuple[str, bool]] = []
        for number, fragment in enumerate(fragments):
            text = fragment.text
            if number:
                segments.append((self.between, False))
            elif fragment.startchar > 0:
                segments.append(("… ", False))
            index = fragment.startchar
            for token in sorted(fragment.matches, key=lambda t: (t.startchar, -t.endchar)):
                if token.startchar < index:
                    continue  # overlapping token already covered
                segments.append((text[index : token.startchar], False))
                segments.append((text[token.startchar : token.endchar], True))
                index = token.endchar
            segments.append((text[index : fragment.endchar], False))
            if number == len(fragments) - 1 and fragment.endchar < len(text):
                segments.append((" …", False))
        return _tidy(segments)


def snippet(text: str, terms: set[str], fragments: int = 2, maxchars: int = 180) -> Snippet:
    """A highlighted extract of ``text``; the page opening when nothing in it can be highlighted."""
    result: Snippet = ()
    if terms:
        fragmenter = ContextFragmenter(maxchars=maxchars, surround=50)
        result = highlight(text, terms, _ANALYZER, fragmenter, SegmentFormatter(), top=fragments)
    if not result:
        opening = _SPACE.sub(" ", text).strip()
        cut = opening[:maxchars]
        result = ((cut + (" …" if len(opening) > maxchars else ""), False),) if cut else ()
    return result


def page_matches(q: wq.Query, pages: Sequence[str], max_snippets: int) -> list[tuple[int, Snippet]]:
    """The 1-based numbers of matching pages, at most ``max_snippets`` of them, with snippets."""
    found: list[tuple[int, Snippet]] = []
    for number, text in enumerate(pages, start=1):
        if len(found) >= max_snippets:
            break
        ok, terms = matches(q, PageTokens.of(text))
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
