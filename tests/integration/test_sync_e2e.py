"""Two mediators and a coordinator on three data dirs against the real tne_api."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mediator_app.core.entities import Workshop, attendance_id
from mediator_app.core.enums import Theme, WorkshopFormat
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.sync.status import status_text, sync_status
from tests.support.clients import Client, make_client
from tests.support.live_server import LiveServer, live_server, sqlite_url

PASSWORD = "correct-horse-42"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    with live_server(sqlite_url(tmp_path / "server.sqlite3")) as srv:
        yield srv


@pytest.fixture
def world(server: LiveServer, tmp_path: Path) -> Iterator[dict[str, Any]]:
    s1 = server.create_structure("Collège Jean Moulin", uai="0950001K")
    s2 = server.create_structure("Centre social Les Doucettes", kind="centre_social")
    server.create_user(
        "amina@tne.test", PASSWORD, "mediator", structure_id=s1, display_name="Amina Benali"
    )
    server.create_user(
        "jules@tne.test", PASSWORD, "mediator", structure_id=s2, display_name="Jules Martin"
    )
    server.create_user("coord@tne.test", PASSWORD, "coordinator", display_name="Claire Coord")
    clients = {n: make_client(tmp_path, n) for n in ("amina", "amina2", "jules", "coord")}
    yield {"s1": s1, "s2": s2, **clients}
    for c in clients.values():
        c.close()


def _workshop(title: str, **kw: Any) -> Workshop:
    return Workshop(
        format=WorkshopFormat.CAFE_DES_PARENTS,
        title=title,
        date=date(2026, 12, 10),
        themes=(Theme.PARENTALITE,),
        capacity=15,
        commune="Sarcelles",
        **kw,
    )


def _attend(client: Client, workshop_id: Any, participant_id: Any) -> None:
    """Mark a parent present the way the check-in screen does: the deterministic id."""
    from mediator_app.core.entities import Attendance

    with client.store.write() as tx:
        aid = attendance_id(workshop_id, participant_id)
        existing = tx.get(Attendance, aid)
        if existing is None:
            tx.insert(Attendance(id=aid, workshop_id=workshop_id, participant_id=participant_id))


def test_offline_work_syncs_and_coordinator_sees_figures_not_families(
    server: LiveServer, world: dict[str, Any]
) -> None:
    amina: Client = world["amina"]
    jules: Client = world["jules"]
    coord: Client = world["coord"]
    from mediator_app.core.entities import Participant

    # Offline, before any login: entered data waits in the outbox.
    with amina.store.write() as tx:
        parent = tx.insert(
            Participant(first_name="Fatou", last_name="Diallo", phone="+33612345678")
        )
    w1 = WorkshopService(amina.store).create(_workshop("Pronote pas à pas")).value
    _attend(amina, w1.id, parent.id)
    assert "en attente" in status_text(sync_status(amina.store)) or "non connecté" in status_text(
        sync_status(amina.store)
    )

    amina.login(server.base_url, "amina@tne.test", PASSWORD)
    jules.login(server.base_url, "jules@tne.test", PASSWORD)
    coord.login(server.base_url, "coord@tne.test", PASSWORD)
    w2 = WorkshopService(jules.store).create(_workshop("Café écrans")).value

    r1 = amina.sync()
    assert r1.pushed == 3 and r1.parked == 0
    assert jules.sync().pushed == 1
    coord.sync()

    titles = {r["title"] for r in coord.rows("workshop")}
    assert {"Pronote pas à pas", "Café écrans"} <= titles
    parents = coord.rows("participant")
    assert len(parents) == 1
    assert parents[0]["first_name"] == "" and parents[0]["last_name"] == ""
    assert parents[0]["phone"] is None
    assert len(coord.rows("attendance")) == 1

    # Mediators do not see each other's structure.
    jules.sync()
    assert {r["title"] for r in jules.rows("workshop")} == {"Café écrans"}
    assert jules.rows("participant") == []
    amina.sync()
    mine = {r["id"]: r for r in amina.rows("workshop")}
    assert mine[w1.id]["sync_state"] == "synced" and w2.id not in mine
    assert amina.outbox("pending") == []
    assert sync_status(amina.store).pending == 0
    assert status_text(sync_status(amina.store)).startswith("Tout est synchronisé")


def test_same_field_on_two_laptops_opens_review_conflict(
    server: LiveServer, world: dict[str, Any]
) -> None:
    a1: Client = world["amina"]
    a2: Client = world["amina2"]
    a1.login(server.base_url, "amina@tne.test", PASSWORD)
    a2.login(server.base_url, "amina@tne.test", PASSWORD)
    w = WorkshopService(a1.store).create(_workshop("Atelier ENT")).value
    a1.sync()
    a2.sync()
    WorkshopService(a1.store).update(w.id, date=date(2026, 12, 14))
    WorkshopService(a2.store).update(w.id, date=date(2026, 12, 15))
    a1.sync()
    report = a2.sync()
    assert report.conflicts == 1
    # The server kept the first date (review policy) and opened a conflict both see.
    a1.sync()
    for c in (a1, a2):
        (row,) = [r for r in c.rows("workshop") if r["id"] == w.id]
        assert row["date"] == date(2026, 12, 14)
        conflicts = [r for r in c.rows("sync_conflict") if r["status"] == "open"]
        assert len(conflicts) == 1 and conflicts[0]["field_name"] == "date"


def test_delete_vs_edit_keeps_the_edit_for_review(
    server: LiveServer, world: dict[str, Any]
) -> None:
    a1: Client = world["amina"]
    a2: Client = world["amina2"]
    a1.login(server.base_url, "amina@tne.test", PASSWORD)
    a2.login(server.base_url, "amina@tne.test", PASSWORD)
    w = WorkshopService(a1.store).create(_workshop("Atelier contrôle parental")).value
    a1.sync()
    a2.sync()
    WorkshopService(a1.store).delete(w.id)
    WorkshopService(a2.store).update(w.id, notes="Apporter les tablettes")
    a1.sync()
    a2.sync()
    a1.sync()
    for c in (a1, a2):
        assert [r for r in c.rows("workshop") if r["id"] == w.id] == []
        items = [r for r in c.rows("sync_conflict") if r["row_id"] == w.id]
        assert items, "the edit must be kept for review"
        assert any("Apporter les tablettes" in (r["client_value"] or "") for r in items)


def test_same_parent_checked_in_on_two_laptops_is_one_row(
    server: LiveServer, world: dict[str, Any]
) -> None:
    from mediator_app.core.entities import Participant

    a1: Client = world["amina"]
    a2: Client = world["amina2"]
    coord: Client = world["coord"]
    for c, email in ((a1, "amina@tne.test"), (a2, "amina@tne.test"), (coord, "coord@tne.test")):
        c.login(server.base_url, email, PASSWORD)
    w = WorkshopService(a1.store).create(_workshop("Café des parents")).value
    with a1.store.write() as tx:
        p = tx.insert(Participant(first_name="Karim", last_name="Haddad"))
    a1.sync()
    a2.sync()
    _attend(a1, w.id, p.id)
    _attend(a2, w.id, p.id)
    a1.sync()
    a2.sync()
    a1.sync()
    coord.sync()
    for c in (a1, a2, coord):
        rows = c.rows("attendance")
        assert [r["id"] for r in rows] == [attendance_id(w.id, p.id)]
    assert a1.engine().local_digest()["attendance"] == a2.engine().local_digest()["attendance"]


def test_conflict_resolved_from_either_side_and_parked_changes_kept(
    server: LiveServer, world: dict[str, Any]
) -> None:
    from mediator_app.core.entities import Structure
    from mediator_app.local_store.services.attention import AttentionService

    a1: Client = world["amina"]
    a2: Client = world["amina2"]
    a1.login(server.base_url, "amina@tne.test", PASSWORD)
    a2.login(server.base_url, "amina@tne.test", PASSWORD)
    w = WorkshopService(a1.store).create(_workshop("Atelier Pronote")).value
    a1.sync()
    a2.sync()
    WorkshopService(a1.store).update(w.id, capacity=20)
    WorkshopService(a2.store).update(w.id, capacity=25)
    a1.sync()
    a2.sync()
    a1.sync()
    cards2 = AttentionService(a2.store).cards()
    assert len(cards2) == 1
    card = cards2[0]
    assert card.title == "Atelier « Atelier Pronote » du 10/12/2026"
    assert (card.mine, card.theirs) == ("25", "20")
    assert card.message.startswith("Nombre de places")
    # The second laptop keeps its value: an ordinary op, synced, seen everywhere.
    AttentionService(a2.store).keep_mine(card.id)
    assert AttentionService(a2.store).cards() == []
    a2.sync()
    a1.sync()
    for c in (a1, a2):
        (row,) = [r for r in c.rows("workshop") if r["id"] == w.id]
        assert row["capacity"] == 25
        assert AttentionService(c.store).cards() == []
        assert all(r["status"] == "resolved" for r in c.rows("sync_conflict"))

    # A change the server refuses is parked, shown, never blocks the queue.
    (structure,) = [r for r in a1.rows("structure") if r["id"] == world["s1"]]
    with a1.store.write() as tx:
        s = tx.require(Structure, structure["id"])
        tx.update(s, name="Collège renommé sans droit")
    WorkshopService(a1.store).create(_workshop("Atelier suivant"))
    report = a1.sync()
    assert report.parked == 1 and report.pushed == 1
    (parked,) = AttentionService(a1.store).cards()
    assert parked.kind == "parked" and "droits" in parked.message
    AttentionService(a1.store).set_aside(parked.id)
    assert AttentionService(a1.store).cards() == []
    assert len(AttentionService(a1.store).cards(status="archived")) == 1
    assert [o["state"] for o in a1.outbox() if o["entity"] == "structure"] == ["archived"]


def test_laptop_unknown_to_the_server_registers_again(
    server: LiveServer, world: dict[str, Any]
) -> None:
    from mediator_app.local_store.state import get_state
    from tne_api import models

    a1: Client = world["amina"]
    a1.login(server.base_url, "amina@tne.test", PASSWORD)
    WorkshopService(a1.store).create(_workshop("Premier atelier"))
    a1.sync()
    with a1.store.read() as conn:
        first_id = get_state(conn, "client_id")
    with server.db.engine.begin() as conn:  # the server lost this registration
        conn.execute(models.access_token.update().values(client_id=None))
        conn.execute(models.refresh_token.update().values(client_id=None))
        conn.execute(models.sync_client.delete())
    WorkshopService(a1.store).create(_workshop("Deuxième atelier"))
    report = a1.sync()
    assert report.pushed == 1 and report.parked == 0
    with a1.store.read() as conn:
        assert get_state(conn, "client_id") != first_id
    assert {r["title"] for r in a1.rows("workshop")} >= {"Premier atelier", "Deuxième atelier"}


def test_a_refused_change_stays_refused_when_its_answer_was_lost_and_retry_sends_it_anew(
    server: LiveServer, world: dict[str, Any]
) -> None:
    from sqlalchemy import delete, update

    from mediator_app.core.entities import Structure
    from mediator_app.local_store.schema import attention_item, outbox
    from mediator_app.local_store.services.attention import AttentionService
    from tne_api import models

    a1: Client = world["amina"]
    a1.login(server.base_url, "amina@tne.test", PASSWORD)
    a1.sync()
    with a1.store.write() as tx:
        s = tx.require(Structure, world["s1"])
        tx.update(s, name="Collège renommé sans droit")
    assert a1.sync().parked == 1
    # The server's answer is lost (a crash before the local ack): the op is sent again.
    with a1.store.engine.begin() as conn:
        conn.execute(update(outbox).where(outbox.c.state == "parked").values(state="pending"))
        conn.execute(delete(attention_item))
    report = a1.sync()
    assert report.parked == 1 and report.pushed == 0  # the replayed refusal is not an ack
    (card,) = AttentionService(a1.store).cards()
    assert [o["state"] for o in a1.outbox() if o["entity"] == "structure"] == ["parked"]

    # « Renvoyer » sends a new op: the server judges it again instead of replaying.
    AttentionService(a1.store).retry(card.id)
    assert a1.sync().parked == 1
    ops = [o for o in a1.outbox() if o["entity"] == "structure"]
    assert [o["state"] for o in ops] == ["archived", "parked"]
    assert ops[0]["op_id"] != ops[1]["op_id"]
    with server.db.read() as conn:
        stored = conn.execute(
            models.applied_op.select().where(
                models.applied_op.c.op_id.in_([o["op_id"] for o in ops])
            )
        ).all()
    assert len(stored) == 2
    assert len(AttentionService(a1.store).cards()) == 1


def test_a_change_undone_before_the_sync_leaves_the_row_synced(
    server: LiveServer, world: dict[str, Any]
) -> None:
    from mediator_app.core.entities import Attendance, Participant
    from mediator_app.core.enums import Presence
    from mediator_app.local_store.services.attendance import AttendanceService

    a1: Client = world["amina"]
    a1.login(server.base_url, "amina@tne.test", PASSWORD)
    w = WorkshopService(a1.store).create(_workshop("Café des parents")).value
    with a1.store.write() as tx:
        p = tx.insert(Participant(first_name="Karim", last_name="Haddad"))
    attendance = AttendanceService(a1.store)
    attendance.mark(w.id, p.id)
    a1.sync()
    aid = attendance_id(w.id, p.id)
    (row,) = a1.rows("attendance")
    assert row["sync_state"] == "synced" and row["server_version"] == 1
    # Absent then present again before the next sync: one queued edit that changes nothing,
    # which the server applies without a new version, so no pull brings the row back; the
    # acknowledgement settles it.
    for presence in (Presence.ABSENT, Presence.PRESENT):
        with a1.store.write() as tx:
            tx.update(tx.require(Attendance, aid), status=presence)
    assert a1.rows("attendance")[0]["sync_state"] == "local"
    report = a1.sync()
    assert report.pushed == 1 and report.pulled == 0
    (row,) = a1.rows("attendance")
    assert row["id"] == aid and row["server_version"] == 1
    assert row["sync_state"] == "synced"
    # A real change after it still goes through the pull as before.
    attendance.mark(w.id, p.id, children_count=2)
    assert a1.rows("attendance")[0]["sync_state"] == "local"
    a1.sync()
    (row,) = a1.rows("attendance")
    assert row["sync_state"] == "synced" and row["server_version"] == 2
