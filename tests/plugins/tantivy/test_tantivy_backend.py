"""The tantivy backend on a real index in tmp_path: its own folder, damage, and a second writer."""

from __future__ import annotations

import pytest

from zi_evidence.errors import IndexUnavailable
from zi_evidence.search.backend import IndexDoc
from zi_evidence_tantivy import TantivyBackend, register_search_backends

DOC = IndexDoc(key="1", stamp="a", path="Area 1/sk.pdf", title="SK Tim", text="Pelayanan publik zona integritas")


def test_plugin_registers_the_backend_above_whoosh():
    from zi_evidence_whoosh import WhooshBackend

    assert register_search_backends() == [TantivyBackend]
    assert TantivyBackend.priority > getattr(WhooshBackend, "priority", 0)


def test_its_index_lives_beside_whooshs_and_survives_a_whoosh_rebuild(tmp_path):
    from zi_evidence_whoosh import WhooshBackend

    tantivy, whoosh = TantivyBackend(tmp_path), WhooshBackend(tmp_path)
    tantivy.rebuild([DOC])
    whoosh.rebuild([DOC])
    whoosh.rebuild([])  # prunes its old generations, never the other engine's folder
    assert tantivy.search("layanan", {}, 5)[1] == 1 and whoosh.search("layanan", {}, 5)[1] == 0
    assert tantivy.fingerprint().startswith("tantivy-") and tantivy.fingerprint() != whoosh.fingerprint()


def test_a_damaged_index_is_unavailable_not_a_crash(tmp_path):
    backend = TantivyBackend(tmp_path)
    backend.rebuild([DOC])
    folder = backend._generations.current()
    (folder / "meta.json").write_text("{ kaput", encoding="utf-8")
    fresh = TantivyBackend(tmp_path)
    with pytest.raises(IndexUnavailable, match="Bangun ulang indeks"):
        fresh.stamps()
    fresh.rebuild([DOC])  # what the core does on IndexUnavailable
    assert fresh.stamps() == {"1": "a"}


def test_a_second_instance_sees_updates_and_removals(tmp_path):
    writer, reader = TantivyBackend(tmp_path), TantivyBackend(tmp_path)
    writer.update([DOC], [])
    assert reader.search("integritas", {}, 5)[1] == 1
    writer.update([IndexDoc(key="1", stamp="b", path="p", text="arsip digital")], [])
    assert reader.search("integritas", {}, 5)[1] == 0 and reader.stamps() == {"1": "b"}
    writer.update([], ["1"])
    assert reader.stamps() == {}
