"""An on-screen signature pad: mouse, pen (tablet) and finger (touch) strokes.

Strokes are kept as lists of points and drawn as smooth quadratic curves through the
midpoints of successive samples (the usual way to smooth hand-drawn input without lag).
The PNG export draws the same curves in black ink on a transparent background, whatever
the on-screen theme, so the signature prints well on the convention.

Keyboard users and paper signatures are covered by the handout wizard's « Signature
recueillie sur papier » checkbox (``paper_signature_png`` makes the marker image).
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPointingDevice,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

Stroke = list[QPointF]

INK_WIDTH = 2.6
EXPORT_SIZE = QSize(600, 200)


def _path(stroke: Stroke) -> QPainterPath:
    """A smooth path through the samples: quadratic curves between midpoints."""
    path = QPainterPath(stroke[0])
    if len(stroke) == 1:
        # A dot: a tiny segment so the round cap draws it.
        path.lineTo(stroke[0] + QPointF(0.1, 0.1))
        return path
    if len(stroke) == 2:
        path.lineTo(stroke[1])
        return path
    for i in range(1, len(stroke) - 1):
        mid = (stroke[i] + stroke[i + 1]) / 2
        path.quadTo(stroke[i], mid)
    path.lineTo(stroke[-1])
    return path


def _png(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # stubs say bytes, runtime wants str
    buffer.close()
    return bytes(data.data())


def paper_signature_png(text: str) -> bytes:
    """A small image saying the signature was collected on paper (kept with the handout
    in place of a drawn signature)."""
    image = QImage(EXPORT_SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        font = QFont("DejaVu Sans")
        font.setPixelSize(22)
        painter.setFont(font)
        painter.setPen(QPen(QColor(0, 0, 0), 1.5))
        rect = QRectF(10, 10, EXPORT_SIZE.width() - 20, EXPORT_SIZE.height() - 20)
        painter.drawRect(rect)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), text)
    finally:
        painter.end()
    return _png(image)


class SignatureCanvas(QWidget):
    """The drawing surface. ``changed`` is emitted when a stroke ends or on clear."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signature_canvas")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumSize(420, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.palette().ColorRole.Base)
        self.placeholder = self.tr("Signez ici avec la souris, le stylet ou le doigt")
        self._strokes: list[Stroke] = []
        self._current: Stroke | None = None

    # --- state ------------------------------------------------------------------------

    def is_empty(self) -> bool:
        return not any(self._strokes) and not self._current

    def stroke_count(self) -> int:
        return len(self._strokes)

    def clear(self) -> None:
        self._strokes.clear()
        self._current = None
        self.update()
        self.changed.emit()

    def to_png(self, size: QSize = EXPORT_SIZE) -> bytes:
        """The strokes in black ink on a transparent PNG of ``size``, scaled to fit."""
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            scale = min(size.width() / max(self.width(), 1), size.height() / max(self.height(), 1))
            painter.scale(scale, scale)
            self._draw(painter, QColor(0, 0, 0), INK_WIDTH / max(scale, 0.01) * 1.2)
        finally:
            painter.end()
        return _png(image)

    # --- input ------------------------------------------------------------------------

    def _begin(self, pos: QPointF) -> None:
        self._current = [QPointF(pos)]
        self.update()

    def _extend(self, pos: QPointF) -> None:
        if self._current is None:
            return
        last = self._current[-1]
        # Skip sub-pixel jitter: fewer points, smoother curves.
        if (pos - last).manhattanLength() >= 1.0:
            self._current.append(QPointF(pos))
            self.update()

    def _end(self, pos: QPointF | None = None) -> None:
        if self._current is None:
            return
        if pos is not None:
            self._extend(pos)
        self._strokes.append(self._current)
        self._current = None
        self.update()
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._current is not None:
            self._extend(event.position())
            event.accept()
        else:
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._current is not None:
            self._end(event.position())
            event.accept()
        else:
            super().mouseReleaseEvent(event)

    def tabletEvent(self, event: QTabletEvent) -> None:
        # Accepting the tablet event stops Qt from also synthesising mouse events.
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QTabletEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QTabletEvent.Type.TabletRelease:
            self._end(event.position())
        event.accept()

    def event(self, e: object) -> bool:
        if isinstance(e, QTouchEvent):
            device = e.device()
            # A touchpad sends touch events too; only a touch screen draws.
            if device is not None and device.type() != QPointingDevice.DeviceType.TouchScreen:
                return super().event(e)
            points = e.points()
            if points:
                pos = points[0].position()
                kind = e.type()
                if kind == QTouchEvent.Type.TouchBegin:
                    self._begin(pos)
                elif kind == QTouchEvent.Type.TouchUpdate:
                    self._extend(pos)
                elif kind in (QTouchEvent.Type.TouchEnd, QTouchEvent.Type.TouchCancel):
                    self._end(pos)
            e.accept()
            return True
        return super().event(e)  # type: ignore[arg-type]

    # --- drawing ----------------------------------------------------------------------

    def _draw(self, painter: QPainter, colour: QColor, width: float) -> None:
        pen = QPen(colour, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        strokes = [*self._strokes, *([self._current] if self._current else [])]
        for stroke in strokes:
            if stroke:
                painter.drawPath(_path(stroke))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            pal = self.palette()
            # A baseline to sign on, in a neutral mid tone of the theme.
            base_y = self.height() * 0.72
            line_pen = QPen(pal.color(pal.ColorRole.Mid), 1, Qt.PenStyle.DashLine)
            painter.setPen(line_pen)
            painter.drawLine(QPointF(24, base_y), QPointF(self.width() - 24, base_y))
            if self.is_empty():
                painter.setPen(pal.color(pal.ColorRole.PlaceholderText))
                painter.drawText(
                    QRectF(0, 0, self.width(), base_y - 8),
                    int(Qt.AlignmentFlag.AlignCenter),
                    self.placeholder,
                )
            self._draw(painter, pal.color(pal.ColorRole.Text), INK_WIDTH)
        finally:
            painter.end()


class SignaturePad(QFrame):
    """The signature area of the handout wizard: canvas, « Effacer », paper alternative.

    ``is_empty()`` and ``to_png()`` read the drawn signature; ``paper_checkbox`` lets a
    keyboard user (or a family signing the printed convention) go on without drawing.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signature_pad")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Zone de signature"))
        self.setAccessibleDescription(
            self.tr(
                "Dessinez la signature avec la souris, un stylet ou le doigt. Sans souris, "
                "cochez « Signature recueillie sur papier »."
            )
        )
        self.canvas = SignatureCanvas(self)
        self.canvas.setAccessibleName(self.tr("Zone de signature"))
        self.canvas.changed.connect(self._on_canvas_changed)
        self._clear_button = QPushButton(self.tr("&Effacer"), self)
        self._clear_button.setObjectName("signature_clear_button")
        self._clear_button.setToolTip(self.tr("Effacer la signature et recommencer"))
        self._clear_button.clicked.connect(self.clear)
        self.paper_checkbox = QCheckBox(self.tr("Signature recueillie sur &papier"), self)
        self.paper_checkbox.setObjectName("signature_paper_checkbox")
        self.paper_checkbox.setToolTip(
            self.tr(
                "La famille signe la convention imprimée ; gardez l’exemplaire signé "
                "dans le dossier."
            )
        )
        self.paper_checkbox.toggled.connect(self._on_paper_toggled)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.canvas, 1)
        row = QHBoxLayout()
        row.addWidget(self.paper_checkbox)
        row.addStretch(1)
        row.addWidget(self._clear_button)
        layout.addLayout(row)
        self._update_clear()

    @property
    def clear_button(self) -> QPushButton:
        return self._clear_button

    def is_empty(self) -> bool:
        return self.canvas.is_empty()

    def on_paper(self) -> bool:
        return self.paper_checkbox.isChecked()

    def is_complete(self) -> bool:
        """Drawn, or collected on paper."""
        return self.on_paper() or not self.is_empty()

    def to_png(self) -> bytes:
        return self.canvas.to_png()

    def clear(self) -> None:
        self.canvas.clear()

    def _update_clear(self) -> None:
        self._clear_button.setEnabled(not self.canvas.is_empty())

    def _on_canvas_changed(self) -> None:
        self._update_clear()
        self.changed.emit()

    def _on_paper_toggled(self, checked: bool) -> None:
        self.canvas.setEnabled(not checked)
        if checked:
            self.canvas.clear()
        self.changed.emit()
