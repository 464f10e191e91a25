"""The server's web pages: the units the signed-in user reaches (the live roll-up), and each unit's
Beranda, LKE, Belum terpetakan, Masalah, Laporan (its downloads), question (with its review chain and
forms), file and original under /unit/<code>/ (its latest pushed year) or /unit/<code>/<year>/, with the
drive web app's templates, login pages and review writes.

Stateless like the API: sessions, throttling and the chain live in PostgreSQL, the files in the evidence
store, so two processes behind a reverse proxy serve the same pages.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from zi_evidence.errors import ReviewError, UnknownReportFormat, YearNotPushed
from zi_evidence.server import unitsite, views
from zi_evidence.server.blobs import SHA256
from zi_evidence.web import login, review_pages
from zi_evidence.web.auth import visitor_of
from zi_evidence.web.render import render

SERVER_NAV = (("/", "Unit"), ("/antrean", "Antrean"), ("/cari", "Cari"))
UNIT_TIER = (
    "Jawaban tingkat unit dikirim dari komputer unit ('zi-evidence review submit', lalu 'zi-evidence push'), "
    "bukan di server: kiriman berikutnya akan menimpanya."
)


class ServerSite:
    """The "site" of the pages outside one unit (units, search, login)."""

    base = ""
    nav = SERVER_NAV

    def unit_name(self) -> str:
        return "Server zi-evidence"


def _unit(request: Request) -> unitsite.UnitSite:
    """The unit of /unit/<code>/… (the gate checked the user reaches it), at its latest pushed year, or
    at the year of /unit/<code>/<year>/…."""
    db, year = request.app.state.db, request.path_params.get("tahun")
    unit = request.scope["state"]["unit"]
    with db.engine.connect() as connection:
        try:
            return unitsite.open_unit(db, connection, unit, views._host(), views._rulesets(), year)
        except YearNotPushed as exc:
            raise HTTPException(404, str(exc)) from None


def _read(fn: Any) -> Any:
    """Run ``fn(connection, site, request)`` for the request's unit in the thread pool."""

    def work(request: Request) -> tuple[unitsite.UnitSite, Any]:
        site = _unit(request)
        with request.app.state.db.engine.connect() as connection:
            return site, fn(connection, site, request)

    return work


def _page(template: str, fn: Any, missing: str = "") -> Any:
    async def endpoint(request: Request) -> Response:
        site, found = await run_in_threadpool(_read(fn), request)
        if found is None:
            raise HTTPException(404, missing.format(**request.path_params))
        return render(request, template, found, site)

    return endpoint


def _dashboard(db: Any, site: unitsite.UnitSite, request: Request) -> Any:
    from zi_evidence.server import reports

    return {**unitsite.dashboard(db, site), "reports": reports.listing(db, site)}


def _lke(db: Any, site: unitsite.UnitSite, request: Request) -> Any:
    from zi_evidence.web.pages import checked_lke

    q = request.query_params
    return checked_lke(unitsite.lke(db, site, q.get("area", ""), q.get("status", ""), q.get("severity", "")))


def _hal(request: Request) -> int:
    text = request.query_params.get("hal", "1")
    return int(text) if text.isdigit() else 1


def _question(db: Any, site: unitsite.UnitSite, request: Request) -> Any:
    question_id = request.path_params["question_id"]
    found = unitsite.question(db, site, question_id, _hal(request))
    if found is not None:
        found["review"] = _section(site, request, question_id)
    return found


def _past_year(site: unitsite.UnitSite) -> str:
    """Why a past year's chain is read-only: decisions are made on the evidence of the latest year the
    unit pushed; an earlier year keeps the state its chain had then."""
    if not site.pushed or site.year == site.pushed[0]:
        return ""
    return (
        f"Pemeriksaan tahun {site.year} sudah ditutup dan hanya untuk dibaca; keputusan hanya dapat dibuat "
        f"untuk tahun terbaru yang dikirim unit ini ({site.pushed[0]}). Buka tahun {site.pushed[0]} untuk memeriksa."
    )


def _section(site: unitsite.UnitSite, request: Request, question_id: str) -> dict[str, Any]:
    """The chain and the forms; never the unit's own submit form: that tier is the drive's, sent by push.
    A past year shows its own chain and history without any form."""
    found = {**review_pages.section(site, request, question_id), "year": site.year}  # the forms carry it
    past = _past_year(site)
    if past:
        return {**found, "note": past, "actions": {"submit": None, "decide": [], "revoke": []}}
    return {**found, "actions": {**found["actions"], "submit": None}}


def _stale_year(site: unitsite.UnitSite, form: Any) -> str:
    """A form shown while another year was the latest, sent after the unit pushed a newer one: it would
    decide on evidence its sender never saw."""
    sent = form.get("tahun")
    if not isinstance(sent, str) or not sent or sent == str(site.year):
        return ""
    return (
        f"Formulir ini dibuat di halaman tahun {sent}, padahal unit ini kini sudah mengirim tahun {site.year}; "
        "keputusan tidak disimpan. Muat ulang halaman, periksa data dukung tahun itu, lalu putuskan lagi."
    )


def _file(db: Any, site: unitsite.UnitSite, request: Request) -> Any:
    sha256 = request.path_params["sha256"]
    return unitsite.file_page(db, site, sha256) if SHA256.fullmatch(sha256) else None


def _unmapped(db: Any, site: unitsite.UnitSite, request: Request) -> Any:
    return unitsite.unmapped(db, site)


def _problems(db: Any, site: unitsite.UnitSite, request: Request) -> Any:
    return unitsite.problems(db, site)


def _reports(db: Any, site: unitsite.UnitSite, request: Request) -> Any:
    from zi_evidence.server import reports

    return reports.listing(db, site)


async def report_download(request: Request) -> Response:
    """One report of the unit's pushed year, rendered here from its snapshot; never written anywhere."""
    from zi_evidence.server import reports
    from zi_evidence.web.pages import attachment

    def build(db: Any, site: unitsite.UnitSite, request: Request) -> Any:
        try:
            return reports.download(db, site, request.path_params["format_name"])
        except UnknownReportFormat as exc:
            raise HTTPException(404, str(exc)) from None

    _, found = await run_in_threadpool(_read(build), request)
    headers = {"content-disposition": attachment(found.filename), "cache-control": "no-store"}
    return Response(found.body, media_type=found.content_type, headers=headers)


def _search_data(db: Any, request: Request, unit_ids: list[int], year: int | None = None) -> dict[str, Any]:
    """``year``: the one a reviewer picked for the unit's pages, searched unless the form names another."""
    from zi_evidence.server.search_page import search_page

    q = request.query_params
    filters = {name: q.get(name, "").strip() for name in ("area", "question", "kind", "year")}
    if year is not None and "year" not in q:
        filters["year"] = str(year)
    return search_page(db, q.get("q", ""), filters, unit_ids, views._host(), views._rulesets())


async def units_page(request: Request) -> Response:
    def work() -> Any:
        user = visitor_of(request).user
        with request.app.state.db.engine.connect() as connection:
            return views.rollup_view(connection, user, {}, {}, date.today())  # type: ignore[arg-type]

    return render(request, "units.html", await run_in_threadpool(work), request.app.state.site)


async def search(request: Request) -> Response:
    """Search across every unit the user reaches (or, under /unit/<code>/, that unit's subtree)."""
    from zi_evidence.server import org

    def work() -> tuple[Any, dict[str, Any]]:
        user = visitor_of(request).user
        assert user is not None
        site: Any = request.app.state.site
        today = date.today()
        with request.app.state.db.engine.connect() as connection:
            reach = org.visible_ids(connection, user, today)
            year = None
            if "unit" in request.scope["state"]:
                site = _unit(request)
                reach &= org.subtree_ids(connection, [site.unit_id], today)
                year = site.year if site.chosen else None
            return site, _search_data(connection, request, sorted(reach), year)

    site, found = await run_in_threadpool(work)
    return render(request, "search.html", found, site)


async def original(request: Request) -> Response:
    """The pushed bytes of one file of the unit, by hash through its manifest, with Range support."""
    from zi_evidence.server.originals import serve

    site, entries = await run_in_threadpool(
        _read(lambda db, s, r: unitsite.file_entries(db, s, r.path_params["sha256"])), request
    )
    if not SHA256.fullmatch(request.path_params["sha256"]) or not entries:
        raise HTTPException(404, f"Berkas ini tidak ada dalam snapshot unit ini tahun {site.year}.")
    return await serve(request, request.app.state.store, entries[0])


def _write(kind: str) -> Any:
    async def endpoint(request: Request) -> Response:
        question_id = request.path_params["question_id"]
        site = await run_in_threadpool(_unit, request)
        try:
            visitor, form = await login.checked_form(request)
            if kind == "kirim":
                raise login.Refused(403, UNIT_TIER)
            if _past_year(site):
                raise login.Refused(409, _past_year(site))
            if _stale_year(site, form):
                raise login.Refused(409, _stale_year(site, form))
            await run_in_threadpool(review_pages.act, site, request, visitor, kind, question_id, form)
        except login.Refused as exc:
            return await run_in_threadpool(_with_error, request, site, question_id, exc.status, str(exc))
        except ReviewError as exc:  # a gate, a stale form or a writer that won the race: 409, state unchanged
            return await run_in_threadpool(_with_error, request, site, question_id, 409, str(exc))
        return RedirectResponse(f"{site.base}/pertanyaan/{question_id}?selesai={kind}#pemeriksaan", 303)

    return endpoint


def _with_error(request: Request, site: unitsite.UnitSite, question_id: str, status: int, message: str) -> Response:
    with request.app.state.db.engine.connect() as connection:
        found = unitsite.question(connection, site, question_id)
    if found is None:
        data = {"status": 404, "title": "Tidak ditemukan", "message": message}
        return render(request, "error.html", data, site, 404)
    found["review"] = {**_section(site, request, question_id), "error": message, "done": ""}
    return render(request, "question.html", found, site, status)


async def _to_slash(request: Request) -> Response:
    return RedirectResponse(request.url.path + "/", 308)


def queue_items(request: Request) -> list[dict[str, Any]]:
    """What waits for the user in every unit they reach that has pushed, unit by unit."""
    from zi_evidence.server import org

    user = visitor_of(request).user
    assert user is not None
    db, today, items = request.app.state.db, date.today(), []
    with db.engine.connect() as connection:
        reach = org.visible_ids(connection, user, today)
        scoped = org.scoped_user(connection, user, today)
        units = [u for u in org.tree(connection, today, reach) if unitsite.has_snapshot(connection, u.id)]
        sites = [unitsite.open_unit(db, connection, u, views._host(), views._rulesets()) for u in units]
    for site in sites:
        for item in site.review_service().queue(scoped):
            if item.tier == item.chain.tiers[0].key:
                continue  # the unit tier is answered on the unit's computer
            question = site.ruleset.question(item.question_id)
            items.append(
                {
                    "unit": site.code, "question": item.question_id, "label": question.label if question else "",
                    "tier": item.tier, "reason": item.reason, "state": item.chain.tier(item.tier).shown,
                    "round": item.chain.round, "href": f"{site.base}/pertanyaan/{item.question_id}#pemeriksaan",
                }
            )  # fmt: skip
    return items


async def _queue(request: Request) -> Response:
    user = visitor_of(request).user
    found = {
        "enabled": True,
        "user": user.username if user else None,
        "items": await run_in_threadpool(queue_items, request),
    }
    return render(request, "queue.html", found, request.app.state.site)


#: a unit's pages at its latest pushed year, and the same pages at a year the reviewer picks
UNIT_PREFIXES = ("/unit/{code}", "/unit/{code}/{tahun:int}")


def _unit_routes(unit: str) -> list[BaseRoute]:
    question = "Pertanyaan '{question_id}' tidak ada dalam snapshot unit ini."
    return [
        Route(unit, _to_slash),
        Route(unit + "/", _page("dashboard.html", _dashboard)),
        Route(unit + "/lke", _page("lke.html", _lke)),
        Route(unit + "/cari", search),
        Route(unit + "/belum-terpetakan", _page("unmapped.html", _unmapped)),
        Route(unit + "/masalah", _page("problems.html", _problems)),
        Route(unit + "/pertanyaan/{question_id}", _page("question.html", _question, question)),
        Route(unit + "/berkas/{sha256}", _page("file.html", _file, "Berkas ini tidak ada dalam snapshot unit ini.")),
        Route(unit + "/berkas/{sha256}/asli", original),
        Route(unit + "/laporan", _page("reports.html", _reports)),
        Route(unit + "/laporan/{format_name}", report_download),
        *[
            Route(f"{unit}/pertanyaan/{{question_id}}/{kind}", _write(kind), methods=["POST"])
            for kind in review_pages.DONE
        ],
    ]


def routes() -> list[BaseRoute]:
    from zi_evidence.web.app import STATIC

    found: list[BaseRoute] = [
        Route("/", units_page),
        Route("/antrean", _queue),
        Route("/cari", search),
        *[route for unit in UNIT_PREFIXES for route in _unit_routes(unit)],
        *login.routes(),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
    return found
