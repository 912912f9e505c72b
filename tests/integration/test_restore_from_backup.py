"""The server restored from a backup (docs/deploy.md, « Restaurer une sauvegarde »): the
laptops lose nothing. Only a tombstone deletes; a row or an edit the restored server lacks is
sent to it again, as new ops, by every laptop that holds it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from uuid import UUID

import pytest
import sqlalchemy as sa

from mediator_app.core import limits
from mediator_app.core.entities import Participant, Partnership, Workshop
from mediator_app.core.enums import Theme, WorkshopFormat
from mediator_app.core.wire import message
from mediator_app.local_store.schema import entity_tables
from mediator_app.local_store.services.attention import AttentionService
from mediator_app.local_store.services.participants import ParticipantService
from mediator_app.local_store.services.programme import ProgrammeService
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.local_store.status import sync_status
from tests.support.clients import Client, make_client
from tests.support.live_server import LiveServer, live_server, sqlite_url
from tne_api import models
from tne_api.db import new_epoch

PASSWORD = "correct-horse-42"


@dataclass
class Site:
    server: LiveServer
    server_file: Path
    backup_file: Path
    a: Client
    b: Client


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    server_file = tmp_path / "server.sqlite3"
    with live_server(sqlite_url(server_file)) as server:
        s1 = server.create_structure("Collège Jean Moulin")
        server.create_user("m@tne.test", PASSWORD, "mediator", structure_id=s1)
        a, b = make_client(tmp_path, "a"), make_client(tmp_path, "b")
        for c in (a, b):
            c.login(server.base_url, "m@tne.test", PASSWORD)
            c.sync()
        yield Site(server, server_file, tmp_path / "backup.sqlite3", a, b)
        a.close()
        b.close()


def _copy(src: Path, dst: Path) -> None:
    """A consistent copy of a live SQLite database (what a nightly backup does)."""
    with sqlite3.connect(src) as s, sqlite3.connect(dst) as d:
        s.backup(d)
    s.close()
    d.close()


def _workshop(title: str, day: int) -> Workshop:
    return Workshop(
        format=WorkshopFormat.ATELIER,
        title=title,
        date=date(2026, 12, day),
        themes=(Theme.PARENTALITE,),
        commune="Cergy",
    )


def _server_rows(server: LiveServer, table: sa.Table) -> dict[UUID, sa.RowMapping]:
    with server.db.read() as conn:
        return {r["id"]: r for r in conn.execute(sa.select(table)).mappings()}


def _live(c: Client, entity: str, key: str) -> set[str]:
    return {r[key] for r in c.rows(entity)}


def test_a_restored_server_gets_back_what_the_laptops_hold(site: Site) -> None:
    a, b, server = site.a, site.b, site.server
    ws, ps = WorkshopService(a.store), ParticipantService(a.store)
    kept = [ws.create(_workshop(f"Avant {i}", i + 1)).value for i in range(2)]
    ps.create(Participant(first_name="Awa", last_name="Diallo"))
    dropped = ws.create(_workshop("Annulé", 4)).value
    a.sync()
    b.sync()
    _copy(site.server_file, site.backup_file)  # the nightly backup

    # After the backup: 7 workshops and a family, an edit, a deletion; both laptops sync.
    after = [ws.create(_workshop(f"Après {i}", i + 5)).value for i in range(7)]
    family = ps.create(Participant(first_name="Jean", last_name="Martin")).value
    ws.update(kept[0].id, title="Avant 0 (salle changée)")
    ws.delete(dropped.id)
    a.sync()
    b.sync()
    assert len(b.rows("workshop")) == 9 and len(b.rows("participant")) == 2

    # The server is restored from last night's backup, as docs/deploy.md says.
    _copy(site.backup_file, site.server_file)
    new_epoch(server.db)

    report_b = b.sync()
    assert report_b.resynced and report_b.parked == 0 and report_b.conflicts == 0
    assert report_b.restored == 10  # 7 workshops + 1 family re-sent, 1 edit, 1 deletion
    report_a = a.sync()
    assert report_a.resynced and report_a.parked == 0 and report_a.conflicts == 0

    titles = {"Avant 0 (salle changée)", "Avant 1"} | {f"Après {i}" for i in range(7)}
    for c in (a, b):
        c.sync()
        assert _live(c, "workshop", "title") == titles
        assert _live(c, "participant", "last_name") == {"Diallo", "Martin"}
        assert c.outbox("pending") == [] and c.outbox("parked") == []
        again = c.sync(force_digest=True)
        assert again.digest_checked and again.digest_ok is True and not again.resynced

    workshops = _server_rows(server, models.SYNCED["workshop"])
    assert {r["title"] for r in workshops.values() if not r["deleted"]} == titles
    participants = _server_rows(server, models.SYNCED["participant"])
    assert not participants[family.id]["deleted"]
    assert workshops[dropped.id]["deleted"]
    for w in after:
        assert w.id in workshops


def test_unsent_work_on_a_row_the_restored_server_lost_is_kept(site: Site) -> None:
    a, server = site.a, site.server
    _copy(site.server_file, site.backup_file)
    ws = WorkshopService(a.store)
    made = ws.create(_workshop("Café des parents", 9)).value
    a.sync()
    _copy(site.backup_file, site.server_file)
    new_epoch(server.db)
    ws.update(made.id, notes="apporter les tablettes")  # typed offline, after the restore

    report = a.sync()
    assert report.parked == 0 and report.conflicts == 0 and report.restored == 1
    a.sync()
    [row] = a.rows("workshop")
    assert row["notes"] == "apporter les tablettes" and row["sync_state"] == "synced"
    stored = _server_rows(server, models.SYNCED["workshop"])[made.id]
    assert stored["title"] == "Café des parents"
    assert stored["notes"] == "apporter les tablettes"


def test_a_coordinator_sends_back_what_it_writes_and_nothing_of_the_structures(
    tmp_path: Path,
) -> None:
    server_file, backup = tmp_path / "server.sqlite3", tmp_path / "backup.sqlite3"
    with live_server(sqlite_url(server_file)) as server:
        partner = server.create_structure("Association Médiation 95")
        server.create_user("m@tne.test", PASSWORD, "mediator", structure_id=partner)
        server.create_user("c@tne.test", PASSWORD, "coordinator")
        mediator, coord = make_client(tmp_path, "m"), make_client(tmp_path, "c")
        mediator.login(server.base_url, "m@tne.test", PASSWORD)
        coord.login(server.base_url, "c@tne.test", PASSWORD)
        mediator.sync()
        coord.sync()
        _copy(server_file, backup)
        WorkshopService(mediator.store).create(_workshop("Café des parents", 9))
        mediator.sync()
        convention = (
            ProgrammeService(coord.store)
            .save_partnership(
                Partnership(
                    school_year="2026-2027", partner_structure_id=partner, title="Convention"
                )
            )
            .value
        )
        coord.sync()
        assert len(coord.rows("workshop")) == 1  # the coordinator's copy, without names

        _copy(backup, server_file)
        new_epoch(server.db)
        report = coord.sync()
        assert report.restored == 1 and report.parked == 0 and coord.outbox("parked") == []
        assert coord.rows("workshop") == []  # the mediator's laptop sends it back, not this one
        partnerships = _server_rows(server, models.SYNCED["partnership"])
        assert partnerships[convention.id]["title"] == "Convention"

        assert mediator.sync().restored == 1
        coord.sync()
        assert [r["title"] for r in coord.rows("workshop")] == ["Café des parents"]
        mediator.close()
        coord.close()


def test_an_oversize_row_or_edit_held_here_is_parked_not_sent_to_a_restored_server(
    site: Site,
) -> None:
    """A value beyond a bound of ``core.limits`` held in this laptop's store (written before
    the bound existed): the restore's catch-up parks it with the French ``out_of_bounds``
    message instead of sending it; the rest goes back to the server."""
    a, server = site.a, site.server
    ws = WorkshopService(a.store)
    edited = ws.create(_workshop("Avant", 1)).value
    a.sync()
    _copy(site.server_file, site.backup_file)
    lost = ws.create(_workshop("Après", 2)).value
    fine = ws.create(_workshop("Après, court", 3)).value
    ws.update(edited.id, title="Avant (salle changée)")
    assert a.sync().parked == 0
    too_long = "x" * (limits.text_limit("workshop", "notes") + 1)
    table = entity_tables["workshop"]
    with a.store.engine.begin() as conn:  # as an older version of the application wrote it
        conn.execute(
            sa.update(table).where(table.c.id.in_([lost.id, edited.id])).values(notes=too_long)
        )
    _copy(site.backup_file, site.server_file)
    new_epoch(server.db)

    report = a.sync()
    assert report.resynced and report.parked == 2
    parked = {o["row_id"]: o for o in a.outbox("parked")}
    assert set(parked) == {lost.id, edited.id}
    assert parked[lost.id]["kind"] == "create" and parked[edited.id]["kind"] == "update"
    for op in parked.values():
        assert op["last_error"].startswith("out_of_bounds: ")
    cards = {c.row_id: c for c in AttentionService(a.store).cards()}
    assert set(cards) == {lost.id, edited.id}
    for card in cards.values():
        assert card.kind == "parked" and card.can_retry
        assert card.message.startswith(message("out_of_bounds"))
    assert sync_status(a.store).to_handle == 2
    rows = {r["id"]: r for r in a.rows("workshop")}
    assert rows[lost.id]["sync_state"] == rows[edited.id]["sync_state"] == "conflict"

    a.sync()
    stored = _server_rows(server, models.SYNCED["workshop"])
    assert lost.id not in stored  # never sent
    assert fine.id in stored and stored[fine.id]["title"] == "Après, court"
    # The edit of the held row waits in « À traiter » with its notes: nothing of it sent.
    assert (stored[edited.id]["title"], stored[edited.id]["notes"]) == ("Avant", "")
    assert a.outbox("pending") == []
