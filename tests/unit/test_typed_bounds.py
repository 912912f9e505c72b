"""What the server would refuse for its size (``core.limits``) is refused on the laptop when
it is written, with a French message per field, and nothing is written or queued."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select, update

from mediator_app.core.entities import AgreementTemplate, Device, Participant, Workshop
from mediator_app.core.enums import DeviceType, HandoutNature, SignerCapacity, Theme
from mediator_app.core.errors import ValidationError
from mediator_app.core.wire import message
from mediator_app.local_store import Store
from mediator_app.local_store.rows import entity_from_row
from mediator_app.local_store.schema import entity_tables, outbox
from mediator_app.local_store.services.attention import AttentionService
from mediator_app.local_store.services.handouts import HandoutDraft
from mediator_app.local_store.status import sync_status
from mediator_app.ui.context import Services

PNG = b"\x89PNG\r\n\x1a\n"


def _ops(store: Store) -> int:
    with store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(outbox)).scalar_one())


def test_a_note_too_long_is_refused_on_create_and_update(store: Store) -> None:
    services = Services.of(store)
    with pytest.raises(ValidationError) as refused:
        services.devices.add(
            Device(
                device_type=DeviceType.LAPTOP, serial_number="S", asset_tag="T", notes="x" * 20_001
            )
        )
    assert refused.value.errors == {
        "notes": "Notes : texte trop long (au plus 20\u202f000 caractères)."
    }
    assert _ops(store) == 0
    workshop = services.workshops.create(
        Workshop(
            title="Atelier", date=date(2026, 12, 10), themes=(Theme.PARENTALITE,), commune="Cergy"
        )
    ).value
    before = _ops(store)
    with pytest.raises(ValidationError) as too_long:
        services.workshops.update(workshop.id, title="T" * 2_001)
    assert too_long.value.errors == {
        "title": "Titre : texte trop long (au plus 2\u202f000 caractères)."
    }
    assert _ops(store) == before
    saved = services.workshops.get(workshop.id)
    assert saved is not None and saved.title == "Atelier"


def test_a_signature_image_too_large_is_refused_before_the_hand_out_is_saved(
    store: Store,
) -> None:
    services = Services.of(store)
    guardian = services.participants.create(Participant(first_name="A", last_name="B")).value
    device = services.devices.add(
        Device(device_type=DeviceType.LAPTOP, serial_number="S1", asset_tag="T1")
    ).value
    with store.write() as tx:
        tx.insert(AgreementTemplate(title="C", text="{{famille}}", valid_from=date(2025, 1, 1)))
    before = _ops(store)
    now = datetime(2026, 12, 3, 9, tzinfo=UTC)
    handouts = services.handouts
    with pytest.raises(ValidationError) as refused:
        handouts.open_handout(
            HandoutDraft(
                nature=HandoutNature.LOAN,
                guardian_id=guardian.id,
                device_ids=(device.id,),
                handed_at=now,
                agreement_template_id=handouts.templates()[0].id,
                expected_return=date(2027, 7, 3),
            ),
            signature_png=PNG + b"\x00" * 200_001,
            signer_name="A B",
            signer_capacity=SignerCapacity.PARENT,
            signed_at=now,
        )
    assert refused.value.errors == {
        "signature_png": "Signature : image trop volumineuse (au plus 200 ko)."
    }
    assert _ops(store) == before
    assert handouts.open_handouts() == ()
    stored = services.devices.get(device.id)
    assert stored is not None and stored.status.value == "in_stock"


def _held_workshop(store: Store, title: str, notes: str) -> Workshop:
    """A workshop held at server version 3 whose notes pass the bound (as an older version of
    the application could write them), every op of it acknowledged."""
    workshop = (
        Services.of(store)
        .workshops.create(
            Workshop(
                title=title, date=date(2026, 12, 10), themes=(Theme.PARENTALITE,), commune="Cergy"
            )
        )
        .value
    )
    table = entity_tables["workshop"]
    with store.engine.begin() as conn:
        conn.execute(update(outbox).values(state="acked"))
        conn.execute(
            update(table)
            .where(table.c.id == workshop.id)
            .values(notes=notes, server_version=3, sync_state="synced")
        )
    with store.read() as conn:
        row = conn.execute(select(table).where(table.c.id == workshop.id)).mappings().one()
    return entity_from_row(Workshop, row)


def _parked(store: Store) -> list[tuple[str, str, str]]:
    with store.read() as conn:
        return [
            (r.kind, r.state, r.last_error)
            for r in conn.execute(select(outbox).where(outbox.c.state != "acked"))
        ]


def test_resend_and_catch_up_park_an_oversize_row_with_the_french_message(store: Store) -> None:
    too_long = "x" * 20_001
    big, small = _held_workshop(store, "Long", too_long), _held_workshop(store, "Court", "ok")
    detail = "out_of_bounds: Texte trop long (au plus 20\u202f000 caractères)."
    with store.write() as tx:
        assert tx.resend([big, small]) == 2
        assert tx.parked == 1
    assert sorted(_parked(store)) == [("create", "parked", detail), ("create", "pending", None)]
    cards = AttentionService(store).cards()
    assert [(c.kind, c.row_id) for c in cards] == [("parked", big.id)]
    assert cards[0].message.startswith(message("out_of_bounds"))
    assert sync_status(store).to_handle == 1

    # A waiting edit of a lost row becomes its create: checked the same way.
    other = _held_workshop(store, "Autre", too_long)
    with store.write() as tx:
        tx.queue_update(other, title="Autre (modifié)")
    with store.write() as tx:
        tx.resend([other])
        assert tx.parked == 1
    with store.read() as conn:
        (op,) = conn.execute(
            select(outbox).where(outbox.c.row_id == other.id, outbox.c.state != "acked")
        ).mappings()
    assert (op["kind"], op["state"], op["last_error"]) == ("create", "parked", detail)

    # The catch-up after a restore: an edit the restored server lacks.
    with store.write() as tx:
        assert tx.queue_catch_up("workshop", small.id, 2, {"notes": ""}, {"notes": too_long})
        assert not tx.queue_catch_up("workshop", small.id, 2, {"title": "C"}, {"title": "Court"})
    with store.read() as conn:
        ops = conn.execute(
            select(outbox.c.state, outbox.c.last_error)
            .where(outbox.c.row_id == small.id, outbox.c.kind == "update")
            .order_by(outbox.c.client_seq)
        ).all()
    assert [tuple(o) for o in ops] == [("parked", detail), ("pending", None)]
    assert sync_status(store).to_handle == 3
    table = entity_tables["workshop"]
    with store.read() as conn:
        states = dict(conn.execute(select(table.c.id, table.c.sync_state)).all())
    assert states[big.id] == states[other.id] == states[small.id] == "conflict"
