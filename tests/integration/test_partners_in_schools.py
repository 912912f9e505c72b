"""Partners deliver in schools (docs/architecture.md, "Workshops"): a partner association's
mediator holds a workshop at a school; the scope follows the organiser, never the venue.

Against the real tne_api on 127.0.0.1, on SQLite and (with ``TNE_TEST_DATABASE_URL``) on
PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from mediator_app.core.entities import (
    Attendance,
    Participant,
    Registration,
    Structure,
    Workshop,
    attendance_id,
)
from mediator_app.core.enums import (
    Presence,
    SchoolLevel,
    Theme,
    WorkshopFormat,
    WorkshopStatus,
)
from mediator_app.local_store import demo_data
from mediator_app.local_store.services.workshops import WorkshopService
from tests.server.helpers import Client as ApiClient
from tests.support.clients import Client, make_client
from tests.support.live_server import LiveServer

PASSWORD = "correct-horse-42"


@pytest.fixture
def partners(server: LiveServer, tmp_path: Path) -> Iterator[dict[str, Any]]:
    school = server.create_structure("École élémentaire Jean Jaurès", uai="0952269A", kind="ecole")
    am95 = server.create_structure("Association Médiation 95", kind="association")
    other = server.create_structure("Association Les Connectés", kind="association")
    server.create_user("amina@tne.test", PASSWORD, "mediator", structure_id=am95)
    server.create_user("lea@tne.test", PASSWORD, "mediator", structure_id=other)
    server.create_user("coord@tne.test", PASSWORD, "coordinator")
    clients = {n: make_client(tmp_path, n) for n in ("amina", "lea", "coord")}
    for name, email in (("amina", "amina"), ("lea", "lea"), ("coord", "coord")):
        clients[name].login(server.base_url, f"{email}@tne.test", PASSWORD)
    yield {"school": school, "am95": am95, "other": other, **clients}
    for c in clients.values():
        c.close()


def _places(client: Client) -> dict[str, Structure]:
    return {s.name: s for s in WorkshopService(client.store).places()}


def test_partner_workshop_at_a_school_reaches_the_coordinator_and_no_other_partner(
    server: LiveServer, partners: dict[str, Any]
) -> None:
    amina: Client = partners["amina"]
    lea: Client = partners["lea"]
    coord: Client = partners["coord"]
    amina.sync()
    school = _places(amina)["École élémentaire Jean Jaurès"]

    # The mediator picks the school as venue and as school: no rights are taken from it.
    svc = WorkshopService(amina.store)
    w = svc.create(
        Workshop(
            format=WorkshopFormat.ATELIER,
            title="Découvrir l’ENT avec son enfant",
            date=date(2026, 11, 20),
            themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
            capacity=12,
            venue_structure_id=school.id,
            school_id=school.id,
            school_levels=(SchoolLevel.ELEMENTAIRE,),
        )
    ).value
    assert w.organizer_structure_id == partners["am95"]
    parents = []
    with amina.store.write() as tx:
        for i in range(12):
            p = tx.insert(Participant(first_name=f"Parent{i}", last_name="Test", phone=None))
            parents.append(p)
            tx.insert(Registration(workshop_id=w.id, participant_id=p.id))
        for p in parents[:10]:
            tx.insert(
                Attendance(
                    id=attendance_id(w.id, p.id),
                    workshop_id=w.id,
                    participant_id=p.id,
                    status=Presence.PRESENT,
                )
            )
    svc.mark_held(w.id)

    report = amina.sync()
    assert report.parked == 0
    assert amina.outbox("parked") == [] and amina.outbox("pending") == []
    with server.sync.db.read() as conn:
        table = sa.table(
            "workshop",
            sa.column("id", sa.Uuid()),
            sa.column("scope_structure", sa.Uuid()),
            sa.column("venue_structure_id", sa.Uuid()),
        )
        row = conn.execute(sa.select(table).where(table.c.id == w.id)).one()
    assert row.scope_structure == partners["am95"]
    assert row.venue_structure_id == school.id

    # The coordinator of the département receives it, its figures, no identifiers.
    coord.sync()
    got = {r["id"]: r for r in coord.rows("workshop")}
    assert got[w.id]["status"] == WorkshopStatus.HELD.value
    assert got[w.id]["venue_structure_id"] == school.id
    assert got[w.id]["organizer_structure_id"] == partners["am95"]
    present = [
        r
        for r in coord.rows("attendance")
        if r["workshop_id"] == w.id and r["status"] == Presence.PRESENT.value
    ]
    assert len(present) == 10
    registered = [r for r in coord.rows("registration") if r["workshop_id"] == w.id]
    assert len(registered) == 12
    people = coord.rows("participant")
    assert len(people) == 12
    assert {(p["first_name"], p["last_name"], p["phone"]) for p in people} == {("", "", None)}

    # Another partner in the same school: the school is a venue for them too, the first
    # partner's families and workshop stay out of reach.
    lea.sync()
    assert "École élémentaire Jean Jaurès" in _places(lea)
    assert lea.rows("participant") == [] and lea.rows("workshop") == []
    own = (
        WorkshopService(lea.store)
        .create(
            Workshop(
                format=WorkshopFormat.CAFE_DES_PARENTS,
                title="Café des parents : les écrans",
                date=date(2026, 11, 27),
                themes=(Theme.PARENTALITE,),
                venue_structure_id=school.id,
                school_id=school.id,
            )
        )
        .value
    )
    assert lea.sync().parked == 0
    assert own.organizer_structure_id == partners["other"]
    # A forged edit of the first partner's workshop, and a write that would move Léa's own
    # workshop to another organiser, are refused by the server.
    raw = ApiClient(server.base_url, "lea@tne.test", PASSWORD)
    result = raw.push1(raw.op("workshop", w.id, kind="update", set={"title": "Piraté"}))
    assert result["status"] == "rejected" and result["message_key"] == "forbidden"
    moved = raw.push1(
        raw.op(
            "workshop", own.id, kind="update", set={"organizer_structure_id": str(partners["am95"])}
        )
    )
    assert moved["status"] == "rejected" and moved["message_key"] == "forbidden"
    coord.sync()
    assert {r["id"]: r for r in coord.rows("workshop")}[w.id]["title"] == w.title


def test_the_whole_demo_laptop_is_accepted_by_a_fresh_server(
    server: LiveServer, tmp_path: Path
) -> None:
    """``demo-data`` makes only what the server accepts: a partner association's laptop,
    every row sent as new, parks nothing and opens no conflict."""
    profile = demo_data.demo_profile()
    laptop = make_client(tmp_path, "demo")
    try:
        demo_data.generate(laptop.store, seed=3, scale="test")
        structures = WorkshopService(laptop.store).places()
        for s in structures:
            server.create_structure(
                s.name, uai=s.uai, kind=s.kind.value, structure_id=s.id, department_code="95"
            )
        server.create_user(
            "demo@tne.test",
            PASSWORD,
            "mediator",
            structure_id=demo_data.structure_id("", "Association Médiation 95"),
        )
        assert profile["structure_id"] == str(
            demo_data.structure_id("", "Association Médiation 95")
        )
        laptop.login(server.base_url, "demo@tne.test", PASSWORD)
        queued = demo_data.queue_history(laptop.store)
        assert queued > 100
        report = laptop.sync()
        while laptop.outbox("pending"):
            report = laptop.sync()
        assert laptop.outbox("parked") == []
        with server.sync.db.read() as conn:
            conflicts = conn.execute(sa.text("SELECT count(*) FROM sync_conflict")).scalar_one()
        assert conflicts == 0
        assert report.parked == 0
        # Everything arrived: the server holds every workshop and attendance of the laptop.
        with server.sync.db.read() as conn:
            for entity in ("workshop", "participant", "attendance", "handout", "device"):
                n = conn.execute(sa.text(f"SELECT count(*) FROM {entity}")).scalar_one()
                assert n == len(laptop.rows(entity)), entity
    finally:
        laptop.close()
