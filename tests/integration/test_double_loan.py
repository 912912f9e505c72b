"""The same laptop lent on two laptops: the server keeps the first loan; on the second
laptop the refused hand-out is not open, the device shows the server's state, and the card
says in French what happened (with the device's asset tag, not a serialised row)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from mediator_app.core.entities import AgreementTemplate, Device, Participant
from mediator_app.core.enums import DeviceType, HandoutNature, SignerCapacity
from mediator_app.core.wire import to_wire
from mediator_app.local_store.services.attention import REFUSED_HANDOUT_MESSAGE, AttentionService
from mediator_app.local_store.services.devices import DeviceService
from mediator_app.local_store.services.handouts import HandoutDraft, HandoutService
from mediator_app.local_store.services.participants import ParticipantService
from tests.support.clients import Client, make_client
from tests.support.live_server import live_server, sqlite_url

PASSWORD = "correct-horse-42"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
HANDED = datetime(2026, 11, 30, 9, 30, tzinfo=UTC)


def _lend(laptop: Client, device_id: object, family: str) -> None:
    store = laptop.store
    guardian = ParticipantService(store).create(Participant(first_name=family, last_name="X"))
    handouts = HandoutService(store)
    handouts.open_handout(
        HandoutDraft(
            nature=HandoutNature.LOAN,
            guardian_id=guardian.value.id,
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
            cards = AttentionService(b.store).cards()
            assert len(cards) == 1
            assert cards[0].message == REFUSED_HANDOUT_MESSAGE
            assert cards[0].mine == "TNE95-0001"
            assert not cards[0].can_keep_mine and not cards[0].can_edit
        finally:
            a.close()
            b.close()
