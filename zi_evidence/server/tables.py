"""The server's tables as SQLAlchemy Core objects; the schema is made by ``migrations`` (a test keeps the
two equal)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from zi_evidence.review import tables as chain

metadata = MetaData()

units = Table(
    "units",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(64), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("kind", String(20), nullable=False),
)

placements = Table(
    "placements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False, index=True),
    Column("parent_id", Integer, ForeignKey("units.id")),
    Column("valid_from", Date, nullable=False),
    Column("valid_to", Date),
)

unit_tokens = Table(
    "unit_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("issued_at", String(40), nullable=False),
    Column("issued_by", String(64), nullable=False),
    Column("revoked", Boolean, nullable=False),
)

blobs = Table(
    "blobs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
)

pending_blobs = Table(
    "pending_blobs",
    metadata,
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", BigInteger, nullable=False),
    PrimaryKeyConstraint("unit_id", "sha256"),
)

pages = Table(
    "pages",
    metadata,
    Column("sha256", String(64), nullable=False),
    Column("page_no", Integer, nullable=False),
    Column("body", Text, nullable=False),
    PrimaryKeyConstraint("sha256", "page_no"),
)

text_digests = Table(
    "text_digests",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("digest", String(64), nullable=False, index=True),
    Column("chars", Integer, nullable=False),
)

snapshots = Table(
    "snapshots",
    metadata,
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("pushed_at", String(40), nullable=False),
    Column("summary", Text, nullable=False),
    PrimaryKeyConstraint("unit_id", "year"),
)

unit_files = Table(
    "unit_files",
    metadata,
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("path", Text, nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("size", BigInteger, nullable=False),
    Column("mime", Text, nullable=False),
    Column("question", String(40)),
    Column("mapping", String(20), nullable=False),
    Column("parser", Text),
    Column("parser_version", Text),
    Column("first_seen", String(40), nullable=False),
    PrimaryKeyConstraint("unit_id", "year", "path"),
)

unit_findings = Table(
    "unit_findings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("code", Text, nullable=False),
    Column("severity", String(10), nullable=False),
    Column("question", String(40)),
    Column("path", Text),
    Column("message", Text, nullable=False),
    Index("ix_unit_findings_unit", "unit_id", "year"),
)

unit_answers = Table(
    "unit_answers",
    metadata,
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("question", String(40), nullable=False),
    Column("answer", Text, nullable=False),
    PrimaryKeyConstraint("unit_id", "year", "question"),
)

unit_views = Table(
    "unit_views",
    metadata,
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("data", Text, nullable=False),
    PrimaryKeyConstraint("unit_id", "year", "name"),
)

text_sketches = Table(
    "text_sketches",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("signature", LargeBinary, nullable=False),
    Column("shingles", Integer, nullable=False),
)

# one row per file: its LSH band keys in band order, found by overlap (``&&``) through the GIN index
text_band_sets = Table(
    "text_band_sets",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("bands", ARRAY(BigInteger), nullable=False),
    Index("ix_text_band_sets_bands", "bands", postgresql_using="gin", postgresql_with={"fastupdate": "off"}),
)

similar_texts = Table(
    "similar_texts",
    metadata,
    Column("sha_a", String(64), nullable=False),
    Column("sha_b", String(64), nullable=False, index=True),
    Column("similarity", Float, nullable=False),
    PrimaryKeyConstraint("sha_a", "sha_b"),
)


def _with_year(table: Table, *extra: Any) -> Table:
    """A review chain table as the server has it (s0004): the same columns, and the snapshot year."""
    copied = [c._copy() for c in table.columns]
    return Table(table.name, metadata, *copied, Column("year", Integer, nullable=False), *extra)


#: the review chain's rows per unit and year; the drive's own store has no year (one drive, one year)
reviews = _with_year(chain.reviews, UniqueConstraint("unit", "year", "question_id", "tier", name="uq_reviews"))

#: the audit log as the review chain's migrations make it (named here for the key of ``event_years``)
events = chain.events.to_metadata(metadata)

#: the year of each audit event about one unit's year; beside ``events``, which may only be appended to
event_years = Table(
    "event_years",
    metadata,
    Column("seq", Integer, ForeignKey("events.seq"), primary_key=True),
    Column("year", Integer, nullable=False),
)
