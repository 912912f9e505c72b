"""Signing in to a TNE server: the form (also used by the first run) and its dialog.

The server call runs on the task runner's network lane; errors come back in French and are
shown under the form (wrong password, no network, an address that is not https). The
address is checked on the spot, before anything is sent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.errors import KnownError
from mediator_app.sync.accounts import LoginPlan, LoginRoute, StoreSwitcher
from mediator_app.sync.api_client import check_server_url
from mediator_app.sync.session import SessionInfo, SessionManager
from mediator_app.ui.core_messages import core_text
from mediator_app.ui.dialogs.attach_offline import AttachOfflineDialog
from mediator_app.ui.tasks import CancelToken, TaskRunner
from mediator_app.ui.widgets.french import add_field_row, error_label, show_error

log = logging.getLogger(__name__)


class LoginForm(QWidget):
    """Server address, e-mail and password; ``submit()`` signs in on the network lane.

    With a ``switcher`` (the window's), the account signs in on its own store
    (``sync.accounts``): ``info.store_dir`` then names it, and work typed « hors connexion »
    joins the account only after « Rattacher » (``AttachOfflineDialog``).

    Signals:
        signed_in(SessionInfo): the server accepted; the profile is saved in the store.
        busy_changed(bool): a sign-in is running (the caller disables its buttons).
    """

    signed_in = Signal(object)
    busy_changed = Signal(bool)

    def __init__(
        self,
        runner: TaskRunner,
        session: SessionManager,
        parent: QWidget | None = None,
        *,
        server_url: str = "",
        email: str = "",
        switcher: StoreSwitcher | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("login_form")
        self._runner = runner
        self._session = session
        self._switcher = switcher
        self._token: CancelToken | None = None
        #: The question about offline work while it is asked (tests answer it).
        self.attach_dialog: AttachOfflineDialog | None = None

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._url_edit = QLineEdit(server_url, self)
        self._url_edit.setObjectName("server_url_edit")
        self._url_edit.setPlaceholderText("https://tne.exemple.fr")
        self._url_edit.setInputMethodHints(Qt.InputMethodHint.ImhUrlCharactersOnly)
        self._url_error = error_label("server_url", self, selectable=True)
        self._email_edit = QLineEdit(email, self)
        self._email_edit.setObjectName("email_edit")
        self._email_edit.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
        self._email_error = error_label("email", self, selectable=True)
        self._password_edit = QLineEdit(self)
        self._password_edit.setObjectName("password_edit")
        self._password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self._password_error = error_label("password", self, selectable=True)
        for text, edit, error in (
            (self.tr("&Adresse du serveur\u00a0:"), self._url_edit, self._url_error),
            (self.tr("&E-mail\u00a0:"), self._email_edit, self._email_error),
            (self.tr("&Mot de passe\u00a0:"), self._password_edit, self._password_error),
        ):
            add_field_row(form, text, edit, error, self)

        self._busy_label = QLabel(self.tr("Connexion en cours…"), self)
        self._busy_label.setObjectName("login_busy_label")
        self._busy_label.hide()
        self._error = error_label("login", self, selectable=True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self._busy_label)
        layout.addWidget(self._error)
        QWidget.setTabOrder(self._url_edit, self._email_edit)
        QWidget.setTabOrder(self._email_edit, self._password_edit)
        for edit in (self._url_edit, self._email_edit, self._password_edit):
            edit.returnPressed.connect(self.submit)

    # --- public API -----------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._token is not None

    @property
    def first_field(self) -> QLineEdit:
        return self._url_edit if not self._url_edit.text() else self._email_edit

    @property
    def last_field(self) -> QLineEdit:
        return self._password_edit

    def submit(self) -> None:
        """Check the fields, then sign in on the network lane."""
        if self.busy:
            return
        self._clear_errors()
        url, email, password = (
            self._url_edit.text().strip(),
            self._email_edit.text().strip(),
            self._password_edit.text(),
        )
        ok = True
        invalid: list[QLineEdit] = []
        if not url:
            ok = self._field_error(self._url_error, self.tr("Indiquez l’adresse du serveur."))
            invalid.append(self._url_edit)
        else:
            try:
                url = check_server_url(url)
            except KnownError as exc:
                ok = self._field_error(self._url_error, exc.message)
                invalid.append(self._url_edit)
        if "@" not in email:
            ok = self._field_error(
                self._email_error, self.tr("Indiquez votre adresse e-mail de connexion.")
            )
            invalid.append(self._email_edit)
        if not password:
            ok = self._field_error(self._password_error, self.tr("Indiquez votre mot de passe."))
            invalid.append(self._password_edit)
        if not ok:
            invalid[0].setFocus()
            return
        switcher = self._switcher
        if switcher is None:
            session = self._session
            self._step(lambda: session.login(url, email, password), "net", self._on_login_done)
            return
        # Which store first (database lane): the question when offline work would move.
        self._step(
            lambda: switcher.plan(url, email),
            "db",
            lambda plan: self._on_planned(switcher, plan, password),
        )

    def cancel(self) -> None:
        """Forget a running sign-in (its answer is ignored), or the open question."""
        dialog, self.attach_dialog = self.attach_dialog, None
        if dialog is not None:
            dialog.reject()  # answered "nothing": nobody signs in
        if self._token is not None:
            self._token.cancel()
            self._set_busy(None)

    # --- internals ------------------------------------------------------------------

    _answered = False

    def _step(self, work: Callable[[], Any], lane: str, on_done: Callable[[Any], None]) -> None:
        """Run one step of the sign-in on ``lane``; the form is busy until it answers."""
        issued: list[CancelToken] = []  # empty while an inline runner answers at once
        self._answered = False
        token = self._runner.run(
            lambda _token: work(),
            on_done=lambda result: self._on_step_done(issued, on_done, result),
            on_error=lambda error: self._on_login_failed(issued, error),
            lane=lane,
        )
        issued.append(token)
        if not self._answered:
            self._set_busy(token)

    def _on_step_done(
        self, issued: list[CancelToken], on_done: Callable[[Any], None], result: Any
    ) -> None:
        if issued and issued[0].cancelled:
            return
        self._answered = True
        if self._token is not None:
            self._set_busy(None)
        on_done(result)

    def _on_planned(self, switcher: StoreSwitcher, plan: LoginPlan, password: str) -> None:
        if plan.route is not LoginRoute.ASK:
            self._step(lambda: switcher.sign_in(plan, password), "net", self._on_login_done)
            return
        dialog = AttachOfflineDialog(core_text(plan.question()), self.window())
        self.attach_dialog = dialog
        dialog.finished.connect(lambda _code: self._on_attach_answered(switcher, plan, password))
        self._set_busy(CancelToken())  # nothing else is sent while the question is open
        dialog.open()

    def _on_attach_answered(self, switcher: StoreSwitcher, plan: LoginPlan, password: str) -> None:
        dialog, self.attach_dialog = self.attach_dialog, None
        self._set_busy(None)
        attach = None if dialog is None else dialog.attach
        if dialog is not None:
            dialog.deleteLater()
        if attach is None:
            log.info("sign-in left at the question about offline work")
            return
        log.info("offline work: %s", "attached" if attach else "kept apart")
        self._step(
            lambda: switcher.sign_in(plan, password, attach=attach),
            "net",
            self._on_login_done,
        )

    def _set_busy(self, token: CancelToken | None) -> None:
        self._token = token
        busy = token is not None
        for edit in (self._url_edit, self._email_edit, self._password_edit):
            edit.setReadOnly(busy)
        self._busy_label.setVisible(busy)
        self.busy_changed.emit(busy)

    def _on_login_done(self, info: SessionInfo) -> None:
        self._password_edit.clear()
        log.info("signed in from the login form")
        self.signed_in.emit(info)

    def _on_login_failed(self, issued: list[CancelToken], error: KnownError) -> None:
        if issued and issued[0].cancelled:
            return
        self._answered = True
        if self._token is not None:
            self._set_busy(None)
        log.info("sign-in refused: %s", error.code)
        show_error(self._error, error.message)
        self._password_edit.setFocus()
        self._password_edit.selectAll()

    def _clear_errors(self) -> None:
        for label in (self._url_error, self._email_error, self._password_error, self._error):
            show_error(label, "")

    def _field_error(self, label: QLabel, message: str) -> bool:
        show_error(label, message)
        return False


class LoginDialog(QDialog):
    """« Se connecter » from Paramètres: the form with Se connecter / Annuler."""

    def __init__(
        self,
        runner: TaskRunner,
        session: SessionManager,
        parent: QWidget | None = None,
        *,
        server_url: str = "",
        email: str = "",
        switcher: StoreSwitcher | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("login_dialog")
        self.setWindowTitle(self.tr("Se connecter au serveur TNE"))
        self.session_info: SessionInfo | None = None
        intro = QLabel(
            self.tr(
                "Ce que vous avez saisi sur ce poste est conservé et partira vers le serveur "
                "avec votre compte juste après la connexion. Chaque compte a ses propres "
                "données sur ce poste\u00a0: une autre personne qui se connecte ici ne voit "
                "pas les vôtres."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.form = LoginForm(
            runner, session, self, server_url=server_url, email=email, switcher=switcher
        )
        buttons = QDialogButtonBox(self)
        self._login_button = QPushButton(self.tr("Se &connecter"), self)
        self._login_button.setObjectName("login_button")
        self._login_button.setDefault(True)
        buttons.addButton(self._login_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancel_button")
        self._login_button.clicked.connect(self.form.submit)
        cancel.clicked.connect(self.reject)
        self.form.signed_in.connect(self._on_form_signed_in)
        self.form.busy_changed.connect(self._on_form_busy_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        QWidget.setTabOrder(self.form.last_field, self._login_button)
        QWidget.setTabOrder(self._login_button, cancel)
        self.form.first_field.setFocus()

    def reject(self) -> None:
        self.form.cancel()
        super().reject()

    def _on_form_signed_in(self, info: SessionInfo) -> None:
        self.session_info = info
        self.accept()

    def _on_form_busy_changed(self, busy: bool) -> None:
        self._login_button.setEnabled(not busy)
