"""The JSON twins of the review writes, for scripts and other front ends: the same checks as the forms,
with the session's CSRF token in an ``X-CSRF-Token`` header (``GET /api/sesi`` gives it) and a JSON body."""

from __future__ import annotations

import json
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from zi_evidence.errors import ReviewError
from zi_evidence.web.auth import same_token, visitor_of
from zi_evidence.web.login import Refused
from zi_evidence.web.review_pages import DONE, act, section

FIELDS = ("jawaban", "catatan", "tingkat", "status", "revisi", "rujukan")
TITLES = {400: "Permintaan tidak sah", 401: "Belum masuk", 403: "Tidak berwenang", 404: "Tidak ditemukan"}


def _error(status: int, message: str) -> Response:
    title = TITLES.get(status, "Tidak disimpan")
    return JSONResponse({"error": {"status": status, "title": title, "message": message}}, status_code=status)


async def _body(request: Request) -> dict[str, Any]:
    try:
        raw = json.loads(await request.body() or b"{}")
    except ValueError:
        raise Refused(400, "Isi permintaan bukan JSON yang sah.") from None
    if not isinstance(raw, dict):
        raise Refused(400, 'Isi permintaan harus objek JSON, mis. {"catatan": "…"}.')
    fields = {k: raw[k] for k in FIELDS if k in raw}
    if isinstance(fields.get("revisi"), int):
        fields["revisi"] = str(fields["revisi"])
    return fields


def _endpoint(kind: str) -> Any:
    async def endpoint(request: Request) -> Response:
        visitor = visitor_of(request)
        question_id = request.path_params["question_id"]
        site = request.app.state.site
        try:
            if not visitor.enabled:
                raise Refused(403, "Aplikasi ini hanya-baca karena belum ada akun ('zi-evidence users add').")
            if visitor.user is None:
                raise Refused(401, "Silakan masuk dulu; sesi Anda tidak ada atau sudah berakhir.")
            if not same_token(request.headers.get("x-csrf-token"), visitor.csrf):
                raise Refused(403, "Header X-CSRF-Token tidak ada atau salah; ambil tokennya dari GET /api/sesi.")
            fields = await _body(request)
            await run_in_threadpool(act, site, request, visitor, kind, question_id, fields)
        except Refused as exc:
            return _error(exc.status, str(exc))
        except ReviewError as exc:
            return _error(409, str(exc))
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
