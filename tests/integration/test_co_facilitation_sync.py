"""Co-facilitation through the real server (SQLite and PostgreSQL): a Parent Ressource
recorded as co-facilitating on one laptop shows so on the other's check-in; marked absent
on a laptop that had not heard of it yet, the server applies the same rule as the laptop
(absent ⇒ not co-facilitating, ``core.rules.co_facilitates``) instead of refusing the
mark, says so, and both laptops end with the same row."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from uuid import UUID

from mediator_app.core.entities import Participant, Workshop, attendance_id
from mediator_app.core.enums import Gender, Presence, Theme, WorkshopFormat
from mediator_app.local_store.services.attendance import AttendanceService, CheckInRow
from mediator_app.local_store.services.attention import AttentionService
from mediator_app.local_store.services.parents_ressource import ParentRessourceService
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.local_store.status import sync_status
from tests.support.clients import Client, make_client
from tests.support.live_server import LiveServer

PASSWORD = "correct-horse-42"
DAY = date(2026, 11, 20)


def _line(laptop: Client, workshop_id: UUID, pid: UUID) -> CheckInRow:
    (row,) = [
        r
        for r in AttendanceService(laptop.store).check_in_list(workshop_id)
        if r.participant_id == pid
    ]
    return row


def test_co_facilitation_and_its_clearing_reach_the_other_laptop(
    server: LiveServer, tmp_path: Path
) -> None:
    structure = server.create_structure("Centre social Les Toucouleurs")
    server.create_user("m@tne.test", PASSWORD, "mediator", structure_id=structure)
    a, b = make_client(tmp_path, "a"), make_client(tmp_path, "b")
    try:
        for laptop in (a, b):
            laptop.login(server.base_url, "m@tne.test", PASSWORD)
        with a.store.write() as tx:
            pr = tx.insert(
                Participant(
                    first_name="Nadia",
                    last_name="Benali",
                    parent_resource=True,
                    parent_resource_since=date(2026, 9, 15),
                    structure_id=structure,
                )
            )
        w = (
            WorkshopService(a.store)
            .create(
                Workshop(
                    format=WorkshopFormat.CAFE_DES_PARENTS,
                    title="Café des parents",
                    date=DAY,
                    themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
                )
            )
            .value
        )
        ParentRessourceService(a.store).set_co_facilitated(w.id, pr.id)
        assert not a.sync().parked
        b.sync()
        on_b = _line(b, w.id, pr.id)
        assert on_b.presence is Presence.PRESENT
        assert on_b.co_facilitated and on_b.parent_resource

        # B undoes it (the parent stays present): A hears of it.
        ParentRessourceService(b.store).set_co_facilitated(w.id, pr.id, False)
        assert not b.sync().parked
        a.sync()
        assert not _line(a, w.id, pr.id).co_facilitated
        assert _line(a, w.id, pr.id).presence is Presence.PRESENT

        # A records it again; B, not synced since, marks the parent absent.
        ParentRessourceService(a.store).set_co_facilitated(w.id, pr.id)
        assert not a.sync().parked
        AttendanceService(b.store).unmark(w.id, pr.id)
        report = b.sync()
        assert report.parked == 0 and b.outbox("parked") == [] and b.outbox("pending") == []
        (op,) = [o for o in b.outbox("acked") if o["row_id"] == attendance_id(w.id, pr.id)][-1:]
        assert op["result"]["status"] == "merged"
        assert op["result"]["message_key"] == "co_facilitation_cleared"
        a.sync()
        for laptop in (a, b):
            row = _line(laptop, w.id, pr.id)
            assert (row.presence, row.co_facilitated) == (Presence.ABSENT, False), laptop.name
        figures = ParentRessourceService(a.store).figures(date(2026, 9, 1), date(2027, 8, 31))
        assert figures.co_facilitators == 0
    finally:
        a.close()
        b.close()


def _resource_and_workshop(a: Client, structure: UUID) -> tuple[UUID, UUID]:
    with a.store.write() as tx:
        pr = tx.insert(
            Participant(
                first_name="Nadia",
                last_name="Benali",
                gender=Gender.FEMININ,
                parent_resource=True,
                parent_resource_since=date(2026, 9, 15),
                structure_id=structure,
            )
        )
    w = (
        WorkshopService(a.store)
        .create(
            Workshop(
                format=WorkshopFormat.CAFE_DES_PARENTS,
                title="Café des parents",
                date=DAY,
                themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
            )
        )
        .value
    )
    return pr.id, w.id


def _sync_until(laptop: Client, done: Callable[[], bool]) -> int:
    """Sync until ``done()`` (a pull on PostgreSQL may hold back a row a moment, never
    skips it: docs/protocol.md, « Pull without gaps »); the notices these runs opened."""
    notices = 0
    for _ in range(50):
        notices += laptop.sync().notices
        if done():
            return notices
        time.sleep(0.1)
    raise AssertionError("the server's change never reached this laptop")


CLEARED = (
    "Mme Nadia Benali ne co-anime plus l’atelier « Café des parents » du 20/11/2026 : un "
    "autre poste l’a notée absente."
)


def test_a_co_facilitation_cleared_by_another_laptop_leaves_a_notice_where_it_was_typed(
    server: LiveServer, tmp_path: Path
) -> None:
    structure = server.create_structure("Centre social Les Toucouleurs")
    server.create_user("m@tne.test", PASSWORD, "mediator", structure_id=structure)
    a, b = make_client(tmp_path, "a"), make_client(tmp_path, "b")
    try:
        for laptop in (a, b):
            laptop.login(server.base_url, "m@tne.test", PASSWORD)
        pid, wid = _resource_and_workshop(a, structure)
        AttendanceService(a.store).mark(wid, pid, Presence.PRESENT)
        assert not a.sync().parked
        _sync_until(b, lambda: _line(b, wid, pid).presence is Presence.PRESENT)
        # A records the co-facilitation; B, not synced since, marks the parent absent.
        ParentRessourceService(a.store).set_co_facilitated(wid, pid)
        assert not a.sync().parked
        AttendanceService(b.store).unmark(wid, pid)
        assert b.sync().notices == 0
        (op,) = [o for o in b.outbox("acked") if o["row_id"] == attendance_id(wid, pid)][-1:]
        assert op["result"]["message_key"] == "co_facilitation_cleared"

        notices = _sync_until(a, lambda: _line(a, wid, pid).presence is Presence.ABSENT)
        (card,) = AttentionService(a.store).cards()
        assert card.kind == "notice" and card.message == CLEARED
        assert not card.can_restore and not card.can_keep_mine
        assert notices == 1 == sync_status(a.store).to_handle
        assert a.sync().notices == 0  # a re-pull says it once
        # B typed no co-facilitation: nothing to tell there.
        b.sync()
        assert [c for c in AttentionService(b.store).cards() if c.kind == "notice"] == []
        AttentionService(a.store).dismiss(card.id)
        assert sync_status(a.store).to_handle == 0
        assert AttentionService(a.store).cards() == []
        assert not _line(a, wid, pid).co_facilitated
    finally:
        a.close()
        b.close()


def test_a_co_facilitation_sent_after_another_laptop_marked_absent_says_so_on_push(
    server: LiveServer, tmp_path: Path
) -> None:
    structure = server.create_structure("Centre social Les Toucouleurs")
    server.create_user("m@tne.test", PASSWORD, "mediator", structure_id=structure)
    a, b = make_client(tmp_path, "a"), make_client(tmp_path, "b")
    try:
        for laptop in (a, b):
            laptop.login(server.base_url, "m@tne.test", PASSWORD)
        pid, wid = _resource_and_workshop(a, structure)
        AttendanceService(a.store).mark(wid, pid, Presence.PRESENT)
        assert not a.sync().parked
        _sync_until(b, lambda: _line(b, wid, pid).presence is Presence.PRESENT)
        # B marks the parent absent first; A, not synced since, records them co-facilitating.
        AttendanceService(b.store).unmark(wid, pid)
        assert not b.sync().parked
        ParentRessourceService(a.store).set_co_facilitated(wid, pid)
        report = a.sync()
        assert report.parked == 0 and report.notices == 1
        (op,) = [o for o in a.outbox("acked") if o["row_id"] == attendance_id(wid, pid)][-1:]
        assert (op["result"]["status"], op["result"]["message_key"]) == (
            "merged",
            "co_facilitation_cleared",
        )
        _sync_until(a, lambda: _line(a, wid, pid).presence is Presence.ABSENT)
        (card,) = AttentionService(a.store).cards()
        assert card.message == CLEARED
        assert sync_status(a.store).to_handle == 1
        AttentionService(a.store).dismiss(card.id)
        assert sync_status(a.store).to_handle == 0
        for laptop in (a, b):
            row = _line(laptop, wid, pid)
            assert (row.presence, row.co_facilitated) == (Presence.ABSENT, False), laptop.name
    finally:
        a.close()
        b.close()
