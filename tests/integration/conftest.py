"""Shared fixtures of the integration tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.server.conftest import pg_schema_url
from tests.support.live_server import LiveServer, live_server, sqlite_url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveServer]:
    """A fresh real ``tne_api`` on 127.0.0.1, on SQLite and (with ``TNE_TEST_DATABASE_URL``)
    on PostgreSQL."""
    if request.param == "sqlite":
        with live_server(sqlite_url(tmp_path / "server.sqlite3")) as srv:
            yield srv
    else:
        for url in pg_schema_url():
            with live_server(url) as srv:
                yield srv
