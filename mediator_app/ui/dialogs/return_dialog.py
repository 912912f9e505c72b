"""Record the return of a loan (or the loss / theft of what was handed out)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.entities import Handout
from mediator_app.core.enums import DeviceCondition, EndReason
from mediator_app.core.errors import ValidationError
from mediator_app.local_store.services.handouts import HandoutRow
from mediator_app.ui.context import AppContext
from mediator_app.ui.core_labels import label
from mediator_app.ui.i18n import ui_locale
from mediator_app.ui.models.participant_table import french_date
from mediator_app.ui.ops import WriteOp
from mediator_app.ui.widgets.forms import (
    FieldErrors,
    buddy,
    button_row,
    chain_tab_order,
    enum_combo,
    enum_data,
)


class ReturnDialog(QDialog):
    """Condition on return, end reason and date → ``HandoutService.return_handout``.

    Signals:
        returned(Handout): the handout was closed (the dialog then closes).
    """

    returned = Signal(object)

    def __init__(self, ctx: AppContext, row: HandoutRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("return_dialog")
        self.setWindowTitle(self.tr("Enregistrer un retour"))
        self.setModal(True)
        self._ctx = ctx
        self._row = row
        h = row.handout
        layout = QVBoxLayout(self)
        summary = QLabel(self)
        summary.setObjectName("return_summary_label")
        summary.setWordWrap(True)
        due = (
            self.tr("retour prévu le {d}").format(d=french_date(h.expected_return, "d MMMM yyyy"))
            if h.expected_return
            else self.tr("sans date de retour")
        )
        summary.setText(
            self.tr("{nature} à {family} le {handed} ({due})\u00a0: {tags}").format(
                nature=label(h.nature),
                family=row.guardian_name or self.tr("une famille anonymisée"),
                handed=french_date(h.handed_at.astimezone().date(), "d MMMM yyyy"),
                due=due,
                tags=", ".join(row.asset_tags),
            )
        )
        layout.addWidget(summary)
        if h.accessories:
            acc = QLabel(
                self.tr("Accessoires à récupérer\u00a0: {a}.").format(a=", ".join(h.accessories)),
                self,
            )
            acc.setWordWrap(True)
            layout.addWidget(acc)

        general = QLabel(self)
        self.errors = FieldErrors(general)
        form = QFormLayout()
        self.condition_combo = enum_combo(
            self, DeviceCondition, empty=self.tr("Non vérifié"), name="condition_in_combo"
        )
        self.reason_combo = enum_combo(
            self, EndReason, empty=self.tr("Choisissez le motif…"), name="end_reason_combo"
        )
        self.returned_edit = QDateTimeEdit(QDateTime.currentDateTime(), self)
        self.returned_edit.setObjectName("returned_at_edit")
        self.returned_edit.setCalendarPopup(True)
        self.returned_edit.setLocale(ui_locale())
        self.returned_edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.returned_edit.setMaximumDateTime(QDateTime.currentDateTime().addSecs(3600))
        form.addRow(buddy(self.tr("&Motif de fin :"), self.reason_combo, self), self.reason_combo)
        form.addRow("", self.errors.label("end_reason", self))
        form.addRow(
            buddy(self.tr("É&tat au retour :"), self.condition_combo, self), self.condition_combo
        )
        form.addRow(
            buddy(self.tr("&Date du retour :"), self.returned_edit, self), self.returned_edit
        )
        form.addRow("", self.errors.label("returned_at", self))
        layout.addLayout(form)
        self.consequence_label = QLabel(self)
        self.consequence_label.setObjectName("return_consequence_label")
        self.consequence_label.setWordWrap(True)
        layout.addWidget(self.consequence_label)
        layout.addWidget(general)

        buttons, self._cancel_button, self._save_button = button_row(
            self,
            (self.tr("Annuler"), "cancel_button", self.reject),
            (self.tr("&Enregistrer le retour"), "save_button", self.save),
        )
        layout.addLayout(buttons)
        self.reason_combo.currentIndexChanged.connect(self._on_reason_changed)
        chain_tab_order(
            [
                self.reason_combo,
                self.condition_combo,
                self.returned_edit,
                self._cancel_button,
                self._save_button,
            ]
        )
        self._on_reason_changed()
        self.reason_combo.setFocus()
        self.resize(560, 0)

    def _on_reason_changed(self) -> None:
        reason = enum_data(self.reason_combo, EndReason)
        if reason is EndReason.PERTE:
            text = self.tr("Les équipements passeront au statut « Perdu ».")
        elif reason is EndReason.VOL:
            text = self.tr(
                "Les équipements passeront au statut « Volé ». Demandez à la famille le "
                "récépissé de dépôt de plainte."
            )
        elif reason is None:
            text = ""
        else:
            text = self.tr("Les équipements reviendront en stock.")
        self.consequence_label.setText(text)

    def save(self) -> None:
        self.errors.clear()
        reason = enum_data(self.reason_combo, EndReason)
        if not isinstance(reason, EndReason):
            self.errors.show({"end_reason": self.tr("Indiquez le motif de fin du prêt.")})
            self.reason_combo.setFocus()
            return
        condition = enum_data(self.condition_combo, DeviceCondition)
        when: datetime = self.returned_edit.dateTime().toPython()  # type: ignore[assignment]
        returned_at = when.astimezone()
        svc, hid = self._ctx.services.handouts, self._row.handout.id
        self._save_button.setEnabled(False)
        (
            WriteOp(
                self._ctx,
                self,
                lambda _s: svc.return_handout(hid, condition, reason, returned_at),
            )
            .success(self._on_saved)
            .failure(self._on_invalid)
            .message_to(self._on_refused)
            .run()
        )

    def _on_saved(self, handout: Handout) -> None:
        self.returned.emit(handout)
        self.accept()

    def _on_invalid(self, error: ValidationError) -> None:
        self._save_button.setEnabled(True)
        self.errors.show(error.errors)

    def _on_refused(self, message: str) -> None:
        self._save_button.setEnabled(True)
        self.errors.show_general(message)

    @property
    def save_button(self) -> QPushButton:
        return self._save_button
