"""Pull: pages, transactions never split, tombstones, 410 on epoch/scope change, digest."""

from __future__ import annotations

import itertools
import uuid

import sqlalchemy as sa

from mediator_app.core.wire import digest_add, row_hash
from tests.server.helpers import World, workshop_data
from tne_api import models
from tne_api.db import new_epoch


def test_pages_never_split_a_transaction(world: World) -> None:
    a1, a2 = world.client("med_a"), world.new_client("med_a")
    ids = [uuid.uuid4() for _ in range(6)]
    a1.push(*[a1.op("workshop", i, set=workshop_data(world.structure_a)) for i in ids])
    # Each of these writes the row and a conflict item in one transaction.
    for i in ids[:3]:
        a1.push1(a1.op("workshop", i, "update", {"notes": "A"}, base_version=1))
        r = a2.push1(a2.op("workshop", i, "update", {"notes": "B"}, base_version=1))
        assert r["status"] == "merged"
    reader = world.new_client("med_a")
    pages = []
    cursor = ""
    while True:
        body = reader.pull_raw(cursor, limit=1).json()
        pages.append(body["changes"])
        cursor = body["next_cursor"]
        if not body["has_more"]:
            break
    multi = [p for p in pages if len({c["tx_seq"] for c in p}) == 1 and len(p) > 1]
    assert len(multi) >= 3  # the limit was stretched to finish each transaction
    for before, after in itertools.pairwise(pages):
        if before and after:
            assert before[-1]["tx_seq"] != after[0]["tx_seq"]
    seqs = [c["seq"] for p in pages for c in p]
    assert seqs == sorted(seqs) and len(seqs) == len(set(seqs))
    full = world.new_client("med_a")
    full.pull_all()
    assert {k for p in pages for k in [(c["entity"], c["id"]) for c in p]} == set(full.state)


def test_paging_tombstones_and_digest(world: World) -> None:
    c = world.client("med_a")
    ids = [uuid.uuid4() for _ in range(25)]
    c.push(*[c.op("workshop", i, set=workshop_data(world.structure_a)) for i in ids])
    c.push(*[c.op("workshop", i, "delete", base_version=1) for i in ids[:5]])
    c.pull_all(limit=7)
    assert sum(1 for (e, _) in c.state if e == "workshop") == 25
    assert sum(1 for (e, _), ch in c.state.items() if e == "workshop" and ch["deleted"]) == 5
    digest = c.digest()
    acc = 0
    for (e, i), ch in c.state.items():
        if e == "workshop":
            acc = digest_add(acc, row_hash(i, ch["version"], ch["deleted"]))
    assert digest["entities"]["workshop"] == {"count": 25, "live_count": 20, "hash": str(acc)}
    assert digest["seq"] == max(ch["seq"] for ch in c.state.values())
    # Nothing new: an empty page keeps the cursor.
    body = c.pull_raw(c.cursor).json()
    assert body["changes"] == [] and body["has_more"] is False


def test_410_when_epoch_changes(world: World) -> None:
    c = world.client("med_a")
    c.pull_all()
    new_epoch(world.server.db)
    r = c.pull_raw(c.cursor)
    assert r.status_code == 410
    assert r.json()["reason"] == "epoch_changed"
    assert c.pull_raw("").status_code == 200


def test_410_when_scope_changes(world: World) -> None:
    c = world.client("med_a")
    c.pull_all()
    with world.server.db.write() as conn:
        conn.execute(
            sa.update(models.users)
            .where(models.users.c.email == world.emails["med_a"])
            .values(structure_id=world.structure_b)
        )
    r = c.pull_raw(c.cursor)
    assert r.status_code == 410
    assert r.json()["reason"] == "scope_changed"
