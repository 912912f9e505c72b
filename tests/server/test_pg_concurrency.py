"""PostgreSQL concurrency: 8 concurrent pushers on hot rows plus a continuous puller.

At the end, the puller's materialised state must equal the server's, and the seqs it saw
must only grow: this is the test that catches rows committed "late" with a lower seq than
one already pulled (docs/protocol.md, "Pull without gaps"). It runs with the default
PostgreSQL sequencer (seqs from transaction ids, pulls below the snapshot's horizon), with the
same sequencer committing a few milliseconds late (more transactions overlap), and with the
counter the benchmark keeps as its baseline.

The last test proves the check has teeth: the same late commits with the horizon disabled
(the one injection point, ``SyncService``'s sequencer) make the puller skip a row.
"""

from __future__ import annotations

import itertools
import random
import threading
import time
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from tests.server.helpers import Client, participant_data, workshop_data
from tests.support.live_server import LiveServer, live_server
from tne_api import models
from tne_api.sequencing import CounterSequencer, Sequencer, XactSequencer

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.slow,  # the durability layer: not in `make test-fast`
]

PUSHERS = 8
HOT_ROWS = 20
#: How long the final pulls may wait for the horizon to pass the last pushes (another
#: transaction of the cluster may hold it back for a moment; it never skips anything).
SETTLE_S = 60.0
#: The same wait without a horizon: pulls then read every committed row, and every push has
#: committed when the wait starts, so a row still missing is lost for good; waiting longer
#: could not bring it back.
NO_HORIZON_SETTLE_S = 2.0


class _LateCommits(XactSequencer):
    """Commits up to 4 ms after its last write, so that a transaction with a lower id often
    commits after one with a higher id (TEST ONLY)."""

    def finish(self, conn: Connection, last_seq: int | None) -> None:
        time.sleep(random.uniform(0, 0.004))


class _NoHorizon(_LateCommits):
    """The late commits with pulls reading everything they see: the design without its
    horizon, which must lose rows (TEST ONLY)."""

    def read_horizon(self, conn: Connection) -> tuple[int | None, bool]:
        return None, False


def _server_state(server: LiveServer, structure: uuid.UUID) -> dict[tuple[str, str], int]:
    state: dict[tuple[str, str], int] = {}
    with server.db.read() as conn:
        for entity in ("workshop", "participant", "sync_conflict"):
            t = models.SYNCED[entity]
            for row_id, version in conn.execute(
                sa.select(t.c.id, t.c.version).where(t.c.scope_structure == structure)
            ):
                state[(entity, str(row_id))] = int(version)
    return state


def _scenario(
    server: LiveServer, pushes_each: int, settle_s: float = SETTLE_S
) -> tuple[bool, dict[str, Any]]:
    """Run pushers + puller; return (diverged, details)."""
    structure = server.create_structure(f"Collège {uuid.uuid4().hex[:6]}", department_code="95")
    email = f"med-{uuid.uuid4().hex[:6]}@test.tne.fr"
    server.create_user(email, "motdepasse-test", "mediator", structure_id=structure)
    setup = Client(server.base_url, email, "motdepasse-test")
    hot = [uuid.uuid4() for _ in range(HOT_ROWS)]
    res = setup.push(*[setup.op("workshop", w, set=workshop_data(structure)) for w in hot])
    assert all(r["status"] == "applied" for r in res)
    pushers = [Client(server.base_url, email, "motdepasse-test") for _ in range(PUSHERS)]
    puller = Client(server.base_url, email, "motdepasse-test")
    stop = threading.Event()
    errors: list[BaseException] = []
    seen_seqs: list[int] = []

    def push_loop(c: Client, seed: int) -> None:
        rng = random.Random(seed)
        try:
            for i in range(pushes_each):
                ops = []
                for _ in range(rng.randint(1, 3)):
                    if rng.random() < 0.5:
                        ops.append(
                            c.op("participant", uuid.uuid4(), set=participant_data(structure))
                        )
                    else:
                        w = rng.choice(hot)
                        ops.append(
                            c.op("workshop", w, "update", {"notes": f"{seed}-{i}"}, base_version=1)
                        )
                for r in c.push(*ops):
                    assert r["status"] in ("applied", "merged"), r
        except BaseException as exc:
            errors.append(exc)

    def pull_loop() -> None:
        try:
            while not stop.is_set():
                seen_seqs.extend(ch["seq"] for ch in puller.pull_all(limit=50))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=push_loop, args=(c, n)) for n, c in enumerate(pushers)]
    pull_thread = threading.Thread(target=pull_loop)
    pull_thread.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    pull_thread.join()
    assert not errors, errors
    server_state = _server_state(server, structure)

    def missing() -> set[tuple[str, str]]:
        pulled = {
            k: ch["version"]
            for k, ch in puller.state.items()
            if k[0] in ("workshop", "participant", "sync_conflict")
        }
        return {k for k in server_state if pulled.get(k) != server_state[k]}

    # Every push has committed: pull until up to date. A row skipped behind the cursor
    # never comes back, however long this waits.
    deadline = time.monotonic() + settle_s
    while True:
        seen_seqs.extend(ch["seq"] for ch in puller.pull_all(limit=50))
        if not missing() or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    monotonic = all(a < b for a, b in itertools.pairwise(seen_seqs))
    lost = missing()
    return bool(lost) or not monotonic, {
        "rows": len(server_state),
        "missing": len(lost),
        "monotonic": monotonic,
    }


@pytest.mark.parametrize(
    "sequencer",
    [None, _LateCommits(), CounterSequencer()],
    ids=["transaction-ids", "transaction-ids-late-commits", "counter-lock"],
)
def test_concurrent_pushers_and_puller_converge(pg_url: str, sequencer: Sequencer | None) -> None:
    with live_server(pg_url, sequencer=sequencer) as server:
        diverged, details = _scenario(server, pushes_each=40)
    assert not diverged, details
    assert details["rows"] > HOT_ROWS


def test_without_the_horizon_the_puller_skips_a_row(pg_url: str) -> None:
    """The same pushes and pulls with the horizon disabled: the puller loses a row (or sees
    seqs go backwards) within a few runs, so the test above can fail."""
    runs = []
    with live_server(pg_url, sequencer=_NoHorizon()) as server:
        for _ in range(6):
            diverged, details = _scenario(server, pushes_each=40, settle_s=NO_HORIZON_SETTLE_S)
            runs.append(details)
            if diverged:
                break
    assert runs[-1]["missing"] > 0 or not runs[-1]["monotonic"], runs
