"""The PostgreSQL search backend: schema (generated tsvector columns with GIN indexes on ``pages``) and the
subtree/year/question-scoped ranked query with highlights."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from zi_evidence import IndexUnavailable

if TYPE_CHECKING:  # SQLAlchemy loads only on the server, never when a unit's command loads plugins
    from sqlalchemy import Connection, Engine

    from zi_evidence import FileType

START, STOP = "\x02", "\x03"  # highlight marks no extracted text contains (control characters are dropped)

_SCHEMA = (
    "ALTER TABLE pages ADD COLUMN IF NOT EXISTS tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('indonesian', body)) STORED",
    "ALTER TABLE pages ADD COLUMN IF NOT EXISTS tsv_exact tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED",
    "CREATE INDEX IF NOT EXISTS pages_tsv ON pages USING gin (tsv)",
    "CREATE INDEX IF NOT EXISTS pages_tsv_exact ON pages USING gin (tsv_exact)",
    # 2: both vectors kept in the page's row, not in TOAST: ranking and phrase checks read them for every
    # candidate, and a TOAST read costs an index lookup per value. Rows stored before stay where they are
    # until ``VACUUM FULL pages`` (docs/deployment.md).
    "ALTER TABLE pages ALTER COLUMN tsv SET STORAGE MAIN, ALTER COLUMN tsv_exact SET STORAGE MAIN, "
    "SET (toast_tuple_target = 4080)",
)  # append only: every statement is idempotent and runs at each start

# At most CANDIDATES matching pages in scope are ranked: ranking reads each page's vectors, so ranking
# every match of a common word ministry-wide takes seconds. A scope with fewer matches (a unit, or a
# rare phrase anywhere) is ranked exactly; above it the count says "more than CANDIDATES".
CANDIDATES = 1000
# Up to this many files in scope (a Kanwil's units), pages are read by file, not through the word index:
# measured at 200 units x 100 files, a Kanwil's 1,000 files took 66 ms by file and 405 ms by word (a
# phrase whose words are on most pages ministry-wide); even all 20,000 files by file took at most 370 ms.
SCOPED_FILES = 5000
# counted only up to the limit: a ministry's million files need not be counted to know the scope is large
_SCOPE_FILES = "SELECT count(*) FROM (SELECT 1 FROM unit_files f WHERE f.unit_id = ANY(:units) {filters} LIMIT :most) s"
_SEARCH = """
WITH q AS MATERIALIZED (
  SELECT websearch_to_tsquery('indonesian', :q) AS qi, websearch_to_tsquery('simple', :q) AS qs
),
candidates AS MATERIALIZED (
  SELECT p.sha256, p.page_no, ts_rank_cd(p.tsv, q.qi) + ts_rank_cd(p.tsv_exact, q.qs) AS rank
  FROM pages p, q
  WHERE (p.tsv @@ q.qi OR p.tsv_exact @@ q.qs)
    AND p.sha256 IN (SELECT f.sha256 FROM unit_files f WHERE f.unit_id = ANY(:units) {filters})
  LIMIT :candidates + 1
),
top AS (SELECT * FROM candidates ORDER BY rank DESC, sha256, page_no LIMIT :limit)
SELECT t.sha256, t.page_no, t.rank,
       ts_headline('indonesian', p.body, q.qi, 'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxFragments=2'),
       (SELECT json_agg(json_build_object('unit', u.code, 'year', f.year, 'path', f.path, 'question', f.question,
                                          'mime', f.mime)
                        ORDER BY u.code, f.year, f.path)
        FROM unit_files f JOIN units u ON u.id = f.unit_id
        WHERE f.sha256 = t.sha256 AND f.unit_id = ANY(:units) {filters}),
       (SELECT count(*) FROM candidates)
FROM top t JOIN pages p ON p.sha256 = t.sha256 AND p.page_no = t.page_no, q
ORDER BY t.rank DESC, t.sha256, t.page_no
"""


# a file's format as the drive names it (``FileRecord.format``): the extension its mime type stands for
# or, for a type not in that table, its name's own; ``image`` is any image/* type
_FORMAT = (
    " AND (lower(f.mime) = ANY(:type_mimes)"
    " OR (lower(f.mime) <> ALL(:typed_mimes) AND right(lower(f.path), length(:type_suffix)) = :type_suffix))"
)
_MIME_PREFIX = " AND starts_with(lower(f.mime), :mime_prefix)"


@dataclass(frozen=True)
class PageHits:
    hits: list[dict[str, Any]]
    matched: int  # pages in scope that match, counted up to the candidates ranked
    capped: bool  # more pages match than were ranked: the hits are the best of the first ones found


def segments(headline: str) -> list[tuple[str, bool]]:
    """``ts_headline`` output as (text, is_match) pieces, so a page renders (and escapes) them itself."""
    pieces: list[tuple[str, bool]] = []
    for part in headline.split(START):
        marked, _, rest = part.partition(STOP) if STOP in part else ("", "", part)
        if marked:
            pieces.append((marked, True))
        if rest:
            pieces.append((rest, False))
    return pieces


def _hit(row: Any) -> dict[str, Any]:
    files = row[4] or []
    first = files[0] if files else {}
    # where the page is filed first (unit, year, path): a page links to that year's file, never the latest
    return {
        "sha256": row[0], "page": row[1], "rank": float(row[2]), "snippet": segments(row[3]), "files": files,
        "unit": first.get("unit"), "year": first.get("year"), "path": first.get("path"),
    }  # fmt: skip


class PgSearchBackend:
    name: ClassVar[str] = "postgresql"
    version: ClassVar[str] = "1"
    # below the built-in engine: a unit's drive never picks this one, only the server asks for it by name
    priority: ClassVar[int] = -100

    def __init__(self, index_dir: Path) -> None:
        raise IndexUnavailable(
            "Mesin pencari PostgreSQL hanya dipakai 'zi-evidence server', bukan untuk satu folder data dukung."
        )

    @staticmethod
    def server_prepare(engine: Engine) -> None:
        """Add the search columns and indexes to the server's page table (idempotent)."""
        with engine.begin() as db:
            db.exec_driver_sql("SELECT pg_advisory_xact_lock(7316)")
            for statement in _SCHEMA:
                db.exec_driver_sql(statement)

    @staticmethod
    def server_search(
        db: Connection,
        query: str,
        unit_ids: list[int],
        year: int | None,
        question: str | None,
        limit: int,
        candidates: int = CANDIDATES,
        scoped_files: int = SCOPED_FILES,
        questions: Sequence[str] | None = None,
        file_type: FileType | None = None,
    ) -> PageHits:
        """Ranked page hits for ``query`` within the units, year and question given, and how many pages
        matched (counted up to ``candidates``). ``questions``: the file's question is one of these (an
        LKE area's); ``file_type``: its format. Both narrow the files before ranking, never after."""
        from sqlalchemy import text

        filters, params = "", {"q": query, "units": unit_ids, "limit": limit, "candidates": candidates}
        if year is not None:
            filters += " AND f.year = :year"
            params["year"] = year
        if question:
            filters += " AND f.question = :question"
            params["question"] = question
        if questions is not None:
            filters += " AND f.question = ANY(:questions)"
            params["questions"] = list(questions)
        if file_type is not None and file_type.mime_prefix:
            filters += _MIME_PREFIX
            params["mime_prefix"] = file_type.mime_prefix
        elif file_type is not None:
            filters += _FORMAT
            params.update(type_mimes=list(file_type.mimes), typed_mimes=list(file_type.typed),
                          type_suffix=file_type.suffix)  # fmt: skip
        counting = {**params, "most": scoped_files + 1}
        files = db.execute(text(_SCOPE_FILES.format(filters=filters)), counting).scalar_one()
        # a small scope is read page by page through the primary key (the GIN index, being bitmap-only, is
        # then off): fetching every match of a common word ministry-wide to keep a unit's few is slower
        before = db.exec_driver_sql("SHOW enable_bitmapscan").scalar_one()
        db.exec_driver_sql(
            "SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true), "
            "set_config('enable_bitmapscan', %(bitmap)s, true)",
            {"bitmap": "off" if files <= scoped_files else "on"},
        )  # jit off: compiling costs more than these queries take; work_mem: a common word's bitmap stays
        # exact (a lossy one rechecks every page of a block)
        try:
            rows = db.execute(text(_SEARCH.format(filters=filters)), params).all()
        finally:
            db.exec_driver_sql("SELECT set_config('enable_bitmapscan', %(was)s, true)", {"was": before})
        hits = [_hit(r) for r in rows]
        matched = int(rows[0][5]) if rows else 0
        return PageHits(hits, min(matched, candidates), matched > candidates)
