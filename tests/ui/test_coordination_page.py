"""The Coordination screens on real stores synced from a real server: review queue flows,
the dashboard against ``QueryService.dashboard``, the stock tab, the export dialog (Coop XLSX
read back, cancel) and the models."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from mediator_app.core.entities import Workshop
from mediator_app.core.enums import ReviewStatus, Theme, WorkshopFormat, WorkshopStatus
from mediator_app.core.masking import is_masked, masked_count
from mediator_app.local_store import Store, save_profile
from mediator_app.local_store.demo_data import ANCHOR, generate
from mediator_app.local_store.schema import entity_tables, outbox
from mediator_app.local_store.services.exports import (
    COOP_TEAM_COLUMNS,
    ExportFilter,
    ExportService,
)
from mediator_app.local_store.services.queries import QueryService
from mediator_app.local_store.services.review import ReviewService
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.dialogs.export_dialog import ExportDialog
from mediator_app.ui.models.review_table import ReviewTableModel, RowsTableModel, TableColumn
from mediator_app.ui.pages.coordination import CoordinationPage, number
from mediator_app.ui.sync_controller import SyncController
from mediator_app.ui.tasks import CancelToken, TaskRunner
from tests.support.clients import Client, make_client
from tests.support.live_server import live_server, sqlite_url

PASSWORD = "correct-horse-42"


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


@pytest.fixture
def three(tmp_path: Path) -> Iterator[tuple[Client, Client, Client]]:
    """Two mediators of two structures and their département's coordinator, signed in."""
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
        m1, m2, c = (make_client(tmp_path, n) for n in ("m1", "m2", "c"))
        m1.login(server.base_url, "m1@tne.test", PASSWORD)
        m2.login(server.base_url, "m2@tne.test", PASSWORD)
        c.login(server.base_url, "c@tne.test", PASSWORD)
        yield m1, m2, c
        for x in (m1, m2, c):
            x.close()


def _workshop(title: str, day: date) -> Workshop:
    return Workshop(
        format=WorkshopFormat.CAFE_DES_PARENTS,
        title=title,
        date=day,
        themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
        commune="Cergy",
    )


def _button(page: Any, name: str) -> QPushButton:
    button = page.findChild(QPushButton, name)
    assert button is not None, name
    return button


def _label(page: Any, name: str) -> QLabel:
    label = page.findChild(QLabel, name)
    assert label is not None, name
    return label


def test_review_queue_validate_and_send_back_reach_the_mediators(
    qtbot: QtBot, runner: TaskRunner, three: tuple[Client, Client, Client]
) -> None:
    m1, m2, c = three
    day = date.today() - timedelta(days=3)
    a = WorkshopService(m1.store).create(_workshop("Atelier EduConnect", day)).value
    b = WorkshopService(m2.store).create(_workshop("Café Pronote", day)).value
    m1.sync()
    m2.sync()
    c.sync()

    sync = SyncController(c.engine, lambda: "", auto=False)
    ctx = AppContext(c.store, Services.of(c.store), runner, sync=sync)
    announced: list[frozenset[str]] = []
    ctx.hub.changed.connect(announced.append)
    page = CoordinationPage(ctx, health_fetcher=lambda: pytest.fail("not asked"))
    qtbot.addWidget(page)
    # Owned by the page, so they are destroyed with it on the GUI thread.
    sync.setParent(page)
    ctx.hub.setParent(page)
    page.show()
    page.refresh()
    model = page.review_model
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    tabs = page.findChild(type(page._status_tabs), "review_status_tabs")
    assert tabs is not None and tabs.tabText(0) == "À vérifier (2)"
    assert page.tabs.tabText(0) == "&Validation (2 à vérifier)"
    # Filter by mediator: the owner combo lists both by name.
    owners = page._owner_combo
    names = [owners.itemText(i) for i in range(owners.count())]
    assert names == ["Tous", "Awa Médiatrice", "Bruno Médiateur"]
    owners.setCurrentIndex(1)
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.row_at(0).workshop.id == a.id  # type: ignore[union-attr]
    owners.setCurrentIndex(0)
    qtbot.waitUntil(lambda: model.rowCount() == 2)

    # Validate A with the button.
    assert page.select_workshop(a.id)
    assert _label(page, "detail_owner_label").text() == "Awa Médiatrice"
    assert _label(page, "detail_organizer_label").text() == "Collège Paul Éluard"
    assert "Cergy" in _label(page, "detail_place_label").text()
    qtbot.mouseClick(_button(page, "validate_button"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert tabs.tabText(2) == "Validé (1)"
    assert any("workshop" in ch for ch in announced)

    # Send B back: an empty comment is refused inline, nothing saved.
    assert page.select_workshop(b.id)
    send_back = _button(page, "send_back_button")
    qtbot.mouseClick(send_back, Qt.MouseButton.LeftButton)
    error = _label(page, "review_comment_error")
    qtbot.waitUntil(error.isVisible)
    assert error.text().startswith("⚠ ")
    assert ReviewService(c.store).counts().needs_correction == 0
    comment = "Merci de préciser le nombre de parents présents."
    # keyClicks types ASCII only; the accented rest is inserted as an input method would.
    qtbot.keyClicks(page._comment_edit, comment[:9])
    page._comment_edit.insertPlainText(comment[9:])
    qtbot.mouseClick(send_back, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    assert tabs.tabText(1) == "À corriger (1)"
    assert not error.isVisible()
    with c.store.read() as conn:
        ops = conn.execute(outbox.select().where(outbox.c.state == "pending")).mappings().all()
    assert sorted(op["changes"].get("review_status") for op in ops) == [
        "needs_correction",
        "validated",
    ]

    # The coordinator syncs through the controller; then the mediators sync.
    with qtbot.waitSignal(sync.finished, timeout=30000):
        sync.sync_now()
    assert c.outbox("pending") == []
    m1.sync()
    m2.sync()
    got_a = WorkshopService(m1.store).get(a.id)
    got_b = WorkshopService(m2.store).get(b.id)
    assert got_a is not None and got_a.review_status is ReviewStatus.VALIDATED
    assert got_b is not None and got_b.review_status is ReviewStatus.NEEDS_CORRECTION
    assert got_b.review_comment == comment


@pytest.fixture
def demo_store(store: Store) -> Store:
    """The conftest store filled with the tiny demo data set."""
    generate(store, scale="test")
    return store


def test_dashboard_figures_equal_the_query_service(
    qtbot: QtBot, runner: TaskRunner, demo_store: Store
) -> None:
    ctx = AppContext(demo_store, Services.of(demo_store), runner)
    page = CoordinationPage(
        ctx, health_fetcher=lambda: pytest.fail("not asked"), today=lambda: ANCHOR
    )
    qtbot.addWidget(page)
    page.tabs.setCurrentIndex(3)
    page.show()
    # Default: this school year.
    page.refresh()
    qtbot.waitUntil(lambda: page.dashboard_figures is not None)
    first = page.dashboard_figures
    assert first is not None and (first.start, first.end) == (date(2026, 9, 1), date(2027, 8, 31))

    start, end = date(2025, 9, 1), ANCHOR
    page._dash_period.set_custom(start, end)
    qtbot.waitUntil(
        lambda: page.dashboard_figures is not None and page.dashboard_figures.start == start
    )
    expected = QueryService(demo_store).dashboard(start, end)
    assert page.dashboard_figures == expected
    assert expected.workshops_held > 5 and expected.parents_identified > 0  # a real fixture

    def shown(key: str) -> str:
        return _label(page, f"dash_{key}_value").text()

    t = ctx.small_count_threshold

    def masked(n: int) -> str:
        return masked_count(n, t, number)

    assert shown("workshops") == number(expected.workshops_held)
    assert shown("parents") == masked(expected.parents_reached)
    assert shown("first_time") == masked(expected.first_time)
    assert shown("returning") == masked(expected.returning)
    assert shown("children") == masked(expected.children)
    assert shown("hours") == f"{expected.hours:.1f}".replace(".", ",")
    assert shown("devices_out") == masked(expected.devices_handed_out)
    assert shown("devices_back") == masked(expected.devices_returned)
    assert shown("devices_lost") == masked(expected.devices_lost)
    assert _label(page, "dash_parents_detail").text() == (
        f"dont {masked(expected.parents_identified)} identifiés et "
        f"{masked(expected.parents_anonymous)} anonymes"
    )
    # Charts: the same splits; a count under the threshold is no bar, labelled « < 5 ».
    themes = page.charts["theme"].items
    assert sum(v for _l, v, _t in themes) == sum(
        x.participants for x in expected.by_theme.values() if not is_masked(x.participants, t)
    )
    months = page.charts["month"].items
    assert len(months) == len(expected.by_month)
    assert [txt for _l, _v, txt in months] == [
        masked(v.participants) for _k, v in sorted(expected.by_month.items())
    ]
    formats = dict((lab, v) for lab, v, _t in page.charts["format"].items)
    cafes = expected.by_format["cafe_des_parents"].participants
    assert formats["Café des parents"] == (0 if is_masked(cafes, t) else cafes)
    # The chart widgets paint without warnings.
    page.charts["theme"].grab()


def test_stock_tab_counts_loans_and_lines(
    qtbot: QtBot, runner: TaskRunner, demo_store: Store
) -> None:
    services = Services.of(demo_store)
    ctx = AppContext(demo_store, services, runner)
    page = CoordinationPage(
        ctx, health_fetcher=lambda: pytest.fail("not asked"), today=lambda: ANCHOR
    )
    qtbot.addWidget(page)
    page.refresh_stock()
    counts = services.devices.status_counts()
    loans = services.handouts.open_loans()
    overdue = services.handouts.overdue(ANCHOR)
    counts_of_lines = services.devices.line_counts(30, ANCHOR)
    qtbot.waitUntil(lambda: page.loans_model.rowCount() == len(loans))
    assert loans, "the demo data has open loans"
    for status, n in counts.items():
        if status.value in ("in_stock", "loaned", "lost"):
            assert _label(page, f"stock_{status.value}_value").text() == number(n)
    assert page.overdue_model.rowCount() == len(overdue)
    # Lines: counts per place only, the same as the service's (no operator, no number).
    assert page.lines_model.rowCount() == len(counts_of_lines) > 0
    shown = {
        tuple(page.lines_model.index(r, c).data() for c in (1, 2, 3))
        for r in range(page.lines_model.rowCount())
    }
    assert shown == {
        (number(c.active), number(c.ending_soon), number(c.past_end)) for c in counts_of_lines
    }
    soon = sum(c.ending_soon + c.past_end for c in counts_of_lines)
    assert f"Lignes de connexion : {soon} " in _label(page, "lines_title_label").text()
    # Families are never named on the coordination screens.
    for r in range(page.loans_model.rowCount()):
        assert page.loans_model.index(r, 4).data() == "famille"


def test_export_dialog_writes_the_coop_xlsx_without_names(
    qtbot: QtBot, runner: TaskRunner, demo_store: Store, tmp_path: Path
) -> None:
    ctx = AppContext(demo_store, Services.of(demo_store), runner)
    page = CoordinationPage(
        ctx, health_fetcher=lambda: pytest.fail("not asked"), today=lambda: ANCHOR
    )
    qtbot.addWidget(page)
    page.tabs.setCurrentIndex(3)
    qtbot.mouseClick(_button(page, "export_button"), Qt.MouseButton.LeftButton)
    dialog = page.findChild(ExportDialog, "export_dialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog._what.currentData() == "workshops" and dialog._format.currentData() == "xlsx"
    dialog._from.setDate(QDate(2025, 9, 1))
    dialog._to.setDate(QDate(2026, 11, 27))
    out = tmp_path / "coop.xlsx"
    dialog._path.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=30000) as signal:
        qtbot.mouseClick(_button(dialog, "export_button"), Qt.MouseButton.LeftButton)
    assert signal.args is not None and signal.args[0] == out
    assert _button(dialog, "open_folder_button").isVisible()

    expected = ExportService(demo_store).coop_table(
        ExportFilter(date_from=date(2025, 9, 1), date_to=date(2026, 11, 27))
    )
    assert expected.team  # a coordinator's export: La Coop's team layout
    assert signal.args[1] == len(expected.rows) > 0
    ws = openpyxl.load_workbook(out)["Activités"]
    cells = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    header_at = next(i for i, row in enumerate(cells) if row[0] == "Date" and row[-1] == "ID CRA")
    assert tuple(cells[header_at]) == COOP_TEAM_COLUMNS
    data = [row for row in cells[header_at + 1 :] if any(v not in (None, "") for v in row)]
    assert len(data) == len(expected.rows)
    assert {row[-1] for row in data} == {row[-1] for row in expected.rows}
    P = entity_tables["participant"]
    with demo_store.read() as conn:
        people = conn.execute(
            P.select().with_only_columns(P.c.first_name, P.c.last_name, P.c.phone, P.c.email)
        ).all()
    # The mediator columns name staff, not families.
    first, last = (COOP_TEAM_COLUMNS.index(c) for c in ("Prénom du médiateur", "Nom du médiateur"))
    staff = {f"{row[first]} {row[last]}" for row in expected.rows}
    full_names = {f"{p.first_name} {p.last_name}" for p in people if p.first_name} - staff
    contacts = {x for p in people for x in (p.phone, p.email) if x}
    assert full_names and contacts, "the demo store holds named participants with contacts"
    text = "\n".join(str(v) for row in cells for v in row if v is not None)
    assert not [n for n in full_names | contacts if n in text]
    assert not list(tmp_path.glob(".*partiel*"))


def test_export_dialog_can_be_cancelled(
    qtbot: QtBot, runner: TaskRunner, demo_store: Store, tmp_path: Path
) -> None:
    ctx = AppContext(demo_store, Services.of(demo_store), runner)
    dialog = ExportDialog(ctx, date_from=date(2025, 9, 1), date_to=ANCHOR)
    qtbot.addWidget(dialog)
    dialog.show()
    out = tmp_path / "annule.xlsx"
    dialog._path.setText(str(out))
    # Hold the database lane so the export is still queued when the user cancels.
    started, release = threading.Event(), threading.Event()

    def hold(_token: CancelToken) -> None:
        started.set()
        release.wait(10)

    runner.run(hold)
    assert started.wait(5)
    qtbot.mouseClick(_button(dialog, "export_button"), Qt.MouseButton.LeftButton)
    cancel = _button(dialog, "cancel_button")
    assert cancel.isVisible() and dialog.running
    assert not _button(dialog, "export_button").isEnabled()
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: not dialog.running)
    assert (
        _label(dialog, "status_label").text() == "Export annulé\u00a0: aucun fichier n’a été écrit."
    )
    assert not out.exists() and not list(tmp_path.glob(".*partiel*"))
    assert _button(dialog, "export_button").isEnabled()

    # An empty path is refused inline; a CSV then works from the same dialog.
    dialog._path.setText("")
    qtbot.mouseClick(_button(dialog, "export_button"), Qt.MouseButton.LeftButton)
    assert _label(dialog, "path_error").text().startswith("⚠ ")
    dialog._format.setCurrentIndex(dialog._format.findData("csv"))
    dialog._path.setText(str(tmp_path / "export.csv"))
    with qtbot.waitSignal(dialog.exported, timeout=30000):
        qtbot.mouseClick(_button(dialog, "export_button"), Qt.MouseButton.LeftButton)
    raw = (tmp_path / "export.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b";" in raw.splitlines()[0]


def test_models_pass_the_model_tester(qtmodeltester: Any, demo_store: Store) -> None:
    review = ReviewService(demo_store)
    from mediator_app.local_store.services.workshops import WorkshopFilter

    first = review.queue(WorkshopFilter(), limit=10)
    model = ReviewTableModel(lambda _id: "Lieu")
    model.set_page(first)
    assert model.canFetchMore(model.index(-1, -1)) == (first.total > 10)
    requested: list[int] = []
    model.more_requested.connect(requested.append)
    model.fetchMore(model.index(-1, -1))
    assert requested == [10]
    model.append_page(review.queue(WorkshopFilter(), offset=10, limit=10))
    assert model.rowCount() == min(20, first.total)
    qtmodeltester.check(model)

    rows = RowsTableModel(
        (
            TableColumn("Titre", lambda w: w.workshop.title),
            TableColumn(
                "Présents", lambda w: str(w.present), sort=lambda w: w.present, numeric=True
            ),
        )
    )
    rows.set_rows(first.rows)
    qtmodeltester.check(rows)
    assert rows.index(0, 0).data() == first.rows[0].workshop.title


def test_a_held_workshop_list_is_read_only_when_the_store_is(
    qtbot: QtBot, runner: TaskRunner, store: Store
) -> None:
    save_profile(store, {"role": "coordinator", "display_name": "Claire", "department_code": "95"})
    day = date.today() - timedelta(days=1)
    with store.write() as tx:
        tx.insert(
            Workshop(
                format=WorkshopFormat.ATELIER,
                title="Atelier réseaux sociaux",
                date=day,
                themes=(Theme.RESEAUX_SOCIAUX,),
                status=WorkshopStatus.PLANNED,
            )
        )
    store.read_only = True
    ctx = AppContext(store, Services.of(store), runner)
    page = CoordinationPage(ctx, health_fetcher=lambda: pytest.fail("not asked"))
    qtbot.addWidget(page)
    page.reload_review()
    qtbot.waitUntil(lambda: page.review_model.rowCount() == 1)
    page.review_table.setCurrentIndex(page.review_table.model().index(0, 0))
    assert not _button(page, "validate_button").isEnabled()
    assert not _button(page, "send_back_button").isEnabled()


def test_the_national_export_is_the_national_teams_only(
    qtbot: QtBot, runner: TaskRunner, demo_store: Store
) -> None:
    save_profile(demo_store, {"role": "coordinator", "department_code": "95"})
    ctx = AppContext(demo_store, Services.of(demo_store), runner)
    coordinator = ExportDialog(ctx)
    qtbot.addWidget(coordinator)
    assert coordinator._what.findData("national") == -1
    save_profile(demo_store, {"role": "admin", "department_code": ""})
    page = CoordinationPage(
        ctx, health_fetcher=lambda: pytest.fail("not asked"), today=lambda: ANCHOR
    )
    qtbot.addWidget(page)
    assert page.national is not None
    dialog = page.open_export_dialog()
    assert dialog._what.currentData() == "national"
    formats = [dialog._format.itemData(i) for i in range(dialog._format.count())]
    assert formats == ["pdf", "xlsx", "csv"]
    assert dialog._threshold.isEnabled()  # small counts are masked there too
    dialog.close()
