"""The « Réussite Connectée » tab on a real store: collèges with their counts and the rule's
status in French; the Participants page's « Parents Ressource » view; a Parent Ressource
recorded as co-facilitating from the check-in screen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mediator_app.core import programme
from mediator_app.core.entities import (
    Attendance,
    Device,
    Handout,
    Participant,
    Structure,
    Workshop,
    attendance_id,
)
from mediator_app.core.enums import (
    HandoutNature,
    HandoutProgramme,
    Presence,
    StructureKind,
    Theme,
    WorkshopFormat,
    WorkshopStatus,
)
from mediator_app.local_store import Store, open_local_store, save_profile
from mediator_app.local_store.services.parents_ressource import ParentRessourceService
from mediator_app.local_store.services.participants import ParticipantFilter
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.pages.checkin import CheckInColumn, CheckInPage
from mediator_app.ui.pages.participants import ParticipantsPage
from mediator_app.ui.pages.reussite import ReussiteTab
from mediator_app.ui.tasks import TaskRunner
from mediator_app.ui.widgets.french import short_date

YEAR = programme.school_year_of(datetime.now().date())
START, _END = programme.school_year_bounds(YEAR)


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    QApplication.instance()
    r = TaskRunner()
    yield r
    r.shutdown()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    st, _ = open_local_store(tmp_path / "mediatrice")
    save_profile(
        st,
        {
            "display_name": "Amina Médiatrice",
            "actor_id": str(uuid4()),
            "structure_id": str(uuid4()),
            "department_code": "95",
            "role": "mediator",
        },
    )
    yield st
    st.engine.dispose()


def _seed(store: Store) -> tuple[Structure, Structure]:
    """Two collèges: « Jean Moulin » with 3 pupils, its training and 2 cafés; « Pablo
    Picasso » with 2 pupils and 1 café only."""
    moulin = Structure(name="Collège Jean Moulin", kind=StructureKind.COLLEGE, uai="0951234A")
    picasso = Structure(name="Collège Pablo Picasso", kind=StructureKind.COLLEGE, uai="0955678B")
    me = store.identity.structure_id
    day = datetime.combine(START + timedelta(days=40), datetime.min.time(), tzinfo=UTC)
    with store.write() as tx:
        for school, pupils, formats in (
            (
                moulin,
                3,
                (
                    WorkshopFormat.ATELIER,
                    WorkshopFormat.CAFE_DES_PARENTS,
                    WorkshopFormat.CAFE_DES_PARENTS,
                ),
            ),
            (picasso, 2, (WorkshopFormat.CAFE_DES_PARENTS,)),
        ):
            tx.insert(school)
            for j in range(pupils):
                family = tx.insert(Participant(first_name="Awa", last_name=f"Diallo{j}"))
                device = tx.insert(Device(serial_number=f"S{school.uai}{j}", asset_tag=f"T{j}"))
                tx.insert(
                    Handout(
                        nature=HandoutNature.GIFT,
                        programme=HandoutProgramme.REUSSITE_CONNECTEE,
                        guardian_id=family.id,
                        pupil_school_id=school.id,
                        device_ids=(device.id,),
                        handed_at=day + timedelta(hours=j),
                        structure_id=me,
                    )
                )
            for k, fmt in enumerate(formats):
                tx.insert(
                    Workshop(
                        format=fmt,
                        title=f"{fmt.value} {k}",
                        date=START + timedelta(days=50 + k),
                        themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
                        school_id=school.id,
                        organizer_structure_id=me,
                        status=WorkshopStatus.HELD,
                    )
                )
    return moulin, picasso


def test_the_tab_lists_collèges_with_counts_and_the_rule(
    qtbot: QtBot, store: Store, runner: TaskRunner
) -> None:
    _seed(store)
    ctx = AppContext(store, Services.of(store), runner)
    tab = ReussiteTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1300, 700)
    tab.show()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=5000)
    shown = {
        tab.model.index(r, 0).data(): [
            tab.model.index(r, c).data() for c in range(tab.model.columnCount())
        ]
        for r in range(2)
    }
    assert shown["Collège Jean Moulin"][3:] == ["3", "3", "0", "0", "0", "1", "2", "Complet"]
    assert shown["Collège Pablo Picasso"][3:] == [
        "2",
        "2",
        "0",
        "0",
        "0",
        "0",
        "1",
        "Manque 1 atelier de formation et 1 café des parents",
    ]
    assert tab.summary_label.text() == (
        "5 élève(s) équipé(s) dans 2 collège(s) ; 1 collège(s) ont tenu leurs trois rendez-vous."
    )
    assert tab.figures["complete"].value_text == "1 / 2"
    assert tab.figures["pupils"].value_text == "5"


def test_an_empty_year_says_what_to_do(qtbot: QtBot, store: Store, runner: TaskRunner) -> None:
    ctx = AppContext(store, Services.of(store), runner)
    tab = ReussiteTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: "Aucune remise" in tab.message_label.text(), timeout=5000)
    assert tab.model.rowCount() == 0
    assert "collège de l’élève" in tab.message_label.text()


def _resource(store: Store) -> tuple[UUID, UUID]:
    with store.write() as tx:
        pr = tx.insert(
            Participant(
                first_name="Nadia",
                last_name="Benali",
                parent_resource=True,
                parent_resource_since=START,
            )
        )
        tx.insert(Participant(first_name="Marc", last_name="Durand"))
    w = (
        WorkshopService(store)
        .create(
            Workshop(
                title="Café des parents",
                format=WorkshopFormat.CAFE_DES_PARENTS,
                date=datetime.now().date(),
                themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
            )
        )
        .value
    )
    return pr.id, w.id


def test_participants_page_filters_the_parents_ressource(
    qtbot: QtBot, store: Store, runner: TaskRunner
) -> None:
    _resource(store)
    ctx = AppContext(store, Services.of(store), runner)
    page = ParticipantsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    page.resource_checkbox.setChecked(True)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    assert page.model.row_at(0).participant.last_name == "Benali"


def test_check_in_records_a_co_facilitating_parent_ressource(
    qtbot: QtBot, store: Store, runner: TaskRunner
) -> None:
    pr, workshop_id = _resource(store)
    ctx = AppContext(store, Services.of(store), runner)
    row = WorkshopService(store).row(workshop_id)
    assert row is not None
    page = CheckInPage(ctx)
    qtbot.addWidget(page)
    page.show()
    # The parent is not registered: mark them present first, as a mediator would.
    ctx.services.attendance.mark(workshop_id, pr)
    page.open_workshop(row)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    page.view.setCurrentIndex(page.model.index(0, 0))
    page.co_facilitated_button.click()
    qtbot.waitUntil(lambda: "co-anime cet atelier" in page.message_label.text(), timeout=5000)
    with store.read() as conn:
        from mediator_app.local_store.rows import entity_from_row
        from mediator_app.local_store.schema import entity_tables

        a = entity_tables["attendance"]
        got = (
            conn.execute(a.select().where(a.c.id == attendance_id(workshop_id, pr)))
            .mappings()
            .one()
        )
    assert entity_from_row(Attendance, got).co_facilitated is True


def _row_of(page: CheckInPage, last_name: str) -> int:
    return next(n for n, r in enumerate(page.model.rows()) if r.last_name == last_name)


def test_check_in_shows_who_co_facilitates_and_says_when_absence_clears_it(
    qtbot: QtBot, store: Store, runner: TaskRunner
) -> None:
    pr, workshop_id = _resource(store)
    ctx = AppContext(store, Services.of(store), runner)
    ctx.services.attendance.mark(workshop_id, pr)
    durand = next(
        p.participant.id
        for p in ctx.services.participants.search(ParticipantFilter(text="Durand")).rows
    )
    ctx.services.attendance.mark(workshop_id, durand)
    row = WorkshopService(store).row(workshop_id)
    assert row is not None
    page = CheckInPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.open_workshop(row)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    col = CheckInColumn.CO_FACILITATION
    assert page.model.headerData(col, Qt.Orientation.Horizontal) == "Co-animation"
    benali = _row_of(page, "Benali")
    assert page.model.index(benali, col).data() == "Ressource"
    assert page.model.index(_row_of(page, "Durand"), col).data() == ""
    # Not a Parent Ressource: the button is not offered.
    page.view.selectRow(_row_of(page, "Durand"))
    assert not page.co_facilitated_button.isEnabled()

    page.view.selectRow(benali)
    assert page.co_facilitated_button.isEnabled()
    page.co_facilitated_button.click()
    qtbot.waitUntil(
        lambda: page.model.index(_row_of(page, "Benali"), col).data() == "✓ Co-anime",
        timeout=5000,
    )
    page.view.selectRow(_row_of(page, "Benali"))
    assert page.co_facilitated_button.text().startswith("Ne co-anime plus")

    # Espace on a co-facilitator: absent, and the page says co-facilitation goes with it.
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "co-animateur·rice" in page.message_label.text(), timeout=5000)
    assert "Nadia Benali" in page.message_label.text()
    qtbot.waitUntil(
        lambda: page.model.index(_row_of(page, "Benali"), col).data() == "Ressource",
        timeout=5000,
    )
    (att,) = [a for a in ctx.services.attendance.of_workshop(workshop_id) if a.participant_id == pr]
    assert att.status is Presence.ABSENT and att.co_facilitated is False
    figures = ParentRessourceService(store).figures(START, datetime.now().date())
    assert figures.co_facilitators == 0


def test_a_co_facilitator_can_be_unmarked_and_stays_present(
    qtbot: QtBot, store: Store, runner: TaskRunner
) -> None:
    pr, workshop_id = _resource(store)
    ctx = AppContext(store, Services.of(store), runner)
    ParentRessourceService(store).set_co_facilitated(workshop_id, pr)
    row = WorkshopService(store).row(workshop_id)
    assert row is not None
    page = CheckInPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.open_workshop(row)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    page.view.selectRow(0)
    page.co_facilitated_button.click()
    qtbot.waitUntil(lambda: "ne co-anime plus" in page.message_label.text(), timeout=5000)
    (att,) = ctx.services.attendance.of_workshop(workshop_id)
    assert att.status is Presence.PRESENT and att.co_facilitated is False


def _held_with(store: Store, title: str, day: date, co: list[UUID], present: list[UUID]) -> UUID:
    w = (
        WorkshopService(store)
        .create(
            Workshop(
                title=title,
                format=WorkshopFormat.CAFE_DES_PARENTS,
                date=day,
                themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
            )
        )
        .value
    )
    for pid in co:
        ParentRessourceService(store).set_co_facilitated(w.id, pid)
    for pid in present:
        Services.of(store).attendance.mark(w.id, pid)
    WorkshopService(store).mark_held(w.id)
    return w.id


def test_the_parents_ressource_list_sorts_and_exports(
    qtbot: QtBot, store: Store, runner: TaskRunner, tmp_path: Path
) -> None:
    today = datetime.now().date()
    with store.write() as tx:
        nadia = tx.insert(
            Participant(
                first_name="Nadia",
                last_name="Benali",
                parent_resource=True,
                parent_resource_since=today - timedelta(days=60),
            )
        )
        yao = tx.insert(
            Participant(
                first_name="Yao",
                last_name="Amoussou",
                parent_resource=True,
                parent_resource_since=today - timedelta(days=10),
            )
        )
        tx.insert(Participant(first_name="Marc", last_name="Durand"))
    first = today - timedelta(days=20)
    _held_with(store, "Café 1", first, [nadia.id], [yao.id])
    _held_with(store, "Café 2", today - timedelta(days=5), [nadia.id, yao.id], [])
    _held_with(store, "Café 3", today - timedelta(days=2), [nadia.id], [])

    ctx = AppContext(store, Services.of(store), runner)
    page = ParticipantsPage(ctx)
    page.open_documents = False
    page.exports_folder = tmp_path / "exports"
    qtbot.addWidget(page)
    page.show()
    page.resource_list_button.click()
    dialog = page.resource_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=5000)
    assert dialog.count_label.text() == "2 Parents Ressource"
    view = dialog.table
    proxy = view.model()

    def column(c: int) -> list[str]:
        return [proxy.index(r, c).data() for r in range(proxy.rowCount())]

    assert column(0) == ["Yao Amoussou", "Nadia Benali"]  # the service's order: by name
    assert column(3) == ["1", "3"]
    assert column(4)[1] == short_date(today - timedelta(days=2))
    assert column(5) == ["2", "3"]
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(3) + header.sectionSize(3) // 2
    for _ in range(2):  # two clicks on « Ateliers co-animés »: the most first
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
        )
    assert header.sortIndicatorSection() == 3
    assert column(3) == ["3", "1"]
    assert column(0) == ["Nadia Benali", "Yao Amoussou"]
    view.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # recruited first, first
    assert column(0) == ["Nadia Benali", "Yao Amoussou"]
    assert column(2)[0] == short_date(today - timedelta(days=60))

    dialog.xlsx_button.click()
    qtbot.waitUntil(lambda: dialog.last_file is not None, timeout=10_000)
    assert dialog.last_file is not None and dialog.last_file.suffix == ".xlsx"
    assert "2 lignes" in dialog.message.text()
    book = load_workbook(dialog.last_file, read_only=True)
    sheet = book["Parents Ressource"]
    cells = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    book.close()
    start = next(n for n, r in enumerate(cells) if r and r[0] == "Parent Ressource")
    assert cells[start][:6] == (
        "Parent Ressource",
        "Structure",
        "Recruté·e le",
        "Ateliers co-animés",
        "Dernier atelier co-animé",
        "Ateliers suivis",
    )
    body = {r[0]: r for r in cells[start + 1 : start + 3]}
    assert body["Nadia Benali"][3] == 3 and body["Yao Amoussou"][3] == 1
    assert body["Yao Amoussou"][5] == 2
    last = body["Nadia Benali"][4]
    assert (last.date() if isinstance(last, datetime) else last) == today - timedelta(days=2)

    dialog.last_file = None
    dialog.csv_button.click()
    qtbot.waitUntil(lambda: dialog.last_file is not None, timeout=10_000)
    assert dialog.last_file is not None
    lines = dialog.last_file.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].split(";")[0] == "Parent Ressource"
    assert any(line.startswith("Nadia Benali;") and ";3;" in line for line in lines[1:])
    assert "Durand" not in dialog.last_file.read_text(encoding="utf-8-sig")
