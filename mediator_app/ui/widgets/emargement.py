"""The *feuille d'émargement* of a workshop: read the names, lay out the PDF off the GUI
thread, then open it (unless ``open_files`` is off, as in tests).

The sheet lists the registered parents (and anyone already marked present), sorted by last
name, with the children recorded for each family, plus a blank line per place left for
walk-ins; ``reports.pdf.emargement_document`` adds the RGPD notice. ``builder`` is also what
« Imprimer… » prints (``widgets.printing``).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from mediator_app.core.enums import Presence, RegistrationStatus
from mediator_app.core.errors import KnownError, StorageError
from mediator_app.local_store.services.workshops import WorkshopRow
from mediator_app.reports import pdf
from mediator_app.ui.context import AppContext
from mediator_app.ui.tasks import CancelToken
from mediator_app.ui.widgets.french import document_date, document_time
from mediator_app.ui.widgets.printing import open_document

log = logging.getLogger(__name__)


def file_name(row: WorkshopRow) -> str:
    """« emargement-2026-03-05-cafe-des-parents-pronote.pdf » (the title, never a name)."""
    folded = unicodedata.normalize("NFKD", row.workshop.title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:40] or "atelier"
    return f"emargement-{row.workshop.date.isoformat()}-{slug}.pdf"


class EmargementExporter(QObject):
    """Generates sheets; one at a time.

    Signals:
        generated(object): the ``Path`` of the PDF written.
        failed(str): a French message.
    """

    generated = Signal(object)
    failed = Signal(str)

    def __init__(self, ctx: AppContext, exports_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._parent_widget = parent
        self.exports_dir = exports_dir
        #: Open the PDF with the desktop's viewer once written (tests turn it off).
        self.open_files = True
        self._token: CancelToken | None = None
        self._progress: QProgressDialog | None = None

    @property
    def busy(self) -> bool:
        return self._token is not None

    def builder(self, row: WorkshopRow, place: str) -> Callable[[CancelToken], pdf.Document]:
        """What builds the sheet of ``row`` on the worker thread: the registered parents
        (and anyone marked present) with the children recorded for each family, and a
        blank line per place left (``reports.pdf.blank_lines_for``)."""
        w = row.workshop
        services = self._ctx.services
        facilitators = [self._ctx.store.identity.actor_name, *w.co_facilitators]
        # The sheet is an official document: French whatever the interface's language.
        when = document_date(w.date)
        if w.start_time is not None:
            when += f" à {document_time(w.start_time)}"

        def build(token: CancelToken) -> pdf.Document:
            people = [
                p
                for p in services.attendance.check_in_list(w.id)
                if p.registration_status is RegistrationStatus.REGISTERED
                or p.presence is Presence.PRESENT
            ]
            children = services.attendance.children_of(
                [p.participant_id for p in people if p.participant_id is not None]
            )
            token.check()
            lines = [
                pdf.SheetLine(
                    p.last_name,
                    p.first_name,
                    pdf.children_text(
                        children.get(p.participant_id, ()) if p.participant_id else (),
                        p.children_count,
                    ),
                )
                for p in people
            ]
            registered = sum(
                1 for p in people if p.registration_status is RegistrationStatus.REGISTERED
            )
            return pdf.emargement_document(
                title=w.title,
                when=when,
                place=place,
                facilitator=", ".join(f for f in facilitators if f),
                lines=lines,
                blank_lines=pdf.blank_lines_for(w.capacity, registered),
            )

        return build

    def generate(
        self, row: WorkshopRow, place: str, path: Path | None = None
    ) -> CancelToken | None:
        """Write the sheet of ``row`` to ``path`` (default: the exports folder)."""
        if self._token is not None:
            return None
        target = path or self.exports_dir / file_name(row)
        build = self.builder(row, place)

        def work(token: CancelToken) -> Path:
            document = build(token)
            token.check()
            token.progress(1, 2, "")
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                pdf.write(target, document)
            except OSError as exc:
                raise StorageError(
                    "La feuille d’émargement n’a pas pu être enregistrée "
                    "(dossier inaccessible ou disque plein)."
                ) from exc
            token.check()
            token.progress(2, 2, "")
            return target

        progress = QProgressDialog(
            self.tr("Préparation de la feuille d’émargement…"),
            self.tr("Annuler"),
            0,
            2,
            self._parent_widget,
        )
        progress.setObjectName("emargement_progress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        self._progress = progress
        token = self._ctx.runner.run(
            work,
            on_done=self._on_done,
            on_error=self._on_error,
            on_progress=lambda done, _total, _text: progress.setValue(done),
        )
        progress.canceled.connect(token.cancel)
        self._token = token
        return token

    def _finish(self) -> None:
        self._token = None
        if self._progress is not None:
            self._progress.reset()
            self._progress.hide()
            self._progress.deleteLater()
            self._progress = None

    def _on_done(self, path: Any) -> None:
        self._finish()
        assert isinstance(path, Path)
        log.info("emargement sheet written")
        self.generated.emit(path)
        if self.open_files:
            open_document(self._parent_widget, path)

    def _on_error(self, error: KnownError) -> None:
        self._finish()
        self.failed.emit(error.message)
