"""The external readers of Word 97–2003 and PowerPoint 97–2003 files, each run under a time and output bound.

Debian's antiword, catdoc and catppt print the text; LibreOffice (headless), when installed, converts a copy
to OpenDocument in a temporary folder. Nothing is ever written next to the evidence file.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MIB = 1024 * 1024
#: What each format's readers are, in the order tried: the small text dumpers first, LibreOffice last.
READERS = {"doc": ("antiword", "catdoc", "soffice"), "ppt": ("catppt", "soffice")}
INSTALL_HINT = (
    "Pasang pembaca berkas Office lama: sudo apt-get install antiword catdoc "
    "(atau LibreOffice: sudo apt-get install libreoffice-writer-nogui libreoffice-impress-nogui), "
    "lalu jalankan 'zi-evidence index' lagi."
)
_MEMORY_MB = 512


@dataclass(frozen=True)
class Output:
    """What one reader gave: the text (pages split by form feeds) or the path of a converted ODF copy."""

    tool: str
    text: str = ""
    converted: Path | None = None
    truncated: bool = False


def available(tool: str) -> str | None:
    """The tool's full path, or ``None``; ``soffice`` also answers to ``libreoffice``."""
    if tool == "soffice":
        return shutil.which("soffice") or shutil.which("libreoffice")
    return shutil.which(tool)


def installed(kind: str) -> tuple[str, ...]:
    return tuple(tool for tool in READERS[kind] if available(tool))


def _limits(cap_bytes: int, memory: bool):
    def apply() -> None:
        # a runaway dump is cut by the kernel at the cap; LibreOffice maps too much for an address-space bound
        resource.setrlimit(resource.RLIMIT_FSIZE, (cap_bytes, cap_bytes))
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (_MEMORY_MB * MIB, _MEMORY_MB * MIB))

    return apply


def _run(
    argv: list[str], seconds: float, env: dict[str, str], stdout=subprocess.DEVNULL, limits: Callable | None = None
) -> int | None:
    """The exit code, or ``None`` after killing the whole process group at the deadline."""
    process = subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.DEVNULL,
        env=env,
        preexec_fn=limits,
        start_new_session=True,  # LibreOffice forks soffice.bin: a timeout must reach it too
    )
    try:
        code: int | None = process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        code = None
    try:
        os.killpg(process.pid, signal.SIGKILL)  # at the deadline, or a helper left behind after a normal exit
    except ProcessLookupError:
        pass
    process.wait()
    return code


def dump_text(tool: str, path: Path, seconds: float, cap_bytes: int, work: Path) -> Output | None:
    """Text printed by antiword / catdoc / catppt, or ``None`` when the tool failed or printed nothing."""
    binary = available(tool)
    if binary is None:
        return None
    args = {"antiword": ["-m", "UTF-8.txt"], "catdoc": ["-d", "utf-8", "-w"], "catppt": ["-d", "utf-8"]}[tool]
    out = work / f"{tool}.txt"
    with out.open("wb") as stdout:
        env = {"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"}
        # an absolute path: a file named "-x.doc" must not read as an option
        code = _run([binary, *args, os.path.abspath(path)], seconds, env, stdout, _limits(cap_bytes, memory=True))
    if code is None:
        return None
    truncated = out.stat().st_size >= cap_bytes  # stopped by the file-size bound: keep what was written
    if code != 0 and not truncated:
        return None
    text = out.read_bytes()[:cap_bytes].decode("utf-8", "replace")
    return Output(tool, text=text, truncated=truncated) if text.strip() else None


#: LibreOffice imports unknown bytes as plain text; naming the import filter makes a damaged file fail.
_FILTERS = {"odt": "MS Word 97", "odp": "MS PowerPoint 97"}


def convert_with_office(path: Path, target: str, seconds: float, work: Path) -> Output | None:
    """A copy of ``path`` converted by headless LibreOffice to ``target`` (odt/odp), or ``None``."""
    binary = available("soffice")
    if binary is None:
        return None
    source = work / f"asli{path.suffix.lower()}"
    shutil.copyfile(path, source)  # LibreOffice leaves lock files beside what it opens: never the evidence
    profile = work / "profil"
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(work), "LANG": "C.UTF-8"}
    code = _run(
        [
            binary,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            f"--infilter={_FILTERS[target]}",
            "--convert-to",
            target,
            "--outdir",
            str(work / "hasil"),
            str(source),
        ],
        seconds,
        env,
    )
    if code is None:
        return None
    converted = work / "hasil" / f"asli.{target}"
    return Output("soffice", converted=converted) if converted.is_file() else None


def read_legacy(
    kind: str, path: Path, seconds: float, cap_bytes: int
) -> tuple[Output | None, tempfile.TemporaryDirectory]:
    """The first reader of ``kind`` that gives text; the caller keeps the folder alive while it reads."""
    work = tempfile.TemporaryDirectory(prefix="zi-evidence-lama-")
    folder = Path(work.name)
    deadline = time.monotonic() + seconds
    for tool in installed(kind):
        seconds = max(deadline - time.monotonic(), 1.0)
        if tool == "soffice":
            result = convert_with_office(path, "odt" if kind == "doc" else "odp", seconds, folder)
        else:
            result = dump_text(tool, path, seconds, cap_bytes, folder)
        if result is not None:
            return result, work
    return None, work
