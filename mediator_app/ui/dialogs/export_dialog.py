"""*Exporter…*: the Coop XLSX, French CSV and the PDF bilan, for coordinators and mediators.

The export runs ``reports.exporter.export`` on the task runner's database thread, shows a
busy bar and can be cancelled. It writes to a temporary file beside the target and renames
it only when complete, so a cancelled or failed export never leaves a half-written file.
"""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path
from uuid import UUID

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.errors import CancelledError, KnownError
from mediator_app.local_store.services.view_filter import ViewFilter
from mediator_app.local_store.unit_of_work import Store
from mediator_app.reports.exporter import bilan_document, export
from mediator_app.reports.tabular import coop_file_name
from mediator_app.ui.context import AppContext
from mediator_app.ui.tasks import CancelToken
from mediator_app.ui.widgets.french import pydate, qdate
from mediator_app.ui.widgets.icons import set_icon
from mediator_app.ui.widgets.printing import DocumentPrinter

#: Formats offered for each content (the first is the default).
FORMATS: dict[str, tuple[str, ...]] = {
    "workshops": ("xlsx", "csv"),
    "attendance": ("xlsx", "csv"),
    "devices": ("xlsx", "csv"),
    "handouts": ("xlsx", "csv"),
    "bilan": ("pdf",),
    "programme": ("xlsx", "csv"),
    "national": ("pdf", "xlsx", "csv"),
}
#: Contents whose small counts are masked (the threshold applies).
MASKED = frozenset({"bilan", "national"})
FILE_STEMS = {
    "attendance": "presences",
    "devices": "materiel",
    "handouts": "remises",
    "bilan": "bilan",
    "programme": "partenariats",
    "national": "vue-nationale",
}


def run_export(
    store: Store,
    what: str,
    fmt: str,
    out: Path,
    date_from: date | None,
    date_to: date | None,
    threshold: int,
    token: CancelToken,
    view: ViewFilter | None = None,
) -> int:
    """Write the export to a temporary file, then rename it; nothing is left on cancel.

    Raises:
        CancelledError: the user cancelled (no file written).
        KnownError: the export failed (French message).
    """
    part = out.with_name(f".{out.stem}.partiel{out.suffix}")
    token.progress(0, 0, "")
    try:
        try:
            count = export(
                store,
                what,
                fmt,
                part,
                date_from,
                date_to,
                threshold=threshold,
                cancelled=lambda: token.cancelled,
                view=view,
            )
        except OSError as exc:
            raise KnownError(
                "Le fichier n’a pas pu être écrit : vérifiez que le dossier existe, qu’il "
                "n’est pas en lecture seule et que le fichier n’est pas ouvert dans un autre "
                "logiciel."
            ) from exc
        token.check()
        part.replace(out)
        return count
    finally:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)


class ExportDialog(QDialog):
    """Choose what to export, the format, the period and the file; export off the GUI
    thread with a progress bar and a cancel button.

    Args:
        ctx: the application context (store and task runner).
        date_from, date_to: the period shown initially (e.g. the dashboard's).
        what: the content selected initially (``workshops``, ``attendance``, ``devices``,
            ``bilan``).
        view: the coordination page's filter: the file is of its département and partner
            structure (the dialog starts with them; the period is ``date_from``..``date_to``).
        choices: the départements (code → text) and partners the page's filter offers.
    """

    exported = Signal(object, int)  # Path, number of rows (pages for the bilan)

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        date_from: date | None = None,
        date_to: date | None = None,
        what: str = "workshops",
        view: ViewFilter | None = None,
        choices: tuple[dict[str, str], tuple[tuple[UUID, str], ...]] = ({}, ()),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("export_dialog")
        self.setWindowTitle(self.tr("Exporter"))
        self._ctx = ctx
        self._token: CancelToken | None = None
        self._last_file: Path | None = None

        self._what = QComboBox(self)
        self._what.setObjectName("what_combo")
        for key, text in (
            ("workshops", self.tr("Accompagnements (modèle La Coop de la médiation numérique)")),
            ("attendance", self.tr("Présences (identifiants, sans nom)")),
            ("devices", self.tr("Inventaire du matériel")),
            (
                "handouts",
                self.tr("Remises et prêts (sans nom pour la coordination)")
                if ctx.is_coordinator
                else self.tr("Remises et prêts (avec les noms des familles de la structure)"),
            ),
            ("bilan", self.tr("Bilan (PDF : indicateurs et graphiques)")),
            ("programme", self.tr("Partenariats et couverture (par structure partenaire)")),
            ("national", self.tr("Vue nationale (chaque département et le total)")),
        ):
            if key == "programme" and not ctx.is_coordinator:
                continue  # the coordinators' and the national team's follow-up
            if key == "national" and ctx.store.identity.role != "admin":
                continue  # the national team's only
            self._what.addItem(text, key)
        self._format = QComboBox(self)
        self._format.setObjectName("format_combo")

        today = date.today()
        self._all_dates = QCheckBox(self.tr("&Toute la période"), self)
        self._all_dates.setObjectName("all_dates_check")
        self._from = QDateEdit(self)
        self._from.setObjectName("date_from_edit")
        self._to = QDateEdit(self)
        self._to.setObjectName("date_to_edit")
        for edit in (self._from, self._to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        school_start = date(today.year if today.month >= 9 else today.year - 1, 9, 1)
        self._from.setDate(qdate(date_from or school_start))
        self._to.setDate(qdate(date_to or today))

        # The département (national team) and the partner structure of the coordination
        # page's filter; the file holds only theirs.
        departments, partners = choices
        self._department = QComboBox(self)
        self._department.setObjectName("export_department_combo")
        self._department.addItem(self.tr("Tous"), None)
        for code, text in departments.items():
            self._department.addItem(text, code)
        self._partner = QComboBox(self)
        self._partner.setObjectName("export_partner_combo")
        self._partner.addItem(self.tr("Toutes"), None)
        for structure_id, name in partners:
            self._partner.addItem(name, structure_id)
        if view is not None:
            self._department.setCurrentIndex(
                max(self._department.findData(view.department_code), 0)
            )
            for i in range(1, self._partner.count()):
                if self._partner.itemData(i) == view.structure_id:
                    self._partner.setCurrentIndex(i)  # findData does not compare UUIDs by value

        self._threshold = QSpinBox(self)
        self._threshold.setObjectName("threshold_spin")
        self._threshold.setRange(1, 50)
        self._threshold.setValue(ctx.small_count_threshold)
        self._threshold.setMaximumWidth(80)
        self._threshold.setToolTip(
            self.tr("Un effectif plus petit est remplacé par « < N » dans le bilan.")
        )

        self._path = QLineEdit(self)
        self._path.setObjectName("path_edit")
        self._path.setMinimumWidth(360)
        self._browse = QPushButton(self.tr("&Parcourir…"), self)
        self._browse.setObjectName("browse_button")
        self._path_error = QLabel(self)
        self._path_error.setObjectName("path_error")
        self._path_error.setWordWrap(True)
        self._path_error.hide()

        form = QFormLayout()
        what_label = QLabel(self.tr("&Contenu :"), self)
        what_label.setBuddy(self._what)
        form.addRow(what_label, self._what)
        format_label = QLabel(self.tr("F&ormat :"), self)
        format_label.setBuddy(self._format)
        form.addRow(format_label, self._format)
        period = QHBoxLayout()
        from_label = QLabel(self.tr("&Du"), self)
        from_label.setBuddy(self._from)
        to_label = QLabel(self.tr("a&u"), self)
        to_label.setBuddy(self._to)
        period.addWidget(from_label)
        period.addWidget(self._from)
        period.addWidget(to_label)
        period.addWidget(self._to)
        period.addWidget(self._all_dates)
        period.addStretch(1)
        period_label = QLabel(self.tr("Période :"), self)
        period_label.setBuddy(self._from)
        form.addRow(period_label, period)
        threshold_label = QLabel(self.tr("&Masquer les effectifs inférieurs à :"), self)
        threshold_label.setBuddy(self._threshold)
        form.addRow(threshold_label, self._threshold)
        department_label = QLabel(self.tr("Dé&partement :"), self)
        department_label.setBuddy(self._department)
        form.addRow(department_label, self._department)
        form.setRowVisible(self._department, bool(departments))
        partner_label = QLabel(self.tr("S&tructure :"), self)
        partner_label.setBuddy(self._partner)
        form.addRow(partner_label, self._partner)
        form.setRowVisible(self._partner, bool(partners))
        self._scope_note = QLabel(
            self.tr("La vue nationale porte sur tous les départements et toutes les structures."),
            self,
        )
        self._scope_note.setObjectName("export_scope_note")
        self._scope_note.setWordWrap(True)
        self._has_scope = bool(departments or partners)
        form.addRow("", self._scope_note)
        file_row = QHBoxLayout()
        file_row.addWidget(self._path, 1)
        file_row.addWidget(self._browse)
        path_label = QLabel(self.tr("&Fichier :"), self)
        path_label.setBuddy(self._path)
        form.addRow(path_label, file_row)
        form.addRow("", self._path_error)

        self._progress = QProgressBar(self)
        self._progress.setObjectName("progress_bar")
        self._progress.setTextVisible(False)
        self._progress.hide()
        self._status = QLabel(self)
        self._status.setObjectName("status_label")
        self._status.setWordWrap(True)
        self._status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._export_button = QPushButton(self.tr("&Exporter"), self)
        set_icon(self._export_button, "sheet")
        self._export_button.setObjectName("export_button")
        self._export_button.setDefault(True)
        self._cancel_button = QPushButton(self.tr("&Annuler l’export"), self)
        self._cancel_button.setObjectName("cancel_button")
        self._cancel_button.hide()
        self._print_button = QPushButton(self.tr("&Imprimer…"), self)
        set_icon(self._print_button, "printer")
        self._print_button.setObjectName("print_button")
        self._print_button.setToolTip(self.tr("Imprimer le bilan de la période"))
        #: « Imprimer… » of the bilan (the print dialog, then the printer).
        self.printer = DocumentPrinter(ctx.runner, self)
        self._open_button = QPushButton(self.tr("&Ouvrir le dossier"), self)
        set_icon(self._open_button, "folder-open")
        self._open_button.setObjectName("open_folder_button")
        self._open_button.hide()
        self._close_button = QPushButton(self.tr("Fe&rmer"), self)
        self._close_button.setObjectName("close_button")
        buttons = QHBoxLayout()
        buttons.addWidget(self._open_button)
        buttons.addStretch(1)
        buttons.addWidget(self._cancel_button)
        buttons.addWidget(self._print_button)
        buttons.addWidget(self._export_button)
        buttons.addWidget(self._close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._progress)
        layout.addWidget(self._status)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self._what.currentIndexChanged.connect(self._on_what_changed)
        self._format.currentIndexChanged.connect(self._on_format_changed)
        self._all_dates.toggled.connect(self._on_all_dates_toggled)
        self._browse.clicked.connect(self._on_browse_clicked)
        self._export_button.clicked.connect(self.start_export)
        self._cancel_button.clicked.connect(self.cancel_export)
        self._open_button.clicked.connect(self._on_open_clicked)
        self._print_button.clicked.connect(self.print_bilan)
        self.printer.printed.connect(self._on_printed)
        self.printer.failed.connect(lambda message: self._status.setText(f"⚠ {message}"))
        self._close_button.clicked.connect(self.reject)

        for a, b in (
            (self._what, self._format),
            (self._format, self._from),
            (self._from, self._to),
            (self._to, self._all_dates),
            (self._all_dates, self._threshold),
            (self._threshold, self._department),
            (self._department, self._partner),
            (self._partner, self._path),
            (self._path, self._browse),
            (self._browse, self._export_button),
            (self._export_button, self._print_button),
            (self._print_button, self._cancel_button),
            (self._cancel_button, self._open_button),
            (self._open_button, self._close_button),
        ):
            QWidget.setTabOrder(a, b)

        index = max(self._what.findData(what), 0)
        self._what.setCurrentIndex(index)
        self._on_what_changed(index)

    # --- state ------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._token is not None

    @property
    def last_file(self) -> Path | None:
        return self._last_file

    def _default_folder(self) -> Path:
        current = self._path.text().strip()
        if current:
            return Path(current).expanduser().parent
        for location in (
            QStandardPaths.StandardLocation.DocumentsLocation,
            QStandardPaths.StandardLocation.HomeLocation,
        ):
            folder = QStandardPaths.writableLocation(location)
            if folder and Path(folder).is_dir():
                return Path(folder)
        return Path.home()

    def _suggest_path(self) -> None:
        what = str(self._what.currentData())
        fmt = str(self._format.currentData() or FORMATS[what][0])
        today = date.today()
        if what == "workshops":
            # La Coop's own name: a file exported here is named as one downloaded there.
            name = coop_file_name(today, fmt)
        else:
            name = f"tne-{FILE_STEMS[what]}-{today.isoformat()}.{fmt}"
        self._path.setText(str(self._default_folder() / name))

    # --- slots ------------------------------------------------------------------------

    def _on_what_changed(self, _index: int) -> None:
        what = str(self._what.currentData())
        self._format.blockSignals(True)
        self._format.clear()
        names = {
            "xlsx": self.tr("Excel (XLSX)"),
            "csv": self.tr("CSV pour Excel (point-virgule)"),
            "pdf": self.tr("PDF"),
        }
        for fmt in FORMATS[what]:
            self._format.addItem(names[fmt], fmt)
        self._format.blockSignals(False)
        self._threshold.setEnabled(what in MASKED)
        national = what == "national"  # every département's and structure's
        for combo in (self._department, self._partner):
            combo.setEnabled(not national)
        self._scope_note.setVisible(national and self._has_scope)
        self._print_button.setVisible(what == "bilan")
        no_period = what == "devices"
        self._all_dates.setEnabled(not no_period)
        self._from.setEnabled(not no_period and not self._all_dates.isChecked())
        self._to.setEnabled(not no_period and not self._all_dates.isChecked())
        self._suggest_path()

    def _on_format_changed(self, _index: int) -> None:
        fmt = self._format.currentData()
        text = self._path.text().strip()
        if fmt and text:
            self._path.setText(str(Path(text).with_suffix(f".{fmt}")))

    def _on_all_dates_toggled(self, checked: bool) -> None:
        enabled = not checked and self._what.currentData() != "devices"
        self._from.setEnabled(enabled)
        self._to.setEnabled(enabled)

    def _on_browse_clicked(self) -> None:
        fmt = str(self._format.currentData())
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Enregistrer l’export"),
            self._path.text(),
            self.tr("Fichier {fmt} (*.{ext})").format(fmt=fmt.upper(), ext=fmt),
        )
        if chosen:
            self._path.setText(chosen)

    def _on_open_clicked(self) -> None:
        if self._last_file is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._last_file.parent)))

    def _show_path_error(self, message: str) -> None:
        self._path_error.setText(f"⚠ {message}")
        self._path_error.show()
        self._path.setFocus()

    def start_export(self) -> None:
        """Check the form and run the export on the task runner."""
        if self.running:
            return
        self._path_error.hide()
        what = str(self._what.currentData())
        fmt = str(self._format.currentData())
        text = self._path.text().strip()
        if not text:
            self._show_path_error(self.tr("Choisissez où enregistrer le fichier."))
            return
        out = Path(text).expanduser()
        if out.suffix.lower() != f".{fmt}":
            out = out.with_suffix(f".{fmt}")
            self._path.setText(str(out))
        if not out.parent.is_dir():
            self._show_path_error(
                self.tr("Le dossier « {folder} » n’existe pas.").format(folder=str(out.parent))
            )
            return
        period = self._period()
        if period is None:
            return
        date_from, date_to = period
        self._set_running(True)
        self._status.setText(self.tr("Export en cours…"))
        store, threshold, view = self._ctx.store, self._threshold.value(), self.view()
        self._token = self._ctx.runner.run(
            lambda token: run_export(
                store, what, fmt, out, date_from, date_to, threshold, token, view=view
            ),
            on_done=lambda count: self._on_export_done(out, count),
            on_error=self._on_export_failed,
            on_progress=self._on_export_progress,
        )

    def view(self) -> ViewFilter | None:
        """The département and structure the file is narrowed to (the national view is
        every département's and every structure's)."""
        if self._what.currentData() == "national":
            return None
        return ViewFilter(None, None, self._department.currentData(), self._partner.currentData())

    def _period(self) -> tuple[date | None, date | None] | None:
        """The period of the form (``None, None``: all dates); ``None`` when it is wrong
        (the message is shown)."""
        if self._what.currentData() == "devices" or self._all_dates.isChecked():
            return None, None
        date_from, date_to = pydate(self._from.date()), pydate(self._to.date())
        if date_from > date_to:
            self._show_path_error(self.tr("La période commence après sa fin."))
            return None
        return date_from, date_to

    def print_bilan(self) -> bool:
        """« Imprimer… »: the bilan of the period, laid out on the chosen printer off the
        GUI thread (the same pages as the PDF)."""
        if self.running or self._what.currentData() != "bilan":
            return False
        self._path_error.hide()
        period = self._period()
        if period is None:
            return False
        date_from, date_to = period
        store, threshold, view = self._ctx.store, self._threshold.value(), self.view()
        started = self.printer.print_document(
            lambda _t: bilan_document(store, date_from, date_to, threshold=threshold, view=view),
            self.tr("Bilan TNE Médiation"),
        )
        if started:
            self._status.setText(self.tr("Impression du bilan…"))
        return started

    def _on_printed(self, pages: int) -> None:
        what = self.tr("1 page") if pages <= 1 else self.tr("{n} pages").format(n=pages)
        self._status.setText(self.tr("✓ Bilan envoyé à l’imprimante ({what}).").format(what=what))

    def cancel_export(self) -> None:
        """Ask the running export to stop (it stops at its next check)."""
        if self._token is not None:
            self._token.cancel()
            self._cancel_button.setEnabled(False)
            self._status.setText(self.tr("Annulation…"))

    def _set_running(self, running: bool) -> None:
        self._progress.setVisible(running)
        self._progress.setRange(0, 0)
        self._cancel_button.setVisible(running)
        self._cancel_button.setEnabled(running)
        self._export_button.setEnabled(not running)
        for w in (
            self._what,
            self._format,
            self._path,
            self._browse,
            self._threshold,
            self._print_button,
            self._department,
            self._partner,
        ):
            w.setEnabled(not running)
        if not running:
            self._threshold.setEnabled(self._what.currentData() in MASKED)
            self._token = None

    def _on_export_progress(self, done: int, total: int, _text: str) -> None:
        if total > 0:
            self._progress.setRange(0, total)
            self._progress.setValue(done)

    def _on_export_done(self, out: Path, count: int) -> None:
        self._set_running(False)
        self._last_file = out
        if self._what.currentData() == "bilan":
            what = self.tr("1 page") if count <= 1 else self.tr("{n} pages").format(n=count)
        else:
            what = self.tr("1 ligne") if count <= 1 else self.tr("{n} lignes").format(n=count)
        self._status.setText(
            self.tr("✓ Export terminé ({what}) : {file}").format(what=what, file=out.name)
        )
        self._open_button.show()
        self.exported.emit(out, count)

    def _on_export_failed(self, error: KnownError) -> None:
        self._set_running(False)
        if isinstance(error, CancelledError):
            self._status.setText(self.tr("Export annulé : aucun fichier n’a été écrit."))
        else:
            self._status.setText(f"⚠ {error.message}")

    def reject(self) -> None:
        if self._token is not None:
            self._token.cancel()
        super().reject()
