"""Locating matches on the pages of one document."""

from __future__ import annotations

import pytest

from zi_evidence.errors import QueryError
from zi_evidence_whoosh import WhooshBackend

PAGES = [
    "Daftar isi dan kata pengantar.",
    "Bab I\nStandar   pelayanan publik di unit kerja.\nMaklumat dipasang di ruang tunggu.",
    "Bab II\nPetugas melayani pengaduan. Tidak ada maklumat di halaman ini? Ada: maklumat.",
    "Lampiran: foto kegiatan publik, ruang layanan.",
]


@pytest.fixture
def backend(tmp_path):
    return WhooshBackend(tmp_path / "index")  # page matching needs no index on disk


def numbers(result) -> list[int]:
    return [number for number, _ in result]


def test_and_needs_every_term_on_the_page(backend):
    assert numbers(backend.page_matches("layanan maklumat", PAGES, 10)) == [2, 3]


def test_or_needs_any_term(backend):
    assert numbers(backend.page_matches("pengantar OR foto", PAGES, 10)) == [1, 4]


def test_not_excludes_pages(backend):
    assert numbers(backend.page_matches("pelayanan NOT maklumat", PAGES, 10)) == [4]


def test_phrase_needs_adjacent_words(backend):
    assert numbers(backend.page_matches('"pelayanan publik"', PAGES, 10)) == [2]
    assert numbers(backend.page_matches('"publik layanan"', PAGES, 10)) == []
    # Stop words are dropped before positions are counted, on pages as in the index.
    assert numbers(backend.page_matches('"publik layanan"', ["publik dan layanan"], 10)) == [1]


def test_prefix(backend):
    assert numbers(backend.page_matches("pengad*", PAGES, 10)) == [3]


def test_snippet_marks_the_match_and_tidies_whitespace(backend):
    [(number, snippet)] = backend.page_matches("pelayanan", PAGES[:2], 5)
    assert number == 2
    matched = [text for text, is_match in snippet if is_match]
    assert matched == ["pelayanan"]
    assert all("\n" not in text and "  " not in text for text, _ in snippet)


def test_snippet_highlights_every_word_form(backend):
    [(_, snippet)] = backend.page_matches("layanan", [PAGES[2]], 5)
    assert [text for text, is_match in snippet if is_match] == ["melayani"]


def test_bounded_by_max_snippets(backend):
    assert numbers(backend.page_matches("layanan", PAGES, 2)) == [2, 3]
    assert backend.page_matches("layanan", PAGES, 0) == []


def test_empty_query_locates_nothing(backend):
    assert backend.page_matches("  ", PAGES, 5) == []


def test_malformed_query(backend):
    with pytest.raises(QueryError):
        backend.page_matches('"pelayanan', PAGES, 5)


PHRASE_PAGES = [
    "Pembangunan zona yang integritas di kantor.",  # a stop word between: the index closes the gap
    "Pembangunan zona kerja integritas di kantor.",  # one real word between
    "Integritas zona, bukan sebaliknya.",  # wrong order
    "Zona\nIntegritas di akhir baris dan zona integritas lagi.",
    "Penulisan laporan bulanan.",  # another form of the same stem
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"zona integritas"', [1, 4]),
        ('"zona integritas"~2', [1, 2, 4]),
        ('"menulis laporan"', [5]),  # penulisan laporan: same stems
        ('"zona integritas di kantor"', [1]),
    ],
)
def test_phrases_on_pages_follow_the_index_positions(backend, query, expected):
    assert numbers(backend.page_matches(query, PHRASE_PAGES, 10)) == expected


# Words whose stems hold one another's (layan / pelayanan), nasal forms (menulis / tulis), stop words
# and separators: where a page check could part ways with the index.
_WORDS = (
    "zona integritas pelayanan layanan melayani publik wilayah bebas penulisan menulis laporan tulis "
    "yang dan di ke bezona integritasnya kantor SK_Tim W.11 2026"
).split()
_SEPARATORS = [" ", " ", " ", ", ", "\n", " - ", "_"]


def _random_pages(count: int, seed: int = 11) -> list[str]:
    import random

    rng = random.Random(seed)
    pages = []
    for _ in range(count):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(1, 25))]
        pages.append("".join(word + rng.choice(_SEPARATORS) for word in words))
    return pages


@pytest.mark.parametrize(
    "query",
    [
        '"zona integritas"',
        '"zona integritas"~2',
        '"zona integritas wilayah"',
        '"zona integritas wilayah"~3',
        '"menulis laporan"',
        '"layanan publik"',
        '"pelayanan publik" OR "bebas korupsi"',
        "zona integritas NOT wilayah",
        "layan* kantor",
        "tulis",
    ],
)
def test_a_page_matches_exactly_when_the_index_finds_it_as_a_document(tmp_path, query):
    from zi_evidence.search.backend import IndexDoc

    # the first "integritas" is too far from "wilayah" for ~3, the second is near enough
    pages = _random_pages(300) + ["zona integritas integritas kantor kantor wilayah"]
    index = WhooshBackend(tmp_path / "index")
    index.update([IndexDoc(key=str(i), stamp="s", path=f"p{i}.pdf", text=page) for i, page in enumerate(pages)], [])
    try:
        hits, total = index.search(query, {}, len(pages))
    finally:
        index.close()
    found_by_index = sorted(int(hit.key) for hit in hits)
    found_on_pages = [i for i, page in enumerate(pages) if index.page_matches(query, [page], 1)]
    assert 0 < total < len(pages)  # the query separates the pages: the comparison means something
    assert found_on_pages == found_by_index
