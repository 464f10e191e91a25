"""The catalog: one SQLite file in the state folder, the source of truth for every other stage.

All SQL of the project lives here. Extracted text is cached by (content hash, parser, parser
version), failures too, so an unchanged or merely moved file is never parsed twice.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from zi_evidence.parsing import ParsedDocument
from zi_evidence.problems import Problem
from zi_evidence.state import journal
from zi_evidence.state.marker import mark_state_folder
from zi_evidence.state.records import ChangeKey, FileRecord, StatKey, problems_to_json, record_from_row, stamp_of

SCHEMA_VERSION = 3
#: Between the pages of a file's text, wherever the text is read as one (index, checks, kinds).
PAGE_SEPARATOR = "\n"
#: Counts every write to the file rows and the text cache, whoever makes it: triggers keep it, not our code.
GENERATION_KEY = "files_generation"
#: The problem and page totals, with the generation they were counted at.
COUNTS_KEY = "counts"
_BUMP = (
    f"INSERT INTO meta VALUES ('{GENERATION_KEY}', '1') "
    "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
)
_GENERATION_TRIGGERS = {
    f"{table}_generation_{event.lower()}": (table, event)
    for table in ("files", "extracts")
    for event in ("INSERT", "UPDATE", "DELETE")
}
_GENERATION_SQL = "".join(
    f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {table} BEGIN {_BUMP}; END;\n"
    for name, (table, event) in _GENERATION_TRIGGERS.items()
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY,
    path BLOB NOT NULL UNIQUE,
    display TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    mime TEXT NOT NULL,
    parser TEXT,
    parser_version TEXT,
    status TEXT NOT NULL,
    problems TEXT NOT NULL DEFAULT '[]',
    target_id TEXT,
    mapping_status TEXT NOT NULL,
    mapping_reason TEXT NOT NULL,
    year TEXT NOT NULL DEFAULT '',
    kinds TEXT NOT NULL DEFAULT '',
    kinds_stale INTEGER NOT NULL DEFAULT 1,
    ctime_ns INTEGER NOT NULL DEFAULT 0,
    inode INTEGER NOT NULL DEFAULT 0,
    device INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS files_sha ON files (sha256);
CREATE INDEX IF NOT EXISTS files_target ON files (target_id);
CREATE TABLE IF NOT EXISTS extracts (
    sha256 TEXT NOT NULL,
    parser TEXT NOT NULL,
    parser_version TEXT NOT NULL,
    ok INTEGER NOT NULL,
    page_count INTEGER NOT NULL,
    metadata TEXT NOT NULL,
    problems TEXT NOT NULL,
    PRIMARY KEY (sha256, parser, parser_version)
);
CREATE TABLE IF NOT EXISTS pages (
    sha256 TEXT NOT NULL,
    parser TEXT NOT NULL,
    parser_version TEXT NOT NULL,
    page INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (sha256, parser, parser_version, page)
);
CREATE TABLE IF NOT EXISTS skipped (
    path BLOB PRIMARY KEY,
    display TEXT NOT NULL,
    problem TEXT NOT NULL
);
"""


_RECORD_SQL = """
SELECT f.id, f.path, f.display, f.size, f.mtime_ns, f.sha256, f.mime, f.parser, f.parser_version, f.status,
       f.problems, f.target_id, f.mapping_status, f.mapping_reason, f.year, f.kinds,
       COALESCE(e.page_count, 0), COALESCE(e.metadata, '{}'), COALESCE(e.problems, '[]')
FROM files f LEFT JOIN extracts e
  ON e.sha256 = f.sha256 AND e.parser = f.parser AND e.parser_version = f.parser_version
"""


def text_head(pages: Iterable[str], chars: int) -> str:
    """The first ``chars`` of the pages joined as ``text_of`` joins them, taking only the pages needed."""
    taken: list[str] = []
    size = 0
    for text in pages:
        taken.append(text)
        size += len(text) + len(PAGE_SEPARATOR)
        if size >= chars:
            break
    return PAGE_SEPARATOR.join(taken)[:chars]


class Catalog:
    """An open catalog; use as a context manager.

    ``journal_mode`` ``auto`` picks WAL (readers never wait for the writer) on local disks and the
    rollback journal (DELETE, full sync) where the state folder lies on SMB/NFS, on which WAL's
    shared memory does not work across machines.
    """

    def __init__(self, path: Path, journal_mode: str = "auto") -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        mark_state_folder(path.parent)
        self.path = path
        self.journal_reason = "ditentukan pemanggil"
        if journal_mode == "auto":
            journal_mode, self.journal_reason = journal.journal_choice(path.parent)
        self.db = sqlite3.connect(path, timeout=60, isolation_level=None)
        self.journal_mode = self.db.execute(f"PRAGMA journal_mode={journal_mode}").fetchone()[0]
        # WAL keeps the last commits safe with NORMAL; a rollback journal on a share needs FULL
        self.db.execute("PRAGMA synchronous=" + ("NORMAL" if self.journal_mode == "wal" else "FULL"))
        if self._version() != str(SCHEMA_VERSION):  # a reader of a current catalog never writes, so never waits
            self._migrate()
            self.db.executescript(_SCHEMA + _GENERATION_SQL)
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    def _version(self) -> str:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.OperationalError:  # no meta table yet: a new catalog
            return ""
        return row[0] if row else ""

    def _migrate(self) -> None:
        """A catalog of an older layout is upgraded in place when possible, else dropped and rebuilt."""
        has_meta = self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone()
        if not has_meta:
            return
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row and row[0] == str(SCHEMA_VERSION):
            return
        if row and row[0] == "2":  # v3 only adds the identity columns; zeros just cause one re-hash
            with self.transaction():
                for column in ("ctime_ns", "inode", "device"):
                    self.db.execute(f"ALTER TABLE files ADD COLUMN {column} INTEGER NOT NULL DEFAULT 0")
                self.db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
            return
        for (table,) in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            self.db.execute(f'DROP TABLE IF EXISTS "{table}"')

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def transaction(self) -> AbstractContextManager[None]:
        return journal.immediate_transaction(self.db)

    # -- files -------------------------------------------------------------------------------------
    def _select(self, where: str = "", params: tuple[Any, ...] = ()) -> list[FileRecord]:
        sql = _RECORD_SQL + (f" WHERE {where}" if where else "") + " ORDER BY f.display"
        return [record_from_row(row) for row in self.db.execute(sql, params)]

    def records(self) -> list[FileRecord]:
        """Every file, in display order."""
        return self._select()

    def stamps(self) -> dict[int, str]:
        """Every file's index stamp, from the few columns it depends on (no whole records)."""
        rows = self.db.execute("SELECT id, sha256, parser, parser_version, target_id, display, year, kinds FROM files")
        return {row[0]: stamp_of(*row[1:]) for row in rows}

    def records_of(self, ids: Iterable[int]) -> list[FileRecord]:
        wanted = sorted(set(ids))
        found: list[FileRecord] = []
        for start in range(0, len(wanted), 500):  # SQLite limits the number of bound parameters
            chunk = wanted[start : start + 500]
            found += self._select(f"f.id IN ({', '.join('?' for _ in chunk)})", tuple(chunk))
        return sorted(found, key=lambda r: r.display)

    def record(self, file_id: int) -> FileRecord | None:
        found = self._select("f.id = ?", (file_id,))
        return found[0] if found else None

    def records_of_target(self, target_id: str, offset: int = 0, limit: int = -1) -> list[FileRecord]:
        """The files mapped to one question, indicator or hasil component (indexed by ``files_target``);
        ``offset``/``limit`` give one page of them in display order (-1: all)."""
        sql = _RECORD_SQL + " WHERE f.target_id = ? ORDER BY f.display LIMIT ? OFFSET ?"
        return [record_from_row(row) for row in self.db.execute(sql, (target_id, limit, max(offset, 0)))]

    def displays_of_target(self, target_id: str) -> list[str]:
        """The display paths of the files mapped to ``target_id``, without reading whole rows."""
        rows = self.db.execute("SELECT display FROM files WHERE target_id = ? ORDER BY display", (target_id,))
        return [row[0] for row in rows]

    def record_by_path(self, path: bytes) -> FileRecord | None:
        found = self._select("f.path = ?", (path,))
        return found[0] if found else None

    def stat_keys(self) -> dict[bytes, StatKey]:
        """What tells an unchanged file, per path, at a fifth of the cost of whole rows."""
        rows = self.db.execute("SELECT path, size, mtime_ns, ctime_ns, status FROM files")
        return {path: StatKey(size, mtime, ctime, status) for path, size, mtime, ctime, status in rows}

    def change_keys(self) -> dict[bytes, ChangeKey]:
        rows = self.db.execute(
            "SELECT path, id, size, mtime_ns, ctime_ns, inode, device, sha256, status, mime, parser, parser_version "
            "FROM files"
        )
        return {row[0]: ChangeKey._make(row[1:]) for row in rows}

    def upsert_file(self, path: bytes, **fields: Any) -> int:
        fields = {k: (problems_to_json(v) if k == "problems" else v) for k, v in fields.items()}
        columns = ", ".join(fields)
        marks = ", ".join("?" for _ in fields)
        updates = ", ".join(f"{c} = excluded.{c}" for c in fields)
        row = self.db.execute(
            f"INSERT INTO files (path, {columns}) VALUES (?, {marks}) "
            f"ON CONFLICT(path) DO UPDATE SET {updates} RETURNING id",
            (path, *fields.values()),
        ).fetchone()
        return int(row[0])

    def update_file(self, file_id: int, **fields: Any) -> None:
        fields = {k: (problems_to_json(v) if k == "problems" else v) for k, v in fields.items()}
        assignments = ", ".join(f"{c} = ?" for c in fields)
        self.db.execute(f"UPDATE files SET {assignments} WHERE id = ?", (*fields.values(), file_id))

    def delete_files(self, ids: Iterable[int]) -> None:
        self.db.executemany("DELETE FROM files WHERE id = ?", ((i,) for i in ids))

    def kind_inputs(self, only_stale: bool, head_chars: int) -> Iterator[tuple[int, str, str]]:
        """``(id, display, text)`` of files whose kinds must be (re)detected, the text cut to its first
        ``head_chars`` (what detectors look at): reading whole texts for it cost ~1 s per 2,000 files."""
        where = "WHERE kinds_stale = 1" if only_stale else ""
        rows = self.db.execute(f"SELECT id, display, sha256, parser, parser_version FROM files {where}").fetchall()
        for file_id, shown, sha256, parser, version in rows:
            yield file_id, shown, self._text_head((sha256, parser, version), head_chars) if parser else ""

    def _text_head(self, key: tuple[str, str, str], chars: int) -> str:
        """``text_of(...)[:chars]``, reading only the pages it takes."""
        cursor = self.db.execute(
            "SELECT text FROM pages WHERE sha256 = ? AND parser = ? AND parser_version = ? ORDER BY page", key
        )
        try:
            return text_head((text for (text,) in cursor), chars)
        finally:
            cursor.close()

    def mappings(self) -> dict[int, tuple[str, str | None, str, str]]:
        rows = self.db.execute("SELECT id, display, target_id, mapping_status, mapping_reason FROM files")
        return {row[0]: (row[1], row[2], row[3], row[4]) for row in rows}

    def question_files(self) -> dict[str, list[tuple[str, str]]]:
        """Question id -> its mapped files as ``(display path, sha256)``; files mapped to an indicator only
        are left out, as in the findings: a reviewer cannot tell which answer they prove."""
        found: dict[str, list[tuple[str, str]]] = {}
        rows = self.db.execute("SELECT target_id, display, sha256 FROM files WHERE mapping_status = 'question'")
        for target, display, sha256 in rows:
            found.setdefault(target, []).append((display, sha256))
        return found

    # -- extracted text ----------------------------------------------------------------------------
    def has_extract(self, sha256: str, parser: str, version: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM extracts WHERE sha256 = ? AND parser = ? AND parser_version = ?", (sha256, parser, version)
        ).fetchone()
        return row is not None

    def store_extract(
        self, sha256: str, parser: str, version: str, document: ParsedDocument | None, problem: Problem | None
    ) -> None:
        key = (sha256, parser, version)
        self.db.execute("DELETE FROM pages WHERE sha256 = ? AND parser = ? AND parser_version = ?", key)
        if document is None:
            problems: tuple[Problem, ...] = (problem,) if problem else ()
            row = (*key, 0, 0, "{}", problems_to_json(problems))
        else:
            metadata = json.dumps(dict(document.metadata), ensure_ascii=False)
            row = (*key, 1, document.page_count, metadata, problems_to_json(document.problems))
            self.db.executemany(
                "INSERT INTO pages VALUES (?, ?, ?, ?, ?)",
                ((*key, number, text) for number, text in enumerate(document.pages, start=1)),
            )
        self.db.execute("INSERT OR REPLACE INTO extracts VALUES (?, ?, ?, ?, ?, ?, ?)", row)

    def extract_ok(self, sha256: str, parser: str, version: str) -> bool:
        row = self.db.execute(
            "SELECT ok FROM extracts WHERE sha256 = ? AND parser = ? AND parser_version = ?", (sha256, parser, version)
        ).fetchone()
        return bool(row and row[0])

    def page_texts(self, record: FileRecord) -> list[str]:
        rows = self.db.execute(
            "SELECT text FROM pages WHERE sha256 = ? AND parser = ? AND parser_version = ? ORDER BY page",
            (record.sha256, record.parser, record.parser_version),
        )
        return [row[0] for row in rows]

    def text_of(self, record: FileRecord) -> str:
        """The file's whole text, pages joined by ``PAGE_SEPARATOR``: the one way every stage reads it."""
        return PAGE_SEPARATOR.join(self.page_texts(record)) if record.parser else ""

    def collect_garbage(self) -> None:
        """Forget extracted text no catalogued file refers to any more.

        Orphans are found among the extracts (one row per content) and their pages deleted by key:
        checking every page row instead cost 0.9 s per run at 10,000 files.
        """
        orphans = self.db.execute(
            "SELECT sha256, parser, parser_version FROM extracts e WHERE NOT EXISTS (SELECT 1 FROM files f "
            "WHERE f.sha256 = e.sha256 AND f.parser = e.parser AND f.parser_version = e.parser_version)"
        ).fetchall()
        key = "sha256 = ? AND parser = ? AND parser_version = ?"
        self.db.executemany(f"DELETE FROM pages WHERE {key}", orphans)
        self.db.executemany(f"DELETE FROM extracts WHERE {key}", orphans)

    # -- skipped entries ---------------------------------------------------------------------------
    def replace_skipped(
        self, entries: Iterable[tuple[bytes, str, Problem]], scopes: Iterable[bytes] | None = None
    ) -> None:
        """Replace every skipped row, or (with ``scopes``) only those at or below these paths."""
        if scopes is None:
            self.db.execute("DELETE FROM skipped")
        for scope in scopes or ():
            # BLOB comparison is bytewise: '/' + 1 == '0' bounds everything below ``scope/``
            self.db.execute(
                "DELETE FROM skipped WHERE path = ? OR (path >= ? AND path < ?)", (scope, scope + b"/", scope + b"0")
            )
        self.db.executemany(
            "INSERT OR REPLACE INTO skipped VALUES (?, ?, ?)",
            ((path, shown, json.dumps(problem.__dict__, ensure_ascii=False)) for path, shown, problem in entries),
        )

    def skipped(self) -> list[tuple[str, Problem]]:
        rows = self.db.execute("SELECT display, problem FROM skipped ORDER BY display")
        return [(row[0], Problem(**json.loads(row[1]))) for row in rows]

    # -- bookkeeping -------------------------------------------------------------------------------
    def get_meta(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def generation(self) -> str | None:
        """Moves on every insert, update or delete of a file or extract row; None while its triggers are missing."""
        names = {row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        if not names >= _GENERATION_TRIGGERS.keys():
            return None
        return self.get_meta(GENERATION_KEY, "0")

    def track_generation(self) -> None:
        """Add the triggers to a catalog made before they existed; for the writer, as it changes the schema."""
        with self.transaction():
            for statement in _GENERATION_SQL.splitlines():
                self.db.execute(statement)

    def count_problems(self) -> int:
        """Files whose status is not ok or that carry a warning or error (notes such as "read by OCR" do not count)."""
        row = self.db.execute(
            "SELECT COUNT(*) FROM files f LEFT JOIN extracts e ON e.sha256 = f.sha256 AND e.parser = f.parser "
            "AND e.parser_version = f.parser_version "
            # most rows have no problem at all: compare the text before parsing any JSON
            "WHERE f.status != 'ok' OR (f.problems != '[]' AND EXISTS (SELECT 1 FROM json_each(f.problems) p "
            "  WHERE json_extract(p.value, '$.severity') != 'info')) "
            "OR (COALESCE(e.problems, '[]') != '[]' AND EXISTS (SELECT 1 FROM json_each(e.problems) p "
            "  WHERE json_extract(p.value, '$.severity') != 'info'))"
        ).fetchone()
        return int(row[0])

    def counts(self) -> tuple[int, int]:
        """``(count_problems(), count_pages())``, counted again only when a file or extract row changed."""
        generation = self.generation()
        try:
            counted, problems, pages = json.loads(self.get_meta(COUNTS_KEY) or "[]")
        except (ValueError, TypeError):  # absent or damaged: counted afresh
            counted = None
        if generation is None or counted != generation:
            problems, pages = self.count_problems(), self.count_pages()
            if generation is not None:  # a write: for the index run, which holds the writer lock
                self.set_meta(COUNTS_KEY, json.dumps([generation, problems, pages]))
        return int(problems), int(pages)

    def count_pages(self) -> int:
        row = self.db.execute(
            "SELECT COALESCE(SUM(e.page_count), 0) FROM files f JOIN extracts e ON e.sha256 = f.sha256 "
            "AND e.parser = f.parser AND e.parser_version = f.parser_version"
        ).fetchone()
        return int(row[0])
