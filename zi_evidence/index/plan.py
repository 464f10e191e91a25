"""Step one of an index run: hash what changed and decide, per file, what the catalog will hold.

Nothing is written here. A file renamed or moved is recognised by its identity (device, inode,
size, mtime — no read at all) or else by its hash, and keeps its catalog row and its text.
"""

from __future__ import annotations

import mimetypes
import os
from collections import defaultdict
from dataclasses import dataclass, replace

from zi_evidence.parsing import choose_parser, sniff_mime
from zi_evidence.problems import EMPTY, MB, TOO_LARGE_HINT, Problem, too_large_message, unreadable
from zi_evidence.progress import Progress
from zi_evidence.state.catalog import Catalog
from zi_evidence.state.records import ChangeKey
from zi_evidence.tree.names import display
from zi_evidence.tree.safeopen import Changing, hash_regular, open_beneath
from zi_evidence.tree.scan import FileEntry

HEAD_BYTES = 8192
UNSUPPORTED = Problem(
    "unsupported",
    "Jenis berkas tidak dikenali; isinya tidak dibaca (tetap dicatat sebagai data dukung).",
    "Simpan sebagai PDF bila berkas ini harus dapat dicari.",
    "warning",
)


@dataclass(frozen=True)
class FilePlan:
    entry: FileEntry
    sha: str
    mime: str
    parser: tuple[str, str] | None
    status: str  # "pending" until the text cache says ok/problem
    problems: tuple[Problem, ...] = ()
    moved_from: bytes | None = None
    cached: bool = False

    @property
    def content_key(self) -> tuple[str, str, str]:
        return (self.sha, *(self.parser or ("", "")))


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


def _too_large(size: int, limit_mb: int) -> Problem:
    return Problem("too_large", too_large_message(size, limit_mb) + "; isinya tidak dibaca.", TOO_LARGE_HINT)


class Planner:
    def __init__(self, root: bytes, catalog: Catalog, parsers: list, progress: Progress, file_mb: int = 512) -> None:
        self.root = root
        self.catalog = catalog
        self.parsers = parsers
        self.progress = progress
        self.file_mb = file_mb
        self.notes: list[str] = []

    def plan(
        self, todo: list[FileEntry], known: dict[bytes, ChangeKey], gone: dict[bytes, ChangeKey]
    ) -> list[FilePlan]:
        """One plan per file that could be looked at; ``gone`` loses the rows that turn out to be moves."""
        by_identity = {(r.device, r.inode, r.size, r.mtime_ns): p for p, r in gone.items() if r.inode}
        by_hash: dict[str, list[bytes]] = defaultdict(list)
        for path, row in gone.items():
            by_hash[row.sha256].append(path)
        plans = []
        self.progress.stage("Mencatat berkas baru/berubah", len(todo))
        for entry in todo:
            plan = None
            if entry.rel not in known:
                plan = self._same_file(entry, by_identity.get((entry.device, entry.inode, entry.size, entry.mtime_ns)))
            if plan is None:
                plan = self._hashed(entry)
            if plan is not None and plan.moved_from is None and entry.rel not in known and by_hash.get(plan.sha):
                plan = replace(plan, moved_from=by_hash[plan.sha].pop())
            if plan is not None and plan.moved_from is not None:
                gone.pop(plan.moved_from, None)
                by_identity = {k: v for k, v in by_identity.items() if v != plan.moved_from}
                for paths in by_hash.values():
                    if plan.moved_from in paths:
                        paths.remove(plan.moved_from)
            if plan is not None:
                plans.append(plan)
            self.progress.advance()
        return plans

    def _same_file(self, entry: FileEntry, old: bytes | None) -> FilePlan | None:
        """A rename or move seen by identity: the old row's knowledge is reused without reading a byte."""
        if old is None or os.path.splitext(old)[1].lower() != os.path.splitext(entry.rel)[1].lower():
            return None  # a new extension may choose another parser: hash and decide afresh
        record = self.catalog.record_by_path(old)
        if record is None:
            return None
        parser = (record.parser, record.parser_version) if record.parser and record.parser_version else None
        return FilePlan(entry, record.sha256, record.mime, parser, record.status, record.problems, old, True)

    def _hashed(self, entry: FileEntry) -> FilePlan | None:
        shown = display(entry.rel)
        if entry.size > self.file_mb * MB:  # not even hashed: bounded work whatever the drive holds
            sha = f"size:{entry.device}:{entry.inode}:{entry.size}:{entry.mtime_ns}"
            return FilePlan(
                entry, sha, "application/octet-stream", None, "problem", (_too_large(entry.size, self.file_mb),)
            )
        try:
            sha, head, info = hash_regular(open_beneath(self.root, entry.rel), HEAD_BYTES)
        except Changing:
            self.notes.append(f"{shown}: sedang ditulis; diproses pada putaran berikut.")
            return None
        except OSError as exc:
            return FilePlan(entry, "", "application/octet-stream", None, "problem", (unreadable(exc),))
        # what was hashed is what the catalog records: the stat of the very descriptor read
        entry = entry._replace(
            size=info.st_size,
            mtime_ns=info.st_mtime_ns,
            ctime_ns=info.st_ctime_ns,
            inode=info.st_ino,
            device=info.st_dev,
        )
        mime = sniff_mime(self.parsers, head, shown)
        parser = choose_parser(self.parsers, mime, shown)
        if parser is None:
            problem = EMPTY if entry.size == 0 else _unsupported(shown, self.parsers)
            status = "problem" if problem.severity == "error" else "unsupported"
            return FilePlan(entry, sha, mime, None, status, (problem,))
        identity = (parser.name, parser.version)
        return FilePlan(entry, sha, mime, identity, "pending", (), None, self.catalog.has_extract(sha, *identity))
