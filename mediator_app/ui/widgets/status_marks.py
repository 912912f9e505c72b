"""The coloured marker beside a status in the Matériel lists (devices and lines).

Each status has a shape *and* a colour of the Okabe–Ito palette (told apart with any
colour vision); the status text always stays beside it, so the marker only helps the eye
find « Perdu » or « En réparation » in a long list. ``status_mark(kind)`` gives the cached
icon, drawn sharp at any scale; the models return it as the cell's ``DecorationRole``.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from mediator_app.core.enums import DeviceStatus, LineStatus

#: Okabe–Ito colours.
GREEN = "#009E73"
BLUE = "#0072B2"
ORANGE = "#E69F00"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#8C8C8C"

#: A line still active whose end is near (or past): the list says « ⚠ fin dans 5 j ».
LINE_ENDING = "line_ending"

#: Each status's (shape, colour).
MARKS: dict[str, tuple[str, str]] = {
    DeviceStatus.IN_STOCK: ("disc", GREEN),
    DeviceStatus.HANDED_OUT: ("ring", BLUE),
    DeviceStatus.LOANED: ("diamond", ORANGE),
    DeviceStatus.IN_REPAIR: ("square", PURPLE),
    DeviceStatus.LOST: ("triangle", VERMILLION),
    DeviceStatus.STOLEN: ("triangle", VERMILLION),
    DeviceStatus.RETIRED: ("dash", GREY),
    LineStatus.ACTIVE: ("disc", GREEN),
    LineStatus.SUSPENDED: ("square", PURPLE),
    LineStatus.TERMINATED: ("dash", GREY),
    LINE_ENDING: ("diamond", ORANGE),
}

_SIZE = 64  # drawn large, scaled down by the view: sharp at 125 % and 150 %


def shape_of(kind: str) -> str:
    """The marker's shape for ``kind`` (a device or line status, or ``LINE_ENDING``)."""
    return MARKS[kind][0]


@cache
def status_mark(kind: str) -> QIcon:
    """The marker of ``kind`` as an icon."""
    shape, colour = MARKS[kind]
    pixmap = QPixmap(_SIZE, _SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(colour)
    m = _SIZE * 0.18  # margin: the marker sits a little smaller than the text
    box = QRectF(m, m, _SIZE - 2 * m, _SIZE - 2 * m)
    painter.setPen(QPen(fill.darker(130), _SIZE * 0.05))
    painter.setBrush(fill)
    if shape == "disc":
        painter.drawEllipse(box)
    elif shape == "ring":
        painter.setPen(QPen(fill, _SIZE * 0.13))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(box.adjusted(4, 4, -4, -4))
    elif shape == "square":
        painter.drawRect(box.adjusted(3, 3, -3, -3))
    elif shape == "diamond":
        c = box.center()
        r = box.width() / 2
        path = QPainterPath(QPointF(c.x(), c.y() - r))
        for x, y in ((c.x() + r, c.y()), (c.x(), c.y() + r), (c.x() - r, c.y())):
            path.lineTo(x, y)
        path.closeSubpath()
        painter.drawPath(path)
    elif shape == "triangle":
        path = QPainterPath(QPointF(box.center().x(), box.top()))
        path.lineTo(box.right(), box.bottom())
        path.lineTo(box.left(), box.bottom())
        path.closeSubpath()
        painter.drawPath(path)
    else:  # dash
        painter.setPen(Qt.PenStyle.NoPen)
        h = box.height() * 0.24
        painter.drawRect(QRectF(box.left(), box.center().y() - h / 2, box.width(), h))
    painter.end()
    return QIcon(pixmap)
