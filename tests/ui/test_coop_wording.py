"""The counts panel and the export's file name say what La Coop says.

The expected wording comes from tests/fixtures/coop/activites.toml (written from La Coop's
source), never from our own labels.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from mediator_app.core.entities import Workshop
from mediator_app.core.enums import Theme
from mediator_app.local_store import Store
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.dialogs.export_dialog import ExportDialog
from mediator_app.ui.tasks import TaskRunner
from mediator_app.ui.widgets.anonymous_counts_panel import AnonymousCountsPanel
from mediator_app.ui.widgets.french import NBSP

FIXTURE = Path(__file__).parents[1] / "fixtures" / "coop" / "activites.toml"
COOP: dict[str, Any] = tomllib.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


def _captions(panel: AnonymousCountsPanel, fields: list[str]) -> list[str]:
    by_buddy = {
        id(label.buddy()): label.text() for label in panel.findChildren(QLabel) if label.buddy()
    }
    return [by_buddy[id(panel.spins[f])].removesuffix(NBSP + ":") for f in fields]


def test_the_counts_panel_shows_la_coops_age_bands_statuses_and_genders(qtbot: QtBot) -> None:
    panel = AnonymousCountsPanel()
    qtbot.addWidget(panel)
    values = COOP["values"]
    ages = [v for k, v in values["tranche_age"].items() if k != "non_communique"]
    assert (
        _captions(
            panel,
            [
                "age_under_12",
                "age_12_18",
                "age_18_24",
                "age_25_39",
                "age_40_59",
                "age_60_69",
                "age_70_plus",
            ],
        )
        == ages
    )
    assert "12 - 17 ans" in ages  # the band La Coop names 12 ≤ âge < 18
    statuses = [v for k, v in values["statut_social"].items() if k != "non_communique"]
    assert (
        _captions(
            panel, ["status_in_school", "status_unemployed", "status_employed", "status_retired"]
        )
        == statuses
    )
    assert _captions(panel, ["gender_female", "gender_male"]) == [
        values["genre"]["feminin"],
        values["genre"]["masculin"],
    ]


def test_the_activity_export_is_named_as_la_coop_names_it(
    qtbot: QtBot, store: Store, runner: TaskRunner, tmp_path: Path
) -> None:
    WorkshopService(store).create(
        Workshop(
            title="Atelier Pronote",
            date=date.today(),
            themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
            commune="Sarcelles",
            capacity=10,
        )
    )
    dialog = ExportDialog(AppContext(store, Services.of(store), runner))
    qtbot.addWidget(dialog)
    what = dialog.findChild(QComboBox, "what_combo")
    fmt = dialog.findChild(QComboBox, "format_combo")
    path = dialog.findChild(QLineEdit, "path_edit")
    assert what is not None and fmt is not None and path is not None
    what.setCurrentIndex(what.findData("workshops"))
    fmt.setCurrentIndex(fmt.findData("xlsx"))
    expected = COOP["export"]["file_name"].format(date=date.today().isoformat())
    assert Path(path.text()).name == expected
    fmt.setCurrentIndex(fmt.findData("csv"))
    assert Path(path.text()).name == Path(expected).with_suffix(".csv").name
    # Another content keeps our own name.
    what.setCurrentIndex(what.findData("attendance"))
    assert Path(path.text()).name.startswith("tne-presences-")

    what.setCurrentIndex(what.findData("workshops"))
    fmt.setCurrentIndex(fmt.findData("xlsx"))
    path.setText(str(tmp_path / Path(path.text()).name))
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as blocker:
        dialog.start_export()
    out, _count = blocker.args
    assert out.name == expected
    book = load_workbook(out, read_only=True)
    assert COOP["export"]["sheet"] in book.sheetnames
    book.close()
