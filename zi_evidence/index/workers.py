"""Parsing in worker processes, each under a wall-clock, memory and size limit.

A parser that hangs or explodes takes down only its worker: the pool kills it, records a
problem for that one file and starts a fresh worker, so the run goes on. Results come back
in completion order; at most one task per worker is in flight, which keeps memory bounded.

Memory is bounded in resident terms (RSS), which is what the machine feels: the address-space limit
leaves room only for ``memory_mb`` minus what the worker already holds, and the pool watches each busy
worker's RSS and kills one that grows past ``memory_mb`` by touching mappings it had before. A worker
forked from a parent that already holds more than that is charged only for what it adds.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from zi_evidence.parsing import ParsedDocument, ParseFailure, ParseLimits
from zi_evidence.problems import CHANGED_DURING_READ, MB, TOO_LARGE_HINT, Problem, too_large_message
from zi_evidence.tree.safeopen import Identity, identity, open_beneath, open_no_follow

if TYPE_CHECKING:  # multiprocessing loads only when files are to be parsed, not on a run with nothing to do
    from multiprocessing.connection import Connection


@dataclass(frozen=True)
class ParseTask:
    """One file to parse. With ``root`` the file is opened as ``root/rel`` without following any link,
    and ``identity`` (device, inode, size, mtime_ns) must still match what was hashed."""

    key: Any
    path: bytes
    parser: str
    root: bytes | None = None
    rel: bytes = b""
    identity: Identity | None = None


@dataclass(frozen=True)
class ParseOutcome:
    key: Any
    document: ParsedDocument | None
    problem: Problem | None = None
    seconds: float = 0.0


def problem_timeout(limits: ParseLimits) -> Problem:
    return Problem(
        "timeout",
        f"Pembacaan berkas melebihi batas waktu {limits.seconds:g} detik dan dihentikan.",
        "Periksa apakah berkas rusak atau terlalu besar; pecah atau simpan ulang sebagai PDF biasa.",
    )


CRASHED = Problem(
    "crashed",
    "Proses pembaca berhenti mendadak saat membaca berkas ini (berkas rusak atau terlalu besar).",
    "Buka berkas di komputer Anda; bila rusak, ganti dengan salinan yang baik.",
)


def _memory_problem(limits: ParseLimits) -> Problem:
    return Problem(
        "memory",
        f"Berkas membutuhkan memori melebihi batas {limits.memory_mb} MB untuk dibaca.",
        "Perkecil berkas (misalnya pecah per bagian) atau naikkan limits.memory_mb di zi-evidence.yaml.",
    )


def _open_regular(task: ParseTask, limits: ParseLimits) -> tuple[int, str]:
    """Open without following links or blocking on FIFOs; refuse anything but the file that was hashed."""
    fd = open_beneath(task.root, task.rel) if task.root is not None else open_no_follow(task.path)
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise ParseFailure("special_file", "Bukan berkas biasa; tidak dibaca.", "Hapus entri ini dari folder.")
    if task.identity is not None and identity(info) != task.identity:
        os.close(fd)
        raise ParseFailure(CHANGED_DURING_READ.code, CHANGED_DURING_READ.message, CHANGED_DURING_READ.hint)
    if info.st_size > limits.file_mb * MB:
        os.close(fd)
        raise ParseFailure("too_large", too_large_message(info.st_size, limits.file_mb) + ".", TOO_LARGE_HINT)
    # Reading through the checked descriptor closes the gap between the check and the parser's open.
    proc_path = f"/proc/self/fd/{fd}"
    return fd, proc_path if os.path.exists(proc_path) else os.fsdecode(task.path)


def classify(exc: BaseException, limits: ParseLimits) -> Problem:
    """A plain-language problem for any exception a parser library may raise."""
    name = type(exc).__name__
    detail = f" (rincian teknis: {name}: {str(exc)[:160]})"
    if isinstance(exc, MemoryError):
        return _memory_problem(limits)
    if isinstance(exc, PermissionError):
        return Problem(
            "unreadable",
            "Berkas tidak dapat dibuka (hak akses ditolak atau berkas hilang)." + detail,
            "Periksa hak akses berkas, lalu ulangi.",
        )
    if isinstance(exc, RecursionError):
        return Problem(
            "corrupt",
            "Struktur berkas bersarang terlalu dalam; berkas rusak atau jebakan." + detail,
            "Simpan ulang berkas dari aplikasi aslinya (atau ekspor ke PDF) lalu unggah kembali.",
        )
    if isinstance(exc, OSError) and not isinstance(exc, FileNotFoundError):
        return Problem(
            "io_error",
            "Berkas gagal dibaca dari disk/berbagi jaringan." + detail,
            "Periksa sambungan ke berbagi jaringan; berkas dibaca ulang pada 'index' berikutnya.",
        )
    if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
        return Problem(
            "encrypted",
            "Berkas terenkripsi/berkata sandi; isinya tidak dapat dibaca." + detail,
            "Simpan ulang tanpa kata sandi, lalu unggah kembali.",
        )
    return Problem(
        "corrupt",
        "Berkas rusak atau formatnya tidak dikenali." + detail,
        "Buka berkas di komputer Anda; bila rusak, ganti dengan salinan yang baik.",
    )


def parse_one(parsers: dict[str, type], task: ParseTask, limits: ParseLimits) -> ParseOutcome:
    """Run one parser on one file, turning every failure into a problem (used inside workers)."""
    from pathlib import Path

    started = time.monotonic()
    fd = -1
    try:
        fd, readable = _open_regular(task, limits)
        document = parsers[task.parser]().parse(Path(readable), limits)
        if task.identity is not None and identity(os.fstat(fd)) != task.identity:
            return ParseOutcome(task.key, None, CHANGED_DURING_READ, time.monotonic() - started)
        if document.machine_read_pages:  # the catalog stores metadata only
            document = replace(document, metadata=document.stored_metadata())
        return ParseOutcome(task.key, document, None, time.monotonic() - started)
    except ParseFailure as failure:
        return ParseOutcome(task.key, None, failure.problem, time.monotonic() - started)
    except Exception as exc:  # noqa: BLE001 - any parser bug is one file's problem, not the run's
        return ParseOutcome(task.key, None, classify(exc, limits), time.monotonic() - started)
    finally:
        if fd >= 0:
            os.close(fd)


#: How often the pool samples a busy worker's RSS; the address-space limit catches a fast burst.
WATCH_SECONDS = 0.05
#: A forked worker keeps the parent's mappings; the limit never leaves it less room than this to work in.
MIN_HEADROOM = 64 * MB


def _statm(pid: int | str = "self") -> tuple[int, int]:
    """(address space, resident) bytes of a process; (0, 0) where /proc is missing or it has gone."""
    try:
        with open(f"/proc/{pid}/statm") as statm:
            size, resident = statm.read().split()[:2]
    except (OSError, ValueError):
        return 0, 0
    page = os.sysconf("SC_PAGE_SIZE")
    return int(size) * page, int(resident) * page


def _limit_memory(megabytes: int) -> None:
    """New mappings may add only what is left of ``megabytes`` after the pages already resident.

    Before, the limit was the inherited address space *plus* ``megabytes``, so RSS could grow to the
    inherited pages plus the whole limit: a 13,000 x 13,000 RGB PNG (500 KB on disk) reached 1.6 GB."""
    try:
        import resource
    except ImportError:  # Windows: no address-space limit; the timeout still applies
        return
    size, resident = _statm()
    limit = size + max(megabytes * MB - resident, MIN_HEADROOM)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _worker_main(conn: Connection, parsers: dict[str, type], limits: ParseLimits, parent: int) -> None:
    _limit_memory(limits.memory_mb)
    while True:
        try:
            # A forked worker holds copies of the parent's descriptors (its end of this pipe, the writer
            # lock), so the parent's death is no EOF here: notice it, or the lock would outlive a SIGKILL.
            if not conn.poll(1.0):
                if os.getppid() != parent:
                    return
                continue
            task = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if task is None:
            return
        conn.send(parse_one(parsers, task, limits))


@dataclass
class _Worker:
    process: Any
    conn: Connection
    rss_limit: int
    task: ParseTask | None = None
    deadline: float = 0.0


class WorkerPool:
    """A pool of parser processes; use as a context manager and call ``run(tasks)``."""

    def __init__(self, parsers: dict[str, type], limits: ParseLimits, processes: int | None = None) -> None:
        self.parsers = parsers
        self.limits = limits
        self.size = max(1, processes or os.cpu_count() or 1)
        import multiprocessing

        method = "fork" if sys.platform.startswith("linux") else "spawn"
        self.context: Any = multiprocessing.get_context(method)
        self.workers: list[_Worker] = []
        self.peak_rss = 0  # the highest RSS sampled in a worker, in bytes (getrusage has the exact peak)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _spawn(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(
            target=_worker_main, args=(child, self.parsers, self.limits, os.getpid()), daemon=True
        )
        # The child's RSS starts near the parent's (copy-on-write pages count as resident in both), so
        # a large parent must not make every slow parse look like a memory hog: the same headroom
        # as the address-space limit in _limit_memory.
        inherited = _statm()[1]
        process.start()
        child.close()
        return _Worker(process, parent, max(self.limits.memory_mb * MB, inherited + MIN_HEADROOM))

    def _replace(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        self.workers[self.workers.index(worker)] = self._spawn()

    def run(self, tasks: Iterable[ParseTask]) -> Iterator[ParseOutcome]:
        """Parse every task; outcomes arrive as they finish."""
        from multiprocessing.connection import wait

        pending = iter(tasks)
        exhausted = False
        while len(self.workers) < self.size:
            self.workers.append(self._spawn())
        while True:
            for worker in list(self.workers):
                if worker.task is None and not exhausted:
                    task = next(pending, None)
                    if task is None:
                        exhausted = True
                        break
                    worker.task = task
                    worker.deadline = time.monotonic() + self.limits.seconds
                    worker.conn.send(task)
            busy = [w for w in self.workers if w.task is not None]
            if not busy:
                return
            timeout = max(0.0, min(min(w.deadline for w in busy) - time.monotonic(), WATCH_SECONDS))
            ready = wait([w.conn for w in busy], timeout=timeout)
            for worker in busy:
                task = worker.task
                assert task is not None
                if worker.conn not in ready and self._over_memory(worker):
                    self._replace(worker)
                    yield ParseOutcome(task.key, None, _memory_problem(self.limits), 0.0)
                elif worker.conn in ready:
                    try:
                        outcome = worker.conn.recv()
                        worker.task = None
                    except (EOFError, OSError):
                        self._replace(worker)
                        outcome = ParseOutcome(task.key, None, CRASHED, self.limits.seconds)
                    yield outcome
                elif time.monotonic() >= worker.deadline:
                    self._replace(worker)
                    yield ParseOutcome(task.key, None, problem_timeout(self.limits), self.limits.seconds)

    def _over_memory(self, worker: _Worker) -> bool:
        resident = _statm(worker.process.pid)[1]
        self.peak_rss = max(self.peak_rss, resident)
        return resident > worker.rss_limit

    def close(self) -> None:
        for worker in self.workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        for worker in self.workers:
            worker.process.join(2)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(2)
            worker.conn.close()
        self.workers = []
