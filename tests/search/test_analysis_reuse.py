"""A document's fields are split once for their terms and reused for the affixed words: the reuse must
never hand one text the words of another, in whatever order the fields come."""

from __future__ import annotations

from collections import Counter

from zi_evidence.search import analysis
from zi_evidence.search.analysis import affixed_counts, fold, index_terms, split_words, term_of


def _fresh_affixed(*texts: str) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for text in texts:
        for word in split_words(text):
            term = term_of(word)
            if term is not None and term != fold(word):
                counts[fold(word)] += 1
    return dict(counts)


def test_affixed_words_after_the_terms_of_title_path_and_body():
    title, path = "Laporan Pelayanan", "PEMENUHAN/Laporan_Pelayanan_Publik.pdf"
    body = "Peningkatan pelayanan publik dan pengaduan masyarakat " * 50 + "Sémarang melayani"
    for name in (title, path, body):
        index_terms(name)
    assert affixed_counts(title, path, body) == _fresh_affixed(title, path, body)
    assert affixed_counts(title, path, body)["pelayanan"] == 52  # title, path and 50 in the body
    other = "Kinerja pegawai meningkat " + body  # a new text, never the words of the last one
    assert affixed_counts(other) == _fresh_affixed(other)
    assert len(analysis._last_words) <= analysis._RECENT
