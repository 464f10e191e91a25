"""Page data for the per-file pages (Berkas, Cari, Belum terpetakan, Masalah, Bundel, Laporan)."""

from __future__ import annotations

from typing import Any

from zi_evidence.parsing import machine_read_pages
from zi_evidence.problems import SEVERITY_LABELS
from zi_evidence.readiness.listing import MAPPING_LABELS, MAPPING_TODO, file_rows
from zi_evidence.redact import mask_text
from zi_evidence.web.data import date_text, finding_dict
from zi_evidence.web.site import Site

SEARCH_FILTERS = ("area", "question", "kind", "year")
#: Types a browser shows by itself; everything else is offered as a download.
INLINE_TYPES = ("application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "text/plain")


def inline_type(mime: str) -> bool:
    return mime.split(";")[0].strip().lower() in INLINE_TYPES


def file_page(site: Site, file_id: int) -> dict[str, Any] | None:
    snapshot = site.snapshot()
    with site.repo.catalog() as catalog:
        record = catalog.record(file_id)
        if record is None:
            return None
        texts = catalog.page_texts(record) if record.parser else []
    # citizens' NIK, KK, phone numbers… shown with all but the last four digits hidden, as everywhere else
    texts = [mask_text(site.repo.host, text) for text in texts]
    ocr = set(machine_read_pages(record.metadata))
    labels = site.kind_labels()
    found = snapshot.dates.get(record.id) if record.parser else None
    return {
        "meta": {
            "id": record.id,
            "path": record.display,
            "name": record.display.rsplit("/", 1)[-1],
            "size": record.size,
            "sha256": record.sha256,
            "mime": record.mime,
            "format": record.format,
            "parser": record.parser,
            "parser_version": record.parser_version,
            "status": record.status,
            "question": record.target_id,
            "mapping": record.mapping_status,
            "mapping_label": MAPPING_LABELS.get(record.mapping_status, record.mapping_status),
            "reason": record.mapping_reason,
            "todo": MAPPING_TODO.get(record.mapping_status, ""),
            "kinds": list(record.kinds),
            "kind_labels": [labels.get(k, k) for k in record.kinds],
            "year": record.year,
            "date": date_text(found),
            "date_source": found.source if found else None,
            "page_count": record.page_count,
            "metadata": {k: v for k, v in record.metadata.items() if isinstance(v, str)},
        },
        "problems": [
            {**p.as_dict(), "severity_label": SEVERITY_LABELS.get(p.severity, p.severity)} for p in record.all_problems
        ],
        "findings": [finding_dict(f) for f in snapshot.by_path.get(record.display, ())],
        "pages": [{"number": n, "ocr": n in ocr, "text": text} for n, text in enumerate(texts, start=1)],
        "original": {"url": f"/berkas/{record.id}/asli", "inline": inline_type(record.mime)},
    }


def search_page(site: Site, query: str, filters: dict[str, str], limit: int = 20) -> dict[str, Any]:
    from zi_evidence.errors import ZiError
    from zi_evidence.search.query import search

    site.require_catalog()
    data: dict[str, Any] = {"query": query, "filters": filters, "limit": limit, "total": 0, "hits": [], "error": None}
    if not query.strip():
        return data
    try:
        results = search(site.repo, query, filters, limit)
    except ZiError as exc:  # a query the engine cannot read: said on the page, like the CLI says it
        data["error"] = str(exc)
        return data
    data["total"] = results.total
    for hit in results.hits:
        pages = [
            {
                "page": p.page,
                "ocr": p.page in hit.ocr_pages,
                "snippet": [[text, bool(mark)] for text, mark in p.snippet],
            }
            for p in hit.pages
        ]
        data["hits"].append(
            {
                "file_id": hit.file_id,
                "path": hit.path,
                "title": hit.title,
                "question": hit.question,
                "mapping": hit.target_level,
                "kind": hit.kind,
                "page_count": hit.page_count,
                "score": hit.score,
                "best_page": pages[0]["page"] if pages else 1,
                "pages": pages,
            }
        )
    return data


def unmapped(site: Site) -> dict[str, Any]:
    site.require_catalog()
    rows = file_rows(site.repo, unmapped=True)
    return {
        "files": [
            {
                "id": r.id,
                "path": r.path,
                "mapping": r.mapping,
                "mapping_label": MAPPING_LABELS.get(r.mapping, r.mapping),
                "reason": r.reason,
                "todo": MAPPING_TODO[r.mapping],
            }
            for r in rows
        ]
    }


def problems(site: Site) -> dict[str, Any]:
    site.require_catalog()
    rows = []
    for r in file_rows(site.repo, problems=True):
        for p in r.problems:
            if p.severity == "info":
                continue
            rows.append(
                {
                    "file_id": r.id,
                    "path": r.path,
                    "status": r.status,
                    "code": p.code,
                    "severity": p.severity,
                    "severity_label": SEVERITY_LABELS.get(p.severity, p.severity),
                    "message": p.message,
                    "todo": p.hint or "Periksa berkasnya, lalu jalankan 'zi-evidence index' lagi.",
                }
            )
    with site.repo.catalog() as catalog:
        skipped = catalog.skipped()
    return {
        "problems": rows,
        "skipped": [
            {"path": path, "code": p.code, "message": p.message, "todo": p.hint, "severity": p.severity}
            for path, p in skipped
        ],
    }


def reports(site: Site) -> dict[str, Any]:
    formats = site.repo.host.report_formats()
    return {
        "formats": [
            {"name": name, "label": cls.label, "suffix": cls.suffix, "url": f"/laporan/{name}"}
            for name, cls in sorted(formats.items())
        ]
    }


#: room kept for letters, listings and manifest (volume 1) and index and manifest (the others): estimates
#: from sample_repo's bundle; the build measures them exactly
RESERVE_FIRST, RESERVE_OTHER = 192 << 10, 48 << 10


def _volume_estimate(costs: list[int], cap: int | None, split: bool) -> dict[str, Any]:
    """How many volumes the evidence alone would fill under the size limit (the build decides exactly)."""
    from zi_evidence.bundle.limits import pack

    if cap is None or sum(costs) + RESERVE_FIRST <= cap:
        return {"count": 1, "max_bytes": cap, "split": split}
    volumes = pack(costs, max(cap - RESERVE_FIRST, 1), max(cap - RESERVE_OTHER, 1))
    return {"count": len(volumes), "max_bytes": cap, "split": split}


def bundle_preflight(site: Site) -> dict[str, Any]:
    """What ``zi-evidence bundle`` would put in and leave out, from the same plan, writing nothing."""
    from zi_evidence.bundle import BundleOptions
    from zi_evidence.bundle.build import missing_fields, plan_bundle
    from zi_evidence.bundle.limits import mb_to_bytes, member_cost, parse_types

    site.require_catalog()
    repo = site.repo
    settings = repo.config.bundle
    options = BundleOptions(
        layout=settings.layout,
        types=parse_types(settings.types),
        max_file_bytes=mb_to_bytes(settings.max_file_mb),
        max_bundle_bytes=mb_to_bytes(settings.max_bundle_mb),
        convert=settings.convert,
    )
    with repo.catalog() as catalog:
        ids = {r.path: r.id for r in catalog.records()}
    # the same plan 'bundle build' makes: photos and Office files shown as converted to PDF, nothing written
    plan = plan_bundle(repo, options)
    costs = [member_cost(f.bundle_path, f.candidate.size) for f in plan.files]
    return {
        "evidence_bytes": sum(costs),
        "converts": bool(options.convert),
        "volumes": _volume_estimate(costs, options.max_bundle_bytes, options.split),
        "layout": options.layout,
        "options": options.as_dict(),
        "missing_fields": list(missing_fields(repo.config)),
        "included": [
            {
                "file_id": ids.get(f.candidate.raw_path),
                "path": f.candidate.original_path,
                "question": f.candidate.target_id,
                "bundle_path": f.bundle_path,
                "size": f.candidate.size,
            }
            for f in plan.files
        ],
        "excluded": [
            {
                "file_id": ids.get(e.candidate.raw_path),
                "path": e.candidate.original_path,
                "question": e.candidate.target_id,
                "code": e.finding.code,
                "severity": e.finding.severity,
                "reason": e.finding.message,
                "todo": e.finding.hint,
            }
            for e in plan.exclusions
        ],
    }
