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
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

import snowballstemmer
from whoosh.analysis import Analyzer, Filter, RegexTokenizer, StopFilter, Token, Tokenizer

#: Runs of letters and digits. Underscores split (file names such as ``SK_Tim_2026.pdf``), and so do
#: dots: a code like ``W.11`` becomes ``w`` + ``11``, which the query side turns back into a phrase.
#: Combining accents stay inside the word (decomposed PDF text) and are folded away afterwards.
TOKEN_PATTERN = r"[^\W_](?:[^\W_]|[\u0300-\u036f])*"

#: Common Indonesian function words. Deliberately short: content words that look generic in ZI
#: documents (``tim``, ``surat``, ``tahun``) stay searchable.
STOP_WORDS: frozenset[str] = frozenset(
    """
    yang dan di ke dari untuk dengan pada dalam ini itu atau oleh sebagai adalah akan telah sudah
    belum tidak bukan juga serta bagi kepada terhadap tentang antara agar supaya karena sehingga
    maka namun tetapi tapi jika apabila bila bahwa saat ketika selama sejak hingga sampai setelah
    sebelum lalu kemudian pun lah kah nya ialah yaitu yakni merupakan dapat bisa harus masih hanya
    lebih sangat para tersebut dll dsb dst tsb
    """.split()
)

_STEMMER = snowballstemmer.stemmer("indonesian")
# The pure-Python Snowball stemmer keeps per-call state on the object, so cache misses are serialised.
_STEM_LOCK = threading.Lock()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Indonesian stem of an already folded word; cached because corpora repeat words heavily."""
    if not word.isalpha():
        return word  # numbers and mixed codes ("2026", "b2") are kept as written
    with _STEM_LOCK:
        return str(_STEMMER.stemWord(word))


def fold(text: str) -> str:
    """Lower-case and strip accents (``Sémarang`` -> ``semarang``), the same way for index and query."""
    text = text.lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


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


_WORD = re.compile(TOKEN_PATTERN)

# Indexing analyses each distinct word once (a document repeats most of its words many times); the
# cache is cleared when it grows past this many words, which bounds its memory on any corpus.
_TERMS: dict[str, str | None] = {}
_TERMS_MAX = 200_000


def term_of(word: str) -> str | None:
    """The indexed term of one word as written, ``None`` for a stop word (``IndonesianTokenizer``'s rule)."""
    try:
        return _TERMS[word]
    except KeyError:
        pass
    if len(_TERMS) >= _TERMS_MAX:
        _TERMS.clear()
    folded = fold(word)
    term = None if folded in STOP_WORDS else stem(folded)
    _TERMS[word] = term
    return term


# ASCII text (most extracted text) is split by C string methods, an order of magnitude faster than the
# Unicode regular expression; both give the same words: runs of letters and digits.
_ASCII_GAPS = bytes(c if chr(c).isalnum() else 0x20 for c in range(128)) + bytes(range(128, 256))


def split_words(text: str) -> list[str]:
    """The words of ``text`` as ``TOKEN_PATTERN`` finds them."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_GAPS).decode("ascii").split()
    return _WORD.findall(text)


# The body text is tokenised for two fields in a row; the second one reuses the words of the first.
# One (text, words) pair, read and replaced as a whole so that threads never mix two documents.
_last_words: tuple[str, list[str]] = ("", [])


def words_of(text: str) -> list[str]:
    """The words of ``text`` as written (``TOKEN_PATTERN``)."""
    global _last_words
    last_text, last = _last_words
    if last_text is text:
        return last
    words = split_words(text)
    _last_words = (text, words)
    return words


def index_terms(text: str) -> list[str]:
    """The stemmed terms of ``text`` in order, stop words left out: a term's list index is its position.

    The same terms and positions as ``indonesian_analyzer()``, without a Token object per word.
    """
    return [term for term in map(term_of, words_of(text)) if term is not None]


def affixed_counts(*texts: str) -> dict[str, int]:
    """Frequency of each word the stemmer changes, as written (folded): ``affixed_analyzer``'s terms."""
    counts: dict[str, int] = {}
    for word, n in Counter(word for text in texts for word in words_of(text)).items():
        term = term_of(word)
        if term is not None:
            folded = fold(word)
            if term != folded:
                counts[folded] = counts.get(folded, 0) + n
    return counts


def affixed_analyzer() -> Analyzer:
    """For the ``text_exact`` field: words as written, only those the stemmer changes."""
    return IndonesianTokenizer(stemmed=False, affixed_only=True)


def indonesian_analyzer() -> Analyzer:
    """The full pipeline used for ``title``, ``path`` and ``text``."""
    return IndonesianTokenizer(stemmed=True)
