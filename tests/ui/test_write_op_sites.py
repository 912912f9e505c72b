"""The last screens moved onto ``WriteOp``, on real SQLite stores: the coordinator's review
decisions, the device import (progress, and « Annuler » part-way), the programme tab's
target import and partnership editor.

Each write is broadcast (another screen showing the entity re-reads it) and nudges the
sync controller once; a cancelled device import says in French what was imported and what
was not, and the store holds exactly that.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from PySide6.QtWidgets import QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from mediator_app.core import programme
from mediator_app.core.entities import Structure, Workshop
from mediator_app.core.enums import ReviewStatus, StructureKind, Theme
from mediator_app.core.errors import KnownError
from mediator_app.core.validation import uai_check_letter
from mediator_app.local_store import Store, open_local_store, save_profile
from mediator_app.local_store.services.devices import IMPORT_BATCH, DeviceFilter
from mediator_app.local_store.services.programme import ProgrammeService
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.dialogs.device_import import DeviceImportDialog
from mediator_app.ui.pages.coordination import CoordinationPage
from mediator_app.ui.pages.devices import DevicesPage
from mediator_app.ui.pages.programme import PartnershipDialog, ProgrammeTab
from mediator_app.ui.pages.workshops import WorkshopsPage
from mediator_app.ui.sync_controller import SyncController
from mediator_app.ui.tasks import CancelToken, InlineRunner, TaskRunner

YEAR = programme.school_year_of(date.today())
HEADER = "type;marque;modele;numero_serie;numero_inventaire;etat\n"


def _no_engine() -> Any:
    raise KnownError("Personne n’est connecté.")


class _Counted:
    """A real sync controller (no server: it never syncs) that counts its nudges."""

    def __init__(self) -> None:
        self.nudges = 0
        self.controller = SyncController(_no_engine, self._status, auto=False)

    def _status(self) -> str:
        self.nudges += 1  # ``notify_edited`` re-reads the status once
        return ""

    @property
    def waiting(self) -> bool:
        """The 30-second sync after an edit is armed."""
        return bool(self.controller._after_edit.isActive())


def _context(store: Store, runner: TaskRunner) -> tuple[AppContext, _Counted, list[frozenset[str]]]:
    sync = _Counted()
    ctx = AppContext(store, Services.of(store), runner, sync=sync.controller)
    broadcasts: list[frozenset[str]] = []
    ctx.hub.changed.connect(broadcasts.append)
    return ctx, sync, broadcasts


@pytest.fixture
def coord(tmp_path: Path) -> Iterator[Store]:
    st, _ = open_local_store(tmp_path / "coord")
    save_profile(
        st,
        {
            "display_name": "Claire Coordination",
            "actor_id": str(uuid4()),
            "department_code": "95",
            "role": "coordinator",
        },
    )
    yield st
    st.engine.dispose()


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


# --- the review page --------------------------------------------------------------------


def test_review_decisions_are_broadcast_to_the_workshop_list_and_nudge_the_sync(
    qtbot: QtBot, coord: Store
) -> None:
    day = date.today() - timedelta(days=3)
    services = Services.of(coord)
    a, b = (
        services.workshops.create(
            Workshop(title=title, date=day, themes=(Theme.PARENTALITE,), commune="Cergy")
        ).value
        for title in ("Atelier EduConnect", "Café Pronote")
    )
    ctx, sync, broadcasts = _context(coord, InlineRunner())
    page = CoordinationPage(ctx, health_fetcher=lambda: pytest.fail("not asked"))
    qtbot.addWidget(page)
    workshops = WorkshopsPage(ctx)  # another screen showing the same workshops
    qtbot.addWidget(workshops)
    workshops.period_combo.setCurrentIndex(workshops.period_combo.findData("all"))
    workshops.refresh()
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.review_model.rowCount() == 2)
    row = workshops.model.row_of(a.id)
    shown = workshops.model.row_at(row)
    assert shown is not None and shown.workshop.review_status is ReviewStatus.TO_REVIEW

    assert page.select_workshop(a.id)
    page.findChild(QPushButton, "validate_button").click()  # type: ignore[union-attr]
    assert broadcasts == [frozenset({"workshop"})]
    assert sync.nudges == 1 and sync.waiting
    seen = workshops.model.row_at(workshops.model.row_of(a.id))
    assert seen is not None and seen.workshop.review_status is ReviewStatus.VALIDATED
    qtbot.waitUntil(lambda: page.review_model.rowCount() == 1)

    # An empty comment is refused under the field: nothing written, nothing announced.
    assert page.select_workshop(b.id)
    send_back = page.findChild(QPushButton, "send_back_button")
    assert send_back is not None
    send_back.click()
    assert page._comment_error.isVisibleTo(page)
    assert page._comment_error.text().startswith("⚠ Expliquez ce qu’il faut corriger")
    assert len(broadcasts) == 1 and sync.nudges == 1

    page._comment_edit.setPlainText("Le nombre de parents manque.")
    send_back.click()
    assert broadcasts[1:] == [frozenset({"workshop"})] and sync.nudges == 2
    assert page._status_tabs.tabText(1) == "À corriger (1)"
    seen = workshops.model.row_at(workshops.model.row_of(b.id))
    assert seen is not None and seen.workshop.review_status is ReviewStatus.NEEDS_CORRECTION
    assert seen.workshop.review_comment == "Le nombre de parents manque."


# --- the device import ------------------------------------------------------------------


def _device_lines(n: int, *, bad: set[int] = frozenset()) -> str:  # type: ignore[assignment]
    """``n`` devices; the ones in ``bad`` lack their serial number (refused)."""
    rows = [
        f"tablette;Lenovo;Tab M10;{'' if i in bad else f'SN-{i:04d}'};TNE-{i:04d};neuf\n"
        for i in range(n)
    ]
    return HEADER + "".join(rows)


def _device_tags(store: Store) -> list[str]:
    devices = Services.of(store).devices.list(DeviceFilter(), limit=5000).rows
    return sorted(d.asset_tag for d in devices)


@pytest.fixture
def observer(qtbot: QtBot, store: Store) -> Iterator[tuple[AppContext, _Counted, DevicesPage]]:
    ctx, sync, _ = _context(store, InlineRunner())
    page = DevicesPage(ctx)  # the inventory, open beside the import
    page.open_documents = False
    qtbot.addWidget(page)
    yield ctx, sync, page


def test_the_device_import_shows_its_progress_broadcasts_and_nudges_the_sync(
    qtbot: QtBot, store: Store, observer: tuple[AppContext, _Counted, DevicesPage], tmp_path: Path
) -> None:
    ctx, sync, page = observer
    total = 2 * IMPORT_BATCH + 30
    csv_file = tmp_path / "materiel.csv"
    csv_file.write_text(_device_lines(total), encoding="utf-8")
    dialog = DeviceImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    seen: list[tuple[int, int]] = []
    dialog.progress.valueChanged.connect(
        lambda v: seen.append((v, dialog.progress.maximum())) if v > 0 else None
    )
    dialog.file_edit.setText(str(csv_file))
    with qtbot.waitSignal(dialog.imported):
        dialog.import_button.click()
    assert seen == [(IMPORT_BATCH, total), (2 * IMPORT_BATCH, total), (total, total)]
    assert dialog.summary_label.text() == f"✓ {total} équipements importés sur {total} lignes lues."
    assert sync.nudges == 1 and sync.waiting
    assert page.model.total == total == len(_device_tags(store))
    assert not dialog.progress.isVisible()
    assert dialog.import_button.isEnabled()


def test_cancelling_the_device_import_part_way_says_what_was_and_was_not_imported(
    qtbot: QtBot, store: Store, observer: tuple[AppContext, _Counted, DevicesPage], tmp_path: Path
) -> None:
    ctx, sync, page = observer
    total = 2 * IMPORT_BATCH + 30
    # Line numbers count the header as 1: device i is on line i + 2.
    csv_file = tmp_path / "materiel.csv"
    csv_file.write_text(_device_lines(total, bad={5, IMPORT_BATCH + 7}), encoding="utf-8")
    dialog = DeviceImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    close = dialog.findChild(QPushButton, "close_button")
    assert close is not None

    def on_value(value: int) -> None:
        # « Annuler », pressed as soon as the first batch is reported saved.
        if value >= IMPORT_BATCH and close.text() == "Annuler":
            close.click()

    dialog.progress.valueChanged.connect(on_value)
    dialog.file_edit.setText(str(csv_file))
    with qtbot.waitSignal(dialog.imported):
        dialog.import_button.click()

    kept = IMPORT_BATCH - 1  # the first batch, less its one refused line
    first, last = IMPORT_BATCH + 2, total + 1
    assert dialog.summary_label.text() == (
        f"Import annulé à la ligne {first} : {kept} équipements importés jusqu’à la ligne "
        f"{first - 1}. Les lignes {first} à {last} n’ont pas été importées : importez-les à "
        "part. 1 ligne a été refusée : corrigez-la dans le fichier et importez-la seule."
    )
    assert dialog.error_model.line_numbers() == [7]  # not the refused line never reached
    # The store holds exactly the first batch's good lines, and the inventory shows them.
    assert _device_tags(store) == sorted(f"TNE-{i:04d}" for i in range(IMPORT_BATCH) if i != 5)
    assert page.model.total == kept
    assert sync.nudges == 1 and sync.waiting
    assert close.text() == "Fermer" and dialog.import_button.isEnabled()

    # The rest, imported on its own afterwards, completes the inventory.
    rest = tmp_path / "reste.csv"
    rest.write_text(
        HEADER + "".join(csv_file.read_text(encoding="utf-8").splitlines(True)[first - 1 :]),
        encoding="utf-8",
    )
    dialog.progress.valueChanged.disconnect(on_value)
    dialog.file_edit.setText(str(rest))
    with qtbot.waitSignal(dialog.imported):
        dialog.import_button.click()
    assert dialog.report is not None and dialog.report.imported == total - IMPORT_BATCH - 1
    assert len(_device_tags(store)) == total - 2 == page.model.total
    assert sync.nudges == 2


def test_cancelling_before_the_first_batch_saves_nothing_and_says_so(
    qtbot: QtBot, store: Store, runner: TaskRunner, tmp_path: Path
) -> None:
    ctx, sync, broadcasts = _context(store, runner)
    csv_file = tmp_path / "materiel.csv"
    csv_file.write_text(_device_lines(10), encoding="utf-8")
    dialog = DeviceImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    release = threading.Event()
    runner.run(lambda _t: release.wait(5))  # the database lane is busy
    dialog.file_edit.setText(str(csv_file))
    dialog.import_button.click()
    close = dialog.findChild(QPushButton, "close_button")
    assert close is not None and close.text() == "Annuler"
    close.click()  # before the import has even started
    release.set()
    qtbot.waitUntil(lambda: close.text() == "Fermer", timeout=5000)
    assert dialog.summary_label.text() == "Import annulé : rien n’a été enregistré."
    assert _device_tags(store) == [] and broadcasts == [] and sync.nudges == 0


# --- the programme tab ------------------------------------------------------------------


def _uai(n: int) -> str:
    digits = f"095{n:04d}"
    return digits + uai_check_letter(digits)


def _directory(path: Path, n: int) -> Path:
    lines = [
        "Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Nom_commune;"
        "Code_postal;Code_departement"
    ]
    lines += [f"{_uai(i)};École {i};Ecole;Sarcelles;95200;095" for i in range(n)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    return path


def test_the_target_import_broadcasts_and_nudges_the_sync(
    qtbot: QtBot, coord: Store, tmp_path: Path
) -> None:
    ctx, sync, broadcasts = _context(coord, InlineRunner())
    tab = ProgrammeTab(ctx)
    qtbot.addWidget(tab)
    tab.import_targets(_directory(tmp_path / "annuaire.csv", 3))
    assert tab.import_label.text() == "3 école(s) ajoutée(s), 0 mise(s) à jour."
    assert any("school_target" in ch for ch in broadcasts)
    assert sync.nudges == 1 and sync.waiting
    assert len(ProgrammeService(coord).targets(YEAR)) == 3


def test_a_cancelled_target_import_writes_nothing_and_does_not_nudge(
    qtbot: QtBot, coord: Store, runner: TaskRunner, tmp_path: Path
) -> None:
    ctx, sync, broadcasts = _context(coord, runner)
    tab = ProgrammeTab(ctx)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.year_combo.count() > 0)
    release = threading.Event()

    def hold(_token: CancelToken) -> None:
        release.wait(5)

    runner.run(hold)  # the database lane is busy: the import waits behind
    tab.import_targets(_directory(tmp_path / "annuaire.csv", 120))
    progress = tab.findChild(QProgressDialog, "import_targets_progress")
    assert progress is not None
    cancel = progress.findChild(QPushButton)
    assert cancel is not None
    cancel.click()
    release.set()
    qtbot.waitUntil(lambda: "annulé" in tab.import_label.text(), timeout=5000)
    assert tab.import_label.text() == "Import annulé : aucune école n’a été ajoutée."
    assert ProgrammeService(coord).targets(YEAR) == []
    assert not any("school_target" in ch for ch in broadcasts) and sync.nudges == 0


def test_partnership_edits_broadcast_and_nudge_the_sync(qtbot: QtBot, coord: Store) -> None:
    partner = Structure(
        name="Association Médiation 95", kind=StructureKind.ASSOCIATION, department_code="95"
    )
    with coord.write() as tx:
        tx.insert(partner)
    ctx, sync, broadcasts = _context(coord, InlineRunner())
    dialog = PartnershipDialog(ctx, [partner], YEAR)
    qtbot.addWidget(dialog)
    dialog.partner_combo.setCurrentIndex(dialog.partner_combo.findData(str(partner.id)))
    dialog.title_edit.setText("Convention 2025")
    dialog.subsidy_edit.setText("12 000,50")
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    assert broadcasts and all("partnership" in ch for ch in broadcasts)
    assert sync.nudges == 1 and sync.waiting

    dialog.amount_edit.setText("6 000")
    dialog.add_instalment_button.click()
    assert len(dialog.instalments_model.rows()) == 1
    assert sync.nudges == 2 and len(broadcasts) == 2
    dialog.instalments_view.selectRow(0)
    dialog.paid_button.click()
    assert sync.nudges == 3 and len(broadcasts) == 3

    # A refused save: its French message under the form, nothing written, no nudge.
    dialog.year_edit.setText("2025")
    dialog.save_button.click()
    assert dialog.error_label.text().startswith("⚠ ")
    assert sync.nudges == 3 and len(broadcasts) == 3
    saved = ProgrammeService(coord).partnerships(YEAR)
    assert [(p.title, p.subsidy_cents) for p in saved] == [("Convention 2025", 1_200_050)]
