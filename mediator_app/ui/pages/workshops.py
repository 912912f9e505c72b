"""*Ateliers*: the workshop list, its filters, the selected workshop's card and
registrations, the editor, the check-in screen and the *feuille d'émargement*.

Self-contained: ``WorkshopsPage(ctx, parent)`` with ``refresh()``, ``new_workshop()``
(Ctrl+N) and ``focus_search()`` (Ctrl+F); both shortcuts live on the page itself
(``WidgetWithChildrenShortcut``), so the main window needs no action of its own for them.
"""

from __future__ import annotations

import html
import itertools
import logging
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.entities import Structure, Workshop
from mediator_app.core.enums import ReviewStatus, Theme, WorkshopFormat, WorkshopStatus
from mediator_app.core.labels import workshop_place as french_workshop_place
from mediator_app.local_store.services.workshops import WorkshopFilter, WorkshopRow
from mediator_app.ui.context import AppContext
from mediator_app.ui.core_labels import label, workshop_place
from mediator_app.ui.dialogs.workshop_editor import WorkshopEditor
from mediator_app.ui.i18n import ui_locale
from mediator_app.ui.models.workshop_table import (
    ROW_ROLE,
    WorkshopColumn,
    WorkshopTableModel,
    review_text,
    sync_text,
)
from mediator_app.ui.pages.checkin import CheckInPage
from mediator_app.ui.widgets.emargement import EmargementExporter, file_name
from mediator_app.ui.widgets.empty_state import EmptyOr, EmptyState, detail_or_empty
from mediator_app.ui.widgets.french import caption as french_caption
from mediator_app.ui.widgets.french import (
    duration_text,
    error_label,
    long_date,
    number,
    places_text,
    plural,
    pydate,
    qdate,
    show_error,
    time_text,
)
from mediator_app.ui.widgets.icons import icon, set_icon
from mediator_app.ui.widgets.labels import bold_label
from mediator_app.ui.widgets.printing import DocumentPrinter
from mediator_app.ui.widgets.registrations_panel import RegistrationsPanel
from mediator_app.ui.widgets.screen_fit import CurrentPageStack, scrolling
from mediator_app.ui.widgets.tables import row_table, view_row
from mediator_app.ui.widgets.timers import single_shot

log = logging.getLogger(__name__)

FILTER_DELAY_MS = 250
WATCHED = frozenset({"workshop", "registration", "attendance", "anonymous_counts", "participant"})

PERIODS = (
    ("all", "Toutes les dates"),
    ("week", "Cette semaine"),
    ("month", "Ce mois-ci"),
    ("upcoming", "À venir"),
    ("past", "Passés"),
    ("custom", "Personnalisée…"),
)
# The periods' wordings, literal for lupdate (the combo shows ``self.tr(text)``).
_PERIOD_WORDS = (
    QT_TRANSLATE_NOOP("WorkshopsPage", "Toutes les dates"),
    QT_TRANSLATE_NOOP("WorkshopsPage", "Cette semaine"),
    QT_TRANSLATE_NOOP("WorkshopsPage", "Ce mois-ci"),
    QT_TRANSLATE_NOOP("WorkshopsPage", "À venir"),
    QT_TRANSLATE_NOOP("WorkshopsPage", "Passés"),
    QT_TRANSLATE_NOOP("WorkshopsPage", "Personnalisée…"),
)


def period_range(key: str, today: date) -> tuple[date | None, date | None]:
    """The dates of a period of the filter bar (``custom`` is read from the date fields)."""
    if key == "week":
        monday = today - timedelta(days=today.weekday())
        return monday, monday + timedelta(days=6)
    if key == "month":
        first = today.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return first, following - timedelta(days=1)
    if key == "upcoming":
        return today, None
    if key == "past":
        return None, today - timedelta(days=1)
    return None, None


def _default_exports_dir(ctx: AppContext) -> Path:
    # The store knows its file; exports sit beside it, in the data directory.
    database = ctx.store.engine.url.database
    return Path(database).parent / "exports" if database else Path.home()


class WorkshopsPage(QWidget):
    """The *Ateliers* section.

    Args:
        ctx: services, runner, change hub and sync controller.
        parent: the parent widget.
        exports_dir: where émargement sheets go (default: ``exports/`` in the data folder).
    """

    #: The detail card shows this workshop (``None``: nothing selected).
    workshop_selected = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        exports_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page_ateliers")
        self._ctx = ctx
        self._places: list[Structure] = []
        self._place_names: dict[UUID, str] = {}
        self._current: WorkshopRow | None = None
        self._select_after: UUID | None = None
        self._editor: WorkshopEditor | None = None
        self.exporter = EmargementExporter(ctx, exports_dir or _default_exports_dir(ctx), self)
        #: « Imprimer… » and « Enregistrer le PDF… » of the sign-in sheet.
        self.printer = DocumentPrinter(ctx.runner, self)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # Sized by the page shown: the check-in's room is not the list's.
        self._stack = CurrentPageStack(self)
        self._stack.setObjectName("ateliers_stack")
        outer.addWidget(self._stack)

        browser = QWidget(self._stack)
        layout = QVBoxLayout(browser)
        layout.setContentsMargins(20, 14, 20, 10)
        layout.setSpacing(8)
        layout.addLayout(self._make_header(browser))
        layout.addLayout(self._make_filter_bar(browser))

        self.model = WorkshopTableModel(ctx.runner, ctx.services.workshops, self)
        # The title and the place share what the short columns (fitted to their text) leave;
        # on a narrow window the figures the card below repeats give way first.
        self.view = row_table(
            "workshops_view",
            self.model,
            browser,
            self.tr("Liste des ateliers"),
            sortable=True,
            stretch=(WorkshopColumn.TITLE, WorkshopColumn.PLACE),
            optional=(
                WorkshopColumn.SYNC,
                WorkshopColumn.PRESENT,
                WorkshopColumn.REGISTERED,
                WorkshopColumn.REVIEW,
                WorkshopColumn.TIME,
            ),
        )
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)

        self.detail_tabs = QTabWidget(browser)
        self.detail_tabs.setObjectName("detail_tabs")
        # The card's text scrolls above its buttons, which stay in view; the registrations
        # scroll in their own tab: at 150 % the list keeps its rows above them.
        self.detail_tabs.addTab(self._make_card(browser), self.tr("&Fiche"))
        self.registrations = RegistrationsPanel(ctx, browser)
        #: The *Inscriptions* tab (the panel in its scroll area).
        self.registrations_tab = scrolling(self.registrations, browser)
        self.detail_tabs.addTab(self.registrations_tab, self.tr("&Inscriptions"))

        splitter = QSplitter(Qt.Orientation.Vertical, browser)
        splitter.setObjectName("ateliers_splitter")
        self.empty_state = EmptyState(
            "workshops",
            browser,
            icon_name="calendar-days",
            title=self.tr("Aucun atelier pour l’instant"),
        )
        self.view_or_empty = EmptyOr(self.view, self.empty_state, browser)
        splitter.addWidget(self.view_or_empty)
        # With nothing chosen, one calm message stands where the card and its buttons go.
        self.detail_or_empty = detail_or_empty(
            self.detail_tabs,
            browser,
            name="workshop_detail",
            icon_name="calendar-days",
            title=self.tr("Aucun atelier sélectionné"),
            hint=self.tr(
                "Choisissez un atelier dans la liste pour voir sa fiche, ou créez-en un (Ctrl+N)."
            ),
        )
        splitter.addWidget(self.detail_or_empty)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        # The detail keeps the room its card and registrations need at 100 % (it scrolls
        # on smaller rooms, where the list keeps a few rows).
        splitter.setSizes([240, 310])
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        self._stack.addWidget(browser)

        self.checkin = CheckInPage(ctx, self._stack)
        self._stack.addWidget(self.checkin)

        self._filter_timer = single_shot(self, FILTER_DELAY_MS, self.apply_filter)

        self._add_actions()
        self._connect()
        self._set_tab_order()
        self._show_detail(None)

    # --- construction -----------------------------------------------------------------

    def _make_header(self, parent: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        title = bold_label(self.tr("Ateliers"), parent, 1.6)
        row.addWidget(title)
        self.count_label = QLabel(parent)
        self.count_label.setObjectName("count_label")
        row.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        row.addStretch(1)
        self.error_label = error_label("list", parent)
        row.addWidget(self.error_label)
        self.new_button = QPushButton(self.tr("&Nouvel atelier"), parent)
        set_icon(self.new_button, "calendar-plus")
        self.new_button.setObjectName("new_workshop_button")
        self.new_button.setToolTip(self.tr("Nouvel atelier (Ctrl+N)"))
        row.addWidget(self.new_button)
        return row

    def _combo(self, name: str, parent: QWidget, chars: int) -> QComboBox:
        combo = QComboBox(parent)
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(chars)
        return combo

    def _labelled(self, row: QHBoxLayout, text: str, widget: QWidget, parent: QWidget) -> QLabel:
        caption = QLabel(french_caption(text), parent)
        caption.setBuddy(widget)
        row.addWidget(caption)
        row.addWidget(widget)
        return caption

    def _make_filter_bar(self, parent: QWidget) -> QVBoxLayout:
        bar = QVBoxLayout()
        bar.setSpacing(4)
        first = QHBoxLayout()
        first.setSpacing(6)
        self.search_edit = QLineEdit(parent)
        self.search_edit.setObjectName("search_edit")
        self.search_edit.setPlaceholderText(self.tr("Titre, commune ou notes…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(160)
        search_label = QLabel(self.tr("&Rechercher\u00a0:"), parent)
        search_label.setBuddy(self.search_edit)
        first.addWidget(search_label)
        first.addWidget(self.search_edit, 2)
        self.period_combo = self._combo("period_combo", parent, 14)
        for key, text in PERIODS:
            self.period_combo.addItem(self.tr(text), key)
        self._labelled(first, self.tr("&Période"), self.period_combo, parent)
        self.date_from_edit = QDateEdit(parent)
        self.date_from_edit.setObjectName("date_from_edit")
        self.date_to_edit = QDateEdit(parent)
        self.date_to_edit.setObjectName("date_to_edit")
        today = date.today()
        for edit, day in ((self.date_from_edit, today.replace(day=1)), (self.date_to_edit, today)):
            edit.setCalendarPopup(True)
            edit.setLocale(ui_locale())
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.calendarWidget().setLocale(ui_locale())
            edit.setDate(qdate(day))
        # The place on the first row: two rows of filters fit 1280 px at 125 %.
        self.place_combo = self._combo("place_combo", parent, 14)
        self.place_combo.addItem(self.tr("Tous les lieux"), None)
        self._labelled(first, self.tr("&Lieu"), self.place_combo, parent)
        first.addStretch(1)
        bar.addLayout(first)

        # « Personnalisée… »: its two dates on a row of their own, under the first one (on
        # the first row they would make it wider than 1280×720 at 150 % leaves).
        self.custom_dates_row = QWidget(parent)
        self.custom_dates_row.setObjectName("custom_dates_row")
        dates = QHBoxLayout(self.custom_dates_row)
        dates.setContentsMargins(0, 0, 0, 0)
        dates.setSpacing(6)
        self._from_label = self._labelled(dates, self.tr("D&u"), self.date_from_edit, parent)
        self._to_label = self._labelled(dates, self.tr("a&u"), self.date_to_edit, parent)
        dates.addStretch(1)
        bar.addWidget(self.custom_dates_row)

        second = QHBoxLayout()
        second.setSpacing(6)
        self.format_combo = self._combo("format_combo", parent, 14)
        self.format_combo.addItem(self.tr("Tous les formats"), None)
        for fmt in WorkshopFormat:
            self.format_combo.addItem(label(fmt), fmt.value)
        self._labelled(second, self.tr("F&ormat"), self.format_combo, parent)
        self.status_combo = self._combo("status_combo", parent, 9)
        self.status_combo.addItem(self.tr("Tous"), None)
        for status in WorkshopStatus:
            self.status_combo.addItem(label(status), f"status:{status.value}")
        self.status_combo.addItem(
            self.tr("À corriger"), f"review:{ReviewStatus.NEEDS_CORRECTION.value}"
        )
        self._labelled(second, self.tr("&Statut"), self.status_combo, parent)
        self.theme_combo = self._combo("theme_combo", parent, 14)
        self.theme_combo.addItem(self.tr("Toutes"), None)
        for theme in Theme:
            self.theme_combo.addItem(label(theme), theme.value)
        self._labelled(second, self.tr("&Thématique"), self.theme_combo, parent)
        self.reset_button = QPushButton(self.tr("Réinitialiser"), parent)
        self.reset_button.setObjectName("reset_filters_button")
        self.reset_button.setToolTip(self.tr("Effacer la recherche et les filtres"))
        second.addWidget(self.reset_button)
        second.addStretch(1)
        bar.addLayout(second)
        self._show_custom_dates(False)
        return bar

    def _make_card(self, parent: QWidget) -> QWidget:
        """The *Fiche* tab: the workshop's text, which scrolls, and below it its buttons
        and the sign-in sheet's message, always in view."""
        tab = QWidget(parent)
        tab.setObjectName("workshop_card_tab")
        card = QWidget(tab)
        card.setObjectName("workshop_card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(12, 8, 12, 4)
        layout.setSpacing(6)
        self.detail_review_comment = QLabel(card)
        self.detail_review_comment.setObjectName("detail_review_comment")
        self.detail_review_comment.setWordWrap(True)
        self.detail_review_comment.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_review_comment.setAutoFillBackground(True)
        self.detail_review_comment.setBackgroundRole(
            self.detail_review_comment.palette().ColorRole.ToolTipBase
        )
        self.detail_review_comment.setForegroundRole(
            self.detail_review_comment.palette().ColorRole.ToolTipText
        )
        self.detail_review_comment.setMargin(8)
        bold = QFont(self.detail_review_comment.font())
        bold.setBold(True)
        self.detail_review_comment.setFont(bold)
        layout.addWidget(self.detail_review_comment)
        self.detail_title = bold_label("", card, 1.2)
        self.detail_title.setObjectName("detail_title")
        self.detail_title.setWordWrap(True)
        layout.addWidget(self.detail_title)
        self.detail_info = QLabel(card)
        self.detail_info.setObjectName("detail_info")
        self.detail_info.setWordWrap(True)
        self.detail_info.setTextFormat(Qt.TextFormat.RichText)
        self.detail_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_info.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.detail_info, 1)
        tab_layout = QVBoxLayout(tab)
        tab_layout.setContentsMargins(0, 0, 0, 0)
        tab_layout.setSpacing(0)
        tab_layout.addWidget(scrolling(card, tab), 1)
        pinned = QWidget(tab)
        pinned.setObjectName("workshop_card_actions")
        pinned_layout = QVBoxLayout(pinned)
        pinned_layout.setContentsMargins(12, 4, 12, 6)
        pinned_layout.setSpacing(4)
        tab_layout.addWidget(pinned)
        actions = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("&Modifier…"), pinned)
        set_icon(self.edit_button, "pencil")
        self.edit_button.setObjectName("edit_button")
        self.edit_button.setToolTip(self.tr("Modifier l’atelier (Entrée dans la liste)"))
        self.checkin_button = QPushButton(self.tr("Émargement et &présences"), pinned)
        set_icon(self.checkin_button, "check")
        self.checkin_button.setObjectName("checkin_button")
        self.emargement_button = QToolButton(pinned)
        self.emargement_button.setObjectName("emargement_button")
        self.emargement_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.emargement_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._emargement_action = QAction(self.tr("Feuille d’é&margement (PDF)"), self)
        self._emargement_action.setIcon(icon("file-text"))
        self._emargement_action.setObjectName("emargement_action")
        self._emargement_print = QAction(self.tr("&Imprimer la feuille…"), self)
        self._emargement_print.setIcon(icon("printer"))
        self._emargement_print.setObjectName("emargement_print_action")
        self._emargement_save_as = QAction(self.tr("Enregistrer le P&DF…"), self)
        self._emargement_save_as.setIcon(icon("file-down"))
        self._emargement_save_as.setObjectName("emargement_save_as_action")
        menu = QMenu(self.emargement_button)
        menu.addAction(self._emargement_action)
        menu.addAction(self._emargement_print)
        menu.addAction(self._emargement_save_as)
        self.emargement_button.setMenu(menu)
        self.emargement_button.setDefaultAction(self._emargement_action)
        self.emargement_button.setAccessibleName(self.tr("Feuille d’émargement"))
        for button in (self.edit_button, self.checkin_button, self.emargement_button):
            actions.addWidget(button)
        actions.addStretch(1)
        pinned_layout.addLayout(actions)
        self.emargement_message = _Message(pinned)
        self.emargement_message.setObjectName("emargement_message_label")
        self.emargement_message.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        pinned_layout.addWidget(self.emargement_message)
        return tab

    def _add_actions(self) -> None:
        # QShortcut (not QAction): the main window disables its own Ctrl+N / Ctrl+F while
        # a page carries shortcuts for those keys, so there is never an ambiguous overload.
        for keys, slot in (
            (QKeySequence.StandardKey.New, self.new_workshop),
            (QKeySequence.StandardKey.Find, self.focus_search),
        ):
            # Window-wide while this page is shown (hidden pages' shortcuts are inactive).
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)

    def _connect(self) -> None:
        self.search_edit.textEdited.connect(lambda _t: self._filter_timer.start())
        self.search_edit.returnPressed.connect(self.apply_filter)
        for combo in (self.format_combo, self.status_combo, self.theme_combo, self.place_combo):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.period_combo.currentIndexChanged.connect(self._on_period_combo_changed)
        self.date_from_edit.dateChanged.connect(self._on_filter_changed)
        self.date_to_edit.dateChanged.connect(self._on_filter_changed)
        self.reset_button.clicked.connect(self.reset_filters)
        self.new_button.clicked.connect(self.new_workshop)
        self.model.loaded.connect(self._on_model_loaded)
        self.model.failed.connect(lambda message: show_error(self.error_label, message))
        self.model.rowsInserted.connect(lambda *_a: self._update_count())
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.view.activated.connect(self._on_view_activated)
        self.edit_button.clicked.connect(self.edit_workshop)
        self.checkin_button.clicked.connect(self.open_checkin)
        self._emargement_action.triggered.connect(lambda: self.print_emargement())
        self._emargement_print.triggered.connect(lambda: self.print_emargement_on_paper())
        self._emargement_save_as.triggered.connect(self._on_emargement_save_as)
        self.printer.failed.connect(lambda message: show_error(self.emargement_message, message))
        self.printer.printed.connect(self._on_emargement_printed)
        self.printer.saved.connect(self._on_emargement_generated)
        self.exporter.generated.connect(self._on_emargement_generated)
        self.exporter.failed.connect(lambda message: show_error(self.emargement_message, message))
        self.registrations.registrations_changed.connect(self._refresh_current)
        self.checkin.back_requested.connect(self.show_list)
        self.checkin.emargement_requested.connect(lambda row: self.print_emargement(row))
        self._ctx.hub.changed.connect(self._on_hub_changed)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.search_edit,
            self.period_combo,
            self.date_from_edit,
            self.date_to_edit,
            self.format_combo,
            self.status_combo,
            self.theme_combo,
            self.place_combo,
            self.reset_button,
            self.new_button,
            self.view,
            self.detail_tabs,
            self.edit_button,
            self.checkin_button,
            self.emargement_button,
        ]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    # --- public API -------------------------------------------------------------------

    @property
    def open_files(self) -> bool:
        """Whether generated PDFs are opened in the desktop viewer (off in tests)."""
        return self.exporter.open_files

    @open_files.setter
    def open_files(self, value: bool) -> None:
        self.exporter.open_files = value

    @property
    def editor(self) -> WorkshopEditor | None:
        """The editor dialog currently open, if any."""
        return self._editor

    @property
    def current_workshop(self) -> WorkshopRow | None:
        return self._current

    def refresh(self) -> None:
        """Read the places and the list again (keeps the filters)."""
        services = self._ctx.services
        self._ctx.runner.run(lambda _t: services.workshops.places(), on_done=self._on_places)
        self.apply_filter()

    def current_filter(self) -> tuple[WorkshopFilter, bool]:
        """The filter of the bar, and whether the newest come first."""
        key = self.period_combo.currentData()
        if key == "custom":
            start: date | None = pydate(self.date_from_edit.date())
            end: date | None = pydate(self.date_to_edit.date())
        else:
            start, end = period_range(str(key), date.today())
        kind, _sep, status = str(self.status_combo.currentData() or "").partition(":")
        fmt = self.format_combo.currentData()
        theme = self.theme_combo.currentData()
        place = self.place_combo.currentData()
        flt = WorkshopFilter(
            text=self.search_edit.text().strip(),
            date_from=start,
            date_to=end,
            format=WorkshopFormat(fmt) if fmt else None,
            status=WorkshopStatus(status) if kind == "status" else None,
            review_status=ReviewStatus(status) if kind == "review" else None,
            theme=str(theme) if theme else None,
            venue_structure_id=UUID(place) if place else None,
        )
        # Upcoming and this week's sessions read best soonest first.
        newest_first = key not in ("upcoming", "week")
        return flt, newest_first

    def apply_filter(self) -> None:
        """Load the first page of the bar's filter now (the search box waits 250 ms)."""
        self._filter_timer.stop()
        flt, newest_first = self.current_filter()
        show_error(self.error_label, "")
        self.count_label.setText(self.tr("Recherche…"))
        self.model.set_filter(flt, newest_first=newest_first)

    def reset_filters(self) -> None:
        widgets = (
            self.search_edit,
            self.period_combo,
            self.format_combo,
            self.status_combo,
            self.theme_combo,
            self.place_combo,
        )
        for w in widgets:
            w.blockSignals(True)
        try:
            self.search_edit.clear()
            for combo in widgets[1:]:
                assert isinstance(combo, QComboBox)
                combo.setCurrentIndex(0)
        finally:
            for w in widgets:
                w.blockSignals(False)
        self._show_custom_dates(False)
        self.apply_filter()

    def focus_search(self) -> None:
        """Ctrl+F: back to the list, search field focused and selected."""
        self.show_list()
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def new_workshop(self) -> None:
        """Ctrl+N: open the editor on a new workshop."""
        self._open_editor(None)

    def edit_workshop(self) -> None:
        if self._current is not None:
            self._open_editor(self._current.workshop)

    def open_checkin(self) -> None:
        """Show the check-in screen of the selected workshop."""
        if self._current is None:
            return
        self.checkin.open_workshop(self._current)
        self._stack.setCurrentWidget(self.checkin)
        self.checkin.search_edit.setFocus()

    def open_workshop(self, workshop_id: UUID) -> None:
        """Show the card of a workshop (e.g. picked on *Accueil*), selected if listed."""
        self.show_list()
        if self._select(workshop_id):
            return
        svc = self._ctx.services.workshops
        self._ctx.runner.run(
            lambda _t: svc.row(workshop_id),
            on_done=lambda row: self._show_detail(row) if row is not None else None,
        )

    def show_list(self) -> None:
        self._stack.setCurrentIndex(0)
        self._refresh_current()

    def print_emargement(self, row: WorkshopRow | None = None, path: Path | None = None) -> None:
        """Write the *feuille d'émargement* (off the GUI thread), then open it."""
        row = row or self._current
        if row is None:
            return
        show_error(self.emargement_message, "")
        self.emargement_message.setText(self.tr("Préparation de la feuille d’émargement…"))
        self.exporter.generate(row, self._place_of(row.workshop, document=True), path)

    def print_emargement_on_paper(self, row: WorkshopRow | None = None) -> bool:
        """« Imprimer… »: the print dialog, then the sheet laid out on the printer off the
        GUI thread; ``False`` when nothing is printed (no workshop, dialog cancelled)."""
        row = row or self._current
        if row is None:
            return False
        show_error(self.emargement_message, "")
        build = self.exporter.builder(row, self._place_of(row.workshop, document=True))
        title = self.tr("Feuille d’émargement — {title}").format(title=row.workshop.title)
        if not self.printer.print_document(build, title):
            return False
        self.emargement_message.setText(self.tr("Impression de la feuille d’émargement…"))
        return True

    # --- internals --------------------------------------------------------------------

    def _place_of(self, w: Workshop, *, document: bool = False) -> str:
        """Where ``w`` happens; ``document``: for the attendance sheet, French whatever the
        interface's language (docs/translations.md)."""
        name = self._place_names.get(w.venue_structure_id, "") if w.venue_structure_id else ""
        place = french_workshop_place if document else workshop_place
        return place(w.place_type, name, w.venue_address, w.commune)

    def _open_editor(self, workshop: Workshop | None) -> None:
        if self._editor is not None:
            self._editor.raise_()
            self._editor.activateWindow()
            return
        editor = WorkshopEditor(self._ctx, workshop, self._places, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self._on_editor_saved)
        editor.finished.connect(self._on_editor_finished)
        self._editor = editor
        editor.open()
        editor.activateWindow()

    def _show_custom_dates(self, visible: bool) -> None:
        self.custom_dates_row.setVisible(visible)

    def _update_count(self) -> None:
        total = self.model.total
        text = plural(total, self.tr("{n} atelier"), self.tr("{n} ateliers"))
        shown = self.model.rowCount()
        if shown < total:
            text += " " + self.tr("({n} affichés, la suite en descendant)").format(n=number(shown))
        self.count_label.setText(text)
        self._update_empty_state(total)

    def _update_empty_state(self, total: int) -> None:
        if total:
            self.view_or_empty.set_empty(False)
            return
        flt, _newest = self.current_filter()
        if flt == WorkshopFilter():
            self.empty_state.set_text(
                self.tr("Aucun atelier pour l’instant"),
                self.tr(
                    "Créez votre premier atelier ou café des parents : il est enregistré "
                    "sur ce poste et envoyé au serveur à la prochaine synchronisation."
                ),
                action=self.tr("Nouvel atelier"),
                on_action=self.new_workshop,
                icon_name="calendar-days",
            )
        else:
            self.empty_state.set_text(
                self.tr("Aucun atelier ne correspond"),
                self.tr("Changez la période, les filtres ou la recherche."),
                action=self.tr("Réinitialiser les filtres"),
                on_action=self.reset_filters,
                icon_name="search",
            )
        self.view_or_empty.set_empty(True)

    def _show_detail(self, row: WorkshopRow | None) -> None:
        self._current = row
        for button in (self.edit_button, self.checkin_button, self.emargement_button):
            button.setEnabled(row is not None)
        self.registrations.set_workshop(row)
        self.workshop_selected.emit(row)
        self.detail_or_empty.set_empty(row is None)
        if row is None:
            self.detail_title.clear()
            self.detail_info.clear()
            self.detail_review_comment.hide()
            return
        w = row.workshop
        self.detail_title.setText(w.title or label(w.format))
        when = long_date(w.date)
        if w.start_time is not None:
            when += self.tr(" à {time}").format(time=time_text(w.start_time))
        when += f" · {duration_text(w.duration_min)}"
        registered = plural(row.registered, self.tr("{n} inscrit·e"), self.tr("{n} inscrit·es"))
        present = plural(row.present, self.tr("{n} présent·e"), self.tr("{n} présent·es"))
        places = places_text(row)
        lines = [
            (self.tr("Quand"), when),
            (self.tr("Où"), self._place_of(w)),
            (
                self.tr("Format"),
                f"{label(w.format)} · {label(w.kind).lower()} · {label(w.audience).lower()}",
            ),
            (self.tr("Thématiques"), ", ".join(label(t) for t in w.themes) or "—"),
            (self.tr("Places"), f"{places} · {registered} · {present}"),
            (
                self.tr("Statut"),
                f"{label(w.status)} · {review_text(w.review_status)} · {sync_text(w.sync_state)}",
            ),
        ]
        if w.tools:
            lines.insert(4, (self.tr("Outils"), ", ".join(label(t) for t in w.tools)))
        if w.co_facilitators:
            lines.append((self.tr("Co-animation"), ", ".join(w.co_facilitators)))
        if w.languages or w.interpreter:
            langs = ", ".join(w.languages)
            if w.interpreter:
                langs = (langs + " · " if langs else "") + self.tr("avec interprète")
            lines.append((self.tr("Langues"), langs))
        self.detail_info.setText(
            "<table cellspacing='0' cellpadding='2'>"
            + "".join(
                f"<tr><td><b>{_esc(french_caption(k))}</b></td><td>{_esc(v)}</td></tr>"
                for k, v in lines
            )
            + "</table>"
        )
        if w.review_status is ReviewStatus.NEEDS_CORRECTION:
            self.detail_review_comment.setText(
                self.tr("⚠ À corriger — commentaire de la coordination\u00a0: {c}").format(
                    c=w.review_comment or self.tr("(pas de commentaire)")
                )
            )
            self.detail_review_comment.show()
        else:
            self.detail_review_comment.hide()
        self.checkin_button.setEnabled(w.status is not WorkshopStatus.CANCELLED)

    def _refresh_current(self) -> None:
        if self._current is None:
            return
        workshop_id = self._current.workshop.id
        svc = self._ctx.services.workshops
        self._ctx.runner.run(
            lambda _t: svc.row(workshop_id),
            on_done=lambda row: self._on_current_read(workshop_id, row),
        )

    def _select(self, workshop_id: UUID) -> bool:
        row = view_row(self.view, self.model.row_of(workshop_id))
        if row < 0:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.view.model().index(row, 0))
        return True

    # --- slots ------------------------------------------------------------------------

    def _on_places(self, places: list[Structure]) -> None:
        self._places = places
        self._place_names = {p.id: p.name for p in places}
        self.model.set_place_names(self._place_names)
        chosen = self.place_combo.currentData()
        self.place_combo.blockSignals(True)
        try:
            while self.place_combo.count() > 1:
                self.place_combo.removeItem(1)
            for p in places:
                self.place_combo.addItem(p.name, str(p.id))
            index = self.place_combo.findData(chosen) if chosen is not None else 0
            self.place_combo.setCurrentIndex(max(index, 0))
        finally:
            self.place_combo.blockSignals(False)
        if self._current is not None:
            self._show_detail(self._current)

    def _on_filter_changed(self, *_args: Any) -> None:
        self.apply_filter()

    def _on_period_combo_changed(self, _index: int) -> None:
        self._show_custom_dates(self.period_combo.currentData() == "custom")
        self.apply_filter()

    def _on_model_loaded(self, _total: int) -> None:
        self._update_count()
        wanted = self._select_after or (self._current.workshop.id if self._current else None)
        self._select_after = None
        if wanted is not None and self._select(wanted):
            return
        if wanted is not None and self._current is not None:
            # Not among the loaded rows (filtered out or further down): keep the card.
            self._refresh_current()

    def _on_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return
        row = rows[0].data(ROW_ROLE)
        if isinstance(row, WorkshopRow):
            self._show_detail(row)

    def _on_view_activated(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, WorkshopRow):
            self._show_detail(row)
            self.edit_workshop()

    def _on_current_read(self, workshop_id: UUID, row: WorkshopRow | None) -> None:
        if self._current is None or self._current.workshop.id != workshop_id:
            return
        self._show_detail(row)

    def _on_editor_saved(self, workshop: Workshop) -> None:
        self._select_after = workshop.id
        svc = self._ctx.services.workshops
        # Show the saved workshop's card at once, even if the filter hides it.
        self._ctx.runner.run(
            lambda _t: svc.row(workshop.id),
            on_done=lambda row: self._show_detail(row) if row is not None else None,
        )

    def _on_editor_finished(self, _code: int) -> None:
        self._editor = None
        self.view.setFocus()

    def _on_hub_changed(self, changes: frozenset[str]) -> None:
        if changes & WATCHED:
            self.model.reload()
            if self._stack.currentWidget() is not self.checkin:
                self._refresh_current()

    def _on_emargement_save_as(self) -> None:
        row = self._current
        if row is None:
            return
        show_error(self.emargement_message, "")
        build = self.exporter.builder(row, self._place_of(row.workshop, document=True))
        self.printer.save_pdf(build, self.exporter.exports_dir / file_name(row))

    def _on_emargement_printed(self, pages: int) -> None:
        self.emargement_message.setText(
            plural(
                pages,
                self.tr("✓ Feuille d’émargement envoyée à l’imprimante ({n} page)."),
                self.tr("✓ Feuille d’émargement envoyée à l’imprimante ({n} pages)."),
            )
        )

    def _on_emargement_generated(self, path: Path) -> None:
        self.emargement_message.setText(
            self.tr("✓ Feuille d’émargement enregistrée\u00a0: {path}").format(path=str(path))
        )


class _Message(QLabel):
    """The sign-in sheet's message under the card's buttons: hidden while empty (no blank
    line), wrapped to the card's width — a long file path is cut, never widens the page."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.setSizePolicy(policy)
        self.hide()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))


def _esc(text: str) -> str:
    return html.escape(text, quote=False)
