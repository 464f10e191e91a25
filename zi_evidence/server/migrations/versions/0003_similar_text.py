"""Near-same text: each file's MinHash sketch, its LSH band keys (joined on to find candidates) and the
pairs of files found alike, with their estimated similarity.

Files pushed before this version get their sketch when a unit pushes them again.

Revision ID: s0003
Revises: s0002
"""

import sqlalchemy as sa
from alembic import op

revision = "s0003"
down_revision = "s0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "text_sketches",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.Column("shingles", sa.Integer, nullable=False),
    )
    op.create_table(
        "text_bands",
        sa.Column("band", sa.SmallInteger, nullable=False),
        sa.Column("bucket", sa.BigInteger, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("band", "bucket", "sha256"),
    )
    # one row per pair, the smaller hash first
    op.create_table(
        "similar_texts",
        sa.Column("sha_a", sa.String(64), nullable=False),
        sa.Column("sha_b", sa.String(64), nullable=False, index=True),
        sa.Column("similarity", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("sha_a", "sha_b"),
    )


def downgrade() -> None:
    for table in ("similar_texts", "text_bands", "text_sketches"):
        op.drop_table(table)
