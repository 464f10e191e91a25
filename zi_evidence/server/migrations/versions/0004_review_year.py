"""The review chain per unit and year: a year column on ``reviews`` (one chain per unit, question, tier
and year) and ``event_years``, the year of each audit event about a unit (``events`` itself may only be
appended to, so the year sits beside it).

Revision ID: s0004
Revises: s0003
"""

import sqlalchemy as sa
from alembic import op

revision = "s0004"
down_revision = "s0003"
branch_labels = None
depends_on = None

# A unit's year before this revision: until now the server kept one chain per unit and showed it, and
# took decisions on it, only on the unit's latest pushed year (past years were read-only without a
# chain), so every verdict held was made on that year's evidence. A unit without a snapshot has no
# chain on the server; its rows (none expected) take the year of their own time stamp.
LATEST = (
    "(SELECT max(s.year) FROM snapshots s JOIN units u ON u.id = s.unit_id "
    "WHERE u.code = {table}.unit AND s.digest <> '')"
)
STAMP_YEAR = "CAST(substr(at, 1, 4) AS INTEGER)"


def upgrade() -> None:
    op.add_column("reviews", sa.Column("year", sa.Integer))
    op.execute(f"UPDATE reviews SET year = COALESCE({LATEST.format(table='reviews')}, {STAMP_YEAR})")
    op.alter_column("reviews", "year", nullable=False)
    op.drop_constraint("uq_reviews", "reviews", type_="unique")
    op.create_unique_constraint("uq_reviews", "reviews", ["unit", "year", "question_id", "tier"])
    op.create_table(
        "event_years",
        sa.Column("seq", sa.Integer, sa.ForeignKey("events.seq"), primary_key=True),
        sa.Column("year", sa.Integer, nullable=False),
    )
    # events without a unit (accounts, logins) belong to no year
    op.execute(
        "INSERT INTO event_years (seq, year) SELECT seq, "
        f"COALESCE({LATEST.format(table='events')}, {STAMP_YEAR}) FROM events WHERE unit <> ''"
    )


def downgrade() -> None:
    # the old shape holds one chain per unit: refuse rather than drop a year's verdicts
    years = op.get_bind().exec_driver_sql("SELECT count(*) FROM (SELECT DISTINCT unit, year FROM reviews) t")
    units = op.get_bind().exec_driver_sql("SELECT count(DISTINCT unit) FROM reviews")
    if years.scalar() != units.scalar():
        raise RuntimeError("Ada unit dengan pemeriksaan lebih dari satu tahun; basis data tidak dapat diturunkan.")
    op.drop_table("event_years")
    op.drop_constraint("uq_reviews", "reviews", type_="unique")
    op.create_unique_constraint("uq_reviews", "reviews", ["unit", "question_id", "tier"])
    op.drop_column("reviews", "year")
