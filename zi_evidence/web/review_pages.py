"""The review chain on the web: the question page's chain, history and forms, and the queue (/antrean).

Each write is a thin wrapper over ``ReviewService``: session, CSRF token and role for this unit are checked
here, the gates and the write happen in the service's one transaction. The form carries the revision it was
rendered from, so a decision made meanwhile by someone else is refused (409) instead of overwritten.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from zi_evidence.errors import ReviewError, ReviewRefused
from zi_evidence.review import gates
from zi_evidence.review.model import (
    ACCEPTED,
    DECISIONS,
    NEEDS_FIX,
    ROLE_UNIT,
    ROLE_VERIFIER,
    STATUS_LABELS,
    PageRef,
    User,
)
from zi_evidence.review.render import ACTIONS, chain_dict
from zi_evidence.web import flash
from zi_evidence.web.auth import Visitor, visitor_of
from zi_evidence.web.login import Refused, checked_form
from zi_evidence.web.render import render

DONE = {
    "kirim": "Jawaban dikirim ke tingkat berikutnya.",
    "putus": "Keputusan disimpan.",
    "cabut": "Keputusan dicabut.",
}


def _service(site: Any, request: Request) -> Any | None:
    from zi_evidence.review.session import repository_service

    if hasattr(site, "review_service"):  # a unit on the server: its chain on PostgreSQL
        return site.review_service()

    store = request.app.state.accounts.store()
    return None if store is None else repository_service(site.repo, store)


def _ruleset(site: Any) -> Any:
    found = getattr(site, "ruleset", None)  # the server's unit names its rule set; a drive's comes with it
    return found if found is not None else site.repo.ruleset


def _choices(ruleset: Any, question: Any) -> list[str] | None:
    kind = ruleset.answer_types.get(question.answer_type)
    return list(kind.values) if kind is not None and kind.kind == "choice" else None


def _event(event: Any) -> dict[str, Any]:
    import json

    detail = json.loads(event.detail)
    return {
        "seq": event.seq,
        "at": event.at,
        "actor": event.actor,
        "action": event.action,
        "action_label": ACTIONS.get(event.action, event.action),
        "tier": event.tier,
        "status": event.status,
        "status_label": STATUS_LABELS.get(event.status, event.status),
        "round": detail.get("round"),
        "answer": detail.get("answer"),
        "note": detail.get("note") or "",
        "fingerprint": event.fingerprint,
    }


def _actions(service: Any, chain: Any, user: User | None) -> dict[str, Any]:
    """The forms ``user`` may use now on this question (none for a visitor who is not logged in)."""
    found: dict[str, Any] = {"submit": None, "decide": [], "revoke": []}
    if user is None:
        return found
    base = chain.tiers[0]
    if user.has(ROLE_UNIT, service.unit) and base.open:
        found["submit"] = {"tier": base.key, "revision": base.review.revision if base.review else 0}
    for n, state in enumerate(chain.tiers[1:], start=1):
        if not user.has(ROLE_VERIFIER, service.unit, state.key):
            continue
        revision = state.review.revision if state.review else 0
        entry = {"tier": state.key, "label": state.label, "revision": revision}
        if service._may_decide(chain, state.key, user):
            lower = chain.tiers[n - 1].review
            found["decide"].append({**entry, "answer": lower.answer if lower else None})
        if state.current and state.review is not None and state.review.status == ACCEPTED:
            try:
                gates.check_revoke(chain, state.key)
            except ReviewRefused:
                continue
            found["revoke"].append(entry)
    return found


def changed_tiers(chain: Any) -> list[str]:
    """The tiers whose current decision was made on other evidence than the question has now: the chain's
    *berubah sejak diperiksa*, and also a send-back the unit has since answered by changing files."""
    now = chain.evidence.fingerprint
    found = []
    for state in chain.tiers[1:]:
        review = state.review
        sent_back = state.current and review is not None and review.status == NEEDS_FIX and review.fingerprint != now
        if state.changed or sent_back:
            found.append(state.key)
    return found


def section(site: Any, request: Request, question_id: str) -> dict[str, Any]:
    """The question's review chain for the question page and its JSON twin."""
    visitor = visitor_of(request)
    ruleset = _ruleset(site)
    question = ruleset.question(question_id)
    empty: dict[str, Any] = {"enabled": visitor.enabled, "chain": None, "history": [], "choices": None}
    empty.update(actions=_actions(None, None, None), changed_tiers=[], error="", done="")
    if question is None:
        return {**empty, "note": "Komponen hasil tidak diperiksa per tingkat; rantai pemeriksaan untuk pertanyaan LKE."}
    service = _service(site, request)
    if service is None:
        return {**empty, "note": "Belum ada pemeriksaan: buat akun dengan 'zi-evidence users add' untuk memulai."}
    chain = service.chain(question_id)
    done = flash.notice(request, DONE)
    return {
        "enabled": visitor.enabled,
        "note": "",
        "chain": chain_dict(chain),
        "history": [_event(e) for e in service.history(question_id)],
        "actions": _actions(service, chain, visitor.user),
        "choices": _choices(ruleset, question),
        "changed_tiers": changed_tiers(chain),
        "error": "",
        "done": done,
    }


def queue_data(site: Any, request: Request) -> dict[str, Any]:
    visitor = visitor_of(request)
    service = _service(site, request) if visitor.user is not None else None
    items = []
    if service is not None and visitor.user is not None:
        for item in service.queue(visitor.user):
            question = _ruleset(site).question(item.question_id)
            items.append(
                {
                    "question": item.question_id,
                    "label": question.label if question else "",
                    "tier": item.tier,
                    "reason": item.reason,
                    "state": item.chain.tier(item.tier).shown,
                    "round": item.chain.round,
                }
            )
    user = visitor.user.username if visitor.user else None
    return {"enabled": visitor.enabled, "user": user, "items": items}


# -- writes ----------------------------------------------------------------------------------------


def _text(form: Mapping[str, Any], name: str) -> str:
    value = form.get(name, "")
    return value.strip() if isinstance(value, str) else ""


def _revision(form: Mapping[str, Any]) -> int | None:
    text = _text(form, "revisi")
    return int(text) if text.isdigit() else None


def _refs(form: Mapping[str, Any]) -> list[PageRef]:
    listed = form.get("rujukan")  # the JSON twin: [{"sha256": …, "page": …}, …]
    if isinstance(listed, list):
        refs = []
        for ref in listed:
            page = ref.get("page") if isinstance(ref, dict) else None
            if (
                not isinstance(page, int)
                or isinstance(page, bool)
                or page < 1
                or not isinstance(ref.get("sha256"), str)
            ):
                raise ReviewRefused('Setiap rujukan berbentuk {"sha256": "…", "page": N} dengan N mulai 1.')
            refs.append(PageRef(ref["sha256"].lower(), page))
        return refs
    sha256, page = _text(form, "berkas").lower(), _text(form, "hal")
    if not sha256:
        return []
    if not page.isdigit() or int(page) < 1:
        raise ReviewRefused("Rujukan halaman perlu nomor halaman (mulai 1) untuk berkas yang dipilih.")
    return [PageRef(sha256, int(page))]


def _require(user: User, role: str, unit: str, tier: str | None, what: str) -> None:
    try:
        gates.require_role(user, role, unit, tier, what)
    except ReviewRefused as exc:
        raise Refused(403, str(exc)) from None


def act(site: Any, request: Request, visitor: Visitor, kind: str, question_id: str, form: Mapping[str, Any]) -> None:
    """Run one write (``kind`` of DONE) of a checked visitor; raises ``Refused`` or ``ReviewError``."""
    service = _service(site, request)
    user = visitor.user
    assert service is not None and user is not None  # checked_form made sure of both
    if _ruleset(site).question(question_id) is None:
        raise Refused(404, f"Pertanyaan '{question_id}' tidak ada di rule set ini.")
    answer = _text(form, "jawaban") or None
    note, revision = _text(form, "catatan"), _revision(form)
    if kind == "kirim":
        _require(user, ROLE_UNIT, service.unit, None, "mengirim jawaban unit")
        service.submit(user, question_id, answer, note, _refs(form), revision)
        return
    tier = _text(form, "tingkat")
    _require(user, ROLE_VERIFIER, service.unit, tier, f"memutus di tingkat {tier}")
    if kind == "putus":
        status = _text(form, "status")
        if status not in DECISIONS:
            raise ReviewRefused(f"Pilih keputusan: {', '.join(STATUS_LABELS[d] for d in DECISIONS)}.")
        service.decide(user, question_id, tier, status, answer, note, _refs(form), revision)
    else:
        service.revoke(user, question_id, tier, note, revision)


def _page_with_error(request: Request, question_id: str, status: int, message: str) -> Response:
    from zi_evidence.web import data

    site = request.app.state.site
    found = data.question(site, question_id)
    if found is None:
        return render(request, "error.html", {"status": 404, "title": "Tidak ditemukan", "message": message}, site, 404)
    found["review"] = {**section(site, request, question_id), "error": message, "done": ""}
    return render(request, "question.html", found, site, status)


def _endpoint(kind: str) -> Any:
    async def endpoint(request: Request) -> Response:
        question_id = request.path_params["question_id"]
        site = request.app.state.site
        try:
            visitor, form = await checked_form(request)
            await run_in_threadpool(act, site, request, visitor, kind, question_id, form)
        except Refused as exc:
            return await run_in_threadpool(_page_with_error, request, question_id, exc.status, str(exc))
        except ReviewError as exc:  # a gate, a stale form or a writer that won the race: 409, state unchanged
            return await run_in_threadpool(_page_with_error, request, question_id, 409, str(exc))
        return flash.redirect(request, f"/pertanyaan/{question_id}", kind, "pemeriksaan")

    return endpoint


def routes() -> list[BaseRoute]:
    return [Route(f"/pertanyaan/{{question_id}}/{kind}", _endpoint(kind), methods=["POST"]) for kind in DONE]
