"""Indonesian text analysis shared by every search engine: tokenise, fold case and accents, drop
function words, stem (Snowball Indonesian: *pelayanan*, *layanan* and *melayani* all become ``layan``).

The index side and the query side use these same functions, whatever engine stores the terms, so a
word is found the same way in each. Prefix and wildcard terms are matched against words as written:
the words the stemmer changes are indexed a second time, unstemmed (``affixed_counts``).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from functools import lru_cache

import snowballstemmer

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
WORD = re.compile(TOKEN_PATTERN)


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


# Indexing analyses each distinct word once (a document repeats most of its words many times); the
# cache is cleared when it grows past this many words, which bounds its memory on any corpus.
_TERMS: dict[str, str | None] = {}
_TERMS_MAX = 200_000


def term_of(word: str) -> str | None:
    """The indexed term of one word as written, ``None`` for a stop word."""
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
    return WORD.findall(text)


# A document's title, path and body are tokenised for the terms, then again for the affixed words; the
# second pass reuses the words of the first. The last few (text, words) pairs, read and replaced as a
# whole so that threads never mix two documents (one entry only made the body, the largest, split twice).
_RECENT = 3
_last_words: tuple[tuple[str, list[str]], ...] = ()


def words_of(text: str) -> list[str]:
    """The words of ``text`` as written (``TOKEN_PATTERN``)."""
    global _last_words
    recent = _last_words
    for seen, words in recent:
        if seen is text:
            return words
    words = split_words(text)
    _last_words = ((text, words), *recent[: _RECENT - 1])
    return words


def index_terms(text: str) -> list[str]:
    """The stemmed terms of ``text`` in order, stop words left out: a term's list index is its position."""
    words = words_of(text)
    new = set(words).difference(_TERMS)
    if len(_TERMS) + len(new) > _TERMS_MAX:
        _TERMS.clear()
        new = set(words)
    for word in new:  # each distinct word analysed once; the per-word loop below stays in C
        term_of(word)
    return list(filter(None, map(_TERMS.__getitem__, words)))


def affixed_counts(*texts: str) -> dict[str, int]:
    """Frequency of each word the stemmer changes, as written (folded)."""
    seen: Counter[str] = Counter()
    for text in texts:
        seen.update(words_of(text))
    counts: dict[str, int] = {}
    for word, n in seen.items():
        term = term_of(word)
        if term is not None:
            folded = fold(word)
            if term != folded:
                counts[folded] = counts.get(folded, 0) + n
    return counts
