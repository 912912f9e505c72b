"""Alembic environment: runs on the connection given by ``init_db`` or on the configured URL."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from tne_api.models import metadata

config = context.config


def run_migrations() -> None:
    """Run the migrations online (there is no offline mode)."""
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = sa.create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
