"""The web application: routes, security headers on every answer, and errors as pages in Bahasa Indonesia."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zi_evidence.errors import CatalogMissing, ZiError
from zi_evidence.web import login, mapping_write, pages, review_api, review_pages
from zi_evidence.web.auth import WebAccounts
from zi_evidence.web.render import render
from zi_evidence.web.site import Site

STATIC = Path(__file__).parent / "static"
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    # no script at all; styles only from our stylesheet; the PDF viewer and images from this origin
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'self'; "
        "frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'"
    ),
    "referrer-policy": "no-referrer",
    "x-frame-options": "SAMEORIGIN",
    "cross-origin-opener-policy": "same-origin",
}

REPLACED = set(SECURITY_HEADERS) - {"content-security-policy"}


class SecurityHeaders:
    """Adds the headers to every response, the error pages and static files included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # A response's own policy (the originals' "sandbox") is kept beside ours: a browser enforces
                # every policy it is sent, so a second one can only tighten.
                headers = [(k, v) for k, v in message.get("headers", []) if k.decode().lower() not in REPLACED]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _error(request: Request, status: int, title: str, message: str) -> Response:
    if request.url.path.startswith("/api/") or request.url.path == "/api":
        return JSONResponse({"error": {"status": status, "title": title, "message": message}}, status_code=status)
    site: Site = request.app.state.site
    return render(request, "error.html", {"status": status, "title": title, "message": message}, site, status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        detail = exc.detail if exc.detail and exc.detail != "Not Found" else None
        return _error(request, 404, "Tidak ditemukan", detail or "Halaman atau berkas yang diminta tidak ada.")
    if exc.status_code == 405:
        return _error(
            request,
            405,
            "Metode tidak diizinkan",
            "Alamat ini tidak menerima cara itu; gunakan tautan dan formulir di halaman.",
        )
    return _error(request, exc.status_code, "Permintaan tidak dapat dilayani", str(exc.detail))


async def _catalog_missing(request: Request, exc: Exception) -> Response:
    return _error(request, 503, "Katalog belum ada", str(exc))


async def _zi_error(request: Request, exc: Exception) -> Response:
    return _error(request, 500, "Tidak dapat memuat halaman", str(exc))


async def _unexpected(request: Request, exc: Exception) -> Response:
    # no traceback reaches a user; the server log (stderr) has it
    return _error(
        request,
        500,
        "Galat di aplikasi",
        "Terjadi galat yang tidak terduga. Muat ulang halaman; bila berulang, laporkan bersama keluaran terminal "
        "tempat 'zi-evidence serve' berjalan.",
    )


def create_app(repo_dir: Path, state_dir: Path | None = None, host: Any = None) -> Starlette:
    """The web app of the repository at or above ``repo_dir`` (plugins: ``host`` or a fresh manager)."""
    from zi_evidence.repository import Repository

    site = Site(Repository.open(Path(repo_dir), state_dir, host=host))
    routes = [
        *pages.routes(),
        *login.routes(),
        *review_pages.routes(),
        *review_api.routes(),
        *mapping_write.routes(),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
    handlers: dict[Any, Any] = {
        HTTPException: _http_error,
        CatalogMissing: _catalog_missing,
        ZiError: _zi_error,
        Exception: _unexpected,
    }
    app = _App(routes=routes, exception_handlers=handlers, middleware=[Middleware(login.SessionGate)])
    app.state.site = site
    app.state.accounts = WebAccounts(site.repo.state_dir)
    app.state.watching = False  # 'serve --watch' sets it: the pages then say a new mapping rule applies itself
    return app


class _App(Starlette):
    def build_middleware_stack(self) -> ASGIApp:
        # outside Starlette's own error middleware, so even a 500 page carries the headers
        return SecurityHeaders(super().build_middleware_stack())
