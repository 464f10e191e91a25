"""One unit's downloads on the server: a report rendered from its pushed snapshot, and a file's pushed bytes."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from zi_evidence.errors import UnknownReportFormat
from zi_evidence.server import unitsite
from zi_evidence.server.blobs import SHA256
from zi_evidence.server.unit_pages import read


async def report_download(request: Request) -> Response:
    """One report of the unit's pushed year, rendered here from its snapshot; never written anywhere."""
    from zi_evidence.server import reports
    from zi_evidence.web.pages import attachment

    def build(db: Any, site: unitsite.UnitSite, request: Request) -> Any:
        try:
            return reports.download(db, site, request.path_params["format_name"])
        except UnknownReportFormat as exc:
            raise HTTPException(404, str(exc)) from None

    _, found = await run_in_threadpool(read(build), request)
    headers = {"content-disposition": attachment(found.filename), "cache-control": "no-store"}
    return Response(found.body, media_type=found.content_type, headers=headers)


async def original(request: Request) -> Response:
    """The pushed bytes of one file of the unit, by hash through its manifest, with Range support."""
    from zi_evidence.server.originals import serve

    site, entries = await run_in_threadpool(
        read(lambda db, s, r: unitsite.file_entries(db, s, r.path_params["sha256"])), request
    )
    if not SHA256.fullmatch(request.path_params["sha256"]) or not entries:
        raise HTTPException(404, f"Berkas ini tidak ada dalam snapshot unit ini tahun {site.year}.")
    return await serve(request, request.app.state.store, entries[0])
