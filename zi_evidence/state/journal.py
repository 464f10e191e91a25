"""Which SQLite journal the catalog may use where its state folder lies: WAL needs shared memory between
processes, which SMB/NFS shares cannot give across machines; and how the state folder's databases write."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

JOURNAL_ENV = "ZI_EVIDENCE_JOURNAL"
#: File systems where SQLite's WAL (shared memory between processes) is unsafe or fails outright.
NETWORK_FS = ("cifs", "smb3", "smbfs", "nfs", "nfs4", "ncpfs", "afs", "ceph", "glusterfs", "9p", "davfs", "lustre")


def filesystem_type(path: Path) -> str:
    """The type of the file system holding ``path`` (from /proc/mounts), or '' where unknown."""
    probe = path
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    real = os.path.realpath(probe)
    best, kind = "", ""
    try:
        with open("/proc/self/mounts", encoding="utf-8", errors="replace") as mounts:
            for line in mounts:
                fields = line.split()
                if len(fields) < 3:
                    continue
                point = fields[1].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")
                inside = real == point or real.startswith(point.rstrip("/") + "/")
                if inside and len(point) >= len(best):
                    best, kind = point, fields[2]
    except OSError:
        return ""
    return kind


def journal_choice(path: Path) -> tuple[str, str]:
    """``(journal mode, why)``: WAL on local disks, DELETE on network shares where WAL cannot work."""
    forced = os.environ.get(JOURNAL_ENV, "auto").strip().lower()
    if forced in ("wal", "delete"):
        return forced, f"dipilih lewat {JOURNAL_ENV}"
    kind = filesystem_type(path)
    network = kind in NETWORK_FS or kind.startswith("fuse.") and kind not in ("fuse.overlayfs", "fuse.lxcfs")
    if network:
        return "delete", f"folder status di berbagi jaringan ({kind}); WAL tidak aman di sana"
    return "wal", f"folder status di disk lokal ({kind or 'tidak diketahui'})"


@contextmanager
def immediate_transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taking the write lock at once (a reader never has to upgrade and fail)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
