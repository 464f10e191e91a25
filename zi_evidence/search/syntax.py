"""The query language's lexical check and its shared refusals, for every engine and parser.

Whoosh's parser silently repaired broken syntax (``a OR OR b`` became ``a AND b``), which answers a
different question than the one asked, so this check runs first and reports the mistake in Indonesian.
"""

from __future__ import annotations

import re

from zi_evidence.errors import QueryError

_LEXEME = re.compile(r'"[^"]*"|\(|\)|[^\s()"]+')
_BINARY = {"AND", "OR", "ANDNOT", "ANDMAYBE"}
HINT = (
    'Petunjuk: tulis kata-kata biasa (semua harus ada), "frasa persis" dalam tanda kutip, '
    "operator AND / OR / NOT dengan huruf kapital di antara kata, dan awalan* untuk awal kata."
)


def check_syntax(text: str) -> None:
    """Raise ``QueryError`` for unbalanced quotes or brackets and operators missing an operand."""
    if text.count('"') % 2:
        raise _syntax(text, 'tanda kutip (") tidak berpasangan')
    depth = 0
    prev = "start"  # kind of the previous lexeme: start, open, close, word, binary, not
    for lexeme in _LEXEME.findall(text):
        if lexeme == "(":
            depth, prev = depth + 1, "open"
        elif lexeme == ")":
            if depth == 0:
                raise _syntax(text, "ada tanda kurung tutup ')' tanpa pasangan '('")
            if prev == "open":
                raise _syntax(text, "tanda kurung '()' kosong")
            if prev in ("binary", "not"):
                raise _syntax(text, "operator di akhir kelompok tidak diikuti kata")
            depth, prev = depth - 1, "close"
        elif lexeme in _BINARY:
            if prev in ("start", "open", "binary", "not"):
                raise _syntax(text, f"operator {lexeme} harus berada di antara dua kata")
            prev = "binary"
        elif lexeme == "NOT":
            if prev == "not":
                raise _syntax(text, "NOT ditulis dua kali")
            prev = "not"
        else:
            prev = "word"
    if depth:
        raise _syntax(text, "tanda kurung '(' belum ditutup")
    if prev in ("binary", "not"):
        raise _syntax(text, "kueri diakhiri operator tanpa kata sesudahnya")


#: A prefix or wildcard becomes one OR clause per matching word; past this many the query is refused.
MAX_EXPANSION = 2000


def too_many_words(written: str, is_prefix: bool) -> QueryError:
    """The refusal of a pattern that matches more than ``MAX_EXPANSION`` words of the index."""
    if is_prefix:
        return QueryError(
            f"Pola '{written}' cocok dengan lebih dari {MAX_EXPANSION} kata di indeks. "
            "Tulis awalan yang lebih panjang (lebih banyak huruf sebelum '*')."
        )
    return QueryError(
        f"Pola '{written}' cocok dengan lebih dari {MAX_EXPANSION} kata di indeks. Tulis pola yang lebih khas."
    )


def _syntax(text: str, what: str) -> QueryError:
    return QueryError(f"Kueri {text!r} tidak dapat dipahami: {what}. {HINT}")
