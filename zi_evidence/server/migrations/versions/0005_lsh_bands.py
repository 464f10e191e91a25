"""Near-same text: each file's LSH band keys in one row (a bigint array with a GIN index) instead of one
row per band: at 20,000 files the row per band took most of ~200 MB. Existing band rows move over.

Revision ID: s0005
Revises: s0004
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "s0005"
down_revision = "s0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "text_band_sets",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("bands", postgresql.ARRAY(sa.BigInteger), nullable=False),  # key of band i at i + 1
    )
    op.execute(
        "INSERT INTO text_band_sets (sha256, bands) "
        "SELECT sha256, array_agg(bucket ORDER BY band) FROM text_bands GROUP BY sha256"
    )
    # fastupdate off: a push looks its new files up right after writing them, and a pending list would be
    # scanned whole by every lookup until VACUUM merges it
    op.create_index(
        "ix_text_band_sets_bands", "text_band_sets", ["bands"], postgresql_using="gin",
        postgresql_with={"fastupdate": "off"},
    )  # fmt: skip
    op.drop_table("text_bands")


def downgrade() -> None:
    op.create_table(
        "text_bands",
        sa.Column("band", sa.SmallInteger, nullable=False),
        sa.Column("bucket", sa.BigInteger, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("band", "bucket", "sha256"),
    )
    op.execute(
        "INSERT INTO text_bands (band, bucket, sha256) SELECT k.n - 1, k.bucket, s.sha256 "
        "FROM text_band_sets s, unnest(s.bands) WITH ORDINALITY AS k(bucket, n)"
    )
    op.drop_table("text_band_sets")
