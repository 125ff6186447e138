"""Alembic's entry point: migrations run on the connection kamcore.migrations hands over (in its
transaction and, on PostgreSQL, under its advisory lock), never from an alembic.ini."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
