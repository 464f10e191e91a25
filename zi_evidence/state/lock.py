"""One writer at a time per state folder; readers never take the lock.

The lock is an OS file lock, so a writer that dies releases it with its process: no stale
lock can block the next run. A process forked while the lock is held (a parse worker, a search
engine's sub-writer) would hold it too, through the inherited descriptor, and outlive a SIGKILL
of the writer: such children close it at once and are set to die with their parent.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from zi_evidence.errors import StateError
from zi_evidence.state.marker import mark_state_folder

LOCK_NAME = "writer.lock"
_HELD: set[int] = set()  # lock descriptors this process holds now
_FORKED_BY = [0]  # pid of the process that forked (set just before each fork)
PR_SET_PDEATHSIG = 1


def _before_fork() -> None:
    _FORKED_BY[0] = os.getpid()
    if _HELD:
        _load_prctl()  # in the parent: a run that forks nothing never loads ctypes


def _in_child() -> None:
    if not _HELD:
        return
    for fd in _HELD:
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()
    _die_with_parent()
    if os.getppid() != _FORKED_BY[0]:  # the writer died before the line above took effect
        os._exit(1)


def _die_with_parent() -> None:
    import signal

    prctl = _PRCTL[0]
    if prctl is not None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


_PRCTL: list[Any] = [None]


def _load_prctl() -> None:
    """Looked up in the writer before a fork, so that the child only makes the call (no loading after fork)."""
    if _PRCTL[0] is None and sys.platform.startswith("linux"):
        import ctypes

        try:
            _PRCTL[0] = ctypes.CDLL(None, use_errno=True).prctl
        except (OSError, AttributeError):
            pass


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_before_fork, after_in_child=_in_child)


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


@contextmanager
def writer_lock(state_dir: Path, wait: bool = True, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the state folder's writer lock for the duration of the block."""
    state_dir.mkdir(parents=True, exist_ok=True)
    mark_state_folder(state_dir)
    path = state_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if not _try_lock(fd):
            holder = _holder(path)
            message = f"Proses lain ({holder}) sedang memperbarui katalog di {state_dir}."
            if not wait:
                raise StateError(message + " Coba lagi setelah proses itu selesai, atau jalankan tanpa --no-wait.")
            if on_wait:
                on_wait(message + " Menunggu…")
            while not _try_lock(fd):
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}".encode())
        _HELD.add(fd)
        yield
    finally:
        _HELD.discard(fd)
        os.close(fd)


def _holder(path: Path) -> str:
    try:
        return path.read_text().strip() or "tidak diketahui"
    except OSError:
        return "tidak diketahui"
