"""The PostgreSQL search backend: schema (generated tsvector columns with GIN indexes on ``pages``) and the
subtree/year/question-scoped ranked query with highlights."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from zi_evidence import IndexUnavailable

if TYPE_CHECKING:  # SQLAlchemy loads only on the server, never when a unit's command loads plugins
    from sqlalchemy import Connection, Engine

START, STOP = "\x02", "\x03"  # highlight marks no extracted text contains (control characters are dropped)

_SCHEMA = (
    "ALTER TABLE pages ADD COLUMN IF NOT EXISTS tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('indonesian', body)) STORED",
    "ALTER TABLE pages ADD COLUMN IF NOT EXISTS tsv_exact tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED",
    "CREATE INDEX IF NOT EXISTS pages_tsv ON pages USING gin (tsv)",
    "CREATE INDEX IF NOT EXISTS pages_tsv_exact ON pages USING gin (tsv_exact)",
)

_SEARCH = """
WITH q AS (SELECT websearch_to_tsquery('indonesian', :q) AS qi, websearch_to_tsquery('simple', :q) AS qs),
scope AS (
  SELECT f.sha256, u.code, f.year, f.path, f.question FROM unit_files f JOIN units u ON u.id = f.unit_id
  WHERE f.unit_id = ANY(:units) {filters}
),
hits AS (
  SELECT p.sha256, p.page_no, p.body, ts_rank_cd(p.tsv, q.qi) + ts_rank_cd(p.tsv_exact, q.qs) AS rank
  FROM pages p, q
  WHERE (p.tsv @@ q.qi OR p.tsv_exact @@ q.qs) AND p.sha256 IN (SELECT sha256 FROM scope)
  ORDER BY rank DESC, p.sha256, p.page_no
  LIMIT :limit
)
SELECT h.sha256, h.page_no, h.rank,
       ts_headline('indonesian', h.body, q.qi, 'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxFragments=2'),
       (SELECT json_agg(json_build_object('unit', s.code, 'year', s.year, 'path', s.path, 'question', s.question)
                        ORDER BY s.code, s.year, s.path)
        FROM scope s WHERE s.sha256 = h.sha256)
FROM hits h, q
ORDER BY h.rank DESC, h.sha256, h.page_no
"""


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
        db: Connection, query: str, unit_ids: list[int], year: int | None, question: str | None, limit: int
    ) -> list[dict[str, Any]]:
        """Ranked page hits for ``query`` within the units, year and question given."""
        from sqlalchemy import text

        filters, params = "", {"q": query, "units": unit_ids, "limit": limit}
        if year is not None:
            filters += " AND f.year = :year"
            params["year"] = year
        if question:
            filters += " AND f.question = :question"
            params["question"] = question
        rows = db.execute(text(_SEARCH.format(filters=filters)), params)
        return [
            {"sha256": r[0], "page": r[1], "rank": float(r[2]), "snippet": segments(r[3]), "files": r[4] or []}
            for r in rows
        ]
