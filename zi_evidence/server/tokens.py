"""Per-unit push tokens: an admin issues one, the unit's ``push`` presents it. Only its SHA-256 is stored,
so a copy of the database does not let anyone push."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import Connection, insert, select, update

from zi_evidence.errors import TokenRefused
from zi_evidence.review.clock import utc_now
from zi_evidence.server.org import unit_id
from zi_evidence.server.tables import unit_tokens, units

PREFIX = "zit_"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue(db: Connection, code: str, admin: str) -> str:
    """A new token for unit ``code``; shown once, never stored in clear."""
    token = PREFIX + secrets.token_urlsafe(32)
    db.execute(
        insert(unit_tokens).values(
            token_hash=_hash(token), unit_id=unit_id(db, code), issued_at=utc_now().isoformat(), issued_by=admin,
            revoked=False,
        )
    )  # fmt: skip
    return token


def revoke_all(db: Connection, code: str) -> int:
    changed = db.execute(update(unit_tokens).where(unit_tokens.c.unit_id == unit_id(db, code)).values(revoked=True))
    return int(changed.rowcount)


def unit_of(db: Connection, token: str) -> tuple[int, str]:
    """The unit a token belongs to (id, code); refused when unknown or revoked."""
    row = db.execute(
        select(units.c.id, units.c.code)
        .join(unit_tokens, unit_tokens.c.unit_id == units.c.id)
        .where(unit_tokens.c.token_hash == _hash(token), unit_tokens.c.revoked.is_(False))
    ).first()
    if row is None:
        raise TokenRefused("Token unit tidak dikenal atau sudah dicabut. Minta token baru kepada admin server.")
    return int(row.id), str(row.code)
