"""PostgreSQL concurrency: 8 concurrent pushers on hot rows plus a continuous puller.

At the end, the puller's materialised state must equal the server's: this is the test that
catches rows committed "late" with a lower seq than one already pulled (DESIGN.md §4.1). The
second test proves it can fail: with the counter lock bypassed (test-only setting) a gap or a
divergence is detected within a bounded number of tries.
"""

from __future__ import annotations

import itertools
import random
import threading
import uuid
from typing import Any

import pytest
import sqlalchemy as sa

from tests.server.helpers import Client, participant_data, workshop_data
from tests.support.live_server import LiveServer, live_server
from tne_api import models

pytestmark = pytest.mark.postgres

PUSHERS = 8
HOT_ROWS = 20


def _scenario(server: LiveServer, pushes_each: int) -> tuple[bool, dict[str, Any]]:
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
    server_state: dict[tuple[str, str], int] = {}
    with server.db.read() as conn:
        for entity in ("workshop", "participant", "sync_conflict"):
            t = models.SYNCED[entity]
            for row_id, version in conn.execute(
                sa.select(t.c.id, t.c.version).where(t.c.scope_structure == structure)
            ):
                server_state[(entity, str(row_id))] = int(version)
    pulled = {
        k: ch["version"]
        for k, ch in puller.state.items()
        if k[0] in ("workshop", "participant", "sync_conflict")
    }
    missing = {k for k in server_state if pulled.get(k) != server_state[k]}
    monotonic = all(a < b for a, b in itertools.pairwise(seen_seqs))
    return bool(missing) or not monotonic, {"rows": len(server_state), "missing": len(missing)}


def test_concurrent_pushers_and_puller_converge(pg_url: str) -> None:
    with live_server(pg_url) as server:
        diverged, details = _scenario(server, pushes_each=40)
    assert not diverged, details
    assert details["rows"] > HOT_ROWS


def test_bypassing_the_counter_lock_is_detected(pg_url: str) -> None:
    detected = 0
    with live_server(pg_url, test_skip_counter_lock=True) as server:
        for _ in range(6):
            diverged, _details = _scenario(server, pushes_each=40)
            if diverged:
                detected += 1
                break
    assert detected >= 1, "a gap should appear when seq order no longer follows commit order"
