"""The review forms of a unit's question page on the server: CSRF-checked, refused for the unit's own tier,
for a past year and for a form shown before the unit pushed a newer year; a refusal shows the page again."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from zi_evidence.errors import ReviewError
from zi_evidence.server import unitsite
from zi_evidence.server.unit_pages import past_year, review_section, unit_site
from zi_evidence.web import login, review_pages
from zi_evidence.web.render import render

UNIT_TIER = (
    "Jawaban tingkat unit dikirim dari komputer unit ('zi-evidence review submit', lalu 'zi-evidence push'), "
    "bukan di server: kiriman berikutnya akan menimpanya."
)


def _stale_year(site: unitsite.UnitSite, form: Any) -> str:
    """A form shown while another year was the latest, sent after the unit pushed a newer one: it would
    decide on evidence its sender never saw."""
    sent = form.get("tahun")
    if not isinstance(sent, str) or not sent or sent == str(site.year):
        return ""
    return (
        f"Formulir ini dibuat di halaman tahun {sent}, padahal unit ini kini sudah mengirim tahun {site.year}; "
        "keputusan tidak disimpan. Muat ulang halaman, periksa data dukung tahun itu, lalu putuskan lagi."
    )


def endpoint_for(kind: str) -> Any:
    """The POST endpoint of one review action (``review_pages.DONE``) on a question of the unit."""

    async def endpoint(request: Request) -> Response:
        question_id = request.path_params["question_id"]
        site = await run_in_threadpool(unit_site, request)
        try:
            visitor, form = await login.checked_form(request)
            if kind == "kirim":
                raise login.Refused(403, UNIT_TIER)
            if past_year(site):
                raise login.Refused(409, past_year(site))
            if _stale_year(site, form):
                raise login.Refused(409, _stale_year(site, form))
            await run_in_threadpool(review_pages.act, site, request, visitor, kind, question_id, form)
        except login.Refused as exc:
            return await run_in_threadpool(_with_error, request, site, question_id, exc.status, str(exc))
        except ReviewError as exc:  # a gate, a stale form or a writer that won the race: 409, state unchanged
            return await run_in_threadpool(_with_error, request, site, question_id, 409, str(exc))
        return RedirectResponse(f"{site.base}/pertanyaan/{question_id}?selesai={kind}#pemeriksaan", 303)

    return endpoint


def _with_error(request: Request, site: unitsite.UnitSite, question_id: str, status: int, message: str) -> Response:
    with request.app.state.db.engine.connect() as connection:
        found = unitsite.question(connection, site, question_id)
    if found is None:
        data = {"status": 404, "title": "Tidak ditemukan", "message": message}
        return render(request, "error.html", data, site, 404)
    found["review"] = {**review_section(site, request, question_id), "error": message, "done": ""}
    return render(request, "question.html", found, site, status)
