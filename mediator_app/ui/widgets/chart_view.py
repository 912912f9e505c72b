"""A bar chart widget: the same ``reports.charts.draw_bars`` as the PDF bilan, painted with
the widget's palette (so dark mode works) and every value written out beside its bar."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from mediator_app.reports.charts import draw_bars

ChartItem = tuple[str, float, str]


class ChartView(QWidget):
    """A titled horizontal bar chart of ``(label, value, shown text)`` items."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._items: tuple[ChartItem, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(title)

    @property
    def title(self) -> str:
        return self._title

    @property
    def items(self) -> tuple[ChartItem, ...]:
        return self._items

    def set_chart(self, title: str, items: Sequence[ChartItem]) -> None:
        """Show ``items`` (largest first is the caller's choice) under ``title``."""
        self._title = title
        self._items = tuple(items)
        # Screen readers get the figures as text, since the bars are only painted.
        described = "; ".join(f"{name} : {shown}" for name, _value, shown in self._items)
        self.setAccessibleName(title)
        self.setAccessibleDescription(described or self.tr("Aucune donnée sur la période."))
        self.setToolTip(described)
        self.updateGeometry()
        self.update()

    def _row_height(self) -> float:
        return QFontMetricsF(self.font()).height() * 1.6

    def sizeHint(self) -> QSize:
        fm = QFontMetricsF(self.font())
        rows = max(len(self._items), 1)
        return QSize(360, int(fm.height() * 1.8 + self._row_height() * rows + 8))

    def minimumSizeHint(self) -> QSize:
        return QSize(220, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setFont(self.font())
            rect = QRectF(self.rect()).adjusted(4, 4, -4, -4)
            draw_bars(painter, rect, self._title, self._items, palette=self.palette())
        finally:
            painter.end()
