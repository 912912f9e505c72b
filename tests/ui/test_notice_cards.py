"""The new cards of « À traiter » and Accueil, each button clicked: a notice of an
overwritten value (« Rétablir ma valeur », « C'est bon »), a capacity notice, and a refused
loan (« Annuler ma remise », « Choisir un autre équipement » through the real wizard)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import insert, select, update

from mediator_app.core.entities import (
    AgreementTemplate,
    Device,
    Participant,
    Workshop,
    attendance_id,
)
from mediator_app.core.enums import DeviceType, Gender, HandoutNature, SignerCapacity, Theme
from mediator_app.local_store import Store
from mediator_app.local_store.schema import attention_item, outbox
from mediator_app.local_store.services.handouts import HandoutDraft
from mediator_app.local_store.status import sync_status
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.dialogs.handout_wizard import HandoutWizard
from mediator_app.ui.pages.attention import AttentionPage
from mediator_app.ui.pages.home import HomePage
from mediator_app.ui.tasks import InlineRunner, TaskRunner

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
HANDED = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
NOW = datetime(2026, 12, 3, 10, tzinfo=UTC)


def _item(store: Store, **values: Any) -> uuid.UUID:
    item_id = uuid.uuid4()
    with store.engine.begin() as conn:
        conn.execute(
            insert(attention_item).values(
                id=item_id, status="open", resolution="", created_at=NOW, **values
            )
        )
    return item_id


def _seed(store: Store) -> dict[str, Any]:
    """What the sync engine leaves after a run (tests/integration/test_notices.py and
    test_double_loan.py make the same items over the real server)."""
    services = Services.of(store)
    workshop = services.workshops.create(
        Workshop(
            title="Café des parents du jeudi",
            date=date(2026, 12, 10),
            themes=(Theme.PARENTALITE,),
            commune="Cergy",
            capacity=1,
        )
    ).value
    lina = services.participants.create(
        Participant(first_name="Lina", last_name="Martin", gender=Gender.FEMININ)
    ).value
    awa = services.participants.create(Participant(first_name="Awa", last_name="Diallo")).value
    registration = services.registrations.register(workshop.id, lina.id).value
    with store.write() as tx:
        tx.insert(
            AgreementTemplate(
                title="Convention", text="Famille : {{famille}}\n", valid_from=date(2025, 8, 1)
            )
        )
    taken, spare = (
        services.devices.add(
            Device(
                device_type=DeviceType.LAPTOP, serial_number=f"SN-{n}", asset_tag=f"TNE95-000{n}"
            )
        ).value
        for n in (1, 2)
    )
    handouts = services.handouts
    handouts.open_handout(  # the other family's loan, as pulled from the server
        HandoutDraft(
            nature=HandoutNature.LOAN,
            guardian_id=awa.id,
            device_ids=(taken.id,),
            handed_at=HANDED,
            agreement_template_id=handouts.templates()[0].id,
            expected_return=date(2027, 7, 3),
        ),
        signature_png=PNG,
        signer_name="Awa Diallo",
        signer_capacity=SignerCapacity.PARENT,
        signed_at=HANDED,
    )
    with store.engine.begin() as conn:  # all of it reached the server
        conn.execute(update(outbox).values(state="acked"))
    return {
        "workshop": workshop,
        "lina": lina,
        "spare": spare,
        "overwritten": _item(
            store,
            kind="notice",
            entity="workshop",
            row_id=workshop.id,
            field_name="title",
            message_key="overwritten",
            mine="Café des parents — numérique",
            theirs="Café des parents du jeudi",
        ),
        "capacity": _item(
            store,
            kind="notice",
            entity="registration",
            row_id=registration.id,
            field_name="",
            message_key="capacity",
            mine={"workshop_id": str(workshop.id), "participant_id": str(lina.id)},
        ),
        "refused": _item(
            store,
            kind="conflict",
            entity="handout",
            row_id=uuid.uuid4(),
            field_name="device_ids",
            message_key="unique",
            mine={"device_ids": [str(taken.id)], "guardian_id": str(lina.id)},
        ),
    }


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


def _attention(qtbot: QtBot, store: Store, runner: Any = None) -> AttentionPage:
    ctx = AppContext(store=store, services=Services.of(store), runner=runner or InlineRunner())
    page = AttentionPage(ctx)
    page.open_documents = False
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.refresh()
    return page


def _card(page: AttentionPage, item_id: uuid.UUID) -> QWidget:
    for widget in page.card_widgets():
        if widget.card.id == item_id:
            return widget
    raise AssertionError(f"no card for {item_id}")


def _buttons(card: QWidget) -> list[str]:
    return [b.text() for b in card.findChildren(QPushButton)]


def _click(qtbot: QtBot, card: QWidget, name: str) -> None:
    button = card.findChild(QPushButton, name)
    assert button is not None, name
    qtbot.waitUntil(button.isVisible)  # cards added to a shown page appear on the next loop
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _status(store: Store, item_id: uuid.UUID) -> tuple[str, str]:
    with store.read() as conn:
        row = conn.execute(select(attention_item).where(attention_item.c.id == item_id)).one()
    return row.status, row.resolution


def _text(card: QWidget, name: str) -> str:
    label = card.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


def test_each_new_card_says_what_happened_and_each_button_works(qtbot: QtBot, store: Store) -> None:
    seeded = _seed(store)
    page = _attention(qtbot, store)
    assert len(page.card_widgets()) == 3 == sync_status(store).to_handle
    hint = page.minimumSizeHint()  # fits a 1280×720 screen at 125 % (test_screen_fit.py)
    assert hint.width() <= 1024 and hint.height() <= 538, hint

    overwritten = _card(page, seeded["overwritten"])
    assert _text(overwritten, "card_title").startswith("ℹ Atelier « Café des parents du jeudi »")
    assert _text(overwritten, "card_message").startswith(
        "Titre : un autre poste a enregistré une autre valeur après vous"
    )
    assert _text(overwritten, "card_mine") == "Café des parents — numérique"
    assert _text(overwritten, "card_theirs") == "Café des parents du jeudi"
    assert _buttons(overwritten) == ["&Rétablir ma valeur", "C’est &bon"]

    capacity = _card(page, seeded["capacity"])
    assert _text(capacity, "card_message") == (
        "Mme Lina Martin est passée en liste d’attente pour l’atelier « Café des parents du "
        "jeudi » du 10/12/2026 : complet (un autre poste avait déjà rempli les places)."
    )
    assert capacity.findChild(QLabel, "card_mine") is None
    assert _buttons(capacity) == ["C’est &bon"]

    refused = _card(page, seeded["refused"])
    assert _text(refused, "card_message").startswith(
        "L’ordinateur TNE95-0001 est déjà prêté à une autre famille depuis le 3 décembre 2026"
    )
    assert _text(refused, "card_mine") == "TNE95-0001"
    assert _text(refused, "card_title") == "⚠ Remise de matériel à Lina Martin"
    assert _buttons(refused) == ["C&hoisir un autre équipement…", "A&nnuler ma remise"]

    # « Rétablir ma valeur »: my title again, as a new edit for the server.
    _click(qtbot, overwritten, "restore_button")
    workshop = Services.of(store).workshops.get(seeded["workshop"].id)
    assert workshop is not None and workshop.title == "Café des parents — numérique"
    with store.read() as conn:
        (op,) = conn.execute(select(outbox).where(outbox.c.state == "pending")).mappings()
    assert op["entity"] == "workshop" and op["changes"] == {"title": "Café des parents — numérique"}
    assert _status(store, seeded["overwritten"]) == ("resolved", "restored")

    # « C'est bon » on the capacity notice: read, nothing else written.
    _click(qtbot, _card(page, seeded["capacity"]), "dismiss_button")  # the page re-read
    assert _status(store, seeded["capacity"]) == ("resolved", "read")

    # « Annuler ma remise »: the refused loan is given up.
    _click(qtbot, _card(page, seeded["refused"]), "cancel_handout_button")
    assert _status(store, seeded["refused"]) == ("resolved", "cancelled")
    with store.read() as conn:
        assert len(conn.execute(select(outbox).where(outbox.c.state == "pending")).all()) == 1
    assert page.card_widgets() == [] and sync_status(store).to_handle == 0


def test_dismissing_an_overwritten_value_keeps_the_other_one(qtbot: QtBot, store: Store) -> None:
    seeded = _seed(store)
    page = _attention(qtbot, store)
    _click(qtbot, _card(page, seeded["overwritten"]), "dismiss_button")
    workshop = Services.of(store).workshops.get(seeded["workshop"].id)
    assert workshop is not None and workshop.title == "Café des parents du jeudi"
    assert _status(store, seeded["overwritten"]) == ("resolved", "read")


def test_choose_another_device_opens_the_wizard_for_the_same_family(
    qtbot: QtBot, store: Store, runner: TaskRunner
) -> None:
    seeded = _seed(store)
    page = _attention(qtbot, store, runner)
    qtbot.waitUntil(lambda: len(page.card_widgets()) == 3)
    with qtbot.waitSignal(page.wizard_opened, timeout=5000) as opened:
        _click(qtbot, _card(page, seeded["refused"]), "redo_handout_button")
    wizard = opened.args[0]
    assert isinstance(wizard, HandoutWizard)
    family = wizard.family_page
    assert family.guardian is not None and family.guardian.id == seeded["lina"].id
    wizard.button(QWizard.WizardButton.NextButton).click()
    devices = wizard.devices_page
    qtbot.waitUntil(lambda: devices.device_list.count() == 1)  # the spare one, in stock
    qtbot.keyClicks(devices.scan_edit, "TNE95-0002")
    qtbot.keyClick(devices.scan_edit, Qt.Key.Key_Return)
    assert [d.id for d in devices.selected()] == [seeded["spare"].id]
    wizard.button(QWizard.WizardButton.NextButton).click()
    qtbot.waitUntil(lambda: wizard.agreement_page.shown_sha256 is not None)
    wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.signature_page.pad.paper_checkbox.setChecked(True)
    with qtbot.waitSignal(wizard.finished, timeout=10_000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: _status(store, seeded["refused"]) == ("resolved", "redone"))
    loans = Services.of(store).handouts.open_loans()
    assert sorted((h.guardian_name, h.handout.device_ids) for h in loans)[-1] == (
        "Lina Martin",
        (seeded["spare"].id,),
    )
    qtbot.waitUntil(lambda: seeded["refused"] not in {w.card.id for w in page.card_widgets()})


def test_accueil_shows_the_notices_with_their_buttons(qtbot: QtBot, store: Store) -> None:
    seeded = _seed(store)
    ctx = AppContext(store=store, services=Services.of(store), runner=InlineRunner())
    page = HomePage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.refresh()
    summary = page.findChild(QLabel, "home_attention_text")
    assert summary is not None
    assert summary.text() == "⚠ Une modification demande votre décision. ℹ 2 avis à lire."
    # It still fits a 1280×720 screen at 125 % (tests/ui/test_screen_fit.py's room).
    hint = page.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 538, hint
    rows = {r.property("item_id"): r for r in page.notice_rows()}
    assert set(rows) == {str(seeded["overwritten"]), str(seeded["capacity"])}
    overwritten = rows[str(seeded["overwritten"])]
    text = overwritten.findChild(QLabel, "home_notice_text")
    assert text is not None and "Votre valeur\u00a0: Café des parents — numérique" in text.text()
    qtbot.mouseClick(
        overwritten.findChild(QPushButton, "home_notice_restore"), Qt.MouseButton.LeftButton
    )
    assert _status(store, seeded["overwritten"]) == ("resolved", "restored")
    workshop = Services.of(store).workshops.get(seeded["workshop"].id)
    assert workshop is not None and workshop.title == "Café des parents — numérique"
    (capacity,) = page.notice_rows()
    qtbot.mouseClick(
        capacity.findChild(QPushButton, "home_notice_dismiss"), Qt.MouseButton.LeftButton
    )
    assert _status(store, seeded["capacity"]) == ("resolved", "read")
    assert page.notice_rows() == []
    box = page.findChild(QWidget, "home_notices_box")
    assert box is not None and not box.isVisible()
    # Only the refused loan is left, in « À traiter ».
    assert sync_status(store).to_handle == 1
    assert summary.text() == "⚠ Une modification demande votre décision."


def _cleared_co_facilitation(store: Store) -> uuid.UUID:
    """A co-facilitation this laptop recorded, cleared by the server (the parent marked
    absent on another laptop): the notice the sync engine leaves
    (tests/integration/test_co_facilitation_sync.py makes it over the real server)."""
    services = Services.of(store)
    workshop = services.workshops.create(
        Workshop(title="Café des parents", date=date(2026, 11, 20), themes=(Theme.PARENTALITE,))
    ).value
    nadia = services.participants.create(
        Participant(
            first_name="Nadia",
            last_name="Benali",
            gender=Gender.FEMININ,
            parent_resource=True,
            parent_resource_since=date(2026, 9, 15),
        )
    ).value
    services.attendance.mark(workshop.id, nadia.id)
    services.attendance.unmark(workshop.id, nadia.id)
    with store.engine.begin() as conn:
        conn.execute(update(outbox).values(state="acked"))
    return _item(
        store,
        kind="notice",
        entity="attendance",
        row_id=attendance_id(workshop.id, nadia.id),
        field_name="co_facilitated",
        message_key="co_facilitation",
        mine=True,
        theirs=False,
    )


CO_FACILITATION_CLEARED = (
    "Mme Nadia Benali ne co-anime plus l’atelier « Café des parents » du 20/11/2026 : un "
    "autre poste l’a notée absente."
)


def test_a_cleared_co_facilitation_card_says_so_and_is_dismissed(
    qtbot: QtBot, store: Store
) -> None:
    item = _cleared_co_facilitation(store)
    page = _attention(qtbot, store)
    assert sync_status(store).to_handle == 1
    card = _card(page, item)
    assert _text(card, "card_title").startswith("ℹ Atelier « Café des parents »")
    assert _text(card, "card_message") == CO_FACILITATION_CLEARED
    assert card.findChild(QLabel, "card_mine") is None
    assert _buttons(card) == ["C’est &bon"]
    hint = page.minimumSizeHint()  # fits a 1280×720 screen at 125 % (test_screen_fit.py)
    assert hint.width() <= 1024 and hint.height() <= 538, hint
    _click(qtbot, card, "dismiss_button")
    assert _status(store, item) == ("resolved", "read")
    assert page.card_widgets() == [] and sync_status(store).to_handle == 0
    with store.read() as conn:  # read, nothing else written
        assert conn.execute(select(outbox).where(outbox.c.state == "pending")).all() == []


def test_accueil_shows_a_cleared_co_facilitation(qtbot: QtBot, store: Store) -> None:
    item = _cleared_co_facilitation(store)
    ctx = AppContext(store=store, services=Services.of(store), runner=InlineRunner())
    page = HomePage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.refresh()
    summary = page.findChild(QLabel, "home_attention_text")
    assert summary is not None and summary.text() == "ℹ Un avis à lire."
    (row,) = page.notice_rows()
    assert row.property("item_id") == str(item)
    text = row.findChild(QLabel, "home_notice_text")
    assert text is not None and CO_FACILITATION_CLEARED in text.text()
    assert (
        row.findChild(QPushButton, "home_notice_restore") is None
        or not row.findChild(QPushButton, "home_notice_restore").isVisible()
    )
    qtbot.mouseClick(row.findChild(QPushButton, "home_notice_dismiss"), Qt.MouseButton.LeftButton)
    assert _status(store, item) == ("resolved", "read")
    assert page.notice_rows() == [] and sync_status(store).to_handle == 0
