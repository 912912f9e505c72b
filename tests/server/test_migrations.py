"""The committed Alembic migrations produce exactly the tables of the metadata."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from tne_api.db import Database, init_db
from tne_api.models import metadata


def test_migrations_match_metadata(db_url: str) -> None:
    db = Database(db_url)
    try:
        init_db(db)
        init_db(db)  # idempotent
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
        assert diff == []
    finally:
        db.dispose()
