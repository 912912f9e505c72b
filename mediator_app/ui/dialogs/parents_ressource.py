"""The structure's Parents Ressource, from the Participants page: who, since when, which
structure, how many workshops they co-facilitated and the last one, sortable by any
column, and the list in a spreadsheet (XLSX or CSV) for the structure's own follow-up.

The figures are ``ParentRessourceService.rows`` (docs/architecture.md, « Parents
Ressource »): held workshops only, where the parent was present.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from mediator_app.local_store.services.parents_ressource import (
    ParentRessourceRow,
    ParentRessourceService,
)
from mediator_app.reports import tabular
from mediator_app.ui.context import AppContext
from mediator_app.ui.models.base import RowTableModel
from mediator_app.ui.widgets.french import message_label, number, plural, short_date, show_error
from mediator_app.ui.widgets.labels import page_title
from mediator_app.ui.widgets.screen_fit import fit_to_screen
from mediator_app.ui.widgets.tables import row_table

NAME, STRUCTURE, SINCE, CO_FACILITATED, LAST, ATTENDED = range(6)


class ParentsRessourceModel(RowTableModel[ParentRessourceRow]):
    numeric_columns = frozenset({CO_FACILITATED, ATTENDED})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            (
                self.tr("Parent Ressource"),
                self.tr("Structure"),
                self.tr("Recruté·e le"),
                self.tr("Ateliers co-animés"),
                self.tr("Dernière co-animation"),
                self.tr("Ateliers suivis"),
            ),
            parent,
        )

    def display(self, item: ParentRessourceRow, column: int) -> str:
        if column == NAME:
            return item.name
        if column == STRUCTURE:
            return item.structure_name
        if column == SINCE:
            return short_date(item.since) if item.since else "—"
        if column == CO_FACILITATED:
            return number(item.co_facilitated)
        if column == LAST:
            return short_date(item.last_co_facilitated) if item.last_co_facilitated else "—"
        return number(item.attended)

    def sort_key(self, item: ParentRessourceRow, column: int) -> Any:
        return (
            item.name,
            item.structure_name,
            item.since,
            item.co_facilitated,
            item.last_co_facilitated,
            item.attended,
        )[column]


def write_list(rows: list[ParentRessourceRow], out: Path, fmt: str, who: str) -> int:
    """Write the list as XLSX or CSV; runs on the worker thread."""
    table = tabular.parents_ressource_table(rows)
    if fmt == "csv":
        return tabular.write_csv(out, tabular.PARENTS_RESSOURCE_COLUMNS, table)
    return tabular.write_xlsx(
        out,
        title="Parents Ressource — TNE Médiation",
        exported_by=who,
        filters="tous les Parents Ressource de la structure",
        header=tabular.PARENTS_RESSOURCE_COLUMNS,
        rows=table,
        sheet="Parents Ressource",
    )


class ParentsRessourceDialog(QDialog):
    """The list; ``exports_folder`` is where the spreadsheets go."""

    def __init__(
        self, ctx: AppContext, exports_folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("parents_ressource_dialog")
        self.setWindowTitle(self.tr("Parents Ressource"))
        self._ctx = ctx
        self.exports_folder = exports_folder
        #: Open the folder of a written file (tests switch it off).
        self.open_documents = True
        self.last_file: Path | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(page_title(self.tr("Parents Ressource"), self))
        top.addStretch(1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("parents_ressource_count_label")
        top.addWidget(self.count_label)
        layout.addLayout(top)
        intro = QLabel(
            self.tr(
                "Les parents bénévoles de la structure : depuis quand, combien d’ateliers "
                "réalisés ils ont co-animés et le dernier. Cliquez sur un titre de colonne "
                "pour trier."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = ParentsRessourceModel(self)
        self.table = row_table(
            "parents_ressource_table",
            self.model,
            self,
            self.tr("Liste des Parents Ressource"),
            sortable=True,
            stretch=(NAME, STRUCTURE),
        )
        layout.addWidget(self.table, 1)
        self.message = message_label("parents_ressource_message", self)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.xlsx_button = QPushButton(self.tr("Exporter en E&xcel (XLSX)"), self)
        self.xlsx_button.setObjectName("parents_ressource_xlsx_button")
        self.csv_button = QPushButton(self.tr("Exporter en &CSV"), self)
        self.csv_button.setObjectName("parents_ressource_csv_button")
        self.close_button = QPushButton(self.tr("&Fermer"), self)
        self.close_button.setObjectName("parents_ressource_close_button")
        buttons.addWidget(self.xlsx_button)
        buttons.addWidget(self.csv_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.close_button.clicked.connect(self.accept)
        fit_to_screen(self, 1000, 560)
        self.refresh()

    def refresh(self) -> None:
        svc = ParentRessourceService(self._ctx.store)
        # A mediator's laptop holds its structure's families only (their scope).
        self._ctx.runner.run(
            lambda _t: svc.rows(),
            on_done=self._on_rows,
            on_error=lambda e: show_error(self.message, e.message),
        )

    def _on_rows(self, rows: list[ParentRessourceRow]) -> None:
        self.model.set_rows(rows)
        self.count_label.setText(
            plural(len(rows), self.tr("{n} Parent Ressource"), self.tr("{n} Parents Ressource"))
        )
        for b in (self.xlsx_button, self.csv_button):
            b.setEnabled(bool(rows))
        if not rows:
            self.message.setText(
                self.tr(
                    "ℹ Aucun Parent Ressource pour l’instant : cochez « Parent Ressource » sur "
                    "la fiche d’un parent bénévole."
                )
            )
            self.message.show()

    def export(self, fmt: str) -> None:
        rows = list(self.model.rows())
        folder = self.exports_folder
        out = folder / f"tne-parents-ressource-{date.today().isoformat()}.{fmt}"
        who = self._ctx.store.identity.actor_name or "ce poste"
        for b in (self.xlsx_button, self.csv_button):
            b.setEnabled(False)

        def work(_t: Any) -> int:
            folder.mkdir(parents=True, exist_ok=True)
            return write_list(rows, out, fmt, who)

        def done(count: int) -> None:
            self.last_file = out
            for b in (self.xlsx_button, self.csv_button):
                b.setEnabled(True)
            self.message.setText(
                self.tr("✓ Liste enregistrée ({n} lignes) : {file}")
                .replace("{n}", number(count))
                .replace("{file}", str(out))
            )
            self.message.show()
            if self.open_documents:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(out.parent)))

        def failed(error: Any) -> None:
            for b in (self.xlsx_button, self.csv_button):
                b.setEnabled(True)
            show_error(self.message, error.message)

        self._ctx.runner.run(work, on_done=done, on_error=failed)
