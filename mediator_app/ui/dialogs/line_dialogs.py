"""Connectivity lines (SIM and 4G box plans): create or edit one, end it with a reason,
import the operator's list.

Everything is saved through ``DeviceService`` on the task runner; validation messages come
from ``core.validation.validate_line`` (the server's rules too) and show under their field.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.entities import ConnectivityLine, Device
from mediator_app.core.enums import LineEndReason, LineType
from mediator_app.core.labels import masked_number
from mediator_app.local_store.services.devices import (
    DeviceFilter,
    ImportReport,
    LineRow,
)
from mediator_app.local_store.services.handouts import HandoutRow
from mediator_app.ui.context import AppContext
from mediator_app.ui.core_labels import label
from mediator_app.ui.dialogs.device_import import DeviceImportDialog
from mediator_app.ui.i18n import ui_locale
from mediator_app.ui.ops import Action, WriteOp
from mediator_app.ui.tasks import CancelToken
from mediator_app.ui.widgets.forms import (
    FieldErrors,
    buddy,
    button_row,
    chain_tab_order,
    enum_combo,
    enum_data,
    select_data,
)
from mediator_app.ui.widgets.french import pydate, qdate
from mediator_app.ui.widgets.screen_fit import fit_to_screen
from mediator_app.ui.widgets.unsaved import UnsavedChanges

#: The "no date" of an optional date field (shown as « non fixée »).
NO_DATE = QDate(2000, 1, 1)


def optional_date_edit(parent: QWidget, name: str, empty: str) -> QDateEdit:
    """A French date field that may stay empty: its lowest value reads ``empty``."""
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setLocale(ui_locale())
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText(empty)
    edit.setDate(NO_DATE)
    return edit


def date_of(edit: QDateEdit) -> date | None:
    d = edit.date()
    return None if d == NO_DATE else pydate(d)


def set_date(edit: QDateEdit, value: date | None) -> None:
    edit.setDate(NO_DATE if value is None else qdate(value))


class LineDialog(QDialog):
    """Create or edit a line: operator, type, number, ICCID, plan, dates, the device it sits
    in and the hand-out it is lent with.

    Signals:
        saved(ConnectivityLine): the line was saved.
    """

    saved = Signal(object)

    def __init__(
        self, ctx: AppContext, row: LineRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("line_dialog")
        self._ctx = ctx
        self._row = row
        self.setWindowTitle(
            self.tr("Nouvelle ligne de connexion")
            if row is None
            else self.tr("Modifier la ligne de connexion")
        )
        layout = QVBoxLayout(self)
        general = QLabel(self)
        self.errors = FieldErrors(general)
        form = QFormLayout()
        self.operator_edit = self._line("operator_edit")
        self.type_combo = enum_combo(self, LineType, empty=None, name="line_type_combo")
        self.number_edit = self._line("line_number_edit")
        self.number_edit.setPlaceholderText(self.tr("ex. 07 00 00 00 00"))
        self.iccid_edit = self._line("iccid_edit")
        self.iccid_edit.setPlaceholderText(self.tr("18 à 22 chiffres, au dos de la carte SIM"))
        self.plan_edit = self._line("data_plan_edit")
        self.start_edit = optional_date_edit(self, "start_date_edit", self.tr("non fixée"))
        self.end_edit = optional_date_edit(self, "end_date_edit", self.tr("non fixée"))
        self.device_combo = QComboBox(self)
        self.device_combo.setObjectName("line_device_combo")
        self.handout_combo = QComboBox(self)
        self.handout_combo.setObjectName("line_handout_combo")
        rows: list[tuple[str, QWidget, str]] = [
            (self.tr("&Opérateur :"), self.operator_edit, "operator"),
            (self.tr("&Type :"), self.type_combo, "line_type"),
            (self.tr("&Numéro de ligne :"), self.number_edit, "line_number"),
            (self.tr("&ICCID (n° de la carte SIM) :"), self.iccid_edit, "iccid"),
            (self.tr("&Forfait :"), self.plan_edit, "data_plan"),
            (self.tr("&Début :"), self.start_edit, "start_date"),
            (self.tr("Fin &prévue :"), self.end_edit, "end_date"),
            (self.tr("Dans l’é&quipement :"), self.device_combo, "device_id"),
            (self.tr("Prêtée &avec :"), self.handout_combo, "handout_id"),
        ]
        for text, widget, field in rows:
            form.addRow(buddy(text, widget, self), widget)
            form.addRow("", self.errors.label(field, self))
        layout.addLayout(form)
        layout.addWidget(general)
        buttons, self.close_button, self.save_button = button_row(
            self,
            (self.tr("Annuler"), "cancel_button", self.reject),
            (self.tr("&Enregistrer"), "save_button", self.save),
        )
        layout.addLayout(buttons)
        chain_tab_order([w for _t, w, _f in rows] + [self.close_button, self.save_button])
        self._own = True
        self._devices: tuple[Device, ...] = ()
        self._handouts: tuple[HandoutRow, ...] = ()
        self._fill_choices()
        self._fill(row)
        self._unsaved = UnsavedChanges(self)
        fit_to_screen(self, 560, self.sizeHint().height() + 20)
        self.operator_edit.setFocus()

    def _line(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        return edit

    def _fill_choices(self) -> None:
        # Read at once (a few hundred rows): the choices are there when the form shows.
        services = self._ctx.services
        self._devices = services.devices.list(DeviceFilter(), limit=2000).rows
        self._handouts = services.handouts.open_handouts()
        self.device_combo.addItem(self.tr("aucun"), None)
        for d in self._devices:
            what = " ".join(x for x in (label(d.device_type), d.brand, d.model) if x)
            self.device_combo.addItem(f"{d.asset_tag} — {what}", str(d.id))
        self.handout_combo.addItem(self.tr("aucun prêt"), None)
        for h in self._handouts:
            text = self.tr("{family}, remis le {day} ({devices})").format(
                family=h.guardian_name or self.tr("famille"),
                day=ui_locale().toString(qdate(h.handout.handed_at.date()), "dd/MM/yyyy"),
                devices=", ".join(h.asset_tags),
            )
            self.handout_combo.addItem(text, str(h.handout.id))

    def _fill(self, row: LineRow | None) -> None:
        if row is None:
            return
        ln = row.line
        mine = self._ctx.store.identity.structure_id
        # Another structure's line: its numbers stay masked and are never sent back.
        self._own = mine is not None and ln.structure_id == mine
        self.operator_edit.setText(ln.operator)
        select_data(self.type_combo, ln.line_type)
        self.number_edit.setText(masked_number(ln.line_number, own=self._own))
        self.iccid_edit.setText(ln.iccid if self._own else masked_number(ln.iccid, own=False))
        self.number_edit.setReadOnly(not self._own)
        self.iccid_edit.setReadOnly(not self._own)
        self.plan_edit.setText(ln.data_plan)
        set_date(self.start_edit, ln.start_date)
        set_date(self.end_edit, ln.end_date)
        if ln.device_id is not None:
            select_data(self.device_combo, str(ln.device_id))
        if row.handout_id is not None and row.handout_open:
            select_data(self.handout_combo, str(row.handout_id))

    def values(self) -> dict[str, Any]:
        device = self.device_combo.currentData()
        values = {
            "operator": self.operator_edit.text().strip(),
            "line_type": enum_data(self.type_combo, LineType) or LineType.SIM_DATA,
            "line_number": self.number_edit.text().strip(),
            "iccid": self.iccid_edit.text(),
            "data_plan": self.plan_edit.text().strip(),
            "start_date": date_of(self.start_edit),
            "end_date": date_of(self.end_edit),
            "device_id": UUID(device) if device else None,
        }
        if not self._own:
            del values["line_number"], values["iccid"]
        return values

    def handout_id(self) -> UUID | None:
        data = self.handout_combo.currentData()
        return UUID(data) if data else None

    def save(self) -> None:
        self.errors.clear()
        values, handout = self.values(), self.handout_id()
        if not values["operator"]:
            self.errors.show({"operator": self.tr("Indiquez l’opérateur.")})
            self.operator_edit.setFocus()
            return
        svc = self._ctx.services.devices
        row = self._row
        self.save_button.setEnabled(False)
        if row is None:
            line = ConnectivityLine(**values)
            self._write(lambda _s: svc.add_line(line, handout_id=handout))
        else:
            old = row.line
            changed = {k: v for k, v in values.items() if getattr(old, k) != v}
            was = row.handout_id if row.handout_open else None
            link: dict[str, Any] = {} if handout == was else {"handout_id": handout}
            self._write(lambda _s: svc.update_line(old.id, **changed, **link))

    def _write(self, action: Action[ConnectivityLine]) -> None:
        (
            WriteOp(self._ctx, self, action)
            .settled(lambda: self.save_button.setEnabled(True))
            .success(self._on_saved)
            .failure(lambda error: self.errors.show(error.errors))
            .message_to(self.errors.show_general)
            .run()
        )

    def _on_saved(self, line: ConnectivityLine) -> None:
        self._unsaved.mark_clean()
        self.saved.emit(line)
        self.accept()

    def reject(self) -> None:
        """Échap or Annuler: ask before abandoning what was typed."""
        if self._unsaved.confirm_discard():
            super().reject()


class EndLineDialog(QDialog):
    """End a line on a date, for a reason (« Terminer la ligne »).

    Signals:
        ended(ConnectivityLine): the line was ended.
    """

    ended = Signal(object)

    def __init__(self, ctx: AppContext, line: ConnectivityLine, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("end_line_dialog")
        self.setWindowTitle(self.tr("Terminer la ligne"))
        self._ctx = ctx
        self._line = line
        layout = QVBoxLayout(self)
        what = " · ".join(x for x in (line.operator, line.data_plan) if x)
        intro = QLabel(
            self.tr(
                "La ligne {what} ne sera plus proposée pour les prêts ; son historique est "
                "conservé."
            ).format(what=f"« {what} »"),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        general = QLabel(self)
        self.errors = FieldErrors(general)
        form = QFormLayout()
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("end_on_edit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setLocale(ui_locale())
        self.date_edit.setDate(qdate(date.today()))
        self.reason_combo = enum_combo(
            self, LineEndReason, empty=self.tr("— choisir —"), name="end_reason_combo"
        )
        form.addRow(buddy(self.tr("&Terminée le :"), self.date_edit, self), self.date_edit)
        form.addRow("", self.errors.label("end_date", self))
        form.addRow(buddy(self.tr("&Motif :"), self.reason_combo, self), self.reason_combo)
        form.addRow("", self.errors.label("end_reason", self))
        layout.addLayout(form)
        layout.addWidget(general)
        buttons, self.close_button, self.end_button = button_row(
            self,
            (self.tr("Annuler"), "cancel_button", self.reject),
            (self.tr("&Terminer la ligne"), "end_button", self.submit),
        )
        layout.addLayout(buttons)
        chain_tab_order([self.date_edit, self.reason_combo, self.close_button, self.end_button])
        fit_to_screen(self, 460, self.sizeHint().height() + 10)
        self.reason_combo.setFocus()

    def submit(self) -> None:
        self.errors.clear()
        reason = enum_data(self.reason_combo, LineEndReason)
        if reason is None:
            self.errors.show({"end_reason": self.tr("Choisissez le motif de fin de la ligne.")})
            self.reason_combo.setFocus()
            return
        on = pydate(self.date_edit.date())
        svc, line_id = self._ctx.services.devices, self._line.id
        self.end_button.setEnabled(False)
        (
            WriteOp(self._ctx, self, lambda _s: svc.terminate_line(line_id, on, reason))
            .settled(lambda: self.end_button.setEnabled(True))
            .success(self._on_done)
            .failure(lambda error: self.errors.show(error.errors))
            .message_to(self.errors.show_general)
            .run()
        )

    def _on_done(self, line: ConnectivityLine) -> None:
        self.ended.emit(line)
        self.accept()


class LineImportDialog(DeviceImportDialog):
    """Import the operator's list of lines (``DeviceService.import_lines_csv``), with a
    progress bar and « Annuler » while it runs, then kept / refused lines by number."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("line_import_dialog")
        self.setWindowTitle(self.tr("Importer la liste des lignes de l’opérateur"))
        self.hint_label.setText(
            self.tr(
                "Une ligne d’en-tête puis une ligne de connexion par ligne, séparées par « ; » "
                "ou « , ». Colonnes : operateur (obligatoire), numero_ligne et/ou iccid (l’un "
                "des deux), type (SIM data, box 4G, autre), forfait, date_debut, date_fin "
                "(jj/mm/aaaa), numero_inventaire (l’équipement où se trouve la carte SIM)."
            )
        )

    def browse_title(self) -> str:
        return self.tr("Choisir la liste des lignes")

    def import_task(self, path: Path, token: CancelToken) -> ImportReport:
        svc = self._ctx.services.devices
        token.check()
        return svc.import_lines_csv(
            path,
            progress=lambda done, total: token.progress(done, total, ""),
            cancelled=lambda: token.cancelled,
        )

    def imported_text(self, n: int) -> str:
        return (
            self.tr("{n} ligne importée").format(n=n)
            if n <= 1
            else self.tr("{n} lignes importées").format(n=n)
        )


__all__ = ["EndLineDialog", "LineDialog", "LineImportDialog", "optional_date_edit"]
