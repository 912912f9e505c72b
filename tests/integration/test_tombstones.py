"""A deleted parent leaves a tombstone without identifiers, on the laptop and on the server,
and a new laptop of the structure never receives their name or phone."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from mediator_app.core.entities import Participant
from mediator_app.local_store.schema import entity_tables
from mediator_app.local_store.services.participants import ParticipantService
from tests.support.clients import make_client
from tests.support.live_server import LiveServer

PASSWORD = "correct-horse-42"


def test_a_deleted_parent_keeps_no_identifier(server: LiveServer, tmp_path: Path) -> None:
    structure = server.create_structure("Centre social Les Tilleuls", kind="centre_social")
    server.create_user("amina@tne.test", PASSWORD, "mediator", structure_id=structure)
    first = make_client(tmp_path, "first")
    first.login(server.base_url, "amina@tne.test", PASSWORD)
    svc = ParticipantService(first.store)
    p = svc.create(
        Participant(
            first_name="Fatou",
            last_name="Diallo",
            phone="06 12 34 56 78",
            email="fatou@example.org",
            notes="Préfère être appelée le soir",
            commune="Cergy",
        )
    ).value
    first.sync()
    with first.store.write() as tx:
        tx.delete(tx.require(Participant, p.id))
    # On this laptop at once, before any sync.
    table = entity_tables["participant"]
    with first.store.read() as conn:
        row = conn.execute(sa.select(table).where(table.c.id == p.id)).mappings().one()
    assert row["deleted"]
    assert (row["first_name"], row["last_name"], row["phone"], row["email"]) == ("", "", None, None)
    assert (row["notes"], row["commune"]) == ("", "")
    assert first.sync().parked == 0

    with server.sync.db.read() as conn:
        stored = conn.execute(sa.text("SELECT * FROM participant")).mappings().one()
    assert stored["deleted"]
    assert (stored["first_name"], stored["last_name"], stored["phone"], stored["email"]) in (
        ("", "", None, None),
        (None, None, None, None),
    )

    # A laptop set up later receives the tombstone, and nothing that names the person.
    second = make_client(tmp_path, "second")
    second.login(server.base_url, "amina@tne.test", PASSWORD)
    second.sync()
    rows = second.rows("participant", live_only=False)
    assert len(rows) == 1 and rows[0]["deleted"]
    text = repr(rows)
    for secret in ("Fatou", "Diallo", "612345678", "fatou@example.org", "le soir", "Cergy"):
        assert secret not in text
    first.close()
    second.close()
