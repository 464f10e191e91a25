"""The Tesseract command line: is it there (with Indonesian), and what does it read on one page image.

The CLI rather than a binding: it is what the Debian packages install, it needs no compiler, and a
subprocess can be bounded (time, CPU, memory) and killed without harming the worker that waits on it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from . import probe_cache

#: Indonesian is required; English is added when present (many SKs quote English terms and names).
REQUIRED_LANGUAGE = "ind"
EXTRA_LANGUAGES = ("eng",)
PROBE_SECONDS = 15.0
MB = 1024 * 1024


@dataclass(frozen=True)
class Engine:
    """What the probe found; ``available`` is False with a reason (in Bahasa Indonesia) when OCR cannot run."""

    available: bool
    executable: str = ""
    version: str = ""
    languages: tuple[str, ...] = ()
    reason: str = ""
    language_folder: str = ""  # where the ``.traineddata`` files were listed

    @property
    def language_arg(self) -> str:
        return "+".join(self.languages)


@dataclass(frozen=True)
class PageText:
    """The text Tesseract read on one image, with its mean word confidence (0–100) and word count."""

    text: str
    confidence: float
    words: int


class OcrError(Exception):
    """One page could not be read (timeout, memory, a crash of Tesseract); the message is for users."""


def probe() -> Engine:
    """The engine as found on the current ``PATH`` / ``TESSDATA_PREFIX`` (cached per their values)."""
    return _probe(os.environ.get("PATH", ""), os.environ.get("TESSDATA_PREFIX", ""))


@lru_cache(maxsize=8)
def _probe(path_env: str, tessdata: str) -> Engine:
    executable = shutil.which("tesseract", path=path_env)
    if not executable:
        return Engine(False, reason="program 'tesseract' tidak ditemukan di PATH")
    outputs = probe_cache.load(executable, tessdata)  # two processes cost more than a whole unchanged run
    if outputs is None:
        try:
            outputs = _run_text([executable, "--version"]), _run_text([executable, "--list-langs"])
        except (OSError, subprocess.SubprocessError) as exc:
            return Engine(False, executable, reason=f"'tesseract' tidak dapat dijalankan ({exc})")
        probe_cache.store(executable, tessdata, *outputs)
    version_out, langs_out = outputs
    match = re.search(r"tesseract\s+v?(\S+)", version_out, re.IGNORECASE)
    version = match.group(1) if match else "unknown"
    # the first line is a header ("List of available languages in ..."), then one code per line
    installed = {line.strip() for line in langs_out.splitlines()[1:] if line.strip()}
    folder = probe_cache.language_folder(langs_out) or ""
    if REQUIRED_LANGUAGE not in installed:
        reason = "data bahasa Indonesia ('ind') belum terpasang"
        return Engine(False, executable, version, tuple(sorted(installed)), reason, language_folder=folder)
    languages = (REQUIRED_LANGUAGE, *(lang for lang in EXTRA_LANGUAGES if lang in installed))
    return Engine(True, executable, version, languages, language_folder=folder)


def _run_text(command: list[str]) -> str:
    # older releases print the version on stderr, newer ones on stdout
    done = subprocess.run(command, capture_output=True, timeout=PROBE_SECONDS, env=_environment(), check=False)
    return (done.stdout + done.stderr).decode("utf-8", "replace")


def _environment() -> dict[str, str]:
    # one thread per Tesseract: the worker pool already keeps every core busy, OpenMP on top only thrashes
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def recognize(engine: Engine, image: bytes, seconds: float, memory_mb: int, dpi: int | None = None) -> PageText:
    """OCR one encoded image (PNG/PNM/…) passed on stdin; TSV on stdout gives text and confidences at once."""
    command = [engine.executable, "stdin", "stdout", "-l", engine.language_arg]
    if dpi:
        command += ["--dpi", str(dpi)]
    command.append("tsv")
    try:
        done = subprocess.run(
            command,
            input=image,
            capture_output=True,
            timeout=seconds,
            env=_environment(),
            preexec_fn=_child_limits(seconds, memory_mb),  # noqa: PLW1509 - no threads in a parse worker
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise OcrError(f"melebihi batas waktu {seconds:.3g} detik") from exc
    except OSError as exc:
        raise OcrError(f"'tesseract' tidak dapat dijalankan ({exc.strerror or exc})") from exc
    if done.returncode != 0:
        raise OcrError(_failure_reason(done.returncode, done.stderr, memory_mb))
    page = parse_tsv(done.stdout.decode("utf-8", "replace"))
    if not page.words and b"Error in pix" in done.stderr:
        # Leptonica reports a failed allocation this way and Tesseract still exits 0 with an empty page
        raise OcrError(f"gambar tidak dapat diproses (kemungkinan melebihi batas memori {memory_mb} MB)")
    return page


def _failure_reason(code: int, stderr: bytes, memory_mb: int) -> str:
    detail = stderr.decode("utf-8", "replace").strip().splitlines()
    last = detail[-1][:160] if detail else ""
    if (code < 0 and -code in (6, 9, 11)) or any(sign in last.lower() for sign in ("alloc", "map segment")):
        return f"Tesseract berhenti (kemungkinan melebihi batas memori {memory_mb} MB)"
    return f"Tesseract gagal (kode {code}{': ' + last if last else ''})"


def _child_limits(seconds: float, memory_mb: int) -> Callable[[], None] | None:
    """Limits for the Tesseract process itself, so an orphan (its worker killed) still ends on its own."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes
    import resource
    import signal

    libc = ctypes.CDLL(None, use_errno=True)  # loaded before the fork: nothing to import in the child
    cpu = int(seconds) + 2

    def apply() -> None:
        # its own address-space budget (the worker's counts the worker's mappings), never above what we may
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = memory_mb * MB if hard == resource.RLIM_INFINITY else min(memory_mb * MB, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: die with the worker that waits on us

    return apply


def parse_tsv(tsv: str) -> PageText:
    """Text (lines joined by newlines, paragraphs by a blank line) and mean confidence from Tesseract's TSV.

    Columns: level, page_num, block_num, par_num, line_num, word_num, left, top, width, height, conf, text;
    level 5 rows are words, and only they carry a confidence (others say -1).
    """
    paragraphs: dict[tuple[str, str, str], dict[str, list[str]]] = {}
    confidences: list[float] = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5":
            continue
        word = cells[11].strip()
        try:
            confidence = float(cells[10])
        except ValueError:
            continue
        if not word or confidence < 0:
            continue
        paragraph = paragraphs.setdefault((cells[1], cells[2], cells[3]), {})
        paragraph.setdefault(cells[4], []).append(word)
        confidences.append(confidence)
    text = "\n\n".join("\n".join(" ".join(words) for words in lines.values()) for lines in paragraphs.values())
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return PageText(text, mean, len(confidences))
