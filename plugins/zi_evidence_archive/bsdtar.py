"""RAR and 7z archives through libarchive's ``bsdtar`` (Debian: libarchive-tools), optional like Tesseract.

``bsdtar`` rewrites the archive as a tar stream on its stdout (``@archive``), which Python's ``tarfile``
reads member by member: nothing is extracted to disk, the bytes read are counted and capped, and the
program runs under CPU and memory limits. Without it, such an archive is catalogued, not read, with a hint.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import IO, ClassVar

from zi_evidence import MB, BaseParser, ParsedDocument, ParseFailure, ParseLimits, Problem, open_for_parse

from .members import Member, MemberReader, workspace

RAR_MIME = "application/vnd.rar"
SEVEN_ZIP_MIME = "application/x-7z-compressed"
_MAGIC = ((b"Rar!\x1a\x07", RAR_MIME, "RAR"), (b"7z\xbc\xaf\x27\x1c", SEVEN_ZIP_MIME, "7z"))
INSTALL_HINT = (
    "Pasang program bsdtar (Debian/Ubuntu: sudo apt-get install libarchive-tools) lalu jalankan 'zi-evidence index' "
    "lagi, atau buat ulang arsip sebagai ZIP."
)
_CHUNK = MB


def program() -> str | None:
    return shutil.which("bsdtar")


def status() -> str:
    found = program()
    return f"dibaca dengan {found}" if found else f"tidak dibaca (program 'bsdtar' tidak ditemukan). {INSTALL_HINT}"


class ArchiveToolParser(BaseParser):
    """RAR and 7z archives: one page per member, like a ZIP, when bsdtar is installed."""

    name: ClassVar[str] = "archive-rar-7z"
    version: ClassVar[str] = "1"
    mime_types: ClassVar[tuple[str, ...]] = (RAR_MIME, SEVEN_ZIP_MIME)
    empty_hint: ClassVar[str] = "Buat ulang arsip dari folder aslinya, lalu unggah kembali."

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        return next((mime for magic, mime, _ in _MAGIC if head.startswith(magic)), None)

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        with open_for_parse(path) as handle:
            self.check_not_empty(handle)
            head = handle.read(8)
            label = next((label for magic, _, label in _MAGIC if head.startswith(magic)), "arsip")
            handle.seek(0)
            executable = program()
            if executable is None:
                note = Problem(
                    "archive_unread",
                    f"Arsip {label} dicatat tetapi isinya tidak dibaca: program 'bsdtar' belum terpasang.",
                    INSTALL_HINT,
                    "warning",
                )
                return ParsedDocument((), 0, {"format": label}, (note,))
            return _read(executable, handle, label, limits)


def _read(executable: str, handle: IO[bytes], label: str, limits: ParseLimits) -> ParsedDocument:
    import subprocess  # here: with tarfile ~15 ms of every command's start-up, needed only to read a RAR/7z
    import tarfile

    fd = handle.fileno()
    command = [executable, "-c", "-f", "-", "--format", "pax", f"@/proc/self/fd/{fd}"]
    if not os.path.exists(f"/proc/self/fd/{fd}"):  # no /proc: the child opens the path itself
        command[-1] = "@" + os.fsdecode(handle.name)
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    process = subprocess.Popen(  # noqa: S603 - a fixed program and arguments, no shell
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        pass_fds=(fd,),
        env=env,
        preexec_fn=_child_limits(limits),  # noqa: PLW1509 - no threads in a parse worker
    )
    assert process.stdout is not None and process.stderr is not None
    reader = MemberReader(limits)
    pages: list[str] = []
    problems: list[Problem] = []
    counted = _Capped(process.stdout, (limits.inflated_mb + 1) * MB)
    members = 0
    try:
        with workspace() as folder, tarfile.open(fileobj=counted, mode="r|") as stream:  # type: ignore[call-overload]
            for info in stream:
                if not info.isfile():
                    continue
                members += 1
                if len(pages) >= limits.pages:
                    continue
                member = Member(info.name, info.size)
                got = reader.read(member, _chunks(stream.extractfile(info)), Path(folder))
                pages.append(got.page)
                problems.extend(got.problems)
    except ParseFailure as failure:  # the whole stream's cap: what was read is kept
        problems.append(Problem("archive_too_large", failure.problem.message, failure.problem.hint, "warning"))
    except (tarfile.TarError, OSError, EOFError) as exc:
        problems.append(_broken(label, str(exc)))
    finally:
        process.stdout.close()  # a program still writing (we stopped early) ends on SIGPIPE
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        errors = process.stderr.read(4096).decode("utf-8", "replace").strip()
        process.stderr.close()
    if process.returncode not in (0, -9, -13) and not pages:
        broken = _broken(label, errors)
        raise ParseFailure("corrupt", broken.message, broken.hint)
    if errors and pages and not any(p.code.startswith("archive_") for p in problems):
        problems.append(_broken(label, errors))
    budget = reader.budget_problem()
    if budget:
        problems.append(budget)
    if members > len(pages) and len(pages) >= limits.pages:
        problems.append(
            Problem(
                "members_limit",
                f"Arsip berisi {members} berkas; hanya {len(pages)} pertama yang dicatat (batas limits.pages).",
                "Pecah arsip menjadi beberapa arsip yang lebih kecil, atau simpan berkasnya langsung di folder.",
                "warning",
            )
        )
    return ParsedDocument(tuple(pages), len(pages), {"format": label, "members": str(members)}, tuple(problems))


def _broken(label: str, detail: str) -> Problem:
    """Part of the archive could not be read (a damaged tail, a locked member): what was read is kept."""
    shown = detail.splitlines()[0][:160] if detail else "tidak diketahui"
    return Problem(
        "archive_incomplete",
        f"Arsip {label} rusak, terkunci kata sandi, atau tidak dapat dibuka (rincian teknis: {shown}).",
        "Buat ulang arsip sebagai ZIP tanpa kata sandi dari folder aslinya, lalu unggah kembali.",
        "warning",
    )


def _chunks(member: IO[bytes] | None) -> Iterator[bytes]:
    if member is None:
        return
    while chunk := member.read(_CHUNK):
        yield chunk


class _Capped:
    """A read-only stream that refuses to give more than ``cap`` bytes: the whole archive's inflated bound."""

    def __init__(self, raw: IO[bytes], cap: int) -> None:
        self.raw, self.cap, self.seen = raw, cap, 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size if size >= 0 else _CHUNK)
        self.seen += len(data)
        if self.seen > self.cap:
            raise ParseFailure(
                "too_large",
                f"Isi arsip melebihi batas {self.cap // MB - 1} MB setelah dibuka; sisanya tidak dibaca.",
                "Pecah arsip menjadi beberapa arsip yang lebih kecil, atau naikkan limits.inflated_mb.",
            )
        return data


def _child_limits(limits: ParseLimits):  # type: ignore[no-untyped-def]
    def apply() -> None:
        import resource

        seconds = max(int(limits.seconds), 1)
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))
        _, hard = resource.getrlimit(resource.RLIMIT_AS)  # a worker's own limit may already be lower
        memory = limits.memory_mb * MB if hard == resource.RLIM_INFINITY else min(limits.memory_mb * MB, hard)
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return apply
