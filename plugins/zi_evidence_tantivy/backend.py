"""The tantivy implementation of ``zi_evidence.search.backend.SearchBackend``.

Queries are parsed by the core's parser (``zi_evidence.search.parse``, the one query language) and
the core's page matcher finds the pages and snippets, so only the document search runs in tantivy and
a tantivy search imports no Whoosh module. Each rebuild writes a fresh
generation folder and switches a pointer to it (the Whoosh plugin's ``Generations``), under
``<index_dir>/tantivy-v<version>``: the engines never share files, and switching engines starts from an
empty index, which the core fills from the catalog without parsing a file again. So does a new
``version``: the folder of an older one is removed once the new index is built.

Each generation folder also holds its list of frequent terms (``common``), chosen by the rebuild
that made it and used unchanged by its updates and queries.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

from zi_evidence import BackendHit, IndexDoc, IndexUnavailable, QueryError, Snippet, ZiError
from zi_evidence import QueryNode as Node
from zi_evidence_whoosh.generations import Generations


class TantivyBackend:
    """Full-text search over one tantivy index per generation folder."""

    name: ClassVar[str] = "tantivy"
    #: Bump when the schema or the stored terms change (2: text_pairs; 3: pairs of frequent terms only).
    version: ClassVar[str] = "3"
    #: Above Whoosh (0): with both installed and no engine named in zi-evidence.yaml, tantivy is used.
    priority: ClassVar[int] = 10
    lock_attempts: ClassVar[int] = 8
    update_heap: ClassVar[int] = 32_000_000
    rebuild_heap: ClassVar[int] = 128_000_000

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        self._generations = Generations(self.index_dir / f"tantivy-v{self.version}")
        self._lock = threading.Lock()
        self._cached: tuple[Path, Any, Any, frozenset[str]] | None = None  # (folder, index, schema, common)
        self._seen: str = ""  # the folder's fingerprint when the cached index last reloaded
        self._recent: dict[str, Node] = {}

    # -- writing -------------------------------------------------------------------------------

    def update(self, docs: Iterable[IndexDoc], remove_keys: Iterable[str]) -> None:
        from zi_evidence_tantivy.fields import document

        held = self._with_searcher(lambda searcher, *_: searcher.num_docs, empty=0)
        opened = self._open()
        if not held or opened is None:
            self.rebuild(docs)  # nothing to keep or remove: the list of frequent terms is chosen from these
            return
        index, common = opened[1], opened[3]
        batch = [document(doc, common) for doc in docs]  # drained before the writer's lock is taken
        keys = [doc.get_first("key") for doc in batch] + list(remove_keys)
        writer = self._writer(index, self.update_heap, 1)
        try:
            for key in keys:
                writer.delete_documents_by_term("key", key)
            for made in batch:
                writer.add_document(made)
            writer.commit()
            writer.wait_merging_threads()
        except ZiError:
            raise
        except Exception as exc:
            _abandon(writer)
            raise self._unavailable(exc) from exc

    def rebuild(self, docs: Iterable[IndexDoc]) -> None:
        import tantivy

        from zi_evidence_tantivy import common
        from zi_evidence_tantivy.fields import build_schema, made
        from zi_evidence_tantivy.parallel import analyse_all

        with self._generations.rebuild_lock():
            previous = self._current_or_none()
            folder = self._generations.new_folder()
            try:
                # the list is chosen and any analysis workers forked now, before the writer's threads
                ranked, stream = analyse_all(docs)
                common.write(folder, ranked)
                index = tantivy.Index(build_schema(), path=str(folder))
                writer = self._writer(index, self.rebuild_heap, min(os.cpu_count() or 1, 2))
                for fields in stream:
                    writer.add_document(made(tantivy, fields))
                writer.commit()
                writer.wait_merging_threads()
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            self._generations.switch(folder)
            with self._lock:
                self._cached = None
            self._generations.prune(keep={folder} | ({previous} if previous else set()))
            self._drop_other_versions()

    # -- reading -------------------------------------------------------------------------------

    def stamps(self) -> dict[str, str]:
        def read(searcher: Any, tantivy: Any, schema: Any, common: frozenset[str]) -> dict[str, str]:
            total = searcher.num_docs
            if not total:
                return {}
            found = searcher.search(tantivy.Query.all_query(), limit=total, count=False).hits
            docs = (searcher.doc(address) for _, address in found)
            return {doc.get_first("key"): doc.get_first("stamp") or "" for doc in docs}

        return self._with_searcher(read, empty={})

    def fingerprint(self) -> str:
        folder = self._generations.current()
        if folder is None:
            return ""
        return f"{self.name}-{self.version}:{folder.name}:{_files_digest(folder)}"

    def search(self, query: str, filters: Mapping[str, str], limit: int) -> tuple[list[BackendHit], int]:
        from zi_evidence import plain_filters
        from zi_evidence_tantivy.translate import Translator

        tree = self._parsed(query)
        allow = plain_filters(filters)

        def run(searcher: Any, tantivy: Any, schema: Any, common: frozenset[str]) -> tuple[list[BackendHit], int]:
            translate = Translator(tantivy, schema, searcher, common)
            q = translate.query(tree)
            if allow:
                Q, Occur = tantivy.Query, tantivy.Occur
                musts = [(Occur.Must, q)] + [(Occur.Must, Q.term_query(schema, t.field, t.text)) for t in allow]
                q = Q.boolean_query(musts)
            result = searcher.search(q, limit=max(limit, 1), count=True)
            hits = [
                BackendHit(key=searcher.doc(address).get_first("key"), score=float(score))
                for score, address in result.hits[: max(limit, 0)]
            ]
            return hits, int(result.count or 0)

        nothing: tuple[list[BackendHit], int] = ([], 0)
        return self._with_searcher(run, empty=nothing)

    def page_matches(self, query: str, pages: Sequence[str], max_snippets: int) -> list[tuple[int, Snippet]]:
        if not query.strip() or max_snippets <= 0:
            return []
        from zi_evidence import page_matches

        return page_matches(self._parsed(query), pages, max_snippets)

    def _parsed(self, query: str) -> Node:
        """The query's plain tree; the last few are kept."""
        with self._lock:
            found = self._recent.get(query)
        if found is None:
            from zi_evidence import parse_query

            found = parse_query(query)
            with self._lock:
                if len(self._recent) >= 32:
                    self._recent.clear()
                self._recent[query] = found
        return found

    def close(self) -> None:
        with self._lock:
            self._cached = None

    # -- internals -----------------------------------------------------------------------------

    def _current_or_none(self) -> Path | None:
        try:
            return self._generations.current()
        except IndexUnavailable:
            return None

    def _open(self) -> tuple[Path, Any, Any, frozenset[str]] | None:
        """The live generation's (folder, index, schema, common terms), reloaded when another writer committed."""
        folder = self._generations.current()
        if folder is None:
            return None  # no index yet: nothing to load tantivy for
        digest = _files_digest(folder)
        with self._lock:
            cached = self._cached
            if cached and cached[0] == folder:
                if digest != self._seen:
                    cached[1].reload()
                    self._seen = digest
                return cached
        import tantivy

        from zi_evidence_tantivy import common

        listed = common.read(folder)
        try:
            index = tantivy.Index.open(str(folder))
        except Exception as exc:
            raise self._unavailable(exc) from exc
        opened = (folder, index, index.schema, listed)
        with self._lock:
            self._cached, self._seen = opened, digest
        return opened

    def _with_searcher(self, fn: Any, empty: Any) -> Any:
        for attempt in (1, 2):
            opened = self._open()
            if opened is None:
                return empty
            import tantivy

            try:
                return fn(opened[1].searcher(), tantivy, opened[2], opened[3])
            except (ZiError, QueryError):
                raise
            except Exception as exc:
                if attempt == 1 and self._current_or_none() != opened[0]:
                    continue  # another process switched generations under us
                raise self._unavailable(exc) from exc
        raise AssertionError("unreachable")

    def _drop_other_versions(self) -> None:
        """Remove the folders of other versions of this index (call under the rebuild lock, once built)."""
        own = self._generations.root.name
        for folder in self.index_dir.glob("tantivy-v*"):
            if folder.name != own and folder.is_dir():
                shutil.rmtree(folder, ignore_errors=True)

    def _writer(self, index: Any, heap: int, threads: int) -> Any:
        """A writer, retrying while another process holds tantivy's writer lock."""
        pause = 0.2
        for attempt in range(self.lock_attempts):
            try:
                return index.writer(heap, threads)
            except ValueError as exc:
                if "lock" not in str(exc).lower():
                    raise self._unavailable(exc) from exc
                if attempt + 1 < self.lock_attempts:
                    time.sleep(pause)
                    pause = min(pause * 2, 5.0)
        raise IndexUnavailable(
            f"Indeks pencarian di {self.index_dir} sedang dikunci oleh proses lain dan tetap terkunci "
            f"setelah {self.lock_attempts} kali mencoba. Tutup proses lain yang memakai indeks ini "
            "(mis. pemantau folder), atau bangun ulang indeks."
        )

    def _unavailable(self, exc: BaseException) -> IndexUnavailable:
        with self._lock:
            self._cached = None
        return IndexUnavailable(
            f"Indeks pencarian di {self.index_dir} rusak atau tidak dapat dibaca "
            f"({type(exc).__name__}: {exc}). Bangun ulang indeks; dokumen bukti tidak terpengaruh."
        )


def _files_digest(folder: Path) -> str:
    # any commit or merge writes meta.json and segment files anew
    stats = ((e.name, e.stat()) for e in os.scandir(folder) if e.is_file() and not e.name.endswith(".lock"))
    files = sorted((name, info.st_size, info.st_mtime_ns) for name, info in stats)
    return hashlib.sha1(repr(files).encode()).hexdigest()[:16]


def _abandon(writer: Any) -> None:
    try:
        writer.rollback()
    except Exception:  # noqa: BLE001 - the writer is dropped either way; its lock goes with it
        pass
