"""The same laptop lent on two laptops: the server keeps the first loan; on the second
laptop the refused hand-out is not open, the device shows the server's state, and the card
says in French what happened (with the device's asset tag, not a serialised row)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from mediator_app.core.entities import AgreementTemplate, Device, Participant
from mediator_app.core.enums import (
    DeviceStatus,
    DeviceType,
    EndReason,
    HandoutNature,
    SignerCapacity,
)
from mediator_app.core.errors import BusinessRuleError
from mediator_app.core.wire import to_wire
from mediator_app.local_store.services.attention import AttentionService
from mediator_app.local_store.services.devices import DeviceService
from mediator_app.local_store.services.handouts import HandoutDraft, HandoutService
from mediator_app.local_store.services.participants import ParticipantService
from mediator_app.local_store.status import sync_status
from tests.support.clients import Client, make_client
from tests.support.live_server import LiveServer, live_server, sqlite_url

PASSWORD = "correct-horse-42"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
HANDED = datetime(2026, 11, 30, 9, 30, tzinfo=UTC)


def _lend(laptop: Client, device_id: object, family: str) -> None:
    guardian = ParticipantService(laptop.store).create(
        Participant(first_name=family, last_name="X")
    )
    _lend_to(laptop, guardian.value.id, device_id)


def _lend_to(laptop: Client, guardian_id: object, device_id: object) -> None:
    store = laptop.store
    guardian = ParticipantService(store).get(guardian_id)  # type: ignore[arg-type]
    assert guardian is not None
    family = guardian.first_name
    handouts = HandoutService(store)
    handouts.open_handout(
        HandoutDraft(
            nature=HandoutNature.LOAN,
            guardian_id=guardian.id,
            device_ids=(device_id,),  # type: ignore[arg-type]
            handed_at=HANDED,
            agreement_template_id=handouts.templates()[0].id,
            expected_return=date(2027, 7, 3),
        ),
        signature_png=PNG,
        signer_name=f"{family} X",
        signer_capacity=SignerCapacity.PARENT,
        signed_at=HANDED,
    )


def test_a_refused_loan_is_not_open_on_the_laptop_that_lost(tmp_path: Path) -> None:
    with live_server(sqlite_url(tmp_path / "server.sqlite3")) as server:
        structure = server.create_structure("Collège Paul Éluard")
        template = AgreementTemplate(
            title="Convention",
            text="Famille : {{famille}}\n",
            valid_from=date(2025, 8, 1),
            department_code="95",
        )
        server.sync.server_upsert("agreement_template", template.id, to_wire(template))
        server.create_user("m@tne.test", PASSWORD, "mediator", structure_id=structure)
        a, b = make_client(tmp_path, "a"), make_client(tmp_path, "b")
        try:
            for laptop in (a, b):
                laptop.login(server.base_url, "m@tne.test", PASSWORD)
            device = (
                DeviceService(a.store)
                .add(
                    Device(
                        device_type=DeviceType.LAPTOP, serial_number="SN-1", asset_tag="TNE95-0001"
                    )
                )
                .value
            )
            a.sync()
            b.sync()
            _lend(a, device.id, "Awa")  # both offline, the same laptop
            _lend(b, device.id, "Lina")
            a.sync()
            report = b.sync()
            b.sync()
            assert report.parked == 0
            # On both laptops: one open loan of the device, the one the server accepted —
            # no phantom second loan on B.
            for laptop in (a, b):
                loans = HandoutService(laptop.store).open_loans()
                assert [(h.guardian_name, h.handout.device_ids) for h in loans] == [
                    ("Awa X", (device.id,))
                ]
            # The device's status follows the loan the server accepted, on every laptop.
            for laptop in (a, b):
                assert DeviceService(laptop.store).get(device.id).status is DeviceStatus.LOANED
            cards = AttentionService(b.store).cards()
            assert len(cards) == 1
            assert cards[0].message.startswith(
                "L’ordinateur TNE95-0001 est déjà prêté à une autre famille depuis le "
                "30 novembre 2026 : votre remise n’a pas été enregistrée"
            )
            assert cards[0].mine == "TNE95-0001"
            assert not cards[0].can_keep_mine and not cards[0].can_edit
            assert cards[0].can_redo_handout
            lina = next(p for p in b.rows("participant") if p["first_name"] == "Lina")
            assert cards[0].guardian_id == lina["id"]
        finally:
            a.close()
            b.close()


def _setup(server: LiveServer, tmp_path: Path) -> tuple[Client, Client, list[Device]]:
    structure = server.create_structure("Collège Paul Éluard")
    template = AgreementTemplate(
        title="Convention",
        text="Famille : {{famille}}\n",
        valid_from=date(2025, 8, 1),
        department_code="95",
    )
    server.sync.server_upsert("agreement_template", template.id, to_wire(template))
    server.create_user("m@tne.test", PASSWORD, "mediator", structure_id=structure)
    a, b = make_client(tmp_path, "a"), make_client(tmp_path, "b")
    for laptop in (a, b):
        laptop.login(server.base_url, "m@tne.test", PASSWORD)
    devices = DeviceService(a.store)
    added = [
        devices.add(
            Device(
                device_type=DeviceType.LAPTOP, serial_number=f"SN-{n}", asset_tag=f"TNE95-000{n}"
            )
        ).value
        for n in (1, 2, 3)
    ]
    a.sync()
    b.sync()
    return a, b, added


def test_a_return_of_a_refused_loan_does_not_put_the_device_back_in_stock(
    tmp_path: Path,
) -> None:
    """B lends the device offline and records its return before any sync: the server
    never held that loan, so its return must not mark the device in stock while the other
    family still has it."""
    with live_server(sqlite_url(tmp_path / "server.sqlite3")) as server:
        a, b, (device, *_rest) = _setup(server, tmp_path)
        try:
            _lend(a, device.id, "Awa")
            _lend(b, device.id, "Lina")
            (lina_loan,) = HandoutService(b.store).open_loans()
            HandoutService(b.store).return_handout(
                lina_loan.handout.id, None, EndReason.AUTRE, HANDED
            )
            a.sync()
            b.sync()
            a.sync()
            b.sync()
            for laptop in (a, b):
                assert DeviceService(laptop.store).get(device.id).status is DeviceStatus.LOANED
                assert [h.guardian_name for h in HandoutService(laptop.store).open_loans()] == [
                    "Awa X"
                ]
            # B's card says why the device stays out, and offers no « keep mine » that
            # would put it back in stock while the other family holds it.
            (card,) = AttentionService(b.store).cards()
            assert (card.entity, card.mine, card.theirs) == ("device", "En stock", "Prêté")
            assert card.message.startswith(
                "L’ordinateur TNE95-0001 est déjà prêté à une autre famille depuis le "
                "30 novembre 2026 : son statut suit ce prêt"
            )
            assert not card.can_keep_mine and not card.can_edit
            with pytest.raises(BusinessRuleError, match="son statut suit ce prêt"):
                AttentionService(b.store).keep_mine(card.id)
            AttentionService(b.store).keep_theirs(card.id)
            b.sync()
            assert DeviceService(a.store).get(device.id).status is DeviceStatus.LOANED
        finally:
            a.close()
            b.close()


def test_each_choice_of_the_refused_loan_card(tmp_path: Path) -> None:
    """« Choisir un autre équipement »: the same family gets another device, the card
    closes and every laptop sees that loan; « Annuler ma remise »: the card closes and
    nothing else changes. The chip counts what is shown, down to nothing."""
    with live_server(sqlite_url(tmp_path / "server.sqlite3")) as server:
        a, b, (first, second, spare) = _setup(server, tmp_path)
        try:
            _lend(a, first.id, "Awa")
            _lend(a, second.id, "Karim")
            _lend(b, first.id, "Lina")
            _lend(b, second.id, "Sara")
            a.sync()
            b.sync()
            b.sync()
            attention = AttentionService(b.store)
            cards = {c.mine: c for c in attention.cards()}
            assert sorted(cards) == ["TNE95-0001", "TNE95-0002"]
            assert sync_status(b.store).to_handle == 2
            lina = ParticipantService(b.store).get(cards["TNE95-0001"].guardian_id)  # type: ignore[arg-type]
            assert lina is not None and lina.first_name == "Lina"
            _lend_to(b, lina.id, spare.id)
            attention.handout_redone(cards["TNE95-0001"].id)
            attention.cancel_handout(cards["TNE95-0002"].id)
            assert attention.cards() == [] and sync_status(b.store).to_handle == 0
            b.sync()
            a.sync()
            for laptop in (a, b):
                loans = HandoutService(laptop.store).open_loans()
                assert sorted((h.guardian_name, h.handout.device_ids) for h in loans) == sorted(
                    [
                        ("Awa X", (first.id,)),
                        ("Karim X", (second.id,)),
                        ("Lina X", (spare.id,)),
                    ]
                )
                for d in (first, second, spare):
                    assert DeviceService(laptop.store).get(d.id).status is DeviceStatus.LOANED
            assert AttentionService(a.store).cards() == []
        finally:
            a.close()
            b.close()
