"""One-off: the before/after pictures of docs/screenshots/avant-apres/.

Pairs the screenshots of the same name in two folders — « Avant » (the code before the
usability work, rendered by ``tools/screenshots_before.py``) and « Après » (today's
``tools/screenshots.py``) — into one side-by-side PNG each, a caption above each half,
in 256 colours to keep the folder small. Prints the screens found on one side only.

    python tools/avant_apres.py --before AVANT --after docs/screenshots \\
        --out docs/screenshots/avant-apres
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

#: Each half's width in the pair (the shots are 1366 px wide).
HALF_WIDTH = 1024
GAP = 16
CAPTION = 40
#: The screen the shots were taken on: what lies beyond it is off screen.
SCREEN = (1366, 768)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--after", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication([sys.argv[0]])
    before = {p.name for p in args.before.glob("*.png")}
    after = {p.name for p in args.after.glob("*.png")}
    args.out.mkdir(parents=True, exist_ok=True)
    for name in sorted(before & after):
        _pair(args.before / name, args.after / name, args.out / name)
        print(name)
    for name in sorted(after - before):
        print(f"après seulement : {name}")
    for name in sorted(before - after):
        print(f"avant seulement : {name}")
    del app
    return 0


def _pair(before: Path, after: Path, out: Path) -> None:
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    halves = []
    for path in (before, after):
        shot = QImage(str(path))
        # A window wider or taller than the screen: only the screen's part is seen.
        lost = shot.width() - SCREEN[0] - 1, shot.height() - SCREEN[1] - 1
        if max(lost) > 0:
            shot = shot.copy(0, 0, min(shot.width(), SCREEN[0]), min(shot.height(), SCREEN[1]))
        half = shot.scaledToWidth(HALF_WIDTH, Qt.TransformationMode.SmoothTransformation)
        if max(lost) > 0:
            _mark_off_screen(half, max(lost[0], 0))
        halves.append(half)
    height = max(h.height() for h in halves) + CAPTION
    image = QImage(2 * HALF_WIDTH + GAP, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    font = QFont("DejaVu Sans")
    font.setPixelSize(22)
    font.setBold(True)
    painter.setFont(font)
    for index, (half, caption) in enumerate(zip(halves, ("Avant", "Après"), strict=True)):
        x = index * (HALF_WIDTH + GAP)
        painter.fillRect(x, 0, HALF_WIDTH, CAPTION, QColor("#b3261e" if index == 0 else "#1e6b3a"))
        painter.setPen(QColor("#ffffff"))
        painter.drawText(
            QRect(x, 0, HALF_WIDTH, CAPTION), int(Qt.AlignmentFlag.AlignCenter), caption
        )
        painter.drawImage(x, CAPTION, half)
    painter.end()
    small = image.convertToFormat(
        QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither
    )
    if not small.save(str(out), "PNG", 9):
        raise OSError(f"PNG non écrit : {out}")


def _mark_off_screen(half: object, pixels: int) -> None:
    """A red band on the right edge: the window goes on past the screen."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    assert isinstance(half, QImage)
    painter = QPainter(half)
    band = QRect(half.width() - 34, 0, 34, half.height())
    painter.fillRect(band, QColor("#b3261e"))
    font = QFont("DejaVu Sans")
    font.setPixelSize(16)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.translate(band.center())
    painter.rotate(90)
    painter.drawText(
        QRect(-half.height() // 2, -17, half.height(), 34),
        int(Qt.AlignmentFlag.AlignCenter),
        f"{pixels} px de plus, hors de l’écran →",
    )
    painter.end()


if __name__ == "__main__":
    sys.exit(main())
