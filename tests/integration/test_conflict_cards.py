"""A conflict card tells each laptop the truth: « Votre valeur » is this laptop's value on
both laptops (the one that lost and the one that won)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mediator_app.core.entities import Workshop
from mediator_app.core.enums import Theme
from mediator_app.local_store.services.attention import AttentionService
from mediator_app.local_store.services.workshops import WorkshopService
from tests.support.clients import make_client
from tests.support.live_server import live_server, sqlite_url

PASSWORD = "correct-horse-42"


def test_each_laptop_sees_its_own_value_as_its_own(tmp_path: Path) -> None:
    with live_server(sqlite_url(tmp_path / "server.sqlite3")) as server:
        structure = server.create_structure("Centre social Les Tilleuls", kind="centre_social")
        server.create_user("amina@tne.test", PASSWORD, "mediator", structure_id=structure)
        a, b = make_client(tmp_path, "a"), make_client(tmp_path, "b")
        try:
            for laptop in (a, b):
                laptop.login(server.base_url, "amina@tne.test", PASSWORD)
            w = (
                WorkshopService(a.store)
                .create(
                    Workshop(
                        title="Café des parents",
                        date=date(2026, 11, 10),
                        themes=(Theme.PARENTALITE,),
                        commune="Cergy",
                    )
                )
                .value
            )
            a.sync()
            b.sync()
            # Both laptops move the date while offline; A reaches the server first.
            WorkshopService(a.store).update(w.id, date=date(2026, 11, 12))
            WorkshopService(b.store).update(w.id, date=date(2026, 11, 17))
            a.sync()
            b.sync()
            a.sync()
            (card_a,) = AttentionService(a.store).cards()
            (card_b,) = AttentionService(b.store).cards()
            assert (card_a.mine, card_a.theirs) == ("12/11/2026", "17/11/2026")
            assert (card_b.mine, card_b.theirs) == ("17/11/2026", "12/11/2026")
        finally:
            a.close()
            b.close()
