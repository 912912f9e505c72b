"""Printable documents: QTextDocument (HTML) laid out on A4 pages by QPdfWriter, with a
footer on every page (notice + page numbers). Needs a QGuiApplication (``ensure_gui``).
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrame,
)

from mediator_app.core.entities import Child
from mediator_app.core.enums import label
from mediator_app.core.errors import CancelledError, KnownError

RGPD_NOTICE = (
    "Les informations de cette feuille servent uniquement au suivi des ateliers du programme "
    "Territoires Numériques Éducatifs (mission d’intérêt public). Elles sont conservées "
    "24 mois après votre dernière venue puis anonymisées. Vous pouvez y accéder, les "
    "rectifier ou demander leur effacement auprès de votre médiateur·rice."
)
RESOLUTION = 300
FOOTER_MM = 16.0
#: A piece starting this close to a page's top is already at the top (document margin).
TOP_SLACK_MM = 3.0
#: A table at most this share of a page is kept on one page.
SHORT_TABLE = 0.4
#: Blank lines of the sign-in sheet: the places left, within these bounds (walk-ins are
#: welcome even when the workshop is full; a sheet of 200 blank lines helps nobody).
MIN_BLANK_LINES = 3
MAX_BLANK_LINES = 30
#: Blank lines when the workshop has no capacity.
DEFAULT_BLANK_LINES = 8
#: The family's signature on the convention: legible, as on paper.
SIGNATURE_MM = 55
#: Space between a cell's text and its border (CSS pixels, about 1 mm).
CELL_PADDING = 4

Painter = Callable[[QPainter, QRectF], None]


def ensure_gui() -> QGuiApplication:
    """The running Qt application, or a headless one for command-line exports."""
    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([])
    assert isinstance(app, QGuiApplication)
    return app


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text))


STYLE = """
body { font-family: 'DejaVu Sans', 'Segoe UI', Arial, sans-serif; font-size: 10pt; }
h1 { font-size: 17pt; margin: 0 0 4pt 0; }
h2 { font-size: 13pt; margin: 12pt 0 4pt 0; }
p.meta { color: #333; margin: 0 0 2pt 0; }
table.grid { border-collapse: collapse; }
table.grid td, table.grid th { border: 1px solid #444; }
table.grid th { background: #e8e8e8; }
.small { font-size: 8pt; color: #444; }
"""


@dataclass(frozen=True)
class Document:
    """A printable document, whatever it goes to: a PDF file (``write``) or a printer
    (``paint`` on a ``QPrinter``). Built once, laid out on the device it is painted on, so
    the printed sheet and the saved PDF are the same pages."""

    title: str
    body: str
    footer: str = ""
    images: Mapping[str, QImage] = field(default_factory=dict)
    landscape: bool = False


def setup_page(device: QPagedPaintDevice, document: Document) -> None:
    """A4, the document's orientation and margins (a print dialog may change them after)."""
    device.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    device.setPageOrientation(
        QPageLayout.Orientation.Landscape
        if document.landscape
        else QPageLayout.Orientation.Portrait
    )
    device.setPageMargins(QMarginsF(15, 15, 15, 12), QPageLayout.Unit.Millimeter)


def write(path: Path, document: Document) -> int:
    """Write ``document`` as a PDF file; returns the page count."""
    ensure_gui()
    writer = QPdfWriter(str(path))
    writer.setTitle(document.title)
    writer.setCreator("TNE Médiation")
    writer.setResolution(RESOLUTION)
    setup_page(writer, document)
    return paint(writer, document)


def _text_document(device: QPaintDevice, document: Document) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultStyleSheet(STYLE)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(10)
    doc.setDefaultFont(font)
    for name, image in document.images.items():
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    doc.setHtml(f"<html><body>{document.body}</body></html>")
    return doc


def _units(doc: QTextDocument) -> list[tuple[QTextCursor, QRectF, bool, QTextFrame | None]]:
    """The top-level pieces of the page flow, in order: each paragraph of the root frame
    and each table as a whole (cursor at its start, its rectangle, whether it is a heading,
    the table)."""
    layout = doc.documentLayout()
    root = doc.rootFrame()
    units: list[tuple[QTextCursor, QRectF, bool, QTextFrame | None]] = []
    it = root.begin()
    while not it.atEnd():
        frame = it.currentFrame()
        if frame is not None:
            cursor = QTextCursor(doc)
            cursor.setPosition(frame.firstPosition())
            units.append((cursor, layout.frameBoundingRect(frame), False, frame))
        else:
            block = it.currentBlock()
            if block.isValid():
                heading = block.blockFormat().headingLevel() > 0
                units.append((QTextCursor(block), layout.blockBoundingRect(block), heading, None))
        it += 1
    return units


def _keep_together(doc: QTextDocument, page_height: float, slack: float) -> None:
    """Qt breaks a paragraph between two of its lines when the page is full; a convention
    cut mid-sentence reads as two texts. So a paragraph or a table that fits on one page
    but straddles a page end starts the next page instead, with the heading just above it
    (a heading is never left alone at the bottom of a page). One move per pass, since each
    move shifts everything below it."""
    for _ in range(500):
        units = [u for u in _units(doc) if not _moved(u[0], u[3])]
        target: tuple[QTextCursor, QTextFrame | None] | None = None
        for n, (cursor, rect, heading, frame) in enumerate(units):
            page = int(rect.top() // page_height)
            page_end = (page + 1) * page_height
            at_top = rect.top() - page * page_height < slack
            # A long table flows row by row; a short one (the signature boxes) moves whole.
            limit = page_height * (SHORT_TABLE if frame is not None else 1.0)
            straddles = rect.bottom() > page_end + 0.5 and rect.height() <= limit
            orphan = heading and n + 1 < len(units) and units[n + 1][1].top() >= page_end
            if at_top or not (straddles or orphan):
                continue
            before = units[n - 1] if n else None
            if before is not None and before[2] and before[1].bottom() <= rect.top() + 1.0:
                target = (before[0], before[3])  # the heading goes along
            else:
                target = (cursor, frame)
            break
        if target is None:
            return
        _break_before(*target)


def _moved(cursor: QTextCursor, frame: QTextFrame | None) -> bool:
    fmt = frame.frameFormat() if frame is not None else cursor.blockFormat()
    return bool(fmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)


def _break_before(cursor: QTextCursor, frame: QTextFrame | None) -> None:
    if frame is not None:
        frame_fmt = frame.frameFormat()
        frame_fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        frame.setFrameFormat(frame_fmt)
    else:
        block_fmt = cursor.blockFormat()
        block_fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        cursor.setBlockFormat(block_fmt)


def paint(
    device: QPagedPaintDevice,
    document: Document,
    *,
    cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """Lay ``document`` out on ``device`` (a ``QPdfWriter`` or a ``QPrinter``) and paint
    every page with its footer; returns the page count. Safe off the GUI thread (Qt allows
    painting on a printer or a PDF writer from a worker). ``cancelled`` is asked before
    each page: a printer's job is then aborted (nothing half printed is sent)."""
    ensure_gui()
    dpi = device.logicalDpiY()
    doc = _text_document(device, document)
    px_per_mm = dpi / 25.4
    page = device.pageLayout().paintRectPixels(dpi)
    footer_h = FOOTER_MM * px_per_mm
    content = QSizeF(page.width(), page.height() - footer_h)
    doc.setPageSize(content)
    _keep_together(doc, content.height(), TOP_SLACK_MM * px_per_mm)
    pages = doc.pageCount()

    painter = QPainter(device)
    if not painter.isActive():
        raise KnownError("Le document n’a pas pu être préparé pour l’impression.")
    try:
        small = QFont("DejaVu Sans")
        small.setPointSizeF(7.5)
        for i in range(pages):
            if cancelled():
                abort = getattr(device, "abort", None)
                if abort is not None:
                    abort()
                raise CancelledError()
            if i:
                device.newPage()
            painter.save()
            painter.translate(0, -i * content.height())
            doc.drawContents(
                painter, QRectF(0, i * content.height(), content.width(), content.height())
            )
            painter.restore()
            painter.setFont(small)
            box = QRectF(
                0,
                content.height() + 2 * px_per_mm,
                content.width() * 0.82,
                footer_h - 2 * px_per_mm,
            )
            painter.drawText(box, int(Qt.TextFlag.TextWordWrap), document.footer)
            num = QRectF(
                content.width() * 0.84,
                content.height() + 2 * px_per_mm,
                content.width() * 0.16,
                footer_h,
            )
            painter.drawText(num, int(Qt.AlignmentFlag.AlignRight), f"Page {i + 1} / {pages}")
    finally:
        painter.end()
    return pages


def render(
    path: Path,
    body: str,
    *,
    title: str,
    footer: str = "",
    images: dict[str, QImage] | None = None,
    landscape: bool = False,
) -> int:
    """Lay out ``body`` (HTML) on A4 pages with a footer; returns the page count."""
    return write(
        path,
        Document(title=title, body=body, footer=footer, images=images or {}, landscape=landscape),
    )


class SheetLine(NamedTuple):
    """One registered parent on the sign-in sheet."""

    last_name: str
    first_name: str
    #: The family's children as recorded (« Léa (CM1), Noé »), or their number.
    children: str = ""


def children_text(children: Sequence[Child], present: int = 0) -> str:
    """The « Enfants » cell: the children recorded for the family (« Léa (collège),
    Noé »), else how many came with the parent, else nothing."""
    names = []
    for child in children:
        level = f" ({label(child.school_level).lower()})" if child.school_level else ""
        names.append((child.first_name or "Enfant") + level)
    if names:
        return ", ".join(names)
    if present:
        return f"{present} enfant" if present == 1 else f"{present} enfants"
    return ""


def blank_lines_for(capacity: int | None, listed: int) -> int:
    """Blank lines for walk-ins: the places left, at least ``MIN_BLANK_LINES`` (walk-ins
    come even when it is full), at most ``MAX_BLANK_LINES``."""
    if capacity is None:
        return DEFAULT_BLANK_LINES
    return max(MIN_BLANK_LINES, min(MAX_BLANK_LINES, capacity - listed))


def emargement_document(
    *,
    title: str,
    when: str,
    place: str,
    facilitator: str,
    lines: Sequence[SheetLine],
    blank_lines: int = DEFAULT_BLANK_LINES,
) -> Document:
    """The *feuille d'émargement*: one line per registered parent (with the children
    recorded for the family) plus blank lines for walk-ins, a signature column, the short
    RGPD notice in the footer. Cells are padded so no text touches a border."""
    rows = []
    for n, line in enumerate(lines, start=1):
        rows.append(
            f"<tr><td>{n}</td><td>{esc(line.last_name)}</td><td>{esc(line.first_name)}</td>"
            f"<td>{esc(line.children)}</td><td>&nbsp;<br>&nbsp;</td></tr>"
        )
    for n in range(len(lines) + 1, len(lines) + 1 + max(blank_lines, 0)):
        rows.append(f"<tr><td>{n}</td><td></td><td></td><td></td><td>&nbsp;<br>&nbsp;</td></tr>")
    body = (
        f"<h1>Feuille d’émargement</h1>"
        f"<p class='meta'><b>{esc(title)}</b></p>"
        f"<p class='meta'>{esc(when)} — {esc(place)}</p>"
        f"<p class='meta'>Animé par : {esc(facilitator)}</p><br>"
        f"<table class='grid' width='100%' cellspacing='0' cellpadding='{CELL_PADDING}'>"
        "<thead><tr><th width='6%'>N°</th><th width='22%'>Nom</th><th width='20%'>Prénom</th>"
        "<th width='22%'>Enfants</th><th width='30%'>Signature</th></tr></thead>"
        + "".join(rows)
        + "</table>"
    )
    return Document(title=f"Émargement — {title}", body=body, footer=RGPD_NOTICE)


def emargement(
    path: Path,
    *,
    title: str,
    when: str,
    place: str,
    facilitator: str,
    lines: Sequence[SheetLine],
    blank_lines: int = DEFAULT_BLANK_LINES,
) -> int:
    """Write the sign-in sheet as a PDF; returns the page count."""
    return write(
        path,
        emargement_document(
            title=title,
            when=when,
            place=place,
            facilitator=facilitator,
            lines=lines,
            blank_lines=blank_lines,
        ),
    )


def convention_document(
    *,
    title: str,
    agreement_text: str,
    agreement_hash: str,
    signer: str,
    signed_at: str,
    devices: Sequence[str],
    signature_png: bytes | None,
    mediator: str = "",
    structure: str = "",
) -> Document:
    """The signed *convention de prêt* / attestation de remise with the frozen text, and
    three signature boxes: the family (the signature drawn on the laptop), the mediator
    and the structure (signed and stamped on paper). The signed text is shown exactly as
    signed; « Signé par » is added only when that text does not already say it."""
    images: dict[str, QImage] = {}
    drawn = "<i>Signature non recueillie.</i>"
    if signature_png:
        img = QImage.fromData(signature_png)
        if not img.isNull():
            images["signature.png"] = img
            drawn = f"<img src='signature.png' width='{_px(SIGNATURE_MM)}'>"
    paragraphs = "".join(
        "<p>" + "<br>".join(esc(line) for line in block.strip().split("\n")) + "</p>"
        for block in re.split(r"\n\s*\n", agreement_text)
        if block.strip()
    )
    items = "".join(f"<li>{esc(d)}</li>" for d in devices)
    says_signed = "signé par" in agreement_text.lower()
    family = (
        f"{esc(signer)}<br>le {esc(signed_at)}"
        if says_signed
        else f"Signé par {esc(signer)}<br>le {esc(signed_at)}"
    )
    box_height = _px(38)
    boxes = (
        f"<table class='grid' width='100%' cellspacing='0' cellpadding='{CELL_PADDING}'>"
        "<tr><th width='40%'>La famille</th><th width='30%'>Le·la médiateur·rice</th>"
        "<th width='30%'>La structure</th></tr>"
        f"<tr><td height='{box_height}' valign='top'>{family}<br>{drawn}</td>"
        f"<td valign='top'>{esc(mediator)}</td>"
        f"<td valign='top'>{esc(structure)}<br><span class='small'>Cachet et signature</span>"
        "</td></tr></table>"
    )
    body = (
        f"<h1>{esc(title)}</h1>{paragraphs}<h2>Matériel remis</h2><ul>{items}</ul>"
        f"<h2>Signatures</h2>{boxes}"
        f"<p class='small'>Empreinte du texte signé (SHA-256) : {esc(agreement_hash)}</p>"
    )
    return Document(
        title=title, body=body, footer="Document établi avec TNE Médiation.", images=images
    )


def convention(
    path: Path,
    *,
    title: str,
    agreement_text: str,
    agreement_hash: str,
    signer: str,
    signed_at: str,
    devices: Sequence[str],
    signature_png: bytes | None,
    mediator: str = "",
    structure: str = "",
) -> int:
    """Write the convention as a PDF; returns the page count."""
    return write(
        path,
        convention_document(
            title=title,
            agreement_text=agreement_text,
            agreement_hash=agreement_hash,
            signer=signer,
            signed_at=signed_at,
            devices=devices,
            signature_png=signature_png,
            mediator=mediator,
            structure=structure,
        ),
    )


def _px(mm: float) -> int:
    """HTML lengths are in CSS pixels (1/96 inch); Qt scales them to the device."""
    return round(mm / 25.4 * 96)


def simple_document(
    path: Path, *, title: str, sections: Sequence[tuple[str, str]], footer: str = ""
) -> int:
    """A titled document of (heading, HTML) sections (person export, reports)."""
    body = f"<h1>{esc(title)}</h1>" + "".join(
        f"<h2>{esc(h)}</h2>{content}" for h, content in sections
    )
    return render(path, body, title=title, footer=footer)
