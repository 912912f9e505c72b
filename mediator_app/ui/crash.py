"""Unexpected errors: a scrubbed report, written to the log and shown in a calm dialog.

``install_crash_handler`` replaces ``sys.excepthook`` (PySide calls it for an exception raised
in a slot): a ``KnownError`` is shown as its French message; anything else becomes a report
(application version, system, Python and Qt versions, the exception type, the traceback's
frames with the *types* of their local variables, never their values) written to the log and
shown in ``CrashDialog`` with « Copier le rapport ». The exception's message is kept only once
scrubbed (``mediator_app.support.scrub``: quoted strings, e-mails, phone numbers and every
name the store knows are removed); when the names cannot be read it is left out.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType, TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.errors import KnownError
from mediator_app.support import environment, scrub
from mediator_app.ui.core_messages import core_text
from mediator_app.ui.widgets.icons import warning_icon

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]
NamesProvider = Callable[[], frozenset[str]]

# Locals listed per frame (the innermost frames are the useful ones).
MAX_LOCALS = 15
MAX_FRAMES = 40
_PACKAGE_ROOT = Path(__file__).resolve().parents[2]


def _short_path(filename: str) -> str:
    """A frame's file without the user's folders: from the package or from site-packages."""
    path = Path(filename)
    try:
        return path.resolve().relative_to(_PACKAGE_ROOT).as_posix()
    except (ValueError, OSError):
        pass
    parts = path.parts
    for marker in ("site-packages", "dist-packages", "_internal", "lib"):
        if marker in parts:
            return "/".join(parts[len(parts) - parts[::-1].index(marker) :])
    return path.name


def _type_of(value: object) -> str:
    """The type of a local, never its value (a string may be anyone's name)."""
    if value is None or isinstance(value, bool):
        return repr(value)
    kind = type(value)
    if isinstance(value, str | bytes):
        return f"{kind.__name__} ({len(value)})"
    if isinstance(value, list | tuple | dict | set | frozenset):
        return f"{kind.__name__} ({len(value)})"
    return kind.__qualname__


def _frames(tb: TracebackType | None) -> Iterator[tuple[traceback.FrameSummary, FrameType]]:
    summaries = traceback.extract_tb(tb, limit=None)
    frames = [frame for frame, _line in traceback.walk_tb(tb)]
    yield from zip(summaries, frames, strict=False)


def _format_frames(tb: TracebackType | None, names: frozenset[str]) -> list[str]:
    lines: list[str] = []
    pairs = list(_frames(tb))[-MAX_FRAMES:]
    for summary, frame in pairs:
        lines.append(
            f'  Fichier "{_short_path(summary.filename)}", ligne {summary.lineno}, dans {summary.name}'
        )
        if summary.line:
            # A literal in the source could be anyone's name: string literals go too.
            lines.append(f"    {scrub(summary.line.strip(), names)}")
        local_names = sorted(frame.f_locals)[:MAX_LOCALS]
        if local_names:
            described = ", ".join(f"{n}: {_type_of(frame.f_locals[n])}" for n in local_names)
            lines.append(f"    variables : {described}")
    return lines


def crash_report(
    kind: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    names: frozenset[str] | None,
) -> str:
    """The text of the report, free of personal data.

    ``names`` are the name words of the store (``mediator_app.support.known_names``); None
    when they could not be read, and then the exception's message is left out entirely.
    """
    env = environment()
    lines = [
        "Rapport d’erreur de TNE Médiation",
        f"Version : {env.get('application', '?')}",
        f"Système : {env.get('os', '?')}",
        f"Python : {env.get('python', '?')}",
        f"Qt : {env.get('qt', '?')} (PySide6 {env.get('pyside6', '?')})",
        "",
        f"Exception : {kind.__module__}.{kind.__qualname__}",
    ]
    message = str(exc)
    if names is None:
        lines.append("Message : (omis)")
    elif message:
        cleaned = scrub(message, names).replace("\n", " ")
        lines.append(f"Message : {cleaned[:300]}")
    cause = exc.__cause__ or exc.__context__
    if cause is not None:
        lines.append(f"Cause : {type(cause).__module__}.{type(cause).__qualname__}")
    lines.append("")
    lines.append("Pile d’appels (de l’extérieur vers l’erreur) :")
    lines.extend(_format_frames(tb, names or frozenset()))
    return scrub("\n".join(lines), names or frozenset(), quoted=False)


class CrashDialog(QDialog):
    """« TNE Médiation a rencontré un problème inattendu » with a copyable report."""

    def __init__(self, report: str, log_file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crash_dialog")
        self.setWindowTitle(self.tr("TNE Médiation — problème inattendu"))
        self.setModal(False)
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(warning_icon().pixmap(size, size))
        icon.setAccessibleName(self.tr("Avertissement"))
        head.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        message = QLabel(
            self.tr(
                "TNE Médiation a rencontré un problème inattendu. Vos données sont enregistrées."
            ),
            self,
        )
        message.setObjectName("crash_message_label")
        message.setWordWrap(True)
        head.addWidget(message, 1)
        layout.addLayout(head)
        hint = QLabel(
            self.tr(
                "Vous pouvez continuer votre travail. Si le problème se répète, envoyez ce "
                "rapport au support\u00a0: il ne contient ni nom, ni adresse, ni numéro de "
                "téléphone."
            ),
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        report_label = QLabel(self.tr("&Rapport\u00a0:"), self)
        layout.addWidget(report_label)
        self._report = QPlainTextEdit(self)
        self._report.setObjectName("crash_report_text")
        self._report.setReadOnly(True)
        self._report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._report.setPlainText(report)
        self._report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        report_label.setBuddy(self._report)
        layout.addWidget(self._report, 1)
        if log_file is not None:
            where = QLabel(
                self.tr("Le détail est aussi noté dans le journal technique (dossier « logs »)."),
                self,
            )
            where.setWordWrap(True)
            where.setEnabled(False)
            layout.addWidget(where)
        buttons = QDialogButtonBox(self)
        self._copy_button = QPushButton(self.tr("&Copier le rapport"), self)
        self._copy_button.setObjectName("copy_report_button")
        self._copy_button.clicked.connect(self.copy_report)
        self._close_button = QPushButton(self.tr("&Fermer"), self)
        self._close_button.setObjectName("close_button")
        self._close_button.setDefault(True)
        self._close_button.clicked.connect(self.accept)
        buttons.addButton(self._copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self._close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        layout.addWidget(buttons)
        QWidget.setTabOrder(self._close_button, self._copy_button)
        QWidget.setTabOrder(self._copy_button, self._report)
        self.resize(640, 460)

    @property
    def report(self) -> str:
        return self._report.toPlainText()

    def add_report(self, report: str) -> None:
        """Another error while the dialog is open: append it."""
        self._report.appendPlainText("\n" + "—" * 40 + "\n" + report)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)
        self._copy_button.setText(self.tr("✓ Rapport copié"))


class CrashHandler:
    """The ``sys.excepthook`` of the application (install with ``install``)."""

    def __init__(
        self,
        *,
        names: NamesProvider | None = None,
        log_file: Path | None = None,
        title: str = "TNE Médiation",
    ) -> None:
        self._names = names
        self._log_file = log_file
        self._title = title
        self._previous: ExceptHook | None = None
        self.dialog: CrashDialog | None = None

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self

    def uninstall(self) -> None:
        if self._previous is not None and sys.excepthook is self:
            sys.excepthook = self._previous
        self._previous = None

    def _read_names(self) -> frozenset[str] | None:
        if self._names is None:
            return frozenset()
        try:
            return self._names()
        except Exception:  # the store may be what failed: leave the message out
            log.warning("names for the crash report unavailable", exc_info=False)
            return None

    def __call__(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if isinstance(exc, KnownError):
            log.warning("known error reached the top: %s", exc.code)
            QMessageBox.warning(QApplication.activeWindow(), self._title, core_text(exc.message))
            return
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        try:
            report = crash_report(kind, exc, tb, self._read_names())
        except Exception:  # never fail inside the hook
            report = f"Exception : {kind.__module__}.{kind.__qualname__}"
        log.critical("unexpected error\n%s", report)
        if QApplication.instance() is None:
            sys.stderr.write(report + "\n")
            return
        self.show(report)

    def show(self, report: str) -> CrashDialog:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.add_report(report)
            bring_to_front(self.dialog)
        else:
            if self.dialog is not None:
                self.dialog.deleteLater()
            self.dialog = CrashDialog(report, self._log_file)  # no parent: outlives any window
            self.dialog.show()
            self.dialog.activateWindow()
        return self.dialog


def bring_to_front(window: QWidget) -> None:
    """Un-minimise, raise and activate ``window`` (raising is not a thing offscreen)."""
    if window.isMinimized():
        window.showNormal()
    else:
        window.show()
    if QGuiApplication.platformName() != "offscreen":
        window.raise_()
    window.activateWindow()
