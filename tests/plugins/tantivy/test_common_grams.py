"""Index version 3 on real tantivy indexes: pair tokens only for two frequent terms, the index's own
list of them kept with the generation and used unchanged by updates and queries, the same hits as
Whoosh whichever way a phrase is answered, and an index of an older version rebuilt from the catalog."""

from __future__ import annotations

import json

import pytest
import tantivy

from zi_evidence import parse_query
from zi_evidence.search.backend import IndexDoc
from zi_evidence_tantivy import TantivyBackend, common
from zi_evidence_tantivy.fields import PAIRS
from zi_evidence_tantivy.translate import Translator

#: More words in every document than the list holds, so that a word in a few documents is left off it.
FILLER = " ".join(f"zz{i:03d}" for i in range(common.TOP + 10))
BODIES = {
    "a": "Tim membangun zona integritas dan zona dagabinu",
    "b": "zona yang dagabinu dijaga; integritas zona",  # a stop word between: still adjacent terms
    "c": "dagabinu tanpa zona bepir, integritas pelayanan",
    "d": "zona integritas; pelayanan publik",
    "e": "laporan pelayanan zona bepir integritas",
    "f": "zona dan integritas",
}
PHRASES = [
    '"zona integritas"',
    '"integritas zona"',
    '"zona dagabinu"',
    '"dagabinu zona"',
    '"pelayanan publik"',
    '"zona bepir"',
    '"integritas pelayanan"',
    '"zona integritas pelayanan"',
]


def _docs(bodies: dict[str, str], filler: str = FILLER) -> list[IndexDoc]:
    return [IndexDoc(key=k, stamp="1", path=f"bukti/{k}.pdf", text=f"{filler} {v}") for k, v in bodies.items()]


def _keys(backend, query: str) -> set[str]:
    hits, total = backend.search(query, {}, 100)
    assert total == len(hits)
    return {hit.key for hit in hits}


def _translated(backend: TantivyBackend, query: str) -> str:
    _, index, schema, listed = backend._open()
    return repr(Translator(tantivy, schema, index.searcher(), listed).query(parse_query(query)))


def _pair_docs(backend: TantivyBackend, pair: str) -> int:
    return backend._open()[1].searcher().doc_freq(PAIRS, pair)


def test_the_list_is_the_indexs_own_and_pairs_only_frequent_terms(tmp_path):
    backend = TantivyBackend(tmp_path)
    backend.rebuild(_docs(BODIES))
    folder = backend._generations.current()
    ranked = (folder / common.FILE).read_text(encoding="utf-8").split()
    assert len(ranked) == common.TOP and {"zona", "integritas"} <= set(ranked)
    assert "dagabinu" not in ranked and "layan" not in ranked  # each in 3 of the 6 documents
    assert _pair_docs(backend, "zona_integritas") == 3  # a, d and f
    assert _pair_docs(backend, "zona_dagabinu") == 0 and _pair_docs(backend, "layan_publik") == 0


def test_a_phrase_of_two_frequent_words_is_one_pair_term(tmp_path):
    backend = TantivyBackend(tmp_path)
    backend.rebuild(_docs(BODIES))
    assert 'TermQuery(Term(field=6, type=Str, "zona_integritas"))' in _translated(backend, '"zona integritas"')
    assert _keys(backend, '"zona integritas"') == {"a", "d", "f"}
    assert _keys(backend, '"integritas zona"') == {"a", "b"}  # "dan" in a is a stop word


def test_a_phrase_with_a_rarer_word_is_checked_by_position(tmp_path):
    backend = TantivyBackend(tmp_path)
    backend.rebuild(_docs(BODIES))
    assert "PhraseQuery" in _translated(backend, '"zona dagabinu"')
    assert _keys(backend, '"zona dagabinu"') == {"a", "b"}  # c holds both words, apart
    assert _keys(backend, '"dagabinu zona"') == set()
    assert _keys(backend, '"pelayanan publik"') == {"d"}


def test_phrases_find_what_whoosh_finds(tmp_path):
    from zi_evidence_whoosh import WhooshBackend

    engines = TantivyBackend(tmp_path), WhooshBackend(tmp_path)
    for engine in engines:
        engine.rebuild(_docs(BODIES))
    for query in PHRASES:
        assert _keys(engines[0], query) == _keys(engines[1], query), query
    assert any(_keys(engines[0], query) for query in PHRASES)


def test_an_update_keeps_the_list_and_pairs_with_it(tmp_path):
    backend = TantivyBackend(tmp_path)
    backend.rebuild(_docs(BODIES))
    folder = backend._generations.current()
    before = (folder / common.FILE).read_bytes()
    # seven documents with "mawar melati" and no filler: a new count would put both words first
    roses = [f"m{n}" for n in range(7)]
    added = {k: "mawar melati zona integritas" for k in roses} | {"i": "dagabinu zona melati"}
    backend.update(_docs(added, filler=""), [])
    assert backend._generations.current() == folder and (folder / common.FILE).read_bytes() == before
    assert _pair_docs(backend, "zona_integritas") == 3 + 7 and _pair_docs(backend, "mawar_melati") == 0
    fresh = TantivyBackend(tmp_path)  # another process, reading the stored list
    assert _keys(fresh, '"zona integritas"') == {"a", "d", "f", *roses}
    assert "PhraseQuery" in _translated(fresh, '"mawar melati"')
    assert _keys(fresh, '"mawar melati"') == set(roses) and _keys(fresh, '"zona melati"') == {"i"}


def test_the_first_update_of_an_empty_index_chooses_the_list_from_its_documents(tmp_path):
    backend = TantivyBackend(tmp_path)
    backend.update(_docs({"a": "zona integritas", "b": "zona integritas"}), [])
    listed = (backend._generations.current() / common.FILE).read_text(encoding="utf-8").split()
    assert {"zona", "integritas"} <= set(listed)
    assert _keys(backend, '"zona integritas"') == {"a", "b"}


def test_a_missing_list_makes_the_index_unavailable_and_a_rebuild_mends_it(tmp_path):
    import pytest

    from zi_evidence.errors import IndexUnavailable

    TantivyBackend(tmp_path).rebuild(_docs(BODIES))
    fresh = TantivyBackend(tmp_path)
    (fresh._generations.current() / common.FILE).unlink()
    with pytest.raises(IndexUnavailable, match="Bangun ulang indeks"):
        fresh.stamps()
    fresh.rebuild(_docs(BODIES))
    assert _keys(fresh, '"zona integritas"') == {"a", "d", "f"}


@pytest.mark.engines("tantivy")  # the repository names it
def test_an_index_of_an_older_version_is_rebuilt_from_the_catalog(make_repo, fabricate, run_cli):
    root = make_repo(extra="search:\n  engine: tantivy\n")
    area = root / "PEMENUHAN/AREA I - Manajemen Perubahan/i. Penyusunan Tim Kerja/a. Tim pembangunan ZI"
    fabricate.make_pdf(area / "SK Tim.pdf", ["Tim membangun zona integritas", "zona integritas dijaga"])
    fabricate.make_docx(area / "Notulen.docx", ["Rapat zona integritas", "rapat tim"])
    first = run_cli("index", root, "--json")
    assert first.exit_code == 0, first.output
    index_dir = root / ".zi-evidence" / "index"
    own = index_dir / f"tantivy-v{TantivyBackend.version}"
    own.rename(index_dir / "tantivy-v2")  # as a version-2 install left it

    again = run_cli("index", root, "--json")
    assert again.exit_code == 0, again.output
    assert json.loads(again.output)["parsed"] == 0, "rebuilt from the catalog, no file read again"
    assert (own / "CURRENT").is_file() and not (index_dir / "tantivy-v2").exists()
    found = run_cli("search", "--repo", root, "--json", '"zona integritas"')
    assert found.exit_code == 0 and json.loads(found.output)["total"] == 2, found.output


def test_the_pool_chooses_the_list_from_the_first_documents_as_one_process_does():
    from zi_evidence_tantivy.parallel import SERIAL_UP_TO, analyse_all

    head = {f"d{n}": f"zona integritas w{n % 7} laporan{n % 3} pelayanan publik" for n in range(SERIAL_UP_TO)}
    later = {f"e{n}": "mawar melati zona integritas" for n in range(50)}  # frequent, but after the sample
    docs = _docs(head | later, filler="")
    ranked, one = analyse_all(docs, workers=1)
    pooled, two = analyse_all(docs, workers=2)
    assert pooled == ranked and list(two) == list(one)
    assert {"zona", "integritas", "w0", "layan"} <= set(ranked) and "mawar" not in ranked
    pairs = [dict(fields[2]).get(PAIRS, "") for fields in analyse_all(docs, workers=2)[1]]
    assert pairs[0] == "zona_integritas integritas_w0 w0_laporan0 laporan0_layan layan_publik"
    assert pairs[-1] == "zona_integritas"  # mawar_melati is not a pair: the list did not change
