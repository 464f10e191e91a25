"""Indonesian text analysis: tokenise, fold case and accents, drop function words, stem.

Two analyzers share one pipeline so token positions agree: ``indonesian_analyzer`` ends with the
Snowball Indonesian stemmer (so *pelayanan*, *layanan* and *melayani* all become ``layan``), and
``exact_analyzer`` stops before stemming. Prefix and wildcard terms are matched against words as
written, because a stemmed prefix is unpredictable (``pelay*`` would have to match the stem ``layan``):
words the stemmer leaves alone are found in the stemmed fields themselves, and the words it changes are
indexed a second time, unstemmed, in ``text_exact`` (see ``AffixedWordsFilter``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from whoosh.analysis import Analyzer, Filter, RegexTokenizer, StopFilter, Token, Tokenizer

# the analysis itself is the core's, shared with every engine; re-exported for this plugin's modules
from zi_evidence import (  # noqa: F401
    STOP_WORDS,
    TOKEN_PATTERN,
    affixed_counts,
    fold,
    index_terms,
    split_words,
    stem,
    term_of,
    words_of,
)

_WORD = re.compile(TOKEN_PATTERN)


class FoldFilter(Filter):
    """Case and accent folding; a plain class (no tables) so the pickled schema stays tiny."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = fold(t.text)
            yield t


class IndonesianStemFilter(Filter):
    """Replaces each token with its cached Snowball Indonesian stem."""

    is_morph = True

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = stem(t.text)
            yield t


class AffixedWordsFilter(Filter):
    """When indexing, keeps only words the stemmer changes (``pelayanan``, not ``integritas``).

    A word that is its own stem is already a term of the stemmed fields, where a prefix query also
    looks; storing it again would nearly double the postings, and postings are what commits cost.
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            if t.mode != "index" or stem(t.text) != t.text:
                yield t


def exact_analyzer() -> Analyzer:
    """Tokens folded and stop-word filtered, not stemmed (positions match ``indonesian_analyzer``)."""
    # minsize=1 keeps one-letter parts of codes such as "W.11"; renumber closes stop-word gaps on both
    # the index and the query side, so phrases still line up.
    return RegexTokenizer(TOKEN_PATTERN) | FoldFilter() | StopFilter(STOP_WORDS, minsize=1, renumber=True)


class IndonesianTokenizer(Tokenizer):
    """Tokenise, fold, drop stop words and (optionally) stem in one pass.

    The same terms and positions as ``exact_analyzer() | IndonesianStemFilter()``, but one generator
    instead of a chain of them: indexing spends most of its time here, per token.
    """

    def __init__(self, stemmed: bool = True, affixed_only: bool = False) -> None:
        self.stemmed = stemmed
        self.affixed_only = affixed_only

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        words = _WORD.finditer(value) if tokenize else iter([re.match(r".*", value, re.DOTALL)])
        indexing_affixed = self.affixed_only and mode == "index"
        pos = start_pos
        for match in words:
            assert match is not None
            word = fold(match.group())
            stopped = word in STOP_WORDS
            if stopped and removestops:
                continue
            word_stem = stem(word) if (self.stemmed or indexing_affixed) else word
            if indexing_affixed and word_stem == word:
                continue
            t.text = word_stem if self.stemmed else word
            t.boost = 1.0
            t.stopped = stopped
            if keeporiginal:
                t.original = match.group()
            if positions:
                t.pos = pos
            if chars:
                t.startchar = start_char + match.start()
                t.endchar = start_char + match.end()
            if not stopped:
                pos += 1
            yield t


def affixed_analyzer() -> Analyzer:
    """For the ``text_exact`` field: words as written, only those the stemmer changes."""
    return IndonesianTokenizer(stemmed=False, affixed_only=True)


def indonesian_analyzer() -> Analyzer:
    """The full pipeline used for ``title``, ``path`` and ``text``."""
    return IndonesianTokenizer(stemmed=True)
