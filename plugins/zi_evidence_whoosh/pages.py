"""Which pages of one document match a query, each with a highlighted snippet.

Pages are not indexed (one Whoosh document per file keeps the index small), so the parsed query tree is
evaluated directly against each page's text: AND needs every part, OR any, NOT none, and a phrase needs
its words in order within the phrase's slop. Conditions on non-text fields (say ``area:...``) were
already settled by the document search and count as true here.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Sequence

from whoosh import query as wq

from zi_evidence import PageText, Snippet
from zi_evidence import page_matches as each_page_matching
from zi_evidence import page_needle as needle
from zi_evidence_whoosh.schema import EXACT_FIELD, TEXT_FIELDS


def _pattern_needle(q: wq.PatternQuery) -> str:
    """What every word matching the pattern holds: its fixed head (empty when it starts with a wildcard)."""
    return needle(re.split(r"[*?\[]", q.text, maxsplit=1)[0])


def matches(q: wq.Query, page: PageText) -> tuple[bool, set[str]]:
    """Whether ``q`` holds on the page, and the stems to highlight."""
    if isinstance(q, wq.Term):
        if q.fieldname not in TEXT_FIELDS:
            return True, set()
        return page.has_term(q.text), {q.text}
    if isinstance(q, wq.Phrase):
        if q.fieldname not in TEXT_FIELDS:
            return True, set()
        return page.has_phrase(q.words, max(q.slop, 1)), set(q.words)
    if isinstance(q, wq.PatternQuery):
        pattern = q.text + "*" if isinstance(q, wq.Prefix) else q.text
        words = page.words_with(_pattern_needle(q))
        if q.fieldname == EXACT_FIELD:  # words as written
            found = {term for word, term in words.items() if fnmatch.fnmatchcase(word, pattern)}
        elif q.fieldname in TEXT_FIELDS:  # stems, as the index's stemmed fields see them
            found = {term for term in words.values() if fnmatch.fnmatchcase(term, pattern)}
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
        if not ok:
            return False, set()
        ok_b, terms_b = matches(q.b, page)
        if not ok_b:
            return isinstance(q, wq.AndMaybe), terms
        return True, terms | terms_b
    if isinstance(q, wq.And):
        highlighted: set[str] = set()
        for sub in q.subqueries:
            ok, terms = matches(sub, page)
            if not ok:
                return False, set()  # the page fails: its other parts need not be looked for
            highlighted |= terms
        return True, highlighted
    if isinstance(q, (wq.Or, wq.DisjunctionMax)):
        results = [matches(sub, page) for sub in q.subqueries]
        return any(ok for ok, _ in results), set().union(*(t for ok, t in results if ok))
    if q is wq.NullQuery:
        return False, set()
    return True, set()  # Every, ranges on metadata, ...: not a statement about page text


def page_matches(q: wq.Query, pages: Sequence[str], max_snippets: int) -> list[tuple[int, Snippet]]:
    """The 1-based numbers of matching pages, at most ``max_snippets`` of them, with snippets."""
    return each_page_matching(q, pages, max_snippets, holds=matches)
