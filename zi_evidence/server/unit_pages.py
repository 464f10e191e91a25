"""The data of one unit's pages on the server (Beranda, LKE, Belum terpetakan, Masalah, Laporan, question,
file), for the request's unit at its latest pushed year or at the year of /unit/<code>/<year>/; the HTML
pages (``web``) and their JSON twins (``unit_api``) both read them here."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request

from zi_evidence.errors import YearNotPushed
from zi_evidence.server import unitsite, views
from zi_evidence.server.blobs import SHA256
from zi_evidence.web import review_pages


def unit_site(request: Request) -> unitsite.UnitSite:
    """The unit of /unit/<code>/… (the gate checked the user reaches it), at its latest pushed year, or
    at the year of /unit/<code>/<year>/…."""
    db, year = request.app.state.db, request.path_params.get("tahun")
    unit = request.scope["state"]["unit"]
    with db.engine.connect() as connection:
        try:
            return unitsite.open_unit(db, connection, unit, views._host(), views._rulesets(), year)
        except YearNotPushed as exc:
            raise HTTPException(404, str(exc)) from None


def read(fn: Any) -> Any:
    """Run ``fn(connection, site, request)`` for the request's unit in the thread pool."""

    def work(request: Request) -> tuple[unitsite.UnitSite, Any]:
        site = unit_site(request)
        with request.app.state.db.engine.connect() as connection:
            return site, fn(connection, site, request)

    return work


def dashboard_data(db: Any, site: unitsite.UnitSite, request: Request) -> Any:
    from zi_evidence.server import reports

    return {**unitsite.dashboard(db, site), "reports": reports.listing(db, site)}


def lke_data(db: Any, site: unitsite.UnitSite, request: Request) -> Any:
    from zi_evidence.web.pages import checked_lke

    q = request.query_params
    return checked_lke(unitsite.lke(db, site, q.get("area", ""), q.get("status", ""), q.get("severity", "")))


def _hal(request: Request) -> int:
    text = request.query_params.get("hal", "1")
    return int(text) if text.isdigit() else 1


def question_data(db: Any, site: unitsite.UnitSite, request: Request) -> Any:
    question_id = request.path_params["question_id"]
    found = unitsite.question(db, site, question_id, _hal(request))
    if found is not None:
        found["review"] = review_section(site, request, question_id)
    return found


def past_year(site: unitsite.UnitSite) -> str:
    """Why a past year's chain is read-only: decisions are made on the evidence of the latest year the
    unit pushed; an earlier year keeps the state its chain had then."""
    if not site.pushed or site.year == site.pushed[0]:
        return ""
    return (
        f"Pemeriksaan tahun {site.year} sudah ditutup dan hanya untuk dibaca; keputusan hanya dapat dibuat "
        f"untuk tahun terbaru yang dikirim unit ini ({site.pushed[0]}). Buka tahun {site.pushed[0]} untuk memeriksa."
    )


def review_section(site: unitsite.UnitSite, request: Request, question_id: str) -> dict[str, Any]:
    """The chain and the forms; never the unit's own submit form: that tier is the drive's, sent by push.
    A past year shows its own chain and history without any form."""
    found = {**review_pages.section(site, request, question_id), "year": site.year}  # the forms carry it
    past = past_year(site)
    if past:
        return {**found, "note": past, "actions": {"submit": None, "decide": [], "revoke": []}}
    return {**found, "actions": {**found["actions"], "submit": None}}


def file_data(db: Any, site: unitsite.UnitSite, request: Request) -> Any:
    sha256 = request.path_params["sha256"]
    return unitsite.file_page(db, site, sha256) if SHA256.fullmatch(sha256) else None


def unmapped_data(db: Any, site: unitsite.UnitSite, request: Request) -> Any:
    return unitsite.unmapped(db, site)


def problems_data(db: Any, site: unitsite.UnitSite, request: Request) -> Any:
    return unitsite.problems(db, site)


def reports_data(db: Any, site: unitsite.UnitSite, request: Request) -> Any:
    from zi_evidence.server import reports

    return reports.listing(db, site)
