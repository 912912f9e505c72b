"""The workshop editor: create or change an atelier, and its actions (duplicate, cancel,
mark as held).

Every field has a label with a mnemonic and a buddy, and an error label under it
(``<field>_error``) that shows the French message of ``ValidationError.errors``; when the
service refuses, nothing is saved and the dialog stays open. Ctrl+S saves, Échap closes.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from datetime import date, time
from enum import StrEnum
from typing import Any, TypeVar
from uuid import UUID

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.entities import Structure, Workshop
from mediator_app.core.enums import (
    Audience,
    PlaceType,
    ReviewStatus,
    Theme,
    Tool,
    WorkshopFormat,
    WorkshopKind,
    WorkshopStatus,
    label,
)
from mediator_app.core.errors import KnownError, ValidationError
from mediator_app.local_store.unit_of_work import Result
from mediator_app.ui.context import AppContext
from mediator_app.ui.widgets.french import (
    FR,
    error_label,
    long_date,
    pydate,
    qdate,
    show_error,
    show_errors,
)

log = logging.getLogger(__name__)

E = TypeVar("E", bound=StrEnum)


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _enum_combo(name: str, values: type[StrEnum], parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    for value in values:
        combo.addItem(label(value), value.value)
    return combo


def _checkable_list(name: str, values: type[StrEnum], parent: QWidget, rows: int) -> QListWidget:
    box = QListWidget(parent)
    box.setObjectName(name)
    for value in values:
        item = QListWidgetItem(label(value), box)
        item.setData(Qt.ItemDataRole.UserRole, value.value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
    box.setFixedHeight(box.sizeHintForRow(0) * rows + 2 * box.frameWidth() + 4)
    return box


def _checked(box: QListWidget, kind: type[E]) -> list[E]:
    return [
        kind(box.item(i).data(Qt.ItemDataRole.UserRole))
        for i in range(box.count())
        if box.item(i).checkState() == Qt.CheckState.Checked
    ]


def _set_checked(box: QListWidget, values: tuple[Any, ...]) -> None:
    for i in range(box.count()):
        item = box.item(i)
        on = item.data(Qt.ItemDataRole.UserRole) in values
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


class DatePickDialog(QDialog):
    """Pick the date of a copy (Dupliquer)."""

    def __init__(self, start: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicate_dialog")
        self.setWindowTitle(self.tr("Dupliquer l’atelier"))
        layout = QVBoxLayout(self)
        caption = QLabel(self.tr("&Date de la copie\u00a0:"), self)
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("duplicate_calendar")
        self.calendar.setLocale(FR)
        self.calendar.setGridVisible(True)
        self.calendar.setSelectedDate(qdate(start))
        caption.setBuddy(self.calendar)
        layout.addWidget(caption)
        layout.addWidget(self.calendar)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Dupliquer"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("duplicate_ok_button")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.calendar.activated.connect(lambda _d: self.accept())
        layout.addWidget(buttons)

    @property
    def chosen(self) -> date:
        return pydate(self.calendar.selectedDate())


class WorkshopEditor(QDialog):
    """Create (``workshop=None``) or edit a workshop.

    Args:
        ctx: the application context (services, runner, hub).
        workshop: the workshop to edit, or ``None`` for a new one.
        places: the structures to choose from (``WorkshopService.places()``).
        initial_date: the date of a new workshop (default: today).

    Signals:
        saved(object): the saved ``Workshop`` (created, changed, duplicated, cancelled or held).
    """

    saved = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        workshop: Workshop | None = None,
        places: list[Structure] | None = None,
        parent: QWidget | None = None,
        *,
        initial_date: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workshop_editor")
        self._ctx = ctx
        self._workshop = workshop
        self._places = list(places or [])
        self._busy = False
        self.setWindowTitle(
            self.tr("Nouvel atelier") if workshop is None else self.tr("Modifier l’atelier")
        )
        self.setMinimumWidth(940)
        self._errors: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        outer.setSpacing(8)
        outer.addWidget(self._make_review_banner())

        columns = QHBoxLayout()
        columns.setSpacing(24)
        left = QFormLayout()
        right = QFormLayout()
        for form in (left, right):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)

        self.format_combo = _enum_combo("format_combo", WorkshopFormat, self)
        self.kind_combo = _enum_combo("kind_combo", WorkshopKind, self)
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("title_edit")
        self.title_edit.setMaxLength(200)
        self.title_edit.setPlaceholderText(self.tr("Ex.\u00a0: Découvrir Pronote avec son enfant"))
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("date_edit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setLocale(FR)
        self.date_edit.setDisplayFormat("dddd d MMMM yyyy")
        self.date_edit.calendarWidget().setLocale(FR)
        self.start_time_edit = QTimeEdit(self)
        self.start_time_edit.setObjectName("start_time_edit")
        self.start_time_edit.setDisplayFormat("HH:mm")
        self.duration_spin = QSpinBox(self)
        self.duration_spin.setObjectName("duration_spin")
        self.duration_spin.setRange(0, 23 * 60 + 59)
        self.duration_spin.setSingleStep(15)
        self.duration_spin.setSuffix(self.tr("\u00a0min"))
        self.place_type_combo = _enum_combo("place_type_combo", PlaceType, self)
        self.structure_combo = QComboBox(self)
        self.structure_combo.setObjectName("structure_combo")
        self.structure_combo.addItem(self.tr("— Aucun lieu choisi —"), "")
        for place in self._places:
            self.structure_combo.addItem(place.name, str(place.id))
        self.structure_combo.setMinimumContentsLength(24)
        self.structure_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.commune_edit = QLineEdit(self)
        self.commune_edit.setObjectName("commune_edit")
        self.postcode_edit = QLineEdit(self)
        self.postcode_edit.setObjectName("postcode_edit")
        self.postcode_edit.setMaxLength(5)
        self.postcode_edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("000000") + 24)
        self.audience_combo = _enum_combo("audience_combo", Audience, self)
        self.capacity_spin = QSpinBox(self)
        self.capacity_spin.setObjectName("capacity_spin")
        self.capacity_spin.setRange(0, 500)
        self.capacity_spin.setSpecialValueText(self.tr("sans limite"))

        self.themes_list = _checkable_list("themes_list", Theme, self, rows=9)
        self.themes_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.themes_list.setAccessibleName(self.tr("Thématiques"))
        self.tools_list = _checkable_list("tools_list", Tool, self, rows=len(Tool))
        self.tools_list.setAccessibleName(self.tr("Outils abordés"))
        self.tools_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.co_facilitators_edit = QLineEdit(self)
        self.co_facilitators_edit.setObjectName("co_facilitators_edit")
        self.co_facilitators_edit.setPlaceholderText(
            self.tr("Noms séparés par des virgules (collègues, Parents Ressource…)")
        )
        self.languages_edit = QLineEdit(self)
        self.languages_edit.setObjectName("languages_edit")
        self.languages_edit.setPlaceholderText(self.tr("Ex.\u00a0: arabe, anglais"))
        self.interpreter_check = QCheckBox(self.tr("A&vec interprète"), self)
        self.interpreter_check.setObjectName("interpreter_check")
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setObjectName("notes_edit")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        when = QHBoxLayout()
        when.addWidget(self.date_edit, 1)
        start_label = QLabel(self.tr("&à l’heure"), self)
        start_label.setBuddy(self.start_time_edit)
        when.addWidget(start_label)
        when.addWidget(self.start_time_edit)
        commune_row = QHBoxLayout()
        commune_row.addWidget(self.commune_edit, 1)
        postcode_label = QLabel(self.tr("C&P"), self)
        postcode_label.setToolTip(self.tr("Code postal"))
        postcode_label.setBuddy(self.postcode_edit)
        commune_row.addWidget(postcode_label)
        commune_row.addWidget(self.postcode_edit)

        self._row(left, self.tr("&Format"), self.format_combo, "format")
        self._row(left, self.tr("&Modalité"), self.kind_combo, "kind")
        self._row(left, self.tr("&Titre"), self.title_edit, "title")
        self._row(left, self.tr("&Date"), when, "date", buddy=self.date_edit, extra=("start_time",))
        self._row(left, self.tr("Du&rée"), self.duration_spin, "duration_min")
        self._row(left, self.tr("Pu&blic"), self.audience_combo, "audience")
        self._row(left, self.tr("Pla&ces"), self.capacity_spin, "capacity")
        self._row(left, self.tr("T&ype de lieu"), self.place_type_combo, "place_type")
        self._row(left, self.tr("&Lieu"), self.structure_combo, "structure_id")
        self._row(
            left,
            self.tr("Comm&une"),
            commune_row,
            "commune",
            buddy=self.commune_edit,
            extra=("postcode",),
        )
        self._row(right, self.tr("T&hématiques"), self.themes_list, "themes")
        self._row(right, self.tr("&Outils abordés"), self.tools_list, "tools")
        self._row(right, self.tr("Co-a&nimation"), self.co_facilitators_edit, "co_facilitators")
        languages = QHBoxLayout()
        languages.addWidget(self.languages_edit, 1)
        languages.addWidget(self.interpreter_check)
        self._row(right, self.tr("Lan&gues"), languages, "languages", buddy=self.languages_edit)
        self._row(right, self.tr("Note&s"), self.notes_edit, "notes")
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        outer.addLayout(columns)

        self._form_error = error_label("form", self)
        outer.addWidget(self._form_error)
        self._status_error = error_label("status", self)
        self._errors["status"] = self._status_error
        outer.addWidget(self._status_error)

        buttons = QHBoxLayout()
        self.duplicate_button = QPushButton(self.tr("Dupl&iquer…"), self)
        self.duplicate_button.setObjectName("duplicate_button")
        self.cancel_workshop_button = QPushButton(self.tr("Annuler l’&atelier…"), self)
        self.cancel_workshop_button.setObjectName("cancel_workshop_button")
        self.mark_held_button = QPushButton(self.tr("Mar&quer comme réalisé"), self)
        self.mark_held_button.setObjectName("mark_held_button")
        self.save_button = QPushButton(self.tr("&Enregistrer"), self)
        self.save_button.setObjectName("save_button")
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Enregistrer (Ctrl+S)"))
        self.close_button = QPushButton(self.tr("Fermer"), self)
        self.close_button.setObjectName("cancel_button")
        self.close_button.setToolTip(self.tr("Fermer sans enregistrer (Échap)"))
        for b in (self.duplicate_button, self.cancel_workshop_button, self.mark_held_button):
            b.setVisible(workshop is not None)
            b.setAutoDefault(False)
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)

        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        self.duplicate_button.clicked.connect(self._on_duplicate_button_clicked)
        self.cancel_workshop_button.clicked.connect(self._on_cancel_workshop_button_clicked)
        self.mark_held_button.clicked.connect(self.mark_held)
        self.structure_combo.currentIndexChanged.connect(self._on_structure_combo_changed)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.activated.connect(self.save)

        self._fill(workshop, initial_date)
        self._set_tab_order()

    # --- construction -----------------------------------------------------------------

    def _row(
        self,
        form: QFormLayout,
        text: str,
        field: QWidget | QHBoxLayout,
        name: str,
        *,
        buddy: QWidget | None = None,
        extra: tuple[str, ...] = (),
    ) -> None:
        caption = QLabel(text + "\u00a0:", self)
        target = buddy if buddy is not None else field
        assert isinstance(target, QWidget)
        caption.setBuddy(target)
        box = QVBoxLayout()
        box.setSpacing(2)
        if isinstance(field, QWidget):
            box.addWidget(field)
        else:
            box.addLayout(field)
        for key in (name, *extra):
            err = error_label(key, self)
            self._errors[key] = err
            box.addWidget(err)
        form.addRow(caption, box)

    def _make_review_banner(self) -> QFrame:
        banner = QFrame(self)
        banner.setObjectName("review_banner")
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner.setAutoFillBackground(True)
        banner.setBackgroundRole(banner.palette().ColorRole.ToolTipBase)
        layout = QVBoxLayout(banner)
        layout.setContentsMargins(12, 8, 12, 8)
        self.review_comment_label = QLabel(banner)
        self.review_comment_label.setObjectName("review_comment_label")
        self.review_comment_label.setWordWrap(True)
        self.review_comment_label.setForegroundRole(banner.palette().ColorRole.ToolTipText)
        self.review_comment_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.review_comment_label)
        banner.hide()
        return banner

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.format_combo,
            self.kind_combo,
            self.title_edit,
            self.date_edit,
            self.start_time_edit,
            self.duration_spin,
            self.audience_combo,
            self.capacity_spin,
            self.place_type_combo,
            self.structure_combo,
            self.commune_edit,
            self.postcode_edit,
            self.themes_list,
            self.tools_list,
            self.co_facilitators_edit,
            self.languages_edit,
            self.interpreter_check,
            self.notes_edit,
            self.duplicate_button,
            self.cancel_workshop_button,
            self.mark_held_button,
            self.close_button,
            self.save_button,
        ]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    def _fill(self, w: Workshop | None, initial_date: date | None) -> None:
        banner = self.findChild(QFrame, "review_banner")
        if w is None:
            day = initial_date or date.today()
            self.date_edit.setDate(qdate(day))
            self.start_time_edit.setTime(QTime(14, 0))
            self.duration_spin.setValue(90)
            self.capacity_spin.setValue(12)
            own = self._ctx.store.identity.structure_id
            index = self.structure_combo.findData(str(own)) if own else -1
            self.structure_combo.setCurrentIndex(max(index, 0))
            self.title_edit.setFocus()
            return
        self.format_combo.setCurrentIndex(self.format_combo.findData(w.format.value))
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(w.kind.value))
        self.title_edit.setText(w.title)
        self.date_edit.setDate(qdate(w.date))
        st = w.start_time or time(14, 0)
        self.start_time_edit.setTime(QTime(st.hour, st.minute))
        self.duration_spin.setValue(w.duration_min)
        self.place_type_combo.setCurrentIndex(self.place_type_combo.findData(w.place_type.value))
        index = self.structure_combo.findData(str(w.structure_id)) if w.structure_id else 0
        if index < 0:  # a place this laptop does not know (yet): keep it selectable
            self.structure_combo.addItem(self.tr("Lieu enregistré"), str(w.structure_id))
            index = self.structure_combo.count() - 1
        self.structure_combo.setCurrentIndex(index)
        self.commune_edit.setText(w.commune)
        self.postcode_edit.setText(w.postcode)
        _set_checked(self.themes_list, w.themes)
        _set_checked(self.tools_list, w.tools)
        self.audience_combo.setCurrentIndex(self.audience_combo.findData(w.audience.value))
        self.capacity_spin.setValue(w.capacity or 0)
        self.co_facilitators_edit.setText(", ".join(w.co_facilitators))
        self.languages_edit.setText(", ".join(w.languages))
        self.interpreter_check.setChecked(w.interpreter)
        self.notes_edit.setPlainText(w.notes)
        if banner is not None and w.review_status is ReviewStatus.NEEDS_CORRECTION:
            comment = w.review_comment or self.tr("(pas de commentaire)")
            self.review_comment_label.setText(
                self.tr("⚠ À corriger — commentaire de la coordination\u00a0: {comment}").format(
                    comment=comment
                )
            )
            banner.show()
        held = w.status is WorkshopStatus.HELD
        cancelled = w.status is WorkshopStatus.CANCELLED
        self.mark_held_button.setEnabled(not held and not cancelled)
        self.cancel_workshop_button.setEnabled(not held and not cancelled)
        self.title_edit.setFocus()

    # --- values -----------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The form as workshop field values."""
        t = self.start_time_edit.time()
        capacity = self.capacity_spin.value()
        structure = self.structure_combo.currentData()
        return {
            "format": WorkshopFormat(self.format_combo.currentData()),
            "kind": WorkshopKind(self.kind_combo.currentData()),
            "title": self.title_edit.text().strip(),
            "date": pydate(self.date_edit.date()),
            "start_time": time(t.hour(), t.minute()),
            "duration_min": self.duration_spin.value(),
            "place_type": PlaceType(self.place_type_combo.currentData()),
            "structure_id": UUID(structure) if structure else None,
            "commune": self.commune_edit.text().strip(),
            "postcode": self.postcode_edit.text().strip(),
            "themes": tuple(_checked(self.themes_list, Theme)),
            "tools": tuple(_checked(self.tools_list, Tool)),
            "audience": Audience(self.audience_combo.currentData()),
            "capacity": capacity or None,
            "co_facilitators": _split(self.co_facilitators_edit.text()),
            "languages": _split(self.languages_edit.text()),
            "interpreter": self.interpreter_check.isChecked(),
            "notes": self.notes_edit.toPlainText().strip(),
        }

    @property
    def workshop(self) -> Workshop | None:
        return self._workshop

    # --- actions ----------------------------------------------------------------------

    def save(self) -> None:
        """Create or update through the service; errors go under their fields."""
        if self._busy:
            return
        values = self.values()
        svc = self._ctx.services.workshops
        if self._workshop is None:
            draft = Workshop(**values)

            def work(_token: Any) -> Result[Workshop]:
                return svc.create(draft)
        else:
            workshop_id = self._workshop.id

            def work(_token: Any) -> Result[Workshop]:
                return svc.update(workshop_id, **values)

        self._run(work)

    def duplicate_to(self, on: date) -> None:
        """Copy the workshop to another date (planned, without registrations)."""
        if self._workshop is None:
            return
        workshop_id, svc = self._workshop.id, self._ctx.services.workshops
        self._run(lambda _t: svc.duplicate(workshop_id, on))

    def cancel_workshop(self) -> None:
        if self._workshop is None:
            return
        workshop_id, svc = self._workshop.id, self._ctx.services.workshops
        self._run(lambda _t: svc.cancel(workshop_id))

    def mark_held(self) -> None:
        """Mark held; the service's refusal (nobody present) is shown inline."""
        if self._workshop is None:
            return
        workshop_id, svc = self._workshop.id, self._ctx.services.workshops
        self._run(lambda _t: svc.mark_held(workshop_id))

    def _run(self, work: Callable[[Any], Result[Workshop]]) -> None:
        self._busy = True
        self.save_button.setEnabled(False)
        show_errors(self._errors, {}, self._form_error)
        self._ctx.runner.run(work, on_done=self._on_written, on_error=self._on_write_failed)

    def _on_written(self, res: Result[Workshop]) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        self._ctx.hub.announce(res.changes)
        if self._ctx.sync is not None:
            self._ctx.sync.notify_edited()
        self.saved.emit(res.value)
        self.accept()

    def _on_write_failed(self, error: KnownError) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationError):
            show_errors(self._errors, error.errors, self._form_error)
            first = next(iter(error.errors), "")
            widget = self._field_widget(first)
            if widget is not None:
                widget.setFocus()
        else:
            show_error(self._form_error, error.message)

    def _field_widget(self, name: str) -> QWidget | None:
        return {
            "title": self.title_edit,
            "date": self.date_edit,
            "duration_min": self.duration_spin,
            "structure_id": self.structure_combo,
            "commune": self.commune_edit,
            "postcode": self.postcode_edit,
            "themes": self.themes_list,
            "capacity": self.capacity_spin,
        }.get(name)

    # --- slots ------------------------------------------------------------------------

    def _on_structure_combo_changed(self, index: int) -> None:
        place_id = self.structure_combo.itemData(index)
        place = next((p for p in self._places if str(p.id) == place_id), None)
        if place is None:
            return
        if not self.commune_edit.text().strip():
            self.commune_edit.setText(place.commune)
        if not self.postcode_edit.text().strip():
            self.postcode_edit.setText(place.postcode)

    def _on_duplicate_button_clicked(self) -> None:
        if self._workshop is None:
            return
        picker = DatePickDialog(self._workshop.date, self)
        if picker.exec() == QDialog.DialogCode.Accepted:
            self.duplicate_to(picker.chosen)

    def _on_cancel_workshop_button_clicked(self) -> None:
        if self._workshop is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Annuler l’atelier"),
            self.tr(
                "Annuler l’atelier du {day}\u00a0? Les inscriptions sont gardées pour que "
                "vous puissiez prévenir les familles."
            ).format(day=long_date(self._workshop.date)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.cancel_workshop()
