"""The server: organisation tree, unit tokens, the content-addressed files, snapshots and their rows.

Revision ID: s0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "s0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "units",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(64), nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
    )
    # a unit's place in the tree over time: moving a unit closes one row and opens another
    op.create_table(
        "placements",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), nullable=False, index=True),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("units.id")),
        sa.Column("valid_from", sa.Date, nullable=False),
        sa.Column("valid_to", sa.Date),  # exclusive; NULL: still valid
    )
    op.create_table(
        "unit_tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), nullable=False),
        sa.Column("issued_at", sa.String(40), nullable=False),
        sa.Column("issued_by", sa.String(64), nullable=False),
        sa.Column("revoked", sa.Boolean, nullable=False),
    )
    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.BigInteger, nullable=False),
    )
    # files a unit's push announced and the server lacks: only these may be uploaded with its token
    op.create_table(
        "pending_blobs",
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("unit_id", "sha256"),
    )
    op.create_table(
        "pages",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("page_no", sa.Integer, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("sha256", "page_no"),
    )
    # a file's text with case, punctuation and spacing taken out, hashed: near-same copies share it
    op.create_table(
        "text_digests",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("digest", sa.String(64), nullable=False, index=True),
        sa.Column("chars", sa.Integer, nullable=False),
    )
    op.create_table(
        "snapshots",
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("pushed_at", sa.String(40), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),  # JSON: scores, predicates, completeness
        sa.PrimaryKeyConstraint("unit_id", "year"),
    )
    op.create_table(
        "unit_files",
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False, index=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("mime", sa.Text, nullable=False),
        sa.Column("question", sa.String(40)),
        sa.Column("mapping", sa.String(20), nullable=False),
        sa.Column("parser", sa.Text),
        sa.Column("parser_version", sa.Text),
        sa.Column("first_seen", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("unit_id", "year", "path"),
    )
    op.create_table(
        "unit_findings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("question", sa.String(40)),
        sa.Column("path", sa.Text),
        sa.Column("message", sa.Text, nullable=False),
    )
    op.create_index("ix_unit_findings_unit", "unit_findings", ["unit_id", "year"])
    op.create_table(
        "unit_answers",
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("question", sa.String(40), nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("unit_id", "year", "question"),
    )


def downgrade() -> None:
    for table in (
        "unit_answers",
        "unit_findings",
        "unit_files",
        "snapshots",
        "text_digests",
        "pages",
        "pending_blobs",
        "blobs",
    ):
        op.drop_table(table)
    op.drop_table("unit_tokens")
    op.drop_table("placements")
    op.drop_table("units")
