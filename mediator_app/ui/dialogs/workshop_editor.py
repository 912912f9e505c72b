"""The workshop editor: create or change an atelier, and its actions (duplicate, cancel,
mark as held).

Every field has a label with a mnemonic and a buddy, and an error label under it
(``<field>_error``) that shows the French message of ``ValidationError.errors``; when the
service refuses, nothing is saved and the dialog stays open. Ctrl+S saves, Échap closes.
"""

from __future__ import annotations

import itertools
import logging
from datetime import date, time
from enum import StrEnum
from typing import Any, TypeVar
from uuid import UUID

from PySide6.QtCore import QSize, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from mediator_app.core.entities import Structure, Workshop
from mediator_app.core.enums import (
    SCHOOL_KINDS,
    Audience,
    Level,
    Material,
    PlaceType,
    ReviewStatus,
    SchoolLevel,
    Theme,
    Tool,
    WorkshopFormat,
    WorkshopKind,
    WorkshopStatus,
)
from mediator_app.core.errors import ValidationError
from mediator_app.core.limits import MAX_TRAINED_PER_ROLE
from mediator_app.local_store.unit_of_work import Result
from mediator_app.ui import style
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.core_labels import label
from mediator_app.ui.i18n import ui_locale
from mediator_app.ui.ops import Action, WriteOp
from mediator_app.ui.widgets.french import caption as french_caption
from mediator_app.ui.widgets.french import (
    error_label,
    long_date,
    pydate,
    qdate,
    show_error,
    show_errors,
)
from mediator_app.ui.widgets.icons import set_icon
from mediator_app.ui.widgets.screen_fit import ReflowScrollArea, fit_to_screen
from mediator_app.ui.widgets.unsaved import UnsavedChanges

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


class ChoicesButton(QPushButton):
    """A compact multi-select: one line saying what is ticked, and the checkable list
    ``box`` in a popup laid out in columns sized to show every choice (no scroll bar, in
    the form or in the popup). Keyboard: Space opens it, the arrows move, Space ticks,
    Escape closes."""

    def __init__(self, box: QListWidget, parent: QWidget, *, none_text: str, columns: int):
        super().__init__(parent)
        self.setObjectName(f"{box.objectName()}_button")
        self.setAccessibleName(box.accessibleName())
        self.setStyleSheet("text-align: left; padding: 3px 8px;")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.box = box
        self._none_text = none_text
        box.setFlow(QListView.Flow.TopToBottom)
        box.setWrapping(True)
        box.setUniformItemSizes(True)
        box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        box.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        metrics = box.fontMetrics()
        indicator = box.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
        width = (
            indicator
            + 16
            + max(metrics.horizontalAdvance(box.item(i).text()) for i in range(box.count()))
        )
        height = box.sizeHintForRow(0)
        rows = -(-box.count() // columns)
        box.setGridSize(QSize(width, height))
        frame = 2 * box.frameWidth() + 12  # the view keeps a few pixels past its grid
        box.setFixedSize(width * columns + frame + 16, height * (rows + 1) + frame)
        menu = QMenu(self)
        menu.setObjectName(f"{box.objectName()}_popup")
        action = QWidgetAction(menu)
        action.setDefaultWidget(box)
        menu.addAction(action)
        menu.aboutToShow.connect(self._on_popup)
        self.setMenu(menu)
        box.itemChanged.connect(lambda _item: self._update_text())
        self._update_text()

    def summary(self) -> str:
        """The ticked choices, in the list's order (or what says there is none)."""
        ticked = [
            self.box.item(i).text()
            for i in range(self.box.count())
            if self.box.item(i).checkState() == Qt.CheckState.Checked
        ]
        return ", ".join(ticked) if ticked else self._none_text

    def _update_text(self) -> None:
        full = self.summary()
        room = max(40, self.width() - 40)
        self.setText(self.fontMetrics().elidedText(full, Qt.TextElideMode.ElideRight, room))
        self.setToolTip(full)

    def _on_popup(self) -> None:
        if self.box.currentRow() < 0:
            self.box.setCurrentRow(0)
        self.box.setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_text()


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
        self.calendar.setLocale(ui_locale())
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


#: Structure kinds offered by the school picker.


def _place_text(place: Structure) -> str:
    """A structure as the pickers list it, so typing its name, commune or UAI finds it."""
    parts = [place.name]
    if place.commune and place.commune not in place.name:
        parts.append(place.commune)
    text = " — ".join(parts)
    if place.uai:
        text += f" ({place.uai})"
    if place.proposed:
        text += " · proposé"
    return text


def _search_combo(name: str, placeholder: str, parent: QWidget) -> QComboBox:
    """A combo box one can type into: the list is filtered by any part of the text."""
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setMinimumContentsLength(24)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    combo.setCompleter(completer)
    edit = combo.lineEdit()
    if edit is not None:
        edit.setPlaceholderText(placeholder)
    return combo


def _select(combo: QComboBox, row_id: UUID | None, unknown: str) -> None:
    """Select ``row_id`` (the first, empty item for ``None``); a structure this laptop does
    not know yet stays selectable under ``unknown``."""
    if row_id is None:
        combo.setCurrentIndex(0)
        _show_start(combo)
        return
    index = combo.findData(str(row_id))
    if index < 0:
        combo.addItem(unknown, str(row_id))
        index = combo.count() - 1
    combo.setCurrentIndex(index)
    _show_start(combo)


def _show_start(combo: QComboBox) -> None:
    """Show the beginning of a long name (a line edit shows its end after a pick)."""
    edit = combo.lineEdit()
    if edit is not None:
        edit.setCursorPosition(0)


def _picked(combo: QComboBox) -> tuple[UUID | None, str]:
    """``(structure id, free text)``: a listed structure, or what was typed instead."""
    text = combo.currentText().strip()
    index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
    if index < 0 and combo.currentIndex() >= 0 and combo.itemText(combo.currentIndex()) == text:
        index = combo.currentIndex()
    data = combo.itemData(index) if index >= 0 else None
    if data:
        return UUID(str(data)), ""
    return None, "" if index == 0 else text


class ProposeSchoolDialog(QDialog):
    """Name, commune and UAI of a school to propose (offline, not yet in the directory)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("propose_school_dialog")
        self.setWindowTitle(self.tr("Proposer une école"))
        form = QFormLayout(self)
        hint = QLabel(
            self.tr(
                "L’école sera enregistrée comme « proposée » jusqu’à ce que la "
                "coordination la confirme."
            ),
            self,
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        self.name_edit = QLineEdit(name if not name.startswith("—") else "", self)
        self.name_edit.setObjectName("school_name_edit")
        self.name_edit.setMaxLength(200)
        self.commune_edit = QLineEdit(self)
        self.commune_edit.setObjectName("school_commune_edit")
        self.uai_edit = QLineEdit(self)
        self.uai_edit.setObjectName("school_uai_edit")
        self.uai_edit.setMaxLength(8)
        self.uai_edit.setPlaceholderText(self.tr("facultatif, ex. : 0951399E"))
        for text, widget in (
            (self.tr("&Nom"), self.name_edit),
            (self.tr("&Commune"), self.commune_edit),
            (self.tr("Code &UAI"), self.uai_edit),
        ):
            caption = QLabel(text + " :", self)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Proposer"))
        ok.setObjectName("propose_school_ok_button")
        ok.setEnabled(bool(self.name_edit.text().strip()))
        self.name_edit.textChanged.connect(lambda t: ok.setEnabled(bool(t.strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, str, str]:
        return (
            self.name_edit.text().strip(),
            self.commune_edit.text().strip(),
            self.uai_edit.text().strip(),
        )


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
        self.date_edit.setLocale(ui_locale())
        self.date_edit.setDisplayFormat("dddd d MMMM yyyy")
        self.date_edit.calendarWidget().setLocale(ui_locale())
        self.start_time_edit = QTimeEdit(self)
        self.start_time_edit.setObjectName("start_time_edit")
        self.start_time_edit.setDisplayFormat("HH:mm")
        self.duration_spin = QSpinBox(self)
        self.duration_spin.setObjectName("duration_spin")
        self.duration_spin.setRange(0, 23 * 60 + 59)
        self.duration_spin.setSingleStep(15)
        self.duration_spin.setSuffix(self.tr("\u00a0min"))
        # La Coop's level of a workshop (exported as stars, 1/3 to 3/3).
        self.level_combo = QComboBox(self)
        self.level_combo.setObjectName("level_combo")
        self.level_combo.addItem(self.tr("— Non précisé —"), "")
        for workshop_level in Level:
            self.level_combo.addItem(label(workshop_level), workshop_level.value)
        self.level_combo.setToolTip(self.tr("Niveau de l’atelier, comme dans La Coop"))
        self.place_type_combo = _enum_combo("place_type_combo", PlaceType, self)
        # Three structures (docs/architecture.md, "Workshops"): the organiser decides who
        # sees and edits; the venue and the school are only where and for whom.
        self.organizer_combo = QComboBox(self)
        self.organizer_combo.setObjectName("organizer_combo")
        self.organizer_combo.setToolTip(
            self.tr("La structure pour laquelle vous animez : elle seule voit les familles.")
        )
        self.venue_combo = _search_combo(
            "venue_combo", self.tr("Choisissez un lieu ou tapez une adresse"), self
        )
        self.venue_combo.addItem(self.tr("— Adresse libre ou lieu à préciser —"), "")
        for place in self._places:
            self.venue_combo.addItem(_place_text(place), str(place.id))
        self.venue_combo.setCurrentIndex(-1)
        self.school_combo = _search_combo("school_combo", self.tr("Nom, commune ou code UAI"), self)
        self.school_combo.addItem(self.tr("— Aucune école —"), "")
        for place in self._places:
            if place.kind in SCHOOL_KINDS:
                self.school_combo.addItem(_place_text(place), str(place.id))
        self.propose_school_button = QPushButton(self.tr("Pro&poser…"), self)
        self.propose_school_button.setObjectName("propose_school_button")
        self.propose_school_button.setToolTip(
            self.tr("L’école n’est pas dans la liste : la proposer à la coordination")
        )
        self.propose_school_button.setAutoDefault(False)
        self.levels_checks: dict[SchoolLevel, QCheckBox] = {}
        for level in SchoolLevel:
            box = QCheckBox(label(level), self)
            box.setObjectName(f"level_{level.value}_check")
            self.levels_checks[level] = box
        # La Coop's « Matériel numérique utilisé »: « Pas de matériel » excludes the others.
        self.materials_checks: dict[Material, QCheckBox] = {}
        for material in Material:
            box = QCheckBox(label(material), self)
            box.setObjectName(f"material_{material.value}_check")
            box.toggled.connect(lambda on, m=material: self._on_material_toggled(m, on))
            self.materials_checks[material] = box
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
        # A training of professionals counts them by role (shown for that format only).
        self.trained_box = QWidget(self)
        self.trained_box.setObjectName("trained_box")
        # Its own height, never the room the taller right column leaves.
        self.trained_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        trained_grid = QGridLayout(self.trained_box)
        trained_grid.setContentsMargins(0, 0, 0, 0)
        trained_grid.setHorizontalSpacing(6)
        trained_grid.setVerticalSpacing(4)
        self.trained_spins: dict[str, QSpinBox] = {}
        for n, (name, caption) in enumerate(self._trained_captions()):
            spin = QSpinBox(self.trained_box)
            spin.setObjectName(f"{name}_spin")
            spin.setRange(0, MAX_TRAINED_PER_ROLE)
            spin.setAccessibleName(caption)
            role_label = QLabel(caption, self.trained_box)
            role_label.setBuddy(spin)
            trained_grid.addWidget(role_label, n // 2, (n % 2) * 2)
            trained_grid.addWidget(spin, n // 2, (n % 2) * 2 + 1)
            spin.valueChanged.connect(self._update_trained)
            self.trained_spins[name] = spin
        trained_grid.setColumnStretch(1, 1)
        trained_grid.setColumnStretch(3, 1)
        self.trained_total_label = QLabel(self.trained_box)
        self.trained_total_label.setObjectName("trained_total_label")
        trained_grid.addWidget(self.trained_total_label, 3, 0, 1, 4)
        self.trained_note = QLabel(self)
        self.trained_note.setObjectName("trained_note")
        self.trained_note.setWordWrap(True)
        style.mark(self.trained_note, "warning")
        self.trained_note.hide()

        self.themes_list = _checkable_list("themes_list", Theme, self, rows=9)
        self.themes_list.setAccessibleName(self.tr("Thématiques"))
        # One line in the form, the choices in a popup: no list scrolling inside the form.
        self.themes_button = ChoicesButton(
            self.themes_list, self, none_text=self.tr("Aucune thématique choisie"), columns=2
        )
        self.tools_list = _checkable_list("tools_list", Tool, self, rows=len(Tool))
        self.tools_list.setAccessibleName(self.tr("Outils abordés"))
        self.tools_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.co_facilitators_edit = QLineEdit(self)
        self.co_facilitators_edit.setObjectName("co_facilitators_edit")
        self.co_facilitators_edit.setPlaceholderText(
            self.tr("Noms séparés par des virgules (collègues, Parents Ressource…)")
        )
        self.tags_edit = QLineEdit(self)
        self.tags_edit.setObjectName("tags_edit")
        self.tags_edit.setPlaceholderText(self.tr("Séparés par des virgules (ex.\u00a0: TNE 95)"))
        self.tags_edit.setToolTip(self.tr("Les tags de La Coop : projet, dispositif, partenaire…"))
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

        format_box = QVBoxLayout()
        format_box.setSpacing(2)
        format_box.addWidget(self.format_combo)
        format_box.addWidget(self.trained_note)
        self._row(left, self.tr("&Format"), format_box, "format", buddy=self.format_combo)
        self._row(left, self.tr("&Modalité"), self.kind_combo, "kind")
        self._row(left, self.tr("&Titre"), self.title_edit, "title")
        self._row(left, self.tr("&Date"), when, "date", buddy=self.date_edit, extra=("start_time",))
        length = QHBoxLayout()
        length.addWidget(self.duration_spin, 1)
        length.addSpacing(8)
        level_label = QLabel(self.tr("Nivea&u"), self)
        level_label.setBuddy(self.level_combo)
        length.addWidget(level_label)
        length.addWidget(self.level_combo, 1)
        self._row(
            left,
            self.tr("Du&rée"),
            length,
            "duration_min",
            buddy=self.duration_spin,
            extra=("level",),
        )
        self._row(left, self.tr("Pu&blic"), self.audience_combo, "audience")
        self._row(left, self.tr("Pla&ces"), self.capacity_spin, "capacity")
        self._trained_row = self._row(
            left,
            self.tr("Professionnels\nformés"),
            self.trained_box,
            "trained",
            buddy=self.trained_spins["trained_teachers"],
            extra=tuple(self.trained_spins),
        )
        self._left_form = left
        self._row(left, self.tr("Or&ganisé par"), self.organizer_combo, "organizer_structure_id")
        self._row(left, self.tr("T&ype de lieu"), self.place_type_combo, "place_type")
        self._row(
            left,
            self.tr("&Lieu"),
            self.venue_combo,
            "venue_structure_id",
            extra=("venue_address",),
        )
        self._row(
            left,
            self.tr("Comm&une"),
            commune_row,
            "commune",
            buddy=self.commune_edit,
            extra=("postcode",),
        )
        materials = QVBoxLayout()
        materials.setSpacing(2)
        boxes = list(self.materials_checks.values())
        for part in (boxes[:3], boxes[3:]):
            line = QHBoxLayout()
            for box in part:
                line.addWidget(box)
            line.addStretch(1)
            materials.addLayout(line)
        self._row(
            left,
            self.tr("Matériel"),
            materials,
            "materials",
            buddy=self.materials_checks[Material.ORDINATEUR],
        )
        school_row = QHBoxLayout()
        school_row.addWidget(self.school_combo, 1)
        school_row.addWidget(self.propose_school_button)
        levels_row = QHBoxLayout()
        for box in self.levels_checks.values():
            levels_row.addWidget(box)
        levels_row.addStretch(1)
        school_box = QVBoxLayout()
        school_box.setSpacing(2)
        school_box.addLayout(school_row)
        school_box.addLayout(levels_row)
        self._row(
            right,
            self.tr("É&cole"),
            school_box,
            "school_id",
            buddy=self.school_combo,
            extra=("school_levels",),
        )
        self._row(right, self.tr("T&hématiques"), self.themes_button, "themes")
        self._row(right, self.tr("&Outils abordés"), self.tools_list, "tools")
        self._row(right, self.tr("Co-a&nimation"), self.co_facilitators_edit, "co_facilitators")
        self._row(right, self.tr("Ta&gs"), self.tags_edit, "tags")
        languages = QHBoxLayout()
        languages.addWidget(self.languages_edit, 1)
        languages.addWidget(self.interpreter_check)
        self._row(right, self.tr("Lan&gues"), languages, "languages", buddy=self.languages_edit)
        self._row(right, self.tr("Note&s"), self.notes_edit, "notes")
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        # In a scroll area: at 125 % on a 720 px screen the form is taller than the room,
        # and the buttons below must stay reachable; at 150 % the columns go one above
        # the other.
        scroll = ReflowScrollArea(columns, self)
        scroll.setObjectName("workshop_editor_scroll")
        body = scroll.body
        body.setObjectName("workshop_editor_body")
        self._body = body
        outer.addWidget(scroll, 1)

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
        set_icon(self.mark_held_button, "circle-check")
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
        self.venue_combo.currentIndexChanged.connect(self._on_venue_combo_changed)
        self.propose_school_button.clicked.connect(self._on_propose_school_button_clicked)
        self.format_combo.currentIndexChanged.connect(self._update_trained)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.activated.connect(self.save)

        self._fill(workshop, initial_date)
        self._update_trained()
        self._set_tab_order()
        self._unsaved = UnsavedChanges(self)
        # The whole form when the screen has room for it, the screen's room otherwise.
        full = self._body.sizeHint()
        fit_to_screen(self, max(full.width() + 40, 940), full.height() + 160)

    def reject(self) -> None:
        """Escape or Fermer: ask before abandoning what was typed."""
        if self._unsaved.confirm_discard():
            super().reject()

    # --- construction -----------------------------------------------------------------

    def _row(
        self,
        form: QFormLayout,
        text: str,
        field: QWidget | QHBoxLayout | QVBoxLayout,
        name: str,
        *,
        buddy: QWidget | None = None,
        extra: tuple[str, ...] = (),
    ) -> QVBoxLayout:
        caption = QLabel(french_caption(text), self)
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
        return box

    def _trained_captions(self) -> list[tuple[str, str]]:
        """The role counts' fields and their captions (``Workshop.TRAINED_ROLES``)."""
        captions = {
            "trained_teachers": self.tr("Enseignants"),
            "trained_educators": self.tr("Animateurs, éducateurs"),
            "trained_social_workers": self.tr("Travailleurs sociaux"),
            "trained_public_agents": self.tr("Agents de collectivité"),
            "trained_volunteers": self.tr("Bénévoles"),
            "trained_others": self.tr("Autres"),
        }
        return [(name, captions[name]) for name, _label in Workshop.TRAINED_ROLES]

    def _is_training(self) -> bool:
        return bool(
            self.format_combo.currentData() == WorkshopFormat.FORMATION_PROFESSIONNELS.value
        )

    def _update_trained(self) -> None:
        """Show the role counts for a training of professionals only; say when counts typed
        would be dropped because the format no longer counts them."""
        training = self._is_training()
        # The caption and the counts only: the row's error labels stay hidden until an
        # error is said (QFormLayout.setRowVisible would show them all).
        self.trained_box.setVisible(training)
        caption = self._left_form.labelForField(self._trained_row)
        if caption is not None:
            caption.setVisible(training)
        if not training:
            for name in ("trained", *self.trained_spins):
                show_error(self._errors[name], "")
        total = sum(spin.value() for spin in self.trained_spins.values())
        self.trained_total_label.setText(
            self.tr("Total\u00a0: {n} professionnel(s) formé(s) — de 0 à {max} par fonction")
            .replace("{n}", str(total))
            .replace("{max}", f"{MAX_TRAINED_PER_ROLE:,}".replace(",", "\u202f"))
        )
        dropped = not training and total > 0
        self.trained_note.setVisible(dropped)
        if dropped:
            self.trained_note.setText(
                self.tr(
                    "⚠ Ce format ne compte pas de professionnels formés\u00a0: les {n} comptés "
                    "seront retirés à l’enregistrement."
                ).replace("{n}", str(total))
            )

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
            self.level_combo,
            self.audience_combo,
            self.capacity_spin,
            *self.trained_spins.values(),
            self.organizer_combo,
            self.place_type_combo,
            self.venue_combo,
            self.commune_edit,
            self.postcode_edit,
            *self.materials_checks.values(),
            self.school_combo,
            self.propose_school_button,
            *self.levels_checks.values(),
            self.themes_button,
            self.tools_list,
            self.co_facilitators_edit,
            self.tags_edit,
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
            self._fill_organizer(own)
            index = self.venue_combo.findData(str(own)) if own else -1
            self.venue_combo.setCurrentIndex(max(index, 0))
            if index < 0:
                self.venue_combo.setEditText("")
            self.school_combo.setCurrentIndex(0)
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
        self._fill_organizer(w.organizer_structure_id)
        _select(self.venue_combo, w.venue_structure_id, self.tr("Lieu enregistré"))
        if w.venue_structure_id is None:
            self.venue_combo.setEditText(w.venue_address)
        _select(self.school_combo, w.school_id, self.tr("École enregistrée"))
        for level, box in self.levels_checks.items():
            box.setChecked(level in w.school_levels)
        self.commune_edit.setText(w.commune)
        self.postcode_edit.setText(w.postcode)
        _set_checked(self.themes_list, w.themes)
        _set_checked(self.tools_list, w.tools)
        for material, box in self.materials_checks.items():
            box.setChecked(material in w.materials)
        self.level_combo.setCurrentIndex(
            max(self.level_combo.findData(w.level.value if w.level else ""), 0)
        )
        self.tags_edit.setText(", ".join(w.tags))
        self.audience_combo.setCurrentIndex(self.audience_combo.findData(w.audience.value))
        self.capacity_spin.setValue(w.capacity or 0)
        for name, spin in self.trained_spins.items():
            spin.setValue(int(getattr(w, name)))
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
        venue, address = _picked(self.venue_combo)
        school, _typed = _picked(self.school_combo)
        organizer = self.organizer_combo.currentData()
        return {
            "format": WorkshopFormat(self.format_combo.currentData()),
            "kind": WorkshopKind(self.kind_combo.currentData()),
            "title": self.title_edit.text().strip(),
            "date": pydate(self.date_edit.date()),
            "start_time": time(t.hour(), t.minute()),
            "duration_min": self.duration_spin.value(),
            "place_type": PlaceType(self.place_type_combo.currentData()),
            "organizer_structure_id": UUID(organizer) if organizer else None,
            "venue_structure_id": venue,
            "venue_address": address,
            "school_id": school,
            "school_levels": tuple(lv for lv, box in self.levels_checks.items() if box.isChecked()),
            "commune": self.commune_edit.text().strip(),
            "postcode": self.postcode_edit.text().strip(),
            "themes": tuple(_checked(self.themes_list, Theme)),
            "tools": tuple(_checked(self.tools_list, Tool)),
            "materials": tuple(m for m, box in self.materials_checks.items() if box.isChecked()),
            "level": Level(self.level_combo.currentData())
            if self.level_combo.currentData()
            else None,
            "tags": tuple(dict.fromkeys(_split(self.tags_edit.text()))),
            "audience": Audience(self.audience_combo.currentData()),
            "capacity": capacity or None,
            "co_facilitators": _split(self.co_facilitators_edit.text()),
            "languages": _split(self.languages_edit.text()),
            "interpreter": self.interpreter_check.isChecked(),
            "notes": self.notes_edit.toPlainText().strip(),
            # Only a training of professionals counts them (the note says so otherwise).
            **{
                name: spin.value() if self._is_training() else 0
                for name, spin in self.trained_spins.items()
            },
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

            def work(_services: Services) -> Result[Workshop]:
                return svc.create(draft)
        else:
            workshop_id = self._workshop.id

            def work(_services: Services) -> Result[Workshop]:
                return svc.update(workshop_id, **values)

        self._run(work)

    def duplicate_to(self, on: date) -> None:
        """Copy the workshop to another date (planned, without registrations)."""
        if self._workshop is None:
            return
        workshop_id, svc = self._workshop.id, self._ctx.services.workshops
        self._run(lambda _s: svc.duplicate(workshop_id, on))

    def cancel_workshop(self) -> None:
        if self._workshop is None:
            return
        workshop_id, svc = self._workshop.id, self._ctx.services.workshops
        self._run(lambda _s: svc.cancel(workshop_id))

    def mark_held(self) -> None:
        """Mark held; the service's refusal (nobody present) is shown inline."""
        if self._workshop is None:
            return
        workshop_id, svc = self._workshop.id, self._ctx.services.workshops
        self._run(lambda _s: svc.mark_held(workshop_id))

    def _run(self, work: Action[Workshop]) -> None:
        self._busy = True
        self.save_button.setEnabled(False)
        show_errors(self._errors, {}, self._form_error)
        (
            WriteOp(self._ctx, self, work)
            .settled(self._settled)
            .success(self._on_written)
            .failure(self._on_field_errors)
            .message_to(self._form_error)
            .run()
        )

    def _settled(self) -> None:
        self._busy = False
        self.save_button.setEnabled(True)

    def _on_written(self, workshop: Workshop) -> None:
        self.saved.emit(workshop)
        self.accept()

    def _on_field_errors(self, error: ValidationError) -> None:
        show_errors(self._errors, error.errors, self._form_error)
        first = next(iter(error.errors), "")
        widget = self._field_widget(first)
        if widget is not None:
            widget.setFocus()

    def _field_widget(self, name: str) -> QWidget | None:
        return {
            "title": self.title_edit,
            "date": self.date_edit,
            "duration_min": self.duration_spin,
            "venue_structure_id": self.venue_combo,
            "venue_address": self.venue_combo,
            "school_id": self.school_combo,
            "commune": self.commune_edit,
            "postcode": self.postcode_edit,
            "themes": self.themes_button,
            "capacity": self.capacity_spin,
            "materials": self.materials_checks[Material.ORDINATEUR],
            "level": self.level_combo,
            "tags": self.tags_edit,
            **self.trained_spins,
        }.get(name)

    # --- slots ------------------------------------------------------------------------

    def _fill_organizer(self, structure_id: UUID | None) -> None:
        """The organiser: the user's structure for a new workshop, the stored one for an
        existing one; shown, never a free choice (it decides who may see the families)."""
        self.organizer_combo.clear()
        place = next((p for p in self._places if p.id == structure_id), None)
        if structure_id is None:
            text = self.tr("Ma structure (précisée à la première connexion)")
        else:
            text = place.name if place is not None else self.tr("Ma structure")
        self.organizer_combo.addItem(text, str(structure_id) if structure_id else "")
        self.organizer_combo.setEnabled(False)

    def _on_material_toggled(self, material: Material, on: bool) -> None:
        """« Pas de matériel » and a device exclude each other."""
        if not on:
            return
        for other, box in self.materials_checks.items():
            if other is not material and (Material.AUCUN in (material, other)):
                box.setChecked(False)

    def _on_venue_combo_changed(self, index: int) -> None:
        _show_start(self.venue_combo)
        place_id = self.venue_combo.itemData(index)
        place = next((p for p in self._places if str(p.id) == place_id), None)
        if place is None:
            return
        if not self.commune_edit.text().strip():
            self.commune_edit.setText(place.commune)
        if not self.postcode_edit.text().strip():
            self.postcode_edit.setText(place.postcode)
        if place.kind in SCHOOL_KINDS and not self.school_combo.currentData():
            # Often the venue is the school; the mediator can still pick another one.
            _select(self.school_combo, place.id, place.name)

    def _on_propose_school_button_clicked(self) -> None:
        dialog = ProposeSchoolDialog(self.school_combo.currentText(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, commune, uai = dialog.values()
        svc = self._ctx.services.workshops

        def done(school: Structure) -> None:
            self._places.append(school)
            _select(self.school_combo, school.id, _place_text(school))
            show_errors(self._errors, {}, self._form_error)

        (
            WriteOp(self._ctx, self, lambda _s: svc.propose_school(name, commune, uai))
            .success(done)
            .failure(lambda error: self._say_school_refused(" ".join(error.errors.values())))
            .message_to(self._say_school_refused)
            .run()
        )

    def _say_school_refused(self, text: str) -> None:
        show_error(self._errors["school_id"], text)

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
