"""A read-only walk of the evidence tree that never stops silently.

Only regular files are yielded for reading (checked with ``lstat``: no link is ever followed,
so nothing outside the tree is visited); links, special files and unreadable folders come back
as skipped entries with a reason. Editor and OS junk is ignored without a word.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass

from zi_evidence.names import display
from zi_evidence.parsing import Problem

JUNK_PATTERNS = (
    "~$*",  # Office owner files
    ".~lock.*#",  # LibreOffice locks
    "thumbs.db",
    "desktop.ini",
    "*.tmp",
    "*.temp",
    "*.part",
    "*.crdownload",
    "*.partial",
    "*.swp",
    "~*.tmp",
)


@dataclass(frozen=True)
class FileEntry:
    rel: bytes
    size: int
    mtime_ns: int
    inode: int


@dataclass(frozen=True)
class SkippedEntry:
    rel: bytes
    problem: Problem


def is_junk(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith(".") or any(fnmatch.fnmatchcase(lowered, p) for p in JUNK_PATTERNS)


def walk(root: bytes, exclude: set[bytes]) -> Iterator[FileEntry | SkippedEntry]:
    """Entries below ``root`` in a stable (sorted) order; ``exclude`` holds relative paths to skip."""
    stack: list[bytes] = [b""]
    while stack:
        rel_dir = stack.pop()
        folder = root + b"/" + rel_dir if rel_dir else root
        try:
            with os.scandir(folder) as iterator:
                children = sorted(iterator, key=lambda e: e.name)
        except OSError as exc:
            yield SkippedEntry(rel_dir, _folder_problem(exc))
            continue
        subfolders = []
        for child in children:
            rel = rel_dir + b"/" + child.name if rel_dir else child.name
            if rel in exclude or is_junk(os.fsdecode(child.name)):
                continue
            try:
                info = child.stat(follow_symlinks=False)
            except OSError as exc:
                yield SkippedEntry(rel, _entry_problem(exc))
                continue
            mode = info.st_mode
            if stat.S_ISDIR(mode):
                subfolders.append(rel)
            elif stat.S_ISREG(mode):
                yield FileEntry(rel, info.st_size, info.st_mtime_ns, info.st_ino)
            elif stat.S_ISLNK(mode):
                yield SkippedEntry(rel, LINK_PROBLEM)
            else:
                yield SkippedEntry(rel, SPECIAL_PROBLEM)
        stack.extend(reversed(subfolders))


LINK_PROBLEM = Problem(
    "link",
    "Tautan (symlink/shortcut) tidak diikuti agar tidak membaca berkas di luar repositori.",
    "Salin berkas aslinya ke folder pertanyaan yang sesuai.",
    "warning",
)
SPECIAL_PROBLEM = Problem(
    "special_file",
    "Bukan berkas biasa (perangkat, FIFO atau soket); tidak dibaca.",
    "Hapus entri ini dari folder data dukung.",
)


def _folder_problem(exc: OSError) -> Problem:
    return Problem(
        "unreadable_folder",
        f"Folder tidak dapat dibaca ({exc.strerror or exc}); isinya tidak ikut dikatalogkan.",
        "Periksa hak akses folder atau panjang nama jalurnya.",
    )


def _entry_problem(exc: OSError) -> Problem:
    return Problem(
        "unreadable",
        f"Berkas tidak dapat dibaca ({exc.strerror or exc}).",
        "Periksa hak akses berkas.",
    )


def describe(entry: FileEntry | SkippedEntry) -> str:
    return display(entry.rel)
