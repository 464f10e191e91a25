"""Alembic's entry point for the server tables; they keep their own version table, next to the review
chain's ``alembic_version`` in the same database."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, version_table="server_version", transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
