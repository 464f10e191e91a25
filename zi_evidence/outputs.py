"""Files the tool writes for people (reports, bundles), written whole and readable like any saved file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def usual_permissions(path: Path) -> None:
    """Temporary files are private (0600); the finished report must open for the colleagues who share
    the drive, as a file saved by any other program would (0666 less the user's umask)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def write_atomically(path: Path, data: bytes) -> None:
    """A reader (or a synced drive) never sees half a report: write a temporary file, then rename it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".laporan-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        usual_permissions(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
