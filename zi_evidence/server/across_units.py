"""The server's pages across the units the signed-in user reaches: the unit list (the live roll-up), search
(everywhere, or under /unit/<code>/ that unit's subtree) and the review queue."""

from __future__ import annotations

from datetime import date
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from zi_evidence.server import unitsite, views
from zi_evidence.server.unit_pages import unit_site
from zi_evidence.web.auth import visitor_of
from zi_evidence.web.render import render


async def units_page(request: Request) -> Response:
    def work() -> Any:
        user = visitor_of(request).user
        with request.app.state.db.engine.connect() as connection:
            return views.rollup_view(connection, user, {}, {}, date.today())  # type: ignore[arg-type]

    return render(request, "units.html", await run_in_threadpool(work), request.app.state.site)


def _search_data(db: Any, request: Request, unit_ids: list[int], year: int | None = None) -> dict[str, Any]:
    """``year``: the one a reviewer picked for the unit's pages, searched unless the form names another."""
    from zi_evidence.server.search_page import search_page

    q = request.query_params
    filters = {name: q.get(name, "").strip() for name in ("area", "question", "kind", "year")}
    if year is not None and "year" not in q:
        filters["year"] = str(year)
    return search_page(db, q.get("q", ""), filters, unit_ids, views._host(), views._rulesets())


async def search(request: Request) -> Response:
    """Search across every unit the user reaches (or, under /unit/<code>/, that unit's subtree)."""
    from zi_evidence.server import org

    def work() -> tuple[Any, dict[str, Any]]:
        user = visitor_of(request).user
        assert user is not None
        site: Any = request.app.state.site
        today = date.today()
        with request.app.state.db.engine.connect() as connection:
            reach = org.visible_ids(connection, user, today)
            year = None
            if "unit" in request.scope["state"]:
                site = unit_site(request)
                reach &= org.subtree_ids(connection, [site.unit_id], today)
                year = site.year if site.chosen else None
            return site, _search_data(connection, request, sorted(reach), year)

    site, found = await run_in_threadpool(work)
    return render(request, "search.html", found, site)


def queue_items(request: Request) -> list[dict[str, Any]]:
    """What waits for the user in every unit they reach that has pushed, unit by unit."""
    from zi_evidence.server import org

    user = visitor_of(request).user
    assert user is not None
    db, today, items = request.app.state.db, date.today(), []
    with db.engine.connect() as connection:
        reach = org.visible_ids(connection, user, today)
        scoped = org.scoped_user(connection, user, today)
        units = [u for u in org.tree(connection, today, reach) if unitsite.has_snapshot(connection, u.id)]
        sites = [unitsite.open_unit(db, connection, u, views._host(), views._rulesets()) for u in units]
    for site in sites:
        for item in site.review_service().queue(scoped):
            if item.tier == item.chain.tiers[0].key:
                continue  # the unit tier is answered on the unit's computer
            question = site.ruleset.question(item.question_id)
            items.append(
                {
                    "unit": site.code, "question": item.question_id, "label": question.label if question else "",
                    "tier": item.tier, "reason": item.reason, "state": item.chain.tier(item.tier).shown,
                    "round": item.chain.round, "href": f"{site.base}/pertanyaan/{item.question_id}#pemeriksaan",
                }
            )  # fmt: skip
    return items


async def queue_page(request: Request) -> Response:
    user = visitor_of(request).user
    found = {
        "enabled": True,
        "user": user.username if user else None,
        "items": await run_in_threadpool(queue_items, request),
    }
    return render(request, "queue.html", found, request.app.state.site)
