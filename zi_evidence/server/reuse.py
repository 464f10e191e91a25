"""Reuse across units and years, as reviewer findings: the same file (hash) filed as evidence by several
units, a file filed again in a later year, and near-same text (the same words under different bytes,
such as one SK re-scanned or re-saved by another unit)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text


@dataclass(frozen=True)
class ReuseFinding:
    code: str  # reuse_same_file | reuse_last_year | reuse_near_text | reuse_similar_text
    severity: str
    message: str
    sha256: tuple[str, ...]
    uses: tuple[tuple[str, int, str, str | None], ...]  # (unit code, year, path, question) in scope
    outside: int  # uses by units outside the reader's scope: counted, not named
    similarity: float | None = None  # reuse_similar_text: the estimated share of word triples in common

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.__dict__,
            "uses": [dict(zip(("unit", "year", "path", "question"), u, strict=True)) for u in self.uses],
        }


# files whose normalised text is the same (see ``ingest.text_digest``), long enough to mean something
_NEAR = """
SELECT d.digest, array_agg(DISTINCT d.sha256) FROM text_digests d
JOIN unit_files f ON f.sha256 = d.sha256 AND f.mapping = 'question'
WHERE d.chars >= 200
GROUP BY d.digest HAVING count(DISTINCT d.sha256) > 1
"""


# pairs of files found alike at push (see ``similar``) whose normalised texts differ (equal ones are
# reuse_near_text already), both filed as evidence
_SIMILAR = """
SELECT s.sha_a, s.sha_b, s.similarity FROM similar_texts s
LEFT JOIN text_digests da ON da.sha256 = s.sha_a LEFT JOIN text_digests db ON db.sha256 = s.sha_b
WHERE NOT coalesce(da.digest = db.digest, false)
  AND EXISTS (SELECT 1 FROM unit_files f WHERE f.sha256 = s.sha_a AND f.mapping = 'question')
  AND EXISTS (SELECT 1 FROM unit_files f WHERE f.sha256 = s.sha_b AND f.mapping = 'question')
ORDER BY s.similarity DESC, s.sha_a, s.sha_b
"""


def _uses(db: Connection, hashes: Iterable[str]) -> list[tuple[int, str, int, str, str | None, str]]:
    rows = db.execute(
        text(
            "SELECT f.unit_id, u.code, f.year, f.path, f.question, f.sha256 FROM unit_files f "
            "JOIN units u ON u.id = f.unit_id WHERE f.sha256 = ANY(:h) AND f.mapping = 'question' "
            "ORDER BY u.code, f.year, f.path"
        ),
        {"h": list(hashes)},
    )
    return [tuple(r) for r in rows]  # type: ignore[misc]


def _finding(code: str, message: str, hashes: list[str], uses: list[Any], scope: set[int]) -> ReuseFinding | None:
    inside = [u for u in uses if u[0] in scope]
    if not inside:
        return None
    return ReuseFinding(
        code, "warning", message, tuple(sorted(hashes)), tuple((u[1], u[2], u[3], u[4]) for u in inside),
        len({(u[0], u[2]) for u in uses if u[0] not in scope}),
    )  # fmt: skip


def findings(db: Connection, scope: set[int]) -> list[ReuseFinding]:
    found: list[ReuseFinding | None] = []
    shared = db.execute(
        text(
            "SELECT sha256 FROM unit_files WHERE mapping = 'question' GROUP BY sha256 "
            "HAVING count(DISTINCT unit_id) > 1 OR count(DISTINCT year) > 1"
        )
    )
    for (sha,) in shared:
        uses = _uses(db, [sha])
        if len({u[0] for u in uses}) > 1:
            message = f"Berkas yang sama persis dipakai sebagai data dukung oleh {len({u[0] for u in uses})} unit."
            found.append(_finding("reuse_same_file", message, [sha], uses, scope))
        if len({u[2] for u in uses}) > 1:
            years = sorted({u[2] for u in uses})
            message = f"Berkas yang sama dipakai lagi pada tahun {', '.join(map(str, years))}: data dukung tahun lalu?"
            found.append(_finding("reuse_last_year", message, [sha], uses, scope))
    for _, hashes in db.execute(text(_NEAR)):
        uses = _uses(db, hashes)
        message = f"{len(hashes)} berkas berbeda berisi teks yang sama: salinan dipindai atau disimpan ulang?"
        found.append(_finding("reuse_near_text", message, list(hashes), uses, scope))
    for sha_a, sha_b, alike in db.execute(text(_SIMILAR)):
        found.append(_similar(_uses(db, [sha_a]), _uses(db, [sha_b]), float(alike), scope))
    return [f for f in found if f is not None]


def _similar(first: list[Any], second: list[Any], alike: float, scope: set[int]) -> ReuseFinding | None:
    """One pair of alike files, told from the side the reader may see (the other named only when in
    reach too)."""
    mine = [u for u in first if u[0] in scope]
    if not mine:
        first, second = second, first
        mine = [u for u in first if u[0] in scope]
    if not mine:
        return None
    theirs = [u for u in second if u[0] in scope]
    here = f"{mine[0][3]} ({mine[0][1]}, {mine[0][2]})"
    if theirs:
        there = f"{theirs[0][3]} ({theirs[0][1]}, {theirs[0][2]})"
    else:
        there = "berkas unit lain di luar wewenang Anda"
    message = (
        f"Teks {here} {round(100 * alike)} % sama dengan {there}: salinan dokumen lain dengan nama, nomor "
        "atau tanggal diganti? Periksa apakah isinya memang milik unit ini."
    )
    uses = [*mine, *theirs]
    hashes = sorted({u[5] for u in (*first, *second)})
    outside = len({(u[0], u[2]) for u in (*first, *second) if u[0] not in scope})
    return ReuseFinding(
        "reuse_similar_text", "warning", message, tuple(hashes), tuple((u[1], u[2], u[3], u[4]) for u in uses),
        outside, round(alike, 2),
    )  # fmt: skip
