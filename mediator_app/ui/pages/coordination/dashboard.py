"""The *Tableau de bord* tab: the period's figures and charts, and the exports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.enums import Role, Theme, WorkshopFormat
from mediator_app.core.errors import KnownError
from mediator_app.core.masking import is_masked, masked_count, shown
from mediator_app.local_store.services.programme import ProgrammeService
from mediator_app.local_store.services.queries import DashboardFigures, SplitLine
from mediator_app.ui.core_labels import label
from mediator_app.ui.dialogs.export_dialog import ExportDialog
from mediator_app.ui.pages.coordination.national import NationalSection
from mediator_app.ui.pages.coordination.shared import (
    CoordinationBase,
    Figure,
    fr,
)
from mediator_app.ui.tasks import CancelToken
from mediator_app.ui.widgets.chart_view import ChartItem, ChartView
from mediator_app.ui.widgets.french import month_text, number


@dataclass(frozen=True)
class DashboardLoad:
    figures: DashboardFigures
    departments: dict[str, str]
    partners: tuple[tuple[UUID, str], ...]


class DashboardTab(CoordinationBase):
    """The dashboard of a period, computed on the database lane (cancellable)."""

    _dash_token: CancelToken | None
    _dash_generation: int
    _figures: DashboardFigures | None
    national: NationalSection | None

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
        # The page's filter bar, above the tabs (shared.FilterBar, services' ViewFilter).
        self.dash_filter = self.view_filter
        self._dash_period = self.dash_filter.period
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
                ("trained", self.tr("professionnels formés")),
            )
        ):
            fig = Figure(f"dash_{key}", caption, tab, reserve_detail=True)
            self._dash[key] = fig
            grid.addWidget(fig, n // 5, n % 5)
        layout.addLayout(grid)

        # The national team: the same figures for each département, side by side.
        self.national: NationalSection | None = None
        if self._ctx.store.identity.role == Role.ADMIN:
            self.national = NationalSection(self._ctx, self._dash_period.period, tab)
            layout.addWidget(self.national)

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
            (self._dash_period.end, self.dash_filter.department),
            (self.dash_filter.department, self.dash_filter.partner),
            (self.dash_filter.partner, self._export_button),
        ):
            QWidget.setTabOrder(a, b)
        return scroll

    @property
    def dashboard_figures(self) -> DashboardFigures | None:
        return self._figures

    def open_export_dialog(self) -> ExportDialog:
        flt = self.dash_filter.value()
        what = "national" if self.national is not None else "workshops"
        dialog = ExportDialog(
            self._ctx,
            self,
            date_from=flt.start,
            date_to=flt.end,
            what=what,
            view=flt,
            choices=self.dash_filter.choices(),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setModal(True)
        dialog.show()
        return dialog

    def refresh_dashboard(self) -> None:
        """Compute the dashboard of the chosen period, département and structure on the
        database lane."""
        flt = self.dash_filter.value()
        start, end = flt.start, flt.end
        assert start is not None and end is not None
        if self._dash_token is not None:
            self._dash_token.cancel()
        if start > end:
            self._dash_message.setText(f"⚠ {self.tr('La période commence après sa fin.')}")
            return
        if self.national is not None:
            self.national.refresh()
        services = self._ctx.services
        store = self._ctx.store
        national = self.national is not None
        self._dash_generation += 1
        generation = self._dash_generation
        self._dash_busy.show()
        self._dash_cancel.show()
        self._dash_message.clear()

        def load(token: CancelToken) -> DashboardLoad:
            token.check()
            figures = services.queries.dashboard(
                start,
                end,
                flt.structure_id,
                department_code=flt.department_code,
            )
            departments = ProgrammeService(store).department_names() if national else {}
            return DashboardLoad(figures, departments, services.review.choices().structures)

        def done(res: DashboardLoad) -> None:
            if generation == self._dash_generation:
                self.dash_filter.set_choices(res.departments, res.partners)
            self._on_dashboard_loaded(generation, res.figures)

        self._dash_token = self._ctx.runner.run(
            load,
            on_done=done,
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
        if self.national is not None:
            self.national.cancel()
        self._dashboard_idle()
        self._dash_message.setText(self.tr("Calcul arrêté."))

    def _on_dashboard_loaded(self, generation: int, f: DashboardFigures) -> None:
        if generation != self._dash_generation:
            return
        self._dashboard_idle()
        self._figures = f
        limit = self._ctx.small_count_threshold

        def shown_n(key: str) -> str:
            # Counts of families masked below the threshold, as in the bilan and the exports.
            return shown(key, int(getattr(f, key)), limit, number)

        self._dash["workshops"].set_value(shown_n("workshops_held"))
        self._dash["parents"].set_value(
            shown_n("parents_reached"),
            self.tr("dont {identified} identifiés et {anonymous} anonymes").format(
                identified=shown_n("parents_identified"), anonymous=shown_n("parents_anonymous")
            ),
        )
        among = self.tr("parmi les parents identifiés")
        self._dash["first_time"].set_value(shown_n("first_time"), among)
        self._dash["returning"].set_value(shown_n("returning"), among)
        self._dash["children"].set_value(shown_n("children"))
        self._dash["hours"].set_value(fr().toString(f.hours, "f", 1))
        self._dash["devices_out"].set_value(shown_n("devices_handed_out"))
        self._dash["devices_back"].set_value(shown_n("devices_returned"))
        self._dash["devices_lost"].set_value(shown_n("devices_lost"))
        self._dash["rc_pupils"].set_value(
            shown_n("rc_pupils"),
            self.tr("{n} collège(s), {k} au complet (1 atelier + 2 cafés)")
            .replace("{n}", str(f.rc_colleges))
            .replace("{k}", str(f.rc_colleges_complete)),
        )
        self._dash["parents_ressource"].set_value(
            shown_n("parents_ressource"),
            self.tr("{n} recruté(s), {w} atelier(s) co-animé(s)")
            .replace("{n}", shown_n("parents_ressource_recruited"))
            .replace("{w}", str(f.workshops_co_facilitated)),
        )
        # Professionals trained: the total, and its roles that count anyone.
        roles = [
            (self.tr("enseignants"), "trained_teachers"),
            (self.tr("animateurs, éducateurs"), "trained_educators"),
            (self.tr("travailleurs sociaux"), "trained_social_workers"),
            (self.tr("agents de collectivité"), "trained_public_agents"),
            (self.tr("bénévoles"), "trained_volunteers"),
            (self.tr("autres"), "trained_others"),
        ]
        self._dash["trained"].set_value(
            shown_n("trained_professionals"),
            ", ".join(f"{shown_n(key)} {what}" for what, key in roles if getattr(f, key)),
        )
        self.charts["theme"].set_chart(
            self.tr("Participants par thématique"), _items(f.by_theme, _enum_name(Theme), limit)
        )
        self.charts["format"].set_chart(
            self.tr("Participants par format"),
            _items(f.by_format, _enum_name(WorkshopFormat), limit),
        )
        months = sorted(f.by_month.items())
        self.charts["month"].set_chart(
            self.tr("Participants par mois"),
            [(month_text(k), *_bar(v.participants, limit)) for k, v in months],
        )
        self.charts["structure"].set_chart(
            self.tr("Participants par lieu"),
            _items(f.by_structure, lambda k: k or self.tr("(sans lieu)"), limit, top=12),
        )
        self.charts["commune"].set_chart(
            self.tr("Participants par commune"),
            _items(f.by_commune, lambda k: k or self.tr("(commune non précisée)"), limit, top=12),
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


def _enum_name(enum: Any) -> Callable[[str], str]:
    def name(key: str) -> str:
        try:
            return label(enum(key))
        except ValueError:
            return key

    return name


def _bar(n: int, threshold: int) -> tuple[float, str]:
    """A bar's length and text: a masked count is drawn as no bar, labelled « < 5 »."""
    return (0.0 if is_masked(n, threshold) else float(n)), masked_count(n, threshold, number)


def _items(
    split: dict[str, SplitLine], name: Callable[[str], str], threshold: int, *, top: int = 15
) -> list[ChartItem]:
    """Chart items of a split, most participants first; small counts masked as in the
    bilan (``core.masking``)."""
    ordered = sorted(split.items(), key=lambda kv: (-kv[1].participants, kv[0]))[:top]
    return [(name(k), *_bar(v.participants, threshold)) for k, v in ordered]
