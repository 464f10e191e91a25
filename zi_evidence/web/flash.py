"""A notice shown once after a write: "jawaban dikirim", "aturan pemetaan ditambahkan".

The redirect after a POST sets a short-lived cookie scoped to the one page it sends to; that page shows
the notice and its answer deletes the cookie, so reloading the page (or a bookmark of it) shows nothing.
The cookie holds only a key: the text comes from the page's own table, never from the request.
"""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from zi_evidence.web.auth import secure_cookie

COOKIE = "zi_kabar"
_KEY = re.compile(r"^[a-z_]{1,20}$")


def redirect(request: Request, page: str, key: str, fragment: str = "") -> RedirectResponse:
    """303 to ``page`` (a path of this site) carrying the notice ``key`` for that page only."""
    response = RedirectResponse(page + (f"#{fragment}" if fragment else ""), 303)
    response.set_cookie(
        COOKIE, key, max_age=300, httponly=True, samesite="lax", secure=secure_cookie(request), path=page
    )
    return response


def notice(request: Request, texts: dict[str, str]) -> str:
    """The text of the notice this request carries, if ``texts`` knows its key."""
    if request.method != "GET":  # an error page answering a POST is no page the redirect sent to
        return ""
    key = request.cookies.get(COOKIE, "")
    return texts.get(key, "") if _KEY.match(key) else ""


def consume(request: Request, response: Response) -> None:
    """Delete the notice once a page at its path has been rendered."""
    if request.method == "GET" and COOKIE in request.cookies:
        response.delete_cookie(
            COOKIE, path=request.url.path, httponly=True, samesite="lax", secure=secure_cookie(request)
        )
