"""Alembic's entry point for the review database; the connection comes from ``review/migrate.py``."""

from alembic import context

connection = context.config.attributes["connection"]
# batch mode lets later migrations alter SQLite tables (it copies them) and is a no-op on PostgreSQL
context.configure(connection=connection, render_as_batch=True, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
