"""Printing and saving the app's documents (the *feuille d'émargement*, the *convention de
prêt*, the *bilan*): one ``DocumentPrinter`` per screen.

- « Imprimer… » asks for a printer with Qt's print dialog, then lays the document out on
  the printer on the task runner (the window stays usable, a progress dialog can cancel).
  The document is painted on the printer itself (``reports.pdf.paint``), so the printed
  sheet and the saved PDF are the same pages.
- « Enregistrer le PDF… » asks where, writes it, then says where it went with a button
  to open the folder.
- ``open_document`` opens a PDF in the desktop's viewer, and when none can, says so with
  the file's location instead of doing nothing.

The two questions asked of the user (which printer, which file) are attributes
(``choose_printer``, ``choose_path``) so a test can print to a PDF file through
``QPrinter`` without a modal dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QProgressDialog, QWidget

from mediator_app.core.errors import CancelledError, KnownError, StorageError
from mediator_app.reports import pdf
from mediator_app.ui.tasks import CancelToken, TaskRunner
from mediator_app.ui.widgets.icons import icon

log = logging.getLogger(__name__)

#: Builds the document on the worker thread (it may read the store).
Build = Callable[[CancelToken], pdf.Document]
#: Asks which printer (and its settings) to use; ``False`` when the user cancels.
PrinterChooser = Callable[[QPrinter, QWidget | None], bool]
#: Asks where to save a PDF (the parent, the suggested path); ``None`` when cancelled.
PathChooser = Callable[[QWidget | None, Path], Path | None]

NOTICE_NAME = "document_notice"


def ask_printer(printer: QPrinter, parent: QWidget | None) -> bool:
    """Qt's print dialog (printer, pages, copies)."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("DocumentPrinter", "Imprimer"))
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_pdf_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """A save dialog for a PDF; the « .pdf » is added when the name lacks it."""
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("DocumentPrinter", "Enregistrer le PDF"),
        str(suggested),
        QCoreApplication.translate("DocumentPrinter", "Documents PDF (*.pdf)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")


def open_folder(path: Path) -> bool:
    """Show the folder holding ``path`` in the file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def show_notice(
    parent: QWidget | None,
    text: str,
    path: Path,
    *,
    on_print: Callable[[], Any] | None = None,
    with_open: bool = False,
) -> QMessageBox:
    """A message naming the file, with « Ouvrir le dossier » and « Fermer » (and
    « Imprimer… », « Ouvrir » when asked); shown without blocking (``open``), returned so
    a caller or a test can read or close it."""
    box = QMessageBox(parent)
    box.setObjectName(NOTICE_NAME)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("DocumentPrinter", "Document"))
    box.setText(text)
    box.setInformativeText(str(path))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if on_print is not None:
        print_button = box.addButton(
            QCoreApplication.translate("DocumentPrinter", "&Imprimer…"),
            QMessageBox.ButtonRole.ActionRole,
        )
        print_button.setObjectName("print_button")
        print_button.setIcon(icon("printer"))
        print_button.clicked.connect(on_print)
    if with_open:
        open_button = box.addButton(
            QCoreApplication.translate("DocumentPrinter", "&Ouvrir"),
            QMessageBox.ButtonRole.ActionRole,
        )
        open_button.setObjectName("open_button")
        open_button.clicked.connect(lambda: open_document(parent, path))
    folder = box.addButton(
        QCoreApplication.translate("DocumentPrinter", "Ouvrir le &dossier"),
        QMessageBox.ButtonRole.ActionRole,
    )
    folder.setObjectName("open_folder_button")
    folder.setIcon(icon("folder-open"))
    folder.clicked.connect(lambda: open_folder(path))
    close = box.addButton(
        QCoreApplication.translate("DocumentPrinter", "Fermer"), QMessageBox.ButtonRole.RejectRole
    )
    close.setObjectName("close_button")
    box.setDefaultButton(close)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def open_document(parent: QWidget | None, path: Path) -> QMessageBox | None:
    """Open ``path`` in the desktop's PDF viewer; when none can, say so and where the file
    is (returns that message)."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return None
    log.info("no viewer could open a document")
    return show_notice(
        parent,
        QCoreApplication.translate(
            "DocumentPrinter",
            "Aucune application n’a pu ouvrir le document. Il est enregistré ici :",
        ),
        path,
    )


class DocumentPrinter(QObject):
    """Prints or saves documents for one screen; one task at a time.

    Args:
        runner: where the document is built and painted (the database thread).
        parent: the screen (parent of the dialogs).

    Signals:
        printed(int): the pages sent to the printer.
        saved(object): the ``Path`` of the PDF written by « Enregistrer le PDF… ».
        failed(str): a French message (cancelling is not a failure: nothing is emitted).
    """

    printed = Signal(int)
    saved = Signal(object)
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._widget = parent
        self.choose_printer: PrinterChooser = ask_printer
        self.choose_path: PathChooser = ask_pdf_path
        #: The last message shown (saved here, or no viewer), for the caller and tests.
        self.notice: QMessageBox | None = None
        self._token: CancelToken | None = None
        self._progress: QProgressDialog | None = None
        self._printer: QPrinter | None = None

    @property
    def busy(self) -> bool:
        return self._token is not None

    def print_document(self, build: Build, title: str, *, landscape: bool = False) -> bool:
        """Ask for a printer, then build and print on the task runner; ``False`` when the
        user cancelled the dialog or a task is already running."""
        if self._token is not None:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        printer.setCreator("TNE Médiation")
        pdf.setup_page(printer, pdf.Document(title=title, body="", landscape=landscape))
        if not self.choose_printer(printer, self._widget):
            return False
        self._printer = printer  # alive until the worker has painted it

        def work(token: CancelToken) -> int:
            document = build(token)
            token.check()
            token.progress(1, 2, "")
            pages = pdf.paint(printer, document, cancelled=lambda: token.cancelled)
            token.progress(2, 2, "")
            return pages

        self._start(work, self.tr("Impression en cours…"), self._on_printed)
        return True

    def save_pdf(self, build: Build, suggested: Path) -> bool:
        """Ask where, then write the PDF on the task runner and say where it went."""
        if self._token is not None:
            return False
        path = self.choose_path(self._widget, suggested)
        if path is None:
            return False

        def work(token: CancelToken) -> Path:
            document = build(token)
            token.check()
            token.progress(1, 2, "")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                pdf.write(path, document)
            except OSError as exc:
                raise StorageError(
                    "Le PDF n’a pas pu être enregistré (dossier inaccessible ou disque plein)."
                ) from exc
            token.progress(2, 2, "")
            return path

        self._start(work, self.tr("Enregistrement du PDF…"), self._on_saved)
        return True

    # --- internals --------------------------------------------------------------------

    def _start(self, work: Callable[[CancelToken], Any], text: str, done: Any) -> None:
        progress = QProgressDialog(text, self.tr("Annuler"), 0, 2, self._widget)
        progress.setObjectName("document_progress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        self._progress = progress
        token = self._runner.run(
            work,
            on_done=done,
            on_error=self._on_error,
            on_progress=lambda value, _total, _text: progress.setValue(value),
        )
        if self._progress is progress:  # still running (an inline runner has finished)
            progress.canceled.connect(token.cancel)
            self._token = token

    def _finish(self) -> None:
        self._token = None
        self._printer = None
        if self._progress is not None:
            self._progress.reset()
            self._progress.hide()
            self._progress.deleteLater()
            self._progress = None

    def _on_printed(self, pages: Any) -> None:
        self._finish()
        log.info("document printed")
        self.printed.emit(int(pages))

    def _on_saved(self, path: Any) -> None:
        self._finish()
        assert isinstance(path, Path)
        self.notice = show_notice(self._widget, self.tr("Le PDF est enregistré ici :"), path)
        self.saved.emit(path)

    def _on_error(self, error: KnownError) -> None:
        self._finish()
        if isinstance(error, CancelledError):
            return
        self.failed.emit(error.message)


__all__ = [
    "DocumentPrinter",
    "ask_pdf_path",
    "ask_printer",
    "open_document",
    "open_folder",
    "show_notice",
]
