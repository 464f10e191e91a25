"""The search page on the server: the PostgreSQL search plugin's page hits, limited to the units given,
grouped by file into the drive search page's shape (``web.filedata.search_page``), so the same template
shows them; each hit links to the file's page under the unit that filed it."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection, func, select

from zi_evidence.server.tables import pages

#: page hits asked of the engine: several pages of one file fold into one entry
PAGE_HITS = 60


def _engine(host: Any) -> Any:
    from zi_evidence.errors import ServerError

    engines = [b for b in host.search_backends().values() if hasattr(b, "server_search")]
    if not engines:
        raise ServerError("Tidak ada plugin pencarian server (zi_evidence_pgsearch). Pasang ulang zi-evidence.")
    return engines[0]


def search_page(db: Connection, query: str, filters: dict[str, str], unit_ids: list[int], host: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"query": query, "filters": filters, "limit": 20, "total": 0, "hits": [], "error": None}
    if not query.strip() or not unit_ids:
        return data
    year = filters.get("year", "")
    if year and not year.isdigit():
        data["error"] = f"Tahun '{year}' bukan angka tahun (mis. 2026)."
        return data
    if filters.get("area") or filters.get("kind"):  # the page shows the results still, with this said above them
        data["error"] = "Di server, saring dengan pertanyaan dan tahun; saringan area dan jenis berkas diabaikan."
    found = _engine(host).server_search(
        db, query, unit_ids, int(year) if year else None, filters.get("question") or None, PAGE_HITS
    )
    by_file: dict[str, dict[str, Any]] = {}
    for hit in found.hits:
        if not hit["files"]:
            continue
        first = hit["files"][0]
        entry = by_file.get(hit["sha256"])
        if entry is None:
            where = ", ".join(sorted({f["unit"] for f in hit["files"]}))
            entry = {
                "file_id": hit["sha256"],
                # a year asked for: the file's page of that year (without one, the unit's latest year)
                "href": f"/unit/{quote(first['unit'], safe='')}{'/' + year if year else ''}/berkas/{hit['sha256']}",
                "path": f"{first['unit']}: {first['path']}",
                "title": None,
                "question": first["question"],
                "mapping": None,
                "kind": f"unit {where}",
                "page_count": None,
                "score": hit["rank"],
                "best_page": hit["page"],
                "pages": [],
            }
            by_file[hit["sha256"]] = entry
        entry["pages"].append({"page": hit["page"], "ocr": False, "snippet": [[t, m] for t, m in hit["snippet"]]})
    data["hits"] = list(by_file.values())[: data["limit"]]
    data["total"] = len(by_file)
    data["matched_pages"], data["capped"] = found.matched, found.capped
    wanted = [h["file_id"] for h in data["hits"]]
    counts = select(pages.c.sha256, func.count()).where(pages.c.sha256.in_(wanted)).group_by(pages.c.sha256)
    found_counts: dict[str, int] = {sha: n for sha, n in db.execute(counts)}
    for hit in data["hits"]:
        hit["page_count"] = found_counts.get(hit["file_id"], 0)
    return data
