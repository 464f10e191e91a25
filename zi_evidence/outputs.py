"""Files the tool writes for people (reports, bundles), written whole and readable like any saved file."""

from __future__ import annotations

import os
from pathlib import Path


def usual_permissions(path: Path) -> None:
    """Temporary files are private (0600); the finished report must open for the colleagues who share
    the drive, as a file saved by any other program would (0666 less the user's umask)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)
