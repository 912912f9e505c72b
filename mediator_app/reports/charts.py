"""Charts drawn with QPainter, so the dashboard widget and the PDF bilan share one drawing.

Values are labelled in text beside each bar, so nothing is told by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPalette

BAR = QColor(39, 110, 181)


def draw_bars(
    painter: QPainter,
    rect: QRectF,
    title: str,
    items: Sequence[tuple[str, float, str]],
    *,
    palette: QPalette | None = None,
) -> None:
    """A horizontal bar chart of ``(label, value, shown text)`` in ``rect``.

    Text uses the palette's text colour (dark-mode safe); bars use one accent colour and
    every value is also written out.
    """
    text_color = palette.color(QPalette.ColorRole.WindowText) if palette else QColor("black")
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    base = painter.font()
    title_font = QFont(base)
    title_font.setBold(True)
    title_font.setPointSizeF(base.pointSizeF() * 1.15)
    painter.setFont(title_font)
    painter.setPen(text_color)
    tm = QFontMetricsF(title_font)
    painter.drawText(
        QRectF(rect.left(), rect.top(), rect.width(), tm.height()),
        int(Qt.AlignmentFlag.AlignLeft),
        title,
    )
    painter.setFont(base)
    fm = QFontMetricsF(base)
    top = rect.top() + tm.height() * 1.4
    if not items:
        painter.drawText(
            QRectF(rect.left(), top, rect.width(), fm.height()),
            int(Qt.AlignmentFlag.AlignLeft),
            "Aucune donnée sur la période.",
        )
        painter.restore()
        return
    row_h = min(fm.height() * 1.6, (rect.bottom() - top) / len(items))
    label_w = min(rect.width() * 0.38, max(fm.horizontalAdvance(i[0]) for i in items) + 8)
    value_w = max(fm.horizontalAdvance(i[2]) for i in items) + 8
    bar_w = max(rect.width() - label_w - value_w, 10)
    peak = max((i[1] for i in items), default=0) or 1
    for n, (label, value, shown) in enumerate(items):
        y = top + n * row_h
        painter.setPen(text_color)
        elided = fm.elidedText(label, Qt.TextElideMode.ElideRight, label_w - 8)
        painter.drawText(
            QRectF(rect.left(), y, label_w - 8, row_h),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight),
            elided,
        )
        width = bar_w * max(value, 0) / peak
        painter.fillRect(QRectF(rect.left() + label_w, y + row_h * 0.18, width, row_h * 0.64), BAR)
        painter.drawText(
            QRectF(rect.left() + label_w + width + 4, y, value_w, row_h),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            shown,
        )
    painter.restore()


def bars_image(
    title: str,
    items: Sequence[tuple[str, float, str]],
    *,
    width: int = 1600,
    point_size: float = 22,
) -> QImage:
    """The same chart rendered to an image (for PDFs)."""
    rows = max(len(items), 1)
    height = int(point_size * 3.2 * (rows + 2))
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(point_size)
    painter.setFont(font)
    draw_bars(painter, QRectF(10, 10, width - 20, height - 20), title, items)
    painter.end()
    return image
