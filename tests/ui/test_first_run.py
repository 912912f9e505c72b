"""First run: offline profile, or signing in to a real tne_api on 127.0.0.1."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from mediator_app.local_store import Store, open_local_store
from mediator_app.sync.session import SessionManager
from mediator_app.ui.dialogs.first_run import FirstRunDialog
from mediator_app.ui.tasks import InlineRunner, TaskRunner
from tests.support.live_server import LiveServer, live_server, sqlite_url

PASSWORD = "correct-horse-42"


@pytest.fixture
def fresh_store(data_dir: Path) -> Iterator[Store]:
    """A store as on a new laptop: no profile yet."""
    st, _ = open_local_store(data_dir)
    yield st
    st.engine.dispose()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    path = tmp_path_factory.mktemp("srv") / "s.sqlite3"
    with live_server(sqlite_url(path)) as srv:
        structure = srv.create_structure("Collège Jean Moulin", uai="0950001K")
        srv.create_user(
            "amina@tne.test", PASSWORD, "mediator", structure_id=structure, display_name="Amina B."
        )
        yield srv


def _child(dialog: FirstRunDialog, kind: type[Any], name: str) -> Any:
    widget = dialog.findChild(kind, name)
    assert widget is not None, name
    return widget


def _dialog(
    qtbot: QtBot, store: Store, runner: TaskRunner, session: SessionManager
) -> FirstRunDialog:
    dialog = FirstRunDialog(store, runner, session)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def test_offline_start_saves_the_profile_and_checks_fields(
    qtbot: QtBot, fresh_store: Store
) -> None:
    dialog = _dialog(qtbot, fresh_store, InlineRunner(), SessionManager(fresh_store))
    assert dialog.current_page() == FirstRunDialog.CHOICE
    qtbot.mouseClick(
        _child(dialog, QPushButton, "offline_choice_button"), Qt.MouseButton.LeftButton
    )
    assert dialog.current_page() == FirstRunDialog.OFFLINE
    start = _child(dialog, QPushButton, "start_offline_button")
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    name_error = _child(dialog, QLabel, "display_name_error")
    structure_error = _child(dialog, QLabel, "structure_name_error")
    assert name_error.isVisible() and name_error.text().startswith("⚠ ")
    assert structure_error.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    with fresh_store.read() as conn:
        from mediator_app.local_store.state import get_state

        assert get_state(conn, "profile") is None  # nothing saved on error

    name = _child(dialog, QLineEdit, "display_name_edit")
    assert name.hasFocus()
    qtbot.keyClicks(name, "  Amina   Benali ")
    qtbot.keyClicks(_child(dialog, QLineEdit, "structure_name_edit"), "Centre social Les Doucettes")
    qtbot.keyClick(_child(dialog, QLineEdit, "structure_name_edit"), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.session_info is None
    assert fresh_store.identity.actor_name == "Amina Benali"
    assert fresh_store.identity.role == "mediator"
    assert SessionManager(fresh_store).profile()["structure_name"] == "Centre social Les Doucettes"


def test_an_address_without_https_is_refused_before_sending(
    qtbot: QtBot, fresh_store: Store
) -> None:
    dialog = _dialog(qtbot, fresh_store, InlineRunner(), SessionManager(fresh_store))
    qtbot.mouseClick(
        _child(dialog, QPushButton, "connect_choice_button"), Qt.MouseButton.LeftButton
    )
    qtbot.keyClicks(_child(dialog, QLineEdit, "server_url_edit"), "http://tne.exemple.fr")
    qtbot.keyClicks(_child(dialog, QLineEdit, "email_edit"), "amina@tne.test")
    qtbot.keyClicks(_child(dialog, QLineEdit, "password_edit"), PASSWORD)
    qtbot.mouseClick(_child(dialog, QPushButton, "login_button"), Qt.MouseButton.LeftButton)
    error = _child(dialog, QLabel, "server_url_error")
    assert error.isVisible() and "https://" in error.text()
    assert not _child(dialog, QLabel, "login_error").isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_no_network_is_said_in_french(qtbot: QtBot, fresh_store: Store) -> None:
    with socket.socket() as sock:  # a loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    dialog = _dialog(
        qtbot, fresh_store, InlineRunner(), SessionManager(fresh_store, max_attempts=1)
    )
    qtbot.mouseClick(
        _child(dialog, QPushButton, "connect_choice_button"), Qt.MouseButton.LeftButton
    )
    qtbot.keyClicks(_child(dialog, QLineEdit, "server_url_edit"), f"http://127.0.0.1:{port}")
    qtbot.keyClicks(_child(dialog, QLineEdit, "email_edit"), "amina@tne.test")
    qtbot.keyClicks(_child(dialog, QLineEdit, "password_edit"), PASSWORD)
    qtbot.keyClick(_child(dialog, QLineEdit, "password_edit"), Qt.Key.Key_Return)
    error = _child(dialog, QLabel, "login_error")
    assert error.isVisible() and error.text().startswith("⚠ Réseau indisponible")
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_wrong_password_then_right_one_on_the_network_lane(
    qtbot: QtBot, fresh_store: Store, server: LiveServer
) -> None:
    runner = TaskRunner()
    try:
        session = SessionManager(fresh_store)
        dialog = _dialog(qtbot, fresh_store, runner, session)
        qtbot.mouseClick(
            _child(dialog, QPushButton, "connect_choice_button"), Qt.MouseButton.LeftButton
        )
        url = _child(dialog, QLineEdit, "server_url_edit")
        assert url.hasFocus()
        qtbot.keyClicks(url, server.base_url)
        qtbot.keyClicks(_child(dialog, QLineEdit, "email_edit"), "amina@tne.test")
        password = _child(dialog, QLineEdit, "password_edit")
        qtbot.keyClicks(password, "mauvais-mot-de-passe")
        login = _child(dialog, QPushButton, "login_button")
        qtbot.mouseClick(login, Qt.MouseButton.LeftButton)
        assert not login.isEnabled()  # running on the network lane; the dialog stays live
        error = _child(dialog, QLabel, "login_error")
        qtbot.waitUntil(error.isVisible, timeout=10_000)
        assert error.text().startswith("⚠ ") and "mot de passe" in error.text().lower()
        assert login.isEnabled()
        assert session.profile() == {}

        password.clear()
        qtbot.keyClicks(password, PASSWORD)
        with qtbot.waitSignal(dialog.accepted, timeout=10_000):
            qtbot.mouseClick(login, Qt.MouseButton.LeftButton)
        info = dialog.session_info
        assert info is not None and info.role == "mediator" and info.display_name == "Amina B."
        assert info.warning == ""  # the test keyring is a secure one
        assert session.is_signed_in()
        assert fresh_store.identity.actor_name == "Amina B."
        assert password.text() == ""  # the password is not kept in the widget
    finally:
        runner.shutdown()
