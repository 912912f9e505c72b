"""One account per store in the window: the question about offline work (its two
buttons, and closing it), and the window that opens another account's store, against a
real ``tne_api`` on 127.0.0.1."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from mediator_app.app import run
from mediator_app.core.entities import Participant
from mediator_app.local_store import Store, open_local_store, save_profile
from mediator_app.local_store.services.participants import ParticipantFilter, ParticipantService
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.paths import AppPaths
from mediator_app.sync.accounts import AccountStores, StoreSwitcher
from mediator_app.sync.engine import SyncEngine
from mediator_app.sync.session import SessionInfo, SessionManager
from mediator_app.ui.dialogs.attach_offline import AttachOfflineDialog
from mediator_app.ui.dialogs.login import LoginDialog, LoginForm
from mediator_app.ui.main_window import MainWindow
from mediator_app.ui.pages.participants import ParticipantsPage
from mediator_app.ui.tasks import InlineRunner
from tests.support.live_server import LiveServer, live_server, sqlite_url
from tests.support.sync_checks import server_wire_rows
from tests.support.workload import new_workshop

PASSWORD = "correct-horse-42"
AMINA = "amina@asso-s1.test"
BRUNO = "bruno@centre-s2.test"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    with live_server(sqlite_url(tmp_path / "server.sqlite3")) as srv:
        yield srv


@pytest.fixture
def structures(server: LiveServer) -> tuple[uuid.UUID, uuid.UUID]:
    s1 = server.create_structure("Association Médiation 95")
    s2 = server.create_structure("Centre social Les Doucettes")
    server.create_user(AMINA, PASSWORD, "mediator", structure_id=s1, display_name="Amina")
    server.create_user(BRUNO, PASSWORD, "mediator", structure_id=s2, display_name="Bruno")
    return s1, s2


@pytest.fixture
def offline_store(data_dir: Path) -> Iterator[Store]:
    """« Continuer hors connexion », then a workshop and a family typed offline."""
    store, _info = open_local_store(data_dir)
    save_profile(store, {"display_name": "Amina", "structure_name": "Asso", "role": "mediator"})
    ParticipantService(store).create(Participant(first_name="Fatou", last_name="Offline"))
    WorkshopService(store).create(new_workshop("Atelier hors connexion"))
    yield store
    store.engine.dispose()


def _form(qtbot: QtBot, data_dir: Path, store: Store, server: LiveServer) -> LoginForm:
    switcher = StoreSwitcher(AccountStores(AppPaths(data_dir.absolute())), data_dir, store)
    form = LoginForm(InlineRunner(), SessionManager(store), switcher=switcher)
    qtbot.addWidget(form)
    form.findChild(QLineEdit, "server_url_edit").setText(server.base_url)  # type: ignore[union-attr]
    form.findChild(QLineEdit, "email_edit").setText(AMINA)  # type: ignore[union-attr]
    form.findChild(QLineEdit, "password_edit").setText(PASSWORD)  # type: ignore[union-attr]
    return form


def _asked(form: LoginForm) -> AttachOfflineDialog:
    form.submit()
    dialog = form.attach_dialog
    assert dialog is not None and dialog.isVisible()
    question = dialog.findChild(object, "attach_question_label")
    assert question is not None
    assert question.text() == (  # type: ignore[attr-defined]
        f"Rattacher 1 atelier et 1 participant saisis hors connexion au compte de {AMINA}\u00a0?"
    )
    assert dialog.attach_button.text().replace("&", "") == "Rattacher"
    assert dialog.keep_apart_button.text().replace("&", "") == "Garder à part"
    return dialog


def _names_on_server(server: LiveServer, structure: uuid.UUID) -> set[str]:
    rows = server_wire_rows(server, "participant", structure_id=structure)
    return {str(r["last_name"]) for r in rows.values()}


def test_rattacher_signs_in_here_and_the_offline_work_leaves(
    qtbot: QtBot,
    server: LiveServer,
    structures: tuple[uuid.UUID, uuid.UUID],
    data_dir: Path,
    offline_store: Store,
) -> None:
    s1, _s2 = structures
    form = _form(qtbot, data_dir, offline_store, server)
    dialog = _asked(form)
    with qtbot.waitSignal(form.signed_in) as signed:
        dialog.attach_button.click()
    info = signed.args[0]
    assert isinstance(info, SessionInfo) and info.store_dir == data_dir.absolute()
    SyncEngine(offline_store, SessionManager(offline_store).client()).sync()
    assert _names_on_server(server, s1) == {"Offline"}


def test_garder_a_part_gives_the_account_a_fresh_store(
    qtbot: QtBot,
    server: LiveServer,
    structures: tuple[uuid.UUID, uuid.UUID],
    data_dir: Path,
    offline_store: Store,
) -> None:
    s1, _s2 = structures
    form = _form(qtbot, data_dir, offline_store, server)
    dialog = _asked(form)
    with qtbot.waitSignal(form.signed_in) as signed:
        dialog.keep_apart_button.click()
    info = signed.args[0]
    assert info.store_dir is not None and info.store_dir != data_dir.absolute()
    fresh, _ = open_local_store(info.store_dir)
    try:
        assert fresh.identity.structure_id == s1
        SyncEngine(fresh, SessionManager(fresh).client()).sync()
        assert ParticipantService(fresh).search(ParticipantFilter()).total == 0
    finally:
        fresh.engine.dispose()
    assert _names_on_server(server, s1) == set()
    assert offline_store.identity.structure_id is None  # the offline store, untouched
    assert AccountStores(AppPaths(data_dir.absolute())).offline_dirs() == [data_dir.absolute()]


def test_closing_the_question_signs_in_nobody(
    qtbot: QtBot,
    server: LiveServer,
    structures: tuple[uuid.UUID, uuid.UUID],
    data_dir: Path,
    offline_store: Store,
) -> None:
    form = _form(qtbot, data_dir, offline_store, server)
    dialog = _asked(form)
    emitted: list[object] = []
    form.signed_in.connect(emitted.append)
    dialog.reject()
    assert emitted == [] and not form.busy
    assert SessionManager(offline_store).account() is None
    assert not (data_dir / "comptes").exists()


def test_the_window_opens_the_store_of_the_account_that_signs_in(
    qapp: QApplication,
    quit_after: Callable[[int], None],
    server: LiveServer,
    structures: tuple[uuid.UUID, uuid.UUID],
    data_dir: Path,
) -> None:
    s1, s2 = structures
    paths = AppPaths(data_dir.absolute())
    store, _ = open_local_store(paths.data_dir)
    session = SessionManager(store)
    session.login(server.base_url, AMINA, PASSWORD)
    ParticipantService(store).create(Participant(first_name="Fatou", last_name="Diallo"))
    session.logout()  # signed out: the sign-in button shows in Paramètres
    store.engine.dispose()
    seen: dict[str, object] = {"windows": []}

    def windows() -> list[MainWindow]:
        return [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]

    def sign_in_as_bruno() -> None:
        shown = windows()
        if not shown:
            QTimer.singleShot(50, sign_in_as_bruno)
            return
        first = shown[0]
        seen["windows"] = [id(first)]
        seen["first_total"] = first._ctx.services.participants.search(ParticipantFilter()).total
        first.show_section("parametres")
        first.settings_page.open_login()
        dialog = first.settings_page.findChild(LoginDialog)
        assert dialog is not None
        dialog.form.findChild(QLineEdit, "server_url_edit").setText(server.base_url)  # type: ignore[union-attr]
        dialog.form.findChild(QLineEdit, "email_edit").setText(BRUNO)  # type: ignore[union-attr]
        dialog.form.findChild(QLineEdit, "password_edit").setText(PASSWORD)  # type: ignore[union-attr]
        dialog.findChild(QPushButton, "login_button").click()  # type: ignore[union-attr]
        QTimer.singleShot(50, look_at_the_second_window)

    def look_at_the_second_window() -> None:
        shown = [w for w in windows() if id(w) not in seen["windows"]]  # type: ignore[operator]
        if not shown:
            QTimer.singleShot(50, look_at_the_second_window)
            return
        window = shown[0]
        window.show_section("participants")
        page = window.current_page()
        assert isinstance(page, ParticipantsPage)

        def check() -> None:
            # The page loads on the task runner; read it once that had time to answer.
            seen["structure"] = window._ctx.store.identity.structure_id
            seen["rows"] = page.model.rowCount()
            seen["total"] = window._ctx.services.participants.search(ParticipantFilter()).total
            seen["found"] = window._ctx.services.participants.search(
                ParticipantFilter(text="Diallo")
            ).total
            window.close()

        QTimer.singleShot(800, check)

    QTimer.singleShot(100, sign_in_as_bruno)
    quit_after(30_000)  # never hang the suite
    before = QLocale()
    try:
        assert run(paths) == 0
    finally:
        QLocale.setDefault(before)
    assert seen["first_total"] == 1  # Amina's window showed her family
    assert seen["structure"] == s2
    assert seen["rows"] == 0, "Bruno's window shows none of Amina's families"
    assert seen["total"] == 0 and seen["found"] == 0
    stores = AccountStores(paths)
    assert stores.active_dir() != paths.data_dir
    assert stores.folder_of(server.base_url, AMINA) == paths.data_dir
    bruno, _ = open_local_store(stores.active_dir())
    try:  # Bruno's window synced his store (a new device of his account, not Amina's)
        assert bruno.identity.structure_id == s2
        assert ParticipantService(bruno).search(ParticipantFilter()).total == 0
    finally:
        bruno.engine.dispose()
    assert {str(r["last_name"]) for r in server_wire_rows(server, "participant").values()} == (
        set()
    ), "nothing of Amina's left with Bruno's tokens"
    del s1


def test_parametres_opens_the_data_kept_apart(
    qtbot: QtBot,
    server: LiveServer,
    structures: tuple[uuid.UUID, uuid.UUID],
    data_dir: Path,
    offline_store: Store,
) -> None:
    from mediator_app.ui.context import AppContext, Services
    from mediator_app.ui.settings import Preferences

    paths = AppPaths(data_dir.absolute())
    stores = AccountStores(paths)
    switcher = StoreSwitcher(stores, paths.data_dir, offline_store)
    plan = switcher.plan(server.base_url, AMINA)
    info = switcher.sign_in(plan, PASSWORD, attach=False)  # « Garder à part »
    assert info.store_dir is not None
    account, _ = open_local_store(info.store_dir)
    try:
        SessionManager(account).logout()
        ctx = AppContext(account, Services.of(account), InlineRunner())
        window = MainWindow(
            ctx,
            paths,
            Preferences.at(paths.settings_file),
            session=SessionManager(account),
            switcher=StoreSwitcher(stores, info.store_dir, account),
        )
        qtbot.addWidget(window)
        window.show()
        window.show_section("parametres")
        button = window.settings_page.findChild(QPushButton, "open_kept_apart_button")
        assert button is not None and button.isVisible()
        with qtbot.waitSignal(window.store_switch_requested) as asked:
            button.click()
        assert asked.args == [paths.data_dir]
    finally:
        account.engine.dispose()
