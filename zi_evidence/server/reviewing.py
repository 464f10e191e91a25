"""The review chain on the server: the same ``ReviewService`` as on a unit's laptop, over the server's
review tables of one unit and year and the evidence the unit pushed that year, with roles spread over
the organisation tree."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select

from zi_evidence.errors import ServerError
from zi_evidence.review.fingerprint import CatalogEvidence
from zi_evidence.review.model import User
from zi_evidence.review.service import ReviewService
from zi_evidence.server.database import ServerDb
from zi_evidence.server.org import scoped_user, unit_id, visible_ids
from zi_evidence.server.tables import snapshots, unit_files
from zi_evidence.server.yearstore import YearStore


def review_service(db: ServerDb, code: str, year: int, host: Any = None) -> ReviewService:
    from zi_evidence.plugins import make_plugin_manager
    from zi_evidence.rulesets import RulesetRegistry

    with db.engine.connect() as connection:
        unit = unit_id(connection, code)
        summary = connection.execute(
            select(snapshots.c.summary).where(snapshots.c.unit_id == unit, snapshots.c.year == year)
        ).scalar()
        if not summary or summary == "{}":
            raise ServerError(f"Unit '{code}' belum mengirim snapshot tahun {year}; minta unit menjalankan 'push'.")
        files: dict[str, list[tuple[str, str]]] = {}
        rows = connection.execute(
            select(unit_files.c.question, unit_files.c.path, unit_files.c.sha256).where(
                unit_files.c.unit_id == unit, unit_files.c.year == year, unit_files.c.mapping == "question"
            )
        )
        for question, path, sha256 in rows:
            files.setdefault(question, []).append((path, sha256))
    ruleset = RulesetRegistry.from_host(host or make_plugin_manager()).get(json.loads(summary)["ruleset"])
    return ReviewService(YearStore(db.reviews, code, year), ruleset, code, CatalogEvidence(files), year)


def reviewer(db: ServerDb, user: User, code: str, today: date) -> User:
    """``user`` as the chain must see them for unit ``code``; refused when the unit is outside their reach."""
    with db.engine.connect() as connection:
        if unit_id(connection, code) not in visible_ids(connection, user, today):
            raise ServerError(f"Unit '{code}' di luar wewenang {user.username}.")
        return scoped_user(connection, user, today)
