"""Accepting a mapping suggestion on the web: ``POST /berkas/{id}/petakan`` and its JSON twin.

The same library call as ``zi-evidence map`` (``accept.add_mapping_rule``): one rule in zi-evidence.yaml,
never a moved or changed file. Session, CSRF token and the ``tim_unit`` role of this unit are checked first;
the file is the catalog's row of that id, never a path from the request. The acceptance is a row of the
audit log, appended in the transaction that wraps the config write, so a refused write leaves neither.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from zi_evidence.errors import ReviewRefused, ZiError
from zi_evidence.review import gates
from zi_evidence.review.model import ROLE_UNIT
from zi_evidence.suggest.accept import Accepted, resolve_target
from zi_evidence.suggest.audited import accept_audited
from zi_evidence.web import flash, suggestions
from zi_evidence.web.auth import Visitor
from zi_evidence.web.login import Refused, checked_form, checked_json, json_refusal
from zi_evidence.web.render import render
from zi_evidence.web.site import Site

#: the page a form came back from: its file's page, or the Belum terpetakan list
BACK = {"daftar": ("/belum-terpetakan", "unmapped.html"), "berkas": ("/berkas/{file_id}", "file.html")}


def accept(site: Site, request: Request, visitor: Visitor, file_id: int, given: str) -> tuple[str, Accepted]:
    """Add the rule for catalog file ``file_id`` → ``given``; raises ``Refused`` or a ``ZiError``."""
    user = visitor.user
    assert user is not None  # checked_form made sure
    repo = site.repo  # a broken zi-evidence.yaml raises here, with its file and line
    try:
        gates.require_role(user, ROLE_UNIT, repo.config.unit.name, None, "menerima saran pemetaan")
    except ReviewRefused as exc:
        raise Refused(403, str(exc)) from None
    if not given:
        raise Refused(400, "Pilih pertanyaan yang diterima: isian 'pertanyaan' kosong.")
    site.require_catalog()
    with repo.catalog() as catalog:
        record = catalog.record(file_id)
    if record is None:
        raise Refused(404, f"Berkas nomor {file_id} tidak ada dalam katalog. Muat ulang halaman lalu pilih lagi.")
    try:
        target = resolve_target(repo.ruleset, given)
    except ZiError as exc:
        raise Refused(400, str(exc)) from None
    shown = record.display
    store = request.app.state.accounts.store()
    assert store is not None  # a logged-in visitor has an account in it
    return shown, accept_audited(
        store, user.username, repo.config.unit.name, repo.config.config_path, shown, target, "web"
    )


def _text(form: Mapping[str, Any], name: str) -> str:
    value = form.get(name, "")
    return value.strip() if isinstance(value, str) else ""


def _page_with_error(request: Request, back: str, status: int, message: str) -> Response:
    from zi_evidence.web.pages import PAGES

    site = request.app.state.site
    path, template = BACK[back]
    fn = next(f for p, _, f in PAGES if p.replace(":int", "") == path)
    try:
        found = fn(site, request)  # the route's path parameter is the page's too
    except (ZiError, HTTPException):  # the page itself cannot be built (config broken…): the message alone
        found = None
    if found is None:
        data = {"status": status, "title": "Saran tidak diterima", "message": message}
        return render(request, "error.html", data, site, status)
    key = "suggestions" if back == "daftar" else "suggestion"
    found[key] = {**found[key], "error": message, "done": ""}
    return render(request, template, found, site, status)


async def accept_form(request: Request) -> Response:
    file_id = request.path_params["file_id"]
    site = request.app.state.site
    back = "berkas"
    try:
        visitor, form = await checked_form(request)
        back = "daftar" if _text(form, "kembali") == "daftar" else "berkas"
        _, accepted = await run_in_threadpool(accept, site, request, visitor, file_id, _text(form, "pertanyaan"))
    except Refused as exc:
        return await run_in_threadpool(_page_with_error, request, back, exc.status, str(exc))
    except ZiError as exc:  # config unreadable, not writable, or in a form a rule cannot safely go into
        return await run_in_threadpool(_page_with_error, request, back, 409, str(exc))
    page = BACK[back][0].format(file_id=file_id)
    return flash.redirect(request, page, "peta" if accepted.changed else "peta_ada", "saran")


async def accept_api(request: Request) -> Response:
    file_id = request.path_params["file_id"]
    site = request.app.state.site
    example = '{"pertanyaan": "A.I.1.i.a"}'
    try:
        visitor, body = await checked_json(request, example)
        given = body.get("pertanyaan")
        if not isinstance(given, str):
            raise Refused(400, f"Isi permintaan harus objek JSON, mis. {example}.")
        shown, accepted = await run_in_threadpool(accept, site, request, visitor, file_id, given.strip())
    except Refused as exc:
        return json_refusal(exc.status, str(exc))
    except ZiError as exc:
        return json_refusal(409, str(exc))
    answer = {
        "file_id": file_id,
        "path": shown,
        "rule": accepted.pattern,
        "target": accepted.target_id,
        "changed": accepted.changed,
        "notice": suggestions.DONE["peta" if accepted.changed else "peta_ada"],
        "next_step": suggestions.next_step(site, request),
    }
    return JSONResponse({"accepted": answer})


def routes() -> list[BaseRoute]:
    return [
        Route("/berkas/{file_id:int}/petakan", accept_form, methods=["POST"]),
        Route("/api/berkas/{file_id:int}/petakan", accept_api, methods=["POST"]),
    ]
