"""Accueil: today's and coming workshops with places left, loans due back, counters."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTreeWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from mediator_app.core.entities import Handout, Participant, Workshop
from mediator_app.core.enums import Theme
from mediator_app.local_store import Store
from mediator_app.local_store.schema import outbox
from mediator_app.local_store.services.registrations import RegistrationService
from mediator_app.local_store.state import set_state
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.pages.home import HomePage
from mediator_app.ui.tasks import InlineRunner, TaskRunner

TODAY = date(2026, 4, 20)  # a Monday


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _seed(store: Store) -> None:
    store.clock = lambda: _at(TODAY, 12)
    awa = Participant(first_name="Awa", last_name="Diallo")
    cafe = Workshop(
        title="Café Pronote",
        date=TODAY,
        start_time=time(14),
        themes=(Theme.PARENTALITE,),
        commune="Sarcelles",
        capacity=2,
    )
    ent = Workshop(
        title="Découvrir l’ENT",
        date=date(2026, 4, 21),
        start_time=time(9, 30),
        themes=(Theme.PARENTALITE,),
        commune="Sarcelles",
        capacity=15,
    )
    later = Workshop(
        title="Écrans en famille",
        date=date(2026, 4, 24),
        themes=(Theme.PARENTALITE,),
        commune="Cergy",
    )
    with store.write() as tx:
        for row in (awa, cafe, ent, later):
            tx.insert(row)  # type: ignore[type-var]
        tx.insert(
            Handout(
                guardian_id=awa.id,
                device_ids=(uuid.uuid4(), uuid.uuid4()),
                handed_at=_at(date(2026, 1, 5)),
                expected_return=date(2026, 4, 18),
            )
        )
        tx.insert(
            Handout(
                guardian_id=awa.id,
                device_ids=(uuid.uuid4(),),
                handed_at=_at(date(2026, 1, 5)),
                expected_return=date(2026, 4, 21),
            )
        )
    regs = RegistrationService(store)
    for i in range(3):
        parent = Participant(first_name=f"Parent{i}", last_name="Test")
        with store.write() as tx:
            tx.insert(parent)
        regs.register(cafe.id, parent.id)  # 2 registered, the 3rd on the waitlist
    regs.register(ent.id, awa.id)
    with store.engine.begin() as conn:
        conn.execute(update(outbox).values(state="acked"))
        conn.execute(update(outbox).where(outbox.c.client_seq <= 2).values(state="pending"))
        conn.execute(update(outbox).where(outbox.c.client_seq == 3).values(state="parked"))
        set_state(conn, "last_sync_at", "2026-04-20T08:30:00+00:00")


def _page(qtbot: QtBot, store: Store, runner: TaskRunner | None = None) -> HomePage:
    ctx = AppContext(store=store, services=Services.of(store), runner=runner or InlineRunner())
    page = HomePage(ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def _value(page: HomePage, name: str) -> str:
    label = page.findChild(QLabel, f"{name}_value")
    assert label is not None
    return label.text()


def test_home_shows_the_day_places_loans_and_counters(qtbot: QtBot, store: Store) -> None:
    _seed(store)
    runner = TaskRunner()
    try:
        page = _page(qtbot, store, runner)
        with qtbot.waitSignal(page.summary_loaded, timeout=5000):
            page.refresh()
    finally:
        runner.shutdown()
    assert page.workshop_rows() == [
        ["Aujourd’hui", "14:00", "Café Pronote", "Complet · 1 en attente"],
        ["Demain", "09:30", "Découvrir l’ENT", "14 places restantes"],
        ["ven. 24 avr.", "", "Écrans en famille", "Sans limite · 0 inscrit·e"],
    ]
    assert page.handout_rows() == [
        ["Awa Diallo · 2 équipements", "⚠ en retard de 2 jours"],
        ["Awa Diallo · 1 équipement", "à rendre demain"],
    ]
    assert _value(page, "home_today_workshops") == "1"
    assert _value(page, "home_pending_changes") == "2"
    assert _value(page, "home_attention") == "1"
    assert _value(page, "home_overdue_handouts") == "1"
    today = page.findChild(QLabel, "home_today_label")
    assert today is not None and today.text() == "Lundi 20 avril 2026"
    last = page.findChild(QLabel, "home_last_sync_label")
    assert last is not None and last.text().startswith(
        "Dernière synchronisation\u00a0: lundi 20 avril"
    )


def test_attention_link_and_workshop_activation(qtbot: QtBot, store: Store) -> None:
    _seed(store)
    page = _page(qtbot, store)
    page.refresh()
    button = page.findChild(QPushButton, "home_attention_button")
    text = page.findChild(QLabel, "home_attention_text")
    assert button is not None and button.isVisible()
    assert text is not None and text.text() == "⚠ Une modification demande votre décision."
    with qtbot.waitSignal(page.attention_requested):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    tree = page.findChild(QTreeWidget, "home_workshops_list")
    assert tree is not None
    first = tree.topLevelItem(0)
    assert first is not None
    with qtbot.waitSignal(page.workshop_activated) as blocker:
        tree.itemActivated.emit(first, 0)
    assert isinstance(blocker.args[0], uuid.UUID)


def test_an_empty_laptop_says_so(qtbot: QtBot, store: Store) -> None:
    page = _page(qtbot, store)
    page.refresh()
    assert page.workshop_rows() == [["", "", "Aucun atelier prévu dans les 14 jours.", ""]]
    assert page.handout_rows() == [["Aucun retour prévu cette semaine.", ""]]
    button = page.findChild(QPushButton, "home_attention_button")
    assert button is not None and not button.isVisible()
    last = page.findChild(QLabel, "home_last_sync_label")
    assert last is not None and last.text().startswith("Pas encore de synchronisation")


def test_a_write_announced_elsewhere_refreshes_the_figures(qtbot: QtBot, store: Store) -> None:
    page = _page(qtbot, store)
    page.refresh()
    assert _value(page, "home_pending_changes") == "0"
    with store.write() as tx:
        tx.insert(Participant(first_name="Karim", last_name="Haddad"))
    page._ctx.hub.announce({"participant"})
    assert _value(page, "home_pending_changes") == "1"
