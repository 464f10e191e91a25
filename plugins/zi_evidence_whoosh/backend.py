"""The Whoosh implementation of ``zi_evidence.search.backend.SearchBackend``."""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from zi_evidence import BackendHit, IndexDoc, IndexUnavailable, Snippet, ZiError
from zi_evidence_whoosh.generations import Generations

if TYPE_CHECKING:
    from whoosh.index import FileIndex
    from whoosh.searching import Searcher
    from whoosh.writing import SegmentWriter

# Whoosh and the modules built on it load on first use (~90 ms): every command registers this backend,
# and a run with nothing to do only asks for the index fingerprint.

T = TypeVar("T")


class WhooshBackend:
    """Full-text search over one Whoosh index per generation folder inside ``index_dir``."""

    name: ClassVar[str] = "whoosh"
    version: ClassVar[str] = "1"  # bump when the schema or analysis changes, so the core rebuilds

    #: Each writer attempt waits this long for the lock; attempts repeat with a growing pause.
    lock_timeout: ClassVar[float] = 2.0
    lock_attempts: ClassVar[int] = 5
    #: Posting buffer per writer before it spills to disk: small batches never need more, and a full
    #: rebuild on a modest office PC should not claim much more than this.
    update_limitmb: ClassVar[int] = 64
    rebuild_limitmb: ClassVar[int] = 192
    #: Text per process per rebuild segment: about what the postings of ``rebuild_limitmb`` hold for
    #: varied prose (each distinct word of a document is one posting of ~200 bytes in memory).
    rebuild_chunk_chars: ClassVar[int] = 24_000_000

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        self._generations = Generations(self.index_dir)
        # The opened index object is cached per generation; each thread keeps its own searcher (a
        # Whoosh searcher is not safe to share between threads) while the index is unchanged and then
        # replaces it, never refresh()es it: Whoosh-Reloaded 2.7.5's refresh() can keep serving
        # replaced documents.
        self._cached: tuple[Path, FileIndex] | None = None
        self._per_thread = threading.local()
        self._open_searchers: set[Searcher] = set()
        self._lock = threading.Lock()
        self._recent_queries: dict[str, Any] = {}

    @cached_property
    def _schema(self) -> Any:
        from zi_evidence_whoosh.schema import build_schema

        return build_schema()

    @cached_property
    def _parser(self) -> Any:
        from zi_evidence_whoosh.querying import make_parser

        return make_parser(self._schema)

    # -- writing -------------------------------------------------------------------------------

    def update(self, docs: Iterable[IndexDoc], remove_keys: Iterable[str]) -> None:
        # Drain the caller's iterables first: the write lock is then held only while writing, and a
        # failure inside the caller's generator is not mistaken for a broken index.
        from zi_evidence_whoosh.schema import doc_fields

        batch = [doc_fields(doc) for doc in docs]
        removed = list(remove_keys)
        ix = self._open()
        if ix is None:
            self.rebuild(())  # first use: start an empty generation, then write into it
            ix = self._open()
            assert ix is not None
        writer = self._writer(ix, self.update_limitmb)
        try:
            for fields in batch:
                writer.update_document(**fields)
            for key in removed:
                writer.delete_by_term("key", key)
            from zi_evidence_whoosh.segments import commit_update

            commit_update(writer, ix)
        except ZiError:
            _abandon(writer)
            raise
        except Exception as exc:  # corrupt segments surface here as almost any exception type
            _abandon(writer)
            raise self._unavailable(exc) from exc

    def rebuild(self, docs: Iterable[IndexDoc]) -> None:
        # Built beside the old generation, never inside it: a corrupt file or a writer stuck on the
        # old index cannot get in the way, and readers keep the old one until the pointer switches.
        with self._generations.rebuild_lock():
            previous = self._current_or_none()
            folder = self._generations.new_folder()
            try:
                from zi_evidence_whoosh.segments import build

                ix = _storage(folder).create_index(self._schema)
                build(ix, docs, self.rebuild_chunk_chars, self.rebuild_limitmb)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            self._generations.switch(folder)
            with self._lock:
                self._cached = None
            self._generations.prune(keep={folder} | ({previous} if previous else set()))

    # -- reading -------------------------------------------------------------------------------

    def stamps(self) -> dict[str, str]:
        def read(searcher: Searcher) -> dict[str, str]:
            return {f["key"]: f.get("stamp", "") for f in searcher.all_stored_fields()}

        return self._with_searcher(read, empty={})

    def fingerprint(self) -> str:
        folder = self._generations.current()
        if folder is None:
            return ""
        # any commit, merge, rebuild or damage changes a file's name, size or mtime
        stats = ((e.name, e.stat()) for e in os.scandir(folder) if e.is_file())
        files = sorted((name, info.st_size, info.st_mtime_ns) for name, info in stats)
        return f"{self.version}:{folder.name}:{hashlib.sha1(repr(files).encode()).hexdigest()[:16]}"

    def search(self, query: str, filters: Mapping[str, str], limit: int) -> tuple[list[BackendHit], int]:
        from zi_evidence_whoosh.querying import filter_query, without_absent_fields

        q = self._parsed(query)
        allow = filter_query(filters)

        def run(searcher: Searcher) -> tuple[list[BackendHit], int]:
            narrowed = without_absent_fields(q, searcher.reader())
            # Every match is scored and kept (limit=None): one pass gives the ranking and an exact total.
            # With a limit, Whoosh ranks with block skipping and counts in a second pass (which repeats a
            # phrase's whole position check and measured slower for words and prefixes too); its
            # single-pass count (optimize=False) miscounts ORs, 1,974 of 1,999 on the bench drive.
            # The test on totals guards this.
            results = searcher.search(narrowed, limit=None, filter=allow)
            top = results.top_n[: max(limit, 0)]
            hits = [BackendHit(key=searcher.stored_fields(docnum)["key"], score=float(score)) for score, docnum in top]
            return hits, len(results)

        nothing: tuple[list[BackendHit], int] = ([], 0)
        return self._with_searcher(run, empty=nothing)

    def page_matches(self, query: str, pages: Sequence[str], max_snippets: int) -> list[tuple[int, Snippet]]:
        if not query.strip() or max_snippets <= 0:
            return []  # nothing to locate on a page
        from zi_evidence_whoosh.pages import page_matches

        return page_matches(self._parsed(query), pages, max_snippets)

    def _parsed(self, query: str) -> Any:
        """The parsed query; the last few are kept, as every hit of one search asks again."""
        with self._lock:
            found = self._recent_queries.get(query)
        if found is None:
            from zi_evidence_whoosh.querying import parse_query

            found = parse_query(self._parser, query)
            with self._lock:
                if len(self._recent_queries) >= 32:
                    self._recent_queries.clear()
                self._recent_queries[query] = found
        return found

    def close(self) -> None:
        with self._lock:
            self._cached = None
            for searcher in self._open_searchers:
                searcher.close()
            self._open_searchers.clear()
            self._per_thread = threading.local()

    # -- internals -----------------------------------------------------------------------------

    def _current_or_none(self) -> Path | None:
        try:
            return self._generations.current()
        except IndexUnavailable:
            return None  # a broken pointer is exactly what a rebuild replaces

    def _open(self) -> FileIndex | None:
        """The live generation's index (cached while the pointer does not move), None if none yet."""
        folder = self._generations.current()
        with self._lock:
            if self._cached and self._cached[0] == folder:
                return self._cached[1]
        if folder is None:
            return None
        try:
            # Passing the schema skips unpickling the stored copy on every open.
            ix = _storage(folder).open_index(schema=self._schema)
        except Exception as exc:
            raise self._unavailable(exc) from exc
        with self._lock:
            self._cached = (folder, ix)
        return ix

    def _with_searcher(self, fn: Callable[[Searcher], T], empty: T) -> T:
        for attempt in (1, 2):
            ix = self._open()
            if ix is None:
                return empty
            try:
                return fn(self._current_searcher(ix))
            except ZiError:
                raise
            except Exception as exc:  # truncated or garbage files fail with struct, EOF, pickle, ... errors
                # Another process may have switched generations and pruned this one under us.
                if attempt == 1 and self._moved(ix):
                    continue
                raise self._unavailable(exc) from exc
        raise AssertionError("unreachable")

    def _current_searcher(self, ix: FileIndex) -> Searcher:
        """Reuse the open searcher while the index is unchanged; open a new one (never ``refresh()``, which
        keeps serving replaced documents in Whoosh-Reloaded 2.7.5) as soon as a commit changed it."""
        local = self._per_thread
        held: tuple[FileIndex, Searcher] | None = getattr(local, "held", None)
        if held is not None and held[0] is ix and held[1].up_to_date():
            return held[1]
        from zi_evidence_whoosh.scoring import RememberedLengthsBM25F

        searcher = ix.searcher(weighting=RememberedLengthsBM25F())
        with self._lock:
            if held is not None:
                held[1].close()  # only this thread ever used it
                self._open_searchers.discard(held[1])
            self._open_searchers.add(searcher)
        local.held = (ix, searcher)
        return searcher

    def _moved(self, ix: FileIndex) -> bool:
        with self._lock:
            cached = self._cached
        return cached is None or cached[1] is not ix or cached[0] != self._current_or_none()

    def _writer(self, ix: FileIndex, limitmb: int) -> SegmentWriter:
        """A writer, retrying while another process holds the lock; IndexUnavailable past the retries."""
        from whoosh.index import LockError

        from zi_evidence_whoosh.codec import SplitBlockCodec

        pause = 0.2
        for attempt in range(self.lock_attempts):
            try:
                return ix.writer(timeout=self.lock_timeout, delay=0.05, limitmb=limitmb, codec=SplitBlockCodec())
            except LockError:
                if attempt + 1 < self.lock_attempts:
                    time.sleep(pause)
                    pause = min(pause * 2, 5.0)
            except Exception as exc:
                raise self._unavailable(exc) from exc
        raise IndexUnavailable(
            f"Indeks pencarian di {self.index_dir} sedang dikunci oleh proses lain dan tetap terkunci "
            f"setelah {self.lock_attempts} kali mencoba. Tutup proses lain yang memakai indeks ini "
            "(mis. pemantau folder), atau bangun ulang indeks."
        )

    def _unavailable(self, exc: BaseException) -> IndexUnavailable:
        with self._lock:
            self._cached = None  # never keep serving a handle that just failed
        return IndexUnavailable(
            f"Indeks pencarian di {self.index_dir} rusak atau tidak dapat dibaca "
            f"({type(exc).__name__}: {exc}). Bangun ulang indeks; dokumen bukti tidak terpengaruh."
        )


def _storage(folder: Path) -> Any:
    """The folder's Whoosh storage, reading segments with plain file reads: Whoosh-Reloaded copies each
    memory-mapped segment whole into a BytesIO when it opens it (0.9 s and 0.9 GB at 10,000 files)."""
    from whoosh.filedb.filestore import FileStorage

    return FileStorage(str(folder), supports_mmap=False)


def _abandon(writer: SegmentWriter) -> None:
    """Cancel a writer and make sure its lock is released even if cancelling itself fails."""
    try:
        writer.cancel()
    except Exception:
        lock = getattr(writer, "writelock", None)
        if lock is not None and getattr(lock, "fd", None) is not None:
            try:
                lock.release()
            except Exception:
                pass
