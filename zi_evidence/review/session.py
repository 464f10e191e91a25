"""Opening the review chain of a repository: its store in the state folder, its accounts, and the service
over the rule set's tiers and the catalog's current evidence."""

from __future__ import annotations

from typing import Any

from zi_evidence.errors import CatalogMissing
from zi_evidence.review.accounts import Accounts
from zi_evidence.review.fingerprint import CatalogEvidence
from zi_evidence.review.service import ReviewService
from zi_evidence.review.sqlstore import SqlReviewStore, open_store


def repository_store(repo: Any) -> SqlReviewStore:
    return open_store(repo.state_dir)


def repository_accounts(repo: Any, store: SqlReviewStore | None = None) -> Accounts:
    return Accounts(store or repository_store(repo))


def current_evidence(repo: Any) -> CatalogEvidence:
    """Every question's mapped files as the catalog holds them now (run 'index' after changing files)."""
    if not repo.has_catalog():
        raise CatalogMissing(
            f"{repo.root} belum pernah diindeks, jadi sidik data dukung belum dapat dihitung. "
            f"Jalankan 'zi-evidence index {repo.root}' dahulu."
        )
    with repo.catalog() as catalog:
        return CatalogEvidence(catalog.question_files())


def repository_service(repo: Any, store: SqlReviewStore | None = None) -> ReviewService:
    config = repo.config
    return ReviewService(
        store or repository_store(repo),
        repo.ruleset,
        config.unit.name,
        current_evidence(repo),
        config.year,
        allow_self_approval=config.review.allow_self_approval,
    )
