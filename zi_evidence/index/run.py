"""``index``: tree → scan → catalog → parse → index, incrementally.

Unchanged files (same size, mtime and ctime) are not read; changed ones are hashed and re-parsed
only when their content is new; a file that moved keeps its catalog row and its text.

A run works in three steps so that a reader never sees half of it and a crash at any moment
leaves nothing to repair: (1) look and hash, (2) parse into the text cache, which no file row
points at yet, (3) apply every file change in one transaction. The search index is then
reconciled with the catalog, which stays the source of truth.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

from zi_evidence.config import walk_exclusions
from zi_evidence.index import settled
from zi_evidence.index.freshness import PARSERS_KEY, detect_stale_kinds, mapping_signature, parsers_signature, remap
from zi_evidence.index.kinds import TEXT_HEAD_CHARS, KindDetector, detect_kinds
from zi_evidence.index.plan import FilePlan, Planner
from zi_evidence.index.search_index import reconcile, reconcile_some
from zi_evidence.index.summary import IndexSummary
from zi_evidence.index.workers import ParseTask, WorkerPool
from zi_evidence.parsing import choose_parser, is_expensive
from zi_evidence.progress import Progress, Silent
from zi_evidence.repository import Repository
from zi_evidence.state.catalog import Catalog, text_head
from zi_evidence.state.lock import writer_lock
from zi_evidence.state.records import ChangeKey, StatKey
from zi_evidence.tree.names import display
from zi_evidence.tree.scan import FileEntry, Observation, narrow, observe, refuse_shared_hardlinks, under

if TYPE_CHECKING:
    from zi_evidence.index.mapping import Mapper
    from zi_evidence.parsing import ParsedDocument

YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


@dataclass(frozen=True)
class IndexOptions:
    """How an index run works, as the user asked for it (built by the CLI, held by ``WatchOptions``).

    ``exclude_parsers`` leaves some parsers out (e.g. OCR on a first quick pass); ``verify`` re-hashes
    every file to catch edits that kept size and times; ``expensive_pages`` bounds the pages read by
    expensive parsers (OCR) in one run: past it, files get their plain parser and a later run goes on.
    """

    processes: int | None = None
    wait: bool = True  # for another writer's lock, rather than fail at once
    exclude_parsers: frozenset[str] = frozenset()
    verify: bool = False
    expensive_pages: int | None = None


@dataclass(frozen=True)
class Change:
    """One file's change as applied by a run, for the ``watch`` output."""

    kind: str  # new | changed | moved | removed
    path: str
    old_path: str = ""
    status: str = ""


def year_of(shown: str) -> str:
    match = YEAR.search(shown.rsplit("/", 1)[0]) if "/" in shown else None
    return match.group(1) if match else ""


def run_index(
    repo: Repository,
    options: IndexOptions = IndexOptions(),
    progress: Progress | None = None,
    *,
    paths: Iterable[bytes] | None = None,
    on_change: Callable[[Change], None] | None = None,
) -> IndexSummary:
    """One incremental run.

    ``paths`` limits the run to these relative paths and everything below them (the watcher's hint;
    the full walk without it stays the source of truth); ``on_change`` hears about every applied change.
    """
    progress = progress or Silent()
    started = time.monotonic()
    repo.check_reachable()  # before the lock: taking it would recreate the state folder of a vanished drive
    with writer_lock(repo.state_dir, wait=options.wait, on_wait=progress.message), repo.catalog() as catalog:
        run = _Run(repo, catalog, progress, options)
        summary = run.execute(None if paths is None else set(paths))
        if run.touched is None:
            # the rule set is built only when documents are written
            summary.indexed, _ = reconcile(catalog, repo.search_backend(), lambda: repo.ruleset, progress)
        else:  # a watcher batch: only its own documents; the full runs keep the whole index honest
            touched, removed = run.touched
            summary.indexed = reconcile_some(catalog, repo.search_backend(), lambda: repo.ruleset, touched, removed)
        summary.problems, summary.pages = catalog.counts()
        if run.touched is None and run.all_seen:
            settled.record(repo, catalog, summary, options.exclude_parsers)  # lets the next no-change run skip plugins
    if on_change is not None:  # after the lock is released: a slow listener never holds up other writers
        for change in run.changes:
            on_change(change)
    summary.seconds = time.monotonic() - started
    return summary


class _Run:
    def __init__(self, repo: Repository, catalog: Catalog, progress: Progress, options: IndexOptions) -> None:
        self.repo = repo
        self.parsers = {name: cls for name, cls in repo.parsers.items() if name not in options.exclude_parsers}
        self.catalog = catalog
        self.progress = progress
        self.processes = options.processes
        self.verify = options.verify
        self.root = os.fsencode(repo.root)
        self.summary = IndexSummary()
        repo.require_ruleset()  # a broken rule set stops the run before anything is scanned or written
        self.changes: list[Change] = []
        self.touched: tuple[set[int], set[int]] | None = None  # (written, removed) ids of a scoped run
        self.unstable: set[tuple[str, str, str]] = set()  # contents that changed while being parsed
        self.budget = options.expensive_pages
        self.spent = 0
        self.deferred: dict[tuple[str, str, str], tuple[str, str]] = {}  # content -> the cheap parser used
        self.parsing: dict[tuple[str, str, str], FilePlan] = {}  # the plan each parse task was sent for
        self.early_kinds: dict[bytes, str] = {}  # path -> kinds detected as its text arrived
        self.fresh_kinds: set[int] = set()  # rows written with those kinds
        # the per-file parser check only when the parser set differs from the one every row was settled with
        self.parsers_signature = parsers_signature(self.parsers.values())
        self.parsers_settled = catalog.get_meta(PARSERS_KEY) == self.parsers_signature
        self.all_seen = False  # every catalogued path was looked at (set by ``execute``)
        self.excluded = walk_exclusions(repo.config)

    @cached_property
    def kind_detectors(self) -> list[type[KindDetector]]:
        return list(self.repo.kind_detectors.values())

    @cached_property
    def mapper(self) -> Mapper:
        from zi_evidence.index.mapping import Mapper  # its patterns compile only when a file is mapped

        return Mapper(self.repo.ruleset, self.repo.config.mapping)

    def _observe(self, dirty: set[bytes] | None) -> Observation:
        self.repo.check_reachable()
        self.progress.stage("Memindai folder", 0)
        scopes = None if dirty is None else narrow(dirty, self.excluded)
        seen = observe(self.root, self.excluded, scopes)
        if scopes is not None and any(f.links > 1 for f in seen.files):
            seen = observe(self.root, self.excluded)  # hard links are judged against the whole tree
        self.repo.check_reachable()
        return refuse_shared_hardlinks(seen)

    def execute(self, dirty: set[bytes] | None) -> IndexSummary:
        seen = self._observe(dirty)
        stamps = self.catalog.stat_keys()  # enough to tell that nothing changed; whole rows only when needed
        present = {entry.rel for entry in seen.files}
        blind = seen.blind_spots
        vanished = [
            path
            for path in stamps
            if path not in present and seen.covers(path) and not any(under(path, b) for b in blind)
        ]
        stale = {e.rel for e in seen.files if self.verify or not _unchanged(e, stamps.get(e.rel))}
        self.all_seen = seen.scopes is None and len(vanished) + len(present & stamps.keys()) == len(stamps)
        known = self.catalog.change_keys() if stale or vanished or not self.parsers_settled else {}
        gone = {path: known[path] for path in vanished}
        todo = [
            e
            for e in seen.files
            if e.rel in stale or (not self.parsers_settled and self._better_parser(e, known.get(e.rel)))
        ]
        self.summary.unchanged = len(seen.files) - len(todo)
        planner = Planner(
            self.root, self.catalog, list(self.parsers.values()), self.progress, self.repo.config.limits.file_mb
        )
        plans = planner.plan(todo, known, gone)
        self._parse(plans)
        with self.catalog.transaction():
            written = self._apply(plans, known, gone, seen)
        if seen.scopes is not None and written is not None:
            self.touched = (written, {row.id for row in gone.values()})
        self.summary.notes.extend(planner.notes)
        return self.summary

    def _better_parser(self, entry: FileEntry, row: ChangeKey | None) -> bool:
        """Another parser would now read this unchanged file (OCR installed, a parser upgraded), or one may now
        know a file no parser took (a plugin installed for its format): look at it again."""
        if row is None:
            return False
        if row.parser is None:
            return row.status == "unsupported"  # only a parser's own sniff can tell: planned (hashed) again
        return self._outbid(row.mime, entry.rel, (row.parser, row.parser_version))

    def _outbid(self, mime: str, rel: bytes, parser: tuple[str, str | None]) -> bool:
        chosen = choose_parser(list(self.parsers.values()), mime, display(rel))
        return chosen is not None and (chosen.name, chosen.version) != parser

    def _parse(self, plans: list[FilePlan]) -> None:
        """Fill the text cache for contents it cannot answer; no file row refers to them yet."""
        tasks: dict[tuple[str, str, str], tuple[ParseTask, FilePlan]] = {}
        for plan in plans:
            if plan.parser and not plan.cached and plan.content_key not in tasks:
                entry = plan.entry
                identity = (entry.device, entry.inode, entry.size, entry.mtime_ns)
                task = ParseTask(
                    plan.content_key, self.root + b"/" + entry.rel, plan.parser[0], self.root, entry.rel, identity
                )
                tasks[plan.content_key] = (task, plan)
        if not tasks:
            return
        self.progress.stage("Membaca isi berkas", len(tasks))
        with WorkerPool(self.parsers, self.repo.config.limits, self.processes) as pool:
            # a generator: the pool pulls tasks one by one, so the page budget is checked as results arrive
            for outcome in pool.run(self._within_budget(tasks.values())):
                if outcome.problem and outcome.problem.code == "changed_during_read":
                    self.unstable.add(outcome.key)  # never cache text under a hash it does not belong to
                else:
                    with self.catalog.transaction():
                        sha, parser, version = outcome.key
                        self.catalog.store_extract(sha, parser, version, outcome.document, outcome.problem)
                    self.summary.parsed += 1
                    self._detect_early(outcome.key, outcome.document)
                    if outcome.document is not None and parser in self.parsers and is_expensive(self.parsers[parser]):
                        self.spent += outcome.document.page_count
                self.progress.advance()
        if self.deferred:
            self.summary.notes.append(
                f"{len(self.deferred)} berkas belum dibaca dengan OCR karena batas halaman putaran ini tercapai; "
                "jalankan 'zi-evidence index' lagi untuk melanjutkan."
            )

    def _detect_early(self, key: tuple[str, str, str], document: ParsedDocument | None) -> None:
        """Kinds from the text just read, while the workers parse on: the apply step would otherwise read every
        new text back and run the detectors one file after another (~1.3 s per 2,000 files)."""
        plan = self.parsing.get(key)
        if plan is None or document is None:
            return  # detected in the apply step, from the catalog
        head = text_head(document.pages, TEXT_HEAD_CHARS)
        kinds = detect_kinds(self.kind_detectors, display(plan.entry.rel).rsplit("/", 1)[-1], head)
        self.early_kinds[plan.entry.rel] = ",".join(kinds)

    def _within_budget(self, tasks: Iterable[tuple[ParseTask, FilePlan]]) -> Iterator[ParseTask]:
        """Tasks as they are pulled; once the budget is spent, an expensive parser gives way to a cheap one."""
        cheap = [p for p in self.parsers.values() if not is_expensive(p)]
        for task, plan in tasks:
            if self.budget is None or self.spent < self.budget or not is_expensive(self.parsers[task.parser]):
                self.parsing[task.key] = plan
                yield task
                continue
            fallback = choose_parser(cheap, plan.mime, display(plan.entry.rel))
            if fallback is None:
                continue
            identity = (fallback.name, fallback.version)
            self.deferred[plan.content_key] = identity
            self.parsing[(plan.sha, *identity)] = plan
            yield replace(task, key=(plan.sha, *identity), parser=fallback.name)

    def _apply(
        self, plans: list[FilePlan], known: dict[bytes, ChangeKey], gone: dict[bytes, ChangeKey], seen: Observation
    ) -> set[int] | None:
        """Every file change in one go; returns the ids written, or None when every row may have changed."""
        unstable = self.unstable
        written: set[int] = set()
        for plan in plans:
            if plan.content_key in self.deferred:
                plan = replace(plan, parser=self.deferred[plan.content_key])
            if plan.content_key in unstable:
                self.summary.notes.append(
                    f"{display(plan.entry.rel)}: berubah saat dibaca; diproses pada putaran berikut."
                )
                continue
            shown = display(plan.entry.rel)
            status = plan.status
            if plan.parser and status == "pending":
                status = "ok" if self.catalog.extract_ok(plan.sha, *plan.parser) else "problem"
            if plan.moved_from is not None:
                self.catalog.update_file(known[plan.moved_from].id, path=plan.entry.rel)
                self.summary.moved += 1
                self.changes.append(Change("moved", shown, display(plan.moved_from), status))
            elif plan.entry.rel in known:
                row = known[plan.entry.rel]
                if plan.sha != row.sha256 or row.status == "pending":
                    self.summary.changed += 1
                    self.changes.append(Change("changed", shown, "", status))
                else:  # touched, copied or restored with new times: the same content, so unchanged
                    self.summary.unchanged += 1
            else:
                self.summary.new += 1
                self.changes.append(Change("new", shown, "", status))
            written.add(self._upsert(plan, shown, status))
        self.catalog.delete_files(row.id for row in gone.values())
        self.summary.removed = len(gone)
        self.changes.extend(Change("removed", display(path)) for path in sorted(gone))
        self.catalog.replace_skipped(((s.rel, display(s.rel), s.problem) for s in seen.skipped), seen.scopes)
        self.summary.skipped = len(seen.skipped)
        signature = mapping_signature(self.repo.ruleset_fingerprint, self.repo.config.mapping)
        self.summary.remapped += remap(self.catalog, lambda: self.mapper, signature, full=seen.scopes is None)
        every_kind = detect_stale_kinds(self.catalog, self.kind_detectors, self.fresh_kinds)
        if plans or gone or self.summary.parsed:  # only then can text have lost its last file
            self.catalog.collect_garbage()
        self._settle_parsers(plans)
        return None if every_kind else written

    def _settle_parsers(self, plans: list[FilePlan]) -> None:
        """Record the parser set every row now agrees with, or that no such set is known."""
        if self.parsers_settled and not self.deferred:
            return  # rows written now were chosen with the very set already recorded
        # blind spots, deferred files and moves (which keep their old parser) may lag behind the set
        complete = (
            self.all_seen
            and not self.deferred
            and not any(p.cached and p.parser and self._outbid(p.mime, p.entry.rel, p.parser) for p in plans)
        )
        self.catalog.set_meta(PARSERS_KEY, self.parsers_signature if complete else "")

    def _upsert(self, plan: FilePlan, shown: str, status: str) -> int:
        name, version = plan.parser or (None, None)
        placement = self.mapper.map(shown)
        entry = plan.entry
        early = self.early_kinds.get(entry.rel)
        kinds = {"kinds_stale": 1} if early is None else {"kinds": early, "kinds_stale": 0}
        file_id = self.catalog.upsert_file(
            entry.rel,
            display=shown,
            size=entry.size,
            mtime_ns=entry.mtime_ns,
            ctime_ns=entry.ctime_ns,
            inode=entry.inode,
            device=entry.device,
            sha256=plan.sha,
            mime=plan.mime,
            parser=name,
            parser_version=version,
            status=status,
            problems=plan.problems,
            target_id=placement.target_id,
            mapping_status=placement.status,
            mapping_reason=placement.reason,
            year=year_of(shown),
            **kinds,
        )
        if early is not None:
            self.fresh_kinds.add(file_id)
        return file_id


def _unchanged(entry: FileEntry, stamp: StatKey | None) -> bool:
    return stamp is not None and stamp.unchanged(entry)
