"""Create or edit a parent (*participant*): identity, contact, profile, children, consent.

On create, people who may already be on file (same name, or same phone) are listed first in
a warning panel with « Ouvrir la fiche existante » / « Créer quand même ». Validation
messages come from the core rules and are shown under their field; nothing is saved while
one is shown.

``FieldErrors`` and ``chain_tab_order`` are shared with the other dialogs of the Participants
and Matériel screens.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core import rules
from mediator_app.core.entities import Child, Participant, Structure
from mediator_app.core.enums import (
    AgeBand,
    ConsentMode,
    ConsentPurpose,
    Gender,
    SchoolLevel,
    SocialStatus,
)
from mediator_app.core.errors import KnownError, ValidationError
from mediator_app.core.validation import format_phone, normalise_phone, validate_participant
from mediator_app.local_store.services.participants import DuplicateMatch
from mediator_app.local_store.unit_of_work import Result
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.core_labels import label
from mediator_app.ui.i18n import ui_locale
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
from mediator_app.ui.widgets.french import pydate, qdate
from mediator_app.ui.widgets.icons import set_icon
from mediator_app.ui.widgets.screen_fit import fit_to_screen
from mediator_app.ui.widgets.unsaved import UnsavedChanges

NOTES_MAX = 500
DEFAULT_NOTICE_VERSION = "1"
CNIL_HINT = (
    "Notez seulement ce qui sert au suivi, de façon factuelle : pas d’appréciation sur la "
    "personne ni de donnée sensible (santé, religion, opinions, situation judiciaire), "
    "comme le demande la CNIL pour les zones de commentaire. La personne peut lire ces notes."
)


# --- children --------------------------------------------------------------------------


class _ChildRow(QWidget):
    """One child: first name (optional), school level, school."""

    removed = Signal(object)

    def __init__(self, index: int, child: Child | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.school_id = child.school_id if child else None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.first_name = QLineEdit(child.first_name if child else "", self)
        self.first_name.setObjectName(f"child_first_name_{index}")
        self.first_name.setPlaceholderText(self.tr("Prénom (facultatif)"))
        self.first_name.setAccessibleName(self.tr("Prénom de l’enfant {n}").format(n=index + 1))
        self.level = enum_combo(
            self, SchoolLevel, empty=self.tr("Niveau ?"), name=f"child_level_{index}"
        )
        self.level.setAccessibleName(self.tr("Niveau scolaire de l’enfant {n}").format(n=index + 1))
        select_data(self.level, child.school_level if child else None)
        self.school = QComboBox(self)
        self.school.setObjectName(f"child_school_{index}")
        self.school.setAccessibleName(self.tr("École de l’enfant {n}").format(n=index + 1))
        self.school.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.school.setMinimumContentsLength(14)
        self.school.addItem(self.tr("Établissement ?"), None)
        self.remove_button = QPushButton(self.tr("Retirer"), self)
        self.remove_button.setObjectName(f"child_remove_{index}")
        self.remove_button.setAccessibleName(self.tr("Retirer l’enfant {n}").format(n=index + 1))
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))
        row.addWidget(self.first_name, 2)
        row.addWidget(self.level, 1)
        row.addWidget(self.school, 2)
        row.addWidget(self.remove_button)

    def set_schools(self, schools: Sequence[Structure]) -> None:
        current = self.school.currentData() or self.school_id
        self.school.clear()
        self.school.addItem(self.tr("Établissement ?"), None)
        for s in schools:
            self.school.addItem(s.name, s.id)
        select_data(self.school, current)

    def child(self) -> Child:
        return Child(
            first_name=self.first_name.text().strip(),
            school_level=enum_data(self.level, SchoolLevel),
            school_id=self.school.currentData(),
        )


# --- the dialog ------------------------------------------------------------------------


def consent_errors(
    enabled: bool, purposes: Sequence[ConsentPurpose], notice: str, on: date, today: date
) -> dict[str, str]:
    """``core.rules.consent_errors`` (the rule ``ParticipantService.record_consent`` and
    the server apply), checked before one save."""
    if not enabled:
        return {}
    return rules.consent_errors(purposes=purposes, notice_version=notice, on=on, today=today)


class ParticipantEditor(QDialog):
    """The parent's record form.

    Args:
        ctx: the application context.
        participant: the record to edit, or ``None`` to create one.

    Signals:
        saved(Participant): the record was written (the dialog then closes).
        open_existing_requested(UUID): on the duplicate warning, the user chose to open the
            existing record instead (the dialog closes without saving).
    """

    saved = Signal(object)
    open_existing_requested = Signal(object)

    def __init__(
        self, ctx: AppContext, participant: Participant | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("participant_editor")
        self._ctx = ctx
        self._original = participant
        self._duplicates_checked = False
        self._busy = False
        self._child_rows: list[_ChildRow] = []
        self._schools: tuple[Structure, ...] = ()
        self.setWindowTitle(
            self.tr("Nouveau parent") if participant is None else self.tr("Modifier la fiche")
        )
        self.setModal(True)
        self._build()
        self._fill(participant)
        fit_to_screen(self, 1000, 660)
        self._unsaved = UnsavedChanges(self)
        ctx.runner.run(
            lambda _t: ctx.services.participants.schools(), on_done=self._on_schools_loaded
        )

    # --- construction ---------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self._general_error = QLabel(self)
        self.errors = FieldErrors(self._general_error)

        self.duplicate_panel = self._build_duplicate_panel()
        outer.addWidget(self.duplicate_panel)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        grid = QGridLayout(body)
        grid.setHorizontalSpacing(24)
        grid.addWidget(self._build_identity(body), 0, 0)
        grid.addWidget(self._build_profile(body), 1, 0)
        grid.addWidget(self._build_consent(body), 0, 1)
        grid.addWidget(self._build_children(body), 1, 1)
        grid.addWidget(self._build_notes(body), 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(3, 1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        outer.addWidget(self._general_error)

        buttons, self._cancel_button, self._save_button = button_row(
            self,
            (self.tr("Annuler"), "cancel_button", self.reject),
            (self.tr("&Enregistrer"), "save_button", self.save),
        )
        outer.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        chain_tab_order(
            [
                self.first_name_edit,
                self.last_name_edit,
                self.phone_edit,
                self.email_edit,
                self.commune_edit,
                self.gender_combo,
                self.age_band_combo,
                self.social_status_combo,
                self.languages_edit,
                self.interpreter_checkbox,
                self.parent_resource_checkbox,
                self.parent_resource_since_edit,
                self.consent_group,
                *self._purpose_boxes.values(),
                *self._mode_buttons.values(),
                self.consent_date_edit,
                self.notice_version_edit,
                self._add_child_button,
                self.notes_edit,
                self._cancel_button,
                self._save_button,
            ]
        )

    def _build_duplicate_panel(self) -> QFrame:
        panel = QFrame(self)
        panel.setObjectName("duplicate_panel")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel.setAutoFillBackground(True)
        panel.setBackgroundRole(panel.palette().ColorRole.ToolTipBase)
        panel.setForegroundRole(panel.palette().ColorRole.ToolTipText)
        layout = QVBoxLayout(panel)
        self._duplicate_text = QLabel(panel)
        self._duplicate_text.setObjectName("duplicate_text")
        self._duplicate_text.setWordWrap(True)
        self._duplicate_text.setForegroundRole(panel.palette().ColorRole.ToolTipText)
        self.duplicate_list = QListWidget(panel)
        self.duplicate_list.setObjectName("duplicate_list")
        self.duplicate_list.setAccessibleName(self.tr("Fiches qui ressemblent"))
        self.duplicate_list.setMaximumHeight(96)
        row = QHBoxLayout()
        row.addStretch(1)
        self._open_existing_button = QPushButton(self.tr("&Ouvrir la fiche existante"), panel)
        self._open_existing_button.setObjectName("open_existing_button")
        self._open_existing_button.clicked.connect(self._on_open_existing_clicked)
        self._create_anyway_button = QPushButton(self.tr("Créer &quand même"), panel)
        self._create_anyway_button.setObjectName("create_anyway_button")
        self._create_anyway_button.clicked.connect(self._on_create_anyway_clicked)
        row.addWidget(self._open_existing_button)
        row.addWidget(self._create_anyway_button)
        layout.addWidget(self._duplicate_text)
        layout.addWidget(self.duplicate_list)
        layout.addLayout(row)
        panel.hide()
        return panel

    def _line(self, name: str, parent: QWidget) -> QLineEdit:
        edit = QLineEdit(parent)
        edit.setObjectName(name)
        return edit

    def _row(self, form: QFormLayout, text: str, widget: QWidget, field: str) -> None:
        box = QWidget(widget.parentWidget())
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        v.addWidget(widget)
        v.addWidget(self.errors.label(field, box))
        form.addRow(buddy(text, widget, box.parentWidget() or box), box)

    def _build_identity(self, parent: QWidget) -> QGroupBox:
        group = QGroupBox(self.tr("Identité et contact"), parent)
        form = QFormLayout(group)
        self.first_name_edit = self._line("first_name_edit", group)
        self.last_name_edit = self._line("last_name_edit", group)
        self.phone_edit = self._line("phone_edit", group)
        self.phone_edit.setPlaceholderText(self.tr("06 12 34 56 78"))
        self.phone_edit.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.email_edit = self._line("email_edit", group)
        self.email_edit.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
        self.commune_edit = self._line("commune_edit", group)
        self._row(form, self.tr("&Prénom :"), self.first_name_edit, "first_name")
        self._row(form, self.tr("&Nom :"), self.last_name_edit, "last_name")
        self._row(form, self.tr("&Téléphone :"), self.phone_edit, "phone")
        self._row(form, self.tr("&E-mail :"), self.email_edit, "email")
        self._row(form, self.tr("Co&mmune :"), self.commune_edit, "commune")
        return group

    def _build_profile(self, parent: QWidget) -> QGroupBox:
        group = QGroupBox(self.tr("Profil (facultatif, pour les statistiques)"), parent)
        form = QFormLayout(group)
        unknown = self.tr("Non renseigné")
        self.gender_combo = enum_combo(group, Gender, empty=unknown, name="gender_combo")
        self.age_band_combo = enum_combo(group, AgeBand, empty=unknown, name="age_band_combo")
        self.social_status_combo = enum_combo(
            group, SocialStatus, empty=unknown, name="social_status_combo"
        )
        self.languages_edit = self._line("languages_edit", group)
        self.languages_edit.setPlaceholderText(self.tr("français, arabe, tamoul…"))
        self.interpreter_checkbox = QCheckBox(self.tr("Besoin d’un·e &interprète"), group)
        self.interpreter_checkbox.setObjectName("interpreter_checkbox")
        self.parent_resource_checkbox = QCheckBox(
            self.tr("Parent &Ressource (aide d’autres parents, co-anime)"), group
        )
        self.parent_resource_checkbox.setObjectName("parent_resource_checkbox")
        self.parent_resource_since_edit = QDateEdit(group)
        self.parent_resource_since_edit.setObjectName("parent_resource_since_edit")
        self.parent_resource_since_edit.setCalendarPopup(True)
        self.parent_resource_since_edit.setDisplayFormat("dd/MM/yyyy")
        self.parent_resource_since_edit.setLocale(ui_locale())
        self.parent_resource_since_edit.setDate(QDate.currentDate())
        self.parent_resource_since_edit.setEnabled(False)
        self.parent_resource_checkbox.toggled.connect(self.parent_resource_since_edit.setEnabled)
        self._row(form, self.tr("&Genre :"), self.gender_combo, "gender")
        self._row(form, self.tr("Tranche d’â&ge :"), self.age_band_combo, "age_band")
        self._row(form, self.tr("&Situation :"), self.social_status_combo, "social_status")
        self._row(form, self.tr("&Langues parlées :"), self.languages_edit, "languages")
        form.addRow(self.interpreter_checkbox)
        form.addRow(self.parent_resource_checkbox)
        self._row(
            form,
            self.tr("Parent Ressource de&puis le :"),
            self.parent_resource_since_edit,
            "parent_resource_since",
        )
        return group

    def _build_consent(self, parent: QWidget) -> QGroupBox:
        group = QGroupBox(self.tr("&Consentement recueilli"), parent)
        group.setObjectName("consent_group")
        group.setCheckable(True)
        group.setChecked(False)
        group.setToolTip(
            self.tr("Cochez quand la personne a accepté que ses données soient enregistrées.")
        )
        self.consent_group = group
        layout = QVBoxLayout(group)
        purposes_label = QLabel(self.tr("Finalités acceptées :"), group)
        layout.addWidget(purposes_label)
        self._purpose_boxes: dict[ConsentPurpose, QCheckBox] = {}
        grid = QGridLayout()
        for i, purpose in enumerate(ConsentPurpose):
            box = QCheckBox(label(purpose), group)
            box.setObjectName(f"consent_purpose_{purpose.value}")
            self._purpose_boxes[purpose] = box
            grid.addWidget(box, i // 2, i % 2)
        layout.addLayout(grid)
        layout.addWidget(self.errors.label("consent_purposes", group))

        mode_row = QHBoxLayout()
        mode_label = QLabel(self.tr("Recueilli :"), group)
        mode_row.addWidget(mode_label)
        self._mode_group = QButtonGroup(group)
        self._mode_buttons: dict[ConsentMode, QRadioButton] = {}
        for mode, text in (
            (ConsentMode.ORAL, self.tr("à l’&oral")),
            (ConsentMode.WRITTEN, self.tr("par é&crit")),
            (ConsentMode.SIGNED, self.tr("formulaire si&gné")),
        ):
            radio = QRadioButton(text, group)
            radio.setObjectName(f"consent_mode_{mode.value}")
            self._mode_group.addButton(radio)
            self._mode_buttons[mode] = radio
            mode_row.addWidget(radio)
        mode_row.addStretch(1)
        mode_label.setBuddy(self._mode_buttons[ConsentMode.ORAL])
        layout.addLayout(mode_row)
        layout.addWidget(self.errors.label("consent_mode", group))

        form = QFormLayout()
        self.consent_date_edit = QDateEdit(group)
        self.consent_date_edit.setObjectName("consent_date_edit")
        self.consent_date_edit.setCalendarPopup(True)
        self.consent_date_edit.setDisplayFormat("dd/MM/yyyy")
        self.consent_date_edit.setLocale(ui_locale())
        self.consent_date_edit.setDate(QDate.currentDate())
        self.notice_version_edit = self._line("notice_version_edit", group)
        self.notice_version_edit.setText(DEFAULT_NOTICE_VERSION)
        self.notice_version_edit.setToolTip(
            self.tr("La version de la notice d’information remise ou lue à la personne.")
        )
        self._row(form, self.tr("&Date :"), self.consent_date_edit, "consent_date")
        self._row(
            form, self.tr("&Version de la notice :"), self.notice_version_edit, "notice_version"
        )
        layout.addLayout(form)
        return group

    def _build_children(self, parent: QWidget) -> QGroupBox:
        group = QGroupBox(self.tr("Enfants"), parent)
        layout = QVBoxLayout(group)
        self._children_box = QVBoxLayout()
        layout.addLayout(self._children_box)
        self._no_child = QLabel(self.tr("Aucun enfant indiqué."), group)
        layout.addWidget(self._no_child)
        self._add_child_button = QPushButton(self.tr("&Ajouter un enfant"), group)
        set_icon(self._add_child_button, "plus")
        self._add_child_button.setObjectName("add_child_button")
        self._add_child_button.clicked.connect(lambda: self._add_child(None, focus=True))
        row = QHBoxLayout()
        row.addWidget(self._add_child_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self._children_group = group
        return group

    def _build_notes(self, parent: QWidget) -> QGroupBox:
        group = QGroupBox(self.tr("Notes de suivi"), parent)
        layout = QVBoxLayout(group)
        hint = QLabel(self.tr(CNIL_HINT), group)
        hint.setObjectName("notes_hint")
        hint.setWordWrap(True)
        self.notes_edit = QPlainTextEdit(group)
        self.notes_edit.setObjectName("notes_edit")
        self.notes_edit.setAccessibleName(self.tr("Notes de suivi"))
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(64)
        self.notes_edit.textChanged.connect(self._on_notes_changed)
        self._notes_counter = QLabel(group)
        self._notes_counter.setObjectName("notes_counter")
        self._notes_counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        notes_label = buddy(self.tr("N&otes :"), self.notes_edit, group)
        top = QHBoxLayout()
        top.addWidget(notes_label)
        top.addStretch(1)
        top.addWidget(self._notes_counter)
        layout.addLayout(top)
        layout.addWidget(self.notes_edit)
        layout.addWidget(self.errors.label("notes", group))
        layout.addWidget(hint)
        self._on_notes_changed()
        return group

    # --- values -----------------------------------------------------------------------

    def _fill(self, p: Participant | None) -> None:
        if p is None:
            self.first_name_edit.setFocus()
            return
        self.first_name_edit.setText(p.first_name)
        self.last_name_edit.setText(p.last_name)
        self.phone_edit.setText(format_phone(p.phone))
        self.email_edit.setText(p.email or "")
        self.commune_edit.setText(p.commune)
        select_data(self.gender_combo, p.gender)
        select_data(self.age_band_combo, p.age_band)
        select_data(self.social_status_combo, p.social_status)
        self.languages_edit.setText(", ".join(p.languages))
        self.interpreter_checkbox.setChecked(p.interpreter_needed)
        self.parent_resource_checkbox.setChecked(p.parent_resource)
        if p.parent_resource_since is not None:
            self.parent_resource_since_edit.setDate(qdate(p.parent_resource_since))
        self.notes_edit.setPlainText(p.notes)
        for child in p.children:
            self._add_child(child)
        if p.consent_date is not None or p.consent_purposes:
            self.consent_group.setChecked(True)
            for purpose, box in self._purpose_boxes.items():
                box.setChecked(purpose in p.consent_purposes)
            if p.consent_mode is not None:
                self._mode_buttons[p.consent_mode].setChecked(True)
            if p.consent_date is not None:
                self.consent_date_edit.setDate(qdate(p.consent_date))
            self.notice_version_edit.setText(p.notice_version or DEFAULT_NOTICE_VERSION)
        self.first_name_edit.setFocus()

    def _add_child(self, child: Child | None, *, focus: bool = False) -> None:
        row = _ChildRow(len(self._child_rows), child, self._children_group)
        row.set_schools(self._schools)
        row.removed.connect(self._on_child_removed)
        self._child_rows.append(row)
        self._children_box.addWidget(row)
        self._no_child.setVisible(False)
        previous = self._child_rows[-2].remove_button if len(self._child_rows) > 1 else None
        chain_tab_order(
            [
                previous or self.notice_version_edit,
                row.first_name,
                row.level,
                row.school,
                row.remove_button,
                self._add_child_button,
            ]
        )
        if focus:
            row.first_name.setFocus()

    def _on_child_removed(self, row: _ChildRow) -> None:
        self._child_rows.remove(row)
        row.deleteLater()
        self._no_child.setVisible(not self._child_rows)
        self._add_child_button.setFocus()

    def _on_schools_loaded(self, schools: tuple[Structure, ...]) -> None:
        untouched = not self._unsaved.dirty
        self._schools = schools
        for row in self._child_rows:
            row.set_schools(schools)
        if untouched:  # the lists filled in: nothing the person typed
            self._unsaved.mark_clean()

    def reject(self) -> None:
        """Escape or Fermer: ask before abandoning what was typed."""
        if self._unsaved.confirm_discard():
            super().reject()

    def _on_notes_changed(self) -> None:
        n = len(self.notes_edit.toPlainText())
        text = self.tr("{n} / {max} caractères").format(n=n, max=NOTES_MAX)
        self._notes_counter.setText(("⚠ " + text) if n > NOTES_MAX else text)

    def _consent_values(self) -> dict[str, Any]:
        if not self.consent_group.isChecked():
            if self._original is not None and self._original.consent_date is not None:
                # Unticking withdraws the recorded consent.
                return {
                    "consent_date": None,
                    "consent_purposes": (),
                    "consent_mode": None,
                }
            return {}
        mode = next((m for m, b in self._mode_buttons.items() if b.isChecked()), None)
        return {
            "consent_date": pydate(self.consent_date_edit.date()),
            "consent_purposes": tuple(p for p, b in self._purpose_boxes.items() if b.isChecked()),
            "consent_mode": mode,
            "notice_version": self.notice_version_edit.text().strip(),
        }

    def values(self) -> dict[str, Any]:
        """What the form holds, as participant field values."""
        languages = tuple(
            dict.fromkeys(x.strip() for x in self.languages_edit.text().split(",") if x.strip())
        )
        return {
            "first_name": self.first_name_edit.text().strip(),
            "last_name": self.last_name_edit.text().strip(),
            "phone": self.phone_edit.text().strip() or None,
            "email": self.email_edit.text().strip() or None,
            "commune": self.commune_edit.text().strip(),
            "gender": enum_data(self.gender_combo, Gender),
            "age_band": enum_data(self.age_band_combo, AgeBand),
            "social_status": enum_data(self.social_status_combo, SocialStatus),
            "languages": languages,
            "interpreter_needed": self.interpreter_checkbox.isChecked(),
            "parent_resource": self.parent_resource_checkbox.isChecked(),
            "parent_resource_since": pydate(self.parent_resource_since_edit.date())
            if self.parent_resource_checkbox.isChecked()
            else None,
            "children": tuple(r.child() for r in self._child_rows),
            "notes": self.notes_edit.toPlainText().strip(),
            **self._consent_values(),
        }

    # --- saving -----------------------------------------------------------------------

    def save(self) -> None:
        """Check for duplicates (new records), then save through the service."""
        if self._busy:
            return
        self.errors.clear()
        values = self.values()
        if self._original is None and not self._duplicates_checked:
            svc = self._ctx.services.participants
            first, last, phone = values["first_name"], values["last_name"], values["phone"]
            if first or last or phone:
                self._set_busy(True)
                self._ctx.runner.run(
                    lambda _t: svc.possible_duplicates(first, last, phone),
                    on_done=self._on_duplicates_found,
                    on_error=self._on_check_failed,
                )
                return
        self._write(values)

    def _on_check_failed(self, error: KnownError) -> None:
        self._set_busy(False)
        self.errors.show_general(error.message)

    def _on_duplicates_found(self, matches: list[DuplicateMatch]) -> None:
        self._set_busy(False)
        if not matches:
            self._duplicates_checked = True
            self._write(self.values())
            return
        self.duplicate_list.clear()
        for m in matches:
            p = m.participant
            why = []
            if m.same_name:
                why.append(self.tr("même nom"))
            if m.same_phone:
                why.append(self.tr("même téléphone"))
            details = " · ".join(x for x in (format_phone(p.phone), p.commune, ", ".join(why)) if x)
            item = QListWidgetItem(f"{p.full_name} — {details}", self.duplicate_list)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
        self.duplicate_list.setCurrentRow(0)
        count = len(matches)
        self._duplicate_text.setText(
            self.tr("⚠ Cette personne est peut-être déjà enregistrée (1 fiche ressemblante)\u00a0:")
            if count == 1
            else self.tr(
                "⚠ Cette personne est peut-être déjà enregistrée ({n} fiches ressemblantes)\u00a0:"
            ).format(n=count)
        )
        self.duplicate_panel.show()
        self._open_existing_button.setFocus()

    def _on_open_existing_clicked(self) -> None:
        item = self.duplicate_list.currentItem() or self.duplicate_list.item(0)
        if item is None:
            return
        self.open_existing_requested.emit(item.data(Qt.ItemDataRole.UserRole))
        super().reject()  # the person chose the existing record over what was typed

    def _on_create_anyway_clicked(self) -> None:
        self._duplicates_checked = True
        self.duplicate_panel.hide()
        self._write(self.values())

    def _write(self, values: dict[str, Any]) -> None:
        svc = self._ctx.services.participants
        original = self._original
        consent_on = self.consent_group.isChecked()
        today = date.today()

        def task(_services: Services) -> Result[Participant]:
            errors = consent_errors(
                consent_on,
                values.get("consent_purposes", ()),
                values.get("notice_version", ""),
                values.get("consent_date") or today,
                today,
            )
            if errors:
                # Gather every message at once: the consent rules and the record's rules.
                base = original or Participant()
                candidate = dataclasses.replace(base, **values)
                phone = candidate.phone
                candidate = dataclasses.replace(
                    candidate, phone=(normalise_phone(phone) or phone) if phone else None
                )
                raise ValidationError({**validate_participant(candidate), **errors})
            if original is None:
                return svc.create(Participant(**values))
            return svc.update(original.id, **values)

        self._set_busy(True)
        (
            WriteOp(self._ctx, self, task)
            .settled(lambda: self._set_busy(False))
            .success(self._on_saved)
            .failure(self._on_field_errors)
            .message_to(self.errors.show_general)
            .run()
        )

    def _on_saved(self, participant: Participant) -> None:
        self.saved.emit(participant)
        self.accept()

    def _on_field_errors(self, error: ValidationError) -> None:
        shown = self.errors.show(error.errors)
        if shown:
            self._focus_field(shown[0])

    def _focus_field(self, field: str) -> None:
        widget: dict[str, QWidget] = {
            "first_name": self.first_name_edit,
            "last_name": self.last_name_edit,
            "phone": self.phone_edit,
            "email": self.email_edit,
            "notes": self.notes_edit,
            "consent_date": self.consent_date_edit,
            "notice_version": self.notice_version_edit,
            "consent_purposes": next(iter(self._purpose_boxes.values())),
            "consent_mode": self._mode_buttons[ConsentMode.ORAL],
        }
        target = widget.get(field)
        if target is not None:
            target.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._save_button.setEnabled(not busy)
        buttons: list[QAbstractButton] = [self._open_existing_button, self._create_anyway_button]
        for b in buttons:
            b.setEnabled(not busy)

    @property
    def save_button(self) -> QPushButton:
        return self._save_button


__all__ = [
    "CNIL_HINT",
    "FieldErrors",
    "ParticipantEditor",
    "buddy",
    "chain_tab_order",
    "consent_errors",
    "enum_combo",
    "enum_data",
    "pydate",
    "qdate",
    "select_data",
]
