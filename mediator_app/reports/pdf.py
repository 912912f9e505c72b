"""Printable documents: QTextDocument (HTML) laid out on A4 pages by QPdfWriter, with a
footer on every page (notice + page numbers). Needs a QGuiApplication (``ensure_gui``).
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

RGPD_NOTICE = (
    "Les informations de cette feuille servent uniquement au suivi des ateliers du programme "
    "Territoires Numériques Éducatifs (mission d’intérêt public). Elles sont conservées "
    "24 mois après votre dernière venue puis anonymisées. Vous pouvez y accéder, les "
    "rectifier ou demander leur effacement auprès de votre médiateur·rice."
)
RESOLUTION = 300
FOOTER_MM = 16.0

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
table.grid td, table.grid th { border: 1px solid #444; padding: 4pt; }
table.grid th { background: #e8e8e8; }
.small { font-size: 8pt; color: #444; }
"""


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
    ensure_gui()
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("TNE Médiation")
    writer.setResolution(RESOLUTION)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    writer.setPageMargins(QMarginsF(15, 15, 15, 12), QPageLayout.Unit.Millimeter)

    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultStyleSheet(STYLE)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(10)
    doc.setDefaultFont(font)
    for name, image in (images or {}).items():
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    doc.setHtml(f"<html><body>{body}</body></html>")

    px_per_mm = RESOLUTION / 25.4
    page = writer.pageLayout().paintRectPixels(RESOLUTION)
    footer_h = FOOTER_MM * px_per_mm
    content = QSizeF(page.width(), page.height() - footer_h)
    doc.setPageSize(content)
    pages = doc.pageCount()

    painter = QPainter(writer)
    try:
        small = QFont("DejaVu Sans")
        small.setPointSizeF(7.5)
        for i in range(pages):
            if i:
                writer.newPage()
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
            painter.drawText(box, int(Qt.TextFlag.TextWordWrap), footer)
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


def emargement(
    path: Path,
    *,
    title: str,
    when: str,
    place: str,
    facilitator: str,
    names: Sequence[tuple[str, str]],
    blank_lines: int = 6,
) -> int:
    """The *feuille d'émargement*: one line per registered parent plus blank lines for
    walk-ins, a signature column, the short RGPD notice in the footer."""
    rows = []
    for n, (last, first) in enumerate(names, start=1):
        rows.append(
            f"<tr><td width='6%'>{n}</td><td width='27%'>{esc(last)}</td>"
            f"<td width='25%'>{esc(first)}</td><td width='12%'></td><td width='30%'>"
            "&nbsp;<br>&nbsp;</td></tr>"
        )
    for n in range(len(names) + 1, len(names) + 1 + blank_lines):
        rows.append(f"<tr><td>{n}</td><td></td><td></td><td></td><td>&nbsp;<br>&nbsp;</td></tr>")
    body = (
        f"<h1>Feuille d’émargement</h1>"
        f"<p class='meta'><b>{esc(title)}</b></p>"
        f"<p class='meta'>{esc(when)} — {esc(place)}</p>"
        f"<p class='meta'>Animé par : {esc(facilitator)}</p><br>"
        "<table class='grid' width='100%' cellspacing='0'>"
        "<tr><th>N°</th><th>Nom</th><th>Prénom</th><th>Enfants</th><th>Signature</th></tr>"
        + "".join(rows)
        + "</table>"
    )
    return render(path, body, title=f"Émargement — {title}", footer=RGPD_NOTICE)


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
) -> int:
    """The signed *convention de prêt* / attestation de remise with the frozen text."""
    images: dict[str, QImage] = {}
    sig_html = "<p><i>Signature non recueillie.</i></p>"
    if signature_png:
        img = QImage.fromData(signature_png)
        if not img.isNull():
            images["signature.png"] = img
            sig_html = "<p><img src='signature.png' width='260'></p>"
    paragraphs = "".join(f"<p>{esc(p)}</p>" for p in agreement_text.split("\n") if p.strip())
    items = "".join(f"<li>{esc(d)}</li>" for d in devices)
    body = (
        f"<h1>{esc(title)}</h1>{paragraphs}<h2>Matériel remis</h2><ul>{items}</ul>"
        f"<h2>Signature</h2><p>Signé par {esc(signer)}, le {esc(signed_at)}.</p>{sig_html}"
        f"<p class='small'>Empreinte du texte signé (SHA-256) : {esc(agreement_hash)}</p>"
    )
    return render(
        path, body, title=title, footer="Document établi avec TNE Médiation.", images=images
    )


def simple_document(
    path: Path, *, title: str, sections: Sequence[tuple[str, str]], footer: str = ""
) -> int:
    """A titled document of (heading, HTML) sections (person export, reports)."""
    body = f"<h1>{esc(title)}</h1>" + "".join(
        f"<h2>{esc(h)}</h2>{content}" for h, content in sections
    )
    return render(path, body, title=title, footer=footer)
