"""The JSON twins of the review writes, for scripts and other front ends: the same checks as the forms,
with the session's CSRF token in an ``X-CSRF-Token`` header (``GET /api/sesi`` gives it) and a JSON body."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from zi_evidence.errors import ReviewError
from zi_evidence.web.auth import visitor_of
from zi_evidence.web.login import Refused, checked_json, json_refusal
from zi_evidence.web.review_pages import DONE, act, section

FIELDS = ("jawaban", "catatan", "tingkat", "status", "revisi", "rujukan")


def _fields(raw: dict[str, Any]) -> dict[str, Any]:
    fields = {k: raw[k] for k in FIELDS if k in raw}
    if isinstance(fields.get("revisi"), int):
        fields["revisi"] = str(fields["revisi"])
    return fields


def _endpoint(kind: str) -> Any:
    async def endpoint(request: Request) -> Response:
        question_id = request.path_params["question_id"]
        site = request.app.state.site
        try:
            visitor, body = await checked_json(request, '{"catatan": "…"}')
            await run_in_threadpool(act, site, request, visitor, kind, question_id, _fields(body))
        except Refused as exc:
            return json_refusal(exc.status, str(exc))
        except ReviewError as exc:
            return json_refusal(409, str(exc))
        return JSONResponse({"review": await run_in_threadpool(section, site, request, question_id)})

    return endpoint


async def session_info(request: Request) -> Response:
    visitor = visitor_of(request)
    user = visitor.user
    about = (
        None
        if user is None
        else {
            "username": user.username,
            "display_name": user.display_name,
            "roles": [role.label for role in user.roles],
        }
    )
    return JSONResponse({"enabled": visitor.enabled, "user": about, "csrf": visitor.csrf})


def routes() -> list[BaseRoute]:
    found: list[BaseRoute] = [Route("/api/sesi", session_info, methods=["GET"])]
    for kind in DONE:
        found.append(Route(f"/api/pertanyaan/{{question_id}}/{kind}", _endpoint(kind), methods=["POST"]))
    return found
