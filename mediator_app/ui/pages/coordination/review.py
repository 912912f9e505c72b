"""The *Validation* tab: the review queue, its filters and the workshop's detail."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from typing import Any
from uuid import UUID

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.enums import ReviewStatus, Theme, WorkshopFormat
from mediator_app.core.errors import KnownError, ValidationError
from mediator_app.local_store.services.common import Page
from mediator_app.local_store.services.review import ReviewChoices, ReviewCounts
from mediator_app.local_store.services.workshops import WorkshopFilter, WorkshopRow
from mediator_app.ui.core_labels import label, workshop_place
from mediator_app.ui.models.review_table import (
    ReviewColumn,
    ReviewTableModel,
    review_status_text,
)
from mediator_app.ui.ops import Action, WriteOp
from mediator_app.ui.pages.coordination.shared import (
    NBSP,
    PAGE_SIZE,
    REVIEW_TABS,
    CoordinationBase,
    fr,
    page_table,
)
from mediator_app.ui.tasks import CancelToken
from mediator_app.ui.widgets.empty_state import detail_or_empty
from mediator_app.ui.widgets.french import caption as french_caption
from mediator_app.ui.widgets.french import number, plural, qdate
from mediator_app.ui.widgets.tables import source_row, view_row


@dataclass(frozen=True)
class ReviewLoad:
    choices: ReviewChoices
    counts: ReviewCounts
    all_count: int
    page: Page[WorkshopRow]
    #: Workshops to review whatever the filters (the tab's title says them all).
    to_review_anywhere: int


class ReviewTab(CoordinationBase):
    """The review queue: filters, status tabs, the list and the detail with its decision."""

    _review_token: CancelToken | None
    _review_generation: int
    _selected_id: UUID | None

    def _build_review_tab(self) -> QWidget:
        tab = QWidget(self)
        tab.setObjectName("review_tab")
        outer = QVBoxLayout(tab)
        outer.setContentsMargins(8, 8, 8, 8)

        filters = QGridLayout()
        filters.setHorizontalSpacing(8)
        self._owner_combo = QComboBox(tab)
        self._owner_combo.setObjectName("owner_combo")
        self._theme_combo = QComboBox(tab)
        self._theme_combo.setObjectName("theme_combo")
        self._format_combo = QComboBox(tab)
        self._format_combo.setObjectName("format_combo")
        for combo in (
            self._owner_combo,
            self._theme_combo,
            self._format_combo,
        ):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(10)
        self._owner_combo.addItem(self.tr("Tous"), None)
        self._theme_combo.addItem(self.tr("Toutes"), None)
        for theme in Theme:
            self._theme_combo.addItem(label(theme), theme.value)
        self._format_combo.addItem(self.tr("Tous"), None)
        for fmt in WorkshopFormat:
            self._format_combo.addItem(label(fmt), fmt)
        # The period, département and structure are the page's filter bar, above the tabs.
        for column, (text, widget) in enumerate(
            (
                (self.tr("Médiateur·&rice"), self._owner_combo),
                (self.tr("T&hématique"), self._theme_combo),
                (self.tr("&Format"), self._format_combo),
            )
        ):
            lab = QLabel(french_caption(text), tab)
            lab.setBuddy(widget)
            filters.addWidget(lab, 0, column)
            filters.addWidget(widget, 1, column)
        filters.setColumnStretch(3, 1)
        outer.addLayout(filters)
        for combo in (
            self._owner_combo,
            self._theme_combo,
            self._format_combo,
        ):
            combo.currentIndexChanged.connect(self._schedule_review_reload)

        self._status_tabs = QTabBar(tab)
        self._status_tabs.setObjectName("review_status_tabs")
        self._status_tabs.setAccessibleName(self.tr("État de vérification"))
        self._status_tabs.setExpanding(False)
        # Fusion draws unselected tabs 2 px lower, which clips the accent of « À corriger »;
        # more room above the text (padding only, the palette's colours are kept).
        self._status_tabs.setStyleSheet("QTabBar::tab { padding: 7px 12px 5px 12px; }")
        for status in REVIEW_TABS:
            self._status_tabs.addTab(self._status_tab_text(status, None))
        self._status_tabs.currentChanged.connect(self._schedule_review_reload)
        outer.addWidget(self._status_tabs)

        split = QSplitter(Qt.Orientation.Horizontal, tab)
        split.setChildrenCollapsible(False)
        self.review_model = ReviewTableModel(self._choices.structure_name, self)
        self.review_model.more_requested.connect(self._on_review_more_requested)
        self.review_table = page_table(
            "review_table",
            self.review_model,
            split,
            self.tr("Ateliers à vérifier"),
            (ReviewColumn.TITLE,),
            # The detail beside the list shows them all: they give way on a narrow window.
            (ReviewColumn.PARTICIPANTS, ReviewColumn.STRUCTURE, ReviewColumn.FORMAT),
        )
        self.review_table.selectionModel().currentRowChanged.connect(
            self._on_review_current_changed
        )
        split.addWidget(self.review_table)
        # In a scroll area: at 125 % on a 720 px screen the detail is taller than the room.
        detail_scroll = QScrollArea(split)
        detail_scroll.setObjectName("review_detail_scroll")
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        detail_scroll.setWidget(self._build_detail(detail_scroll))
        # With nothing chosen, one calm message instead of a column of empty labels.
        self._detail_or_empty = detail_or_empty(
            detail_scroll,
            split,
            name="review_detail",
            icon_name="circle-check",
            title=self.tr("Aucun atelier sélectionné"),
            hint=self.tr("Choisissez un atelier dans la liste pour le vérifier."),
        )
        split.addWidget(self._detail_or_empty)
        self._show_detail(None)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([620, 380])
        outer.addWidget(split, 1)
        self._review_message = QLabel(tab)
        self._review_message.setObjectName("review_message_label")
        self._review_message.setWordWrap(True)
        outer.addWidget(self._review_message)

        order = [
            self._owner_combo,
            self._theme_combo,
            self._format_combo,
            self._status_tabs,
            self.review_table,
            self._comment_edit,
            self._validate_button,
            self._send_back_button,
        ]
        for a, b in itertools.pairwise(order):
            QWidget.setTabOrder(a, b)
        return tab

    def _build_detail(self, parent: QWidget) -> QWidget:
        box = QGroupBox(self.tr("Détail de l’atelier"), parent)
        box.setObjectName("review_detail")
        box.setMinimumWidth(320)
        layout = QVBoxLayout(box)
        self._detail_title = QLabel(self.tr("Choisissez un atelier dans la liste."), box)
        self._detail_title.setObjectName("detail_title_label")
        self._detail_title.setWordWrap(True)
        font = QFont(self._detail_title.font())
        font.setBold(True)
        self._detail_title.setFont(font)
        layout.addWidget(self._detail_title)
        facts = QFormLayout()
        facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._facts: dict[str, QLabel] = {}
        for key, caption in (
            ("when", self.tr("Date")),
            ("format", self.tr("Format")),
            ("owner", self.tr("Médiateur·rice")),
            ("organizer", self.tr("Structure organisatrice")),
            ("place", self.tr("Lieu")),
            ("school", self.tr("École")),
            ("themes", self.tr("Thématiques")),
            ("counts", self.tr("Participants")),
            ("status", self.tr("Vérification")),
            ("comment", self.tr("Dernier commentaire")),
        ):
            value = QLabel(box)
            value.setObjectName(f"detail_{key}_label")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            facts.addRow(french_caption(caption), value)
            self._facts[key] = value
        layout.addLayout(facts)
        comment_label = QLabel(french_caption(self.tr("&Commentaire pour la correction")), box)
        self._comment_edit = QPlainTextEdit(box)
        self._comment_edit.setObjectName("review_comment_edit")
        self._comment_edit.setTabChangesFocus(True)
        self._comment_edit.setPlaceholderText(
            self.tr("Ce qu’il faut corriger (envoyé au·à la médiateur·rice)")
        )
        self._comment_edit.setMaximumHeight(80)
        comment_label.setBuddy(self._comment_edit)
        layout.addWidget(comment_label)
        layout.addWidget(self._comment_edit)
        self._comment_error = QLabel(box)
        self._comment_error.setObjectName("review_comment_error")
        self._comment_error.setWordWrap(True)
        self._comment_error.hide()
        layout.addWidget(self._comment_error)
        buttons = QHBoxLayout()
        self._validate_button = QPushButton(self.tr("&Valider"), box)
        self._validate_button.setObjectName("validate_button")
        self._send_back_button = QPushButton(self.tr("Renvoyer pour &correction"), box)
        self._send_back_button.setObjectName("send_back_button")
        self._validate_button.clicked.connect(self._on_validate_clicked)
        self._send_back_button.clicked.connect(self._on_send_back_clicked)
        buttons.addWidget(self._validate_button)
        buttons.addWidget(self._send_back_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return box

    def select_workshop(self, workshop_id: UUID) -> bool:
        """Select a workshop of the loaded queue (keyboard users and tests)."""
        row = view_row(self.review_table, self.review_model.row_of(workshop_id))
        if row < 0:
            return False
        self.review_table.setCurrentIndex(self.review_table.model().index(row, 0))
        return True

    def set_review_status_tab(self, status: ReviewStatus | None) -> None:
        self._status_tabs.setCurrentIndex(REVIEW_TABS.index(status))

    def _status_tab_text(self, status: ReviewStatus | None, n: int | None) -> str:
        name = label(status) if status is not None else self.tr("Tous")
        return name if n is None else f"{name} ({number(n)})"

    def _review_filter(self) -> WorkshopFilter:
        """The page's filter (period, département, structure) and the queue's own."""
        theme = self._theme_combo.currentData()
        return WorkshopFilter.of_view(
            self.view_filter.value(),
            format=self._format_combo.currentData(),
            theme=str(theme) if theme else None,
            owner_id=self._owner_combo.currentData(),
        )

    def _schedule_review_reload(self, *_args: Any) -> None:
        self.reload_review()

    def reload_review(self) -> None:
        """Re-read the queue's counts and first page with the current filters."""
        flt = self._review_filter()
        status = REVIEW_TABS[max(self._status_tabs.currentIndex(), 0)]
        review = self._ctx.services.review
        self._review_generation += 1
        generation = self._review_generation

        def load(_token: CancelToken) -> ReviewLoad:
            counts = review.counts(flt)
            page = review.queue(replace(flt, review_status=status), limit=PAGE_SIZE)
            every = review.queue(flt, limit=1).total if status is not None else page.total
            pending = review.counts().to_review
            return ReviewLoad(review.choices(), counts, every, page, pending)

        self._ctx.runner.run(
            load,
            on_done=lambda res: self._on_review_loaded(generation, res),
            on_error=self._on_review_failed,
        )

    def _on_review_loaded(self, generation: int, res: ReviewLoad) -> None:
        if generation != self._review_generation:
            return  # a newer query is on its way
        self._set_choices(res.choices)
        counts = res.counts
        for n, status in enumerate(REVIEW_TABS):
            value = {
                ReviewStatus.TO_REVIEW: counts.to_review,
                ReviewStatus.NEEDS_CORRECTION: counts.needs_correction,
                ReviewStatus.VALIDATED: counts.validated,
                None: res.all_count,
            }[status]
            self._status_tabs.setTabText(n, self._status_tab_text(status, value))
        pending = res.to_review_anywhere
        self.tabs.setTabText(
            0,
            self.tr("&Validation ({n} à vérifier)").format(n=number(pending))
            if pending
            else self.tr("&Validation"),
        )
        keep = self._selected_id
        self.review_model.set_page(res.page)
        elsewhere = pending - counts.to_review
        notes = []
        if not res.page.total:
            notes.append(self.tr("Aucun atelier ne correspond à ces filtres."))
        if elsewhere > 0:
            # Nothing hidden silently: the queue beyond the filters is said.
            notes.append(
                plural(
                    elsewhere,
                    self.tr("ℹ {n} autre atelier à vérifier est hors de ces filtres."),
                    self.tr("ℹ {n} autres ateliers à vérifier sont hors de ces filtres."),
                )
            )
        self._review_message.setText(" ".join(notes))
        row = view_row(self.review_table, self.review_model.row_of(keep)) if keep else -1
        if row < 0 and self.review_model.rowCount() and self._selected_id is not None:
            row = 0
        if row >= 0:
            self.review_table.setCurrentIndex(self.review_table.model().index(row, 0))
        else:
            self._show_detail(None)

    def _on_review_failed(self, error: KnownError) -> None:
        self._review_message.setText(f"⚠ {error.message}")

    def _on_review_more_requested(self, offset: int) -> None:
        flt = self._review_filter()
        status = REVIEW_TABS[max(self._status_tabs.currentIndex(), 0)]
        review = self._ctx.services.review
        generation = self._review_generation

        def load(_token: CancelToken) -> Page[WorkshopRow]:
            return review.queue(replace(flt, review_status=status), offset=offset, limit=PAGE_SIZE)

        def done(page: Page[WorkshopRow]) -> None:
            if generation == self._review_generation:
                self.review_model.append_page(page)

        self._ctx.runner.run(load, on_done=done, on_error=self._on_review_failed)

    def _set_choices(self, choices: ReviewChoices) -> None:
        if choices == self._choices:
            return
        self._choices = choices
        self.review_model.set_structure_names(choices.structure_name)
        for combo, values in ((self._owner_combo, choices.owners),):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value_id, name in values:
                combo.addItem(name or self.tr("(sans nom)"), value_id)
            combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
            combo.blockSignals(False)

    def _current_row(self) -> WorkshopRow | None:
        table = self.review_table
        return self.review_model.row_at(source_row(table, table.currentIndex()))

    def _on_review_current_changed(self, current: Any, _previous: Any) -> None:
        row = self.review_model.row_at(source_row(self.review_table, current))
        self._show_detail(row)

    def _show_detail(self, row: WorkshopRow | None) -> None:
        self._comment_error.hide()
        enabled = row is not None and not self._ctx.store.read_only
        for widget in (self._validate_button, self._send_back_button, self._comment_edit):
            widget.setEnabled(enabled)
        self._detail_or_empty.set_empty(row is None)
        if row is None:
            self._selected_id = None
            self._detail_title.clear()
            for value in self._facts.values():
                value.clear()
            return
        if row.workshop.id != self._selected_id:
            self._comment_edit.clear()
        self._selected_id = row.workshop.id
        w = row.workshop
        self._detail_title.setText(w.title or self.tr("(sans titre)"))
        when = fr().toString(qdate(w.date), "dddd d MMMM yyyy")
        if w.start_time is not None:
            when += f" · {w.start_time:%H:%M}"
        hours, rest = divmod(w.duration_min, 60)
        length = f"{hours}{NBSP}h{NBSP}{rest:02d}" if hours else f"{rest}{NBSP}min"
        self._facts["when"].setText(f"{when} ({length})")
        self._facts["format"].setText(f"{label(w.format)} · {label(w.status)}")
        self._facts["owner"].setText(w.owner_name or self.tr("(inconnu)"))
        self._facts["organizer"].setText(
            self._structure_name(w.organizer_structure_id) or self.tr("(inconnue)")
        )
        self._facts["school"].setText(self._structure_name(w.school_id) or "—")
        self._facts["place"].setText(
            workshop_place(
                w.place_type,
                self._structure_name(w.venue_structure_id),
                w.venue_address,
                w.commune,
            )
        )
        self._facts["themes"].setText(", ".join(label(t) for t in w.themes))
        self._facts["counts"].setText(
            self.tr("{present} présent·es identifié·es, {anon} anonymes, {reg} inscrit·es").format(
                present=number(row.present),
                anon=number(row.anonymous_total),
                reg=number(row.registered),
            )
        )
        self._facts["status"].setText(review_status_text(w.review_status))
        self._facts["comment"].setText(w.review_comment or "—")
        self._validate_button.setEnabled(enabled and w.review_status is not ReviewStatus.VALIDATED)

    def _on_validate_clicked(self) -> None:
        row = self._current_row()
        if row is None:
            return
        workshop_id = row.workshop.id
        self._validate_button.setEnabled(False)
        self._review_write(lambda s: s.review.validate(workshop_id), self.tr("Atelier validé."))

    def _on_send_back_clicked(self) -> None:
        row = self._current_row()
        if row is None:
            return
        workshop_id = row.workshop.id
        comment = self._comment_edit.toPlainText()
        self._comment_error.hide()
        self._review_write(
            lambda s: s.review.send_back(workshop_id, comment),
            self.tr("Atelier renvoyé pour correction."),
        )

    def _review_write(self, action: Action[Any], message: str) -> None:
        """A review decision, on ``WriteOp``: broadcast (the mediators' lists, the
        dashboards), the sync nudged, then the queue re-read."""
        (
            WriteOp(self._ctx, self, action)
            .success(lambda _w: self._on_reviewed(message))
            .failure(self._on_review_refused)
            .message_to(self._on_review_write_failed)
            .run()
        )

    def _on_reviewed(self, message: str) -> None:
        self._comment_edit.clear()
        self._review_message.setText(f"✓ {message}")
        self.reload_review()

    def _on_review_refused(self, error: ValidationError) -> None:
        if "review_comment" not in error.errors:
            self._on_review_write_failed(error.message)
            return
        self._validate_button.setEnabled(self._current_row() is not None)
        self._comment_error.setText(f"⚠ {error.errors['review_comment']}")
        self._comment_error.show()
        self._comment_edit.setFocus()

    def _on_review_write_failed(self, message: str) -> None:
        self._validate_button.setEnabled(self._current_row() is not None)
        self._review_message.setText(f"⚠ {message}")
