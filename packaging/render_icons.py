"""Render the application icon (SVG) to the PNG sizes and the Windows .ico, with Qt.

Run from the repository root after editing the SVG, then commit the files it writes:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py

PNGs go to ``mediator_app/resources/icons/fr.tne.Mediation-<size>.png`` (the hicolor sizes of
the Linux tarball and the window icon) and ``fr.tne.Mediation.ico`` beside them (Windows) gets the
16-256 px images: 32-bit BMP entries up to 64 px, PNG for 128 and 256 (what Windows and
Inno Setup read).
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path
from typing import cast

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "mediator_app" / "resources" / "icons"
SVG = ICONS / "fr.tne.Mediation.svg"
ICO = ICONS / "fr.tne.Mediation.ico"
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_PNG_FROM = 128  # entries of this size and larger are stored as PNG


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    QImageWriter(buffer, QByteArray(b"PNG")).write(image)
    buffer.close()
    return bytes(data.data())


def bmp_entry(image: QImage) -> bytes:
    """A 32-bit BGRA DIB (bottom-up, double height) with an all-opaque AND mask."""
    size = image.width()
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)  # BGRA in memory (little endian)
    rows = [bytes(cast(memoryview, argb.constScanLine(y)))[: size * 4] for y in range(size)]
    pixels = b"".join(reversed(rows))
    mask_row = ((size + 31) // 32) * 4
    mask = b"\x00" * (mask_row * size)
    header = struct.pack(
        "<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, len(pixels) + len(mask), 0, 0, 0, 0
    )
    return header + pixels + mask


def write_ico(renderer: QSvgRenderer, path: Path) -> None:
    entries = []
    for size in ICO_SIZES:
        image = render(renderer, size)
        data = png_bytes(image) if size >= ICO_PNG_FROM else bmp_entry(image)
        entries.append((size, data))
    offset = 6 + 16 * len(entries)
    out = bytearray(struct.pack("<HHH", 0, 1, len(entries)))
    for size, data in entries:
        dim = 0 if size >= 256 else size
        out += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    for _size, data in entries:
        out += data
    path.write_bytes(bytes(out))


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        sys.stderr.write(f"invalid SVG: {SVG}\n")
        return 1
    for size in PNG_SIZES:
        target = ICONS / f"fr.tne.Mediation-{size}.png"
        if not render(renderer, size).save(str(target)):
            sys.stderr.write(f"cannot write {target}\n")
            return 1
    write_ico(renderer, ICO)
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
