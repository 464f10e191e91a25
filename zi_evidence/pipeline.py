"""``index``: tree → scan → catalog → parse → index, incrementally.

Unchanged files (same size and mtime) are not read; changed ones are hashed and re-parsed
only when their content is new; a file that moved keeps its catalog row and its text.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
import stat
import time
from collections import defaultdict
from dataclasses import dataclass, field

from zi_evidence.catalog import Catalog
from zi_evidence.config import ANSWERS_NAME, CONFIG_NAME
from zi_evidence.indexing import reconcile
from zi_evidence.kinds import detect_kinds, detectors_signature
from zi_evidence.lock import writer_lock
from zi_evidence.mapping import Mapper
from zi_evidence.names import display
from zi_evidence.parsing import Problem, choose_parser, sniff_mime
from zi_evidence.progress import Progress, Silent
from zi_evidence.repository import Repository
from zi_evidence.scan import FileEntry, SkippedEntry, walk
from zi_evidence.workers import ParseTask, WorkerPool

HEAD_BYTES = 8192
COMMIT_EVERY = 100
YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")

EMPTY = Problem("empty", "Berkas kosong (0 bita).", "Ganti dengan berkas yang benar isinya.")
UNSUPPORTED = Problem(
    "unsupported",
    "Jenis berkas tidak dikenali; isinya tidak dibaca (tetap dicatat sebagai data dukung).",
    "Simpan sebagai PDF bila berkas ini harus dapat dicari.",
    "warning",
)


@dataclass
class IndexSummary:
    new: int = 0
    changed: int = 0
    moved: int = 0
    removed: int = 0
    unchanged: int = 0
    remapped: int = 0
    parsed: int = 0
    pages: int = 0
    problems: int = 0
    skipped: int = 0
    indexed: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def fingerprint(path: bytes) -> tuple[str, bytes]:
    """SHA-256 and first bytes, read without following links or blocking on special files."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError("bukan berkas biasa")
        digest = hashlib.sha256()
        head = handle.read(HEAD_BYTES)
        digest.update(head)
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest(), head


def _unsupported(shown: str, parsers: list) -> Problem:
    """A known extension over unknown content is a damaged or misnamed file, not an exotic format."""
    expected, _ = mimetypes.guess_type(shown)
    if expected and any(expected in p.mime_types for p in parsers):
        extension = os.path.splitext(shown)[1]
        return Problem(
            "mismatch",
            f"Berkas berekstensi {extension}, tetapi isinya bukan format tersebut (rusak atau salah nama).",
            "Buka berkas di komputer Anda; simpan ulang dalam format yang benar atau ganti dengan salinan yang baik.",
        )
    return UNSUPPORTED


def year_of(shown: str) -> str:
    match = YEAR.search(shown.rsplit("/", 1)[0]) if "/" in shown else None
    return match.group(1) if match else ""


def run_index(
    repo: Repository,
    progress: Progress | None = None,
    processes: int | None = None,
    wait: bool = True,
    exclude_parsers: frozenset[str] = frozenset(),
) -> IndexSummary:
    """One incremental run; ``exclude_parsers`` leaves some parsers out (e.g. OCR on a first quick pass)."""
    progress = progress or Silent()
    started = time.monotonic()
    with writer_lock(repo.state_dir, wait=wait, on_wait=progress.message), repo.catalog() as catalog:
        summary = _Run(repo, catalog, progress, processes, exclude_parsers).execute()
        written, removed = reconcile(catalog, repo.search_backend(), repo.ruleset, progress)
        summary.indexed = written
        summary.pages = catalog.count_pages()
    summary.seconds = time.monotonic() - started
    return summary


class _Run:
    def __init__(
        self, repo: Repository, catalog: Catalog, progress: Progress, processes: int | None, exclude: frozenset[str]
    ) -> None:
        self.repo = repo
        self.parsers = {name: cls for name, cls in repo.parsers.items() if name not in exclude}
        self.catalog = catalog
        self.progress = progress
        self.processes = processes
        self.root = os.fsencode(repo.root)
        self.summary = IndexSummary()
        self.mapper = Mapper(repo.ruleset, repo.config.mapping)

    def execute(self) -> IndexSummary:
        excluded = {CONFIG_NAME.encode(), ANSWERS_NAME.encode()} | ({rel} if (rel := self.repo.state_rel()) else set())
        self.progress.stage("Memindai folder", 0)
        files: list[FileEntry] = []
        skipped: list[SkippedEntry] = []
        for entry in walk(self.root, excluded):
            (files if isinstance(entry, FileEntry) else skipped).append(entry)
            self.progress.advance()
        known = self.catalog.by_path()
        seen = {entry.rel for entry in files}
        gone = {path: row for path, row in known.items() if path not in seen}
        todo = [e for e in files if e.rel not in known or known[e.rel][1:3] != (e.size, e.mtime_ns)]
        self.summary.unchanged = len(files) - len(todo)
        tasks = self._catalogue(todo, known, gone)
        self._parse(tasks)
        with self.catalog.transaction():
            self.catalog.delete_files(row[0] for row in gone.values())
            self.summary.removed = len(gone)
            self.catalog.replace_skipped((s.rel, display(s.rel), s.problem) for s in skipped)
            self.summary.skipped = len(skipped)
            self._remap()
            self._detect_kinds()
            self.catalog.collect_garbage()
        self.summary.problems = sum(1 for r in self.catalog.records() if r.status != "ok" or r.all_problems)
        return self.summary

    def _catalogue(self, todo: list[FileEntry], known: dict, gone: dict) -> list[ParseTask]:
        """Hash new and changed files, recognise moves, and queue the parses the cache cannot answer."""
        gone_by_hash: dict[str, list[bytes]] = defaultdict(list)
        for path, row in gone.items():
            gone_by_hash[row[3]].append(path)
        parsers = list(self.parsers.values())
        tasks: list[ParseTask] = []
        self.progress.stage("Mencatat berkas baru/berubah", len(todo))
        for start in range(0, len(todo), COMMIT_EVERY):
            with self.catalog.transaction():
                for entry in todo[start : start + COMMIT_EVERY]:
                    task = self._catalogue_one(entry, known, gone, gone_by_hash, parsers)
                    if task:
                        tasks.append(task)
                    self.progress.advance()
        return tasks

    def _catalogue_one(self, entry, known, gone, gone_by_hash, parsers) -> ParseTask | None:
        shown = display(entry.rel)
        try:
            sha, head = fingerprint(self.root + b"/" + entry.rel)
        except OSError as exc:
            problem = Problem("unreadable", f"Berkas tidak dapat dibaca ({exc}).", "Periksa hak akses berkas.")
            self._upsert(entry, shown, "", "application/octet-stream", None, "problem", (problem,))
            return None
        mime = sniff_mime(parsers, head, shown)
        parser = choose_parser(parsers, mime, shown)
        if entry.rel in known:
            self.summary.changed += 1
        elif gone_by_hash.get(sha):
            old = gone_by_hash[sha].pop()
            del gone[old]  # a move: the old row takes the new path, its text is reused
            self.catalog.update_file(known[old][0], path=entry.rel)
            self.summary.moved += 1
        else:
            self.summary.new += 1
        if parser is None:
            problem = EMPTY if entry.size == 0 else _unsupported(shown, parsers)
            self._upsert(
                entry, shown, sha, mime, None, "problem" if problem.severity == "error" else "unsupported", (problem,)
            )
            return None
        identity = (parser.name, parser.version)
        if self.catalog.has_extract(sha, *identity):
            ok = self.catalog.extract_ok(sha, *identity)
            self._upsert(entry, shown, sha, mime, identity, "ok" if ok else "problem", ())
            return None
        file_id = self._upsert(entry, shown, sha, mime, identity, "pending", ())
        return ParseTask((file_id, sha, *identity), self.root + b"/" + entry.rel, parser.name)

    def _upsert(self, entry, shown, sha, mime, parser, status, problems) -> int:
        name, version = parser or (None, None)
        mapping = self.mapper.map(shown)
        return self.catalog.upsert_file(
            entry.rel,
            display=shown,
            size=entry.size,
            mtime_ns=entry.mtime_ns,
            sha256=sha,
            mime=mime,
            parser=name,
            parser_version=version,
            status=status,
            problems=problems,
            target_id=mapping.target_id,
            mapping_status=mapping.status,
            mapping_reason=mapping.reason,
            year=year_of(shown),
            kinds_stale=1,
        )

    def _parse(self, tasks: list[ParseTask]) -> None:
        if not tasks:
            return
        self.progress.stage("Membaca isi berkas", len(tasks))
        done: dict[tuple[str, str, str], bool] = {}
        with WorkerPool(self.parsers, self.repo.config.limits, self.processes) as pool:
            unique, pending = [], []
            for task in tasks:
                content = task.key[1:]
                # the same bytes twice in one run (a duplicate filed under two questions): parse once
                (pending if content in done else unique).append(task)
                done[content] = False
            for outcome in pool.run(unique):
                file_id, sha, parser, version = outcome.key
                with self.catalog.transaction():
                    self.catalog.store_extract(sha, parser, version, outcome.document, outcome.problem)
                    ok = outcome.document is not None
                    self.catalog.update_file(file_id, status="ok" if ok else "problem")
                done[(sha, parser, version)] = outcome.document is not None
                self.summary.parsed += 1
                self.progress.advance()
            with self.catalog.transaction():
                for task in pending:
                    file_id, sha, parser, version = task.key
                    self.catalog.update_file(file_id, status="ok" if done[(sha, parser, version)] else "problem")
                    self.progress.advance()

    def _detect_kinds(self) -> None:
        detectors = list(self.repo.kind_detectors.values())
        signature = detectors_signature(detectors)
        all_files = self.catalog.get_meta("kinds_signature") != signature
        for file_id, shown, pages in self.catalog.kind_inputs(only_stale=not all_files):
            kinds = detect_kinds(detectors, shown.rsplit("/", 1)[-1], "\n".join(pages))
            self.catalog.update_file(file_id, kinds=",".join(kinds), kinds_stale=0)
        self.catalog.set_meta("kinds_signature", signature)

    def _remap(self) -> None:
        """Every file is mapped again: a new rule set or mapping rule can move files between questions."""
        for file_id, (shown, target, status, reason) in self.catalog.mappings().items():
            mapping = self.mapper.map(shown)
            if (mapping.target_id, mapping.status, mapping.reason) != (target, status, reason):
                self.catalog.update_file(
                    file_id, target_id=mapping.target_id, mapping_status=mapping.status, mapping_reason=mapping.reason
                )
                self.summary.remapped += 1
