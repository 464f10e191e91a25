"""The review database's tables as SQLAlchemy Core objects, for the queries of ``sqlstore``.

The schema itself is made by the migrations (``migrations/versions``); a test keeps the two equal.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Integer, MetaData, String, Table, Text, UniqueConstraint

metadata = MetaData()

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("display_name", Text, nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_at", String(40), nullable=False),
)

roles = Table(
    "roles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("role", String(20), nullable=False),
    Column("unit", Text, nullable=False),
    Column("tier", String(40), nullable=False),  # '' for roles without a tier
    UniqueConstraint("user_id", "role", "unit", "tier", name="uq_roles"),
)

login_attempts = Table(
    "login_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", Text, nullable=False, index=True),
    Column("at", String(40), nullable=False),
    Column("ok", Boolean, nullable=False),
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit", Text, nullable=False),
    Column("question_id", String(40), nullable=False),
    Column("tier", String(40), nullable=False),
    Column("round", Integer, nullable=False),
    Column("status", String(20), nullable=False),
    Column("answer", Text),
    Column("note", Text, nullable=False),
    Column("page_refs", Text, nullable=False),  # JSON list of {sha256, page}
    Column("reviewer", String(64), nullable=False),
    Column("at", String(40), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("revision", Integer, nullable=False),
    UniqueConstraint("unit", "question_id", "tier", name="uq_reviews"),
)

events = Table(
    "events",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(40), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("action", String(30), nullable=False),
    Column("unit", Text, nullable=False),
    Column("question_id", String(40), nullable=False, index=True),
    Column("tier", String(40), nullable=False),
    Column("status", String(20), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("detail", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("length", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
)

web_sessions = Table(
    "web_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),  # the cookie's token is never stored, only its hash
    Column("username", String(64), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("expires_at", String(40), nullable=False),
)
