"""The « Partenariats et couverture » tab on a coordinator's real store: a convention created
from the dialog with an instalment, the target import with its report, the figures shown."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from uuid import uuid4

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox
from pytestqt.qtbot import QtBot

from mediator_app.core import programme
from mediator_app.core.entities import AnonymousCounts, Structure, Workshop, structure_id_for_uai
from mediator_app.core.enums import InstalmentStatus, StructureKind, Theme, WorkshopStatus
from mediator_app.core.validation import uai_check_letter
from mediator_app.local_store import Store, open_local_store, save_profile
from mediator_app.local_store.services.programme import ProgrammeService
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.pages.programme import PartnershipDialog, ProgrammeTab
from mediator_app.ui.tasks import TaskRunner

YEAR = programme.school_year_of(date.today())


def _uai(n: int) -> str:
    digits = f"095{n:04d}"
    return digits + uai_check_letter(digits)


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


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


def _seed(store: Store) -> Structure:
    partner = Structure(
        name="Association Médiation 95", kind=StructureKind.ASSOCIATION, department_code="95"
    )
    start, _end = programme.school_year_bounds(YEAR)
    with store.write() as tx:
        tx.insert(partner)
        for n in range(3):
            tx.insert(
                Structure(
                    id=structure_id_for_uai(_uai(n)),
                    name=f"École {n}",
                    kind=StructureKind.ECOLE,
                    uai=_uai(n),
                    department_code="95",
                )
            )
        w = tx.insert(
            Workshop(
                title="Découvrir l’ENT",
                date=start,
                themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
                organizer_structure_id=partner.id,
                commune="Sarcelles",
                school_id=structure_id_for_uai(_uai(0)),
                status=WorkshopStatus.HELD,
                department_code="95",
            )
        )
        tx.insert(AnonymousCounts(workshop_id=w.id, total=9))
    return partner


def test_convention_import_and_figures(
    qtbot: QtBot, coord: Store, runner: TaskRunner, tmp_path: Path
) -> None:
    partner = _seed(coord)
    ctx = AppContext(coord, Services.of(coord), runner)
    tab = ProgrammeTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1300, 700)
    tab.show()
    qtbot.waitUntil(lambda: tab.year_combo.count() > 0)
    assert tab.school_year == YEAR

    # A convention from the dialog, then an instalment.
    dialog = tab.open_partnership(None)
    assert isinstance(dialog, PartnershipDialog)
    dialog.partner_combo.setCurrentIndex(dialog.partner_combo.findData(str(partner.id)))
    assert dialog.partner_combo.findData(str(structure_id_for_uai(_uai(0)))) == -1  # no schools
    dialog.title_edit.setText("Convention 2025")
    dialog.workshops_spin.setValue(10)
    dialog.schools_spin.setValue(2)
    dialog.subsidy_edit.setText("abc")
    dialog.save_button.click()
    assert "n’est pas un nombre d’euros" in dialog.error_label.text()
    dialog.subsidy_edit.setText("12 000,50")
    with qtbot.waitSignal(dialog.saved, timeout=5000, raising=False) as blocker:
        dialog.save_button.click()
    assert blocker.signal_triggered, dialog.error_label.text()
    assert not dialog.partner_combo.isEnabled()
    assert dialog.add_instalment_button.isEnabled()
    dialog.amount_edit.setText("6 000")
    dialog.add_instalment_button.click()
    qtbot.waitUntil(lambda: len(dialog.instalments_model.rows()) == 1)
    dialog.instalments_view.selectRow(0)
    dialog.paid_button.click()
    qtbot.waitUntil(lambda: dialog.instalments_model.rows()[0].status is InstalmentStatus.VERSE)
    dialog.accept()
    saved = ProgrammeService(coord).partnerships(YEAR)
    assert [(p.title, p.subsidy_cents, p.objective_workshops) for p in saved] == [
        ("Convention 2025", 1_200_050, 10)
    ]

    # The target list, as downloaded, with one line of another département.
    csv = tmp_path / "annuaire.csv"
    lines = [
        "Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Nom_commune;"
        "Code_postal;Code_departement"
    ]
    lines += [f"{_uai(n)};École {n};Ecole;Sarcelles;95200;095" for n in range(3)]
    lines.append("0021234X;École de Laon;Ecole;Laon;02000;002")
    csv.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode())
    tab.import_targets(csv)
    qtbot.waitUntil(lambda: "ajoutée" in tab.import_label.text(), timeout=5000)
    assert "3 école(s) ajoutée(s)" in tab.import_label.text()
    assert "Ligne 5" in tab.import_label.text()

    qtbot.waitUntil(lambda: tab.figures["targets"].value_text == "1 / 3", timeout=5000)
    assert tab.figures["held"].value_text == "1"
    assert tab.figures["partners"].value_text == "1"
    assert tab.sentence_label.text().startswith("1 atelier réalisé dans 1 école")
    follow = tab.partners_model.rows()[0]
    assert tab.partners_model.display(follow, 2) == "1 / 10"
    assert tab.partners_model.display(follow, 5) == (
        f"{programme.euros(600_000)} / {programme.euros(1_200_050)}"
    )


def test_unsaved_convention_asks_before_closing(
    qtbot: QtBot, coord: Store, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    partner = _seed(coord)
    ctx = AppContext(coord, Services.of(coord), runner)
    dialog = PartnershipDialog(ctx, [partner], YEAR)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title_edit.setText("Brouillon")
    asked: list[str] = []

    def keep(*args: object, **_kw: object) -> QMessageBox.StandardButton:
        asked.append(str(args[1]))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", keep)
    dialog.reject()
    assert asked == ["Modifications non enregistrées"] and dialog.isVisible()
    # Adding an instalment line or saving marks the form clean: no question then.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    dialog.reject()
    assert not dialog.isVisible()
    QApplication.processEvents()


def test_mediators_see_no_programme_buttons(qtbot: QtBot, store: Store, runner: TaskRunner) -> None:
    ctx = AppContext(store, Services.of(store), runner)
    tab = ProgrammeTab(ctx)
    qtbot.addWidget(tab)
    assert not tab.new_button.isVisibleTo(tab)
    assert not tab.import_button.isVisibleTo(tab)


def test_the_export_dialog_offers_the_programme_to_coordinators_only(
    qtbot: QtBot, coord: Store, store: Store, runner: TaskRunner
) -> None:
    from mediator_app.ui.dialogs.export_dialog import ExportDialog

    offered = {}
    for who, st in (("coordinator", coord), ("mediator", store)):
        dialog = ExportDialog(AppContext(st, Services.of(st), runner))
        qtbot.addWidget(dialog)
        combo = dialog.findChild(QComboBox, "what_combo")
        assert combo is not None
        offered[who] = {combo.itemData(i) for i in range(combo.count())}
    assert "programme" in offered["coordinator"]
    assert "programme" not in offered["mediator"]
