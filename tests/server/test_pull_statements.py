"""The statements a pull sends to the database: the head query stays short enough for
psycopg to keep its parsed form, on both databases it answers the same pages."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import sqlalchemy as sa

from tests.server.helpers import World, workshop_data
from tne_api.service import HEADS_MAX_CHARS


@contextmanager
def statements(engine: sa.Engine) -> Iterator[list[str]]:
    """Every statement string the driver receives on ``engine`` meanwhile."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)


def test_psycopg_keeps_statements_of_the_heads_length() -> None:
    """The bound the head query is kept under is psycopg's own (it would otherwise parse
    the statement again at every pull)."""
    queries = pytest.importorskip("psycopg._queries")
    assert queries.MAX_CACHED_STATEMENT_LENGTH >= HEADS_MAX_CHARS


@pytest.mark.parametrize("who", ["med_a", "ref_a", "coord_95", "admin"])
def test_the_head_query_of_every_role_is_short_and_pages_right(world: World, who: str) -> None:
    writer = world.client("med_a")
    ids = [uuid.uuid4() for _ in range(7)]
    for i in ids:  # one server transaction each: pages of at most three rows
        writer.push(writer.op("workshop", i, set=workshop_data(world.structure_a)))
    reader = world.new_client(who)
    app_db = world.server._app_db
    assert app_db is not None
    with statements(app_db.engine) as seen:
        changes = reader.pull_all(limit=3)
    heads = [s for s in seen if "UNION ALL" in s]
    # One head query per page, and at least a page per three rows.
    assert len(heads) >= len(changes) / 3 > 2
    assert max(len(s) for s in heads) <= HEADS_MAX_CHARS
    # The limit is written into the statement, one head per synced table.
    assert all("LIMIT 4" in s for s in heads)
    got = {i for (entity, i) in reader.state if entity == "workshop"}
    assert {str(i) for i in ids} <= got
