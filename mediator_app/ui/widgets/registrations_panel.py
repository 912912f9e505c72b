"""The registrations (*inscriptions*) of the selected workshop: places left, registered then
waitlist with its rank, quick add (name + phone), registering a known parent by type-ahead,
and cancelling (the first waitlisted person is promoted, and the panel says who).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import IntEnum
from typing import Any
from uuid import UUID

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.enums import RegistrationStatus
from mediator_app.core.errors import ValidationError
from mediator_app.core.validation import format_phone
from mediator_app.local_store.services.common import Page
from mediator_app.local_store.services.participants import ParticipantFilter, ParticipantRow
from mediator_app.local_store.services.registrations import Cancellation, RegistrationRow
from mediator_app.local_store.services.workshops import WorkshopRow
from mediator_app.ui.context import AppContext
from mediator_app.ui.core_labels import label
from mediator_app.ui.models.base import RowTableModel
from mediator_app.ui.ops import Action, WriteOp
from mediator_app.ui.widgets.french import (
    error_label,
    number,
    places_text,
    plural,
    show_errors,
)
from mediator_app.ui.widgets.icons import set_icon
from mediator_app.ui.widgets.tables import row_table
from mediator_app.ui.widgets.timers import single_shot

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 200
SEARCH_LIMIT = 8


class RegistrationColumn(IntEnum):
    NAME = 0
    PHONE = 1
    STATUS = 2
    CHANNEL = 3


def status_text(row: RegistrationRow) -> str:
    reg = row.registration
    if reg.status is RegistrationStatus.WAITLIST:
        return QCoreApplication.translate("RegistrationsPanel", "En attente · rang {rank}").format(
            rank=number(reg.waitlist_rank or 0)
        )
    return label(reg.status)


class RegistrationTableModel(RowTableModel[RegistrationRow]):
    """A workshop's registrations as the service orders them (registered, then waitlist)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__((), parent)
        self._headers = (
            self.tr("Nom"),
            self.tr("Téléphone"),
            self.tr("Inscription"),
            self.tr("Canal"),
        )

    def display(self, item: RegistrationRow, column: int) -> str:
        col = RegistrationColumn(column)
        if col is RegistrationColumn.NAME:
            return item.display_name
        if col is RegistrationColumn.PHONE:
            return format_phone(item.phone)
        if col is RegistrationColumn.STATUS:
            return status_text(item)
        return label(item.registration.channel)

    def sort_key(self, item: RegistrationRow, column: int) -> Any:
        if column == RegistrationColumn.STATUS:
            return (item.registration.status.value, item.registration.waitlist_rank or 0)
        return self.display(item, column)


class RegistrationsPanel(QWidget):
    """Registrations of one workshop. Call ``set_workshop`` when the selection changes."""

    #: A registration was written (the list's counts changed).
    registrations_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registrations_panel")
        self._ctx = ctx
        self._workshop: WorkshopRow | None = None
        self._search_generation = 0
        self._register_first = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)

        self.capacity_label = QLabel(self)
        self.capacity_label.setObjectName("capacity_label")
        self.capacity_label.setWordWrap(True)
        font = self.capacity_label.font()
        font.setBold(True)
        self.capacity_label.setFont(font)
        layout.addWidget(self.capacity_label)

        self.promotion_label = QLabel(self)
        self.promotion_label.setObjectName("promotion_label")
        self.promotion_label.setWordWrap(True)
        self.promotion_label.hide()
        layout.addWidget(self.promotion_label)

        body = QHBoxLayout()
        body.setSpacing(12)
        self.model = RegistrationTableModel(self)
        self.view = row_table("registrations_view", self.model, self, self.tr("Inscriptions"))
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.view.horizontalHeader().setSectionResizeMode(
            RegistrationColumn.NAME, QHeaderView.ResizeMode.Stretch
        )
        for column in (
            RegistrationColumn.PHONE,
            RegistrationColumn.STATUS,
            RegistrationColumn.CHANNEL,
        ):
            self.view.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        left = QVBoxLayout()
        left.addWidget(self.view, 1)
        actions = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Annuler l’&inscription…"), self)
        self.cancel_button.setObjectName("cancel_registration_button")
        self.cancel_button.setEnabled(False)
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)
        left.addLayout(actions)
        body.addLayout(left, 3)

        forms = QVBoxLayout()
        forms.setSpacing(4)
        quick_title = QLabel(self.tr("Inscription rapide (nom et téléphone)"), self)
        quick_title.setFont(font)
        forms.addWidget(quick_title)
        grid = QGridLayout()
        grid.setVerticalSpacing(2)
        self.quick_name_edit = QLineEdit(self)
        self.quick_name_edit.setObjectName("quick_name_edit")
        self.quick_name_edit.setPlaceholderText(self.tr("Prénom et nom"))
        self.quick_phone_edit = QLineEdit(self)
        self.quick_phone_edit.setObjectName("quick_phone_edit")
        self.quick_phone_edit.setPlaceholderText(self.tr("06 12 34 56 78"))
        name_label = QLabel(self.tr("N&om\u00a0:"), self)
        name_label.setBuddy(self.quick_name_edit)
        phone_label = QLabel(self.tr("&Téléphone\u00a0:"), self)
        phone_label.setBuddy(self.quick_phone_edit)
        self._contact_errors = {
            "contact_name": error_label("contact_name", self),
            "contact_phone": error_label("contact_phone", self),
        }
        grid.addWidget(name_label, 0, 0)
        grid.addWidget(self.quick_name_edit, 0, 1)
        grid.addWidget(self._contact_errors["contact_name"], 1, 1)
        grid.addWidget(phone_label, 2, 0)
        grid.addWidget(self.quick_phone_edit, 2, 1)
        grid.addWidget(self._contact_errors["contact_phone"], 3, 1)
        forms.addLayout(grid)
        self.quick_add_button = QPushButton(self.tr("&Inscrire"), self)
        set_icon(self.quick_add_button, "plus")
        self.quick_add_button.setObjectName("quick_add_button")
        self.quick_add_button.setToolTip(self.tr("Inscrire (Entrée)"))
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.quick_add_button)
        forms.addLayout(add_row)

        search_label = QLabel(self.tr("Inscrire un &parent connu\u00a0:"), self)
        search_label.setFont(font)
        self.parent_search_edit = QLineEdit(self)
        self.parent_search_edit.setObjectName("parent_search_edit")
        self.parent_search_edit.setPlaceholderText(self.tr("Nom, prénom ou téléphone…"))
        self.parent_search_edit.setClearButtonEnabled(True)
        search_label.setBuddy(self.parent_search_edit)
        self.parent_results = QListWidget(self)
        self.parent_results.setObjectName("parent_results_list")
        self.parent_results.setAccessibleName(self.tr("Parents trouvés"))
        self.parent_results.setFixedHeight(self.parent_results.fontMetrics().lineSpacing() * 5 + 8)
        forms.addWidget(search_label)
        forms.addWidget(self.parent_search_edit)
        forms.addWidget(self.parent_results)
        self.registration_error = error_label("registration", self)
        forms.addWidget(self.registration_error)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("registration_message_label")
        self.message_label.setWordWrap(True)
        forms.addWidget(self.message_label)
        forms.addStretch(1)
        body.addLayout(forms, 2)
        layout.addLayout(body, 1)

        self._search_timer = single_shot(self, SEARCH_DELAY_MS, self._on_search_timer_timeout)

        self.quick_name_edit.returnPressed.connect(self.quick_add)
        self.quick_phone_edit.returnPressed.connect(self.quick_add)
        self.quick_add_button.clicked.connect(self.quick_add)
        self.parent_search_edit.textEdited.connect(lambda _t: self._search_timer.start())
        self.parent_search_edit.installEventFilter(self)
        self.parent_results.itemActivated.connect(self._on_parent_results_item_activated)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        for a, b in (
            (self.view, self.cancel_button),
            (self.cancel_button, self.quick_name_edit),
            (self.quick_name_edit, self.quick_phone_edit),
            (self.quick_phone_edit, self.quick_add_button),
            (self.quick_add_button, self.parent_search_edit),
            (self.parent_search_edit, self.parent_results),
        ):
            QWidget.setTabOrder(a, b)
        self.set_workshop(None)

    # --- public API -------------------------------------------------------------------

    def set_workshop(self, row: WorkshopRow | None) -> None:
        """Show the registrations of ``row`` (``None``: nothing selected)."""
        changed = (
            row is None or self._workshop is None or row.workshop.id != (self._workshop.workshop.id)
        )
        self._workshop = row
        if changed:
            self.promotion_label.hide()
            self.message_label.clear()
            show_errors(self._contact_errors, {}, self.registration_error)
        enabled = row is not None
        for w in (
            self.quick_name_edit,
            self.quick_phone_edit,
            self.quick_add_button,
            self.parent_search_edit,
            self.parent_results,
        ):
            w.setEnabled(enabled)
        if row is None:
            self.model.set_rows(())
            self.capacity_label.setText(self.tr("Choisissez un atelier dans la liste."))
            return
        self._show_capacity(row)
        self.refresh()

    def refresh(self) -> None:
        if self._workshop is None:
            return
        workshop_id = self._workshop.workshop.id
        services = self._ctx.services

        def read(_token: Any) -> tuple[list[RegistrationRow], WorkshopRow | None]:
            return services.registrations.list(workshop_id), services.workshops.row(workshop_id)

        self._ctx.runner.run(read, on_done=lambda res: self._on_loaded(workshop_id, res))

    def quick_add(self) -> None:
        """Register the typed name and phone (the phone is normalised by the service)."""
        if self._workshop is None:
            return
        workshop_id = self._workshop.workshop.id
        name = self.quick_name_edit.text()
        phone = self.quick_phone_edit.text()
        svc = self._ctx.services.registrations
        self._run(
            lambda _s: svc.register_contact(workshop_id, name, phone or None),
            done=self._on_quick_added,
        )

    def register_participant(self, participant_id: UUID, name: str) -> None:
        if self._workshop is None:
            return
        workshop_id = self._workshop.workshop.id
        svc = self._ctx.services.registrations

        def done(registration: Any) -> None:
            self.parent_search_edit.clear()
            self.parent_results.clear()
            self._say_registered(name, registration.status, registration.waitlist_rank)
            self.parent_search_edit.setFocus()

        self._run(lambda _s: svc.register(workshop_id, participant_id), done=done)

    def cancel_registration(self, registration_id: UUID) -> None:
        """Cancel without asking (the button asks first)."""
        names = {r.registration.id: r.display_name for r in self.model.rows()}
        svc = self._ctx.services.registrations

        def done(cancellation: Cancellation) -> None:
            promoted = [names.get(r.id, "") for r in cancellation.promoted]
            if promoted:
                self.promotion_label.setText(
                    "↑ "
                    + self.tr("{names} passe de la liste d’attente aux inscrits.").format(
                        names=", ".join(f"« {n} »" for n in promoted)
                    )
                )
                self.promotion_label.show()
            else:
                self.promotion_label.hide()
            self.message_label.setText(
                self.tr("Inscription de « {name} » annulée.").format(
                    name=names.get(registration_id, "")
                )
            )

        self._run(lambda _s: svc.cancel(registration_id), done=done)

    # --- internals --------------------------------------------------------------------

    def _run(self, work: Action[Any], *, done: Callable[[Any], object]) -> None:
        show_errors(self._contact_errors, {}, self.registration_error)

        def on_done(value: Any) -> None:
            done(value)
            self.refresh()
            self.registrations_changed.emit()

        (
            WriteOp(self._ctx, self, work)
            .success(on_done)
            .failure(self._on_invalid)
            .message_to(self.registration_error)
            .run()
        )

    def _on_invalid(self, error: ValidationError) -> None:
        show_errors(self._contact_errors, error.errors, self.registration_error)

    def _on_quick_added(self, registration: Any) -> None:
        name = self.quick_name_edit.text().strip()
        self.quick_name_edit.clear()
        self.quick_phone_edit.clear()
        self.quick_name_edit.setFocus()
        self._say_registered(name, registration.status, registration.waitlist_rank)

    def _say_registered(self, name: str, status: RegistrationStatus, rank: int | None) -> None:
        if status is RegistrationStatus.WAITLIST:
            text = self.tr("« {name} » est en liste d’attente (rang {rank}).").format(
                name=name, rank=rank or 0
            )
        else:
            text = self.tr("« {name} » est inscrit·e.").format(name=name)
        self.message_label.setText("✓ " + text)

    def _show_capacity(self, row: WorkshopRow) -> None:
        cap = row.workshop.capacity
        registered = plural(row.registered, self.tr("{n} inscrit·e"), self.tr("{n} inscrit·es"))
        if cap is None:
            text = self.tr("Sans limite de places · {registered}").format(registered=registered)
        else:
            text = self.tr("Capacité\u00a0: {cap} · {left} · {registered}").format(
                cap=plural(cap, self.tr("{n} place"), self.tr("{n} places")),
                left=places_text(row),
                registered=registered,
            )
        if row.waitlisted:
            text += " · " + plural(
                row.waitlisted,
                self.tr("{n} en liste d’attente"),
                self.tr("{n} en liste d’attente"),
            )
        self.capacity_label.setText(text)

    def _on_loaded(
        self, workshop_id: UUID, res: tuple[list[RegistrationRow], WorkshopRow | None]
    ) -> None:
        if self._workshop is None or self._workshop.workshop.id != workshop_id:
            return
        rows, fresh = res
        self.model.set_rows(tuple(rows))
        if fresh is not None:
            self._workshop = fresh
            self._show_capacity(fresh)
        self.cancel_button.setEnabled(False)

    def _on_selection_changed(self, *_args: Any) -> None:
        self.cancel_button.setEnabled(bool(self.view.selectionModel().selectedRows()))

    def _on_cancel_button_clicked(self) -> None:
        selected = self.view.selectionModel().selectedRows()
        row = self.model.row_at(selected[0].row()) if selected else None
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Annuler l’inscription"),
            self.tr("Annuler l’inscription de « {name} »\u00a0?").format(name=row.display_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.cancel_registration(row.registration.id)

    def _on_search_timer_timeout(self) -> None:
        text = self.parent_search_edit.text().strip()
        self._search_generation += 1
        generation = self._search_generation
        if len(text) < 2:
            self.parent_results.clear()
            return
        svc = self._ctx.services.participants
        self._ctx.runner.run(
            lambda _t: svc.search(ParticipantFilter(text=text), limit=SEARCH_LIMIT),
            on_done=lambda page: self._on_search_done(generation, page),
        )

    def _on_search_done(self, generation: int, page: Page[ParticipantRow]) -> None:
        if generation != self._search_generation:
            return
        self.parent_results.clear()
        for r in page.rows:
            p = r.participant
            parts = [f"{p.last_name.upper()} {p.first_name}".strip()]
            if p.phone:
                parts.append(format_phone(p.phone))
            if p.commune:
                parts.append(p.commune)
            item = QListWidgetItem(" — ".join(parts), self.parent_results)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, f"{p.first_name} {p.last_name}".strip())
        if not page.rows:
            item = QListWidgetItem(self.tr("Aucun parent trouvé."), self.parent_results)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        else:
            self.parent_results.setCurrentRow(0)
            if self._register_first:
                self._on_parent_results_item_activated(self.parent_results.item(0))
        self._register_first = False

    def _on_parent_results_item_activated(self, item: QListWidgetItem) -> None:
        participant_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(participant_id, UUID):
            self.register_participant(participant_id, str(item.data(Qt.ItemDataRole.UserRole + 1)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent_search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._search_timer.isActive():
                    # Typed faster than the debounce: search now, register the first match.
                    self._search_timer.stop()
                    self._register_first = True
                    self._on_search_timer_timeout()
                    return True
                item = self.parent_results.currentItem()
                if item is not None:
                    self._on_parent_results_item_activated(item)
                return True
            if event.key() == Qt.Key.Key_Down and self.parent_results.count():
                self.parent_results.setFocus()
                return True
        return super().eventFilter(watched, event)
