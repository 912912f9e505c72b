"""*Coordination*: the coordinator's screens (review queue, sync health, device stock and
dashboard), shown only to coordinators.

Everything is read through the task runner: the local store on the database lane (review,
stock, dashboard) and the server on the network lane (sync health, which only the server
knows). Coordinators never receive families' names (stripped server-side); the screens
show figures and staff names only.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabBar,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.enums import DeviceStatus, ReviewStatus, Role, Theme, WorkshopFormat, label
from mediator_app.core.errors import KnownError, ValidationError
from mediator_app.core.labels import workshop_place
from mediator_app.local_store.services.common import Page
from mediator_app.local_store.services.devices import LineCounts
from mediator_app.local_store.services.handouts import HandoutRow
from mediator_app.local_store.services.queries import DashboardFigures, SplitLine
from mediator_app.local_store.services.review import ReviewChoices, ReviewCounts
from mediator_app.local_store.services.workshops import WorkshopFilter, WorkshopRow
from mediator_app.reports.exporter import month_label
from mediator_app.sync.health import DeviceHealth, SyncHealth, health_fetcher
from mediator_app.ui.context import AppContext
from mediator_app.ui.dialogs.export_dialog import ExportDialog
from mediator_app.ui.models.review_table import (
    ReviewColumn,
    ReviewTableModel,
    RowsTableModel,
    TableColumn,
    french_date,
    review_status_text,
)
from mediator_app.ui.tasks import CancelToken
from mediator_app.ui.widgets.chart_view import ChartItem, ChartView
from mediator_app.ui.widgets.labels import bold_label
from mediator_app.ui.widgets.tables import row_table, source_row, view_row
from mediator_app.ui.widgets.timers import single_shot

log = logging.getLogger(__name__)

NBSP = "\u00a0"
PAGE_SIZE = 100
LINES_WITHIN_DAYS = 30
REVIEW_TABS = (
    ReviewStatus.TO_REVIEW,
    ReviewStatus.NEEDS_CORRECTION,
    ReviewStatus.VALIDATED,
    None,
)
STOCK_STATUSES = (
    DeviceStatus.IN_STOCK,
    DeviceStatus.LOANED,
    DeviceStatus.HANDED_OUT,
    DeviceStatus.IN_REPAIR,
    DeviceStatus.LOST,
    DeviceStatus.STOLEN,
    DeviceStatus.RETIRED,
)


def fr() -> QLocale:
    return QLocale(QLocale.Language.French, QLocale.Country.France)


def number(n: int) -> str:
    return fr().toString(n)


def plural(n: int, one: str, many: str) -> str:
    """French plural: 0 and 1 are singular; ``one``/``many`` hold ``{n}``."""
    return (one if n <= 1 else many).format(n=number(n))


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


def school_year(today: date) -> tuple[date, date]:
    """1 September .. 31 August of the school year holding ``today``."""
    first = today.year if today.month >= 9 else today.year - 1
    return date(first, 9, 1), date(first + 1, 8, 31)


def _title(text: str, parent: QWidget, scale: float = 1.6) -> QLabel:
    return bold_label(text, parent, scale)


def _table(
    name: str,
    model: Any,
    parent: QWidget,
    accessible: str,
    stretch: tuple[int, ...],
    optional: tuple[int, ...] = (),
) -> QTableView:
    return row_table(
        name, model, parent, accessible, sortable=True, stretch=stretch, optional=optional
    )


class Figure(QFrame):
    """A number and what it counts (with an optional detail line)."""

    def __init__(
        self, name: str, caption: str, parent: QWidget, *, reserve_detail: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._reserve = reserve_detail
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        self._value = bold_label("…", self, 1.8)
        self._value.setObjectName(f"{name}_value")
        self._caption = QLabel(caption, self)
        self._caption.setWordWrap(True)
        self._detail = QLabel(self)
        self._detail.setObjectName(f"{name}_detail")
        self._detail.setWordWrap(True)
        self._detail.setVisible(reserve_detail)
        layout.addWidget(self._value)
        layout.addWidget(self._caption)
        layout.addWidget(self._detail)

    def set_value(self, text: str, detail: str = "") -> None:
        self._value.setText(text)
        # A reserved line keeps the cards of one row the same height.
        self._detail.setText(detail or (" " if self._reserve else ""))
        self._detail.setVisible(bool(detail) or self._reserve)
        self.setAccessibleName(f"{self._caption.text()}{NBSP}: {text}")

    @property
    def value_text(self) -> str:
        return self._value.text()


class PeriodPicker(QWidget):
    """A period choice: a preset (school year, last 30 days, all, custom) and two dates."""

    ALL = "all"
    SCHOOL_YEAR = "school_year"
    LAST_30 = "last_30"
    CUSTOM = "custom"

    def __init__(
        self,
        name: str,
        today: Callable[[], date],
        on_changed: Callable[[], None],
        parent: QWidget,
        *,
        with_all: bool = False,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._on_changed = on_changed
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox(self)
        self.combo.setObjectName(f"{name}_period_combo")
        if with_all:
            self.combo.addItem(self.tr("Toutes les dates"), self.ALL)
        self.combo.addItem(self.tr("Cette année scolaire"), self.SCHOOL_YEAR)
        self.combo.addItem(self.tr("30 derniers jours"), self.LAST_30)
        self.combo.addItem(self.tr("Période choisie"), self.CUSTOM)
        self.start = QDateEdit(self)
        self.start.setObjectName(f"{name}_from_edit")
        self.end = QDateEdit(self)
        self.end.setObjectName(f"{name}_to_edit")
        self.start.setAccessibleName(self.tr("Début de la période"))
        self.end.setAccessibleName(self.tr("Fin de la période"))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self._to_label = QLabel(self.tr("au"), self)
        layout.addWidget(self.combo)
        layout.addWidget(self.start)
        layout.addWidget(self._to_label)
        layout.addWidget(self.end)
        self._apply_preset()
        self.combo.currentIndexChanged.connect(self._on_combo_changed)
        self.start.dateChanged.connect(self._on_date_changed)
        self.end.dateChanged.connect(self._on_date_changed)

    def _apply_preset(self) -> None:
        kind = self.combo.currentData()
        today = self._today()
        if kind == self.SCHOOL_YEAR:
            start, end = school_year(today)
        elif kind == self.LAST_30:
            start, end = today - timedelta(days=29), today
        else:
            start, end = pydate(self.start.date()), pydate(self.end.date())
        for edit, value in ((self.start, start), (self.end, end)):
            edit.blockSignals(True)
            edit.setDate(qdate(value))
            edit.blockSignals(False)
        custom = kind == self.CUSTOM
        self.start.setEnabled(custom)
        self.end.setEnabled(custom)
        dated = kind != self.ALL
        for widget in (self.start, self._to_label, self.end):
            widget.setVisible(dated)

    def _on_combo_changed(self, _index: int) -> None:
        if self.combo.currentData() == self.CUSTOM and self.start.date() == QDate(2000, 1, 1):
            self.start.setDate(qdate(school_year(self._today())[0]))
        self._apply_preset()
        self._on_changed()

    def _on_date_changed(self, _d: QDate) -> None:
        if self.combo.currentData() == self.CUSTOM:
            self._on_changed()

    def set_preset(self, kind: str) -> None:
        self.combo.setCurrentIndex(max(self.combo.findData(kind), 0))

    def set_custom(self, start: date, end: date) -> None:
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(self.combo.findData(self.CUSTOM))
        self.combo.blockSignals(False)
        for edit, value in ((self.start, start), (self.end, end)):
            edit.blockSignals(True)
            edit.setDate(qdate(value))
            edit.blockSignals(False)
        self._apply_preset()
        self._on_changed()

    def period(self) -> tuple[date | None, date | None]:
        if self.combo.currentData() == self.ALL:
            return None, None
        return pydate(self.start.date()), pydate(self.end.date())


# --- loading functions (run on the runner's threads, plain data in and out) ------------


@dataclass(frozen=True)
class ReviewLoad:
    choices: ReviewChoices
    counts: ReviewCounts
    all_count: int
    page: Page[WorkshopRow]


@dataclass(frozen=True)
class StockLoad:
    counts: dict[DeviceStatus, int]
    open_loans: tuple[HandoutRow, ...]
    overdue: tuple[HandoutRow, ...]
    lines: tuple[LineCounts, ...]
    structures: dict[UUID, str]


def _count_text(n: int | None) -> str:
    return "—" if n is None else number(n)


class CoordinationPage(QWidget):
    """The coordinator's screens in four tabs.

    Args:
        ctx: the application context.
        parent: the parent widget.
        health_fetcher: fetches the sync health from the server (network lane); by
            default through a ``SessionManager`` on the store (tokens from the keyring).
        today: the current day (tests fix it).
    """

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        health_fetcher: Callable[[], SyncHealth] | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page_coordination")
        self._ctx = ctx
        self._today = today
        self._fetch_health = health_fetcher or _default_fetcher(ctx)
        self._choices = ReviewChoices((), ())
        self._review_token: CancelToken | None = None
        self._dash_token: CancelToken | None = None
        self._review_generation = 0
        self._dash_generation = 0
        self._health_loaded = False
        self._selected_id: UUID | None = None
        self._figures: DashboardFigures | None = None
        self._health: SyncHealth | None = None
        self._refresh_timer = single_shot(self, 300, self.refresh)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.setSpacing(8)
        layout.addWidget(_title(self.tr("Coordination"), self))
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("coordination_tabs")
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_review_tab(), self.tr("&Validation"))
        # Short titles, so the six tabs fit the page at 125 %; the tooltips say them in full.
        self.tabs.addTab(self._build_health_tab(), self.tr("&Santé des synchros"))
        self.tabs.setTabToolTip(1, self.tr("Santé des synchronisations des postes"))
        self.tabs.addTab(self._build_stock_tab(), self.tr("&Matériel"))
        self.tabs.addTab(self._build_dashboard_tab(), self.tr("&Tableau de bord"))
        from mediator_app.ui.pages.programme import ProgrammeTab

        self.programme_tab = ProgrammeTab(ctx, self)
        self.tabs.addTab(self.programme_tab, self.tr("&Partenariats"))
        self.tabs.setTabToolTip(
            self.tabs.count() - 1, self.tr("Partenariats et couverture des écoles ciblées")
        )
        from mediator_app.ui.pages.reussite import ReussiteTab

        self.reussite_tab = ReussiteTab(ctx, self)
        self.tabs.addTab(self.reussite_tab, self.tr("Réussite Co&nnectée"))
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)

        ctx.hub.changed.connect(self._on_hub_changed)
        if ctx.sync is not None:
            ctx.sync.finished.connect(self._on_sync_finished)

    # === construction ======================================================================

    def _build_review_tab(self) -> QWidget:
        tab = QWidget(self)
        tab.setObjectName("review_tab")
        outer = QVBoxLayout(tab)
        outer.setContentsMargins(8, 8, 8, 8)

        filters = QGridLayout()
        filters.setHorizontalSpacing(8)
        self._owner_combo = QComboBox(tab)
        self._owner_combo.setObjectName("owner_combo")
        self._structure_combo = QComboBox(tab)
        self._structure_combo.setObjectName("structure_combo")
        self._theme_combo = QComboBox(tab)
        self._theme_combo.setObjectName("theme_combo")
        self._format_combo = QComboBox(tab)
        self._format_combo.setObjectName("format_combo")
        for combo in (
            self._owner_combo,
            self._structure_combo,
            self._theme_combo,
            self._format_combo,
        ):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(10)
        self._owner_combo.addItem(self.tr("Tous"), None)
        self._structure_combo.addItem(self.tr("Tous"), None)
        self._theme_combo.addItem(self.tr("Toutes"), None)
        for theme in Theme:
            self._theme_combo.addItem(label(theme), theme.value)
        self._format_combo.addItem(self.tr("Tous"), None)
        for fmt in WorkshopFormat:
            self._format_combo.addItem(label(fmt), fmt)
        self._review_period = PeriodPicker(
            "review", self._today, self._schedule_review_reload, tab, with_all=True
        )
        for column, (text, widget) in enumerate(
            (
                (self.tr("Médiateur·&rice"), self._owner_combo),
                (self.tr("&Structure"), self._structure_combo),
                (self.tr("T&hématique"), self._theme_combo),
                (self.tr("&Format"), self._format_combo),
            )
        ):
            lab = QLabel(text + f"{NBSP}:", tab)
            lab.setBuddy(widget)
            filters.addWidget(lab, 0, column)
            filters.addWidget(widget, 1, column)
        period_label = QLabel(self.tr("&Période") + f"{NBSP}:", tab)
        period_label.setBuddy(self._review_period.combo)
        filters.addWidget(period_label, 0, 4)
        filters.addWidget(self._review_period, 1, 4)
        filters.setColumnStretch(5, 1)
        outer.addLayout(filters)
        for combo in (
            self._owner_combo,
            self._structure_combo,
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
        self.review_table = _table(
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
        split.addWidget(detail_scroll)
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
            self._structure_combo,
            self._theme_combo,
            self._format_combo,
            self._review_period.combo,
            self._review_period.start,
            self._review_period.end,
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
            facts.addRow(caption + f"{NBSP}:", value)
            self._facts[key] = value
        layout.addLayout(facts)
        comment_label = QLabel(self.tr("&Commentaire pour la correction") + f"{NBSP}:", box)
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
        self._show_detail(None)
        return box

    def _build_health_tab(self) -> QWidget:
        tab = QWidget(self)
        tab.setObjectName("health_tab")
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(8, 8, 8, 8)
        top = QHBoxLayout()
        self._health_summary = QLabel(
            self.tr("L’état des postes est demandé au serveur à l’ouverture de cet onglet."),
            tab,
        )
        self._health_summary.setObjectName("health_summary_label")
        self._health_summary.setWordWrap(True)
        self._health_refresh = QPushButton(self.tr("&Actualiser"), tab)
        self._health_refresh.setObjectName("health_refresh_button")
        self._health_refresh.clicked.connect(self.refresh_health)
        top.addWidget(self._health_summary, 1)
        top.addWidget(self._health_refresh)
        layout.addLayout(top)
        self._health_message = QLabel(tab)
        self._health_message.setObjectName("health_message_label")
        self._health_message.setWordWrap(True)
        self._health_message.hide()
        layout.addWidget(self._health_message)

        def last_sync(d: DeviceHealth) -> str:
            return french_date(d.last_sync_at) if d.last_sync_at else self.tr("jamais")

        self.health_model = RowsTableModel(
            (
                TableColumn(self.tr("Personne"), lambda d: d.display_name),
                TableColumn(self.tr("Rôle"), _role_text),
                TableColumn(self.tr("Lieu"), lambda d: d.structure_name),
                TableColumn(self.tr("Poste"), lambda d: d.device_name),
                TableColumn(
                    self.tr("Dernière synchronisation"),
                    last_sync,
                    sort=lambda d: d.last_sync_at.isoformat() if d.last_sync_at else "",
                ),
                TableColumn(
                    self.tr("En attente"),
                    lambda d: _count_text(d.pending),
                    sort=lambda d: -1 if d.pending is None else d.pending,
                    numeric=True,
                ),
                TableColumn(
                    self.tr("Mises de côté"),
                    lambda d: _count_text(d.parked),
                    sort=lambda d: -1 if d.parked is None else d.parked,
                    numeric=True,
                ),
                TableColumn(self.tr("Version"), lambda d: d.app_version),
                TableColumn(self.tr("Alertes"), self._flags_text),
            ),
            self,
        )
        # The person and the place are free texts; the alerts stay whole (fitted).
        self.health_table = _table(
            "health_table",
            self.health_model,
            tab,
            self.tr("Santé des synchronisations"),
            (0, 2),
            (7, 1, 3),  # the version, the role, the device give way on a narrow window
        )
        layout.addWidget(self.health_table, 1)
        note = QLabel(
            self.tr(
                "« En attente » et « Mises de côté » sont les chiffres envoyés par chaque poste "
                "à sa dernière synchronisation. Une modification mise de côté attend une "
                "décision sur le poste (écran « À traiter »)."
            ),
            tab,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        QWidget.setTabOrder(self._health_refresh, self.health_table)
        return tab

    def _build_stock_tab(self) -> QWidget:
        tab = QWidget(self)
        tab.setObjectName("stock_tab")
        scroll = QScrollArea(self)
        scroll.setObjectName("stock_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(_title(self.tr("Inventaire du département"), tab, 1.2))
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        self._stock_figures: dict[DeviceStatus, Figure] = {}
        for n, status in enumerate(STOCK_STATUSES):
            fig = Figure(f"stock_{status.value}", label(status), tab)
            self._stock_figures[status] = fig
            grid.addWidget(fig, 0, n)
        layout.addLayout(grid)

        def devices(h: HandoutRow) -> str:
            return ", ".join(h.asset_tags)

        def place(h: HandoutRow) -> str:
            return self._structure_name(h.handout.structure_id)

        def handed(h: HandoutRow) -> str:
            return french_date(h.handout.handed_at.date())

        def due(h: HandoutRow) -> str:
            return french_date(h.handout.expected_return) or self.tr("non fixé")

        def due_key(h: HandoutRow) -> str:
            d = h.handout.expected_return
            return d.isoformat() if d else "9999"

        family = TableColumn(self.tr("Bénéficiaire"), lambda _h: self.tr("famille"))
        self.loans_model = RowsTableModel(
            (
                TableColumn(self.tr("Équipements"), devices),
                TableColumn(self.tr("Lieu"), place),
                TableColumn(
                    self.tr("Remis le"), handed, sort=lambda h: h.handout.handed_at.isoformat()
                ),
                TableColumn(self.tr("Retour prévu"), due, sort=due_key),
                family,
            ),
            self,
        )
        self.overdue_model = RowsTableModel(
            (
                TableColumn(self.tr("Équipements"), devices),
                TableColumn(self.tr("Lieu"), place),
                TableColumn(self.tr("Retour prévu"), due, sort=due_key),
                TableColumn(
                    self.tr("Retard"),
                    lambda h: plural(
                        h.days_late(self._today()), self.tr("{n} jour"), self.tr("{n} jours")
                    ),
                    sort=lambda h: h.days_late(self._today()),
                    numeric=True,
                ),
                family,
            ),
            self,
        )
        # Counts only: a line's number or SIM never reaches the coordination (the server
        # strips them), and a list of lines would say no more than these figures.
        self.lines_model = RowsTableModel(
            (
                TableColumn(self.tr("Lieu"), lambda c: self._structure_name(c.structure_id)),
                TableColumn(
                    self.tr("Actives"),
                    lambda c: number(c.active),
                    sort=lambda c: c.active,
                    numeric=True,
                ),
                TableColumn(
                    self.tr("Fin sous 30 jours"),
                    lambda c: number(c.ending_soon),
                    sort=lambda c: c.ending_soon,
                    numeric=True,
                ),
                TableColumn(
                    self.tr("Fin dépassée"),
                    lambda c: number(c.past_end),
                    sort=lambda c: c.past_end,
                    numeric=True,
                ),
            ),
            self,
        )
        self._stock_titles: dict[str, QLabel] = {}
        tables: list[QTableView] = []
        row = QHBoxLayout()
        for key, model, accessible in (
            ("overdue", self.overdue_model, self.tr("Retours en retard")),
            ("loans", self.loans_model, self.tr("Prêts en cours")),
            ("lines", self.lines_model, self.tr("Lignes de connexion par lieu")),
        ):
            box = QVBoxLayout()
            title = QLabel(accessible, tab)
            title.setObjectName(f"{key}_title_label")
            font = QFont(title.font())
            font.setBold(True)
            title.setFont(font)
            self._stock_titles[key] = title
            # The place is the longest text: it takes the room left.
            view = _table(f"{key}_table", model, tab, accessible, (0 if key == "lines" else 1,))
            view.setMinimumHeight(160)
            title.setBuddy(view)
            box.addWidget(title)
            box.addWidget(view, 1)
            tables.append(view)
            if key == "lines":
                layout.addLayout(box, 1)
            else:
                row.addLayout(box, 1)
                if key == "loans":
                    layout.addLayout(row, 2)
        self._stock_message = QLabel(tab)
        self._stock_message.setObjectName("stock_message_label")
        self._stock_message.setWordWrap(True)
        self._stock_message.setText(
            self.tr(
                "Les noms des familles ne sont pas transmis à la coordination : les prêts "
                "apparaissent au nom de « famille »."
            )
        )
        layout.addWidget(self._stock_message)
        for a, b in itertools.pairwise(tables):
            QWidget.setTabOrder(a, b)
        scroll.setWidget(tab)
        return scroll

    def _build_dashboard_tab(self) -> QWidget:
        scroll = QScrollArea(self)
        scroll.setObjectName("dashboard_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        tab = QWidget(scroll)
        tab.setObjectName("dashboard_tab")
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(8, 8, 8, 8)
        top = QHBoxLayout()
        period_label = QLabel(self.tr("&Période") + f"{NBSP}:", tab)
        self._dash_period = PeriodPicker("dashboard", self._today, self.refresh_dashboard, tab)
        period_label.setBuddy(self._dash_period.combo)
        self._dash_busy = QProgressBar(tab)
        self._dash_busy.setObjectName("dashboard_busy")
        self._dash_busy.setRange(0, 0)
        self._dash_busy.setMaximumWidth(120)
        self._dash_busy.setAccessibleName(self.tr("Calcul en cours"))
        self._dash_busy.hide()
        self._dash_cancel = QPushButton(self.tr("A&rrêter le calcul"), tab)
        self._dash_cancel.setObjectName("dashboard_cancel_button")
        self._dash_cancel.hide()
        self._dash_cancel.clicked.connect(self._on_dashboard_cancel_clicked)
        self._export_button = QPushButton(self.tr("E&xporter…"), tab)
        self._export_button.setObjectName("export_button")
        self._export_button.clicked.connect(self.open_export_dialog)
        top.addWidget(period_label)
        top.addWidget(self._dash_period)
        top.addWidget(self._dash_busy)
        top.addWidget(self._dash_cancel)
        top.addStretch(1)
        top.addWidget(self._export_button)
        layout.addLayout(top)

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(8)
        self._dash: dict[str, Figure] = {}
        for n, (key, caption) in enumerate(
            (
                ("workshops", self.tr("ateliers réalisés")),
                ("parents", self.tr("parents touchés")),
                ("first_time", self.tr("venus pour la première fois")),
                ("returning", self.tr("déjà venus")),
                ("children", self.tr("enfants présents")),
                ("hours", self.tr("heures d’atelier")),
                ("devices_out", self.tr("équipements remis")),
                ("devices_back", self.tr("équipements rendus")),
                ("devices_lost", self.tr("équipements perdus ou volés")),
                ("rc_pupils", self.tr("élèves équipés (Réussite Connectée)")),
                ("parents_ressource", self.tr("Parents Ressource mobilisés")),
            )
        ):
            fig = Figure(f"dash_{key}", caption, tab, reserve_detail=True)
            self._dash[key] = fig
            grid.addWidget(fig, n // 5, n % 5)
        layout.addLayout(grid)

        charts = QGridLayout()
        charts.setHorizontalSpacing(16)
        charts.setVerticalSpacing(12)
        self.charts: dict[str, ChartView] = {}
        for n, key in enumerate(("theme", "format", "month", "structure", "commune")):
            view = ChartView("", tab)
            view.setObjectName(f"chart_{key}")
            self.charts[key] = view
            charts.addWidget(view, n // 2, n % 2, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(charts)
        self._dash_message = QLabel(tab)
        self._dash_message.setObjectName("dashboard_message_label")
        self._dash_message.setWordWrap(True)
        layout.addWidget(self._dash_message)
        layout.addStretch(1)
        scroll.setWidget(tab)
        for a, b in (
            (self._dash_period.combo, self._dash_period.start),
            (self._dash_period.start, self._dash_period.end),
            (self._dash_period.end, self._export_button),
        ):
            QWidget.setTabOrder(a, b)
        return scroll

    # === public API ========================================================================

    def refresh(self) -> None:
        """Reload what comes from the local store (review, stock, dashboard); the sync
        health too if its tab is showing."""
        self.reload_review()
        self.refresh_stock()
        self.refresh_dashboard()
        if self.tabs.currentIndex() == 1:
            self.refresh_health()

    @property
    def dashboard_figures(self) -> DashboardFigures | None:
        return self._figures

    @property
    def sync_health(self) -> SyncHealth | None:
        return self._health

    def select_workshop(self, workshop_id: UUID) -> bool:
        """Select a workshop of the loaded queue (keyboard users and tests)."""
        row = view_row(self.review_table, self.review_model.row_of(workshop_id))
        if row < 0:
            return False
        self.review_table.setCurrentIndex(self.review_table.model().index(row, 0))
        return True

    def set_review_status_tab(self, status: ReviewStatus | None) -> None:
        self._status_tabs.setCurrentIndex(REVIEW_TABS.index(status))

    def open_export_dialog(self) -> ExportDialog:
        start, end = self._dash_period.period()
        dialog = ExportDialog(self._ctx, self, date_from=start, date_to=end)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setModal(True)
        dialog.show()
        return dialog

    # === review ============================================================================

    def _status_tab_text(self, status: ReviewStatus | None, n: int | None) -> str:
        name = label(status) if status is not None else self.tr("Tous")
        return name if n is None else f"{name} ({number(n)})"

    def _review_filter(self) -> WorkshopFilter:
        start, end = self._review_period.period()
        theme = self._theme_combo.currentData()
        return WorkshopFilter(
            date_from=start,
            date_to=end,
            format=self._format_combo.currentData(),
            theme=str(theme) if theme else None,
            organizer_structure_id=self._structure_combo.currentData(),
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
            return ReviewLoad(review.choices(), counts, every, page)

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
        self.tabs.setTabText(
            0,
            self.tr("&Validation ({n} à vérifier)").format(n=number(counts.to_review))
            if counts.to_review
            else self.tr("&Validation"),
        )
        keep = self._selected_id
        self.review_model.set_page(res.page)
        self._review_message.setText(
            self.tr("Aucun atelier ne correspond à ces filtres.") if not res.page.total else ""
        )
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
        for combo, values in (
            (self._owner_combo, choices.owners),
            (self._structure_combo, choices.structures),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value_id, name in values:
                combo.addItem(name or self.tr("(sans nom)"), value_id)
            combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
            combo.blockSignals(False)

    def _structure_name(self, structure_id: UUID | None) -> str:
        return self._choices.structure_name(structure_id)

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
        if row is None:
            self._selected_id = None
            self._detail_title.setText(self.tr("Choisissez un atelier dans la liste."))
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

    def _after_write(self, changes: frozenset[str] | set[str]) -> None:
        self._ctx.written(changes)
        self.reload_review()

    def _on_validate_clicked(self) -> None:
        row = self._current_row()
        if row is None:
            return
        review = self._ctx.services.review
        workshop_id = row.workshop.id
        self._validate_button.setEnabled(False)
        self._ctx.runner.run(
            lambda _t: review.validate(workshop_id),
            on_done=lambda res: self._on_reviewed(res, self.tr("Atelier validé.")),
            on_error=self._on_review_write_failed,
        )

    def _on_send_back_clicked(self) -> None:
        row = self._current_row()
        if row is None:
            return
        review = self._ctx.services.review
        workshop_id = row.workshop.id
        comment = self._comment_edit.toPlainText()
        self._comment_error.hide()
        self._ctx.runner.run(
            lambda _t: review.send_back(workshop_id, comment),
            on_done=lambda res: self._on_reviewed(res, self.tr("Atelier renvoyé pour correction.")),
            on_error=self._on_review_write_failed,
        )

    def _on_reviewed(self, res: Any, message: str) -> None:
        self._comment_edit.clear()
        self._review_message.setText(f"✓ {message}")
        self._after_write(res.changes)

    def _on_review_write_failed(self, error: KnownError) -> None:
        self._validate_button.setEnabled(self._current_row() is not None)
        if isinstance(error, ValidationError) and "review_comment" in error.errors:
            self._comment_error.setText(f"⚠ {error.errors['review_comment']}")
            self._comment_error.show()
            self._comment_edit.setFocus()
            return
        self._review_message.setText(f"⚠ {error.message}")

    # === sync health =======================================================================

    def _flags_text(self, d: DeviceHealth) -> str:
        flags = []
        if d.stale:
            flags.append(
                self.tr("⚠ aucune synchronisation depuis {n} jours").format(n=14)
                if d.last_sync_at is not None
                else self.tr("⚠ jamais synchronisé")
            )
        if d.has_parked:
            flags.append(self.tr("⚠ modifications mises de côté"))
        return " ; ".join(flags) if flags else self.tr("✓ à jour")

    def refresh_health(self) -> None:
        """Ask the server for the sync health (network lane)."""
        self._health_loaded = True
        self._health_refresh.setEnabled(False)
        self._health_summary.setText(self.tr("Interrogation du serveur…"))
        fetch = self._fetch_health
        self._ctx.runner.run(
            lambda _t: fetch(),
            on_done=self._on_health_loaded,
            on_error=self._on_health_failed,
            lane="net",
        )

    def _on_health_loaded(self, health: SyncHealth) -> None:
        self._health = health
        self._health_refresh.setEnabled(True)
        self._health_message.hide()
        self.health_model.set_rows(health.devices)
        when = (
            fr().toString(QDateTime(health.generated_at).toLocalTime(), "HH:mm")
            if health.generated_at
            else ""
        )
        devices = plural(len(health.devices), self.tr("{n} poste"), self.tr("{n} postes"))
        flagged = plural(health.flagged, self.tr("{n} à surveiller"), self.tr("{n} à surveiller"))
        self._health_summary.setText(
            self.tr("{devices} · {flagged} · état du serveur à {when}").format(
                devices=devices, flagged=flagged, when=when
            )
        )

    def _on_health_failed(self, error: KnownError) -> None:
        self._health_refresh.setEnabled(True)
        if error.code == "network_unavailable":
            text = self.tr(
                "Hors connexion : l’état des synchronisations est connu du serveur seulement. "
                "Il s’affichera dès que la connexion reviendra (bouton « Actualiser »)."
            )
        elif error.code == "auth":
            text = self.tr("Connexion au serveur nécessaire{sp}: {message}").format(
                sp=NBSP, message=error.message
            )
        else:
            text = error.message
        self._health_summary.setText(self.tr("État des postes indisponible."))
        self._health_message.setText(f"⚠ {text}")
        self._health_message.show()

    # === stock =============================================================================

    def refresh_stock(self) -> None:
        services = self._ctx.services
        today = self._today()

        def load(_token: CancelToken) -> StockLoad:
            return StockLoad(
                counts=services.devices.status_counts(),
                open_loans=services.handouts.open_loans(),
                overdue=services.handouts.overdue(today),
                lines=services.devices.line_counts(LINES_WITHIN_DAYS, today),
                structures=dict(services.review.choices().structures),
            )

        self._ctx.runner.run(load, on_done=self._on_stock_loaded, on_error=self._on_stock_failed)

    def _on_stock_loaded(self, res: StockLoad) -> None:
        for status, fig in self._stock_figures.items():
            fig.set_value(number(res.counts.get(status, 0)))
        if not self._choices.structures and res.structures:
            self._choices = ReviewChoices(self._choices.owners, tuple(res.structures.items()))
        self.loans_model.set_rows(res.open_loans)
        overdue = sorted(res.overdue, key=lambda h: -h.days_late(self._today()))
        self.overdue_model.set_rows(overdue)
        self.lines_model.set_rows(res.lines)
        self._stock_titles["loans"].setText(
            plural(
                len(res.open_loans), self.tr("Prêt en cours ({n})"), self.tr("Prêts en cours ({n})")
            )
        )
        self._stock_titles["overdue"].setText(
            plural(
                len(overdue),
                self.tr("⚠ Retour en retard ({n})"),
                self.tr("⚠ Retours en retard ({n})"),
            )
            if overdue
            else self.tr("Aucun retour en retard")
        )
        days = str(LINES_WITHIN_DAYS)
        soon = sum(c.ending_soon + c.past_end for c in res.lines)
        one = self.tr("Lignes de connexion : {n} se termine dans les {d} jours ou est échue")
        many = self.tr("Lignes de connexion : {n} se terminent dans les {d} jours ou sont échues")
        self._stock_titles["lines"].setText(
            plural(soon, one.replace("{d}", days), many.replace("{d}", days))
        )

    def _on_stock_failed(self, error: KnownError) -> None:
        self._stock_message.setText(f"⚠ {error.message}")

    # === dashboard =========================================================================

    def refresh_dashboard(self) -> None:
        """Compute the dashboard of the chosen period on the database lane."""
        start, end = self._dash_period.period()
        assert start is not None and end is not None
        if self._dash_token is not None:
            self._dash_token.cancel()
        if start > end:
            self._dash_message.setText(f"⚠ {self.tr('La période commence après sa fin.')}")
            return
        queries = self._ctx.services.queries
        self._dash_generation += 1
        generation = self._dash_generation
        self._dash_busy.show()
        self._dash_cancel.show()
        self._dash_message.clear()

        def load(token: CancelToken) -> DashboardFigures:
            token.check()
            return queries.dashboard(start, end)

        self._dash_token = self._ctx.runner.run(
            load,
            on_done=lambda f: self._on_dashboard_loaded(generation, f),
            on_error=lambda e: self._on_dashboard_failed(generation, e),
        )

    def _dashboard_idle(self) -> None:
        self._dash_token = None
        self._dash_busy.hide()
        self._dash_cancel.hide()

    def _on_dashboard_cancel_clicked(self) -> None:
        if self._dash_token is not None:
            self._dash_token.cancel()
        self._dash_generation += 1  # whatever comes back is ignored
        self._dashboard_idle()
        self._dash_message.setText(self.tr("Calcul arrêté."))

    def _on_dashboard_loaded(self, generation: int, f: DashboardFigures) -> None:
        if generation != self._dash_generation:
            return
        self._dashboard_idle()
        self._figures = f
        self._dash["workshops"].set_value(number(f.workshops_held))
        self._dash["parents"].set_value(
            number(f.parents_reached),
            self.tr("dont {identified} identifiés et {anonymous} anonymes").format(
                identified=number(f.parents_identified), anonymous=number(f.parents_anonymous)
            ),
        )
        among = self.tr("parmi les parents identifiés")
        self._dash["first_time"].set_value(number(f.first_time), among)
        self._dash["returning"].set_value(number(f.returning), among)
        self._dash["children"].set_value(number(f.children))
        self._dash["hours"].set_value(fr().toString(f.hours, "f", 1))
        self._dash["devices_out"].set_value(number(f.devices_handed_out))
        self._dash["devices_back"].set_value(number(f.devices_returned))
        self._dash["devices_lost"].set_value(number(f.devices_lost))
        self._dash["rc_pupils"].set_value(
            number(f.rc_pupils),
            self.tr("{n} collège(s), {k} au complet (1 atelier + 2 cafés)")
            .replace("{n}", str(f.rc_colleges))
            .replace("{k}", str(f.rc_colleges_complete)),
        )
        self._dash["parents_ressource"].set_value(
            number(f.parents_ressource),
            self.tr("{n} recruté(s), {w} atelier(s) co-animé(s)")
            .replace("{n}", str(f.parents_ressource_recruited))
            .replace("{w}", str(f.workshops_co_facilitated)),
        )
        self.charts["theme"].set_chart(
            self.tr("Participants par thématique"), _items(f.by_theme, _enum_name(Theme))
        )
        self.charts["format"].set_chart(
            self.tr("Participants par format"), _items(f.by_format, _enum_name(WorkshopFormat))
        )
        months = sorted(f.by_month.items())
        self.charts["month"].set_chart(
            self.tr("Participants par mois"),
            [(month_label(k), float(v.participants), number(v.participants)) for k, v in months],
        )
        self.charts["structure"].set_chart(
            self.tr("Participants par lieu"),
            _items(f.by_structure, lambda k: k or self.tr("(sans lieu)"), limit=12),
        )
        self.charts["commune"].set_chart(
            self.tr("Participants par commune"),
            _items(f.by_commune, lambda k: k or self.tr("(commune non précisée)"), limit=12),
        )
        if not f.workshops_held:
            self._dash_message.setText(
                self.tr("Aucun atelier réalisé sur cette période dans les données de ce poste.")
            )

    def _on_dashboard_failed(self, generation: int, error: KnownError) -> None:
        if generation != self._dash_generation:
            return
        self._dashboard_idle()
        self._dash_message.setText(f"⚠ {error.message}")

    # === events ============================================================================

    def _on_tabs_current_changed(self, index: int) -> None:
        if index == 1 and not self._health_loaded:
            self.refresh_health()

    def _on_hub_changed(self, _changes: frozenset[str]) -> None:
        self._refresh_timer.start()

    def _on_sync_finished(self, _report: Any) -> None:
        self._refresh_timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.tabs.currentIndex() == 1 and not self._health_loaded:
            self.refresh_health()


def _role_text(d: DeviceHealth) -> str:
    try:
        return label(Role(d.role))
    except ValueError:
        return d.role


def _enum_name(enum: Any) -> Callable[[str], str]:
    def name(key: str) -> str:
        try:
            return label(enum(key))
        except ValueError:
            return key

    return name


def _items(
    split: dict[str, SplitLine], name: Callable[[str], str], *, limit: int = 15
) -> list[ChartItem]:
    """Chart items of a split, most participants first (exact figures: the screen is the
    coordinator's own; exports hide small counts)."""
    ordered = sorted(split.items(), key=lambda kv: (-kv[1].participants, kv[0]))[:limit]
    return [(name(k), float(v.participants), number(v.participants)) for k, v in ordered]


def _default_fetcher(ctx: AppContext) -> Callable[[], SyncHealth]:
    return health_fetcher(ctx.store)
