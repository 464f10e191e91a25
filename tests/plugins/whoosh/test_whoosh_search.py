"""Searching a real index in tmp_path, with each search engine (Whoosh and tantivy): language features,
filters, updates, stamps. Both engines must give the same answers."""

from __future__ import annotations

import pytest

from zi_evidence.errors import QueryError
from zi_evidence.search.backend import IndexDoc
from zi_evidence_whoosh import WhooshBackend, register_search_backends

DOCS = [
    IndexDoc(
        key="sk",
        stamp="s1",
        path="Area 1/1.a/SK_Tim_ZI_2026.pdf",
        question="1.a",
        indicator="I.1",
        area="Manajemen Perubahan",
        kinds=("SK", "Lampiran"),
        year="2026",
        title="SK Tim Pembangunan Zona Integritas",
        text="Keputusan kepala kantor tentang tim kerja Kanwil W.11 di Sémarang.",
    ),
    IndexDoc(
        key="sop",
        stamp="s2",
        path="Area 5/5.b/sop_layanan.pdf",
        question="5.b",
        area="Penguatan Kualitas Pelayanan Publik",
        kinds=("SOP",),
        year="2025",
        title="Standar Operasional",
        text="Standar layanan publik dan maklumat pelayanan bagi masyarakat.",
    ),
    IndexDoc(
        key="notulen",
        stamp="s3",
        path="Area 5/5.c/notulen.docx",
        question="5.c",
        area="Penguatan Kualitas Pelayanan Publik",
        kinds=("Notulen",),
        year="2026",
        title="Notulen Rapat",
        text="Petugas melayani pengaduan masyarakat dengan ramah.",
    ),
]


@pytest.fixture
def backend(tmp_path, search_backend_class):
    b = search_backend_class(tmp_path / "index")
    b.update(DOCS, [])
    yield b
    b.close()


def keys(backend, query: str, **filters: str) -> set[str]:
    hits, total = backend.search(query, filters, 20)
    assert total == len(hits)
    return {h.key for h in hits}


def test_plugin_registers_the_backend():
    assert register_search_backends() == [WhooshBackend]
    assert WhooshBackend.name == "whoosh"


def test_empty_folder_has_no_hits_and_no_stamps(tmp_path, search_backend_class):
    b = search_backend_class(tmp_path / "none")
    assert b.search("pelayanan", {}, 10) == ([], 0)
    assert b.stamps() == {}


def test_stemming_joins_word_forms(backend):
    assert keys(backend, "pelayanan") == {"sop", "notulen"}  # "layanan", "pelayanan", "melayani"
    assert keys(backend, "layani") == {"sop", "notulen"}


def test_stop_words_are_ignored(backend):
    assert keys(backend, "yang standar dari layanan") == {"sop"}


def test_stop_words_alone_are_a_query_error(backend):
    with pytest.raises(QueryError, match="kata umum"):
        backend.search("yang dan di", {}, 10)


def test_accents_folded(backend):
    assert keys(backend, "semarang") == {"sk"}
    assert keys(backend, "SÉMARANG") == {"sk"}


def test_phrase(backend):
    assert keys(backend, '"layanan publik"') == {"sop"}
    assert keys(backend, '"publik layanan"') == set()


def test_code_with_dot_is_found_as_phrase(backend):
    assert keys(backend, "W.11") == {"sk"}


def test_and_is_default_and_or_not_work(backend):
    assert keys(backend, "pelayanan maklumat") == {"sop"}
    assert keys(backend, "pelayanan AND maklumat") == {"sop"}
    assert keys(backend, "maklumat OR pengaduan") == {"sop", "notulen"}
    assert keys(backend, "pelayanan NOT maklumat") == {"notulen"}
    assert keys(backend, "pelayanan ANDNOT maklumat") == {"notulen"}  # once refused as a "broken index"
    assert keys(backend, "pelayanan ANDMAYBE maklumat") == {"sop", "notulen"}


def test_prefix_matches_words_as_written(backend):
    assert keys(backend, "pelay*") == {"sop"}  # only the sop text has a word starting "pelay"
    assert keys(backend, "integri*") == {"sk"}
    assert keys(backend, "Peng*") == {"notulen"}
    assert keys(backend, "peng*an") == {"notulen"}  # wildcard


def test_prefix_also_reaches_stems(backend):
    # "layan*" is a prefix of the stem shared by layanan / pelayanan / melayani.
    assert keys(backend, "layan*") == {"sop", "notulen"}


def test_title_and_path_are_searched(backend):
    assert keys(backend, "operasional") == {"sop"}  # title only
    assert keys(backend, "sop") == {"sop"}  # file name only


def test_each_filter(backend):
    assert keys(backend, "pelayanan", area="Penguatan Kualitas Pelayanan Publik") == {"sop", "notulen"}
    assert keys(backend, "pelayanan", question="5.c") == {"notulen"}
    assert keys(backend, "", kind="SK") == {"sk"}
    assert keys(backend, "", kind="Lampiran") == {"sk"}
    assert keys(backend, "pelayanan", year="2025") == {"sop"}
    assert keys(backend, "pelayanan", year="2026", kind="Notulen") == {"notulen"}
    assert keys(backend, "pelayanan", year="2026", kind="SOP") == set()
    assert keys(backend, "pelayanan", year="") == {"sop", "notulen"}  # empty filter = no filter


def test_filter_values_are_not_parsed(backend):
    assert keys(backend, "", area="Manajemen OR Perubahan") == set()


def test_unknown_filter_is_a_query_error(backend):
    with pytest.raises(QueryError, match="Saringan"):
        backend.search("x", {"warna": "merah"}, 10)


def test_limit_and_total(backend):
    hits, total = backend.search("pelayanan", {}, 1)
    assert len(hits) == 1 and total == 2


@pytest.mark.parametrize(
    "query", ['"layanan publik', "(layanan OR publik", "layanan OR OR publik", "AND x", "x NOT", ")"]
)
def test_malformed_query_raises_query_error_with_hint(backend, query):
    with pytest.raises(QueryError, match="Petunjuk"):
        backend.search(query, {}, 10)


def test_update_replaces_old_version(backend):
    # Guards the Whoosh-Reloaded 2.7.5 refresh bug: a search after update must not see the old text.
    assert keys(backend, "maklumat") == {"sop"}
    changed = IndexDoc(key="sop", stamp="s2b", path="Area 5/5.b/sop_layanan.pdf", text="Prosedur perizinan baru.")
    backend.update([changed], [])
    assert keys(backend, "maklumat") == set()
    assert keys(backend, "izin") == {"sop"}
    backend.update([IndexDoc(key="sop", stamp="s2c", path="p", text="Arsip digital.")], [])
    assert keys(backend, "izin") == set()
    assert keys(backend, "arsip") == {"sop"}
    assert backend.stamps()["sop"] == "s2c"


def test_remove_keys_deletes(backend):
    backend.update([], ["notulen"])
    assert keys(backend, "pengaduan") == set()
    assert set(backend.stamps()) == {"sk", "sop"}


def test_stamps_reflect_content(backend):
    assert backend.stamps() == {"sk": "s1", "sop": "s2", "notulen": "s3"}


def test_other_backend_instance_sees_updates(backend):
    reader = type(backend)(backend.index_dir)
    assert keys(reader, "maklumat") == {"sop"}
    backend.update([], ["sop"])
    assert keys(reader, "maklumat") == set()
