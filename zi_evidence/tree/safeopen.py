"""Reading the evidence tree without ever leaving it: the one home of the no-follow primitives.

Every open of an evidence file or folder goes through here, so the promise "a link can never
lead outside the tree" is kept (and reviewed) in one place: the scan, the planner's hashing,
the parse workers and the bundle writer all use it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Callable
from typing import BinaryIO

from zi_evidence.problems import MB

FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
DIR_FLAGS = FLAGS | getattr(os, "O_DIRECTORY", 0)
FILE_FLAGS = FLAGS | getattr(os, "O_NONBLOCK", 0)  # a FIFO must not block the open
#: Whether the *at() calls exist (not on Windows): then every component is resolved against its parent.
RELATIVE = os.open in os.supports_dir_fd and os.scandir in os.supports_fd
MISSING = (errno.ENOENT, errno.ENOTDIR)

Identity = tuple[int, int, int, int]  # device, inode, size, mtime_ns


class Changing(Exception):
    """The file changed while it was being read; it is left for the next round."""


def open_no_follow(path: bytes) -> int:
    """A descriptor for ``path`` whose last component is not a link; a FIFO opens without blocking."""
    return os.open(path, FILE_FLAGS)


def open_beneath(root: bytes, rel: bytes, directory: bool = False) -> int:
    """A descriptor for ``root/rel``, resolved one component at a time without following any link.

    Whatever is swapped in mid-walk, the result lies inside ``root``; a FIFO opens without blocking.
    """
    parts = [p for p in rel.split(b"/") if p]
    if any(p in (b".", b"..") for p in parts):
        raise OSError(errno.EINVAL, "komponen jalur tidak sah", os.fsdecode(rel))
    if not RELATIVE:  # no *at() calls (Windows): the last component is still opened without following
        return os.open(root + b"/" + rel if rel else root, DIR_FLAGS if directory else FILE_FLAGS)
    fd = os.open(root, DIR_FLAGS)
    try:
        for part in parts[:-1]:
            inner = os.open(part, DIR_FLAGS, dir_fd=fd)
            os.close(fd)
            fd = inner
        if not parts:
            return os.dup(fd)
        return os.open(parts[-1], DIR_FLAGS if directory else FILE_FLAGS, dir_fd=fd)
    finally:
        os.close(fd)


def lstat_beneath(root: bytes, rel: bytes) -> os.stat_result | None:
    """``lstat`` of ``root/rel`` through the same link-free resolution; ``None`` when it does not exist."""
    parent, _, name = rel.rpartition(b"/")
    try:
        fd = open_beneath(root, parent, directory=True)
    except OSError as exc:
        if exc.errno in MISSING or exc.errno == errno.ELOOP:  # a parent that is now a link: gone from the tree
            return None
        raise
    try:
        if not RELATIVE:
            return os.lstat(root + b"/" + rel)
        return os.stat(name, dir_fd=fd, follow_symlinks=False)
    except OSError as exc:
        if exc.errno in MISSING:
            return None
        raise
    finally:
        os.close(fd)


def identity(info: os.stat_result) -> Identity:
    """What says "the same file, unchanged" without reading it."""
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def read_hashed(
    handle: BinaryIO, head_bytes: int = 0, sink: Callable[[bytes], object] | None = None
) -> tuple[str, bytes]:
    """SHA-256 of everything left in ``handle`` and its first ``head_bytes``; ``sink`` sees every chunk."""
    digest = hashlib.sha256()
    head = handle.read(head_bytes) if head_bytes else b""
    digest.update(head)
    if sink is not None and head:
        sink(head)
    for chunk in iter(lambda: handle.read(MB), b""):
        digest.update(chunk)
        if sink is not None:
            sink(chunk)
    return digest.hexdigest(), head


def hash_regular(fd: int, head_bytes: int) -> tuple[str, bytes, os.stat_result]:
    """Hash a regular file through its descriptor (closed here); ``Changing`` if it moved on while read."""
    with os.fdopen(fd, "rb") as handle:
        before = os.fstat(handle.fileno())
        if not stat.S_ISREG(before.st_mode):
            raise OSError("bukan berkas biasa")
        sha, head = read_hashed(handle, head_bytes)
        after = os.fstat(handle.fileno())
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns):
        raise Changing
    return sha, head, after
