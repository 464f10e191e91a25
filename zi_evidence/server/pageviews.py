"""The readiness pages' data as the drive computes them, carried in the snapshot (format 2).

Why pushed and not recomputed on the server: the scores, the gap plan and each file's status, kinds and
document date come from the answers file, the document texts and every validator plugin the unit ran;
the page functions (``web.data``) already return them as plain JSON for the pages' JSON twins. Pushing
that JSON gives the reviewer exactly what the unit saw at push time, with the same library, and the
server needs neither the answers file nor the unit's plugins to show it.

A file is named by its SHA-256 here (the drive's catalog ids mean nothing on the server); the server
looks each path up again in the unit's manifest before it links anything.
"""

from __future__ import annotations

from typing import Any

DASHBOARD = "dashboard"
LKE = "lke"
QUESTION = "question:"
DAILY = ("today", "deadline")


def _without_ids(found: dict[str, Any], hashes: dict[int, str]) -> dict[str, Any]:
    files = [{**f, "id": hashes.get(f["id"])} for f in found["files"]]
    findings = [{**f, "file_id": None} for f in found["findings"]]
    return {**found, "files": files, "findings": findings}


def page_views(site: Any) -> dict[str, Any]:
    """Beranda, the unfiltered LKE table and every question's page (all its files, no review chain)."""
    from zi_evidence.web import data

    readiness = site.readiness()
    # the day and the countdown are the server's to show: without them a push tomorrow of the same state
    # has the same digest and changes nothing
    dashboard = {k: v for k, v in data.dashboard(readiness, site.repo.ruleset).items() if k not in DAILY}
    views: dict[str, Any] = {
        DASHBOARD: dashboard,
        LKE: data.lke(readiness),
    }
    with site.repo.catalog() as catalog:
        hashes = {r.id: r.sha256 for r in catalog.records()}
    for row in readiness.questions:
        first = data.question(site, row.id, 1)
        if first is None:
            continue
        files = list(first["files"])
        for page in range(2, first["files_paging"]["pages"] + 1):
            more = data.question(site, row.id, page)
            files += more["files"] if more else []
        views[QUESTION + row.id] = _without_ids({**first, "files": files}, hashes)
    return views
