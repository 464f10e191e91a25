"""Reading the members of an archive with the other parsers, one bounded member at a time.

A member is streamed (never trusting its header) into a private temporary folder outside the
evidence tree, read by the parser its first bytes call for, and deleted at once. Nested archives are
listed, not opened: a zip in a zip in a zip is how a bomb multiplies.
"""

from __future__ import annotations

import itertools
import re
import signal
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tempfile

from zi_evidence import MB, ParseFailure, ParseLimits, Problem, choose_parser, make_plugin_manager, sniff_mime

#: Mime types that mean "another archive": listed by name, never opened inside an archive.
ARCHIVE_MIMES = frozenset({"application/zip", "application/vnd.rar", "application/x-7z-compressed"})
#: Photos and recordings give no text inside an archive (OCR is left out there): listed, never spilled.
NO_TEXT = ("image/", "audio/", "video/")
_HEAD = 8192
_SAFE_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}$")


@dataclass(frozen=True)
class Member:
    """One member as the archive lists it; ``read`` yields its bytes (bounded) when it is to be read."""

    name: str
    size: int
    encrypted: bool = False


@dataclass(frozen=True)
class MemberText:
    """What one member gave: its page of text (name line first) and any problems, already named."""

    page: str
    problems: tuple[Problem, ...] = ()


@cache
def member_parsers() -> tuple[type, ...]:
    """Every installed parser but the expensive ones (OCR): inside an archive, time is shared. The archive
    parsers stay, to recognise a nested archive, which is then never handed to them (``ARCHIVE_MIMES``)."""
    return tuple(p for p in make_plugin_manager().parsers().values() if not getattr(p, "expensive", False))


def size_label(size: int) -> str:
    if size >= MB:
        return f"{size / MB:.1f} MB".replace(".", ",")
    return f"{max(size, 0) / 1024:.0f} KB" if size >= 1024 else f"{size} bita"


def header_line(member: Member) -> str:
    return f"Isi arsip: {member.name} ({size_label(member.size)})"


class MemberReader:
    """Reads members under one shared budget: inflated bytes, text and time (a share of the parse limit)."""

    def __init__(self, limits: ParseLimits, parsers: tuple[type, ...] | None = None) -> None:
        self.parsers = parsers if parsers is not None else member_parsers()
        self.limits = limits
        self.bytes_left = limits.inflated_mb * MB
        self.text_left = limits.text_mb * MB
        # members get at most 60% of the time: listing the rest and answering must still fit
        self.deadline = time.monotonic() + limits.seconds * 0.6
        self.out_of_time = False
        self.over_budget = False

    def mime_of(self, member: Member, head: bytes) -> str:
        return sniff_mime(self.parsers, head, member.name.rsplit("/", 1)[-1])

    def read(self, member: Member, chunks: Iterator[bytes], workdir: Path) -> MemberText:
        """The member's page: its name line, then the text its parser found (bounded), with named problems."""
        line = header_line(member)
        if member.encrypted:
            return MemberText(line, (_note(member, "encrypted", "terkunci kata sandi; isinya tidak dibaca."),))
        if time.monotonic() > self.deadline:
            self.out_of_time = True
            return MemberText(line)
        if self.over_budget:
            return MemberText(line)
        try:
            first = next(chunks, b"")
        except ParseFailure as failure:  # the stream refuses a member whose header declares too much
            return MemberText(line, (_named(member, failure.problem),))
        mime = self.mime_of(member, first[:_HEAD])
        if mime in ARCHIVE_MIMES:
            note = _note(member, "nested_archive", "arsip di dalam arsip; tidak dibuka.", "info")
            return MemberText(line, (note,))
        parser = choose_parser(self.parsers, mime, member.name.rsplit("/", 1)[-1])
        if parser is None or mime.startswith(NO_TEXT):
            return MemberText(line)  # listed, never spilled: it would spend the budget for no text
        target = workdir / ("anggota" + _suffix(member.name))
        try:
            return self._parse(member, line, parser, itertools.chain((first,), chunks), target)
        finally:
            target.unlink(missing_ok=True)  # one member on disk at a time

    def _parse(self, member: Member, line: str, parser: type, chunks: Iterator[bytes], target: Path) -> MemberText:
        try:
            if not self._spill(chunks, target):
                return MemberText(line)
        except ParseFailure as failure:
            return MemberText(line, (_named(member, failure.problem),))
        try:
            with _alarm(self.deadline - time.monotonic()):
                document = parser().parse(target, self.limits)
        except _MemberTimeout:
            self.out_of_time = True
            return MemberText(line, (_note(member, "timeout", "pembacaan dihentikan karena waktu baca arsip habis."),))
        except ParseFailure as failure:
            return MemberText(line, (_named(member, failure.problem),))
        except Exception as exc:  # noqa: BLE001 - one member's trouble is a note, the archive goes on
            detail = f"{type(exc).__name__}: {str(exc)[:120]}"
            return MemberText(line, (_note(member, "corrupt", f"tidak dapat dibaca ({detail})."),))
        text = "\n".join(page for page in document.pages if page.strip())
        text = text[: max(self.text_left, 0)]
        self.text_left -= len(text)
        problems = tuple(_named(member, p) for p in document.problems)
        return MemberText(f"{line}\n{text}" if text else line, problems)

    def _spill(self, chunks: Iterator[bytes], target: Path) -> bool:
        """Write the member to ``target`` within the shared byte budget; False (and ``over_budget``) past it."""
        with open(target, "wb") as out:
            for chunk in chunks:
                self.bytes_left -= len(chunk)
                if self.bytes_left < 0:
                    self.over_budget = True
                    return False
                out.write(chunk)
        return True

    def budget_problem(self) -> Problem | None:
        """The archive's one note when its inflated budget ran out (members after that are listed only)."""
        if not self.over_budget:
            return None
        return Problem(
            "archive_budget",
            f"Isi arsip melebihi batas {self.limits.inflated_mb} MB setelah dibuka; "
            "sebagian isinya hanya dicatat namanya.",
            "Pecah arsip menjadi beberapa arsip yang lebih kecil, atau naikkan limits.inflated_mb di zi-evidence.yaml.",
            "warning",
        )


class _MemberTimeout(BaseException):
    """Raised by the alarm inside a member's parser; a BaseException, so no parser's ``except Exception`` eats it."""


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Interrupt the body after ``seconds`` (a parse worker runs parsers on its main thread); elsewhere, a no-op,
    and the worker pool's own timeout still bounds the whole archive."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return
    if seconds <= 0:
        raise _MemberTimeout

    def ring(signum: int, frame: object) -> None:
        raise _MemberTimeout

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def workspace() -> tempfile.TemporaryDirectory[str]:
    """A private folder in the system's temporary space: never inside the evidence tree."""
    import tempfile  # here: only an archive being read needs it

    return tempfile.TemporaryDirectory(prefix="zi-evidence-arsip-")


def _suffix(name: str) -> str:
    match = _SAFE_SUFFIX.search(name.rsplit("/", 1)[-1])
    return match.group(0).lower() if match else ""


def _named(member: Member, problem: Problem) -> Problem:
    """A member's problem as the archive's: ``member_`` codes, so no check takes it for the archive's own
    (a corrupt member is not a corrupt archive), and at most a warning, since the archive itself was read."""
    severity = "warning" if problem.severity == "error" else problem.severity
    message = problem.message[0].lower() + problem.message[1:] if problem.message else ""
    return Problem(f"member_{problem.code}", f"Anggota arsip '{member.name}': {message}", problem.hint, severity)


def _note(member: Member, code: str, text: str, severity: str = "warning") -> Problem:
    hints: Mapping[str, str] = {
        "encrypted": "Buat ulang arsip tanpa kata sandi, lalu unggah kembali.",
        "nested_archive": "Keluarkan isi arsip di dalamnya ke arsip utama (atau ke folder), lalu unggah kembali.",
        "timeout": "Simpan berkas ini langsung di folder pertanyaan agar dibaca tersendiri.",
    }
    return Problem(f"member_{code}", f"Anggota arsip '{member.name}': {text}", hints.get(code, ""), severity)
