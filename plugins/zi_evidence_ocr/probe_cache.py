"""What ``tesseract --version`` and ``--list-langs`` printed, kept per user so that a run skips two processes.

An entry belongs to one executable file (path, size, mtime, inode) and one ``TESSDATA_PREFIX``, and holds
only while the language folder it listed holds the same files (a language installed or removed).
"""

from __future__ import annotations

import os
import re

from zi_evidence import cache_digest, cache_load, cache_store

_LANGDIR = re.compile(r'"([^"]+)"')  # 'List of available languages in "/usr/share/.../tessdata/" (3):'


def _key(executable: str, tessdata: str) -> str | None:
    try:
        real = os.path.realpath(executable)
        info = os.stat(real)
    except OSError:
        return None
    return cache_digest("tesseract", real, f"{info.st_size}:{info.st_mtime_ns}:{info.st_ino}", tessdata)


def language_folder(langs_out: str) -> str | None:
    """The language folder named in the listing's header."""
    match = _LANGDIR.search(langs_out.split("\n", 1)[0])
    return match.group(1) if match else None


def _langdir_stamp(langs_out: str) -> list[str] | None:
    """The language folder named in the listing's header, with the names it holds now."""
    folder = language_folder(langs_out)
    if folder is None:
        return None
    try:
        return [folder, *sorted(os.listdir(folder))]
    except OSError:
        return None


def load(executable: str, tessdata: str) -> tuple[str, str] | None:
    """``(version output, languages output)`` as printed before by this very executable, or None."""
    key = _key(executable, tessdata)
    found = cache_load("tesseract", key) if key else None
    if not isinstance(found, dict):
        return None
    version_out, langs_out = found.get("version_out"), found.get("langs_out")
    if not isinstance(version_out, str) or not isinstance(langs_out, str):
        return None
    stamp = _langdir_stamp(langs_out)
    if stamp is None or stamp != found.get("langdir"):
        return None  # a language was installed or removed since
    return version_out, langs_out


def store(executable: str, tessdata: str, version_out: str, langs_out: str) -> None:
    key = _key(executable, tessdata)
    stamp = _langdir_stamp(langs_out)
    if key and stamp:
        value = {"version_out": version_out, "langs_out": langs_out, "langdir": stamp}
        cache_store("tesseract", key, value)
