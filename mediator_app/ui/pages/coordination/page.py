"""The coordinator's page: its tabs put together, and what they share (refresh, events)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.enums import Role
from mediator_app.local_store.services.queries import DashboardFigures
from mediator_app.local_store.services.review import ReviewChoices
from mediator_app.sync.health import SyncHealth
from mediator_app.ui.context import AppContext
from mediator_app.ui.pages.coordination.dashboard import DashboardTab
from mediator_app.ui.pages.coordination.health import HealthTab, default_fetcher
from mediator_app.ui.pages.coordination.review import ReviewTab
from mediator_app.ui.pages.coordination.shared import (
    FilterBar,
    page_title,
)
from mediator_app.ui.pages.coordination.stock import StockTab
from mediator_app.ui.tasks import CancelToken
from mediator_app.ui.widgets.timers import single_shot


class CoordinationPage(ReviewTab, HealthTab, StockTab, DashboardTab):
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
        self._fetch_health = health_fetcher or default_fetcher(ctx)
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
        # One filter above the tabs: switching tab keeps what the coordinator narrowed to;
        # the title's line says what of it the current tab does not follow.
        head = QHBoxLayout()
        head.addWidget(page_title(self.tr("Coordination"), self))
        self.view_filter = FilterBar(
            "coordination",
            today,
            self._on_view_filter_changed,
            self,
            national=ctx.store.identity.role == Role.ADMIN,
        )
        self._filter_note = QLabel(self)
        self._filter_note.setObjectName("coordination_filter_note")
        self._filter_note.setWordWrap(True)
        self._filter_note.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self._filter_note, 1)
        layout.addLayout(head)
        layout.addWidget(self.view_filter)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("coordination_tabs")
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_review_tab(), self.tr("&Validation"))
        # Short titles, so the six tabs fit the page at 125 %; the tooltips say them in full.
        self._health_tab = self._build_health_tab()
        self.tabs.addTab(self._health_tab, self.tr("&Santé des synchros"))
        self.tabs.setTabToolTip(1, self.tr("Santé des synchronisations des postes"))
        self._stock_tab = self._build_stock_tab()
        self.tabs.addTab(self._stock_tab, self.tr("&Matériel"))
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
        self.programme_tab.set_view(self.view_filter.value())
        self._show_filter_note()

        ctx.hub.changed.connect(self._on_hub_changed)
        if ctx.sync is not None:
            ctx.sync.finished.connect(self._on_sync_finished)

    def _on_view_filter_changed(self) -> None:
        """The filter changed: every view it narrows reads again."""
        self.reload_review()
        self.refresh_stock()
        self.refresh_dashboard()
        self.programme_tab.set_view(self.view_filter.value())

    def _show_filter_note(self) -> None:
        """Say, under the bar, what of the filter the current tab does not follow."""
        tab = self.tabs.currentWidget()
        applies = tab not in (self._health_tab, self.reussite_tab)
        self.view_filter.setEnabled(applies)
        if not applies:
            note = self.tr("Ce filtre ne s’applique pas à cet onglet.")
        elif tab is self._stock_tab:
            note = self.tr("Matériel : l’état d’aujourd’hui (la période ne s’applique pas).")
        elif tab is self.programme_tab:
            note = self.tr("Partenariats : l’année scolaire de la fin de la période.")
        else:
            note = ""
        self._filter_note.setText(note)

    def refresh(self) -> None:
        """Reload what comes from the local store (review, stock, dashboard); the sync
        health too if its tab is showing."""
        self.reload_review()
        self.refresh_stock()
        self.refresh_dashboard()
        if self.tabs.currentIndex() == 1:
            self.refresh_health()

    # === events ============================================================================

    def _on_tabs_current_changed(self, index: int) -> None:
        self._show_filter_note()
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
