"""Bulk writes of the unit of work record exactly what one-by-one writes record."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select, update

from mediator_app.core.entities import Participant
from mediator_app.local_store import Store, open_local_store, save_profile
from mediator_app.local_store.schema import entity_tables, outbox

PROFILE = {"display_name": "T", "structure_id": None, "department_code": "95"}


def _ops(store: Store) -> list[tuple[Any, ...]]:
    with store.read() as conn:
        rows = conn.execute(select(outbox).order_by(outbox.c.client_seq)).mappings().all()
    return [
        (r["entity"], r["kind"], r["base_version"], r["base"], r["changes"], r["state"])
        for r in rows
    ]


def _scenario(store: Store, bulk: bool) -> None:
    people = [Participant(first_name=f"P{i}", last_name="Test") for i in range(5)]
    with store.write() as tx:
        people = tx.insert_many(people) if bulk else [tx.insert(p) for p in people]
    # The first two creates were sent (their answer lost): they must not change any more.
    with store.engine.begin() as conn:
        first_two = [p.id for p in people[:2]]
        conn.execute(
            update(outbox).where(outbox.c.row_id.in_(first_two)).values(state="pending", attempts=1)
        )
    edits = [
        (p, {"last_contact_at": date(2026, 11, 3), "notes": f"n{i}" if i % 2 else ""})
        for i, p in enumerate(people)
    ]
    with store.write() as tx:
        if bulk:
            tx.update_many(edits)
        else:
            for old, values in edits:
                tx.update(old, **values)


def test_bulk_and_single_writes_record_the_same_ops(tmp_path: Any) -> None:
    results = []
    for bulk in (False, True):
        store, _ = open_local_store(tmp_path / f"bulk-{bulk}")
        save_profile(store, PROFILE)  # type: ignore[arg-type]
        _scenario(store, bulk)
        results.append(_ops(store))
        with store.read() as conn:
            t = entity_tables["participant"]
            rows = conn.execute(
                select(t.c.first_name, t.c.last_contact_at, t.c.notes).order_by(t.c.first_name)
            ).all()
        results.append([tuple(r) for r in rows])
        store.engine.dispose()
    single_ops, single_rows, bulk_ops, bulk_rows = results
    assert bulk_ops == single_ops
    assert bulk_rows == single_rows
    # 5 creates; the 2 sent ones got a separate update op, the 3 unsent absorbed theirs.
    assert [k for _, k, *_ in bulk_ops] == ["create"] * 5 + ["update"] * 2
    assert bulk_ops[5][3] == {"last_contact_at": None}
