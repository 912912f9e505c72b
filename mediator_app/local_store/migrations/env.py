"""Alembic environment of the local store.

Migrations run in-process from ``local_store.db.migrate`` with the connection passed in
``config.attributes["connection"]``; ``render_as_batch`` lets SQLite alter tables.
"""

from __future__ import annotations

from alembic import context

from mediator_app.local_store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when run by the alembic command line
    from sqlalchemy import create_engine

    url = context.config.get_main_option("sqlalchemy.url") or "sqlite:///local.sqlite3"
    connection = create_engine(url).connect()

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
