"""The file that marks a folder as a zi-evidence state folder, so that no scan ever catalogues one.

A state folder is skipped wherever it lies: the default hidden one, one a colleague made with
--state-dir for another run, or a copy of one that someone dragged into a question folder.
"""

from __future__ import annotations

import os
from pathlib import Path

STATE_MARKER = ".zi-evidence-state"
_TEXT = (
    "Folder ini folder status zi-evidence (katalog dan indeks pencarian), bukan data dukung.\n"
    "Pemindaian zi-evidence melewati setiap folder yang memuat berkas ini.\n"
)


def mark_state_folder(folder: Path) -> None:
    """Write the marker once; a folder that cannot take it (read-only) fails later with its own message."""
    marker = folder / STATE_MARKER
    if marker.exists():
        return
    try:
        fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(_TEXT)
