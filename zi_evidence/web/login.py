"""Login, logout and password change pages, and the gate in front of every page once accounts exist."""

from __future__ import annotations

import re
import secrets
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from zi_evidence.errors import AccountError, LoginFailed, LoginThrottled
from zi_evidence.web import flash
from zi_evidence.web.auth import (
    COOKIE,
    LOGIN_COOKIE,
    Visitor,
    WebAccounts,
    clear_session_cookie,
    same_token,
    secure_cookie,
    set_session_cookie,
    visitor_of,
)
from zi_evidence.web.render import render

#: reachable without a session: the login form itself, the stylesheet, and the browser's icon request (a 404)
PUBLIC = ("/masuk", "/static/", "/favicon.ico")
LOGIN_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")


class Refused(Exception):
    """A write the visitor may not make: ``status`` (401, 403…) and the message to show."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _accounts(request: Request) -> WebAccounts:
    return request.app.state.accounts  # type: ignore[no-any-return]


def reads_unit(user: Any, unit: str) -> bool:
    return any(role.covers(unit) for role in user.roles)


class SessionGate:
    """Finds the visitor of each request; with accounts, a page without a session sends to the login form
    (the API answers 401), and an account with no role for this unit sees nothing (403)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        visitor = await run_in_threadpool(_accounts(request).visitor, request.cookies.get(COOKIE))
        scope.setdefault("state", {})["visitor"] = visitor
        path = scope["path"]
        refusal = None if not visitor.enabled or path.startswith(PUBLIC) else self._refusal(request, visitor)
        if refusal is None:
            await self.app(scope, receive, send)
        else:
            await refusal(scope, receive, send)

    def _refusal(self, request: Request, visitor: Visitor) -> Response | None:
        path = request.url.path
        api = path.startswith("/api/") or path == "/api"
        if visitor.user is None:
            message = "Silakan masuk dulu: halaman ini hanya untuk pengguna yang sudah masuk."
            if api:
                return _json_error(401, "Belum masuk", message)
            if request.method != "GET":
                return _page_error(request, 401, "Belum masuk", message)
            wanted = path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/masuk?lanjut={quote(wanted, safe='')}", 303)
        unit = request.app.state.site.unit_name()
        if path != "/keluar" and not path.startswith("/sandi") and not reads_unit(visitor.user, unit):
            message = (
                f"Akun {visitor.user.username} tidak punya peran untuk unit '{unit}'. Minta admin menambah perannya."
            )
            return (
                _json_error(403, "Tidak berwenang", message)
                if api
                else _page_error(request, 403, "Tidak berwenang", message)
            )
        return None


def _json_error(status: int, title: str, message: str) -> Response:
    return JSONResponse({"error": {"status": status, "title": title, "message": message}}, status_code=status)


def _page_error(request: Request, status: int, title: str, message: str) -> Response:
    site = request.app.state.site
    return render(request, "error.html", {"status": status, "title": title, "message": message}, site, status)


async def checked_form(request: Request) -> tuple[Visitor, FormData]:
    """The form of a write by a logged-in user carrying their session's CSRF token, or ``Refused``."""
    visitor = visitor_of(request)
    if not visitor.enabled:
        raise Refused(
            403,
            "Aplikasi ini hanya-baca karena belum ada akun. Buat akun dengan 'zi-evidence users add', lalu masuk.",
        )
    if visitor.user is None:
        raise Refused(401, "Silakan masuk dulu; sesi Anda tidak ada atau sudah berakhir.")
    form = await request.form()
    if not same_token(form.get("csrf"), visitor.csrf):
        raise Refused(
            403,
            "Formulir ini tidak membawa token keamanan yang sah (mungkin sudah kedaluwarsa). "
            "Muat ulang halaman lalu ulangi.",
        )
    return visitor, form


async def checked_json(request: Request, example: str) -> tuple[Visitor, dict[str, Any]]:
    """A JSON write's visitor and object body, with the session's CSRF token in ``X-CSRF-Token``, or
    ``Refused``; ``example`` shows the body the endpoint wants."""
    import json

    visitor = visitor_of(request)
    if not visitor.enabled:
        raise Refused(403, "Aplikasi ini hanya-baca karena belum ada akun ('zi-evidence users add').")
    if visitor.user is None:
        raise Refused(401, "Silakan masuk dulu; sesi Anda tidak ada atau sudah berakhir.")
    if not same_token(request.headers.get("x-csrf-token"), visitor.csrf):
        raise Refused(403, "Header X-CSRF-Token tidak ada atau salah; ambil tokennya dari GET /api/sesi.")
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError:
        raise Refused(400, "Isi permintaan bukan JSON yang sah.") from None
    if not isinstance(body, dict):
        raise Refused(400, f"Isi permintaan harus objek JSON, mis. {example}.")
    return visitor, body


JSON_TITLES = {400: "Permintaan tidak sah", 401: "Belum masuk", 403: "Tidak berwenang", 404: "Tidak ditemukan"}


def json_refusal(status: int, message: str) -> Response:
    """A refused or failed JSON write, as every write of the API answers it."""
    title = JSON_TITLES.get(status, "Tidak disimpan")
    return JSONResponse({"error": {"status": status, "title": title, "message": message}}, status_code=status)


def _next(value: object) -> str:
    # only a path of this site: never //elsewhere or a full URL (no open redirect)
    text = value if isinstance(value, str) else ""
    return text if text.startswith("/") and not text.startswith(("//", "/\\")) else "/"


def _login_page(request: Request, status: int = 200, error: str = "", next_path: str = "/") -> Response:
    # one token per browser, kept while it lives: a second tab or the favicon's detour via this page must
    # not change the token under a form already shown
    kept = request.cookies.get(LOGIN_COOKIE, "")
    token = kept if LOGIN_TOKEN.match(kept) else secrets.token_urlsafe(32)
    visitor = visitor_of(request)
    data = {"error": error, "next": next_path, "login_csrf": token, "enabled": visitor.enabled}
    response = render(request, "login.html", data, request.app.state.site, status)
    response.set_cookie(
        LOGIN_COOKIE,
        token,
        max_age=3600,
        httponly=True,
        samesite="strict",
        secure=secure_cookie(request),
        path="/masuk",
    )
    return response


async def login_form(request: Request) -> Response:
    return _login_page(request, next_path=_next(request.query_params.get("lanjut")))


async def login(request: Request) -> Response:
    form = await request.form()
    next_path = _next(form.get("lanjut"))
    if not same_token(form.get("csrf"), request.cookies.get(LOGIN_COOKIE, "")):
        return _login_page(request, 403, "Formulir masuk kedaluwarsa atau tidak sah. Silakan isi lagi.", next_path)
    username = str(form.get("nama", "")).strip()
    password = str(form.get("sandi", ""))
    address = request.client.host if request.client else "?"
    try:
        token = await run_in_threadpool(
            _accounts(request).login, username, password, address, request.cookies.get(COOKIE)
        )
    except LoginThrottled as exc:
        return _login_page(request, 429, str(exc), next_path)
    except LoginFailed as exc:
        return _login_page(request, 401, str(exc), next_path)
    response = RedirectResponse(next_path, 303)
    set_session_cookie(response, request, token)
    response.delete_cookie(LOGIN_COOKIE, path="/masuk")
    return response


async def logout(request: Request) -> Response:
    try:
        visitor, _ = await checked_form(request)
    except Refused as exc:
        if exc.status == 401:  # no session: already logged out
            return RedirectResponse("/masuk", 303)
        return _page_error(request, exc.status, "Tidak dapat keluar", str(exc))
    await run_in_threadpool(_accounts(request).logout, visitor)
    response = RedirectResponse("/masuk?keluar=1", 303)
    clear_session_cookie(response, request)
    return response


async def password_form(request: Request) -> Response:
    return _password_page(request)


def _password_page(request: Request, status: int = 200, error: str = "") -> Response:
    data = {"error": error, "done": bool(flash.notice(request, {"sandi": "ya"}))}
    return render(request, "password.html", data, request.app.state.site, status)


async def change_password(request: Request) -> Response:
    try:
        visitor, form = await checked_form(request)
    except Refused as exc:
        return _page_error(request, exc.status, "Tidak dapat mengganti kata sandi", str(exc))
    old, new, again = (str(form.get(name, "")) for name in ("lama", "baru", "ulang"))
    if new != again:
        return _password_page(request, 400, "Kata sandi baru dan ulangannya tidak sama. Ketik lagi keduanya.")
    try:
        token = await run_in_threadpool(_accounts(request).change_password, visitor, old, new)
    except LoginThrottled as exc:
        return _password_page(request, 429, str(exc))
    except LoginFailed:
        return _password_page(request, 403, "Kata sandi lama salah. Kata sandi tidak diganti.")
    except AccountError as exc:
        return _password_page(request, 400, str(exc))
    response = flash.redirect(request, "/sandi", "sandi")
    set_session_cookie(response, request, token)
    return response


def routes() -> list[BaseRoute]:
    return [
        Route("/masuk", login_form, methods=["GET"]),
        Route("/masuk", login, methods=["POST"]),
        Route("/keluar", logout, methods=["POST"]),
        Route("/sandi", password_form, methods=["GET"]),
        Route("/sandi", change_password, methods=["POST"]),
    ]
