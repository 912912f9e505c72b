from __future__ import annotations

from pathlib import Path
from uuid import UUID

import pytest
from sqlalchemy import func, select, text

from mediator_app.core.entities import Participant, Structure
from mediator_app.core.errors import BusinessRuleError
from mediator_app.core.validation import normalise_uai, validate_participant
from mediator_app.local_store import Store, open_local_store
from mediator_app.local_store.demo_data import ANCHOR, generate
from mediator_app.local_store.rows import entity_from_row
from mediator_app.local_store.schema import entity_tables, outbox
from mediator_app.local_store.services.handouts import HandoutService

TABLES = tuple(entity_tables)


def _fresh(path: Path) -> Store:
    store, _info = open_local_store(path)
    return store


def _ids(store: Store) -> dict[str, list[str]]:
    with store.read() as conn:
        return {
            name: sorted(str(r[0]) for r in conn.execute(select(t.c.id)))
            for name, t in entity_tables.items()
        }


def test_same_seed_same_rows_and_ids(tmp_path: Path) -> None:
    a, b, c = _fresh(tmp_path / "a"), _fresh(tmp_path / "b"), _fresh(tmp_path / "c")
    ra = generate(a, seed=11, scale="test")
    rb = generate(b, seed=11, scale="test")
    generate(c, seed=12, scale="test")
    assert ra.rows == rb.rows and ra.pending_ops == rb.pending_ops > 0
    ids_a, ids_b, ids_c = _ids(a), _ids(b), _ids(c)
    assert ids_a == ids_b
    assert ids_a["workshop"] and ids_a["workshop"] != ids_c["workshop"]
    with a.read() as conn, b.read() as conn_b:
        q = text("SELECT title, date, status FROM workshop ORDER BY id")
        assert conn.execute(q).all() == conn_b.execute(q).all()
    for s in (a, b, c):
        s.engine.dispose()


def test_demo_scale_is_believable_and_history_is_synced(store: Store) -> None:
    calls: list[tuple[int, int]] = []
    report = generate(store, seed=1, scale="demo", progress=lambda d, t, _m: calls.append((d, t)))
    assert report.rows["workshop"] == 600
    assert report.rows["device"] == 300
    assert report.rows["attendance"] > 1500 and report.rows["registration"] > 1500
    assert report.rows["agreement_template"] == 1 and report.rows["connectivity_line"] > 20
    assert calls and calls[-1][0] == calls[-1][1]
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)

    with store.read() as conn:
        # History came "from the server": synced, version 1, and no outbox op of its own.
        for name in ("workshop", "attendance", "participant", "device", "handout"):
            t = entity_tables[name]
            local = conn.execute(
                select(func.count()).select_from(t).where(t.c.sync_state != "synced")
            ).scalar_one()
            ops = conn.execute(
                select(func.count(func.distinct(outbox.c.row_id))).where(outbox.c.entity == name)
            ).scalar_one()
            assert local == ops, name
            synced_v = conn.execute(
                select(func.min(t.c.server_version)).where(t.c.sync_state == "synced")
            ).scalar_one()
            assert synced_v == 1
        assert (
            conn.execute(
                select(func.count()).select_from(outbox).where(outbox.c.state == "pending")
            ).scalar_one()
            == report.pending_ops
            > 0
        )

        structures = [
            entity_from_row(Structure, r)
            for r in conn.execute(select(entity_tables["structure"])).mappings()
        ]
        schools = [s for s in structures if s.uai]
        assert len(schools) >= 10
        assert all(s.uai and s.uai.startswith("095") and normalise_uai(s.uai) for s in schools)
        assert {"Sarcelles", "Garges-lès-Gonesse", "Cergy", "Argenteuil"} <= {
            s.commune for s in structures
        }
        people = [
            entity_from_row(Participant, r)
            for r in conn.execute(select(entity_tables["participant"])).mappings()
        ]
        assert all(validate_participant(p) == {} for p in people)
        assert sum(1 for p in people if p.phone) > len(people) // 2
        assert len({p.last_name for p in people}) > 40
        # Every held collectif workshop has someone present or an anonymous count.
        bad = conn.execute(
            text(
                "SELECT count(*) FROM workshop w WHERE w.status = 'held' AND w.kind = 'collectif'"
                " AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.workshop_id = w.id"
                "   AND a.status = 'present')"
                " AND NOT EXISTS (SELECT 1 FROM anonymous_counts c WHERE c.workshop_id = w.id"
                "   AND c.total > 0)"
            )
        ).scalar_one()
        assert bad == 0

    handouts = HandoutService(store)
    assert len(handouts.overdue(ANCHOR)) >= 3
    assert len(handouts.open_loans()) > 100
    for row in handouts.open_handouts()[:20]:
        assert row.handout.agreement_hash and row.handout.agreement_text
        assert row.guardian_name and row.asset_tags
    with pytest.raises(BusinessRuleError):
        generate(store, seed=1, scale="demo")


def test_cancel_leaves_nothing_written(store: Store) -> None:
    polls = {"n": 0}

    def cancel() -> bool:
        polls["n"] += 1
        return polls["n"] > 3

    report = generate(store, seed=5, scale="test", cancel=cancel)
    assert report.cancelled and report.rows == {}
    with store.read() as conn:
        for name in TABLES:
            assert (
                conn.execute(select(func.count()).select_from(entity_tables[name])).scalar_one()
                == 0
            )
        assert conn.execute(select(func.count()).select_from(outbox)).scalar_one() == 0
    # and it can run again afterwards
    assert not generate(store, seed=5, scale="test").cancelled


def test_demo_profile_is_a_mediator_of_the_demo(tmp_path: Path) -> None:
    from mediator_app.core.entities import Actor
    from mediator_app.local_store.demo_data import demo_profile

    store, _ = open_local_store(tmp_path / "demo")
    try:
        generate(store, seed=1, scale="test")
        profile = demo_profile()
        actor = store.fetch(Actor, UUID(str(profile["actor_id"])))
        place = store.fetch(Structure, UUID(str(profile["structure_id"])))
        assert actor is not None and actor.display_name == profile["display_name"]
        assert actor.role.value == "mediator" and place is not None
        assert actor.structure_id == place.id
    finally:
        store.engine.dispose()
