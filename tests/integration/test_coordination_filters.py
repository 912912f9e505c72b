"""The coordination page's one filter bar over two départements and two partner structures,
built through the real sync path.

The mediators of two partners of the Val-d'Oise (95) — « Association Alpha » and « Centre
Bêta » — and of one of the Aisne (02) — « Association Gamma » — push workshops, devices,
loans and lines to the real ``tne_api``; the 95's coordinator writes the two partners'
conventions. The national team's laptop and the 95 coordinator's pull them. Driving the
filter bar above the tabs narrows the review list, the stock, the partnerships and the
dashboard; the export dialog opened from the page starts with the page's partner and its
XLSX and PDF hold only that partner's workshops.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from uuid import UUID

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from mediator_app.core.entities import (
    ConnectivityLine,
    Device,
    Handout,
    Participant,
    Partnership,
    Workshop,
)
from mediator_app.core.enums import (
    DeviceType,
    HandoutNature,
    PartnershipStatus,
    Theme,
    WorkshopFormat,
)
from mediator_app.local_store.services.programme import ProgrammeService
from mediator_app.local_store.services.view_filter import ViewFilter
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.reports import exporter
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.dialogs.export_dialog import ExportDialog
from mediator_app.ui.pages.coordination import CoordinationPage
from mediator_app.ui.tasks import InlineRunner, TaskRunner
from tests.support.clients import Client, make_client
from tests.support.live_server import LiveServer
from tests.support.pdftext import pdf_text

PASSWORD = "correct-horse-42"
TODAY = date(2026, 6, 30)
YEAR = "2025-2026"

#: Per partner: held workshop days of the school year, planned ones, one held the year
#: before (outside the default period), devices, loans (overdue or not), lines.
PLAN = {
    "Alpha": {
        "dept": "95",
        "held": (date(2025, 10, 6), date(2025, 10, 13), date(2025, 10, 20)),
        "planned": (date(2026, 7, 6),),
        "last_year": (date(2024, 11, 4),),
        "loans": (date(2026, 1, 15), date(2026, 2, 15)),  # both overdue on TODAY
        "spare_devices": 0,
        "lines": 1,
    },
    "Bêta": {
        "dept": "95",
        "held": (date(2025, 11, 3),),
        "planned": (),
        "last_year": (),
        "loans": (date(2026, 12, 1),),  # not yet due
        "spare_devices": 1,
        "lines": 1,
    },
    "Gamma": {
        "dept": "02",
        "held": (date(2025, 12, 1), date(2025, 12, 8)),
        "planned": (),
        "last_year": (),
        "loans": (date(2026, 3, 2),),
        "spare_devices": 0,
        "lines": 0,
    },
}


def in_year(*names: str) -> int:
    """Workshops of the school year (held and planned) of the named partners."""
    return sum(len(PLAN[n]["held"]) + len(PLAN[n]["planned"]) for n in names)


def held(*names: str) -> int:
    return sum(len(PLAN[n]["held"]) for n in names)


def loans(*names: str) -> int:
    return sum(len(PLAN[n]["loans"]) for n in names)


def overdue(*names: str) -> int:
    return sum(1 for n in names for d in PLAN[n]["loans"] if d < TODAY)


def devices(*names: str) -> int:
    return loans(*names) + sum(int(PLAN[n]["spare_devices"]) for n in names)


def line_places(*names: str) -> int:
    return sum(1 for n in names if PLAN[n]["lines"])


@dataclass
class Territory:
    partners: dict[str, UUID]
    national: Client
    coordinator: Client


def _sync_all(laptop: Client) -> None:
    report = laptop.sync()
    while laptop.outbox("pending"):
        report = laptop.sync()
    assert report.parked == 0 and laptop.outbox("parked") == []


def _push(laptop: Client, name: str, partner: UUID) -> None:
    plan = PLAN[name]
    dept = str(plan["dept"])
    with laptop.store.write() as tx:
        family = tx.insert(Participant(first_name="Parent", last_name=name, structure_id=partner))
        for k, due in enumerate(plan["loans"]):  # type: ignore[arg-type]
            device = tx.insert(
                Device(
                    device_type=DeviceType.TABLET,
                    serial_number=f"SN-{name}-{k}",
                    asset_tag=f"TNE-{name}-{k}",
                    owner_structure_id=partner,
                    department_code=dept,
                )
            )
            tx.insert(
                Handout(
                    nature=HandoutNature.LOAN,
                    guardian_id=family.id,
                    device_ids=(device.id,),
                    handed_at=datetime(2025, 10, 1, 10, 0, tzinfo=UTC),
                    expected_return=due,
                    signer_name=f"Parent {name}",
                    structure_id=partner,
                    department_code=dept,
                )
            )
        for k in range(int(plan["spare_devices"])):  # type: ignore[call-overload]
            tx.insert(
                Device(
                    device_type=DeviceType.LAPTOP,
                    serial_number=f"SN-{name}-spare-{k}",
                    asset_tag=f"TNE-{name}-spare-{k}",
                    owner_structure_id=partner,
                    department_code=dept,
                )
            )
        for k in range(int(plan["lines"])):  # type: ignore[call-overload]
            tx.insert(
                ConnectivityLine(
                    operator="Opérateur 4G",
                    iccid=f"8933150319000000{k:03d}{len(name)}",
                    structure_id=partner,
                    department_code=dept,
                    end_date=date(2026, 7, 10),
                )
            )
    svc = WorkshopService(laptop.store)
    for kind in ("held", "last_year", "planned"):
        for day in plan[kind]:  # type: ignore[attr-defined]
            w = svc.create(
                Workshop(
                    format=WorkshopFormat.ATELIER,
                    title=f"Atelier {name} {day:%d/%m/%Y}",
                    date=day,
                    duration_min=90,
                    themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
                    venue_structure_id=partner,
                    department_code=dept,
                )
            ).value
            if kind != "planned":
                svc.set_anonymous_counts(w.id, total=6)
                svc.mark_held(w.id)


@pytest.fixture
def territory(server: LiveServer, tmp_path: Path) -> Iterator[Territory]:
    laptops: list[Client] = []
    try:
        partners: dict[str, UUID] = {}
        for code, dept_name in (("95", "Val-d'Oise"), ("02", "Aisne")):
            server.ensure_department(code, dept_name)
            server.create_user(
                f"coord{code}@tne.test", PASSWORD, "coordinator", department_code=code
            )
        for name, structure in (
            ("Alpha", "Association Alpha"),
            ("Bêta", "Centre Bêta"),
            ("Gamma", "Association Gamma"),
        ):
            dept = str(PLAN[name]["dept"])
            partners[name] = server.create_structure(
                structure, department_code=dept, kind="association"
            )
            email = f"med{len(partners)}@tne.test"
            server.create_user(
                email, PASSWORD, "mediator", structure_id=partners[name], department_code=dept
            )
            med = make_client(tmp_path, f"med-{len(partners)}")
            laptops.append(med)
            med.login(server.base_url, email, PASSWORD)
            _push(med, name, partners[name])
            _sync_all(med)
        server.create_user("gip@tne.test", PASSWORD, "admin")

        coordinator = make_client(tmp_path, "coord95")
        laptops.append(coordinator)
        coordinator.login(server.base_url, "coord95@tne.test", PASSWORD)
        _sync_all(coordinator)
        programme = ProgrammeService(coordinator.store)
        for name, goal in (("Alpha", 10), ("Bêta", 4)):
            programme.save_partnership(
                Partnership(
                    school_year=YEAR,
                    partner_structure_id=partners[name],
                    title=f"Convention {name}",
                    status=PartnershipStatus.SIGNEE,
                    objective_workshops=goal,
                )
            )
        _sync_all(coordinator)

        national = make_client(tmp_path, "gip")
        laptops.append(national)
        national.login(server.base_url, "gip@tne.test", PASSWORD)
        _sync_all(national)
        yield Territory(partners, national, coordinator)
    finally:
        for laptop in laptops:
            laptop.close()


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


def _page(qtbot: QtBot, laptop: Client, runner: TaskRunner | InlineRunner) -> CoordinationPage:
    ctx = AppContext(laptop.store, Services.of(laptop.store), runner)
    page = CoordinationPage(ctx, health_fetcher=lambda: None, today=lambda: TODAY)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.view_filter.partner.count() > 1, timeout=20000)
    return page


def _choose(combo: QComboBox, text: str) -> None:
    """Pick a partner by its name, as the coordinator does (the bar's lists are the
    structures of the laptop)."""
    index = combo.findText(text)
    assert index > 0, text
    combo.setCurrentIndex(index)


def _stock_devices(page: CoordinationPage) -> int:
    return sum(int(f.value_text.replace("\u202f", "") or 0) for f in page._stock_figures.values())


def _expect_views(qtbot: QtBot, page: CoordinationPage, *names: str) -> None:
    """Every view the bar narrows shows the named partners' rows, and only theirs."""
    qtbot.waitUntil(
        lambda: (
            page.review_model.rowCount() == in_year(*names)
            and page.loans_model.rowCount() == loans(*names)
            and page.overdue_model.rowCount() == overdue(*names)
            and page.lines_model.rowCount() == line_places(*names)
            and _stock_devices(page) == devices(*names)
            and page.programme_tab.figures["held"].value_text == str(held(*names))
            and page.dashboard_figures is not None
            and page.dashboard_figures.workshops_held == held(*names)
        ),
        timeout=20000,
    )
    titles = {page.review_model.row_at(r).workshop.title.split()[1] for r in range(in_year(*names))}  # type: ignore[union-attr]
    assert titles == set(names) or not names
    conventions = {f.partnership.title for f in page.programme_tab.partners_model.rows()}
    assert conventions == {f"Convention {n}" for n in names if n in ("Alpha", "Bêta")}


def test_the_national_teams_bar_narrows_each_view_by_departement_and_partner(
    qtbot: QtBot, territory: Territory, runner: TaskRunner, tmp_path: Path
) -> None:
    page = _page(qtbot, territory.national, runner)
    bar = page.view_filter
    assert not bar.department.isHidden()
    _expect_views(qtbot, page, "Alpha", "Bêta", "Gamma")
    # Nothing hidden silently: Alpha's workshop of last year is outside the school year.
    assert "1 autre atelier à vérifier est hors de ces filtres" in page._review_message.text()
    assert page.tabs.tabText(0) == "&Validation (8 à vérifier)"

    qtbot.waitUntil(lambda: bar.department.findData("02") > 0)
    bar.department.setCurrentIndex(bar.department.findData("95"))
    _expect_views(qtbot, page, "Alpha", "Bêta")
    bar.department.setCurrentIndex(bar.department.findData("02"))
    _expect_views(qtbot, page, "Gamma")
    bar.department.setCurrentIndex(0)
    _choose(bar.partner, "Association Alpha")
    _expect_views(qtbot, page, "Alpha")
    _choose(bar.partner, "Centre Bêta")
    _expect_views(qtbot, page, "Bêta")
    # The filter is the page's: switching tab keeps it.
    for tab in (page._stock_tab, page.programme_tab, page.reussite_tab):
        page.tabs.setCurrentWidget(tab)
        assert bar.partner.currentText() == "Centre Bêta"
    # Réussite Connectée is not filtered (nor the sync health), and the page says so.
    assert not bar.isEnabled()
    assert page._filter_note.text() == "Ce filtre ne s’applique pas à cet onglet."
    page.tabs.setCurrentWidget(page._stock_tab)
    assert bar.isEnabled() and "la période ne s’applique pas" in page._filter_note.text()
    page.tabs.setCurrentIndex(0)
    assert bar.isEnabled() and page._filter_note.text() == ""

    # The national team's La Coop file of one département: its workshops, and it says so.
    out = tmp_path / "coop-02.xlsx"
    exporter.export(
        territory.national.store,
        "workshops",
        "xlsx",
        out,
        date(2025, 9, 1),
        date(2026, 8, 31),
        view=ViewFilter(department_code="02"),
    )
    cells = [list(r) for r in load_workbook(out)["Activités"].iter_rows(values_only=True)]
    assert next(c for c in cells if c[0] == "Départements")[:2] == ["Départements", "02"]
    head = next(i for i, r in enumerate(cells) if r[0] == "Date" and r[-1] == "ID CRA")
    gamma = {
        str(w["id"])
        for w in territory.national.rows("workshop")
        if w["organizer_structure_id"] == territory.partners["Gamma"] and w["status"] == "held"
    }
    assert {str(r[-1]) for r in cells[head + 1 :] if r[-1]} == gamma and len(gamma) == held("Gamma")


def test_the_coordinators_bar_narrows_each_view_by_partner(
    qtbot: QtBot, territory: Territory, runner: TaskRunner
) -> None:
    page = _page(qtbot, territory.coordinator, runner)
    bar = page.view_filter
    assert bar.department.isHidden()  # the national team's only
    _expect_views(qtbot, page, "Alpha", "Bêta")
    _choose(bar.partner, "Association Alpha")
    _expect_views(qtbot, page, "Alpha")
    _choose(bar.partner, "Centre Bêta")
    _expect_views(qtbot, page, "Bêta")
    # The period narrows the review list too: last school year holds Alpha's one workshop.
    _choose(bar.partner, "Association Alpha")
    bar.period.set_custom(date(2024, 9, 1), date(2025, 8, 31))
    qtbot.waitUntil(
        lambda: (
            page.review_model.rowCount() == 1
            and page.review_model.rows()[0].workshop.date == date(2024, 11, 4)
        )
    )
    assert page._review_message.text().startswith("ℹ 5 autres ateliers")


def test_the_export_from_the_page_keeps_its_partner_filter(
    qtbot: QtBot, territory: Territory, tmp_path: Path
) -> None:
    # The tasks run inline: the bilan's charts are drawn where they are asked.
    page = _page(qtbot, territory.coordinator, InlineRunner())
    _choose(page.view_filter.partner, "Association Alpha")
    _expect_views(qtbot, page, "Alpha")
    alpha = territory.partners["Alpha"]

    def export(what: str, fmt: str) -> Path:
        dialog = page.open_export_dialog()
        assert isinstance(dialog, ExportDialog)
        assert dialog._partner.currentText() == "Association Alpha"  # the page's filter
        dialog._what.setCurrentIndex(dialog._what.findData(what))
        dialog._format.setCurrentIndex(dialog._format.findData(fmt))
        out = tmp_path / f"{what}.{fmt}"
        dialog._path.setText(str(out))
        with qtbot.waitSignal(dialog.exported, timeout=30000):
            dialog.start_export()
        dialog.close()
        return out

    # La Coop's XLSX: one « ID CRA » per workshop, Alpha's held ones of the school year.
    sheet = load_workbook(export("workshops", "xlsx"))["Activités"]
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    head = next(i for i, r in enumerate(cells) if r[0] == "Date" and r[-1] == "ID CRA")
    ids = {r[-1] for r in cells[head + 1 :] if r[-1]}
    expected = {
        str(w["id"])
        for w in territory.coordinator.rows("workshop")
        if w["organizer_structure_id"] == alpha
        and w["status"] == "held"
        and date(2025, 9, 1) <= w["date"] <= date(2026, 8, 31)
    }
    assert len(expected) == held("Alpha") and {str(i) for i in ids} == expected

    # The bilan PDF: Alpha's workshops only, and it says what it is limited to.
    text = re.sub(r"\s+", " ", pdf_text(export("bilan", "pdf")))
    assert f"Ateliers réalisés {held('Alpha')}" in text
    assert "Limité à : structure « Association Alpha »" in text

    # The partnerships XLSX: Alpha's convention and its total, not Bêta's.
    rows = [
        r for r in load_workbook(export("programme", "xlsx")).active.iter_rows(values_only=True)
    ]
    partners = [r[1] for r in rows if r and r[0] == "95"]
    assert partners == ["Association Alpha", "Total"]
