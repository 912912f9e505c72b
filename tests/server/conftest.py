"""Fixtures of the server tests: a live server per test on SQLite (always) and PostgreSQL
(when ``TNE_TEST_DATABASE_URL`` is set; each test gets a fresh schema, dropped afterwards).

Under pytest-xdist each worker uses its own database next to the configured one
(``<name>_gw0``, ``<name>_gw1``…), created when missing."""

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
#: The xdist worker running this process ("gw0", "gw1"…), empty in a plain run.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "").strip()

_worker_url: str | None = None


def worker_database_url() -> str:
    """``TNE_TEST_DATABASE_URL`` itself, or under xdist this worker's own database beside
    it (created on first use), so that two workers never share a database."""
    global _worker_url
    if _worker_url is None:
        if not XDIST_WORKER:
            _worker_url = PG_URL
        else:
            base = sa.make_url(PG_URL)
            name = f"{base.database}_{XDIST_WORKER}"
            admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
            try:
                with admin.connect() as conn:
                    exists = conn.execute(
                        sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
                    ).first()
                    if exists is None:
                        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
            finally:
                admin.dispose()
            _worker_url = base.set(database=name).render_as_string(hide_password=False)
    return _worker_url


def pg_schema_url() -> Iterator[str]:
    """A URL whose search_path is a fresh schema; the schema is dropped afterwards."""
    if not PG_URL:
        pytest.skip("TNE_TEST_DATABASE_URL not set")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    database_url = worker_database_url()
    admin = sa.create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    url = sa.make_url(database_url).update_query_dict({"options": f"-csearch_path={schema}"})
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
