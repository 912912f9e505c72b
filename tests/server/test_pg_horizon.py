"""The pull horizon on PostgreSQL counts this database's transactions, not the cluster's.

Transaction ids are shared by every database of a cluster, so a write transaction left open
in *another* database used to hold the snapshot's xmin back and hide every later push from
pulls here until it ended (docs/protocol.md, "Pull without gaps"). The horizon now ignores a
transaction seen running in another database; one open in this database still holds later
rows back — that is what keeps pulls gap-free (tests/server/test_pg_concurrency.py).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from tests.server.conftest import worker_database_url
from tests.server.helpers import Client, workshop_data
from tests.support.live_server import LiveServer, live_server
from tne_api.sequencing import XactSequencer

pytestmark = pytest.mark.postgres

#: How long a pull may take to see a push no open transaction holds back.
SEE_S = 10.0
#: How long a held-back push is watched to stay invisible.
HELD_S = 1.5


@pytest.fixture
def other_database() -> Iterator[str]:
    """Another database of the same cluster (created when missing, kept for the next run)."""
    base = sa.make_url(worker_database_url())
    name = f"{base.database}_autre"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            if (
                conn.execute(
                    sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
                ).first()
                is None
            ):
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    finally:
        admin.dispose()
    yield base.set(database=name).render_as_string(hide_password=False)


def _mediator(server: LiveServer) -> tuple[Client, uuid.UUID]:
    structure = server.create_structure(f"Collège {uuid.uuid4().hex[:6]}", department_code="95")
    email = f"med-{uuid.uuid4().hex[:6]}@test.tne.fr"
    server.create_user(email, "motdepasse-test", "mediator", structure_id=structure)
    return Client(server.base_url, email, "motdepasse-test"), structure


def _pulled_ids(client: Client) -> set[str]:
    return {str(ch["id"]) for ch in client.pull_all() if ch.get("entity") == "workshop"}


def _seen_within(client: Client, row: uuid.UUID, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    seen: set[str] = set()
    while True:
        seen |= _pulled_ids(client)
        if str(row) in seen or time.monotonic() > deadline:
            return str(row) in seen
        time.sleep(0.1)


def _open_write_transaction(url: str) -> tuple[sa.Engine, sa.Connection]:
    """A session that has begun a transaction holding a transaction id, left open."""
    engine = sa.create_engine(url)
    conn = engine.connect()
    conn.execute(sa.text("SELECT pg_current_xact_id()"))
    return engine, conn


def test_a_transaction_open_in_another_database_does_not_hold_pulls_back(
    pg_url: str, other_database: str
) -> None:
    with live_server(pg_url) as server:
        client, structure = _mediator(server)
        engine, blocker = _open_write_transaction(other_database)
        try:
            row = uuid.uuid4()
            assert (
                client.push1(client.op("workshop", row, set=workshop_data(structure)))["status"]
                == "applied"
            )
            assert _seen_within(client, row, SEE_S), "held back by another database's transaction"
        finally:
            blocker.rollback()
            blocker.close()
            engine.dispose()


def test_a_transaction_open_in_this_database_still_holds_later_pushes_back(
    pg_url: str,
) -> None:
    """The control: the horizon is not switched off — a transaction of this database that
    began before a push (and could still commit rows below it) keeps that push out of pulls
    until it ends, then the push arrives."""
    with live_server(pg_url) as server:
        client, structure = _mediator(server)
        engine, blocker = _open_write_transaction(pg_url)
        try:
            row = uuid.uuid4()
            assert (
                client.push1(client.op("workshop", row, set=workshop_data(structure)))["status"]
                == "applied"
            )
            assert not _seen_within(client, row, HELD_S), "a row beyond the horizon was served"
        finally:
            blocker.rollback()
            blocker.close()
            engine.dispose()
        assert _seen_within(client, row, SEE_S)


class _EndedBeforeItsDatabaseWasSeen(XactSequencer):
    """Every first read of a pull reports its horizon held back to nothing by a transaction
    no session shows any more — the window between a pull's snapshot and its look at
    ``pg_stat_activity`` (TEST ONLY); the read after it is the real one."""

    def __init__(self) -> None:
        super().__init__()
        self.reads: list[bool] = []

    def read_horizon(self, conn: sa.Connection) -> tuple[int | None, bool]:
        unplaced = len(self.reads) % 2 == 0
        self.reads.append(unplaced)
        return (0, True) if unplaced else super().read_horizon(conn)


def test_a_horizon_held_by_a_transaction_that_ended_unseen_is_read_again_at_once(
    pg_url: str,
) -> None:
    """Such a horizon would hide a push just made from the pull right after it (a delay the
    next pull ends): the pull takes a new snapshot once instead, and serves the push now."""
    sequencer = _EndedBeforeItsDatabaseWasSeen()
    with live_server(pg_url, sequencer=sequencer) as server:
        client, structure = _mediator(server)
        row = uuid.uuid4()
        assert (
            client.push1(client.op("workshop", row, set=workshop_data(structure)))["status"]
            == "applied"
        )
        del sequencer.reads[:]
        assert str(row) in _pulled_ids(client)
        # Each page read once more, once: never a loop.
        assert sequencer.reads and sequencer.reads == [True, False] * (len(sequencer.reads) // 2)
