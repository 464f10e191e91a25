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


def search_page(
    db: Connection, query: str, filters: dict[str, str], unit_ids: list[int], host: Any, rulesets: Any
) -> dict[str, Any]:
    from zi_evidence.errors import ServerError
    from zi_evidence.redact import mask_segments
    from zi_evidence.server.search_filters import resolve
    from zi_evidence.state.records import format_name

    data: dict[str, Any] = {"query": query, "filters": filters, "limit": 20, "total": 0, "hits": [], "error": None}
    if not query.strip() or not unit_ids:
        return data
    try:
        chosen = resolve(db, filters, unit_ids, host, rulesets)
    except ServerError as exc:  # said above the form, as the drive's page says a query it cannot read
        data["error"] = str(exc)
        return data
    found = _engine(host).server_search(
        db, query, unit_ids, chosen.year, chosen.question, PAGE_HITS,
        questions=chosen.questions, file_type=chosen.file_type,
    )  # fmt: skip
    by_file: dict[str, dict[str, Any]] = {}
    for hit in found.hits:
        if not hit["files"]:
            continue
        first = hit["files"][0]
        entry = by_file.get(hit["sha256"])
        if entry is None:
            where = ", ".join(sorted({f"{f['unit']} {f['year']}" for f in hit["files"]}))
            entry = {
                "file_id": hit["sha256"],
                # the file's page in the year it was filed (the unit's latest year may not hold it)
                "href": f"/unit/{quote(first['unit'], safe='')}/{int(first['year'])}/berkas/{hit['sha256']}",
                "path": f"{first['unit']} {first['year']}: {first['path']}",
                "title": None,
                "question": first["question"],
                "mapping": None,
                "kind": f"{format_name(first.get('mime') or '', first['path'])} · unit {where}",
                "page_count": None,
                "score": hit["rank"],
                "best_page": hit["page"],
                "pages": [],
            }
            by_file[hit["sha256"]] = entry
        snippet = mask_segments(host, hit["snippet"])  # citizens' numbers: the last four only
        entry["pages"].append({"page": hit["page"], "ocr": False, "snippet": snippet})
    data["hits"] = list(by_file.values())[: data["limit"]]
    data["total"] = len(by_file)
    data["matched_pages"], data["capped"] = found.matched, found.capped
    wanted = [h["file_id"] for h in data["hits"]]
    counts = select(pages.c.sha256, func.count()).where(pages.c.sha256.in_(wanted)).group_by(pages.c.sha256)
    found_counts: dict[str, int] = {sha: n for sha, n in db.execute(counts)}
    for hit in data["hits"]:
        hit["page_count"] = found_counts.get(hit["file_id"], 0)
    return data
