"""The ``ffprobe`` command line (Debian: ffmpeg): duration, streams and recording date of one file.

A subprocess, like Tesseract: it can be bounded (time, CPU, memory, output) and killed without harming
the worker. It may open only the file it is given (``file`` protocol) and only the container formats we
sniffed, so a crafted file cannot make it fetch an address or read another file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import IO, Any

MB = 1024 * 1024
MAX_OUTPUT = 4 * MB
PROBE_SECONDS = 15.0
FORMATS = "mov,mp4,m4a,3gp,3g2,mj2,wav,mp3,ogg,flac,matroska,webm,avi,asf,aac"


@dataclass(frozen=True)
class Tool:
    available: bool
    executable: str = ""
    version: str = ""
    reason: str = ""


class ProbeError(Exception):
    """ffprobe could not read the file; ``args[0]`` is for users, ``code`` says why (corrupt, timeout)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def tool() -> Tool:
    return _tool(os.environ.get("PATH", ""))


@lru_cache(maxsize=4)
def _tool(path_env: str) -> Tool:
    executable = shutil.which("ffprobe", path=path_env)
    if not executable:
        return Tool(False, reason="program 'ffprobe' tidak ditemukan di PATH")
    try:
        done = subprocess.run([executable, "-version"], capture_output=True, timeout=PROBE_SECONDS, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return Tool(False, executable, reason=f"'ffprobe' tidak dapat dijalankan ({exc})")
    first = done.stdout.decode("utf-8", "replace").split("\n", 1)[0]
    parts = first.split()
    return Tool(True, executable, parts[2] if len(parts) > 2 else "unknown")


def run_probe(found: Tool, handle: IO[bytes], seconds: float, memory_mb: int) -> dict[str, Any]:
    """ffprobe's JSON (format and streams) for the open file ``handle``."""
    fd = handle.fileno()
    source = f"/proc/self/fd/{fd}"
    if not os.path.exists(source):
        source = os.fsdecode(handle.name)
    command = [
        found.executable, "-v", "error", "-hide_banner",
        "-protocol_whitelist", "file", "-format_whitelist", FORMATS,
        "-print_format", "json", "-show_format", "-show_streams", "-i", source,
    ]  # fmt: skip
    try:
        done = subprocess.run(  # noqa: S603 - a fixed program and arguments, no shell
            command,
            capture_output=True,
            timeout=seconds,
            pass_fds=(fd,),
            stdin=subprocess.DEVNULL,
            preexec_fn=_child_limits(seconds, memory_mb),  # noqa: PLW1509 - no threads in a parse worker
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ProbeError("timeout", f"pembacaan metadata melebihi batas waktu {seconds:.3g} detik") from exc
    except OSError as exc:
        raise ProbeError("corrupt", f"'ffprobe' tidak dapat dijalankan ({exc.strerror or exc})") from exc
    detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
    if done.returncode != 0:
        raise ProbeError("corrupt", detail[-1][:160] if detail else f"ffprobe berhenti dengan kode {done.returncode}")
    if len(done.stdout) > MAX_OUTPUT:
        raise ProbeError("corrupt", "metadata berkas tidak wajar besarnya")
    try:
        value = json.loads(done.stdout.decode("utf-8", "replace") or "{}")
    except ValueError as exc:
        raise ProbeError("corrupt", f"keluaran ffprobe tidak terbaca ({exc})") from exc
    return value if isinstance(value, dict) else {}


def _child_limits(seconds: float, memory_mb: int) -> Callable[[], None]:
    def apply() -> None:
        import resource

        cpu = max(int(seconds), 1)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        memory = memory_mb * MB if hard == resource.RLIM_INFINITY else min(memory_mb * MB, hard)
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return apply
