"""The Alembic migrations of the local store build exactly the tables of ``schema.py``."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from mediator_app.local_store.db import alembic_config, head_revision, make_engine, migrate
from mediator_app.local_store.schema import metadata


def _diffs(path: Path) -> list[object]:
    engine = make_engine(path)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(
                conn, opts={"compare_type": True, "compare_server_default": True}
            )
            return list(compare_metadata(ctx, metadata))
    finally:
        engine.dispose()


def test_empty_database_migrated_to_head_matches_metadata(tmp_path: Path) -> None:
    path = tmp_path / "vide.sqlite3"
    engine = make_engine(path)
    migrate(engine)
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
        tables = set(inspect(conn).get_table_names())
    engine.dispose()
    assert set(metadata.tables) <= tables
    assert tables - set(metadata.tables) == {"alembic_version"}
    assert _diffs(path) == []


def test_downgrade_to_base_and_back_is_clean(tmp_path: Path) -> None:
    path = tmp_path / "allers-retours.sqlite3"
    engine = make_engine(path)
    migrate(engine)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    with engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
    migrate(engine)
    engine.dispose()
    assert _diffs(path) == []


def test_a_column_missing_from_the_database_is_detected(tmp_path: Path) -> None:
    """The comparison itself can fail: drop a column and it must report it."""
    path = tmp_path / "incomplet.sqlite3"
    engine = make_engine(path)
    migrate(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE workshop DROP COLUMN notes")
    engine.dispose()
    diffs = _diffs(path)
    assert any(d[0] == "add_column" and d[3].name == "notes" for d in diffs)  # type: ignore[index]
