"""Composition root of the graphical application.

``run`` builds everything once and passes it by constructor: paths -> logging -> Qt
application (the language of the preferences) -> single instance (a second start on the same
data directory raises the first one's window and exits) -> store -> crash handler ->
``Services`` -> ``TaskRunner`` -> ``SessionManager`` -> (first run when the store has no
profile) -> ``SyncController`` -> ``AppContext`` -> main window -> the store's integrity check
and daily backup, on the task runner once the window shows (the store refuses writes until
the check's verdict: see ``local_store.db``). No module-level state, so a test builds the
same graph on a temporary data directory.

The store is the data folder's store in use (one per account, ``sync.accounts``). When
another account signs in, or the data kept apart are opened, the window asks for another
store: everything from the store on is closed (syncs stopped, tasks drained, window
deleted, engine disposed) and built again on the other one (``_run_store`` in a loop).
"""

from __future__ import annotations

import logging
import logging.handlers
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from mediator_app.core.errors import KnownError
from mediator_app.local_store import Store, StoreInfo, open_local_store
from mediator_app.local_store.db import daily_backup
from mediator_app.paths import AppPaths
from mediator_app.support import known_names
from mediator_app.sync.accounts import AccountStores, StoreSwitcher
from mediator_app.sync.engine import SyncEngine
from mediator_app.sync.session import SessionManager, keyring_is_secure
from mediator_app.sync.status import status_text, sync_status
from mediator_app.ui import style
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.crash import CrashHandler, bring_to_front
from mediator_app.ui.dialogs.first_run import FirstRunDialog
from mediator_app.ui.gc_guard import GuiGarbageCollector
from mediator_app.ui.i18n import install_language
from mediator_app.ui.main_window import WINDOW_TITLE, MainWindow
from mediator_app.ui.settings import Preferences
from mediator_app.ui.single_instance import Acquired, SingleInstance
from mediator_app.ui.sync_controller import SyncController
from mediator_app.ui.tasks import CancelToken, TaskRunner

log = logging.getLogger(__name__)

APP_ICON = Path(__file__).with_name("resources") / "icons" / "fr.tne.Mediation.svg"

LOG_MAX_BYTES = 1_000_000
LOG_FILES_KEPT = 5
EXIT_KNOWN_ERROR = 2


def configure_logging(paths: AppPaths, level: int = logging.INFO) -> logging.Handler:
    """Log to a rotating file in the logs folder (ids and counts only, never personal data);
    to the console when that folder cannot be written (a read-only data folder)."""
    handler: logging.Handler
    try:
        paths.logs_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            paths.log_file, maxBytes=LOG_MAX_BYTES, backupCount=LOG_FILES_KEPT, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    return handler


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _on_qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    level = _QT_LEVELS.get(mode, logging.WARNING)
    logging.getLogger("qt").log(level, "%s", message)
    if level >= logging.ERROR:
        # Qt aborts on some of these (no display, missing platform plugin): say it on the
        # console too, since no window will ever show it.
        sys.stderr.write(f"Qt: {message}\n")


def install_french(app: QApplication) -> list[QTranslator]:
    """French locale for dates and numbers, and Qt's own French catalogue (« Annuler »…).

    Returns the installed translators; they must live as long as the application.
    """
    return install_language(app, "fr")


def run(paths: AppPaths, argv: list[str] | None = None, *, defer_check: bool = True) -> int:
    """Start the graphical application on a data directory; returns the exit code.

    Reuses a running ``QApplication`` (tests) and puts back the Qt message handler, the
    exception hook and the log handler it installed when the window closes.
    ``defer_check=False`` keeps ``quick_check`` and the daily backup before the window, as
    the headless commands do (the launch benchmark measures both ways).
    """
    try:
        paths.ensure()
    except KnownError as exc:
        return _refuse_to_start(argv, exc.message)
    handler = configure_logging(paths)
    log.info("starting %s", WINDOW_TITLE)  # no path: it may hold the user's name
    previous_handler = qInstallMessageHandler(_on_qt_message)
    previous_hook = sys.excepthook
    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication(argv if argv is not None else sys.argv[:1])
    )
    app.setApplicationName(WINDOW_TITLE)
    app.setApplicationDisplayName(WINDOW_TITLE)
    app.setOrganizationName("TNE")
    # The .desktop file's id (packaging/linux): how Wayland shells find the icon and menu entry.
    app.setDesktopFileName("fr.tne.Mediation")
    app.setWindowIcon(QIcon(str(APP_ICON)))
    style.apply(app)
    prefs = Preferences.at(paths.settings_file)
    translators = install_language(app, prefs.language)
    instance = SingleInstance(paths.data_dir, paths.lock_file)
    collector = GuiGarbageCollector()
    collector.install()
    try:
        acquired = instance.acquire()
        if acquired is Acquired.OTHER_RUNNING:
            if instance.hand_over():
                log.info("already running on this data directory: its window was raised")
                return 0
            QMessageBox.information(
                None,
                WINDOW_TITLE,
                QCoreApplication.translate(
                    "Application",
                    "TNE Médiation est déjà ouvert sur ce poste avec ce dossier de données.",
                ),
            )
            return EXIT_KNOWN_ERROR
        if acquired is Acquired.FAILED and not paths.writable():
            # Nothing can be written here, by this window or another: no lock is needed,
            # and the store opens read-only with a banner saying why.
            log.warning("data folder not writable: started without the instance lock")
        elif acquired is Acquired.FAILED:
            QMessageBox.critical(
                None,
                WINDOW_TITLE,
                QCoreApplication.translate(
                    "Application",
                    "Le dossier des données ne peut pas être verrouillé\u00a0: vérifiez qu’il "
                    "est accessible en écriture.",
                ),
            )
            return EXIT_KNOWN_ERROR
        return _run_window(app, paths, prefs, instance, defer_check=defer_check)
    finally:
        collector.uninstall()
        instance.release()
        for translator in translators:
            app.removeTranslator(translator)
        sys.excepthook = previous_hook
        qInstallMessageHandler(previous_handler)
        logging.getLogger().removeHandler(handler)
        handler.close()


def _refuse_to_start(argv: list[str] | None, message: str) -> int:
    """A French message box when even the data folder is missing and cannot be made."""
    existing = QApplication.instance()
    app = existing or QApplication(argv if argv is not None else sys.argv[:1])
    del app
    QMessageBox.critical(None, WINDOW_TITLE, message)
    return EXIT_KNOWN_ERROR


def _needs_first_run(session: SessionManager, info: StoreInfo) -> bool:
    """A writable store that nobody has introduced themselves to yet."""
    return not info.read_only and not session.profile()


def build_sync_controller(
    store: Store, session: SessionManager, *, auto: bool = True
) -> SyncController:
    """The sync controller of a store: engines from the signed-in session, French status."""

    def engine() -> SyncEngine:
        return SyncEngine(store, session.client())  # AuthenticationError when signed out

    def probe() -> bool:
        return bool(session.client().health())

    return SyncController(
        engine_factory=engine,
        status_text=lambda: status_text(sync_status(store)),
        probe=probe,
        auto=auto,
    )


def check_in_background(
    store: Store, runner: TaskRunner, on_damaged: Callable[[KnownError], None]
) -> bool:
    """Queue the deferred ``quick_check`` of the store, then the daily backup, on the
    runner's "check" lane; False when the store was checked at open (nothing to queue).

    A write that comes first runs the check itself (the gate is shared), so this task only
    moves the check's cost off the start path. Both only read the store, on their own
    connections, so the screens' reads on the database lane do not wait for them.
    ``on_damaged`` gets the French refusal.
    """
    gate = store.gate
    if gate is None or not gate.pending:
        return False

    def check_then_back_up(_token: CancelToken) -> None:
        gate.verify()
        log.info("store checked after the window showed")
        try:
            daily_backup(gate.path)
        except (OSError, sqlite3.Error) as exc:  # a safety copy: never worth stopping for
            log.warning("daily backup failed: %s", type(exc).__name__)

    runner.run(check_then_back_up, on_error=on_damaged, lane="check")
    return True


def _run_window(
    app: QApplication,
    paths: AppPaths,
    prefs: Preferences,
    instance: SingleInstance,
    *,
    defer_check: bool = True,
) -> int:
    """The window on the store in use, then on each store the window asks for."""
    stores = AccountStores(paths)
    try:
        folder = stores.active_dir()
    except KnownError as exc:
        QMessageBox.critical(None, WINDOW_TITLE, exc.message)
        return EXIT_KNOWN_ERROR
    quits = app.quitOnLastWindowClosed()
    try:
        while True:
            outcome = _run_store(
                app, paths, prefs, instance, stores, folder, defer_check=defer_check, quits=quits
            )
            if not isinstance(outcome, Path):
                return outcome
            log.info("switching to another store of the data folder")
            try:
                stores.set_active(outcome)
            except KnownError as exc:
                QMessageBox.critical(None, WINDOW_TITLE, exc.message)
                return EXIT_KNOWN_ERROR
            folder = outcome
    finally:
        app.setQuitOnLastWindowClosed(quits)


def _run_store(
    app: QApplication,
    paths: AppPaths,
    prefs: Preferences,
    instance: SingleInstance,
    stores: AccountStores,
    folder: Path,
    *,
    defer_check: bool = True,
    quits: bool = True,
) -> int | Path:
    """One store's graph and window; the exit code, or the folder of the store to open
    next."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        store, info = open_local_store(folder, defer_check=defer_check)
    except OSError:
        QMessageBox.critical(
            None,
            WINDOW_TITLE,
            QCoreApplication.translate(
                "Application",
                "Le dossier des données de ce compte ne peut pas être créé\u00a0: vérifiez que "
                "le dossier des données est accessible en écriture.",
            ),
        )
        return EXIT_KNOWN_ERROR
    except KnownError as exc:
        log.error("cannot open the local store: %s", exc.code)
        QMessageBox.critical(None, WINDOW_TITLE, exc.message)
        return EXIT_KNOWN_ERROR
    if info.backup_path is not None:
        log.info("backup before migration: %s", Path(info.backup_path).name)
    if not info.read_only:
        try:
            stores.remember(folder, store)  # a store of the earlier layout is adopted
        except KnownError as exc:
            log.warning("accounts index not written: %s", exc.code)

    services = Services.of(store, retention_months=prefs.retention_months)
    runner = TaskRunner()
    session = SessionManager(store)
    switcher = None if info.read_only else StoreSwitcher(stores, folder, store)
    sync: SyncController | None = None
    window: MainWindow | None = None
    CrashHandler(names=lambda: known_names(store), log_file=paths.log_file).install()
    code = 0
    switch_to: list[Path] = []

    def on_raise_requested() -> None:
        # The first-run dialog while it is open, else the main window.
        target: QWidget | None = QApplication.activeModalWidget() or window
        if target is not None:
            bring_to_front(target)
        log.info("window raised for another start")

    def on_switch_requested(target: object) -> None:
        if isinstance(target, Path) and not switch_to:
            switch_to.append(target)
            app.setQuitOnLastWindowClosed(False)  # this window closes, the next one opens
            if window is not None:
                window.close()  # geometry and section kept for the next window
            app.exit(0)

    instance.raise_requested.connect(on_raise_requested)
    try:
        if _needs_first_run(session, info):
            welcome = FirstRunDialog(store, runner, session, switcher=switcher)
            if welcome.exec() != QDialog.DialogCode.Accepted:
                log.info("first run left without a profile")
                return 0
            signed = welcome.session_info
            if signed is not None and signed.store_dir not in (None, folder):
                return signed.store_dir  # the account already has its store here
        if not info.read_only:
            sync = build_sync_controller(store, session)
        ctx = AppContext(
            store=store,
            services=services,
            runner=runner,
            sync=sync,
            small_count_threshold=prefs.small_count_threshold,
        )
        window = MainWindow(
            ctx,
            paths,
            prefs,
            session=None if info.read_only else session,
            read_only_message=info.read_only_reason,
            switcher=switcher,
        )
        window.store_switch_requested.connect(on_switch_requested)
        window.show()
        app.setQuitOnLastWindowClosed(quits)
        log.info("main window shown")

        def on_damaged(exc: KnownError) -> None:
            # As at a start that checked first: the French explanation, then the app stops
            # (every write has been refused since the open, nothing was written).
            log.error("the local store failed its check: %s", exc.code)
            QMessageBox.critical(window, WINDOW_TITLE, exc.message)
            switch_to.clear()
            app.exit(EXIT_KNOWN_ERROR)

        check_in_background(store, runner, on_damaged)
        # Finding the keyring's backend loads all its plugins: after the window too.
        runner.run(
            lambda _token: keyring_is_secure(), on_done=window.show_keyring_secure, lane="net"
        )
        code = app.exec()
    finally:
        instance.raise_requested.disconnect(on_raise_requested)
        if sync is not None:
            sync.cancel()
            sync.wait(10.0)
        runner.shutdown()
        if window is not None:
            window.deleteLater()
        store.engine.dispose()
    log.info("stopped with code %s", code)
    if switch_to and code == 0:
        return switch_to[0]
    return code
