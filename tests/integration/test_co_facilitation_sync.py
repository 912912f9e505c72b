"""Co-facilitation through the real server (SQLite and PostgreSQL): a Parent Ressource
recorded as co-facilitating on one laptop shows so on the other's check-in; marked absent
on a laptop that had not heard of it yet, the server applies the same rule as the laptop
(absent ⇒ not co-facilitating, ``core.rules.co_facilitates``) instead of refusing the
mark, says so, and both laptops end with the same row."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from uuid import UUID

from mediator_app.core.entities import Participant, Workshop, attendance_id
from mediator_app.core.enums import Presence, Theme, WorkshopFormat
from mediator_app.local_store.services.attendance import AttendanceService, CheckInRow
from mediator_app.local_store.services.parents_ressource import ParentRessourceService
from mediator_app.local_store.services.workshops import WorkshopService
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
