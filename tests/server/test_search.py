"""Search on PostgreSQL (plugins/zi_evidence_pgsearch): stemmed and exact matches, highlights, and every
query limited to the reader's subtree, year and question; user input never breaks the query."""

from __future__ import annotations

from datetime import date

import pytest

from zi_evidence.review.model import Role, User

TIM = "A.1.1.a"


@pytest.fixture
def corpus(pushed):
    pushed("UPT-A", {"sk.txt": (TIM, ["Keputusan tentang pembangunan zona integritas", "Lampiran nomor W.11-2026/5"])})
    pushed("UPT-B", {"notulen.txt": ("A.1.2.a", ["Notulen rapat zona integritas menuju WBK"])})
    pushed("UPT-C", {"sk-c.txt": (TIM, ["Keputusan kepala tentang zona integritas di Jawa Barat"])})
    pushed("UPT-A", {"lama.txt": (TIM, ["Zona integritas tahun lalu"])}, year=2025)


def _search(db, user, query, **params):
    from zi_evidence.server.views import search_view

    with db.engine.connect() as connection:
        return search_view(connection, user, {"q": query, **params}, {}, date(2026, 6, 1))["hits"]


KIKI = User("kiki", "Kiki", True, (Role("verifikator", "KW-JATIM", "kanwil"),))
ALL = User("tari", "Tari", True, (Role("verifikator", "*", "tpi"),))


def test_a_kanwil_reader_finds_only_its_upts(org, corpus):
    hits = _search(org, KIKI, '"zona integritas"')
    assert sorted({f["unit"] for h in hits for f in h["files"]}) == ["UPT-A", "UPT-B"]
    assert sorted({f["unit"] for h in _search(org, ALL, '"zona integritas"') for f in h["files"]}) == [
        "UPT-A", "UPT-B", "UPT-C",
    ]  # fmt: skip


def test_year_question_and_unit_filters(org, corpus):
    assert {f["path"] for h in _search(org, ALL, "zona", year="2025") for f in h["files"]} == {"lama.txt"}
    assert {f["unit"] for h in _search(org, ALL, "zona", question="A.1.2.a", year="2026") for f in h["files"]} == {
        "UPT-B"
    }
    assert {f["unit"] for h in _search(org, ALL, "zona", unit="KW-JABAR") for f in h["files"]} == {"UPT-C"}


def test_stems_match_other_forms_and_numbers_match_exactly_with_highlights(org, corpus):
    hit = _search(org, KIKI, "membangun")[0]  # pembangunan and membangun share the stem 'bangun'
    assert hit["page"] == 1 and ["pembangunan", True] in [list(s) for s in hit["snippet"]]
    exact = _search(org, KIKI, "W.11-2026/5")
    assert [(h["page"], h["files"][0]["path"]) for h in exact] == [(2, "sk.txt")]


@pytest.mark.parametrize("query", ['"tim kerja', "laporan AND", "judul:sk", "Rp 1.000.000,00", "Undang-Undang", "-"])
def test_hostile_input_never_raises(org, corpus, query):
    assert isinstance(_search(org, ALL, query), list)


def test_a_unit_outside_the_readers_reach_is_refused(org, corpus):
    from zi_evidence.errors import ServerError

    with pytest.raises(ServerError, match="di luar wewenang"):
        _search(org, KIKI, "zona", unit="UPT-C")


def _backend(org, query, units, **options):
    from zi_evidence_pgsearch import PgSearchBackend

    with org.engine.connect() as connection:
        ids = [connection.exec_driver_sql("SELECT id FROM units WHERE code = %s", (u,)).scalar() for u in units]
        return PgSearchBackend.server_search(connection, query, ids, None, None, 10, **options)


@pytest.fixture
def many_pages(pushed):
    """Eleven pages mentioning "pengaduan" 1 to 11 times: their rank order is known."""
    pages = [" ".join(["pengaduan masyarakat"] * n + ["laporan bulanan kantor"] * (12 - n)) for n in range(1, 12)]
    docs = {"aduan.txt": (TIM, pages), "lain.txt": ("A.1.2.a", ["tidak ada yang cocok di sini"])}
    pushed("UPT-A", docs, year=2027)  # beside, not instead of, the corpus's 2026 snapshot


def test_hits_are_ranked_and_the_count_is_exact_below_the_cap(org, many_pages):
    found = _backend(org, "pengaduan", ["UPT-A"])
    assert (found.matched, found.capped) == (11, False)
    assert [h["page"] for h in found.hits] == list(range(11, 1, -1))  # the most mentions first, ten shown
    ranks = [h["rank"] for h in found.hits]
    assert ranks == sorted(ranks, reverse=True) and ranks[0] > ranks[-1]


def test_above_the_cap_the_count_says_more_and_only_that_many_are_ranked(org, many_pages):
    found = _backend(org, "pengaduan", ["UPT-A"], candidates=4)
    assert (found.matched, found.capped) == (4, True)
    assert len(found.hits) == 5  # the cap plus one page, to know there are more
    ranks = [h["rank"] for h in found.hits]
    assert ranks == sorted(ranks, reverse=True)
    assert _backend(org, "pengaduan", ["UPT-A"], candidates=11).capped is False


def test_both_ways_of_reading_a_scope_give_the_same_hits(org, corpus, many_pages):
    for query in ("pengaduan", '"zona integritas"', "W.11-2026/5", "keputusan OR notulen"):
        by_file = _backend(org, query, ["UPT-A", "UPT-B", "UPT-C"], scoped_files=10_000)
        by_word = _backend(org, query, ["UPT-A", "UPT-B", "UPT-C"], scoped_files=0)
        assert by_file == by_word and by_file.hits, query


NIK = "3204124108850001"
PHONE = "0812-3456-7890"


def test_snippets_never_show_a_personal_number_in_full(org, pushed):
    """A daftar hadir pushed with its citizens' numbers: the server's hits (API and page) show the last four."""
    from zi_evidence.server.search_page import search_page
    from zi_evidence.server.views import _host, _rulesets

    pushed("UPT-A", {"hadir.txt": (TIM, [f"Daftar hadir sosialisasi\n1. Siti NIK {NIK} HP {PHONE}"])})
    for query in ("sosialisasi", NIK, "siti"):
        hits = _search(org, ALL, query)
        assert hits, query
        shown = "".join(text for hit in hits for text, _ in hit["snippet"])
        assert NIK not in shown and "3456-7890" not in shown and "34567890" not in shown
        assert query != NIK or "************0001" in shown  # the hit itself, masked
    with org.engine.connect() as connection:
        unit = connection.exec_driver_sql("SELECT id FROM units WHERE code = 'UPT-A'").scalar()
        page = search_page(connection, NIK, {}, [unit], _host(), _rulesets())
    shown = "".join(text for hit in page["hits"] for p in hit["pages"] for text, _ in p["snippet"])
    assert NIK not in shown and "************0001" in shown
