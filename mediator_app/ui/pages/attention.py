"""*À traiter*: one card per conflict or refused change, in plain French, with its choices.

Every choice goes through ``AttentionService`` on the database lane and becomes ordinary
outbox ops; the page then announces the change (other screens refresh) and asks the sync
controller for a sync shortly after. Set-aside items stay readable under « Archivées ».
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, time
from typing import Any
from uuid import UUID

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.entities import Participant
from mediator_app.core.errors import KnownError
from mediator_app.core.wire import FieldKind, FieldSpec, spec_map
from mediator_app.local_store.services.attention import AttentionCard
from mediator_app.local_store.unit_of_work import Result
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.core_labels import field_label, label
from mediator_app.ui.core_messages import core_text
from mediator_app.ui.ops import WriteOp
from mediator_app.ui.pages.home import french
from mediator_app.ui.widgets.empty_state import EmptyOr, EmptyState
from mediator_app.ui.widgets.french import caption as french_caption
from mediator_app.ui.widgets.labels import bold_label, page_title

log = logging.getLogger(__name__)

EDITABLE_KINDS = {
    FieldKind.STR,
    FieldKind.INT,
    FieldKind.BOOL,
    FieldKind.DATE,
    FieldKind.TIME,
    FieldKind.ENUM,
}


def field_spec(card: AttentionCard) -> FieldSpec | None:
    """The wire spec of the card's field, when it is one a person can type."""
    try:
        spec = spec_map(card.entity).get(card.field_name)
    except KeyError:
        return None
    return spec if spec is not None and spec.kind in EDITABLE_KINDS else None


class EditValueDialog(QDialog):
    """« Modifier… »: type another value for the field in conflict."""

    def __init__(self, card: AttentionCard, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("edit_value_dialog")
        self.setWindowTitle(self.tr("Modifier la valeur"))
        self._spec = spec
        self._editor, self._read = self._make_editor(card, spec)
        self._editor.setObjectName("value_editor")
        form = QFormLayout()
        caption = QLabel(french_caption(field_label(spec.name).capitalize()), self)
        caption.setText("&" + caption.text())
        caption.setBuddy(self._editor)
        form.addRow(caption, self._editor)
        hint = QLabel(
            self.tr("Votre valeur\u00a0: {mine} — Autre valeur\u00a0: {theirs}").format(
                mine=card.mine, theirs=card.theirs
            ),
            self,
        )
        hint.setWordWrap(True)
        self._error = QLabel(self)
        self._error.setObjectName("value_error")
        self._error.setWordWrap(True)
        self._error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(card.title, self))
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self._error)
        layout.addWidget(buttons)
        self._value: Any = None
        self._editor.setFocus()

    def _make_editor(
        self, card: AttentionCard, spec: FieldSpec
    ) -> tuple[QWidget, Callable[[], Any]]:
        mine = "" if card.mine == "(vide)" else card.mine
        if spec.kind is FieldKind.INT:
            spin = QSpinBox(self)
            spin.setRange(0, 1_000_000)
            digits = "".join(ch for ch in mine if ch.isdigit())
            spin.setValue(int(digits) if digits else 0)
            return spin, spin.value
        if spec.kind is FieldKind.BOOL:
            check = QCheckBox(self.tr("Oui"), self)
            check.setChecked(mine.lower() == "oui")
            return check, check.isChecked
        if spec.kind is FieldKind.DATE:
            edit = QDateEdit(self)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            parsed = QDate.fromString(mine, "dd/MM/yyyy")
            edit.setDate(parsed if parsed.isValid() else QDate.currentDate())

            def read_date() -> date:
                d = edit.date()
                return date(d.year(), d.month(), d.day())

            return edit, read_date
        if spec.kind is FieldKind.TIME:
            time_edit = QTimeEdit(self)
            time_edit.setDisplayFormat("HH:mm")
            parsed_time = QTime.fromString(mine, "HH:mm")
            time_edit.setTime(parsed_time if parsed_time.isValid() else QTime(9, 0))

            def read_time() -> time:
                t = time_edit.time()
                return time(t.hour(), t.minute())

            return time_edit, read_time
        if spec.kind is FieldKind.ENUM and spec.enum is not None:
            combo = QComboBox(self)
            for member in spec.enum:
                combo.addItem(label(member), member)
                if label(member) == mine:
                    combo.setCurrentIndex(combo.count() - 1)
            return combo, combo.currentData
        line = QLineEdit(mine, self)
        return line, line.text

    @property
    def value(self) -> Any:
        return self._value

    def _on_accepted(self) -> None:
        value = self._read()
        if isinstance(value, str):
            value = value.strip()
            if not value and not self._spec.nullable:
                self._error.setText("⚠ " + self.tr("Indiquez une valeur."))
                self._error.show()
                return
            if not value:
                value = None
        self._value = value
        self.accept()


class AttentionCardWidget(QFrame):
    """One item: what happened, both values side by side, the choices."""

    action_requested = Signal(str, object)  # action name, card

    def __init__(self, card: AttentionCard, *, archived: bool, parent: QWidget) -> None:
        super().__init__(parent)
        self.card = card
        self.setObjectName("attention_card")
        self.setProperty("item_id", str(card.id))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        mark = "" if archived else ("ℹ " if card.kind == "notice" else "⚠ ")
        title = bold_label(mark + card.title, self, 1.1)
        title.setObjectName("card_title")
        title.setWordWrap(True)
        layout.addWidget(title)
        message = QLabel(core_text(card.message), self)
        message.setObjectName("card_message")
        message.setWordWrap(True)
        layout.addWidget(message)

        values = QGridLayout()
        values.setHorizontalSpacing(24)
        # A correction asks for an edit of the workshop: no two values to choose from.
        # A capacity notice only tells what happened.
        pairs: tuple[tuple[str, str, str], ...]
        if card.kind == "correction" or (card.kind == "notice" and not card.can_restore):
            pairs = ()
        elif card.kind == "notice":
            pairs = (
                (self.tr("Votre valeur"), card.mine, "card_mine"),
                (self.tr("Valeur gardée"), card.theirs, "card_theirs"),
            )
        elif card.can_redo_handout:
            pairs = (
                (self.tr("Équipement choisi"), card.mine, "card_mine"),
                (self.tr("Sur le serveur"), card.theirs, "card_theirs"),
            )
        else:
            pairs = (
                (self.tr("Votre valeur"), card.mine, "card_mine"),
                (self.tr("Autre valeur"), card.theirs, "card_theirs"),
            )
        for column, (caption, text, name) in enumerate(pairs):
            head = QLabel(caption, self)
            head_font = QFont(head.font())
            head_font.setBold(True)
            head.setFont(head_font)
            value = QLabel(text, self)
            value.setObjectName(name)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(f"{caption}\u00a0: {text}")
            values.addWidget(head, 0, column)
            values.addWidget(value, 1, column, Qt.AlignmentFlag.AlignTop)
            values.setColumnStretch(column, 1)
        layout.addLayout(values)

        when = french().toString(
            QDate(card.created_at.year, card.created_at.month, card.created_at.day),
            "d MMMM yyyy",
        )
        meta = QLabel(
            (
                self.tr("Renvoyé le {when}")
                if card.kind == "correction"
                else self.tr("Signalé le {when}")
            ).format(when=when),
            self,
        )
        meta.setEnabled(False)
        layout.addWidget(meta)

        self._error = QLabel(self)
        self._error.setObjectName("card_error")
        self._error.setWordWrap(True)
        self._error.hide()
        layout.addWidget(self._error)

        self.buttons: list[QPushButton] = []
        if archived:
            return
        row = QHBoxLayout()
        row.setSpacing(8)
        # A notice is read (and maybe undone); a refused hand-out is given up or made again.
        plain = card.kind not in ("correction", "notice") and not card.can_redo_handout
        decision = plain and card.kind != "parked"
        specs: list[tuple[str, str, bool]] = [
            ("open", self.tr("&Ouvrir l’atelier"), card.can_open),
            ("redo_handout", self.tr("C&hoisir un autre équipement…"), card.can_redo_handout),
            ("cancel_handout", self.tr("A&nnuler ma remise"), card.can_redo_handout),
            ("restore", self.tr("&Rétablir ma valeur"), card.can_restore),
            ("dismiss", self.tr("C’est &bon"), card.kind == "notice"),
            ("keep_mine", self.tr("&Garder ma valeur"), card.can_keep_mine),
            ("keep_theirs", self.tr("Garder l’&autre valeur"), decision),
            ("edit", self.tr("&Modifier…"), card.can_edit and field_spec(card) is not None),
            ("retry", self.tr("&Renvoyer"), card.can_retry),
            ("set_aside", self.tr("Mettre de &côté"), plain),
        ]
        for action, text, shown in specs:
            if not shown:
                continue
            button = QPushButton(text, self)
            button.setObjectName(f"{action}_button")
            button.clicked.connect(
                lambda _=False, a=action: self.action_requested.emit(a, self.card)
            )
            row.addWidget(button)
            self.buttons.append(button)
        row.addStretch(1)
        layout.addLayout(row)
        for first, second in zip(self.buttons, self.buttons[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def show_error(self, message: str) -> None:
        self._error.setText("⚠ " + message)
        self._error.show()
        for button in self.buttons:
            button.setEnabled(True)

    def set_busy(self) -> None:
        for button in self.buttons:
            button.setEnabled(False)


class AttentionPage(QWidget):
    """*À traiter* (and, with « Archivées », what was set aside)."""

    cards_loaded = Signal(int)
    action_done = Signal(str)
    #: « Ouvrir l'atelier » on a workshop sent back for correction (its id).
    workshop_requested = Signal(object)
    #: « Choisir un autre équipement » opened the hand-out wizard (for tests and the window).
    wizard_opened = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_a_traiter")
        self._ctx = ctx
        self._generation = 0
        self._archived = False
        #: Open the convention PDF once a hand-out is made again (off in tests).
        self.open_documents = True
        self.last_dialog: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 16)
        layout.setSpacing(10)
        header = QHBoxLayout()
        self._title = page_title(self.tr("À traiter"), self)
        header.addWidget(self._title)
        header.addStretch(1)
        self._archived_button = QPushButton(self.tr("&Archivées"), self)
        self._archived_button.setObjectName("archived_button")
        self._archived_button.setCheckable(True)
        self._archived_button.setToolTip(self.tr("Voir les éléments mis de côté"))
        self._archived_button.toggled.connect(self.show_archived)
        header.addWidget(self._archived_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(header)
        self._intro = QLabel(self)
        self._intro.setObjectName("attention_intro")
        self._intro.setWordWrap(True)
        layout.addWidget(self._intro)
        self._scroll = QScrollArea(self)
        self._scroll.setObjectName("attention_scroll")
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._list = QWidget(self._scroll)
        self._list.setObjectName("attention_list")
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 8, 0)
        self._list_layout.setSpacing(12)
        self._list_layout.addStretch(1)
        self._scroll.setWidget(self._list)
        self._empty = EmptyState(
            "attention", self, icon_name="circle-check", title=self.tr("Rien à traiter")
        )
        self._scroll_or_empty = EmptyOr(self._scroll, self._empty, self)
        layout.addWidget(self._scroll_or_empty, 1)
        self._error = QLabel(self)
        self._error.setObjectName("attention_error_label")
        self._error.setWordWrap(True)
        self._error.hide()
        layout.addWidget(self._error)
        self._update_intro()
        ctx.hub.changed.connect(self._on_hub_changed)

    # --- public API -------------------------------------------------------------------

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        status = "archived" if self._archived else "open"
        attention = self._ctx.services.attention

        def load(_token: object) -> list[AttentionCard]:
            cards = attention.cards(status=status)
            return cards if self._archived else [*attention.corrections(), *cards]

        self._ctx.runner.run(
            load,
            on_done=lambda cards: self._on_cards_loaded(generation, cards),
            on_error=self._on_cards_failed,
        )

    def show_archived(self, archived: bool) -> None:
        if self._archived_button.isChecked() != archived:
            self._archived_button.setChecked(archived)  # re-enters through toggled
            return
        self._archived = archived
        self._update_intro()
        self.refresh()

    def card_widgets(self) -> list[AttentionCardWidget]:
        return self._list.findChildren(AttentionCardWidget, "attention_card")

    # --- loading ----------------------------------------------------------------------

    def _update_intro(self) -> None:
        if self._archived:
            self._title.setText(self.tr("Archivées"))
            self._intro.setText(
                self.tr(
                    "Les éléments mis de côté restent ici pour mémoire\u00a0; rien n’est effacé."
                )
            )
        else:
            self._title.setText(self.tr("À traiter"))
            self._intro.setText(
                self.tr(
                    "Ces modifications ont croisé celles d’un autre poste ou ont été refusées "
                    "par le serveur. Choisissez la bonne valeur\u00a0: votre choix sera envoyé "
                    "à la prochaine synchronisation. Les avis (ℹ) disent ce qui a été décidé "
                    "pour ce que vous aviez saisi."
                )
            )

    def _on_hub_changed(self, changes: frozenset[str]) -> None:
        if self.isVisible():
            self.refresh()

    def _on_cards_failed(self, error: KnownError) -> None:
        self._error.setText("⚠ " + error.message)
        self._error.show()

    def _on_cards_loaded(self, generation: int, cards: list[AttentionCard]) -> None:
        if generation != self._generation:
            return
        self._error.hide()
        for widget in self.card_widgets():
            widget.setParent(None)
            widget.deleteLater()
        previous: QWidget | None = self._archived_button
        for card in cards:
            widget = AttentionCardWidget(card, archived=self._archived, parent=self._list)
            widget.action_requested.connect(self._on_card_action_requested)
            self._list_layout.insertWidget(self._list_layout.count() - 1, widget)
            for button in widget.buttons:
                if previous is not None:
                    QWidget.setTabOrder(previous, button)
                previous = button
        self._set_empty_text(len(cards))
        self.cards_loaded.emit(len(cards))

    def _set_empty_text(self, count: int) -> None:
        if count:
            self._scroll_or_empty.set_empty(False)
            return
        if self._archived:
            self._empty.set_text(
                self.tr("✓ Aucun élément archivé"),
                self.tr("Ce que vous mettez de côté ici reste consultable dans cette liste."),
                icon_name="inbox",
            )
        else:
            self._empty.set_text(
                self.tr("✓ Rien à traiter\u00a0: tout est en ordre"),
                self.tr(
                    "Quand une modification demande votre décision (un conflit avec un autre "
                    "poste, un envoi refusé par le serveur), elle apparaît ici."
                ),
                icon_name="circle-check",
            )
        self._scroll_or_empty.set_empty(True)

    # --- actions ----------------------------------------------------------------------

    def _on_card_action_requested(self, action: str, card: AttentionCard) -> None:
        if action == "open":
            self.workshop_requested.emit(card.row_id)
            return
        if action == "redo_handout":
            self._redo_handout(card)
            return
        widget = self._widget_of(card.id)
        attention = self._ctx.services.attention
        if action == "edit":
            spec = field_spec(card)
            if spec is None:
                return
            dialog = EditValueDialog(card, spec, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            value = dialog.value

            def call(_services: Services) -> Result[None]:
                return attention.edit(card.id, value)

        else:
            method: Callable[[UUID], Result[None]] = {
                "keep_mine": attention.keep_mine,
                "keep_theirs": attention.keep_theirs,
                "retry": attention.retry,
                "set_aside": attention.set_aside,
                "restore": attention.restore_mine,
                "dismiss": attention.dismiss,
                "cancel_handout": attention.cancel_handout,
                "handout_redone": attention.handout_redone,
            }[action]

            def call(_services: Services) -> Result[None]:
                return method(card.id)

        if widget is not None:
            widget.set_busy()
        WriteOp(self._ctx, self, call).success(
            lambda _v: self._on_action_done(action, card)
        ).message_to(lambda text: self._say_action_failed(card, text)).run()

    def _redo_handout(self, card: AttentionCard) -> None:
        """« Choisir un autre équipement »: the hand-out wizard for the same family; once
        the family has its equipment, the card is closed."""
        participants = self._ctx.services.participants
        guardian_id = card.guardian_id

        def load(_token: object) -> Participant | None:
            return participants.get(guardian_id) if guardian_id is not None else None

        def open_wizard(guardian: Participant | None) -> None:
            # Imported when first used: the wizard brings the PDF and printing modules.
            from mediator_app.ui.dialogs.handout_wizard import HandoutWizard

            wizard = HandoutWizard(self._ctx, self, guardian=guardian)
            wizard.open_documents = self.open_documents
            wizard.handout_saved.connect(
                lambda _h, c=card: self._on_card_action_requested("handout_redone", c)
            )
            self.last_dialog = wizard
            wizard.open()
            self.wizard_opened.emit(wizard)

        self._ctx.runner.run(
            load, on_done=open_wizard, on_error=lambda e: self._on_action_failed(card, e)
        )

    def _widget_of(self, item_id: UUID) -> AttentionCardWidget | None:
        for widget in self.card_widgets():
            if widget.card.id == item_id:
                return widget
        return None

    def _on_action_done(self, action: str, card: AttentionCard) -> None:
        log.info("attention item resolved: %s (%s)", action, card.entity)
        widget = self._widget_of(card.id)
        if widget is not None:
            widget.setParent(None)
            widget.deleteLater()
        self._set_empty_text(len(self.card_widgets()))
        self.action_done.emit(action)

    def _on_action_failed(self, card: AttentionCard, error: KnownError) -> None:
        self._say_action_failed(card, error.message)

    def _say_action_failed(self, card: AttentionCard, message: str) -> None:
        widget = self._widget_of(card.id)
        if widget is not None:
            widget.show_error(message)
        else:
            self._error.setText("⚠ " + message)
            self._error.show()


__all__ = ["AttentionCardWidget", "AttentionPage", "EditValueDialog"]
