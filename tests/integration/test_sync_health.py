"""Sync health end to end: two mediator laptops sync (one with a parked change), the
coordinator's *Santé des synchronisations* tab shows both devices with their figures and
flags; a mediator asking gets refused; offline, the tab says so in French."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from mediator_app.core.entities import Workshop
from mediator_app.core.enums import Theme, WorkshopFormat
from mediator_app.core.errors import AuthenticationError
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.sync.api_client import ApiClient, Tokens
from mediator_app.sync.health import fetch_sync_health, health_fetcher
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.pages.coordination import CoordinationPage
from mediator_app.ui.tasks import TaskRunner
from tests.support.clients import Client, make_client
from tests.support.live_server import live_server, sqlite_url

PASSWORD = "correct-horse-42"


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[tuple[Client, Client, Client, object]]:
    with live_server(sqlite_url(tmp_path / "server.sqlite3")) as server:
        s1 = server.create_structure("Collège Paul Éluard")
        s2 = server.create_structure("Médiathèque de Cergy", kind="mediatheque")
        server.create_user(
            "m1@tne.test", PASSWORD, "mediator", structure_id=s1, display_name="Awa Médiatrice"
        )
        server.create_user(
            "m2@tne.test", PASSWORD, "mediator", structure_id=s2, display_name="Bruno Médiateur"
        )
        server.create_user("c@tne.test", PASSWORD, "coordinator", display_name="Claire Coord")
        m1, m2, c = (make_client(tmp_path, n) for n in ("pc-awa", "pc-bruno", "pc-claire"))
        m1.login(server.base_url, "m1@tne.test", PASSWORD)
        m2.login(server.base_url, "m2@tne.test", PASSWORD)
        c.login(server.base_url, "c@tne.test", PASSWORD)
        yield m1, m2, c, s2
        for x in (m1, m2, c):
            x.close()


def _workshop(title: str, **over: object) -> Workshop:
    return Workshop(
        format=WorkshopFormat.ATELIER,
        title=title,
        date=date(2026, 10, 8),
        themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
        **over,  # type: ignore[arg-type]
    )


def test_health_tab_shows_each_device_with_its_figures(
    qtbot: QtBot, laptops: tuple[Client, Client, Client, object]
) -> None:
    m1, m2, c, other_structure = laptops
    WorkshopService(m1.store).create(_workshop("Atelier EduConnect"))
    # A workshop filed under another structure: the server refuses it, the laptop parks it.
    WorkshopService(m1.store).create(
        _workshop("Atelier mal rangé", organizer_structure_id=other_structure)
    )
    WorkshopService(m2.store).create(_workshop("Café Pronote"))
    assert m1.sync().parked == 1
    assert m2.sync().parked == 0
    assert len(m1.outbox("parked")) == 1
    c.sync()

    runner = TaskRunner()
    try:
        ctx = AppContext(c.store, Services.of(c.store), runner)
        page = CoordinationPage(ctx, health_fetcher=health_fetcher(c.store, c.session.client))
        qtbot.addWidget(page)
        page.show()
        page.tabs.setCurrentIndex(1)  # opening the tab asks the server
        qtbot.waitUntil(lambda: page.sync_health is not None, timeout=20000)
        model = page.health_model
        assert model.rowCount() == 2  # the two mediators' laptops, not the coordinator's
        by_device = {
            model.index(r, 3).data(): [model.index(r, col).data() for col in range(9)]
            for r in range(model.rowCount())
        }
        awa = by_device["pc-awa"]
        bruno = by_device["pc-bruno"]
        assert awa[0] == "Awa Médiatrice" and awa[2] == "Collège Paul Éluard"
        assert (awa[5], awa[6]) == ("0", "1")  # nothing waiting, one change set aside
        assert awa[8] == "⚠ modifications mises de côté"
        assert bruno[0] == "Bruno Médiateur" and (bruno[5], bruno[6]) == ("0", "0")
        assert bruno[8] == "✓ à jour"
        assert awa[4] != "jamais" and awa[7] == "0.1.0"
        summary = page.findChild(QLabel, "health_summary_label")
        assert summary is not None and summary.text().startswith("2 postes · 1 à surveiller")
        health = page.sync_health
        assert health is not None
        flagged = {d.device_name for d in health.devices if d.has_parked}
        assert flagged == {"pc-awa"}
    finally:
        runner.shutdown()

    # A mediator is refused by the server.
    with pytest.raises(AuthenticationError) as refused:
        fetch_sync_health(m1.session.client())
    assert "coordination" in refused.value.message


def test_health_tab_offline_says_so_in_french(
    qtbot: QtBot, laptops: tuple[Client, Client, Client, object]
) -> None:
    _m1, _m2, c, _s = laptops
    dead = ApiClient("http://127.0.0.1:9", tokens=Tokens("a", "b"), max_attempts=1)
    runner = TaskRunner()
    try:
        ctx = AppContext(c.store, Services.of(c.store), runner)
        page = CoordinationPage(ctx, health_fetcher=lambda: fetch_sync_health(dead))
        qtbot.addWidget(page)
        page.refresh_health()
        message = page.findChild(QLabel, "health_message_label")
        assert message is not None
        qtbot.waitUntil(lambda: message.text() != "", timeout=20000)
        assert message.text().startswith("⚠ Hors connexion")
        assert page.health_model.rowCount() == 0
    finally:
        runner.shutdown()


def test_health_table_fits_the_page_without_a_horizontal_scrollbar(
    qtbot: QtBot, laptops: tuple[Client, Client, Client, object]
) -> None:
    """At 1366×768 (the page is ~940 px wide beside the sidebar), the people and places
    get the room, the figures fit, and no horizontal scrollbar shows."""
    m1, m2, c, _other = laptops
    WorkshopService(m1.store).create(_workshop("Atelier EduConnect"))
    m1.sync()
    m2.sync()
    c.sync()
    runner = TaskRunner()
    try:
        ctx = AppContext(c.store, Services.of(c.store), runner)
        page = CoordinationPage(ctx, health_fetcher=health_fetcher(c.store, c.session.client))
        qtbot.addWidget(page)
        page.resize(940, 640)
        page.show()
        page.tabs.setCurrentIndex(1)
        qtbot.waitUntil(lambda: page.sync_health is not None, timeout=20000)
        qtbot.wait(50)
        table = page.health_table
        assert table.model().rowCount() == 2
        header = table.horizontalHeader()
        bar = table.horizontalScrollBar()
        assert not bar.isVisible() or bar.maximum() == 0
        assert header.sectionSize(0) >= 200 and header.sectionSize(2) >= 200  # person, place
        assert not header.isSectionHidden(4)  # « Dernière synchronisation » stays
    finally:
        runner.shutdown()
