"""Fixtures of the security tests: the server tests' live servers (SQLite always,
PostgreSQL when ``TNE_TEST_DATABASE_URL`` is set) and their seeded world."""

from __future__ import annotations

from tests.server.conftest import db_url, pg_url, world

__all__ = ["db_url", "pg_url", "world"]
