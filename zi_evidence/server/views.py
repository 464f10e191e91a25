"""What reviewers read from the server, always limited to the units their roles reach on the day:
the tree, a unit's placement history, the live roll-up, reuse findings and search."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Connection, func, select, tuple_

from zi_evidence.errors import ServerError, ZiError
from zi_evidence.review.model import User
from zi_evidence.server import org, reuse
from zi_evidence.server.tables import reviews, snapshots, units

Params = Mapping[str, str]


def scope(db: Connection, user: User, params: Params, today: date) -> set[int]:
    """The units this request covers: the user's reach, narrowed to ``?unit=CODE``'s subtree if given."""
    reach = org.visible_ids(db, user, today)
    node = params.get("unit") or params.get("node")
    if node:
        root = org.unit_id(db, node)
        if root not in reach:
            raise ServerError(f"Unit '{node}' di luar wewenang Anda.")
        reach &= org.subtree_ids(db, [root], today)
    return reach


def units_view(db: Connection, user: User, params: Params, path: Params, today: date) -> dict[str, Any]:
    shown = org.tree(db, today, scope(db, user, params, today))
    return {"date": today.isoformat(), "units": [u.__dict__ for u in shown]}


def history_view(db: Connection, user: User, params: Params, path: Params, today: date) -> dict[str, Any]:
    code = path["code"]
    if org.unit_id(db, code) not in org.visible_ids(db, user, today):
        raise ServerError(f"Unit '{code}' di luar wewenang Anda.")
    placements = [
        {"parent": p.parent, "valid_from": p.valid_from.isoformat(), "valid_to": p.valid_to and p.valid_to.isoformat()}
        for p in org.history(db, code)
    ]
    rows = db.execute(
        select(snapshots.c.year, snapshots.c.pushed_at).join(units, units.c.id == snapshots.c.unit_id)
        .where(units.c.code == code).order_by(snapshots.c.year)
    )  # fmt: skip
    return {"unit": code, "placements": placements, "snapshots": [{"year": r[0], "pushed_at": r[1]} for r in rows]}


@cache
def _host() -> Any:
    """The plugins, loaded once per process (the server never reloads them while it runs)."""
    from zi_evidence.plugins import make_plugin_manager

    return make_plugin_manager()


@cache
def _rulesets() -> Any:
    from zi_evidence.rulesets import RulesetRegistry

    return RulesetRegistry.from_host(_host())


def _deadlines(cache: dict[tuple[str, int], dict[str, str | None]], summary: dict[str, Any], year: int) -> Any:
    """Each tier's deadline in the unit's rule set for that year (read once per rule set and year)."""
    key = (str(summary.get("ruleset", "")), year)
    if key not in cache:
        try:
            ruleset = _rulesets().get(key[0])
        except ZiError:
            cache[key] = {}
        else:
            found = {t.key: ruleset.tier_deadline(t, year) for t in ruleset.tiers}
            cache[key] = {k: v.isoformat() if v else None for k, v in found.items()}
    return cache[key]


def rollup_view(db: Connection, user: User, params: Params, path: Params, today: date) -> dict[str, Any]:
    """Every unit in scope with its last snapshot's scores and completeness and its review progress."""
    ids = scope(db, user, params, today)
    year = int(params["year"]) if params.get("year") else None
    shown = org.tree(db, today, ids)
    latest: dict[str, Any] = {}
    for unit in shown:
        found = select(snapshots).where(snapshots.c.unit_id == unit.id, snapshots.c.digest != "")
        if year is not None:
            found = found.where(snapshots.c.year == year)
        latest[unit.code] = db.execute(found.order_by(snapshots.c.year.desc())).first()
    # each unit's progress counts the reviews of the year shown, never an earlier year's chain
    progress: dict[str, dict[str, dict[str, int]]] = {}
    pairs = [(code, row.year) for code, row in latest.items() if row is not None]
    query = (
        select(reviews.c.unit, reviews.c.tier, reviews.c.status, func.count())
        .where(tuple_(reviews.c.unit, reviews.c.year).in_(pairs))
        .group_by(reviews.c.unit, reviews.c.tier, reviews.c.status)
    )
    for unit_code, tier, status, count in db.execute(query) if pairs else ():
        progress.setdefault(unit_code, {}).setdefault(tier, {})[status] = count
    rows: list[dict[str, Any]] = []
    deadlines: dict[tuple[str, int], dict[str, str | None]] = {}
    for unit in shown:
        row = latest[unit.code]
        summary = json.loads(row.summary) if row else None
        rows.append(
            {
                "unit": unit.code, "name": unit.name, "kind": unit.kind, "parent": unit.parent,
                "year": row.year if row else None, "pushed_at": row.pushed_at if row else None,
                "summary": summary, "reviews": progress.get(unit.code, {}),
                "deadlines": _deadlines(deadlines, summary, row.year) if row and summary else {},
            }
        )  # fmt: skip
    return {"date": today.isoformat(), "units": rows}


def duplicates_view(db: Connection, user: User, params: Params, path: Params, today: date) -> dict[str, Any]:
    return {"findings": [f.as_dict() for f in reuse.findings(db, scope(db, user, params, today))]}


def search_view(db: Connection, user: User, params: Params, path: Params, today: date) -> dict[str, Any]:
    query = params.get("q", "").strip()
    if not query:
        raise ServerError("Tulis kata yang dicari pada ?q=…")
    engines = [b for b in _host().search_backends().values() if hasattr(b, "server_search")]
    if not engines:
        raise ServerError("Tidak ada plugin pencarian server (zi_evidence_pgsearch). Pasang ulang zi-evidence.")
    from zi_evidence.server.search_filters import resolve

    limit = params.get("limit", "20")
    if not limit.isdigit():
        raise ServerError(f"limit '{limit}' bukan bilangan: tulis mis. ?limit=20 (paling banyak 100).")
    units = sorted(scope(db, user, params, today))
    chosen = resolve(db, dict(params), units, _host(), _rulesets())
    found = engines[0].server_search(
        db, query, units, chosen.year, chosen.question, min(int(limit), 100),
        questions=chosen.questions, file_type=chosen.file_type,
    )  # fmt: skip
    from zi_evidence.redact import mask_segments

    hits = [{**hit, "snippet": mask_segments(_host(), hit["snippet"])} for hit in found.hits]
    return {"query": query, "hits": hits, "matched": found.matched, "capped": found.capped}
