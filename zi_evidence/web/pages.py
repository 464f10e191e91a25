"""Each page as one data function with two faces: HTML at ``/path`` and JSON at ``/api/path``.

The handlers are plain functions: Starlette runs them in its thread pool, so the catalog's
SQLite reads and the readiness build never block the event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from zi_evidence.web import data, filedata, review_pages, suggestions
from zi_evidence.web.files import Unavailable, open_original, parse_range, stream
from zi_evidence.web.render import render
from zi_evidence.web.site import Site

DataFn = Callable[[Site, Request], dict[str, Any]]


def _site(request: Request) -> Site:
    return request.app.state.site  # type: ignore[no-any-return]


def _dashboard(site: Site, request: Request) -> dict[str, Any]:
    return data.dashboard(site.readiness(), site.repo.ruleset)


def checked_lke(found: dict[str, Any]) -> dict[str, Any]:
    """An LKE page's data, or a 400 naming the choices when a filter (a hand-edited address) names none;
    the server's unit pages check theirs here too."""
    refusal = data.lke_filter_refusal(found["choices"], **found["filters"])
    if refusal:
        raise HTTPException(400, refusal)
    return found


def _lke(site: Site, request: Request) -> dict[str, Any]:
    q = request.query_params
    return checked_lke(data.lke(site.readiness(), q.get("area", ""), q.get("status", ""), q.get("severity", "")))


def _question(site: Site, request: Request) -> dict[str, Any]:
    try:
        page = int(request.query_params.get("hal", "1"))
    except ValueError:
        page = 1
    found = data.question(site, request.path_params["question_id"], page)
    if found is None:
        raise HTTPException(404, f"Pertanyaan '{request.path_params['question_id']}' tidak ada dalam LKE ini.")
    found["review"] = review_pages.section(site, request, request.path_params["question_id"])
    return found


def _file(site: Site, request: Request) -> dict[str, Any]:
    found = filedata.file_page(site, request.path_params["file_id"])
    if found is None:
        raise HTTPException(404, f"Berkas nomor {request.path_params['file_id']} tidak ada dalam katalog.")
    found["suggestion"] = suggestions.for_file(site, request, found["meta"])
    return found


def _search(site: Site, request: Request) -> dict[str, Any]:
    q = request.query_params
    try:
        limit = max(1, min(int(q.get("limit", "20")), 200))
    except ValueError:
        limit = 20
    filters = {name: q.get(name, "").strip() for name in filedata.SEARCH_FILTERS}
    return filedata.search_page(site, q.get("q", ""), filters, limit)


def _unmapped(site: Site, request: Request) -> dict[str, Any]:
    return {**filedata.unmapped(site), "suggestions": suggestions.listing(site, request)}


def _problems(site: Site, request: Request) -> dict[str, Any]:
    return filedata.problems(site)


def _reports(site: Site, request: Request) -> dict[str, Any]:
    return filedata.reports(site)


def _bundle(site: Site, request: Request) -> dict[str, Any]:
    return filedata.bundle_preflight(site)


#: (path, template, data function); every page has its JSON twin under /api.
PAGES: tuple[tuple[str, str, DataFn], ...] = (
    ("/", "dashboard.html", _dashboard),
    ("/lke", "lke.html", _lke),
    ("/pertanyaan/{question_id}", "question.html", _question),
    ("/berkas/{file_id:int}", "file.html", _file),
    ("/cari", "search.html", _search),
    ("/belum-terpetakan", "unmapped.html", _unmapped),
    ("/masalah", "problems.html", _problems),
    ("/laporan", "reports.html", _reports),
    ("/bundel", "bundle.html", _bundle),
    ("/antrean", "queue.html", review_pages.queue_data),
)


def _html(template: str, fn: DataFn) -> Callable[[Request], Any]:
    async def endpoint(request: Request) -> Response:
        site = _site(request)
        found = await run_in_threadpool(fn, site, request)
        return render(request, template, found, site)

    return endpoint


def _json(fn: DataFn) -> Callable[[Request], Any]:
    async def endpoint(request: Request) -> Response:
        return JSONResponse(await run_in_threadpool(fn, _site(request), request))

    return endpoint


def api_path(path: str) -> str:
    return "/api" + path if path != "/" else "/api/"


def routes() -> list[BaseRoute]:
    found: list[BaseRoute] = []
    for path, template, fn in PAGES:
        found.append(Route(path, _html(template, fn)))
        found.append(Route(api_path(path), _json(fn)))
    found.append(Route("/berkas/{file_id:int}/asli", original))
    found.append(Route("/laporan/{format_name}", report_download))
    return found


# -- downloads -------------------------------------------------------------------------------------


async def original(request: Request) -> Response:
    site = _site(request)
    file_id = request.path_params["file_id"]

    def load() -> Any:
        site.require_catalog()
        with site.repo.catalog() as catalog:
            return catalog.record(file_id)

    record = await run_in_threadpool(load)
    if record is None:
        raise HTTPException(404, f"Berkas nomor {file_id} tidak ada dalam katalog.")
    wanted = request.headers.get("range")
    try:
        opened = await run_in_threadpool(open_original, site.repo.root, record, not wanted)
    except Unavailable as exc:
        if exc.status == 404:
            raise HTTPException(404, str(exc)) from None
        return render(
            request,
            "error.html",
            {"status": exc.status, "title": "Berkas berubah", "message": str(exc)},
            site,
            exc.status,
        )
    headers = {
        "accept-ranges": "bytes",
        "content-disposition": opened.disposition,
        "cache-control": "no-store",
    }
    if not opened.disposition.startswith("inline"):
        headers["content-security-policy"] = "sandbox"  # a downloaded HTML file never runs here
    chosen = parse_range(wanted, opened.size) if wanted else None
    if chosen == "unsatisfiable":
        import os

        os.close(opened.fd)
        return Response(status_code=416, headers={**headers, "content-range": f"bytes */{opened.size}"})
    start, end, status = 0, opened.size - 1, 200
    if isinstance(chosen, tuple):
        start, end, status = chosen[0], chosen[1], 206
        headers["content-range"] = f"bytes {start}-{end}/{opened.size}"
    headers["content-length"] = str(max(0, end - start + 1))
    return StreamingResponse(stream(opened.fd, start, end), status, headers, media_type=opened.content_type)


REPORT_TYPES = {
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def report_media(name: str, fmt: Any) -> tuple[str, str]:
    """A report format's content type and file suffix (the server's downloads use the same)."""
    import mimetypes

    suffix = fmt.suffix or f".{name}"
    return REPORT_TYPES.get(name) or mimetypes.guess_type(f"x{suffix}")[0] or "application/octet-stream", suffix


def attachment(filename: str) -> str:
    """A Content-Disposition for a download: a plain ASCII name, and the exact one percent-encoded."""
    from urllib.parse import quote

    plain = "".join(c if c.isascii() and (c.isalnum() or c in "-._") else "_" for c in filename)
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(filename, safe='')}"


async def report_download(request: Request) -> Response:
    from zi_evidence.bundle import slug

    site = _site(request)
    name = request.path_params["format_name"]
    formats = site.repo.host.report_formats()
    if name not in formats:
        raise HTTPException(404, f"Format laporan '{name}' tidak dikenal. Yang tersedia: {', '.join(sorted(formats))}.")
    fmt = formats[name]

    def build() -> bytes:
        body = fmt().render(site.readiness())  # no out_path: the bytes stay in memory, nothing is written
        return body.encode("utf-8") if isinstance(body, str) else bytes(body)

    body = await run_in_threadpool(build)
    content_type, suffix = report_media(name, fmt)
    filename = f"laporan-kesiapan-{slug(site.repo.config.unit.name, 80) or 'unit'}{suffix}"
    return Response(body, media_type=content_type, headers={"content-disposition": attachment(filename)})
