"""Index generations: each rebuild writes a fresh folder and a pointer file switches to it atomically.

Layout of ``index_dir``::

    CURRENT         one line naming the live generation, replaced with os.replace (atomic)
    gen-000007/     the live Whoosh index
    gen-000006/     the one it replaced, kept so readers in other processes can finish
    rebuild.lock    serialises rebuilds across processes

A rebuild never opens the old generation, so neither a corrupt file nor a stuck write lock in it can
stop the rebuild. The pointer is written only after the new index is committed, so a reader that
follows it always finds a complete index.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from zi_evidence.errors import IndexUnavailable

#: Bump when indexed terms or their storage change: generations built with another version are rebuilt.
ANALYSIS_VERSION = "4"


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        return ""


POINTER = "CURRENT"
FORMAT = "ANALYSIS_VERSION"
_GEN_RE = re.compile(r"^gen-(\d{6,})$")


class Generations:
    """Finds, creates, switches and prunes the generation folders under one index folder."""

    def __init__(self, root: Path, lock_timeout: float = 120.0) -> None:
        self.root = root
        self.lock_timeout = lock_timeout

    def current(self) -> Path | None:
        """The live generation folder, or None when no index was ever built here."""
        pointer = self.root / POINTER
        try:
            name = pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise self._broken(f"berkas penunjuk {pointer} tidak dapat dibaca ({exc})") from exc
        folder = self.root / name
        if not _GEN_RE.match(name) or not folder.is_dir():
            raise self._broken(f"berkas penunjuk {pointer} menunjuk ke generasi yang tidak ada ({name!r})")
        if _read(folder / FORMAT) != ANALYSIS_VERSION:
            raise self._broken(f"indeks {folder.name} dibuat dengan versi analisis teks lain")
        return folder

    def new_folder(self) -> Path:
        """Create the next, never used generation folder (call under ``rebuild_lock``)."""
        self.root.mkdir(parents=True, exist_ok=True)
        number = max(self._numbers(), default=0) + 1
        while True:
            folder = self.root / f"gen-{number:06d}"
            try:
                folder.mkdir()
                (folder / FORMAT).write_text(ANALYSIS_VERSION, encoding="utf-8")
                return folder
            except FileExistsError:  # a folder left by a crashed rebuild: skip past it
                number += 1

    def switch(self, folder: Path) -> None:
        """Point readers at ``folder``; a temp file plus ``os.replace`` means no half-written pointer."""
        tmp = self.root / f"{POINTER}.{os.getpid()}.tmp"
        tmp.write_text(folder.name + "\n", encoding="utf-8")
        os.replace(tmp, self.root / POINTER)

    def prune(self, keep: set[Path]) -> None:
        """Remove every other generation; failures (files still open on Windows) wait for next time."""
        for number in self._numbers():
            folder = self.root / f"gen-{number:06d}"
            if folder not in keep:
                shutil.rmtree(folder, ignore_errors=True)
        for tmp in self.root.glob(f"{POINTER}.*.tmp"):
            tmp.unlink(missing_ok=True)

    @contextmanager
    def rebuild_lock(self) -> Iterator[None]:
        """Only one rebuild at a time across processes (released by the OS if the holder dies)."""
        from whoosh.util.filelock import FileLock, try_for  # only writers need Whoosh loaded

        self.root.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.root / "rebuild.lock"))
        if not try_for(lock.acquire, timeout=self.lock_timeout, delay=0.2):
            raise IndexUnavailable(
                f"Indeks pencarian di {self.root} sedang dibangun ulang oleh proses lain. "
                "Tunggu proses itu selesai, lalu ulangi."
            )
        try:
            yield
        finally:
            lock.release()

    def _numbers(self) -> list[int]:
        if not self.root.is_dir():
            return []
        found = (_GEN_RE.match(entry.name) for entry in self.root.iterdir() if entry.is_dir())
        return sorted(int(m.group(1)) for m in found if m)

    def _broken(self, what: str) -> IndexUnavailable:
        return IndexUnavailable(f"Indeks pencarian tidak dapat dibuka: {what}. Bangun ulang indeks.")
