"""Corrupt and locked indexes: IndexUnavailable from readers and writers, and rebuild() recovers."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from whoosh import index as windex

from zi_evidence.errors import IndexUnavailable
from zi_evidence.search.backend import IndexDoc
from zi_evidence_whoosh import WhooshBackend


class QuickBackend(WhooshBackend):
    lock_timeout = 0.1
    lock_attempts = 3


def make_docs(n: int = 5, word: str = "pelayanan") -> list[IndexDoc]:
    return [
        IndexDoc(key=f"k{i}", stamp=f"s{i}", path=f"Area/f{i}.pdf", text=f"{word} dokumen nomor{i}") for i in range(n)
    ]


def live_folder(backend: WhooshBackend) -> Path:
    return backend.index_dir / (backend.index_dir / "CURRENT").read_text().strip()


@pytest.fixture
def backend(tmp_path):
    b = QuickBackend(tmp_path / "index")
    b.update(make_docs(), [])
    return b


def assert_all_searchable(b: WhooshBackend, n: int = 5) -> None:
    hits, total = b.search("pelayanan", {}, 50)
    assert total == n
    assert b.stamps() == {f"k{i}": f"s{i}" for i in range(n)}


def corrupt(folder: Path, suffix: str, how: str) -> None:
    [target] = [p for p in folder.iterdir() if p.name.endswith(suffix)]
    if how == "garbage":
        target.write_bytes(b"\x00garbage" * 7)
    else:
        data = target.read_bytes()
        target.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("suffix", [".toc", ".seg"])
@pytest.mark.parametrize("how", ["garbage", "truncate"])
def test_corrupt_index_is_unavailable_then_rebuild_recovers(backend, suffix, how):
    corrupt(live_folder(backend), suffix, how)
    with pytest.raises(IndexUnavailable, match="Bangun ulang"):
        backend.search("pelayanan", {}, 10)
    with pytest.raises(IndexUnavailable):
        backend.stamps()
    with pytest.raises(IndexUnavailable):
        backend.update(make_docs(1, "perubahan"), [])
    backend.rebuild(make_docs())
    assert_all_searchable(backend)
    assert_all_searchable(WhooshBackend(backend.index_dir))  # a fresh process sees the new generation


def test_garbage_pointer_is_unavailable_and_rebuild_recovers(backend):
    (backend.index_dir / "CURRENT").write_text("../../etc")
    with pytest.raises(IndexUnavailable):
        backend.search("pelayanan", {}, 10)
    backend.rebuild(make_docs())
    assert_all_searchable(backend)


def test_held_write_lock_makes_update_unavailable(backend):
    other = windex.open_dir(str(live_folder(backend))).writer()
    try:
        started = time.monotonic()
        with pytest.raises(IndexUnavailable, match="terkunci"):
            backend.update(make_docs(1, "perubahan"), [])
        assert time.monotonic() - started >= 0.3  # it waited and retried before giving up
        assert_all_searchable(backend)  # readers are not blocked by a writer
    finally:
        other.cancel()
    backend.update(make_docs(1, "perubahan"), [])  # lock released: writing works again


def test_update_waits_for_a_released_lock(tmp_path):
    class PatientBackend(WhooshBackend):
        lock_timeout = 0.2
        lock_attempts = 20

    b = PatientBackend(tmp_path / "index")
    b.update(make_docs(), [])
    other = windex.open_dir(str(live_folder(b))).writer()
    release = threading.Timer(0.5, other.cancel)
    release.start()
    try:
        b.update([IndexDoc(key="new", stamp="n", path="x.pdf", text="maklumat pelayanan")], [])
    finally:
        release.join()
    assert {h.key for h in b.search("maklumat", {}, 10)[0]} == {"new"}


def test_rebuild_while_old_index_locked(backend):
    other = windex.open_dir(str(live_folder(backend))).writer()
    try:
        backend.rebuild(make_docs(3))
        assert_all_searchable(backend, 3)
        backend.update(make_docs(1, "perubahan"), [])  # the new generation has its own lock
    finally:
        other.cancel()


def test_rebuild_keeps_one_previous_generation(backend):
    for _ in range(3):
        backend.rebuild(make_docs())
    gens = sorted(p.name for p in backend.index_dir.iterdir() if p.name.startswith("gen-"))
    assert len(gens) == 2 and live_folder(backend).name == gens[-1]
    assert_all_searchable(backend)


def test_failed_rebuild_leaves_the_live_index_alone(backend):
    def broken():
        yield from make_docs(2, "lain")
        raise RuntimeError("katalog terputus")

    before = live_folder(backend)
    with pytest.raises(RuntimeError):
        backend.rebuild(broken())
    assert live_folder(backend) == before
    assert_all_searchable(backend)
    assert sorted(p.name for p in backend.index_dir.iterdir() if p.name.startswith("gen-")) == [before.name]


def test_instance_follows_rebuilds_made_elsewhere(backend):
    other = WhooshBackend(backend.index_dir)
    assert_all_searchable(backend)
    other.rebuild(make_docs(4))
    other.rebuild(make_docs(3))  # the generation `backend` had open is pruned by now
    assert_all_searchable(backend, 3)
