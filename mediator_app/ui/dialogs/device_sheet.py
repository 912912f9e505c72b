"""The device sheet (« Fiche de l’équipement »): its details, editable, its history of
hand-outs and returns, and the line that sits in it.

Opened from the Matériel inventory (double-click, or right-click › « Fiche… »). Saving goes
through ``DeviceService.update``; the status is not edited here (loans and « Changer le
statut » decide it). Families are named only on the laptops of the structure that lent the
device; anyone else reads « famille ».
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.entities import ConnectivityLine, Device
from mediator_app.core.enums import DeviceCondition, DeviceType
from mediator_app.core.labels import masked_number
from mediator_app.local_store.services.handouts import HandoutRow
from mediator_app.ui.context import AppContext
from mediator_app.ui.core_labels import label
from mediator_app.ui.dialogs.line_dialogs import date_of, optional_date_edit, set_date
from mediator_app.ui.models.base import french_date
from mediator_app.ui.models.review_table import RowsTableModel, TableColumn
from mediator_app.ui.ops import WriteOp
from mediator_app.ui.widgets.forms import (
    FieldErrors,
    buddy,
    button_row,
    chain_tab_order,
    enum_combo,
    enum_data,
    select_data,
)
from mediator_app.ui.widgets.screen_fit import fit_to_screen
from mediator_app.ui.widgets.tables import row_table
from mediator_app.ui.widgets.unsaved import UnsavedChanges


class DeviceSheetDialog(QDialog):
    """One device's sheet. ``saved(Device)`` after a successful save."""

    saved = Signal(object)

    def __init__(self, ctx: AppContext, device: Device, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("device_sheet_dialog")
        self.setWindowTitle(self.tr("Fiche de l’équipement {tag}").format(tag=device.asset_tag))
        self._ctx = ctx
        self._device = device
        services = ctx.services
        self._history = services.handouts.by_device(device.id)
        self._lines = services.devices.lines_of_device(device.id)
        self._own = ctx.store.identity.structure_id

        outer = QVBoxLayout(self)
        body = QWidget(self)
        body.setObjectName("device_sheet_body")
        columns = QHBoxLayout(body)
        general = QLabel(self)
        self.errors = FieldErrors(general)

        form = QFormLayout()
        self.type_combo = enum_combo(body, DeviceType, empty=None, name="sheet_type_combo")
        self.brand_edit = self._edit(body, "sheet_brand_edit")
        self.model_edit = self._edit(body, "sheet_model_edit")
        self.serial_edit = self._edit(body, "sheet_serial_edit")
        self.tag_edit = self._edit(body, "sheet_tag_edit")
        self.imei_edit = self._edit(body, "sheet_imei_edit")
        self.condition_combo = enum_combo(
            body, DeviceCondition, empty=None, name="sheet_condition_combo"
        )
        self.programme_edit = self._edit(body, "sheet_programme_edit")
        self.acquired_edit = optional_date_edit(body, "sheet_acquired_edit", self.tr("inconnue"))
        self.notes_edit = QPlainTextEdit(body)
        self.notes_edit.setObjectName("sheet_notes_edit")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(80)
        self.status_label = QLabel(label(device.status), body)
        self.status_label.setObjectName("sheet_status_label")
        rows: list[tuple[str, QWidget, str | None]] = [
            (self.tr("&Type :"), self.type_combo, None),
            (self.tr("&Marque :"), self.brand_edit, None),
            (self.tr("M&odèle :"), self.model_edit, None),
            (self.tr("N° de &série :"), self.serial_edit, "serial_number"),
            (self.tr("N° d’&inventaire :"), self.tag_edit, "asset_tag"),
            (self.tr("IM&EI :"), self.imei_edit, "imei"),
            (self.tr("É&tat :"), self.condition_combo, None),
            (self.tr("&Programme :"), self.programme_edit, None),
            (self.tr("&Acquis le :"), self.acquired_edit, None),
            (self.tr("&Notes :"), self.notes_edit, "notes"),
        ]
        form.addRow(self.tr("Statut :"), self.status_label)
        for text, widget, field in rows:
            form.addRow(buddy(text, widget, body), widget)
            if field is not None:
                form.addRow("", self.errors.label(field, body))
        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        columns.addLayout(left, 1)

        right = QVBoxLayout()
        history_title = QLabel(self.tr("Historique des remises et prêts"), body)
        font = history_title.font()
        font.setBold(True)
        history_title.setFont(font)
        right.addWidget(history_title)
        self.history_model = RowsTableModel(
            (
                TableColumn(self.tr("Nature"), lambda h: label(h.handout.nature)),
                TableColumn(self.tr("Famille"), self._family),
                TableColumn(
                    self.tr("Remis le"),
                    lambda h: french_date(h.handout.handed_at.date()),
                    sort=lambda h: h.handout.handed_at.isoformat(),
                ),
                TableColumn(
                    self.tr("Retour prévu"), lambda h: french_date(h.handout.expected_return)
                ),
                TableColumn(self.tr("Rendu le"), self._returned),
                TableColumn(
                    self.tr("Motif"),
                    lambda h: label(h.handout.end_reason) if h.handout.end_reason else "",
                ),
            ),
            self,
        )
        self.history_model.set_rows(self._history)
        self.history_table = row_table(
            "sheet_history_table", self.history_model, body, self.tr("Historique")
        )
        header = self.history_table.horizontalHeader()
        for col, width in enumerate((50, 0, 85, 90, 85, 120)):
            if width:
                header.resizeSection(col, width)
            else:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.history_table.setMinimumHeight(120)
        history_title.setBuddy(self.history_table)
        right.addWidget(self.history_table, 1)
        self.history_empty = QLabel(self.tr("Cet équipement n’a jamais été remis ni prêté."), body)
        self.history_empty.setObjectName("sheet_history_empty")
        self.history_empty.setVisible(not self._history)
        right.addWidget(self.history_empty)
        line_title = QLabel(self.tr("Ligne de connexion"), body)
        line_title.setFont(font)
        right.addWidget(line_title)
        self.line_label = QLabel(self._line_text(), body)
        self.line_label.setObjectName("sheet_line_label")
        self.line_label.setWordWrap(True)
        right.addWidget(self.line_label)
        columns.addLayout(right, 1)

        scroll = QScrollArea(self)
        scroll.setObjectName("device_sheet_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        outer.addWidget(general)
        buttons, self.close_button, self.save_button = button_row(
            self,
            (self.tr("Fermer"), "cancel_button", self.reject),
            (self.tr("&Enregistrer"), "save_button", self.save),
        )
        self.save_button.setToolTip(self.tr("Enregistrer (Ctrl+S)"))
        outer.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        chain_tab_order(
            [w for _t, w, _f in rows] + [self.history_table, self.close_button, self.save_button]
        )
        self._fill(device)
        self._unsaved = UnsavedChanges(self)
        full = body.sizeHint()
        fit_to_screen(self, max(full.width() + 40, 1100), max(full.height() + 110, 560))
        self.brand_edit.setFocus()

    @staticmethod
    def _edit(parent: QWidget, name: str) -> QLineEdit:
        edit = QLineEdit(parent)
        edit.setObjectName(name)
        return edit

    # --- what is shown ----------------------------------------------------------------

    def _family(self, h: HandoutRow) -> str:
        own = self._own is not None and h.handout.structure_id == self._own
        return (h.guardian_name if own else "") or self.tr("famille")

    def _returned(self, h: HandoutRow) -> str:
        returned = h.handout.returned_at
        if returned is None:
            return self.tr("en cours") if h.handout.is_open else "—"
        return french_date(returned.date())

    def _line_text(self) -> str:
        if not self._lines:
            return self.tr("Aucune ligne n’est rattachée à cet équipement.")
        return "\n".join(self._describe(ln) for ln in self._lines)

    def _describe(self, ln: ConnectivityLine) -> str:
        own = self._own is not None and ln.structure_id == self._own
        parts = [ln.operator, masked_number(ln.line_number, own=own), ln.data_plan]
        text = " · ".join(p for p in parts if p)
        end = french_date(ln.end_date)
        status = label(ln.status)
        return f"{text} — {status}" + (self.tr(", fin le {day}").format(day=end) if end else "")

    def _fill(self, d: Device) -> None:
        select_data(self.type_combo, d.device_type)
        self.brand_edit.setText(d.brand)
        self.model_edit.setText(d.model)
        self.serial_edit.setText(d.serial_number)
        self.tag_edit.setText(d.asset_tag)
        self.imei_edit.setText(d.imei or "")
        select_data(self.condition_combo, d.condition)
        self.programme_edit.setText(d.programme)
        set_date(self.acquired_edit, d.acquired_on)
        self.notes_edit.setPlainText(d.notes)

    # --- saving -----------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        return {
            "device_type": enum_data(self.type_combo, DeviceType) or self._device.device_type,
            "brand": self.brand_edit.text(),
            "model": self.model_edit.text(),
            "serial_number": self.serial_edit.text(),
            "asset_tag": self.tag_edit.text(),
            "imei": self.imei_edit.text().strip() or None,
            "condition": enum_data(self.condition_combo, DeviceCondition) or self._device.condition,
            "programme": self.programme_edit.text(),
            "acquired_on": date_of(self.acquired_edit),
            "notes": self.notes_edit.toPlainText().strip(),
        }

    def save(self) -> None:
        self.errors.clear()
        old = self._device
        changed = {k: v for k, v in self.values().items() if getattr(old, k) != v}
        if not changed:
            self._unsaved.mark_clean()
            self.accept()
            return
        svc = self._ctx.services.devices
        self.save_button.setEnabled(False)
        (
            WriteOp(self._ctx, self, lambda _s: svc.update(old.id, **changed))
            .settled(lambda: self.save_button.setEnabled(True))
            .success(self._on_saved)
            .failure(lambda error: self.errors.show(error.errors))
            .message_to(self.errors.show_general)
            .run()
        )

    def _on_saved(self, device: Device) -> None:
        self._device = device
        self._unsaved.mark_clean()
        self.saved.emit(device)
        self.accept()

    def reject(self) -> None:
        """Échap or Fermer: ask before abandoning what was typed."""
        if self._unsaved.confirm_discard():
            super().reject()


__all__ = ["DeviceSheetDialog"]
