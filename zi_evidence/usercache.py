"""A per-user cache of work that depends on its inputs alone (parsed rule sets, passed schema checks,
what the OCR probe found), so that a run with nothing changed need not redo it.

Each entry is named by a digest of everything its value depends on (file bytes, schema, library and tool
versions), so any change is a miss, never a stale hit. A damaged, foreign or unwritable entry is a miss
too: the cache can make a run faster, never make it fail. It lives in the user's cache folder
(``$XDG_CACHE_HOME/zi-evidence``), never in an evidence tree.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

from zi_evidence import __version__

#: Where the built-in default lives under the home folder (the XDG base directory specification).
DEFAULT_CACHE = ".cache"


def cache_dir() -> Path | None:
    """The folder for our entries, or None when there is no usable home (then nothing is cached)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the specification says to ignore a relative value
        try:
            base = str(Path.home() / DEFAULT_CACHE)
        except RuntimeError:
            return None
    return Path(base) / "zi-evidence"


def digest(*parts: bytes | str) -> str:
    """A key over several parts; lengths are included so that no two part lists collide."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


@cache
def library_version(distribution: str) -> str:
    """The installed version, read from its ``NAME-VERSION.dist-info`` folder name where Python would find it
    first: reading the metadata file instead imports the e-mail parser, ~14 ms of every command."""
    wanted = _normalized(distribution)
    for folder in sys.path:
        for name in _listing(folder):
            project, dash, version = name.removesuffix(".dist-info").partition("-")
            if name.endswith(".dist-info") and dash and _normalized(project) == wanted:
                return version
    from importlib import metadata  # an egg-info or zipped install: its metadata says

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "?"


def _normalized(project: str) -> str:
    return re.sub(r"[-_.]+", "_", project).lower()  # as installers spell it in folder names


@cache
def _listing(folder: str) -> tuple[str, ...]:
    try:
        return tuple(os.listdir(folder or "."))
    except OSError:
        return ()


def tool_version() -> str:
    return __version__


def load(kind: str, key: str) -> Any | None:
    """The value stored under ``key``, or None on any miss (absent, unreadable, damaged, another key)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        entry = json.loads((folder / f"{kind}-{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("key") != key or "value" not in entry:
        return None  # a copied or hand-edited file: its content is not the one its name promises
    return entry["value"]


def store(kind: str, key: str, value: Any) -> None:
    """Keep ``value`` when JSON gives it back unchanged; any failure just leaves it uncached."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        text = json.dumps({"key": key, "value": value}, ensure_ascii=False)
        if json.loads(text)["value"] != value:  # e.g. numeric mapping keys: a hit would differ from a parse
            return
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        import tempfile  # ~7 ms with shutil and random: only a run that writes the cache needs it

        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{kind}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temporary, folder / f"{kind}-{key}.json")  # readers see the whole entry or none
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, TypeError, ValueError):
        return
