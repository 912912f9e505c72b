"""« À traiter »: cards in plain French, and each choice becomes the right outbox ops."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QSpinBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import insert, select, update

from mediator_app.core.entities import Workshop
from mediator_app.core.enums import Theme
from mediator_app.local_store import Store
from mediator_app.local_store.schema import attention_item, outbox
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.pages.attention import AttentionPage, EditValueDialog
from mediator_app.ui.tasks import InlineRunner, TaskRunner
from mediator_app.ui.widgets.empty_state import EmptyState


def _seed(store: Store) -> dict[str, Any]:
    """A synced workshop with a capacity conflict, and a refused (parked) change."""
    svc = WorkshopService(store)
    workshop = svc.create(
        Workshop(
            title="Atelier Pronote",
            date=date(2026, 12, 10),
            themes=(Theme.PARENTALITE,),
            commune="Sarcelles",
            capacity=20,
        )
    ).value
    with store.engine.begin() as conn:  # the creation reached the server
        conn.execute(update(outbox).where(outbox.c.client_seq == 1).values(state="acked"))
    svc.update(workshop.id, notes="Salle B")  # this one will be refused
    now = datetime(2026, 4, 20, 9, tzinfo=UTC)
    conflict_id, parked_id = uuid.uuid4(), uuid.uuid4()
    with store.engine.begin() as conn:
        conn.execute(update(outbox).where(outbox.c.client_seq == 2).values(state="parked"))
        conn.execute(
            insert(attention_item).values(
                id=conflict_id,
                kind="conflict",
                entity="workshop",
                row_id=workshop.id,
                field_name="capacity",
                message_key="field",
                mine=25,
                theirs=20,
                status="open",
                resolution="",
                created_at=now,
            )
        )
        conn.execute(
            insert(attention_item).values(
                id=parked_id,
                kind="parked",
                entity="workshop",
                row_id=workshop.id,
                field_name="",
                message_key="forbidden",
                mine={"notes": "Salle B"},
                theirs=None,
                client_seq=2,
                status="open",
                resolution="",
                created_at=now,
            )
        )
    return {"workshop": workshop, "conflict": conflict_id, "parked": parked_id}


def _ops(store: Store) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [
            dict(r) for r in conn.execute(select(outbox).order_by(outbox.c.client_seq)).mappings()
        ]


def _items(store: Store) -> dict[uuid.UUID, str]:
    with store.engine.connect() as conn:
        return {r.id: r.status for r in conn.execute(select(attention_item))}


def _page(qtbot: QtBot, store: Store, runner: TaskRunner | None = None) -> AttentionPage:
    ctx = AppContext(store=store, services=Services.of(store), runner=runner or InlineRunner())
    page = AttentionPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    return page


def _card(page: AttentionPage, item_id: uuid.UUID) -> QWidget:
    for widget in page.card_widgets():
        if widget.card.id == item_id:
            return widget
    raise AssertionError(f"no card for {item_id}")


def _button(card: QWidget, name: str) -> QPushButton:
    button = card.findChild(QPushButton, name)
    assert button is not None, name
    return button


def test_cards_show_both_values_and_the_right_buttons(qtbot: QtBot, store: Store) -> None:
    seeded = _seed(store)
    page = _page(qtbot, store)
    assert len(page.card_widgets()) == 2
    conflict = _card(page, seeded["conflict"])
    title = conflict.findChild(QLabel, "card_title")
    mine = conflict.findChild(QLabel, "card_mine")
    theirs = conflict.findChild(QLabel, "card_theirs")
    message = conflict.findChild(QLabel, "card_message")
    assert title is not None and mine is not None and theirs is not None and message is not None
    assert title.text() == "⚠ Atelier « Atelier Pronote » du 10/12/2026"
    assert (mine.text(), theirs.text()) == ("25", "20")
    assert message.text().startswith("Nombre de places")
    names = {b.objectName() for b in conflict.buttons}
    assert names == {"keep_mine_button", "keep_theirs_button", "edit_button", "set_aside_button"}
    parked = _card(page, seeded["parked"])
    assert {b.objectName() for b in parked.buttons} == {"retry_button", "set_aside_button"}
    parked_message = parked.findChild(QLabel, "card_message")
    assert parked_message is not None and "droits" in parked_message.text()


def test_keep_mine_writes_the_value_back_and_closes_the_card(qtbot: QtBot, store: Store) -> None:
    seeded = _seed(store)
    runner = TaskRunner()
    try:
        page = _page(qtbot, store, runner)
        qtbot.waitUntil(lambda: len(page.card_widgets()) == 2)
        before = len(_ops(store))
        with qtbot.waitSignal(page._ctx.hub.changed) as blocker:
            qtbot.mouseClick(
                _button(_card(page, seeded["conflict"]), "keep_mine_button"),
                Qt.MouseButton.LeftButton,
            )
        assert "attention" in blocker.args[0]
        qtbot.waitUntil(lambda: len(page.card_widgets()) == 1)
    finally:
        runner.shutdown()
    new = _ops(store)[before:]
    assert [(o["entity"], o["kind"], o["changes"]) for o in new] == [
        ("workshop", "update", {"capacity": 25})
    ]
    assert new[0]["state"] == "pending"
    assert _items(store)[seeded["conflict"]] == "resolved"
    assert WorkshopService(store).get(seeded["workshop"].id).capacity == 25


def test_keep_theirs_closes_without_touching_the_record(qtbot: QtBot, store: Store) -> None:
    seeded = _seed(store)
    page = _page(qtbot, store)
    before = len(_ops(store))
    qtbot.mouseClick(
        _button(_card(page, seeded["conflict"]), "keep_theirs_button"), Qt.MouseButton.LeftButton
    )
    assert [w.card.id for w in page.card_widgets()] == [seeded["parked"]]
    assert _ops(store)[before:] == []  # no conflict row here: nothing to send
    assert _items(store)[seeded["conflict"]] == "resolved"
    assert WorkshopService(store).get(seeded["workshop"].id).capacity == 20


def test_edit_sets_another_value(qtbot: QtBot, store: Store) -> None:
    seeded = _seed(store)
    page = _page(qtbot, store)
    before = len(_ops(store))

    def type_value() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, EditValueDialog)
        spin = dialog.findChild(QSpinBox, "value_editor")
        assert spin is not None and spin.value() == 25  # starts from my value
        spin.setValue(30)
        dialog._on_accepted()

    QTimer.singleShot(0, type_value)
    qtbot.mouseClick(
        _button(_card(page, seeded["conflict"]), "edit_button"), Qt.MouseButton.LeftButton
    )
    assert [o["changes"] for o in _ops(store)[before:]] == [{"capacity": 30}]
    assert _items(store)[seeded["conflict"]] == "resolved"
    assert len(page.card_widgets()) == 1


def test_parked_change_retried_or_set_aside_then_archived(qtbot: QtBot, store: Store) -> None:
    seeded = _seed(store)
    page = _page(qtbot, store)
    qtbot.mouseClick(
        _button(_card(page, seeded["parked"]), "retry_button"), Qt.MouseButton.LeftButton
    )
    ops = _ops(store)
    # The refused op is archived and a copy goes out again under a new op id (the server
    # keeps the first answer of an op id forever).
    assert ops[1]["state"] == "archived"
    assert ops[-1]["state"] == "pending" and ops[-1]["changes"] == ops[1]["changes"]
    assert ops[-1]["op_id"] != ops[1]["op_id"]
    assert _items(store)[seeded["parked"]] == "resolved"
    qtbot.mouseClick(
        _button(_card(page, seeded["conflict"]), "set_aside_button"), Qt.MouseButton.LeftButton
    )
    assert page.card_widgets() == []
    empty = page.findChild(EmptyState, "attention_empty_state")
    assert empty is not None and empty.isVisible() and empty.text().startswith("✓ Rien à traiter")
    assert _items(store)[seeded["conflict"]] == "archived"

    archived = page.findChild(QPushButton, "archived_button")
    assert archived is not None
    qtbot.mouseClick(archived, Qt.MouseButton.LeftButton)
    cards = page.card_widgets()
    assert [w.card.id for w in cards] == [seeded["conflict"]]
    assert cards[0].buttons == []  # archived cards are read-only


@pytest.mark.parametrize("action", ["keep_mine_button", "keep_theirs_button"])
def test_an_item_handled_elsewhere_shows_a_calm_message(
    qtbot: QtBot, store: Store, action: str
) -> None:
    seeded = _seed(store)
    page = _page(qtbot, store)
    page._ctx.services.attention.keep_theirs(seeded["conflict"])  # e.g. from another window
    card = _card(page, seeded["conflict"])
    qtbot.mouseClick(_button(card, action), Qt.MouseButton.LeftButton)
    error = card.findChild(QLabel, "card_error")
    assert error is not None and error.text() == "⚠ Cet élément a déjà été traité."


def test_a_workshop_sent_back_for_correction_is_a_card_until_corrected(
    qtbot: QtBot, store: Store
) -> None:
    """« À corriger » is never silent: a card in À traiter (with the coordinator's words and
    « Ouvrir l'atelier »), counted by the chip and Accueil; it goes when the mediator's
    correction sends the workshop back « à relire »."""
    from datetime import date

    from mediator_app.core.entities import Workshop
    from mediator_app.core.enums import ReviewStatus, Theme
    from mediator_app.local_store.services.queries import QueryService
    from mediator_app.local_store.services.workshops import WorkshopService
    from mediator_app.local_store.status import sync_status

    svc = WorkshopService(store)
    w = svc.create(
        Workshop(title="Café des parents", date=date(2026, 11, 5), themes=(Theme.PARENTALITE,))
    ).value
    with store.write() as tx:  # the coordinator's decision, as a sync brings it
        tx.update(
            tx.require(Workshop, w.id),
            review_status=ReviewStatus.NEEDS_CORRECTION,
            review_comment="Ajoutez le nombre d’enfants présents.",
        )
    assert sync_status(store).to_handle == 1
    assert QueryService(store).home(date(2026, 11, 6)).corrections == 1
    page = _page(qtbot, store)
    cards = page.card_widgets()
    assert len(cards) == 1 and cards[0].card.kind == "correction"
    message = cards[0].findChild(QLabel, "card_message")
    assert message is not None and "Ajoutez le nombre d’enfants présents." in message.text()
    names = [b.objectName() for b in cards[0].buttons]
    assert names == ["open_button"]
    with qtbot.waitSignal(page.workshop_requested) as opened:
        cards[0].buttons[0].click()
    assert opened.args == [w.id]

    svc.update(w.id, title="Café des parents (corrigé)")
    assert sync_status(store).to_handle == 0
    page.refresh()
    assert page.card_widgets() == []


def test_a_refused_hand_out_card_names_the_device_not_the_serialised_row(store: Store) -> None:
    """The server sends back the whole row of a refused hand-out: the card shows the
    device's asset tag, and « Garder ma valeur » reads the field out of it."""
    import json

    from mediator_app.core.entities import Device, Handout, Participant
    from mediator_app.core.enums import HandoutNature
    from mediator_app.core.wire import to_wire
    from mediator_app.local_store.services.attention import AttentionService

    with store.write() as tx:
        device = tx.insert(Device(serial_number="SN-1", asset_tag="TNE95-0001"))
        family = tx.insert(Participant(first_name="Fatou", last_name="Diallo"))
        handout = tx.insert(
            Handout(
                nature=HandoutNature.LOAN,
                guardian_id=family.id,
                device_ids=(device.id,),
                handed_at=datetime(2026, 12, 3, 9, tzinfo=UTC),
            )
        )
    row = json.dumps(to_wire(handout))
    assert len(row) > 500
    with store.engine.begin() as conn:
        conn.execute(
            insert(attention_item).values(
                id=uuid.uuid4(),
                kind="conflict",
                entity="handout",
                row_id=handout.id,
                field_name="device_ids",
                message_key="unique",
                mine=row,
                theirs=None,
                status="open",
                resolution="",
                created_at=datetime(2026, 12, 3, 10, tzinfo=UTC),
            )
        )
    svc = AttentionService(store)
    (card,) = svc.cards()
    assert card.mine == "TNE95-0001"
    svc.keep_mine(card.id)  # no TypeError: the field is read out of the row
    assert svc.cards() == []
