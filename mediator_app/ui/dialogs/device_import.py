"""Import devices from a CSV file (``DeviceService.import_csv``) with a line-by-line report.

Good lines are saved a batch at a time (``WriteOp``'s long form: a progress bar, and
« Annuler » that stops between two batches and says which lines were imported and which
were not); each bad line is listed with its number and a French message, so the file can
be corrected and only those lines imported again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.errors import ValidationError
from mediator_app.local_store.services.devices import ImportReport
from mediator_app.local_store.unit_of_work import Result
from mediator_app.ui.context import AppContext
from mediator_app.ui.models.device_table import ImportErrorModel
from mediator_app.ui.ops import LongWriteOp
from mediator_app.ui.tasks import CancelToken
from mediator_app.ui.widgets.forms import FieldErrors, buddy, button_row, chain_tab_order

COLUMNS_HINT = (
    "Une ligne d’en-tête puis un équipement par ligne, séparés par « ; » ou « , ». "
    "Colonnes : numero_serie et numero_inventaire (obligatoires), type (ordinateur "
    "portable, tablette, box 4G, clé 4G, carte SIM, accessoire), marque, modele, imei, "
    "etat (neuf, bon, usé, hors service), date_acquisition (jj/mm/aaaa), programme."
)


class DeviceImportDialog(QDialog):
    """Pick a CSV file, import it on the task runner, show what was kept and what was not.

    Signals:
        imported(ImportReport): the import ran (some lines may have been refused).
    """

    imported = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("device_import_dialog")
        self.setWindowTitle(self.tr("Importer des équipements"))
        self._ctx = ctx
        self._token: CancelToken | None = None
        self.report: ImportReport | None = None
        layout = QVBoxLayout(self)
        self.hint_label = QLabel(self.tr(COLUMNS_HINT), self)
        self.hint_label.setWordWrap(True)
        layout.addWidget(self.hint_label)
        row = QHBoxLayout()
        self.file_edit = QLineEdit(self)
        self.file_edit.setObjectName("import_file_edit")
        self._browse_button = QPushButton(self.tr("&Parcourir…"), self)
        self._browse_button.setObjectName("browse_button")
        self._browse_button.clicked.connect(self._on_browse_clicked)
        row.addWidget(buddy(self.tr("&Fichier CSV :"), self.file_edit, self))
        row.addWidget(self.file_edit, 1)
        row.addWidget(self._browse_button)
        layout.addLayout(row)
        general = QLabel(self)
        self.errors = FieldErrors(general)
        layout.addWidget(self.errors.label("file", self))
        self.progress = QProgressBar(self)
        self.progress.setObjectName("import_progress")
        self.progress.setAccessibleName(self.tr("Import en cours"))
        self.progress.hide()
        layout.addWidget(self.progress)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("import_summary_label")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.error_model = ImportErrorModel(self)
        self.error_table = QTableView(self)
        self.error_table.setObjectName("import_errors_table")
        self.error_table.setAccessibleName(self.tr("Lignes refusées"))
        self.error_table.setModel(self.error_model)
        self.error_table.verticalHeader().hide()
        self.error_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.error_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.error_table.horizontalHeader().setStretchLastSection(True)
        self.error_table.setWordWrap(True)
        self.error_table.hide()
        layout.addWidget(self.error_table, 1)
        # Until there are refused lines to list, the room below stays empty (not spread out
        # between the hint and the file field).
        self._filler = QWidget(self)
        layout.addWidget(self._filler, 1)
        layout.addWidget(general)

        buttons, self._close_button, self._import_button = button_row(
            self,
            (self.tr("Fermer"), "close_button", self._on_close_clicked),
            (self.tr("&Importer"), "import_button", self.start_import),
        )
        layout.addLayout(buttons)
        chain_tab_order(
            [
                self.file_edit,
                self._browse_button,
                self._import_button,
                self.error_table,
                self._close_button,
            ]
        )
        self.resize(760, 480)

    @property
    def import_button(self) -> QPushButton:
        return self._import_button

    def _on_browse_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.browse_title(),
            self.file_edit.text() or str(Path.home()),
            self.tr("Fichiers CSV (*.csv *.txt);;Tous les fichiers (*)"),
        )
        if path:
            self.file_edit.setText(path)

    def start_import(self) -> None:
        self.errors.clear()
        text = self.file_edit.text().strip()
        if not text:
            self.errors.show({"file": self.tr("Choisissez le fichier à importer.")})
            self.file_edit.setFocus()
            return
        path = Path(text)
        if not path.is_file():
            self.errors.show(
                {"file": self.tr("Le fichier « {name} » est introuvable.").format(name=path.name)}
            )
            return
        self._set_running(True)
        op = LongWriteOp(
            self._ctx, self, lambda _s, token: _as_result(self.import_task(path, token))
        )
        self._token = op.token  # « Annuler » reaches it from the first progress report on
        (
            op.progress(self._on_progress)
            .settled(self._on_settled)
            .success(self._on_done)
            .cancelled(self._on_cancelled)
            .failure(self._on_refused)
            .message_to(self._on_failed)
            .run()
        )

    # --- what a subclass changes (the lines' import) -------------------------------------

    def browse_title(self) -> str:
        return self.tr("Choisir le fichier des équipements")

    def import_task(self, path: Path, token: CancelToken) -> ImportReport:
        """Runs on the database lane; a cancelled token before the start writes nothing."""
        svc = self._ctx.services.devices
        token.check()
        return svc.import_csv(
            path,
            progress=lambda done, total: token.progress(done, total, ""),
            cancelled=lambda: token.cancelled,
        )

    def imported_text(self, n: int) -> str:
        return (
            self.tr("{n} équipement importé").format(n=n)
            if n <= 1
            else self.tr("{n} équipements importés").format(n=n)
        )

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0 and self.progress.isVisible():
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.progress.setRange(0, 0 if running else 1)
        self._import_button.setEnabled(not running)
        self._browse_button.setEnabled(not running)
        self._close_button.setText(self.tr("Annuler") if running else self.tr("Fermer"))
        if running:
            self.summary_label.setText(self.tr("Import en cours…"))

    def _on_close_clicked(self) -> None:
        if self._token is not None and self.progress.isVisible():
            self._token.cancel()
            return
        self.accept()

    def _on_settled(self) -> None:
        self._set_running(False)
        self._token = None

    def _on_done(self, report: ImportReport) -> None:
        """The import ran (its changes are broadcast and the sync nudged by ``WriteOp``)."""
        self.report = report
        n, read = report.imported, report.rows_read
        imported = self.imported_text(n)
        if report.not_done is not None:
            first, last = report.not_done
            text = self.tr(
                "Import annulé à la ligne {first} : {imported} jusqu’à la ligne {before}. "
                "Les lignes {first} à {last} n’ont pas été importées : importez-les à part."
            ).format(first=first, last=last, before=first - 1, imported=imported)
        else:
            lines = (
                self.tr("sur {n} ligne lue").format(n=read)
                if read <= 1
                else self.tr("sur {n} lignes lues").format(n=read)
            )
            text = f"{imported} {lines}."
        if report.errors:
            bad = len(self.error_model_lines(report))
            text += " " + (
                self.tr("1 ligne a été refusée : corrigez-la dans le fichier et importez-la seule.")
                if bad <= 1
                else self.tr(
                    "{n} lignes ont été refusées : corrigez-les dans le fichier et importez-les "
                    "seules."
                ).format(n=bad)
            )
        elif report.not_done is None:
            text = "✓ " + text
        self.summary_label.setText(text)
        self.error_model.set_errors(report.errors)
        self.error_table.setVisible(bool(report.errors))
        self._filler.setVisible(not report.errors)
        self.error_table.resizeRowsToContents()
        self.imported.emit(report)

    @staticmethod
    def error_model_lines(report: ImportReport) -> set[str]:
        return {e.split(":", 1)[0] for e in report.errors}

    def _on_cancelled(self) -> None:
        self.summary_label.setText(self.tr("Import annulé : rien n’a été enregistré."))

    def _on_refused(self, error: ValidationError) -> None:
        self.summary_label.setText(self.tr("Rien n’a été importé."))
        self.errors.show(error.errors)

    def _on_failed(self, message: str) -> None:
        self.summary_label.setText(self.tr("Rien n’a été importé."))
        self.errors.show_general(message)


def _as_result(report: ImportReport) -> Result[ImportReport]:
    """An import's report as a service result: what it saved is broadcast like any write."""
    return Result(report, report.changes)
