"""The snapshot bootstrap (docs/protocol.md, « Snapshot ») against the real server.

An empty laptop bootstrapped from a snapshot ends with exactly the store a bootstrap through
pulls gives (table by table, tombstones included), for a mediator and for a coordinator
(stripped of identifiers); edits pushed by another laptop while the snapshot's pages are
read are neither lost nor doubled; a server restored from a backup (new epoch) is resynced
through a snapshot; a server without the endpoint is bootstrapped through pulls.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
import sqlalchemy as sa
from fastapi import APIRouter

import tne_api.app
import tne_api.routers.health
from mediator_app.core.entities import ENTITIES, AgreementTemplate, Device, Participant
from mediator_app.core.enums import DeviceType, HandoutNature, SignerCapacity
from mediator_app.core.wire import IDENTIFYING_FIELDS, to_wire
from mediator_app.local_store.schema import entity_tables
from mediator_app.local_store.services.devices import DeviceService
from mediator_app.local_store.services.handouts import HandoutDraft, HandoutService
from mediator_app.local_store.services.participants import ParticipantService
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.local_store.state import get_state
from mediator_app.local_store.unit_of_work import Tx
from mediator_app.sync.engine import SNAPSHOT_ORPHANS, _insert_plan
from tests.support.clients import Client, make_client
from tests.support.live_server import LiveServer, live_server, sqlite_url
from tests.support.sync_checks import digests_equal, server_digest, server_wire_rows, wire_rows
from tests.support.workload import Workload
from tne_api.db import new_epoch

PASSWORD = "correct-horse-42"

#: Columns only the laptop writes, at the moment it writes them.
_LOCAL_ONLY = ("created_at", "updated_at")


@pytest.fixture
def world(server: LiveServer, tmp_path: Path) -> Iterator[tuple[LiveServer, Client, UUID]]:
    """A structure whose mediator has typed and synced a history (workshops, families,
    attendance, edits and deletions), and a second structure's data next to it."""
    yield from _seed(server, tmp_path)


def _seed(server: LiveServer, tmp_path: Path) -> Iterator[tuple[LiveServer, Client, UUID]]:
    s1 = server.create_structure("Collège Jean Moulin")
    s2 = server.create_structure("Centre social Les Linandes")
    server.create_user("m1@tne.test", PASSWORD, "mediator", structure_id=s1)
    server.create_user("m2@tne.test", PASSWORD, "mediator", structure_id=s2)
    server.create_user("coord@tne.test", PASSWORD, "coordinator")
    a = make_client(tmp_path, "a")
    a.login(server.base_url, "m1@tne.test", PASSWORD)
    other = make_client(tmp_path, "other")
    other.login(server.base_url, "m2@tne.test", PASSWORD)
    for client, seed in ((a, "snap-a"), (other, "snap-b")):
        work = Workload(client.store, seed, tag=client.name)
        for i in range(120):
            work.step()
            if i % 40 == 39:
                client.sync()
        client.sync()
    other.close()
    yield server, a, s1
    a.close()


def _store(c: Client) -> dict[str, dict[Any, dict[str, Any]]]:
    """Every table of a laptop, row by row (what it displays and syncs from)."""
    out: dict[str, dict[Any, dict[str, Any]]] = {}
    with c.store.read() as conn:
        for name, table in entity_tables.items():
            out[name] = {
                r["id"]: {k: v for k, v in r.items() if k not in _LOCAL_ONLY}
                for r in conn.execute(sa.select(table)).mappings()
            }
    return out


def _laptop(server: LiveServer, tmp_path: Path, name: str, email: str) -> Client:
    c = make_client(tmp_path, name)
    c.login(server.base_url, email, PASSWORD)
    return c


@pytest.mark.parametrize("who", ["m1@tne.test", "coord@tne.test"])
def test_snapshot_gives_the_store_a_full_pull_gives(
    world: tuple[LiveServer, Client, UUID], tmp_path: Path, who: str
) -> None:
    server, _a, _s1 = world
    by_snapshot = _laptop(server, tmp_path, "snap", who)
    by_pulls = _laptop(server, tmp_path, "pulls", who)
    snap = by_snapshot.engine(snapshot_limit=37).sync()
    pulled = by_pulls.engine(snapshot=False, pull_limit=50).sync()
    assert snap.complete and pulled.complete
    assert snap.snapshot_rows > 0 and snap.snapshot_rows == snap.pulled
    assert pulled.snapshot_rows == 0
    mine, theirs = _store(by_snapshot), _store(by_pulls)
    for name in entity_tables:
        assert mine[name] == theirs[name], name
    assert sum(len(rows) for rows in mine.values()) == snap.pulled
    tombstones = sum(1 for rows in mine.values() for r in rows.values() if r["deleted"])
    assert tombstones > 0
    # The snapshot's cursor is the pull's: the next sync is a plain pull, up to date.
    assert not digests_equal(
        by_snapshot.engine().local_digest(),
        server_digest(server, by_snapshot.store, by_snapshot.session.client()),
    )
    again = by_snapshot.sync()
    assert again.pulled == 0 and again.snapshot_rows == 0
    if who.startswith("coord"):
        # Stripped like a coordinator's pull: no family's identifiers on this laptop.
        people = mine["participant"]
        assert people and all(r["first_name"] == "" and r["phone"] is None for r in people.values())
        for name, fields in IDENTIFYING_FIELDS.items():
            for row in mine[name].values():
                assert all(row[f] in ("", None, []) for f in fields), name
        assert len({r["structure_id"] for r in people.values()}) == 2
    else:
        assert any(r["first_name"] for r in mine["participant"].values())
    by_snapshot.close()
    by_pulls.close()


def test_the_bootstrap_asks_pages_only_of_the_entities_the_server_names(
    world: tuple[LiveServer, Client, UUID], tmp_path: Path
) -> None:
    """The first page names the entities with rows: the laptop asks a page of those only
    (the first one aside) and ends with the store it gets by asking every entity, as it
    does from a server that names none."""
    server, _a, _s1 = world
    asked: dict[str, list[str]] = {}
    stores = {}
    for name, withheld in (("named", False), ("every", True)):
        laptop = _laptop(server, tmp_path, name, "m1@tne.test")
        engine = laptop.engine(snapshot_limit=1000)
        real = engine.api.snapshot
        pages: list[str] = asked.setdefault(name, [])

        def counted(
            *args: Any, _real: Any = real, _pages: list[str] = pages, _w: bool = withheld
        ) -> Any:
            page = _real(*args)
            _pages.append(page.entity)
            return dataclasses.replace(page, entities=None) if _w else page

        engine.api.snapshot = counted  # type: ignore[method-assign]
        report = engine.sync()
        assert report.complete and report.snapshot_rows > 0
        stores[name] = _store(laptop)
    names = [n for n in ENTITIES if n in entity_tables]
    assert asked["every"] == names  # one page each: the limit is above every entity's rows
    filled = {n for n, rows in stores["every"].items() if rows}
    assert asked["named"] == [names[0]] + [n for n in names[1:] if n in filled]
    assert len(asked["named"]) < len(asked["every"])
    print(f"pages asked: {len(asked['named'])} with the list, {len(asked['every'])} without")
    assert stores["named"] == stores["every"]


def test_pushes_during_the_bootstrap_are_neither_lost_nor_doubled(
    world: tuple[LiveServer, Client, UUID], tmp_path: Path
) -> None:
    server, a, s1 = world
    late = _laptop(server, tmp_path, "late", "m1@tne.test")
    engine = late.engine(snapshot_limit=4)
    api = engine.api
    real = api.snapshot
    work = Workload(a.store, "during", tag="during")
    pages: list[str] = []

    def page_then_push(*args: Any, **kwargs: Any) -> Any:
        page = real(*args, **kwargs)
        pages.append(page.entity)
        if len(pages) == 1:
            # Every workshop changes once the snapshot is fixed: their children already in
            # it must wait for the pull to bring them.
            svc = WorkshopService(a.store)
            for r in a.rows("workshop"):
                svc.update(r["id"], notes=f"revu {len(pages)}")
        for _ in range(4):
            work.step()
        a.sync()
        return page

    api.snapshot = page_then_push  # type: ignore[method-assign]
    report = engine.sync()
    assert report.complete and report.snapshot_rows > 0 and len(pages) > 10, pages
    assert report.pulled > report.snapshot_rows  # what changed meanwhile came by pull
    assert report.snapshot_held > 0  # children whose workshop left the snapshot
    with late.store.read() as conn:
        assert get_state(conn, SNAPSHOT_ORPHANS) == []
    for name in entity_tables:
        server_rows = server_wire_rows(server, name, structure_id=s1, live_only=False)
        if name in ("structure", "department", "actor", "agreement_template", "resource"):
            continue  # reference data, not scoped by structure
        assert wire_rows(late.store, name, live_only=False) == server_rows, name
    assert not digests_equal(
        late.engine().local_digest(), server_digest(server, late.store, late.session.client())
    )
    late.close()


def test_resync_after_a_restore_goes_through_a_snapshot(
    world: tuple[LiveServer, Client, UUID], tmp_path: Path
) -> None:
    server, a, _s1 = world
    before = _store(a)
    new_epoch(server.db)
    report = a.sync()
    assert report.resynced and report.snapshot_rows > 0 and report.complete
    assert report.restored == 0
    after = _store(a)
    for name in entity_tables:
        assert after[name] == before[name], name
    assert not digests_equal(
        a.engine().local_digest(), server_digest(server, a.store, a.session.client())
    )


def test_a_server_without_snapshots_is_bootstrapped_by_pulls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A server of protocol 2: no snapshot endpoint, and /health says so.
    monkeypatch.setattr(tne_api.routers.health, "PROTOCOL_VERSION", 2)
    monkeypatch.setattr(tne_api.app, "snapshot_router", APIRouter())
    with live_server(sqlite_url(tmp_path / "old.sqlite3")) as old:
        seeded = _seed(old, tmp_path)
        _server, _a, s1 = next(seeded)
        fresh = _laptop(old, tmp_path, "fresh", "m1@tne.test")
        report = fresh.sync()
        assert report.complete and report.pulled > 0 and report.snapshot_rows == 0
        assert not digests_equal(
            fresh.engine().local_digest(), server_digest(old, fresh.store, fresh.session.client())
        )
        assert wire_rows(fresh.store, "attendance", live_only=False) == server_wire_rows(
            old, "attendance", structure_id=s1, live_only=False
        )
        fresh.close()
        seeded.close()


def _stored(c: Client) -> dict[str, dict[str, tuple[tuple[str, Any], ...]]]:
    """Every entity table as SQLite holds it (each value with its storage class), through
    the bare driver: what a later read, an index or a comparison in SQL sees."""
    out: dict[str, dict[str, tuple[tuple[str, Any], ...]]] = {}
    with c.store.read() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        for name, table in entity_tables.items():
            cols = [col.name for col in table.columns if col.name not in _LOCAL_ONLY]
            picks = ", ".join(f'typeof("{k}"), "{k}"' for k in cols)
            rows = raw.execute(f'SELECT {picks} FROM "{name}"').fetchall()
            out[name] = {
                str(r[1]): tuple((r[2 * i], r[2 * i + 1]) for i in range(len(cols))) for r in rows
            }
    return out


def _lend(server: LiveServer, a: Client) -> None:
    """A signed loan (a signature's bytes, its times) and a workshop's start time on the
    server, through laptop ``a``."""
    template = AgreementTemplate(
        title="Convention",
        text="Famille : {{famille}}\n",
        valid_from=date(2025, 8, 1),
        department_code="95",
    )
    server.sync.server_upsert("agreement_template", template.id, to_wire(template))
    a.sync()
    device = (
        DeviceService(a.store)
        .add(Device(device_type=DeviceType.LAPTOP, serial_number="SN-9", asset_tag="TNE95-0009"))
        .value
    )
    guardian = ParticipantService(a.store).create(Participant(first_name="Awa", last_name="X"))
    handouts = HandoutService(a.store)
    handed = datetime(2026, 11, 30, 9, 30, 15, 250, tzinfo=UTC)
    handouts.open_handout(
        HandoutDraft(
            nature=HandoutNature.LOAN,
            guardian_id=guardian.value.id,
            device_ids=(device.id,),
            handed_at=handed,
            agreement_template_id=handouts.templates()[0].id,
            expected_return=date(2027, 7, 3),
        ),
        signature_png=b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        signer_name="Awa X",
        signer_capacity=SignerCapacity.PARENT,
        signed_at=handed,
    )
    first = a.rows("workshop")[0]
    WorkshopService(a.store).update(first["id"], start_time=time(14, 5, 30))
    assert a.sync().complete


def _same_entity(one: Any, other: Any, name: str) -> None:
    """Two entities read back equal field by field, each value of the same type (but the
    times the laptop wrote them)."""
    assert one is not None and other is not None, name
    for f in dataclasses.fields(one):
        if f.name not in _LOCAL_ONLY:
            mine, theirs = getattr(one, f.name), getattr(other, f.name)
            assert (type(mine), mine) == (type(theirs), theirs), (name, f.name)


def test_fast_snapshot_inserts_store_what_pulls_store(
    world: tuple[LiveServer, Client, UUID], tmp_path: Path
) -> None:
    """The snapshot's new rows go in through one positional insert per entity with the
    columns' converters computed once (docs/architecture.md, « Snapshot bootstrap »): the
    store ends value for value, storage class for storage class, as one filled by ordinary
    pulls, and reads back through the store the same entities."""
    server, a, _s1 = world
    _lend(server, a)
    _insert_plan.cache_clear()
    by_snapshot = _laptop(server, tmp_path, "fast", "m1@tne.test")
    by_pulls = _laptop(server, tmp_path, "slow", "m1@tne.test")
    snap = by_snapshot.engine(snapshot_limit=53).sync()
    pulled = by_pulls.engine(snapshot=False, pull_limit=40).sync()
    assert snap.complete and pulled.complete and snap.snapshot_rows == snap.pulled > 0
    assert _insert_plan.cache_info().currsize > 0  # the fast inserts did run
    mine, theirs = _stored(by_snapshot), _stored(by_pulls)
    compared: set[str] = set()
    for name, table in entity_tables.items():
        assert mine[name].keys() == theirs[name].keys(), name
        cols = [col for col in table.columns if col.name not in _LOCAL_ONLY]
        for row_id, values in mine[name].items():
            assert values == theirs[name][row_id], (name, row_id)
            for col, (storage, _v) in zip(cols, values, strict=True):
                if storage != "null":
                    compared.add(type(col.type).__name__)
    # Every kind of column this schema has was compared with a value in it.
    kinds = {"Uuid", "Text", "Integer", "Boolean", "Date", "Time", "UTCDateTime", "String"}
    assert kinds | {"JSON", "LargeBinary"} <= compared, compared
    # Read back through the store: the same entities, types included.
    with by_snapshot.store.read() as fast, by_pulls.store.read() as slow:
        tx_fast = Tx(fast, by_snapshot.store.identity)
        tx_slow = Tx(slow, by_pulls.store.identity)
        for name, cls in ENTITIES.items():
            for row_id in mine[name]:
                one = tx_fast.get(cls, UUID(hex=row_id), include_deleted=True)
                other = tx_slow.get(cls, UUID(hex=row_id), include_deleted=True)
                _same_entity(one, other, name)
    for row_id in mine["workshop"]:
        one = WorkshopService(by_snapshot.store).get(UUID(hex=row_id))
        other = WorkshopService(by_pulls.store).get(UUID(hex=row_id))
        if one is not None or other is not None:
            _same_entity(one, other, "workshop")
    by_snapshot.close()
    by_pulls.close()
