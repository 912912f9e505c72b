"""Fixtures of the server tests: a live server per test on SQLite (always) and PostgreSQL
(when ``TNE_TEST_DATABASE_URL`` is set; each test gets a fresh database, a copy of one
migrated once per worker, dropped afterwards).

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
from tne_api.db import Database, init_db, new_epoch

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


_template_name: str | None = None


def _migrated_template(base: sa.URL) -> str:
    """The name of this worker's PostgreSQL database migrated to the head revision once
    (``init_db``), rebuilt when the run starts: each test's database is a copy of it, which
    costs a fraction of running every migration for each test's server."""
    global _template_name
    if _template_name is None:
        name = f"{base.database}_migre"
        admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        finally:
            admin.dispose()
        db = Database(base.set(database=name).render_as_string(hide_password=False))
        try:
            init_db(db)
        finally:
            db.dispose()
        _template_name = name
    return _template_name


def pg_schema_url(*, migrated: bool = True) -> Iterator[str]:
    """The URL of a fresh PostgreSQL database of its own, dropped afterwards: a copy of the
    migrated template with its own epoch (``migrated``, what a server's ``init_db`` then
    finds at head), or an empty one for the migration tests."""
    if not PG_URL:
        pytest.skip("TNE_TEST_DATABASE_URL not set")
    base = sa.make_url(worker_database_url())
    name = f"{base.database}_t_{uuid.uuid4().hex[:12]}"
    template = f' TEMPLATE "{_migrated_template(base)}"' if migrated else ""
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    url = base.set(database=name).render_as_string(hide_password=False)
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"{template}')
        if migrated:
            db = Database(url)
            try:
                new_epoch(db)
            finally:
                db.dispose()
        yield url
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The database of one test: a SQLite file (a server copies the migrated template into
    it), or a fresh PostgreSQL database already migrated."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "server.sqlite3")
    else:
        yield from pg_schema_url()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database, for the tests that run the migrations themselves."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "server.sqlite3")
    else:
        yield from pg_schema_url(migrated=False)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database (skips without ``TNE_TEST_DATABASE_URL``)."""
    yield from pg_schema_url()


@pytest.fixture
def world(db_url: str) -> Iterator[World]:
    """A live server with two départements, three structures and one user per role."""
    with live_server(db_url) as server:
        yield make_world(server)
