"""What the coordinator's tabs share: the period picker, the figure card, the filter bar
(its model ``ViewFilter`` is the services'), the French number helpers and the base every
tab's part of ``CoordinationPage`` builds on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.enums import DeviceStatus, ReviewStatus
from mediator_app.local_store.services.review import ReviewChoices
from mediator_app.local_store.services.view_filter import ViewFilter
from mediator_app.ui.context import AppContext
from mediator_app.ui.i18n import ui_locale
from mediator_app.ui.widgets.french import caption as french_caption
from mediator_app.ui.widgets.french import number, pydate, qdate
from mediator_app.ui.widgets.labels import bold_label
from mediator_app.ui.widgets.tables import row_table

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
    return ui_locale()


def school_year(today: date) -> tuple[date, date]:
    """1 September .. 31 August of the school year holding ``today``."""
    first = today.year if today.month >= 9 else today.year - 1
    return date(first, 9, 1), date(first + 1, 8, 31)


def page_title(text: str, parent: QWidget, scale: float = 1.6) -> QLabel:
    return bold_label(text, parent, scale)


def page_table(
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


def count_text(n: int | None) -> str:
    return "—" if n is None else number(n)


class CoordinationBase(QWidget):
    """What the tabs of ``CoordinationPage`` read of each other: the context, the day, the
    review's choices (structure names) and the tab widget. Each tab is a part of the page
    (``review``, ``health``, ``stock``, ``dashboard``); ``page`` puts them together."""

    _ctx: AppContext
    _today: Callable[[], date]
    _choices: ReviewChoices
    tabs: QTabWidget
    #: The page's one filter bar, above the tabs (review, stock, dashboard, partnerships
    #: and the exports read it).
    view_filter: FilterBar

    def _structure_name(self, structure_id: UUID | None) -> str:
        return self._choices.structure_name(structure_id)


class FilterBar(QWidget):
    """A period, a département (shown to the national team only) and a partner structure;
    ``on_changed`` is called on every change, ``value()`` gives the ``ViewFilter``."""

    def __init__(
        self,
        name: str,
        today: Callable[[], date],
        on_changed: Callable[[], None],
        parent: QWidget,
        *,
        national: bool,
    ) -> None:
        super().__init__(parent)
        self._on_changed = on_changed
        # One line; the national team's département goes with the structure on a second
        # line, so the bar fits a 1280×720 screen at 125 %.
        lines = QVBoxLayout(self)
        lines.setContentsMargins(0, 0, 0, 0)
        lines.setSpacing(4)
        layout = QHBoxLayout()
        lines.addLayout(layout)
        second = QHBoxLayout() if national else layout
        period_label = QLabel(french_caption(self.tr("&Période")), self)
        self.period = PeriodPicker(name, today, on_changed, self)
        period_label.setBuddy(self.period.combo)
        layout.addWidget(period_label)
        layout.addWidget(self.period)
        self.department = QComboBox(self)
        self.department.setObjectName(f"{name}_department_combo")
        self.department.addItem(self.tr("Tous"), None)
        self.partner = QComboBox(self)
        self.partner.setObjectName(f"{name}_partner_combo")
        self.partner.addItem(self.tr("Toutes"), None)
        for combo in (self.department, self.partner):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
            # Wider where there is room: a structure's name is often long.
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            combo.setMaximumWidth(340)
        dept_label = QLabel(french_caption(self.tr("&Département")), self)
        dept_label.setBuddy(self.department)
        partner_label = QLabel(french_caption(self.tr("S&tructure")), self)
        partner_label.setBuddy(self.partner)
        for widget in (dept_label, self.department):
            second.addWidget(widget, 1 if widget is self.department else 0)
            widget.setVisible(national)
        second.addWidget(partner_label)
        second.addWidget(self.partner, 1)
        if national:
            second.addStretch(1)
            lines.addLayout(second)
        layout.addStretch(1)
        self.department.currentIndexChanged.connect(self._changed)
        self.partner.currentIndexChanged.connect(self._changed)

    def _changed(self, _index: int) -> None:
        self._on_changed()

    def choices(self) -> tuple[dict[str, str], tuple[tuple[UUID, str], ...]]:
        """What the lists offer (département code → its text, partners), for a dialog
        that starts from this bar."""
        departments = {
            str(self.department.itemData(i)): self.department.itemText(i)
            for i in range(1, self.department.count())
        }
        partners = tuple(
            (self.partner.itemData(i), self.partner.itemText(i))
            for i in range(1, self.partner.count())
        )
        return departments, partners

    def value(self) -> ViewFilter:
        start, end = self.period.period()
        return ViewFilter(start, end, self.department.currentData(), self.partner.currentData())

    def set_choices(
        self, departments: dict[str, str], partners: tuple[tuple[UUID, str], ...]
    ) -> None:
        """Fill the lists, keeping the current choices (no change is announced)."""
        for combo, items in (
            (
                self.department,
                [(c, f"{c} — {n}" if n else c) for c, n in sorted(departments.items())],
            ),
            (self.partner, [(i, n) for i, n in partners]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            index = 0
            for data, text in items:
                combo.addItem(text or self.tr("(sans nom)"), data)
                if current is not None and data == current:
                    index = combo.count() - 1  # findData does not compare UUIDs by value
            combo.setCurrentIndex(index)
            combo.blockSignals(False)
