"""Accounts of the server's web pages: the drive web app's sessions, CSRF tokens and login throttling, over
the review store on PostgreSQL; and the gate that finds who asks and what unit subtree they reach.

A page under /unit/<code>/ is served only to a user whose roles reach that unit on the day; the user the
pages and the review chain see then carries each role spread over its subtree (``org.scoped_user``), so
a Kanwil verifier is a verifier of each of its UPTs and of nothing else.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from zi_evidence.review.sqlstore import SqlReviewStore
from zi_evidence.web.auth import COOKIE, Visitor, WebAccounts

#: reachable without a session (the API checks its own credentials: unit tokens, Basic or a session token)
PUBLIC = ("/masuk", "/static/", "/favicon.ico", "/api/")


class ServerAccounts(WebAccounts):
    """``WebAccounts`` whose store is the server's: accounts always exist there (admins make them)."""

    def __init__(self, store: SqlReviewStore) -> None:
        self.path = Path(str(store.where))
        self._store = store
        self._enabled = True
        self._lock = threading.Lock()

    def store(self) -> SqlReviewStore:
        return self._store  # type: ignore[return-value]

    def enabled(self) -> bool:
        return True

    def api_session(self, username: str, password: str, address: str) -> str:
        """A session token for an API client, after one login (throttled and logged like the form)."""
        return self.login(username, password, address, None)


def unit_code(path: str) -> str | None:
    """``UPT-A`` of /unit/UPT-A/… (the ASGI path is decoded already, as the router sees it)."""
    if not path.startswith("/unit/"):
        return None
    return path[len("/unit/") :].split("/", 1)[0] or None


def scope_visitor(request: Request, visitor: Visitor, code: str) -> tuple[Visitor, Any]:
    """The visitor with roles spread over ``code``'s subtree, and the unit; ``None`` unit when out of reach."""
    from zi_evidence.server import org

    db = request.app.state.db
    today = date.today()
    assert visitor.user is not None
    with db.engine.connect() as connection:
        reach = org.visible_ids(connection, visitor.user, today)
        found = next((u for u in org.tree(connection, today, reach) if u.code == code), None)
        if found is None:
            return visitor, None
        return replace(visitor, user=org.scoped_user(connection, visitor.user, today)), found


class ServerGate:
    """Every page wants a session (else the login form); a unit's pages want a role reaching that unit."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(PUBLIC):
            if scope["type"] == "http" and scope["path"].startswith("/masuk"):
                request = Request(scope)
                accounts = request.app.state.accounts
                visitor = await run_in_threadpool(accounts.visitor, request.cookies.get(COOKIE))
                scope.setdefault("state", {})["visitor"] = visitor
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        visitor = await run_in_threadpool(request.app.state.accounts.visitor, request.cookies.get(COOKIE))
        scope.setdefault("state", {})["visitor"] = visitor
        refusal: Response | None = None
        if visitor.user is None:
            if request.method == "GET":
                wanted = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                refusal = RedirectResponse(f"/masuk?lanjut={quote(wanted, safe='')}", 303)
            else:
                refusal = _refused(
                    request, 401, "Belum masuk", "Silakan masuk dulu; sesi Anda tidak ada atau berakhir."
                )
        else:
            code = unit_code(request.url.path)
            if code is not None:
                scoped, unit = await run_in_threadpool(scope_visitor, request, visitor, code)
                if unit is None:
                    message = f"Unit '{code}' tidak ada atau di luar wewenang akun {visitor.user.username}."
                    refusal = _refused(request, 403, "Tidak berwenang", message)
                else:
                    scope["state"]["visitor"] = scoped
                    scope["state"]["unit"] = unit
        if refusal is None:
            await self.app(scope, receive, send)
        else:
            await refusal(scope, receive, send)


def _refused(request: Request, status: int, title: str, message: str) -> Response:
    from zi_evidence.web.render import render

    data = {"status": status, "title": title, "message": message}
    return render(request, "error.html", data, request.app.state.site, status)
