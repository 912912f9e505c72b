"""Fixtures of the server tests: a live server per test on SQLite (always) and PostgreSQL
(when ``TNE_TEST_DATABASE_URL`` is set; each test gets a fresh schema, dropped afterwards)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.server.helpers import World, make_world
from tests.support.live_server import live_server, sqlite_url

PG_URL = os.environ.get("TNE_TEST_DATABASE_URL", "").strip()


def pg_schema_url() -> Iterator[str]:
    """A URL whose search_path is a fresh schema; the schema is dropped afterwards."""
    if not PG_URL:
        pytest.skip("TNE_TEST_DATABASE_URL not set")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    url = sa.make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The database of one test: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "server.sqlite3")
    else:
        yield from pg_schema_url()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL schema (skips without ``TNE_TEST_DATABASE_URL``)."""
    yield from pg_schema_url()


@pytest.fixture
def world(db_url: str) -> Iterator[World]:
    """A live server with two départements, three structures and one user per role."""
    with live_server(db_url) as server:
        yield make_world(server)
