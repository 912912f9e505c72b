"""The sync seen from the window, against a real tne_api on 127.0.0.1: signing in later
sends what was entered before, the chip follows, F5 syncs, a failure is said calmly."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget, QPushButton
from pytestqt.qtbot import QtBot

from mediator_app.app import build_sync_controller
from mediator_app.core.entities import Workshop
from mediator_app.core.enums import Theme
from mediator_app.local_store import Store, open_local_store, save_profile
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.paths import AppPaths
from mediator_app.sync.session import SessionManager
from mediator_app.sync.status import sync_status
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.dialogs.login import LoginDialog
from mediator_app.ui.main_window import SECTION_KEYS, MainWindow
from mediator_app.ui.settings import Preferences
from mediator_app.ui.sync_controller import SyncController
from mediator_app.ui.tasks import TaskRunner
from mediator_app.ui.widgets.sync_chip import ChipState, SyncChip
from tests.support.live_server import LiveServer, live_server, sqlite_url

PASSWORD = "correct-horse-42"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    path = tmp_path_factory.mktemp("srv") / "s.sqlite3"
    with live_server(sqlite_url(path)) as srv:
        structure = srv.create_structure("Collège Jean Moulin", uai="0950001K")
        srv.create_user("amina@tne.test", PASSWORD, "mediator", structure_id=structure)
        srv.create_user("claire@tne.test", PASSWORD, "coordinator", display_name="Claire")
        yield srv


@pytest.fixture
def offline_store(data_dir: Path) -> Iterator[Store]:
    """A laptop that chose « Continuer hors connexion » at first run."""
    st, _ = open_local_store(data_dir)
    save_profile(st, {"display_name": "Amina", "structure_name": "CS", "role": "mediator"})
    yield st
    st.engine.dispose()


class Shell:
    def __init__(self, qtbot: QtBot, store: Store, data_dir: Path, **session_options: Any):
        self.runner = TaskRunner()
        self.session = SessionManager(store, **session_options)
        self.sync: SyncController = build_sync_controller(store, self.session, auto=False)
        self.ctx = AppContext(
            store=store, services=Services.of(store), runner=self.runner, sync=self.sync
        )
        self.window = MainWindow(
            self.ctx,
            AppPaths(data_dir),
            Preferences.at(AppPaths(data_dir).settings_file),
            session=self.session,
        )
        qtbot.addWidget(self.window)
        self.window.show()
        chip = self.window.findChild(SyncChip, "sync_chip")
        assert chip is not None
        self.chip = chip

    def close(self) -> None:
        self.sync.cancel()
        self.sync.wait()
        self.runner.shutdown()


@pytest.fixture
def shells() -> Iterator[list[Shell]]:
    made: list[Shell] = []
    yield made
    for shell in made:
        shell.close()


def _workshop(title: str) -> Workshop:
    return Workshop(
        title=title, date=date(2026, 12, 10), themes=(Theme.PARENTALITE,), commune="Sarcelles"
    )


def _sign_in_from_settings(qtbot: QtBot, shell: Shell, url: str, email: str) -> None:
    shell.window.show_section("parametres")
    login = shell.window.findChild(QPushButton, "login_button")
    assert login is not None
    qtbot.waitUntil(login.isVisible)
    qtbot.mouseClick(login, Qt.MouseButton.LeftButton)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog)]
    dialog = next(d for d in dialogs if d.isVisible())
    url_edit = dialog.findChild(QLineEdit, "server_url_edit")
    assert url_edit is not None
    url_edit.setText(url)
    dialog.findChild(QLineEdit, "email_edit").setText(email)  # type: ignore[union-attr]
    dialog.findChild(QLineEdit, "password_edit").setText(PASSWORD)  # type: ignore[union-attr]
    qtbot.mouseClick(
        dialog.findChild(QPushButton, "login_button"),  # type: ignore[arg-type]
        Qt.MouseButton.LeftButton,
    )


def test_work_entered_before_login_syncs_after_it(
    qtbot: QtBot, offline_store: Store, data_dir: Path, server: LiveServer, shells: list[Shell]
) -> None:
    svc = WorkshopService(offline_store)
    svc.create(_workshop("Pronote pas à pas"))
    svc.create(_workshop("Café écrans"))
    shell = Shell(qtbot, offline_store, data_dir)
    shells.append(shell)
    qtbot.waitUntil(
        lambda: shell.chip.text() == "2 modifications enregistrées sur ce poste (non connecté)"
    )
    assert shell.chip.state is ChipState.PENDING

    with qtbot.waitSignal(shell.sync.finished, timeout=20_000) as blocker:
        _sign_in_from_settings(qtbot, shell, server.base_url, "amina@tne.test")
    assert blocker.args[0].pushed == 2
    qtbot.waitUntil(lambda: shell.chip.text().startswith("Tout est synchronisé"), timeout=5000)
    assert shell.chip.text() == "Tout est synchronisé · à l’instant"
    assert shell.chip.state is ChipState.SYNCED and shell.chip.symbol() == "✓"
    status = sync_status(offline_store)
    assert status.pending == 0 and status.signed_in_server == server.base_url
    account = shell.window.findChild(QLabel, "account_label")
    assert account is not None
    qtbot.waitUntil(lambda: account.text().startswith("✓ Connecté·e"))
    assert not shell.window.section_visible("coordination")

    # F5 syncs again: a new edit goes out.
    svc.create(_workshop("Contrôle parental"))
    shell.window._ctx.hub.announce({"workshop"})
    qtbot.waitUntil(lambda: shell.chip.text() == "1 modification en attente de connexion")
    shell.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shell.window)
    with qtbot.waitSignal(shell.sync.finished, timeout=20_000) as blocker:
        qtbot.keyClick(shell.window, Qt.Key.Key_F5)
    assert blocker.args[0].pushed == 1
    qtbot.waitUntil(lambda: shell.chip.text().startswith("Tout est synchronisé"), timeout=5000)


def test_a_coordinator_signing_in_gets_the_coordination_section(
    qtbot: QtBot, offline_store: Store, data_dir: Path, server: LiveServer, shells: list[Shell]
) -> None:
    shell = Shell(qtbot, offline_store, data_dir)
    shells.append(shell)
    sidebar = shell.window.findChild(QListWidget, "sidebar")
    assert sidebar is not None
    assert sidebar.isRowHidden(SECTION_KEYS.index("coordination"))
    with qtbot.waitSignal(shell.sync.finished, timeout=20_000):
        _sign_in_from_settings(qtbot, shell, server.base_url, "claire@tne.test")
    qtbot.waitUntil(lambda: shell.window.section_visible("coordination"))
    shell.window.show_section("coordination")
    assert shell.window.current_section() == "coordination"


def test_a_failed_sync_is_said_in_the_status_bar_without_a_dialog(
    qtbot: QtBot, offline_store: Store, data_dir: Path, tmp_path: Path, shells: list[Shell]
) -> None:
    with live_server(sqlite_url(tmp_path / "short.sqlite3")) as short_lived:
        structure = short_lived.create_structure("Collège", uai="0950001K")
        short_lived.create_user("amina@tne.test", PASSWORD, "mediator", structure_id=structure)
        shell = Shell(qtbot, offline_store, data_dir, max_attempts=1)
        shells.append(shell)
        with qtbot.waitSignal(shell.sync.finished, timeout=20_000):
            _sign_in_from_settings(qtbot, shell, short_lived.base_url, "amina@tne.test")
    # The server is gone; the edit waits and the next sync fails calmly.
    WorkshopService(offline_store).create(_workshop("Hors ligne"))
    with qtbot.waitSignal(shell.sync.failed, timeout=20_000) as blocker:
        shell.window.findChild(QPushButton, "sync_now_button").click()  # type: ignore[union-attr]
    assert blocker.args[1] == "network_unavailable"
    message = shell.window.findChild(QLabel, "sync_message_label")
    assert message is not None
    assert message.isVisible() and message.text().startswith("⚠ Réseau indisponible")
    assert QApplication.activeModalWidget() is None
    qtbot.waitUntil(lambda: shell.chip.text() == "1 modification en attente de connexion")


def test_a_server_that_wants_an_update_stops_the_automatic_syncs_and_keeps_the_queue(
    qtbot: QtBot, offline_store: Store, data_dir: Path, server: LiveServer, shells: list[Shell]
) -> None:
    """HTTP 426 (docs/protocol.md): a French sentence, no dialog, nothing parked or
    dropped, and no more automatic tries until « Synchroniser maintenant »."""
    WorkshopService(offline_store).create(_workshop("Saisi avant la mise à jour"))
    shell = Shell(qtbot, offline_store, data_dir, protocol_version=1, max_attempts=1)
    shells.append(shell)
    with qtbot.waitSignal(shell.sync.failed, timeout=20_000) as blocker:
        _sign_in_from_settings(qtbot, shell, server.base_url, "amina@tne.test")
    assert blocker.args[1] == "update_required"
    message = shell.window.findChild(QLabel, "sync_message_label")
    assert message is not None and message.isVisible()
    assert "trop ancienne pour le serveur : installez la mise à jour" in message.text()
    assert QApplication.activeModalWidget() is None
    assert shell.sync.update_required
    shell.sync.notify_edited()
    assert not shell.sync._after_edit.isActive()
    assert not shell.sync._periodic.isActive()
    status = sync_status(offline_store)
    assert status.pending == 1 and status.to_handle == 0


def test_a_server_restored_from_a_backup_is_said_calmly_with_what_was_sent_back(
    qtbot: QtBot, offline_store: Store, data_dir: Path, tmp_path: Path, shells: list[Shell]
) -> None:
    import sqlite3

    from tne_api.db import new_epoch

    server_file, backup = tmp_path / "restored.sqlite3", tmp_path / "backup.sqlite3"
    with live_server(sqlite_url(server_file)) as restored:
        structure = restored.create_structure("Collège", uai="0950001K")
        restored.create_user("amina@tne.test", PASSWORD, "mediator", structure_id=structure)
        shell = Shell(qtbot, offline_store, data_dir, max_attempts=1)
        shells.append(shell)
        with qtbot.waitSignal(shell.sync.finished, timeout=20_000):
            _sign_in_from_settings(qtbot, shell, restored.base_url, "amina@tne.test")
        with sqlite3.connect(server_file) as live, sqlite3.connect(backup) as copy:
            live.backup(copy)  # last night's backup
        live.close()
        copy.close()
        WorkshopService(offline_store).create(_workshop("Après la sauvegarde"))
        with qtbot.waitSignal(shell.sync.finished, timeout=20_000):
            shell.window.findChild(QPushButton, "sync_now_button").click()  # type: ignore[union-attr]
        with sqlite3.connect(backup) as copy, sqlite3.connect(server_file) as live:
            copy.backup(live)  # the server restored from it
        live.close()
        copy.close()
        new_epoch(restored.db)
        with qtbot.waitSignal(shell.sync.finished, timeout=20_000):
            shell.window.findChild(QPushButton, "sync_now_button").click()  # type: ignore[union-attr]
        message = shell.window.findChild(QLabel, "sync_message_label")
        assert message is not None and message.isVisible()
        assert message.text() == (
            "ℹ Le serveur a été restauré depuis une sauvegarde : ce poste lui a renvoyé 1 "
            "fiche(s) ou modification(s) qu’il n’avait plus. Rien n’est perdu."
        )
        assert QApplication.activeModalWidget() is None
        qtbot.waitUntil(lambda: sync_status(offline_store).pending == 0)
