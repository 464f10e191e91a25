"""The watcher with a real observer on a temp dir, for inotify and for polling: changes become
searchable after the stability delay, half-written files are never taken, editor saves end as one
updated document, temp files never enter the catalog, and the periodic reconcile catches what
events cannot see."""

import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from zi_evidence.index.run import IndexOptions
from zi_evidence.repository import Repository
from zi_evidence.search.query import search
from zi_evidence.watch.watcher import Watcher, WatchOptions

FAST = {
    "debounce": 0.2,
    "stability": 0.8,
    "reconcile_every": 0,
    "verify_every": 0,
    "tick": 0.1,
    "index": IndexOptions(processes=1),
}
MODES = {"inotify": None, "polling": 0.25}


class Recorder:
    def __init__(self):
        self.changes, self.batches, self.messages = [], [], []

    def paths(self, kind=None):
        return [c.path for c in self.changes if kind is None or c.kind == kind]


@contextmanager
def watching(root: Path, **overrides):
    options = WatchOptions(**{**FAST, **overrides})
    seen = Recorder()
    watcher = Watcher(
        Repository.open(root),
        options,
        on_change=seen.changes.append,
        on_batch=lambda summary, reason: seen.batches.append((reason, summary)),
        on_message=seen.messages.append,
    )
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    wait_for(lambda: seen.batches, what="the first full run")
    try:
        yield seen
    finally:
        stop.set()
        thread.join(20)
        assert not thread.is_alive(), "the watcher must stop when asked"


def wait_for(condition, timeout=25.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def found(root, query):
    return [hit.path for hit in search(Repository.open(root), query, {}, 20).hits]


def parsed(seen):
    return sum(summary.parsed for _, summary in seen.batches)


@pytest.fixture(params=sorted(MODES))
def mode(request):
    return MODES[request.param]


def test_create_modify_move_rename_folder_delete(make_repo, mode):
    root = make_repo()
    with watching(root, polling=mode) as seen:
        (root / "AREA I").mkdir()
        (root / "AREA I" / "laporan.txt").write_text("laporan gratifikasi triwulan", encoding="utf-8")
        wait_for(lambda: found(root, "gratifikasi") == ["AREA I/laporan.txt"], what="a new file")

        (root / "AREA I" / "laporan.txt").write_text("laporan pengaduan masyarakat", encoding="utf-8")
        wait_for(lambda: found(root, "pengaduan") == ["AREA I/laporan.txt"], what="an edit")
        assert found(root, "gratifikasi") == []

        before = parsed(seen)
        (root / "AREA I" / "laporan.txt").rename(root / "AREA I" / "laporan-final.txt")
        wait_for(lambda: found(root, "pengaduan") == ["AREA I/laporan-final.txt"], what="a rename")
        (root / "AREA I").rename(root / "AREA II")
        wait_for(lambda: found(root, "pengaduan") == ["AREA II/laporan-final.txt"], what="a folder rename")
        wait_for(lambda: "AREA II/laporan-final.txt" in seen.paths("moved"), what="the move line")
        assert parsed(seen) == before, "a moved file keeps its text: nothing is parsed again"

        (root / "AREA II" / "laporan-final.txt").unlink()
        wait_for(lambda: found(root, "pengaduan") == [], what="a deletion")
        wait_for(lambda: seen.paths("removed") == ["AREA II/laporan-final.txt"], what="the removal line")


def test_a_file_written_in_chunks_is_indexed_once_and_complete(make_repo, mode):
    root = make_repo()
    with watching(root, polling=mode) as seen:
        path = root / "rekap.txt"
        with open(path, "w", encoding="utf-8") as handle:
            for chunk in range(8):  # ~2.4 s of writing, each pause shorter than the stability delay
                handle.write(f"bagian{chunk} " * 200)
                handle.flush()
                time.sleep(0.3)
            handle.write("penutup")
        wait_for(lambda: found(root, "penutup") == ["rekap.txt"], what="the completed file")
        time.sleep(1.0)
    assert seen.paths() == ["rekap.txt"], "one change only: never a half-written version"
    with Repository.open(root).catalog() as catalog:
        assert catalog.records()[0].size == path.stat().st_size


def test_word_style_save_ends_as_one_updated_document(make_repo, mode, fabricate):
    root = make_repo()
    folder = root / "AREA III"
    folder.mkdir()
    fabricate.make_docx(folder / "notulen.docx", ["notulen rapat pertama"])
    with watching(root, polling=mode) as seen:
        wait_for(lambda: found(root, "pertama") == ["AREA III/notulen.docx"], what="the original")
        (folder / "~$notulen.docx").write_bytes(b"owner lock")  # Word's lock file while editing
        fabricate.make_docx(folder / "~WRD0001.tmp", ["notulen rapat kedua"])  # the new version, written aside
        (folder / "notulen.docx").rename(folder / "~WRL0002.tmp")  # the original moves away a moment
        (folder / "~WRD0001.tmp").rename(folder / "notulen.docx")
        (folder / "~WRL0002.tmp").unlink()
        (folder / "~$notulen.docx").unlink()
        wait_for(lambda: found(root, "kedua") == ["AREA III/notulen.docx"], what="the saved document")
        time.sleep(0.5)
    assert found(root, "pertama") == []
    assert all("~" not in path for path in seen.paths()), seen.changes
    with Repository.open(root).catalog() as catalog:
        assert [r.display for r in catalog.records()] == ["AREA III/notulen.docx"]


def test_share_going_away_and_back_is_said_and_nothing_is_lost(make_repo, tmp_path):
    root = make_repo()
    (root / "sk.txt").write_text("surat keputusan integritas", encoding="utf-8")
    with watching(root, polling=0.25) as seen:
        wait_for(lambda: found(root, "integritas") == ["sk.txt"], what="the first run")
        away = tmp_path / "offline"
        root.rename(away)  # what an unmounted share looks like from here
        wait_for(lambda: any("tidak dapat diakses" in m for m in seen.messages), what="the offline message")
        away.rename(root)
        wait_for(lambda: any("dapat diakses lagi" in m for m in seen.messages), what="the reconnect")
        (root / "baru.txt").write_text("pakta integritas baru", encoding="utf-8")
        wait_for(lambda: sorted(found(root, "integritas")) == ["baru.txt", "sk.txt"], what="watching again")
    assert seen.paths("removed") == [], "an unreachable drive must never look like deleted evidence"


def test_an_edit_keeping_size_and_mtime_is_caught_by_the_reconcile(make_repo):
    root = make_repo()
    path = root / "nilai.txt"
    path.write_text("nilai tujuh", encoding="utf-8")
    # polling sees only size and mtime, exactly what this edit keeps; the periodic full run does not miss it
    with watching(root, polling=0.25, reconcile_every=1.5) as seen:
        wait_for(lambda: found(root, "tujuh") == ["nilai.txt"], what="the first run")
        info = path.stat()
        path.write_text("nilai empat", encoding="utf-8")  # same length
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
        wait_for(lambda: found(root, "empat") == ["nilai.txt"], what="the reconcile")
    assert "reconcile" in [reason for reason, _ in seen.batches]


def test_the_hash_cycle_catches_what_even_ctime_hides(make_repo):
    root = make_repo()
    path = root / "nilai.txt"
    path.write_text("nilai tujuh", encoding="utf-8")
    with watching(root, verify_every=1.5) as seen:
        wait_for(lambda: found(root, "tujuh") == ["nilai.txt"], what="the first run")
        stop_events_and_edit_in_place(root, path)
        wait_for(lambda: found(root, "empat") == ["nilai.txt"], what="the verify cycle")
    assert "verify" in [reason for reason, _ in seen.batches]


def stop_events_and_edit_in_place(root: Path, path: Path) -> None:
    """Edit, then make the catalog agree with the new size/mtime/ctime, as a share that reports no
    ctime would: only a hash comparison can still tell the content changed."""
    info = path.stat()
    with Repository.open(root).catalog() as catalog:
        with catalog.transaction():  # hold the writer out while the edit lands
            path.write_text("nilai empat", encoding="utf-8")
            os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
            fresh = path.stat()
            catalog.db.execute("UPDATE files SET ctime_ns = ?", (fresh.st_ctime_ns,))


# -- an edited zi-evidence.yaml, followed without a restart ---------------------------------------
RULE = '\nmapping:\n  - {path: "Arsip/scan0001.txt", id: "A.I.1.i.a"}\n'


def target_of(root: Path, rel: str) -> str | None:
    with Repository.open(root).catalog() as catalog:
        record = catalog.record_by_path(rel.encode())
        return None if record is None else record.target_id


def test_a_mapping_rule_added_while_watching_maps_the_file(make_repo):
    root = make_repo()
    (root / "Arsip").mkdir()
    evidence = root / "Arsip" / "scan0001.txt"
    evidence.write_text("Keputusan tentang tim kerja zona integritas", encoding="utf-8")
    before = evidence.read_bytes()
    with watching(root) as seen:
        assert target_of(root, "Arsip/scan0001.txt") is None
        config = root / "zi-evidence.yaml"
        config.write_text(config.read_text(encoding="utf-8") + RULE, encoding="utf-8")
        wait_for(lambda: target_of(root, "Arsip/scan0001.txt") == "A.I.1.i.a", what="the new rule applied")
        # the batch is reported after its catalog commit: wait for the report, then count it
        wait_for(lambda: "config" in [reason for reason, _ in seen.batches], what="the config batch")
        assert [reason for reason, _ in seen.batches].count("config") == 1
    assert evidence.read_bytes() == before


def test_a_broken_config_save_is_reported_and_the_watcher_goes_on(make_repo):
    root = make_repo()
    (root / "Arsip").mkdir()
    (root / "Arsip" / "scan0001.txt").write_text("Keputusan tim kerja", encoding="utf-8")
    config = root / "zi-evidence.yaml"
    good = config.read_text(encoding="utf-8")
    with watching(root) as seen:
        config.write_text(good + "year: [tidak, valid\n", encoding="utf-8")
        wait_for(lambda: any("tidak dapat dipakai" in m for m in seen.messages), what="the broken-config message")
        assert "config" not in [reason for reason, _ in seen.batches]
        config.write_text(good + RULE, encoding="utf-8")  # the team fixes the file: followed at once
        wait_for(lambda: target_of(root, "Arsip/scan0001.txt") == "A.I.1.i.a", what="the fixed config applied")
