"""The server's HTTP application: the push endpoints (a unit's bearer token) and the read API for
reviewers (their account over HTTP Basic, so no cookie and no cross-site write is possible).

Stateless: everything lives in PostgreSQL and the evidence store, so two processes can run behind a
reverse proxy. Errors answer JSON in Bahasa Indonesia, never a traceback.
"""

from __future__ import annotations

import base64
import tempfile
from collections.abc import Iterator
from datetime import date
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from zi_evidence.errors import LoginFailed, PushRefused, TokenRefused, ZiError
from zi_evidence.review.accounts import Accounts
from zi_evidence.review.model import User
from zi_evidence.server import unit_api, views, web
from zi_evidence.server.blobs import CHUNK, BlobStore
from zi_evidence.server.database import ServerDb
from zi_evidence.server.service import Ingest
from zi_evidence.server.webauth import ServerAccounts, ServerGate
from zi_evidence.web.app import SecurityHeaders
from zi_evidence.web.auth import COOKIE, LIFETIME

UNEXPECTED = "Terjadi galat yang tidak terduga di server. Ulangi; bila berulang, hubungi admin server."
MAX_SNAPSHOT = 512 * 1024 * 1024
MAX_BLOB = 2 * 1024 * 1024 * 1024


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


def _bearer(request: Request) -> str:
    kind, _, token = request.headers.get("authorization", "").partition(" ")
    if kind.lower() != "bearer" or not token:
        raise HTTPException(401, "Kiriman memerlukan token unit (Authorization: Bearer …). Minta token kepada admin.")
    return token


async def _body(request: Request, limit: int) -> Any:
    """The request body spooled to disk (a file can be large), refused past ``limit`` bytes."""
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"Kiriman lebih besar dari {limit // (1024 * 1024)} MB.")
        spool.write(chunk)
    spool.seek(0)
    return spool


def _chunks(spool: Any) -> Iterator[bytes]:
    while chunk := spool.read(CHUNK):
        yield chunk


async def push(request: Request) -> Response:
    token = _bearer(request)
    spool = await _body(request, MAX_SNAPSHOT)
    answer = await run_in_threadpool(request.app.state.ingest.push, token, spool.read())
    return JSONResponse(answer.as_dict())


async def blob(request: Request) -> Response:
    token = _bearer(request)
    spool = await _body(request, MAX_BLOB)
    size = await run_in_threadpool(request.app.state.ingest.blob, token, request.path_params["sha256"], _chunks(spool))
    return JSONResponse({"sha256": request.path_params["sha256"], "size": size})


def _basic(request: Request) -> tuple[str, str]:
    kind, _, encoded = request.headers.get("authorization", "").partition(" ")
    try:
        name, _, password = base64.b64decode(encoded).decode("utf-8").partition(":")
    except (ValueError, UnicodeDecodeError):
        name = password = ""
    if kind.lower() != "basic" or not name:
        raise HTTPException(
            401, "Masuk dengan nama pengguna dan kata sandi Anda, atau dengan token sesi dari POST /api/sesi."
        )
    return name, password


def _user(request: Request) -> User:
    """The reader: a session token (``Authorization: Bearer``, from POST /api/sesi, or the page's cookie)
    costs one lookup; a name and password (Basic) cost an argon2 check and a login event each time."""
    kind, _, token = request.headers.get("authorization", "").partition(" ")
    if kind.lower() == "bearer" or (not kind and request.cookies.get(COOKIE)):
        visitor = request.app.state.accounts.visitor(token if kind else request.cookies.get(COOKIE))
        if visitor.user is None:
            raise HTTPException(401, "Token sesi tidak sah atau sudah berakhir. Minta yang baru: POST /api/sesi.")
        return visitor.user  # type: ignore[no-any-return]
    name, password = _basic(request)
    return request.app.state.password_check.authenticate(name, password, channel="server")  # type: ignore[no-any-return]


async def api_session(request: Request) -> Response:
    """A session token for an API client: one password check now, one lookup per later request."""
    name, password = _basic(request)
    address = request.client.host if request.client else "?"
    token = await run_in_threadpool(request.app.state.accounts.api_session, name, password, address)
    return JSONResponse({"token": token, "expires_in": int(LIFETIME.total_seconds())})


def _reader(fn: Any) -> Any:
    async def endpoint(request: Request) -> Response:
        def work() -> Any:
            user = _user(request)
            with request.app.state.db.engine.connect() as connection:
                return fn(connection, user, request.query_params, request.path_params, date.today())

        return JSONResponse(await run_in_threadpool(work))

    return endpoint


def _page(request: Request) -> bool:
    return not request.url.path.startswith("/api/")


def _error_page(request: Request, status: int, title: str, message: str) -> Response:
    from zi_evidence.web.render import render

    data = {"status": status, "title": title, "message": message}
    return render(request, "error.html", data, request.app.state.site, status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if _page(request):
        title = {404: "Tidak ditemukan", 405: "Metode tidak diizinkan"}.get(exc.status_code, "Tidak dapat dilayani")
        detail = exc.detail if exc.detail not in ("Not Found", "Method Not Allowed") else "Halaman itu tidak ada."
        return _error_page(request, exc.status_code, title, str(detail))
    headers = {"www-authenticate": 'Basic realm="zi-evidence"'} if exc.status_code == 401 else None
    response = _error(exc.status_code, str(exc.detail))
    if headers:
        response.headers.update(headers)
    return response


async def _refused(request: Request, exc: Exception) -> Response:
    return _error(422, str(exc))


async def _login(request: Request, exc: Exception) -> Response:
    return _error(401, str(exc))


async def _token(request: Request, exc: Exception) -> Response:
    return _error(403, str(exc))


async def _zi(request: Request, exc: Exception) -> Response:
    if _page(request):
        return _error_page(request, 400, "Tidak dapat memuat halaman", str(exc))
    return _error(400, str(exc))


async def _unexpected(request: Request, exc: Exception) -> Response:
    if _page(request):
        return _error_page(
            request,
            500,
            "Galat di server",
            "Terjadi galat yang tidak terduga. Ulangi; bila berulang, hubungi admin server.",
        )
    return _error(500, "Terjadi galat yang tidak terduga di server. Ulangi; bila berulang, hubungi admin server.")


def create_server_app(db: ServerDb, store: BlobStore) -> Starlette:
    routes = [
        Route("/api/push", push, methods=["POST"]),
        Route("/api/blobs/{sha256}", blob, methods=["PUT"]),
        Route("/api/units", _reader(views.units_view)),
        Route("/api/units/{code}/history", _reader(views.history_view)),
        Route("/api/rollup", _reader(views.rollup_view)),
        Route("/api/duplicates", _reader(views.duplicates_view)),
        Route("/api/search", _reader(views.search_view)),
        Route("/api/sesi", api_session, methods=["POST"]),
        *unit_api.routes(_user),
        *web.routes(),
    ]
    handlers: dict[Any, Any] = {
        HTTPException: _http_error,
        PushRefused: _refused,
        LoginFailed: _login,
        TokenRefused: _token,
        ZiError: _zi,
        Exception: _unexpected,
    }
    app = _ServerApp(routes=routes, exception_handlers=handlers, middleware=[Middleware(ServerGate)])
    app.state.db = db
    app.state.store = store
    app.state.ingest = Ingest(db, store)
    app.state.password_check = Accounts(db.reviews)
    app.state.accounts = ServerAccounts(db.reviews)
    app.state.site = web.ServerSite()
    return app


class _ServerApp(Starlette):
    def build_middleware_stack(self) -> ASGIApp:
        # the web app's headers (CSP, nosniff, no framing by others) on every answer, pages and API alike
        return SecurityHeaders(super().build_middleware_stack())
