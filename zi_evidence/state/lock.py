"""One writer at a time per state folder; readers never take the lock.

The lock is an OS file lock, so a writer that dies releases it with its process: no stale
lock can block the next run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from zi_evidence.errors import StateError
from zi_evidence.state.marker import mark_state_folder

LOCK_NAME = "writer.lock"


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
        yield
    finally:
        os.close(fd)


def _holder(path: Path) -> str:
    try:
        return path.read_text().strip() or "tidak diketahui"
    except OSError:
        return "tidak diketahui"
