"""*Émargement* (check-in) of a workshop, made for speed at the door.

The search field has the focus when the screen opens: type the first letters of a name,
Entrée marks the first match present and selects the text for the next name. In the list,
Espace or Entrée (or one click in the « Présence » column) toggles the selected parent.
Walk-ins are added inline, « Tous présents » marks everyone registered, the anonymous counts
sit on the right, and « Marquer l’atelier comme réalisé » closes the session.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.entities import AnonymousCounts
from mediator_app.core.enums import Presence, RegistrationStatus, WorkshopStatus
from mediator_app.core.errors import ValidationError
from mediator_app.core.rules import fold
from mediator_app.core.validation import format_phone
from mediator_app.local_store.services.attendance import MAX_CHILDREN, CheckInRow
from mediator_app.local_store.services.parents_ressource import ParentRessourceService
from mediator_app.local_store.services.workshops import WorkshopRow
from mediator_app.local_store.unit_of_work import Result
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.core_labels import label
from mediator_app.ui.models.base import RowTableModel
from mediator_app.ui.ops import Action, WriteOp
from mediator_app.ui.widgets.anonymous_counts_panel import AnonymousCountsPanel
from mediator_app.ui.widgets.french import caption as french_caption
from mediator_app.ui.widgets.french import (
    error_label,
    long_date,
    number,
    plural,
    show_error,
    show_errors,
    time_text,
)
from mediator_app.ui.widgets.icons import set_icon
from mediator_app.ui.widgets.labels import bold_label
from mediator_app.ui.widgets.tables import fit_columns, row_table
from mediator_app.ui.widgets.timers import single_shot

log = logging.getLogger(__name__)

CHILDREN_DELAY_MS = 500


class CheckInColumn(IntEnum):
    PRESENCE = 0
    NAME = 1
    PHONE = 2
    REGISTRATION = 3
    CHILDREN = 4
    CO_FACILITATION = 5


def row_key(row: CheckInRow) -> str:
    """A stable key of a line (a quick contact has no participant yet)."""
    return str(row.participant_id or row.registration_id)


def presence_text(presence: Presence | None) -> str:
    if presence is Presence.PRESENT:
        return "✓ " + label(presence)
    if presence is None:
        return "—"
    return label(presence)


def registration_text(row: CheckInRow) -> str:
    if row.registration_status is None:
        return QCoreApplication.translate("CheckInPage", "Sur place")
    if row.registration_status is RegistrationStatus.WAITLIST:
        return QCoreApplication.translate("CheckInPage", "Liste d’attente")
    if row.participant_id is None:
        return QCoreApplication.translate("CheckInPage", "Inscrit·e (contact rapide)")
    return label(row.registration_status)


def co_facilitation_text(row: CheckInRow) -> str:
    """« ✓ Co-anime » for a Parent Ressource co-facilitating, « Ressource » for one who
    could (a Parent Ressource), nothing for the others."""
    if row.co_facilitated:
        return QCoreApplication.translate("CheckInPage", "✓ Co-anime")
    if row.parent_resource:
        return QCoreApplication.translate("CheckInPage", "Ressource")
    return ""


class CheckInTableModel(RowTableModel[CheckInRow]):
    """The people of the check-in list (already filtered by the page)."""

    numeric_columns = frozenset({CheckInColumn.CHILDREN})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__((), parent)
        self._headers = (
            self.tr("Présence"),
            self.tr("Nom"),
            self.tr("Téléphone"),
            self.tr("Inscription"),
            self.tr("Enfants"),
            self.tr("Co-animation"),
        )

    def row_of(self, key: str) -> int:
        return self.find_row(lambda r: row_key(r) == key)

    def cell(self, item: CheckInRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and column == CheckInColumn.PRESENCE:
            present = item.presence is Presence.PRESENT
            return Qt.CheckState.Checked if present else Qt.CheckState.Unchecked
        return super().cell(item, column, role)

    def tooltip(self, item: CheckInRow, column: int) -> str | None:
        if column == CheckInColumn.CO_FACILITATION and item.parent_resource:
            if item.co_facilitated:
                return self.tr("Parent Ressource : co-anime cet atelier")
            return self.tr("Parent Ressource : peut co-animer cet atelier")
        if column == CheckInColumn.NAME:
            return self.display(item, column)
        return None

    def display(self, item: CheckInRow, column: int) -> str:
        col = CheckInColumn(column)
        if col is CheckInColumn.PRESENCE:
            return presence_text(item.presence)
        if col is CheckInColumn.NAME:
            return f"{item.last_name.upper()} {item.first_name}".strip()
        if col is CheckInColumn.PHONE:
            return format_phone(item.phone)
        if col is CheckInColumn.REGISTRATION:
            return registration_text(item)
        if col is CheckInColumn.CO_FACILITATION:
            return co_facilitation_text(item)
        return number(item.children_count) if item.presence is Presence.PRESENT else ""

    def sort_key(self, item: CheckInRow, column: int) -> Any:
        col = CheckInColumn(column)
        if col is CheckInColumn.NAME:
            return f"{fold(item.last_name)} {fold(item.first_name)}"
        if col is CheckInColumn.CHILDREN:
            return item.children_count
        return self.display(item, column)


class CheckInPage(QWidget):
    """The check-in screen of one workshop; ``open_workshop(row)`` before showing it.

    Signals:
        back_requested: the user wants the workshop list again.
        emargement_requested(object): print the sheet of this ``WorkshopRow``.
    """

    back_requested = Signal()
    emargement_requested = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_emargement")
        self._ctx = ctx
        self._workshop: WorkshopRow | None = None
        self._all: tuple[CheckInRow, ...] = ()
        self._selected_key = ""
        self._loading_children = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 12, 10, 12)
        outer.setSpacing(8)

        header = QHBoxLayout()
        self.back_button = QPushButton(self.tr("← &Ateliers"), self)
        self.back_button.setObjectName("back_button")
        self.back_button.setAccessibleName(self.tr("Retour à la liste des ateliers"))
        header.addWidget(self.back_button)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.title_label = bold_label("", self, 1.35)
        self.title_label.setObjectName("checkin_title_label")
        self.when_label = QLabel(self)
        self.when_label.setObjectName("checkin_when_label")
        titles.addWidget(self.title_label)
        titles.addWidget(self.when_label)
        header.addLayout(titles, 1)
        self.summary_label = bold_label("", self, 1.15)
        self.summary_label.setObjectName("checkin_summary_label")
        header.addWidget(self.summary_label)
        outer.addLayout(header)

        body = QHBoxLayout()
        body.setSpacing(16)
        left = QVBoxLayout()
        left.setSpacing(6)
        search_row = QHBoxLayout()
        search_label = QLabel(self.tr("&Rechercher\u00a0:"), self)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("checkin_search_edit")
        self.search_edit.setPlaceholderText(
            self.tr("Premières lettres du nom ou du prénom, puis Entrée pour marquer présent")
        )
        self.search_edit.setClearButtonEnabled(True)
        search_label.setBuddy(self.search_edit)
        search_row.addWidget(search_label)
        search_row.addWidget(self.search_edit, 1)
        self.all_present_button = QPushButton(self.tr("&Tous présents"), self)
        set_icon(self.all_present_button, "check")
        self.all_present_button.setObjectName("all_present_button")
        search_row.addWidget(self.all_present_button)
        left.addLayout(search_row)

        self.model = CheckInTableModel(self)
        self.view = row_table("checkin_view", self.model, self, self.tr("Parents attendus"))
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.view.setToolTip(self.tr("Espace ou Entrée\u00a0: présent / pas présent"))
        # The name takes the room; on a narrow window (125 %, a small laptop) the
        # registration then the phone give way, never the name nor the co-facilitation.
        fit_columns(
            self.view,
            (CheckInColumn.NAME,),
            optional=(CheckInColumn.REGISTRATION, CheckInColumn.PHONE),
        )
        left.addWidget(self.view, 1)

        children_row = QHBoxLayout()
        self.children_spin = QSpinBox(self)
        self.children_spin.setObjectName("children_spin")
        self.children_spin.setRange(0, MAX_CHILDREN)
        children_label = QLabel(self.tr("&Enfants venus avec ce parent\u00a0:"), self)
        children_label.setBuddy(self.children_spin)
        children_row.addWidget(children_label)
        children_row.addWidget(self.children_spin)
        children_row.addStretch(1)
        self.co_facilitated_button = QPushButton(
            self.tr("Co-anime l’atelier (Parent Ressour&ce)"), self
        )
        self.co_facilitated_button.setObjectName("co_facilitated_button")
        self.co_facilitated_button.setToolTip(
            self.tr(
                "Le parent choisi, Parent Ressource (case cochée sur sa fiche), co-anime cet "
                "atelier : il est marqué présent."
            )
        )
        left.addLayout(children_row)
        self.children_error = error_label("children_count", self)
        left.addWidget(self.children_error)
        resource_row = QHBoxLayout()
        resource_row.addWidget(self.co_facilitated_button)
        resource_row.addStretch(1)
        left.addLayout(resource_row)

        walk_title = QLabel(self.tr("<b>Arrivé·e sans inscription</b>"), self)
        left.addWidget(walk_title)
        walk = QGridLayout()
        walk.setHorizontalSpacing(6)
        walk.setVerticalSpacing(2)
        self.walkin_first_edit = QLineEdit(self)
        self.walkin_first_edit.setObjectName("walkin_first_edit")
        self.walkin_last_edit = QLineEdit(self)
        self.walkin_last_edit.setObjectName("walkin_last_edit")
        self.walkin_phone_edit = QLineEdit(self)
        self.walkin_phone_edit.setObjectName("walkin_phone_edit")
        self.walkin_phone_edit.setPlaceholderText(self.tr("facultatif"))
        self.walkin_add_button = QPushButton(self.tr("A&jouter présent·e"), self)
        set_icon(self.walkin_add_button, "plus")
        self.walkin_add_button.setObjectName("walkin_add_button")
        self._walkin_errors = {
            "first_name": error_label("first_name", self),
            "last_name": error_label("last_name", self),
            "phone": error_label("phone", self),
        }
        for position, (text, edit, key) in enumerate(
            (
                (self.tr("Pré&nom"), self.walkin_first_edit, "first_name"),
                (self.tr("N&om"), self.walkin_last_edit, "last_name"),
                (self.tr("Télé&phone"), self.walkin_phone_edit, "phone"),
            )
        ):
            caption = QLabel(french_caption(text), self)
            caption.setBuddy(edit)
            walk.addWidget(caption, 0, position)
            walk.addWidget(edit, 1, position)
            walk.addWidget(self._walkin_errors[key], 2, position)
        walk.addWidget(self.walkin_add_button, 1, 3)
        left.addLayout(walk)
        self.walkin_error = error_label("walkin", self)
        left.addWidget(self.walkin_error)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("checkin_message_label")
        self.message_label.setWordWrap(True)
        left.addWidget(self.message_label)
        body.addLayout(left, 3)

        right = QVBoxLayout()
        right.setSpacing(6)
        self.counts_panel = AnonymousCountsPanel(self)
        scroll = QScrollArea(self)
        scroll.setWidget(self.counts_panel)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMinimumWidth(self.counts_panel.sizeHint().width() + 24)
        right.addWidget(scroll, 1)
        self.mark_held_error = error_label("mark_held", self)
        right.addWidget(self.mark_held_error)
        actions = QHBoxLayout()
        self.emargement_button = QPushButton(self.tr("&Feuille d’émargement"), self)
        set_icon(self.emargement_button, "file-text")
        self.emargement_button.setObjectName("checkin_emargement_button")
        self.mark_held_button = QPushButton(self.tr("Marquer l’atelier comme ré&alisé"), self)
        set_icon(self.mark_held_button, "circle-check")
        self.mark_held_button.setObjectName("checkin_mark_held_button")
        actions.addWidget(self.emargement_button)
        actions.addWidget(self.mark_held_button)
        right.addLayout(actions)
        body.addLayout(right, 2)
        outer.addLayout(body, 1)

        self._children_timer = single_shot(self, CHILDREN_DELAY_MS, self._on_children_timer_timeout)

        self.back_button.clicked.connect(self.back_requested)
        self.search_edit.textChanged.connect(self._apply_filter)
        self.search_edit.installEventFilter(self)
        self.view.installEventFilter(self)
        self.view.clicked.connect(self._on_view_clicked)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.all_present_button.clicked.connect(self.mark_all_present)
        self.co_facilitated_button.clicked.connect(self._on_co_facilitated_button_clicked)
        self.children_spin.valueChanged.connect(self._on_children_spin_changed)
        self.walkin_add_button.clicked.connect(self.add_walk_in)
        for edit in (self.walkin_first_edit, self.walkin_last_edit, self.walkin_phone_edit):
            edit.returnPressed.connect(self.add_walk_in)
        self.counts_panel.save_requested.connect(self.save_counts)
        self.mark_held_button.clicked.connect(self.mark_held)
        self.emargement_button.clicked.connect(self._on_emargement_button_clicked)
        chain: list[QWidget] = [
            self.search_edit,
            self.view,
            self.all_present_button,
            self.children_spin,
            self.walkin_first_edit,
            self.walkin_last_edit,
            self.walkin_phone_edit,
            self.walkin_add_button,
            self.counts_panel,
            self.emargement_button,
            self.mark_held_button,
            self.back_button,
        ]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)
        self._update_children_spin()

    # --- public API -------------------------------------------------------------------

    @property
    def workshop(self) -> WorkshopRow | None:
        return self._workshop

    def open_workshop(self, row: WorkshopRow) -> None:
        """Show the check-in of ``row``; the search field gets the focus."""
        self._workshop = row
        w = row.workshop
        self.title_label.setText(w.title or label(w.format))
        when = long_date(w.date)
        if w.start_time is not None:
            when += self.tr(" à {time}").format(time=time_text(w.start_time))
        self.when_label.setText(f"{when} · {label(w.format)} · {label(w.status)}")
        self.search_edit.clear()
        self.message_label.clear()
        show_error(self.mark_held_error, "")
        show_errors(self._walkin_errors, {}, self.walkin_error)
        self.model.set_rows(())
        self._all = ()
        self._set_actions_enabled(w.status is not WorkshopStatus.CANCELLED)
        self.mark_held_button.setEnabled(w.status is WorkshopStatus.PLANNED)
        self.refresh(load_counts=True)
        self.search_edit.setFocus()

    def refresh(self, *, load_counts: bool = False) -> None:
        if self._workshop is None:
            return
        workshop_id = self._workshop.workshop.id
        services = self._ctx.services

        def read(_t: Any) -> tuple[list[CheckInRow], AnonymousCounts | None, WorkshopRow | None]:
            counts = services.workshops.anonymous_counts(workshop_id) if load_counts else None
            return (
                services.attendance.check_in_list(workshop_id),
                counts,
                services.workshops.row(workshop_id),
            )

        def done(res: tuple[list[CheckInRow], AnonymousCounts | None, WorkshopRow | None]) -> None:
            if self._workshop is None or self._workshop.workshop.id != workshop_id:
                return
            rows, counts, fresh = res
            if fresh is not None:
                self._workshop = fresh
            self._all = tuple(rows)
            self._apply_filter()
            if load_counts:
                self.counts_panel.set_counts(counts)
            self._show_summary()

        self._ctx.runner.run(read, on_done=done)

    def toggle(self, row: CheckInRow, *, only_mark: bool = False) -> None:
        """Present ↔ not present, in one transaction (``only_mark``: never un-mark)."""
        if self._workshop is None:
            return
        if only_mark and row.presence is Presence.PRESENT:
            self.message_label.setText(
                self.tr("« {name} » est déjà noté·e présent·e.").format(name=row.display_name)
            )
            return
        workshop_id = self._workshop.workshop.id
        svc = self._ctx.services.attendance
        self._selected_key = row_key(row)
        name = row.display_name
        if row.presence is Presence.PRESENT and row.participant_id is not None:
            pid = row.participant_id

            def work(_s: Services) -> Result[Any]:
                return svc.unmark(workshop_id, pid)

            message = self.tr("« {name} » n’est plus noté·e présent·e.").format(name=name)
            if row.co_facilitated:
                # Absent ⇒ no longer co-facilitating (core.rules.co_facilitates): said.
                message = self.tr(
                    "« {name} » n’est plus noté·e présent·e : il ou elle ne sera plus "
                    "compté·e comme co-animateur·rice de cet atelier (Parent Ressource)."
                ).replace("{name}", name)
        elif row.participant_id is not None:
            pid, kids = row.participant_id, row.children_count

            def work(_s: Services) -> Result[Any]:
                return svc.mark(workshop_id, pid, Presence.PRESENT, kids)

            message = self.tr("✓ « {name} » est présent·e.").format(name=name)
        elif row.registration_id is not None:
            reg_id = row.registration_id

            def work(_s: Services) -> Result[Any]:
                return svc.mark_contact(reg_id)

            message = self.tr("✓ « {name} » est présent·e (fiche parent créée).").format(name=name)
        else:
            return

        def done(value: Any) -> None:
            if row.participant_id is None and row.registration_id is not None:
                self._selected_key = str(value.participant.id)
            self.message_label.setText(message)

        self._write(work, done)

    def mark_all_present(self) -> None:
        if self._workshop is None:
            return
        workshop_id = self._workshop.workshop.id
        svc = self._ctx.services.attendance

        def done(count: int) -> None:
            self.message_label.setText(
                "✓ "
                + plural(
                    count,
                    self.tr("{n} personne de plus notée présente."),
                    self.tr("{n} personnes de plus notées présentes."),
                )
            )

        self._write(lambda _s: svc.mark_all_present(workshop_id), done)

    def add_walk_in(self) -> None:
        """A parent who came without registering: record, registration and presence."""
        if self._workshop is None:
            return
        workshop_id = self._workshop.workshop.id
        first = self.walkin_first_edit.text()
        last = self.walkin_last_edit.text()
        phone = self.walkin_phone_edit.text().strip() or None
        svc = self._ctx.services.attendance

        def done(value: Any) -> None:
            self._selected_key = str(value.participant.id)
            for edit in (self.walkin_first_edit, self.walkin_last_edit, self.walkin_phone_edit):
                edit.clear()
            self.walkin_first_edit.setFocus()
            self.message_label.setText(
                self.tr("✓ « {name} » ajouté·e et noté·e présent·e.").format(
                    name=f"{first.strip()} {last.strip()}".strip()
                )
            )

        def invalid(error: ValidationError) -> None:
            show_errors(self._walkin_errors, error.errors, self.walkin_error)

        show_errors(self._walkin_errors, {}, self.walkin_error)
        self._write(
            lambda _s: svc.mark_walk_in(workshop_id, first, last, phone),
            done,
            invalid=invalid,
            refused=self.walkin_error,
        )

    def save_counts(self) -> None:
        if self._workshop is None:
            return
        workshop_id = self._workshop.workshop.id
        values = self.counts_panel.values()
        svc = self._ctx.services.workshops

        def done(counts: AnonymousCounts) -> None:
            self.counts_panel.set_counts(counts)
            self.message_label.setText(self.tr("✓ Comptes anonymes enregistrés."))

        self._write(
            lambda _s: svc.set_anonymous_counts(workshop_id, **values),
            done,
            invalid=self._counts_invalid,
            refused=self.mark_held_error,
        )

    def mark_held(self) -> None:
        """Save the counts if they changed, then mark the workshop held (two actions)."""
        if self._workshop is None:
            return
        workshop_id = self._workshop.workshop.id
        svc = self._ctx.services.workshops
        counts = self.counts_panel.values() if self.counts_panel.dirty else None

        def work(_t: Any) -> Result[Any]:
            changes: frozenset[str] = frozenset()
            if counts is not None:
                changes = svc.set_anonymous_counts(workshop_id, **counts).changes
            held = svc.mark_held(workshop_id)
            return Result(held.value, changes | held.changes)

        def done(_value: Any) -> None:
            self.counts_panel.dirty = False
            show_error(self.mark_held_error, "")
            self.mark_held_button.setEnabled(False)
            self.message_label.setText(self.tr("✓ Atelier marqué comme réalisé."))

        def invalid(error: ValidationError) -> None:
            if "status" not in error.errors:
                self._counts_invalid(error)
            else:
                show_error(self.mark_held_error, error.errors["status"])

        show_error(self.mark_held_error, "")
        self._write(
            work,
            done,
            invalid=invalid,
            refused=self.mark_held_error,
            load_counts=counts is not None,
        )

    # --- internals --------------------------------------------------------------------

    def _write(
        self,
        work: Action[Any],
        done: Callable[[Any], object],
        *,
        invalid: Callable[[ValidationError], object] | None = None,
        refused: QLabel | None = None,
        load_counts: bool = False,
    ) -> None:
        """One mark through ``WriteOp``: field errors to ``invalid``, any other refusal's
        French message to ``refused`` (the walk-in line's message by default)."""

        def on_done(value: Any) -> None:
            done(value)
            self.refresh(load_counts=load_counts)

        op = WriteOp(self._ctx, self, work).success(on_done)
        if invalid is not None:
            op.failure(invalid)
        op.message_to(refused if refused is not None else self.walkin_error).run()

    def _counts_invalid(self, error: ValidationError) -> None:
        self.counts_panel.show_errors(error.errors)

    def _set_actions_enabled(self, enabled: bool) -> None:
        for w in (
            self.all_present_button,
            self.walkin_add_button,
            self.counts_panel,
            self.mark_held_button,
        ):
            w.setEnabled(enabled)

    def _show_summary(self) -> None:
        present = sum(1 for r in self._all if r.presence is Presence.PRESENT)
        registered = sum(
            1 for r in self._all if r.registration_status is RegistrationStatus.REGISTERED
        )
        self.summary_label.setText(
            plural(present, self.tr("{n} présent·e"), self.tr("{n} présent·es"))
            + " / "
            + plural(registered, self.tr("{n} inscrit·e"), self.tr("{n} inscrit·es"))
        )
        if self._workshop is not None:
            held = self._workshop.workshop.status is WorkshopStatus.HELD
            self.mark_held_button.setEnabled(
                self._workshop.workshop.status is WorkshopStatus.PLANNED
            )
            if held:
                self.mark_held_button.setText(self.tr("✓ Atelier réalisé"))
            else:
                self.mark_held_button.setText(self.tr("Marquer l’atelier comme ré&alisé"))

    def _matches(self) -> tuple[CheckInRow, ...]:
        needle = fold(self.search_edit.text())
        if not needle:
            return self._all

        def hit(r: CheckInRow) -> bool:
            first, last = fold(r.first_name), fold(r.last_name)
            return (
                first.startswith(needle)
                or last.startswith(needle)
                or f"{first} {last}".startswith(needle)
                or f"{last} {first}".startswith(needle)
                or any(word.startswith(needle) for word in last.split())
            )

        return tuple(r for r in self._all if hit(r))

    def _apply_filter(self, *_args: Any) -> None:
        self.model.set_rows(self._matches())
        row = self.model.row_of(self._selected_key) if self._selected_key else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.view.selectRow(row)
        self._update_children_spin()

    def _current(self) -> CheckInRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_children_spin(self) -> None:
        row = self._current()
        self._loading_children = True
        try:
            self.children_spin.setValue(row.children_count if row is not None else 0)
        finally:
            self._loading_children = False
        self.children_spin.setEnabled(
            row is not None and row.presence is Presence.PRESENT and row.participant_id is not None
        )
        self._update_co_facilitated_button()

    # --- slots ------------------------------------------------------------------------

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row())
        if row is not None:
            self._selected_key = row_key(row)
        self._update_children_spin()

    def _on_view_clicked(self, index: QModelIndex) -> None:
        if index.column() == CheckInColumn.PRESENCE:
            row = self.model.row_at(index.row())
            if row is not None:
                self.toggle(row)

    def _on_children_spin_changed(self, _value: int) -> None:
        if not self._loading_children:
            self._children_timer.start()

    def _on_co_facilitated_button_clicked(self) -> None:
        """Record that the chosen Parent Ressource co-facilitates the workshop, or, when
        they already do, that they no longer do (they stay present)."""
        row = self._current()
        if self._workshop is None or row is None or row.participant_id is None:
            show_error(self.walkin_error, self.tr("Choisissez d’abord le parent dans la liste."))
            return
        workshop_id, pid = self._workshop.workshop.id, row.participant_id
        svc = ParentRessourceService(self._ctx.store)
        name = row.display_name
        value = not row.co_facilitated
        if value:
            message = self.tr("✓ {name} co-anime cet atelier (Parent Ressource).")
        else:
            message = self.tr(
                "{name} ne co-anime plus cet atelier : il ou elle reste noté·e présent·e."
            )

        def done(_value: Any) -> None:
            show_error(self.walkin_error, "")
            self.message_label.setText(message.replace("{name}", name))

        self._write(lambda _s: svc.set_co_facilitated(workshop_id, pid, value), done)

    def _update_co_facilitated_button(self) -> None:
        row = self._current()
        if row is not None and row.co_facilitated:
            self.co_facilitated_button.setText(
                self.tr("Ne co-anime plus l’atelier (Parent Ressour&ce)")
            )
        else:
            self.co_facilitated_button.setText(self.tr("Co-anime l’atelier (Parent Ressour&ce)"))
        self.co_facilitated_button.setEnabled(
            row is not None
            and row.participant_id is not None
            and (row.parent_resource or row.co_facilitated)
            and self._workshop is not None
            and self._workshop.workshop.status is not WorkshopStatus.CANCELLED
        )

    def _on_children_timer_timeout(self) -> None:
        row = self._current()
        if self._workshop is None or row is None or row.participant_id is None:
            return
        workshop_id, pid = self._workshop.workshop.id, row.participant_id
        kids = self.children_spin.value()
        svc = self._ctx.services.attendance

        def invalid(error: ValidationError) -> None:
            show_error(self.children_error, error.errors.get("children_count", error.message))

        show_error(self.children_error, "")
        self._write(
            lambda _s: svc.mark(workshop_id, pid, Presence.PRESENT, kids),
            lambda _value: None,
            invalid=invalid,
            refused=self.children_error,
        )

    def _on_emargement_button_clicked(self) -> None:
        if self._workshop is not None:
            self.emargement_requested.emit(self._workshop)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if watched is self.view and key in (
                Qt.Key.Key_Space,
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
            ):
                row = self._current()
                if row is not None:
                    self.toggle(row)
                return True
            if watched is self.search_edit:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    row = self._current()
                    if row is not None and self.search_edit.text().strip():
                        self.toggle(row, only_mark=True)
                        self.search_edit.selectAll()
                    return True
                if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
                    self.view.setFocus()
                    return True
        return super().eventFilter(watched, event)
