"""Per-file results of file checks, cached by content in the state folder (``check-results.sqlite``).

A row holds what one check found in one text: keyed by the check's name and the text's identity
(content hash, parser, parser version), valid only for the version it was computed with. It is a
cache and nothing more: a file of its own (the catalog and its generation stay untouched; a reader of
the catalog never waits for it), written in one transaction per build, and a damaged or unreadable
one is set aside and rebuilt. Only the state folder ever holds it.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Mapping
from pathlib import Path

from zi_evidence.state import journal

RESULTS_NAME = "check-results.sqlite"
#: Raised with the layout below; any other value means an older layout: the cache starts empty.
LAYOUT_VERSION = 1
#: (content hash, parser, parser version): what a file's extracted text depends on.
TextKey = tuple[str, str, str]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    check_name TEXT NOT NULL,
    version TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    parser TEXT NOT NULL,
    parser_version TEXT NOT NULL,
    result TEXT NOT NULL,
    PRIMARY KEY (check_name, sha256, parser, parser_version)
);
"""


class ResultCache:
    """An open result cache; use as a context manager. Raises ``sqlite3.Error`` as SQLite does."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
        try:
            mode, _ = journal.journal_choice(path.parent)
            self.db.execute(f"PRAGMA journal_mode={mode}")
            self.db.execute("PRAGMA synchronous=NORMAL")
            if self.db.execute("PRAGMA user_version").fetchone()[0] != LAYOUT_VERSION:
                self._create()
        except BaseException:
            self.db.close()
            raise

    def _create(self) -> None:
        with self.transaction():
            self.db.execute("DROP TABLE IF EXISTS results")
            self.db.execute(_SCHEMA)
            self.db.execute(f"PRAGMA user_version = {LAYOUT_VERSION}")

    def __enter__(self) -> ResultCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.close()

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        return journal.immediate_transaction(self.db)

    def load(self, check: str, version: str) -> dict[TextKey, str]:
        """Every result of ``check`` computed by this ``version``, as stored (JSON text)."""
        rows = self.db.execute(
            "SELECT sha256, parser, parser_version, result FROM results WHERE check_name = ? AND version = ?",
            (check, version),
        )
        return {(sha, parser, parser_version): result for sha, parser, parser_version, result in rows}

    def keys(self, check: str) -> set[TextKey]:
        rows = self.db.execute("SELECT sha256, parser, parser_version FROM results WHERE check_name = ?", (check,))
        return {(sha, parser, parser_version) for sha, parser, parser_version in rows}

    def update(self, check: str, version: str, new: Mapping[TextKey, str], keep: set[TextKey]) -> None:
        """Store ``new`` and forget the rows of ``check`` for texts not in ``keep`` (files gone or changed)."""
        gone = self.keys(check) - keep - new.keys()
        if not new and not gone:
            return  # nothing to write: a build over unchanged files never takes the write lock
        with self.transaction():
            self.db.executemany(
                "DELETE FROM results WHERE check_name = ? AND sha256 = ? AND parser = ? AND parser_version = ?",
                ((check, *key) for key in gone),
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?)",
                ((check, version, *key, result) for key, result in new.items()),
            )

    def count(self, check: str | None = None) -> int:
        if check is None:
            return int(self.db.execute("SELECT COUNT(*) FROM results").fetchone()[0])
        return int(self.db.execute("SELECT COUNT(*) FROM results WHERE check_name = ?", (check,)).fetchone()[0])


def discard(path: Path) -> None:
    """Remove a damaged cache (and its journal files): the next build computes everything again."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


class TolerantCache:
    """The result cache, or nothing: every failure of the cache means computing, never failing the build."""

    def __init__(self, cache: ResultCache | None) -> None:
        self.cache = cache

    def load(self, name: str, version: str) -> dict[TextKey, str]:
        if self.cache is None:
            return {}
        try:
            return self.cache.load(name, version)
        except sqlite3.Error:
            self._drop()
            return {}

    def update(self, name: str, version: str, new: dict[TextKey, str], seen: set[TextKey]) -> None:
        if self.cache is None:
            return
        try:
            self.cache.update(name, version, new, seen)
        except sqlite3.Error:  # locked for too long, read-only, full disk: kept next time instead
            self._drop()

    def _drop(self) -> None:
        """Go on without the cache; remove it only when SQLite says it is damaged."""
        assert self.cache is not None
        path = self.cache.path
        with contextlib.suppress(sqlite3.Error):
            self.cache.db.close()
        self.cache = None
        if not _healthy(path):
            discard(path)


def _healthy(path: Path) -> bool:
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=1)) as db:
            return db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.OperationalError:  # locked or unreadable: not ours to remove
        return True
    except sqlite3.DatabaseError:
        return False


@contextlib.contextmanager
def results_cache(path: Path | None) -> Iterator[TolerantCache]:
    """The result cache at ``path`` for one build (None: none), whose failures never fail the build."""
    cache = TolerantCache(_open(path) if path is not None else None)
    try:
        yield cache
    finally:
        if cache.cache is not None:
            cache.cache.db.close()


def _open(path: Path) -> ResultCache | None:
    try:
        return ResultCache(path)
    except sqlite3.OperationalError:  # locked, read-only folder, no such folder: run without it
        return None
    except sqlite3.DatabaseError:  # not a database any more: set aside, start afresh
        discard(path)
    try:
        return ResultCache(path)
    except sqlite3.Error:
        return None
