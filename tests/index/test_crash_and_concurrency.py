"""SIGKILL of ``index`` (and ``watch``) at several moments, then ``index`` again, equals an uninterrupted
run; two writers at once: one waits (or, with --no-wait, fails clearly); readers never block."""

import fcntl
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from zi_evidence.repository import Repository
from zi_evidence.search.query import search

WORDS = "pelayanan publik gratifikasi integritas pengaduan survei kepuasan monitoring evaluasi rencana aksi".split()
QUERIES = ["gratifikasi", "pelayanan publik", "kode7*", "survei AND kepuasan", "kode123"]
CLI = [sys.executable, "-m", "zi_evidence"]


def fill(root: Path, count: int, seed: int = 5) -> None:
    rng = random.Random(seed)
    for i in range(count):
        folder = root / f"AREA {i % 6 + 1}" / f"sub{i % 10}"
        folder.mkdir(parents=True, exist_ok=True)
        words = " ".join(rng.choice(WORDS) for _ in range(200))
        (folder / f"berkas{i:03}.txt").write_text(f"{words} kode{i}", encoding="utf-8")


def state_of(root: Path) -> tuple:
    """What a user can observe: the catalog's rows and texts, and the hits of a fixed query set."""
    repo = Repository.open(root)
    with repo.catalog() as catalog:
        rows = sorted(
            (r.display, r.sha256, r.status, r.target_id, r.kinds, tuple(catalog.page_texts(r)))
            for r in catalog.records()
        )
        stamps = {str(r.id): r.stamp for r in catalog.records()}
    backend = repo.search_backend()
    assert backend.stamps() == stamps, "the index must agree with the catalog"
    backend.close()
    hits = {q: sorted(h.path for h in search(repo, q, {}, 1000).hits) for q in QUERIES}
    return rows, hits


def index(root: Path, *extra: str, check: bool = True) -> subprocess.CompletedProcess:
    run = subprocess.run([*CLI, "index", str(root), "-q", *extra], capture_output=True, text=True, timeout=300)
    if check:
        assert run.returncode == 0, run.stderr + run.stdout
    return run


#: Where ``index`` is killed: a stage and the share of its steps done, as its progress lines on stderr say.
#: The first run over 300 files passes every stage: scan, hash, parse, then a fresh search index.
MILESTONES = [
    ("Memindai folder", 0),
    ("Mencatat berkas baru/berubah", 3),
    ("Membaca isi berkas", 1),
    ("Membaca isi berkas", 5),
    ("Membaca isi berkas", 9),
    ("Membangun ulang indeks pencarian", 2),
    ("Membangun ulang indeks pencarian", 8),
]


def _kill_at(root: Path, stage: str, tenths: int) -> list[str]:
    """Run ``index`` and SIGKILL it as soon as its progress reaches ``tenths``/10 of ``stage``."""
    process = subprocess.Popen(
        [*CLI, "index", str(root), "--processes", "1"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    seen = []
    assert process.stderr is not None
    for line in process.stderr:
        seen.append(line.rstrip("\n"))
        label, _, count = line.rstrip("\n…").partition(": ")
        if label != stage:
            continue
        done, _, total = count.partition("/")
        if tenths == 0 or (total and int(done) * 10 >= int(total) * tenths):
            process.send_signal(signal.SIGKILL)
            break
    process.wait()
    assert process.returncode == -signal.SIGKILL, f"never reached {stage} {tenths}/10: {seen}"
    return seen


def test_sigkill_at_progress_milestones_then_index_again_equals_an_uninterrupted_run(make_repo, tmp_path):
    reference = make_repo("reference")
    fill(reference, 300)
    index(reference, "--processes", "1")
    expected = state_of(reference)

    template = make_repo("template")
    fill(template, 300)
    for number, (stage, tenths) in enumerate(MILESTONES):
        root = tmp_path / f"crashed-{number}"
        shutil.copytree(template, root, symlinks=True)
        _kill_at(root, stage, tenths)
        index(root)
        assert state_of(root) == expected, (stage, tenths)
        assert "0 dibaca" in index(root).stdout, "after the repair run nothing is left to parse"


def test_sigkill_of_watch_mid_batch_is_repaired_by_the_next_run(make_repo):
    reference = make_repo("reference")
    fill(reference, 120)
    index(reference)
    root = make_repo("watched")
    process = subprocess.Popen(
        [*CLI, "watch", str(root), "--stability", "0.2", "--debounce", "0.1", "--processes", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(1.5)
        fill(root, 120)
        time.sleep(1.2)  # the batch for these files is under way now
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    index(root)
    assert state_of(root) == state_of(reference)


def _lock_held(state: Path) -> bool:
    try:
        fd = os.open(state / "writer.lock", os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def test_two_writers_one_waits_or_fails_clearly_and_readers_never_block(make_repo):
    from zi_evidence.state.lock import writer_lock

    root = make_repo()
    fill(root, 300)
    index(root)
    for i in range(20):
        (root / f"baru{i:02}.txt").write_text(f"berkas baru nomor {i}", encoding="utf-8")
    # this test holds the writer lock itself, so the other writers meet it whatever the machine's speed
    with writer_lock(root / ".zi-evidence"):
        refused = index(root, "--no-wait", check=False)
        assert refused.returncode == 1 and "Proses lain" in refused.stderr and "--no-wait" in refused.stderr

        reader = subprocess.run([*CLI, "status", "--repo", str(root)], capture_output=True, text=True, timeout=30)
        assert reader.returncode == 0, "a reader never waits for the writer"

        waiting = subprocess.Popen(
            [*CLI, "index", str(root)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        time.sleep(5)  # long enough to start and reach the lock
        assert waiting.poll() is None, "a second writer waits while the lock is held"
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err
    assert "Menunggu" in err and "20 baru" in out
    with Repository.open(root).catalog() as catalog:
        assert len(catalog.records()) == 320


def test_a_reader_neither_waits_for_nor_sees_an_open_write(tmp_path):
    from zi_evidence.state.catalog import Catalog

    path = tmp_path / "catalog.sqlite"
    Catalog(path).close()
    with Catalog(path) as writer:
        writer.db.execute("BEGIN IMMEDIATE")
        writer.set_meta("batch", "half-applied")
        started = time.monotonic()
        with Catalog(path) as reader:
            assert reader.get_meta("batch") == "" and reader.records() == []
        assert time.monotonic() - started < 5, "opening the catalog to read must not wait for the writer"
        writer.db.execute("ROLLBACK")


WRITER_THAT_FORKS = """
import os, sys, time
from pathlib import Path
from zi_evidence.state.lock import writer_lock

with writer_lock(Path(sys.argv[1])):
    child = os.fork()
    if child == 0:
        time.sleep(60)
        os._exit(0)
    print(child, flush=True)
    time.sleep(60)
"""


def _running(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting to be reaped does not)."""
    try:
        return not Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    except (OSError, IndexError):
        return False


def test_a_child_forked_under_the_lock_dies_with_a_killed_writer_and_holds_no_lock(tmp_path):
    if not sys.platform.startswith("linux"):
        return
    from zi_evidence.state.lock import writer_lock

    argv = [sys.executable, "-c", WRITER_THAT_FORKS, str(tmp_path)]
    writer = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)
    child = int(writer.stdout.readline())
    assert _running(child)
    writer.kill()
    writer.wait(timeout=30)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _running(child):
        time.sleep(0.05)
    assert not _running(child), "the forked child outlived its killed writer"
    with writer_lock(tmp_path, wait=False):
        pass
