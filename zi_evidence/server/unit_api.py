"""The JSON twins of a unit's pages on the server (/api/unit/<code>/…), as the drive's web app has one
for every page: the same data the page renders, for a reader whose roles reach that unit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from zi_evidence.review.model import User
from zi_evidence.server import unit_pages, web
from zi_evidence.server.webauth import scope_visitor
from zi_evidence.web.auth import Visitor


def _twin(fn: Any, user_of: Callable[[Request], User], missing: str) -> Any:
    async def endpoint(request: Request) -> Response:
        def work() -> Any:
            user = user_of(request)
            code = request.path_params["code"]
            visitor, unit = scope_visitor(request, Visitor(True, user), code)
            if unit is None:
                raise HTTPException(403, f"Unit '{code}' tidak ada atau di luar wewenang akun {user.username}.")
            request.scope.setdefault("state", {}).update(visitor=visitor, unit=unit)
            return unit_pages.read(fn)(request)[1]

        found = await run_in_threadpool(work)
        if found is None:
            raise HTTPException(404, missing.format(**request.path_params))
        return JSONResponse(found)

    return endpoint


def routes(user_of: Callable[[Request], User]) -> list[BaseRoute]:
    question = "Pertanyaan '{question_id}' tidak ada dalam snapshot unit ini."
    file = "Berkas ini tidak ada dalam snapshot unit ini."
    found: list[BaseRoute] = []
    for prefix in web.UNIT_PREFIXES:  # the latest pushed year, or /api/unit/<code>/<year>/…
        unit = "/api" + prefix
        found += [
            Route(unit + "/", _twin(unit_pages.dashboard_data, user_of, "")),
            Route(unit + "/lke", _twin(unit_pages.lke_data, user_of, "")),
            Route(unit + "/belum-terpetakan", _twin(unit_pages.unmapped_data, user_of, "")),
            Route(unit + "/masalah", _twin(unit_pages.problems_data, user_of, "")),
            Route(unit + "/laporan", _twin(unit_pages.reports_data, user_of, "")),
            Route(unit + "/pertanyaan/{question_id}", _twin(unit_pages.question_data, user_of, question)),
            Route(unit + "/berkas/{sha256}", _twin(unit_pages.file_data, user_of, file)),
        ]
    return found
