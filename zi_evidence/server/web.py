"""The server's web pages: the units the signed-in user reaches (the live roll-up), and each unit's
Beranda, LKE, Belum terpetakan, Masalah, Laporan (its downloads), question (with its review chain and
forms), file and original under /unit/<code>/ (its latest pushed year) or /unit/<code>/<year>/, with the
drive web app's templates, login pages and review writes. This module holds the routes; the pages
themselves are in ``unit_pages``, ``unit_downloads``, ``review_writes`` and ``across_units``.

Stateless like the API: sessions, throttling and the chain live in PostgreSQL, the files in the evidence
store, so two processes behind a reverse proxy serve the same pages.
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from zi_evidence.server import across_units, review_writes, unit_downloads, unit_pages
from zi_evidence.web import login, review_pages
from zi_evidence.web.render import render

SERVER_NAV = (("/", "Unit"), ("/antrean", "Antrean"), ("/cari", "Cari"))


class ServerSite:
    """The "site" of the pages outside one unit (units, search, login)."""

    base = ""
    nav = SERVER_NAV

    def unit_name(self) -> str:
        return "Server zi-evidence"


def _page(template: str, fn: Any, missing: str = "") -> Any:
    async def endpoint(request: Request) -> Response:
        site, found = await run_in_threadpool(unit_pages.read(fn), request)
        if found is None:
            raise HTTPException(404, missing.format(**request.path_params))
        return render(request, template, found, site)

    return endpoint


async def _to_slash(request: Request) -> Response:
    return RedirectResponse(request.url.path + "/", 308)


#: a unit's pages at its latest pushed year, and the same pages at a year the reviewer picks
UNIT_PREFIXES = ("/unit/{code}", "/unit/{code}/{tahun:int}")


def _unit_routes(unit: str) -> list[BaseRoute]:
    question = "Pertanyaan '{question_id}' tidak ada dalam snapshot unit ini."
    file = "Berkas ini tidak ada dalam snapshot unit ini."
    return [
        Route(unit, _to_slash),
        Route(unit + "/", _page("dashboard.html", unit_pages.dashboard_data)),
        Route(unit + "/lke", _page("lke.html", unit_pages.lke_data)),
        Route(unit + "/cari", across_units.search),
        Route(unit + "/belum-terpetakan", _page("unmapped.html", unit_pages.unmapped_data)),
        Route(unit + "/masalah", _page("problems.html", unit_pages.problems_data)),
        Route(unit + "/pertanyaan/{question_id}", _page("question.html", unit_pages.question_data, question)),
        Route(unit + "/berkas/{sha256}", _page("file.html", unit_pages.file_data, file)),
        Route(unit + "/berkas/{sha256}/asli", unit_downloads.original),
        Route(unit + "/laporan", _page("reports.html", unit_pages.reports_data)),
        Route(unit + "/laporan/{format_name}", unit_downloads.report_download),
        *[
            Route(f"{unit}/pertanyaan/{{question_id}}/{kind}", review_writes.endpoint_for(kind), methods=["POST"])
            for kind in review_pages.DONE
        ],
    ]


def routes() -> list[BaseRoute]:
    from zi_evidence.web.app import STATIC

    found: list[BaseRoute] = [
        Route("/", across_units.units_page),
        Route("/antrean", across_units.queue_page),
        Route("/cari", across_units.search),
        *[route for unit in UNIT_PREFIXES for route in _unit_routes(unit)],
        *login.routes(),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
    return found
