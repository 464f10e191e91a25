"""Mapping suggestions on the pages: each open file's likely questions and why, whether a rule in
zi-evidence.yaml already maps the file (the catalog follows it only after the next index), and whether
the visitor may accept a suggestion (the unit's own team, ``tim_unit`` of this unit)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from zi_evidence.index.mapping import Mapper
from zi_evidence.readiness.listing import MAPPING_LABELS
from zi_evidence.review.model import ROLE_UNIT
from zi_evidence.web import flash
from zi_evidence.web.auth import visitor_of
from zi_evidence.web.site import Site

#: the notices after accepting (flash keys)
DONE = {
    "peta": "Aturan pemetaan ditambahkan di zi-evidence.yaml; berkasnya tidak dipindah atau diubah.",
    "peta_ada": "Aturan pemetaan itu sudah ada di zi-evidence.yaml; tidak ada yang diubah.",
}


def may_accept(site: Site, request: Request) -> bool:
    user = visitor_of(request).user
    return user is not None and user.has(ROLE_UNIT, site.repo.config.unit.name)


def next_step(site: Site, request: Request) -> str:
    """What the user must do before the catalog (and every page) follows a new rule."""
    if getattr(request.app.state, "watching", False):
        return (
            "Pemantauan ('serve --watch') menerapkan aturan baru dalam beberapa detik; muat ulang halaman ini "
            "sebentar lagi."
        )
    return (
        f"Jalankan 'zi-evidence index {site.repo.root}' (hanya pemetaan yang dihitung ulang), lalu muat ulang "
        "halaman ini; 'zi-evidence watch' yang sedang berjalan melakukannya sendiri."
    )


def _guesses(suggestion: Any) -> list[dict[str, Any]]:
    return [
        {
            "question": g.question,
            "label": g.label,
            "score": g.score,
            "reasons": list(g.reasons),
            "command": suggestion.command_for(g.question),
        }
        for g in suggestion.guesses
    ]


def _pending(mapper: Mapper, path: str, target: str | None, status: str) -> dict[str, Any] | None:
    """Where zi-evidence.yaml maps ``path`` now, when the catalog still says otherwise."""
    now = mapper.map(path)
    if (now.target_id, now.status) == (target, status):
        return None
    label = MAPPING_LABELS.get(now.status, now.status)
    return {"target": now.target_id, "mapping": now.status, "mapping_label": label, "reason": now.reason}


def _frame(site: Site, request: Request) -> dict[str, Any]:
    return {
        "may_accept": may_accept(site, request),
        "next_step": next_step(site, request),
        "done": flash.notice(request, DONE),
        "error": "",
    }


def listing(site: Site, request: Request) -> dict[str, Any]:
    """Every suggestion of the catalog now, for Belum terpetakan."""
    site.require_catalog()
    repo = site.repo
    found = site.readiness().suggestions
    with repo.catalog() as catalog:
        rows = {shown: (file_id, target, status) for file_id, (shown, target, status, _) in catalog.mappings().items()}
    mapper = Mapper(repo.ruleset, repo.config.mapping)
    items = []
    for suggestion in found:
        if suggestion.path not in rows:
            continue  # the file left the catalog after the snapshot was built
        file_id, target, status = rows[suggestion.path]
        items.append(
            {
                "file_id": file_id,
                "path": suggestion.path,
                "mapping": suggestion.mapping_status,
                "mapping_label": MAPPING_LABELS.get(suggestion.mapping_status, suggestion.mapping_status),
                "current": suggestion.current,
                "guesses": _guesses(suggestion),
                "pending": _pending(mapper, suggestion.path, target, status),
            }
        )
    return {**_frame(site, request), "files": items}


def for_file(site: Site, request: Request, meta: dict[str, Any]) -> dict[str, Any]:
    """The suggestion of one file (its page), and a rule already accepted for it."""
    repo = site.repo
    found = next((s for s in site.readiness().suggestions if s.path == meta["path"]), None)
    mapper = Mapper(repo.ruleset, repo.config.mapping)
    return {
        **_frame(site, request),
        "file_id": meta["id"],
        "guesses": _guesses(found) if found is not None else [],
        "pending": _pending(mapper, meta["path"], meta["question"], meta["mapping"]),
    }
