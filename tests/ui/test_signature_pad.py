"""The signature pad: strokes from the mouse, a pen and a finger; PNG out; « Effacer »."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QInputDevice, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mediator_app.ui.widgets.signature_pad import SignaturePad, paper_signature_png


def _pad(qtbot: QtBot) -> SignaturePad:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(520, 260)
    pad.show()
    qtbot.waitExposed(pad)
    return pad


def _inked_pixels(png: bytes) -> int:
    image = QImage.fromData(png)
    assert not image.isNull()
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y).alpha() > 0
    )


def test_mouse_strokes_make_a_png_and_clear_empties_it(qtbot: QtBot) -> None:
    pad = _pad(qtbot)
    canvas = pad.canvas
    assert pad.is_empty() and not pad.is_complete()
    assert pad.accessibleName() == "Zone de signature"
    assert not pad.clear_button.isEnabled()
    blank = _inked_pixels(pad.to_png())
    assert blank == 0

    with qtbot.waitSignal(pad.changed):
        qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(40, 80))
        for x in range(50, 300, 10):
            qtbot.mouseMove(canvas, QPoint(x, 80 + (x // 10 % 5) * 8))
        qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(310, 90))
    assert not pad.is_empty() and pad.is_complete()
    assert canvas.stroke_count() == 1
    png = pad.to_png()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert _inked_pixels(png) > 50

    # A second stroke (a dot) counts too.
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(350, 120))
    assert canvas.stroke_count() == 2
    assert pad.clear_button.isEnabled()
    qtbot.mouseClick(pad.clear_button, Qt.MouseButton.LeftButton)
    assert pad.is_empty() and canvas.stroke_count() == 0
    assert _inked_pixels(pad.to_png()) == 0


def test_pen_and_touch_strokes_are_captured(qtbot: QtBot) -> None:
    pad = _pad(qtbot)
    canvas = pad.canvas
    pen = QPointingDevice(
        "test pen",
        1,
        QInputDevice.DeviceType.Stylus,
        QPointingDevice.PointerType.Pen,
        QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
        1,
        3,
    )
    for kind, x in (
        (QTabletEvent.Type.TabletPress, 30),
        (QTabletEvent.Type.TabletMove, 80),
        (QTabletEvent.Type.TabletMove, 140),
        (QTabletEvent.Type.TabletRelease, 200),
    ):
        pos = QPointF(x, 60)
        event = QTabletEvent(
            kind,
            pen,
            pos,
            QPointF(canvas.mapToGlobal(pos)),
            0.6,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            Qt.KeyboardModifier.NoModifier,
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton,
        )
        QApplication.sendEvent(canvas, event)
    assert canvas.stroke_count() == 1

    screen = QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen)
    QTest.touchEvent(canvas, screen).press(0, QPoint(40, 150), canvas).commit()
    QTest.touchEvent(canvas, screen).move(0, QPoint(120, 160), canvas).commit()
    QTest.touchEvent(canvas, screen).move(0, QPoint(220, 150), canvas).commit()
    QTest.touchEvent(canvas, screen).release(0, QPoint(260, 150), canvas).commit()
    assert canvas.stroke_count() == 2
    assert _inked_pixels(pad.to_png()) > 40


def test_paper_signature_is_the_keyboard_alternative(qtbot: QtBot) -> None:
    pad = _pad(qtbot)
    qtbot.mouseClick(pad.canvas, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    assert not pad.is_empty()
    pad.paper_checkbox.setFocus()
    QTest.keyClick(pad.paper_checkbox, Qt.Key.Key_Space)
    assert pad.on_paper() and pad.is_complete()
    assert pad.is_empty()  # the drawing is dropped: one signature only
    assert not pad.canvas.isEnabled()
    marker = paper_signature_png("Signature recueillie sur papier")
    assert marker.startswith(b"\x89PNG") and _inked_pixels(marker) > 20
