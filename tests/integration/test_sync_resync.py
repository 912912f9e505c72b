"""Silent divergence (digest), server restored from a backup (new epoch) and a changed
scope: the client re-pulls, keeps its outbox and converges."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, update

from mediator_app.core.entities import Workshop
from mediator_app.core.enums import Theme, WorkshopFormat
from mediator_app.local_store.schema import entity_tables
from mediator_app.local_store.services.workshops import WorkshopService
from tests.support.clients import Client, make_client
from tests.support.live_server import LiveServer, live_server, sqlite_url
from tne_api import models
from tne_api.db import new_epoch

PASSWORD = "correct-horse-42"


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[LiveServer, Client, list[Workshop]]]:
    with live_server(sqlite_url(tmp_path / "server.sqlite3")) as server:
        s1 = server.create_structure("Collège Jean Moulin")
        server.create_user("m@tne.test", PASSWORD, "mediator", structure_id=s1)
        c = make_client(tmp_path, "m")
        c.login(server.base_url, "m@tne.test", PASSWORD)
        svc = WorkshopService(c.store)
        made = [
            svc.create(
                Workshop(
                    format=WorkshopFormat.ATELIER,
                    title=f"Atelier {i}",
                    date=date(2026, 12, i + 1),
                    themes=(Theme.PARENTALITE,),
                    commune="Cergy",
                )
            ).value
            for i in range(3)
        ]
        c.sync()
        yield server, c, made
        c.close()


def _titles(c: Client) -> set[str]:
    return {r["title"] for r in c.rows("workshop")}


def test_digest_mismatch_repairs_silent_divergence(
    setup: tuple[LiveServer, Client, list[Workshop]],
) -> None:
    _server, c, made = setup
    t = entity_tables["workshop"]
    with c.store.engine.begin() as conn:  # a row lost behind the engine's back
        conn.execute(delete(t).where(t.c.id == made[0].id))
        conn.execute(update(t).where(t.c.id == made[1].id).values(server_version=99))
    report = c.sync(force_digest=True)
    assert report.digest_checked and report.digest_ok is False and report.resynced
    assert _titles(c) == {"Atelier 0", "Atelier 1", "Atelier 2"}
    again = c.sync(force_digest=True)
    assert again.digest_checked and again.digest_ok is True and not again.resynced


def test_new_server_epoch_resyncs_and_keeps_the_outbox(
    setup: tuple[LiveServer, Client, list[Workshop]],
) -> None:
    server, c, _made = setup
    new_epoch(server.db)
    WorkshopService(c.store).create(
        Workshop(
            format=WorkshopFormat.ATELIER,
            title="Fait hors ligne",
            date=date(2026, 12, 9),
            themes=(Theme.PARENTALITE,),
            commune="Cergy",
        )
    )
    report = c.sync()
    assert report.resynced and report.pushed == 1 and report.parked == 0
    assert "Fait hors ligne" in _titles(c) and len(_titles(c)) == 4
    assert c.outbox("pending") == []


def test_scope_change_drops_rows_left_behind_but_not_unsent_work(
    setup: tuple[LiveServer, Client, list[Workshop]],
) -> None:
    server, c, made = setup
    other = server.create_structure("Centre social Les Doucettes", kind="centre_social")
    # Unsent local edit on a row of the old structure: it must survive the purge.
    WorkshopService(c.store).update(made[2].id, notes="à garder")
    with server.db.engine.begin() as conn:  # the mediator moves to another structure
        conn.execute(update(models.users).values(structure_id=other))
    report = c.sync()
    # The edit is now outside the mediator's scope: refused and parked (kept, shown).
    assert report.parked == 1 and report.resynced
    remaining = {r["id"] for r in c.rows("workshop")}
    assert made[0].id not in remaining and made[1].id not in remaining
    assert made[2].id in remaining  # still has its (parked) unsent change
