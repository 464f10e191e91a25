"""A read-only walk of the evidence tree that never stops silently.

Every folder is opened relative to its parent's descriptor with ``O_NOFOLLOW``, so a link (or
a folder swapped for a link mid-walk) can never lead outside the tree. Only regular files are
yielded for reading; links, special files, unreadable, over-long and looping folders come back
as skipped entries with a reason. Editor and OS junk is ignored without a word.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import re
import stat
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, NamedTuple

from zi_evidence.problems import Problem, unreadable
from zi_evidence.state.marker import STATE_MARKER
from zi_evidence.tree.safeopen import RELATIVE, lstat_beneath, open_beneath

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
    "*~",  # gedit/emacs backups
)
_FS_ENCODING, _FS_ERRORS = sys.getfilesystemencoding(), sys.getfilesystemencodeerrors()  # os.fsencode's
_name = attrgetter("name")
_MARKERS = (STATE_MARKER, os.fsencode(STATE_MARKER))  # names are bytes when listed through a bytes path


class FileEntry(NamedTuple):
    """A regular file as the walk found it (a tuple: the walk makes one per file, on every run)."""

    rel: bytes
    size: int
    mtime_ns: int
    inode: int
    ctime_ns: int = 0
    device: int = 0
    links: int = 1


@dataclass(frozen=True)
class SkippedEntry:
    rel: bytes
    problem: Problem


#: All junk patterns as one expression: asked once per name, not a dozen times per file of the tree.
#: Hidden names (a leading dot) are junk too.
_JUNK = re.compile("|".join([r"\.", *(fnmatch.translate(p) for p in JUNK_PATTERNS)]), re.IGNORECASE)


def is_junk(name: str) -> bool:
    return _JUNK.match(name) is not None


def is_ignored(rel: bytes, exclude: set[bytes]) -> bool:
    """True for paths the walk never reports: junk in any component, or at/below an excluded path."""
    if any(rel == e or rel.startswith(e + b"/") for e in exclude):
        return True
    return any(is_junk(os.fsdecode(part)) for part in rel.split(b"/") if part)


def path_max(root: bytes) -> int:
    try:
        return int(os.pathconf(root, "PC_PATH_MAX"))
    except (OSError, ValueError, AttributeError):
        return 4096


def walk(root: bytes, exclude: set[bytes], start: bytes = b"") -> Iterator[FileEntry | SkippedEntry]:
    """Entries at or below ``root/start`` in a stable (sorted) order; ``exclude`` holds relative paths to skip."""
    budget = path_max(root) - len(root) - 2  # a longer relative path cannot be opened by its full name
    stack: list[bytes] = [start]
    seen_dirs: set[tuple[int, int]] = set()
    while stack:
        rel_dir = stack.pop()
        subfolders: list[bytes] = []
        try:
            fd = open_beneath(root, rel_dir, directory=True)
        except OSError as exc:
            yield SkippedEntry(rel_dir, _folder_problem(exc))
            continue
        try:
            info = os.fstat(fd)
            if (info.st_dev, info.st_ino) in seen_dirs:  # a bind mount looping back: walked once only
                yield SkippedEntry(rel_dir, LOOP_PROBLEM)
                continue
            seen_dirs.add((info.st_dev, info.st_ino))
            where: Any = fd if RELATIVE else root + b"/" + rel_dir
            with os.scandir(where) as iterator:
                children: list[os.DirEntry] = sorted(iterator, key=_name)
            if any(child.name in _MARKERS for child in children):
                continue  # a zi-evidence state folder (ours or another run's): never evidence
            prefix = rel_dir + b"/" if rel_dir else b""
            for child in children:
                name = child.name  # str when listed through a descriptor, bytes through a bytes path
                if isinstance(name, bytes):
                    name = os.fsdecode(name)
                if is_junk(name):
                    continue
                rel = prefix + name.encode(_FS_ENCODING, _FS_ERRORS)
                if rel in exclude:
                    continue
                try:
                    info = child.stat(follow_symlinks=False)
                except OSError as exc:
                    yield SkippedEntry(rel, unreadable(exc))
                    continue
                entry = entry_from_stat(rel, info, budget)
                if entry is None:
                    subfolders.append(rel)
                else:
                    yield entry
        except OSError as exc:
            yield SkippedEntry(rel_dir, _folder_problem(exc))
        finally:
            os.close(fd)  # the children's lstat above used this descriptor; it is closed only now
        stack.extend(reversed(subfolders))


def entry_from_stat(rel: bytes, info: os.stat_result, budget: int) -> FileEntry | SkippedEntry | None:
    """The entry for one child, or ``None`` for a folder to descend into."""
    mode = info.st_mode
    if stat.S_ISREG(mode) and len(rel) <= budget:  # nearly every entry: decided in one test
        return FileEntry(rel, info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns, info.st_dev, info.st_nlink)
    if len(rel) > budget and (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
        return SkippedEntry(rel, TOO_LONG_PROBLEM)
    if stat.S_ISDIR(mode):
        return None
    if stat.S_ISLNK(mode):
        return SkippedEntry(rel, LINK_PROBLEM)
    return SkippedEntry(rel, SPECIAL_PROBLEM)


@dataclass(frozen=True)
class Observation:
    """What the tree holds now within ``scopes`` (``None``: the whole tree)."""

    files: tuple[FileEntry, ...]
    skipped: tuple[SkippedEntry, ...]
    scopes: tuple[bytes, ...] | None

    def covers(self, rel: bytes) -> bool:
        return self.scopes is None or any(under(rel, scope) for scope in self.scopes)

    @property
    def blind_spots(self) -> tuple[bytes, ...]:
        """Folders that could not be read: what the catalog holds below them is kept, not deleted."""
        return tuple(s.rel for s in self.skipped if s.problem.code in FOLDER_CODES)


def under(rel: bytes, scope: bytes) -> bool:
    return not scope or rel == scope or rel.startswith(scope + b"/")


def narrow(scopes: set[bytes], exclude: set[bytes]) -> tuple[bytes, ...] | None:
    """Dirty paths reduced to the outermost ones worth looking at; ``None`` when the root itself changed."""
    kept = sorted(s.strip(b"/") for s in scopes if not is_ignored(s.strip(b"/"), exclude))
    if any(not s for s in kept):
        return None
    outer: list[bytes] = []
    for scope in kept:  # sorted, so a parent comes before everything below it
        if not outer or not under(scope, outer[-1]):
            outer.append(scope)
    return tuple(outer)


def observe(root: bytes, exclude: set[bytes], scopes: tuple[bytes, ...] | None = None) -> Observation:
    """Walk the whole tree, or only the given paths (a folder means everything below it)."""
    found: list[FileEntry | SkippedEntry] = []
    if scopes is None:
        found.extend(walk(root, exclude))
    budget = path_max(root) - len(root) - 2
    for scope in scopes or ():
        if _in_state_folder(root, scope):
            continue  # a change inside a state folder (a watch event there) is never evidence
        try:
            info = lstat_beneath(root, scope)
        except OSError as exc:
            found.append(SkippedEntry(scope, _folder_problem(exc)))
            continue
        if info is None:
            continue  # gone: what the catalog holds at or below it is removed
        entry = entry_from_stat(scope, info, budget)
        found.extend(walk(root, exclude, scope) if entry is None else (entry,))
    files = tuple(e for e in found if isinstance(e, FileEntry))
    return Observation(files, tuple(e for e in found if isinstance(e, SkippedEntry)), scopes)


def _in_state_folder(root: bytes, rel: bytes) -> bool:
    """Whether ``rel`` or a folder above it holds the state-folder marker (a few stats per dirty path)."""
    parts = rel.split(b"/")
    marker = os.fsencode(STATE_MARKER)
    for depth in range(1, len(parts) + 1):
        try:
            if lstat_beneath(root, b"/".join([*parts[:depth], marker])) is not None:
                return True
        except OSError:
            return False  # an unreadable folder on the way: the walk reports it
    return False


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
HARDLINK_PROBLEM = Problem(
    "hardlink_out",
    "Berkas ini tautan keras (hard link) yang juga terdaftar di luar repositori; isinya tidak dibaca.",
    "Salin berkasnya (bukan ditautkan) ke folder data dukung.",
    "warning",
)
TOO_LONG_PROBLEM = Problem(
    "path_too_long",
    "Jalur folder/berkas terlalu panjang untuk dibuka; isinya tidak ikut dikatalogkan.",
    "Perpendek nama folder di atasnya (Windows pun hanya menerima sekitar 260 karakter).",
)
LOOP_PROBLEM = Problem(
    "loop",
    "Folder ini menunjuk kembali ke folder yang sudah dipindai (lingkaran tautan/mount); tidak dipindai ulang.",
    "Hapus tautan atau mount yang melingkar dari folder data dukung.",
)


FOLDER_CODES = ("unreadable_folder", "path_too_long", "loop")


def _folder_problem(exc: OSError) -> Problem:
    if exc.errno == errno.ENAMETOOLONG:
        return TOO_LONG_PROBLEM
    if exc.errno == errno.ELOOP:
        return LINK_PROBLEM
    return Problem(
        "unreadable_folder",
        f"Folder tidak dapat dibaca ({exc.strerror or exc}); isinya tidak ikut dikatalogkan.",
        "Periksa hak akses folder atau panjang nama jalurnya.",
    )


def refuse_shared_hardlinks(seen: Observation) -> Observation:
    """A file with more links than the tree holds is shared with the outside: it is not the tree's to read."""
    counts = Counter((f.device, f.inode) for f in seen.files if f.links > 1)
    outside = [f for f in seen.files if f.links > counts.get((f.device, f.inode), 0) and f.links > 1]
    if not outside:
        return seen
    refused = {f.rel for f in outside}
    files = tuple(f for f in seen.files if f.rel not in refused)
    skipped = seen.skipped + tuple(SkippedEntry(f.rel, HARDLINK_PROBLEM) for f in outside)
    return Observation(files, skipped, seen.scopes)
