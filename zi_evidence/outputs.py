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


def lands_in(path: Path, folder: Path) -> bool:
    """Whether ``path`` would be written inside ``folder``: as written, or through a link on any part of it
    (a link inside the tree pointing out, or one outside pointing in)."""
    target = folder.resolve()
    absolute = Path(os.path.abspath(path))
    return any(_within(candidate.resolve(), target) for candidate in (absolute, *absolute.parents))


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def refuse_protected(output: Path, root: Path, state_dir: Path, allowed: tuple[Path, ...] = ()) -> None:
    """Refuse an output inside the evidence tree or the tool's state folder, saying where to write instead.

    ``allowed`` names the documented exceptions (the answers file at the root)."""
    from zi_evidence.errors import OutputPlaceError

    if any(Path(os.path.abspath(output)) == Path(os.path.abspath(a)) for a in allowed):
        return
    instead = root.resolve().parent / output.name
    if lands_in(output, state_dir):
        where = f"folder status alat ({state_dir}), yang hanya diisi oleh zi-evidence sendiri"
    elif lands_in(output, root):
        where = f"folder data dukung ({root}); bukti tidak boleh tercampur keluaran alat"
    else:
        return
    raise OutputPlaceError(
        f"{output} berada di dalam {where}. Tidak ditulis. Simpan di folder lain, misalnya {instead}."
    )
