"""Push semantics: exactly once, three-way field merge, deletes, capacity, open loans."""

from __future__ import annotations

import json
import logging
import threading
import uuid
from typing import Any
from uuid import UUID

import pytest
import sqlalchemy as sa

from mediator_app.core.entities import attendance_id
from tests.server.helpers import World, participant_data, workshop_data
from tne_api import models


def _create_workshop(
    world: World, who: str = "med_a", **over: Any
) -> tuple[uuid.UUID, dict[str, Any]]:
    c = world.client(who)
    wid = uuid.uuid4()
    res = c.push1(c.op("workshop", wid, set=workshop_data(world.structure_a, **over)))
    assert res["status"] == "applied", res
    return wid, res


def test_same_batch_pushed_twice_concurrently(world: World) -> None:
    c = world.client("med_a")
    ops = [c.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a)) for _ in range(5)]
    bodies: list[list[dict[str, Any]]] = []
    barrier = threading.Barrier(2)

    def send() -> None:
        barrier.wait()
        bodies.append(c.push(*ops))

    threads = [threading.Thread(target=send) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(bodies) == 2
    for i in range(len(ops)):
        statuses = sorted(b[i]["status"] for b in bodies)
        assert statuses == ["applied", "duplicate"], statuses
        assert bodies[0][i]["seq"] == bodies[1][i]["seq"]
    with world.server.db.read() as conn:
        n = conn.execute(sa.select(sa.func.count()).select_from(models.applied_op)).scalar_one()
        rows = conn.execute(
            sa.select(sa.func.count()).select_from(models.SYNCED["workshop"])
        ).scalar_one()
    assert n == 5 and rows == 5


def test_replay_after_lost_response_returns_stored_result(world: World) -> None:
    c = world.client("med_a")
    op = c.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a))
    first = c.push1(op)  # imagine this response was lost on the way back
    again = c.push1(op)
    assert again["status"] == "duplicate"
    assert again["replayed_status"] == first["status"] == "applied"
    assert {k: v for k, v in again.items() if k not in ("status", "replayed_status")} == {
        k: v for k, v in first.items() if k not in ("status", "replayed_status")
    }


def test_same_op_id_other_content_is_422(world: World) -> None:
    c = world.client("med_a")
    op = c.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a))
    c.push1(op)
    changed = {**op, "set": {**op["set"], "title": "Autre titre"}}
    r = c.push_raw([changed])
    assert r.status_code == 422
    assert op["op_id"] in r.json()["detail"]


def test_sequence_reused(world: World) -> None:
    c = world.client("med_a")
    op = c.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a))
    c.push1(op)
    reused = {
        **c.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a)),
        "client_seq": op["client_seq"],
    }
    res = c.push1(reused)
    assert res["status"] == "rejected" and res["message_key"] == "sequence_reused"


def test_auto_field_merge_keeps_the_overwritten_value(world: World) -> None:
    a1, a2 = world.client("med_a"), world.new_client("med_a")
    wid, _ = _create_workshop(world, notes="début")
    r1 = a1.push1(
        a1.op(
            "workshop",
            wid,
            "update",
            {"notes": "version A"},
            base_version=1,
            base={"notes": "début"},
        )
    )
    assert r1["status"] == "applied" and r1["version"] == 2
    r2 = a2.push1(
        a2.op(
            "workshop",
            wid,
            "update",
            {"notes": "version B"},
            base_version=1,
            base={"notes": "début"},
        )
    )
    assert r2["status"] == "merged"
    assert r2["conflicts"][0]["field"] == "notes"
    assert r2["conflicts"][0]["resolution"] == "client_applied"
    a1.pull_all()
    assert a1.row("workshop", wid)["data"]["notes"] == "version B"
    conflict = a1.row("sync_conflict", r2["conflicts"][0]["conflict_id"])["data"]
    assert conflict["status"] == "resolved"
    assert json.loads(conflict["server_value"]) == "version A"


def test_review_field_keeps_server_value_and_opens_a_conflict(world: World) -> None:
    a1, a2 = world.client("med_a"), world.new_client("med_a")
    wid, _ = _create_workshop(world)
    a1.push1(
        a1.op(
            "workshop",
            wid,
            "update",
            {"date": "2026-03-14"},
            base_version=1,
            base={"date": "2026-03-12"},
        )
    )
    r = a2.push1(
        a2.op(
            "workshop",
            wid,
            "update",
            {"date": "2026-03-15", "title": "Nouveau titre"},
            base_version=1,
            base={"date": "2026-03-12"},
        )
    )
    assert r["status"] == "merged"  # the title applied, the date did not
    assert [c["field"] for c in r["conflicts"]] == ["date"]
    assert r["conflicts"][0]["resolution"] == "server_kept"
    a2.pull_all()
    row = a2.row("workshop", wid)["data"]
    assert row["date"] == "2026-03-14" and row["title"] == "Nouveau titre"
    conflict = a2.row("sync_conflict", r["conflicts"][0]["conflict_id"])["data"]
    assert conflict["status"] == "open" and conflict["kind"] == "field"
    assert json.loads(conflict["client_value"]) == "2026-03-15"
    assert json.loads(conflict["base_value"]) == "2026-03-12"
    # Only the date: status conflict.
    r = a2.push1(
        a2.op(
            "workshop",
            wid,
            "update",
            {"date": "2026-03-16"},
            base_version=1,
            base={"date": "2026-03-12"},
        )
    )
    assert r["status"] == "conflict"
    # Same value: no-op, no conflict.
    r = a2.push1(
        a2.op(
            "workshop",
            wid,
            "update",
            {"date": "2026-03-14"},
            base_version=1,
            base={"date": "2026-03-12"},
        )
    )
    assert r["status"] == "applied" and r["conflicts"] == []


def test_delete_vs_edit(world: World) -> None:
    a1, a2 = world.client("med_a"), world.new_client("med_a")
    wid, _ = _create_workshop(world)
    a1.push1(a1.op("workshop", wid, "update", {"notes": "modifié"}, base_version=1))
    r = a2.push1(a2.op("workshop", wid, "delete", base_version=1))
    assert r["status"] == "merged" and r["message_key"] == "delete_vs_edit"
    a2.pull_all()
    assert a2.row("workshop", wid)["deleted"] is True
    conflict = a2.row("sync_conflict", r["conflicts"][0]["conflict_id"])["data"]
    assert conflict["kind"] == "delete_vs_edit"
    assert json.loads(conflict["server_value"])["notes"] == "modifié"
    # An update arriving for the tombstone is not applied but kept for review.
    r = a1.push1(a1.op("workshop", wid, "update", {"title": "Trop tard"}, base_version=2))
    assert r["status"] == "conflict" and r["message_key"] == "deleted"
    a1.pull_all()
    conflict = a1.row("sync_conflict", r["conflicts"][0]["conflict_id"])["data"]
    assert json.loads(conflict["client_value"]) == {"title": "Trop tard"}
    # A child of the deleted workshop is rejected.
    pid = uuid.uuid4()
    a1.push1(a1.op("participant", pid, set=participant_data(world.structure_a)))
    r = a1.push1(
        a1.op(
            "attendance",
            attendance_id(wid, pid),
            set={"workshop_id": str(wid), "participant_id": str(pid)},
        )
    )
    assert r["status"] == "rejected" and r["message_key"] == "parent_deleted"
    # Deleting again is harmless.
    assert a2.push1(a2.op("workshop", wid, "delete", base_version=3))["status"] == "applied"


def test_create_of_an_existing_id(world: World) -> None:
    a1, a2 = world.client("med_a"), world.new_client("med_a")
    wid, pid = uuid.uuid4(), uuid.uuid4()
    a1.push1(a1.op("workshop", wid, set=workshop_data(world.structure_a)))
    a1.push1(a1.op("participant", pid, set=participant_data(world.structure_a)))
    aid = attendance_id(wid, pid)
    att = {"workshop_id": str(wid), "participant_id": str(pid), "status": "present"}
    first = a1.push1(a1.op("attendance", aid, set=att))
    same = a2.push1(a2.op("attendance", aid, set=att))
    assert first["status"] == "applied" and same["status"] == "applied"
    assert same["version"] == first["version"] == 1
    other = a2.push1(a2.op("attendance", aid, set={**att, "children_count": 2}))
    # Treated as an update with base_version 0: an auto field, merged.
    assert other["status"] == "merged" and other["version"] == 2
    with world.server.db.read() as conn:
        n = conn.execute(
            sa.select(sa.func.count()).select_from(models.SYNCED["attendance"])
        ).scalar_one()
    assert n == 1


def test_a_batch_checks_a_capacity_against_the_registrations_before_it(world: World) -> None:
    """The workshop figures are read once per batch (``_Tx.prefetch_figures``) and again
    once a child is written: two registrations earlier in the same batch count against a
    lowered capacity, and two later ones do not."""
    c = world.client("med_a")
    wid, _ = _create_workshop(world, capacity=5)
    reg = {"workshop_id": str(wid), "contact_name": "Awa", "status": "registered"}

    def register() -> dict[str, Any]:
        return c.op("registration", uuid.uuid4(), set=reg)

    lowered = c.op("workshop", wid, "update", {"capacity": 1}, base_version=1)
    res = c.push(register(), register(), lowered)
    assert [r["status"] for r in res] == ["applied", "applied", "rejected"]
    assert "capacity" in res[2]["errors"]
    wid2, _ = _create_workshop(world, capacity=5)
    reg["workshop_id"] = str(wid2)
    first = c.op("workshop", wid2, "update", {"capacity": 1}, base_version=1)
    res = c.push(first, register(), register())
    assert [(r["status"], r["message_key"]) for r in res] == [
        ("applied", None),
        ("applied", None),
        ("merged", "capacity_full"),
    ]


def test_capacity_full_goes_to_waitlist(world: World) -> None:
    a1, a2 = world.client("med_a"), world.new_client("med_a")
    wid, _ = _create_workshop(world, capacity=1)
    reg = {"workshop_id": str(wid), "contact_name": "Awa", "status": "registered"}
    r1 = a1.push1(a1.op("registration", uuid.uuid4(), set=reg))
    r2 = a2.push1(a2.op("registration", uuid.uuid4(), set={**reg, "contact_name": "Lina"}))
    r3 = a2.push1(a2.op("registration", uuid.uuid4(), set={**reg, "contact_name": "Zoé"}))
    assert r1["status"] == "applied"
    assert r2["status"] == "merged" and r2["message_key"] == "capacity_full"
    a2.pull_all()
    assert a2.row("registration", r2["row_id"])["data"]["status"] == "waitlist"
    assert a2.row("registration", r2["row_id"])["data"]["waitlist_rank"] == 1
    assert a2.row("registration", r3["row_id"])["data"]["waitlist_rank"] == 2


def test_open_handout_on_a_device_already_out(world: World) -> None:
    a1, a2 = world.client("med_a"), world.new_client("med_a")
    device, guardian = uuid.uuid4(), uuid.uuid4()
    a1.push1(
        a1.op(
            "device",
            device,
            set={
                "serial_number": "SN-1",
                "asset_tag": "TNE-001",
                "owner_structure_id": str(world.structure_a),
            },
        )
    )
    a1.push1(a1.op("participant", guardian, set=participant_data(world.structure_a)))
    loan = {
        "nature": "loan",
        "guardian_id": str(guardian),
        "device_ids": [str(device)],
        "handed_at": "2026-03-12T10:00:00+01:00",
        "expected_return": "2026-07-05",
        "structure_id": str(world.structure_a),
    }
    h1, h2 = uuid.uuid4(), uuid.uuid4()
    assert a1.push1(a1.op("handout", h1, set=loan))["status"] == "applied"
    r = a2.push1(a2.op("handout", h2, set=loan))
    assert r["status"] == "conflict" and r["message_key"] == "device_already_out"
    a2.pull_all()
    assert a2.row("handout", h2) is None
    conflict = a2.row("sync_conflict", r["conflicts"][0]["conflict_id"])["data"]
    assert json.loads(conflict["client_value"])["device_ids"] == [str(device)]
    # Once returned, the device can go out again.
    back = a1.push1(
        a1.op("handout", h1, "update", {"returned_at": "2026-06-30T09:00:00+02:00"}, base_version=1)
    )
    assert back["status"] == "applied"
    assert a2.push1(a2.op("handout", h2, set=loan))["status"] == "applied"


def test_validation_rejection(world: World) -> None:
    c = world.client("med_a")
    r = c.push1(c.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a, themes=[])))
    assert r["status"] == "rejected" and r["message_key"] == "validation"
    assert "themes" in r["errors"]
    # A held collectif workshop needs attendance: the batch's own ops count.
    wid, pid = uuid.uuid4(), uuid.uuid4()
    res = c.push(
        c.op("workshop", wid, set=workshop_data(world.structure_a)),
        c.op("participant", pid, set=participant_data(world.structure_a)),
        c.op("workshop", wid, "update", {"status": "held"}, base_version=1),
        c.op(
            "attendance",
            attendance_id(wid, pid),
            set={"workshop_id": str(wid), "participant_id": str(pid)},
        ),
    )
    assert [x["status"] for x in res] == ["applied"] * 4


def test_internal_error_is_acknowledged_once(
    world: World, monkeypatch: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    c = world.client("med_a")
    op = c.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a))
    # Make the server's merge raise for this op only (a bug), through the live app's service.
    from tne_api import service as service_mod

    original = service_mod.SyncService._upsert

    def boom(self: Any, tx: Any, o: Any, *args: Any) -> Any:
        if str(o.op_id) == op["op_id"]:
            raise RuntimeError("bug near Dupont +33612345678")
        return original(self, tx, o, *args)

    monkeypatch.setattr(service_mod.SyncService, "_upsert", boom)
    res = c.push1(op)
    assert res["status"] == "rejected" and res["message_key"] == "internal_error"
    assert "internal_error" in caplog.text and "RuntimeError" in caplog.text
    assert "Dupont" not in caplog.text and "+336" not in caplog.text, "personal data logged"
    monkeypatch.setattr(service_mod.SyncService, "_upsert", original)
    assert c.push1(op)["status"] == "duplicate"
    with world.server.db.read() as conn:
        n = conn.execute(
            sa.select(sa.func.count()).select_from(models.SYNCED["workshop"])
        ).scalar_one()
    assert n == 0


def test_an_op_that_raises_in_a_batch_is_rejected_alone(world: World, monkeypatch: Any) -> None:
    """The batch runs without savepoints; when one op raises it runs again with each op
    isolated: the others are written once, the bad one is acknowledged as internal_error."""
    c = world.client("med_a")
    good = [c.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a)) for _ in range(2)]
    bad = c.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a))
    from tne_api import service as service_mod

    original = service_mod.SyncService._upsert

    def boom(self: Any, tx: Any, o: Any, *args: Any) -> Any:
        if str(o.op_id) == bad["op_id"]:
            raise RuntimeError("a bug")
        return original(self, tx, o, *args)

    monkeypatch.setattr(service_mod.SyncService, "_upsert", boom)
    res = c.push(good[0], bad, good[1])
    assert [(r["status"], r["message_key"]) for r in res] == [
        ("applied", None),
        ("rejected", "internal_error"),
        ("applied", None),
    ]
    assert [r["version"] for r in (res[0], res[2])] == [1, 1]
    t = models.SYNCED["workshop"]
    with world.server.db.read() as conn:
        versions = conn.execute(
            sa.select(t.c.version).where(t.c.id.in_([UUID(g["row_id"]) for g in good]))
        ).scalars()
        assert sorted(versions) == [1, 1]
        stored = conn.execute(
            sa.select(sa.func.count()).where(
                models.applied_op.c.op_id.in_([UUID(o["op_id"]) for o in (*good, bad)])
            )
        ).scalar_one()
    assert stored == 3


def test_a_new_row_the_database_refuses_is_rejected_alone(world: World, monkeypatch: Any) -> None:
    """A batch's new rows go in together, after its ops ran (``_Tx.insert``): when the
    database refuses one of them, the batch runs again isolated and only that op is
    rejected; the others and the row it collided with are written once, as they were."""
    c = world.client("med_a")
    taken = c.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a))
    assert c.push1(taken)["status"] == "applied"
    good = [c.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a)) for _ in range(2)]
    bad = c.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a))
    from tne_api import service as service_mod

    original = service_mod.SyncService._write

    def collide(self: Any, tx: Any, entity: str, row_id: UUID, *args: Any, **kw: Any) -> Any:
        if str(row_id) == bad["row_id"]:
            row_id = UUID(taken["row_id"])  # a primary key the table already holds
        return original(self, tx, entity, row_id, *args, **kw)

    monkeypatch.setattr(service_mod.SyncService, "_write", collide)
    res = c.push(good[0], bad, good[1])
    assert [(r["status"], r["message_key"]) for r in res] == [
        ("applied", None),
        ("rejected", "internal_error"),
        ("applied", None),
    ]
    t = models.SYNCED["workshop"]
    with world.server.db.read() as conn:
        rows = conn.execute(sa.select(t.c.id, t.c.version, t.c.title)).all()
    assert sorted((str(r.id), r.version) for r in rows) == sorted(
        (o["row_id"], 1) for o in (taken, *good)
    )
    assert all(r.title == taken["set"]["title"] for r in rows if str(r.id) == taken["row_id"])


def test_an_update_the_database_refuses_is_rejected_alone(world: World, monkeypatch: Any) -> None:
    """A batch's updates wait and go in together too (``_Tx.update``): when the database
    refuses one of them, only that op is rejected, and the others are written once."""
    c = world.client("med_a")
    taken = c.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a))
    rows = [c.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a)) for _ in range(3)]
    for op in (taken, *rows):
        assert c.push1(op)["status"] == "applied"
    t = models.SYNCED["workshop"]
    with world.server.db.read() as conn:
        taken_seq = conn.execute(
            sa.select(t.c.seq).where(t.c.id == UUID(taken["row_id"]))
        ).scalar_one()
    bad_id = UUID(rows[1]["row_id"])
    from tne_api import service as service_mod

    original = service_mod._Tx.update

    def collide(self: Any, entity: str, row_id: UUID, values: dict[str, Any]) -> None:
        if row_id == bad_id:
            values = {**values, "seq": taken_seq}  # a seq another row holds (unique)
        original(self, entity, row_id, values)

    monkeypatch.setattr(service_mod._Tx, "update", collide)
    edits = [
        c.op("workshop", UUID(op["row_id"]), "update", {"notes": f"note {i}"}, base_version=1)
        for i, op in enumerate(rows)
    ]
    res = c.push(*edits)
    assert [(r["status"], r["message_key"]) for r in res] == [
        ("applied", None),
        ("rejected", "internal_error"),
        ("applied", None),
    ]
    with world.server.db.read() as conn:
        stored = {
            str(r.id): (r.version, r.notes)
            for r in conn.execute(sa.select(t.c.id, t.c.version, t.c.notes))
        }
    assert stored[rows[0]["row_id"]] == (2, "note 0")
    assert stored[rows[1]["row_id"]][0] == 1
    assert stored[rows[2]["row_id"]] == (2, "note 2")
