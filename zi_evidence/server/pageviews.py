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
FILE = "file:"
UNMAPPED = "unmapped"
PROBLEMS = "problems"
DAILY = ("today", "deadline")
#: where the server keeps the snapshot's ``readiness`` beside the pages (no page of the unit has this name)
READINESS = "@readiness"


def _without_ids(found: dict[str, Any], hashes: dict[int, str]) -> dict[str, Any]:
    files = [{**f, "id": hashes.get(f["id"])} for f in found["files"]]
    findings = [{**f, "file_id": None} for f in found["findings"]]
    return {**found, "files": files, "findings": findings}


def _by_path(found: dict[str, Any], key: str, id_key: str) -> dict[str, Any]:
    """A listing's rows without the drive's catalog ids: the server finds each path in the manifest."""
    return {**found, key: [{**row, id_key: None} for row in found[key]]}


def _file_view(record: Any, labels: dict[str, str], found: Any) -> dict[str, Any]:
    """What the file page shows beside the manifest, the page texts and the findings."""
    from zi_evidence.parsing import machine_read_pages
    from zi_evidence.web.data import date_text

    return {
        "format": record.format,
        "status": record.status,
        "reason": record.mapping_reason,
        "kinds": list(record.kinds),
        "kind_labels": [labels.get(k, k) for k in record.kinds],
        "year": record.year,
        "date": date_text(found),
        "date_source": found.source if found else None,
        "metadata": {k: v for k, v in record.metadata.items() if isinstance(v, str)},
        "ocr": sorted(machine_read_pages(record.metadata)),
        "problems": [p.as_dict() for p in record.all_problems],
    }


def page_views(site: Any) -> dict[str, Any]:
    """Beranda, the unfiltered LKE table, Belum terpetakan (without the suggestions: a unit maps its files
    on its drive), Masalah, every question's page (all its files, no review chain) and what each file's
    page shows beside its texts."""
    from zi_evidence.web import data, filedata

    readiness = site.readiness()
    # the day and the countdown are the server's to show: without them a push tomorrow of the same state
    # has the same digest and changes nothing
    dashboard = {k: v for k, v in data.dashboard(readiness, site.repo.ruleset).items() if k not in DAILY}
    views: dict[str, Any] = {
        DASHBOARD: dashboard,
        LKE: data.lke(readiness),
        UNMAPPED: _by_path(filedata.unmapped(site), "files", "id"),
        PROBLEMS: _by_path(filedata.problems(site), "problems", "file_id"),
    }
    snapshot, labels = site.snapshot(), site.kind_labels()
    with site.repo.catalog() as catalog:
        records = [r for r in catalog.records() if r.sha256]
    hashes = {r.id: r.sha256 for r in records}
    for record in records:
        found = snapshot.dates.get(record.id) if record.parser else None
        views[FILE + record.display] = _file_view(record, labels, found)
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
