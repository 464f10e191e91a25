"""Read-only and full disks, and paths through regular files: one Indonesian message naming the path and
what to do, never a traceback; a full disk during ``index`` leaves the catalog as it was, and the next
run on a disk with room completes and equals a clean run (files, pages, hits).

Full and read-only disks are real mounts (a 2 MB tmpfs, a read-only bind mount): root only."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "zi_evidence"]
FOLDER = "PEMENUHAN/AREA I - Manajemen Perubahan/i. Penyusunan Tim Kerja"


def zi(*args, check_traceback: bool = True, file_limit: int | None = None) -> subprocess.CompletedProcess:
    """The command in a child; ``file_limit`` caps every file it writes (RLIMIT_FSIZE), a full disk's stand-in."""
    run = subprocess.run(
        [*CLI, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=None if file_limit is None else partial(_limit_files, file_limit),  # noqa: PLW1509
    )
    if check_traceback:
        assert "Traceback" not in run.stderr + run.stdout, run.stderr
    return run


def _limit_files(size: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


def _can_mount() -> bool:
    return os.geteuid() == 0 and shutil.which("mount") is not None


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"mount is not permitted here: {done.stderr.strip()}")


@pytest.fixture
def mounts():
    made: list[Path] = []

    def mount(target: Path, *args: str) -> Path:
        target.mkdir(parents=True, exist_ok=True)
        _mount(*args, str(target))
        made.append(target)
        return target

    yield mount
    for target in reversed(made):
        subprocess.run(["umount", str(target)], capture_output=True)


@pytest.fixture
def drive(make_repo, fabricate):
    root = make_repo()
    for i in range(3):
        fabricate.make_pdf(root / FOLDER / f"1.i.a SK Tim {i}.pdf", [f"SK Tim Kerja nomor {i}", "halaman dua"])
    return root


def observed(root: Path, state: Path) -> tuple:
    from zi_evidence.repository import Repository
    from zi_evidence.search.query import search

    repo = Repository.open(root, state)
    with repo.catalog() as catalog:
        rows = sorted((r.display, r.sha256, r.status, r.page_count) for r in catalog.records())
    hits = {q: sorted(h.path for h in search(repo, q, {}, 1000).hits) for q in ("tim", "kerja", "halaman", "berkas*")}
    repo.search_backend().close()
    return rows, hits


@pytest.mark.parametrize("disk", ["tmpfs", "rlimit"])
def test_a_full_disk_during_index_leaves_the_catalog_as_it_was_and_the_next_run_completes(
    drive, fabricate, tmp_path, mounts, disk
):
    """A real 2 MB tmpfs where mounting is permitted; everywhere a 1 MB cap on every file written."""
    if disk == "tmpfs" and not _can_mount():
        pytest.skip("mounting needs root")
    state = (
        mounts(tmp_path / "penuh", "-t", "tmpfs", "-o", "size=2m", "tmpfs") if disk == "tmpfs" else tmp_path
    ) / "st"
    assert zi("index", drive, "--state-dir", state, "-q").returncode == 0
    before = observed(drive, state)
    # enough new text to overflow the disk (or the cap) in the middle of the run
    for i in range(60):
        fabricate.make_pdf(drive / FOLDER / f"berkas {i:02}.pdf", [f"berkas {i} " + f"kata{i} " * 3000] * 2)
    full = zi("index", drive, "--state-dir", state, "-q", file_limit=None if disk == "tmpfs" else 1 << 20)
    assert full.returncode == 1
    assert str(state) in full.stderr and "--state-dir" in full.stderr, full.stderr
    assert ("disk penuh" if disk == "tmpfs" else "Kesalahan: ") in full.stderr, full.stderr
    assert observed(drive, state) == before, "a failed run must leave the catalog as it was"

    if disk == "tmpfs":
        subprocess.run(["mount", "-o", "remount,size=256m", str(state.parent)], check=True)
    assert zi("index", drive, "--state-dir", state, "-q").returncode == 0
    clean = tmp_path / "bersih"
    assert zi("index", drive, "--state-dir", clean, "-q").returncode == 0
    assert observed(drive, state) == observed(drive, clean)


def test_outputs_on_a_full_disk_fail_with_one_message(drive, tmp_path, mounts):
    assert zi("index", drive, "-q").returncode == 0
    full = mounts(tmp_path / "penuh", "-t", "tmpfs", "-o", "size=64k", "tmpfs")
    with open(full / "pengisi", "wb") as handle:  # fill it
        try:
            handle.write(b"x" * (1 << 20))
        except OSError:
            pass
    report = ("report", "-C", drive, "-q", "-o", full / "laporan.html")
    for args in (report, ("bundle", drive, "-q", "-o", full / "b.zip")):
        run = zi(*args)
        assert run.returncode == 1 and "disk penuh" in run.stderr, run.stderr
        assert not list(full.glob("laporan*")) and not list(full.glob("b*.zip"))


def test_a_read_only_tree_asks_for_another_state_folder(drive, tmp_path, mounts):
    view = mounts(tmp_path / "ro", "--bind", str(drive))
    subprocess.run(["mount", "-o", "remount,ro,bind", str(view)], check=True)
    run = zi("index", view, "-q")
    assert run.returncode == 1 and "hanya-baca" in run.stderr and "--state-dir" in run.stderr, run.stderr
    template = zi("answers", "template", "-C", view)
    assert template.returncode == 1 and "hanya-baca" in template.stderr and "jawaban-lke.yaml" in template.stderr
    elsewhere = tmp_path / "status"
    assert zi("index", view, "--state-dir", elsewhere, "-q").returncode == 0
    report = zi("report", "-C", view, "--state-dir", elsewhere, "-q", "-o", tmp_path / "laporan.html")
    assert report.returncode == 0, report.stderr


def test_paths_through_a_regular_file_get_one_message(drive, tmp_path):
    blocker = tmp_path / "berkas-biasa"
    blocker.write_text("bukan folder")
    assert zi("index", drive, "-q").returncode == 0
    cases = [
        ("init", blocker / "unit", "--unit", "Kantor Uji"),
        ("report", "-C", drive, "-q", "-o", blocker / "laporan.html"),
        ("bundle", drive, "-q", "-o", blocker / "b.zip"),
        ("answers", "export", "-C", drive, "-o", blocker / "lke.xlsx"),
        ("index", drive, "-q", "--state-dir", blocker / "status"),
    ]
    for args in cases:
        run = zi(*args)
        assert run.returncode == 1, (args, run.stderr)
        assert str(blocker) in run.stderr and ("bukan folder" in run.stderr or "sudah ada" in run.stderr), run.stderr
    assert blocker.read_text() == "bukan folder"


@pytest.mark.parametrize(
    "code, says",
    [
        ("EROFS", "hanya-baca"),
        ("ENOSPC", "disk penuh"),
        ("EDQUOT", "kuota"),
        ("ENOTDIR", "bukan folder"),
        ("EEXIST", "sudah ada"),
        ("EISDIR", "adalah folder"),
        ("EACCES", "hak akses"),
        ("EPERM", "tidak diizinkan"),
        ("ENOENT", "tidak ada"),
        ("EIO", "galat masukan/keluaran"),
        ("EFBIG", "batas ukuran"),
    ],
)
def test_every_os_error_a_user_causes_is_one_message_with_path_and_what_to_do(code, says):
    import errno

    from zi_evidence.errors import os_error_message

    number = getattr(errno, code)
    message = os_error_message(OSError(number, os.strerror(number), "/data/unit/laporan.html"))
    assert message.startswith("/data/unit/laporan.html ") and says in message
    assert message.rstrip().endswith(".") and len(message.split(". ")) >= 2  # what happened. what to do.


def test_sqlite_and_encoding_errors_are_worded_too(tmp_path):
    import sqlite3

    from zi_evidence.errors import os_error_message

    assert "disk penuh" in os_error_message(sqlite3.OperationalError("database or disk is full"), tmp_path)
    assert str(tmp_path) in os_error_message(sqlite3.OperationalError("database or disk is full"), tmp_path)
    assert "hanya-baca" in os_error_message(sqlite3.OperationalError("attempt to write a readonly database"))
    try:
        b"\xff".decode("utf-8")
    except UnicodeDecodeError as exc:
        assert "UTF-8" in os_error_message(exc)
