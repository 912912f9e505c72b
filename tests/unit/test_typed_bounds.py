"""What the server would refuse for its size (``core.limits``) is refused on the laptop when
it is written, with a French message per field, and nothing is written or queued."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from mediator_app.core.entities import AgreementTemplate, Device, Participant, Workshop
from mediator_app.core.enums import DeviceType, HandoutNature, SignerCapacity, Theme
from mediator_app.core.errors import ValidationError
from mediator_app.local_store import Store
from mediator_app.local_store.schema import outbox
from mediator_app.local_store.services.handouts import HandoutDraft
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
