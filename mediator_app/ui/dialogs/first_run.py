"""First start on a laptop (the store has no profile): connect to a server, or not yet.

« Se connecter à un serveur TNE » signs in on the network lane (the profile then comes from
the server); « Continuer hors connexion » records a name and a structure on this laptop only
(``save_profile``). Connecting later from Paramètres first asks whether what was entered in
between joins the account (« Rattacher » / « Garder à part »: ``sync.accounts``).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.errors import KnownError
from mediator_app.local_store import Store, save_profile
from mediator_app.sync.accounts import StoreSwitcher
from mediator_app.sync.session import SessionInfo, SessionManager
from mediator_app.ui.dialogs.login import LoginForm
from mediator_app.ui.tasks import TaskRunner
from mediator_app.ui.widgets.french import add_field_row, error_label, show_error
from mediator_app.ui.widgets.labels import bold_label

MAX_NAME = 120


def _heading(text: str, parent: QWidget) -> QLabel:
    label = bold_label(text, parent, 1.4)
    label.setWordWrap(True)
    return label


class FirstRunDialog(QDialog):
    """Welcome: connect to a TNE server, or continue offline.

    After ``exec()`` returns ``Accepted``, ``session_info`` is set when the user signed in,
    ``None`` when they chose to continue offline.
    """

    CHOICE, CONNECT, OFFLINE = range(3)

    def __init__(
        self,
        store: Store,
        runner: TaskRunner,
        session: SessionManager,
        parent: QWidget | None = None,
        *,
        switcher: StoreSwitcher | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("first_run_dialog")
        self._switcher = switcher
        self.setWindowTitle(self.tr("Bienvenue dans TNE Médiation"))
        self.session_info: SessionInfo | None = None
        self._store = store
        self._runner = runner
        self._stack = QStackedWidget(self)
        self._stack.setObjectName("first_run_pages")
        self._stack.addWidget(self._build_choice())
        self._stack.addWidget(self._build_connect(session))
        self._stack.addWidget(self._build_offline())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self._stack)
        self.setMinimumWidth(560)
        self._connect_choice.setFocus()

    # --- pages ------------------------------------------------------------------------

    def _build_choice(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("first_run_choice_page")
        layout = QVBoxLayout(page)
        layout.addWidget(_heading(self.tr("Bienvenue dans TNE Médiation"), page))
        intro = QLabel(
            self.tr(
                "Tout ce que vous saisissez est enregistré sur ce poste, même sans internet. "
                "Avec un compte TNE, vos données partent aussi vers le serveur de votre "
                "département dès qu’une connexion est disponible."
            ),
            page,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addSpacing(8)
        self._connect_choice = QCommandLinkButton(
            self.tr("Se &connecter à un serveur TNE"),
            self.tr("Vous avez reçu une adresse de serveur, un e-mail et un mot de passe."),
            page,
        )
        self._connect_choice.setObjectName("connect_choice_button")
        self._offline_choice = QCommandLinkButton(
            self.tr("Continuer &hors connexion"),
            self.tr(
                "Commencez tout de suite\u00a0; vous pourrez vous connecter plus tard depuis "
                "Paramètres, et choisir alors d’envoyer ce que vous aurez saisi avec votre "
                "compte."
            ),
            page,
        )
        self._offline_choice.setObjectName("offline_choice_button")
        self._connect_choice.clicked.connect(lambda: self._show_page(self.CONNECT))
        self._offline_choice.clicked.connect(lambda: self._show_page(self.OFFLINE))
        layout.addWidget(self._connect_choice)
        layout.addWidget(self._offline_choice)
        layout.addStretch(1)
        quit_row = QHBoxLayout()
        quit_row.addStretch(1)
        quit_button = QPushButton(self.tr("&Quitter"), page)
        quit_button.setObjectName("quit_button")
        quit_button.clicked.connect(self.reject)
        quit_row.addWidget(quit_button)
        layout.addLayout(quit_row)
        QWidget.setTabOrder(self._connect_choice, self._offline_choice)
        QWidget.setTabOrder(self._offline_choice, quit_button)
        return page

    def _build_connect(self, session: SessionManager) -> QWidget:
        page = QWidget(self)
        page.setObjectName("first_run_connect_page")
        layout = QVBoxLayout(page)
        layout.addWidget(_heading(self.tr("Se connecter à un serveur TNE"), page))
        self.login_form = LoginForm(self._runner, session, page, switcher=self._switcher)
        layout.addWidget(self.login_form)
        layout.addStretch(1)
        row = QHBoxLayout()
        back = QPushButton(self.tr("&Retour"), page)
        back.setObjectName("connect_back_button")
        back.clicked.connect(self._on_back_clicked)
        self._login_button = QPushButton(self.tr("Se &connecter"), page)
        self._login_button.setObjectName("login_button")
        self._login_button.setDefault(True)
        self._login_button.clicked.connect(self.login_form.submit)
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(self._login_button)
        layout.addLayout(row)
        self.login_form.signed_in.connect(self._on_login_form_signed_in)
        self.login_form.busy_changed.connect(self._on_login_form_busy_changed)
        QWidget.setTabOrder(self.login_form.last_field, self._login_button)
        QWidget.setTabOrder(self._login_button, back)
        return page

    def _build_offline(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("first_run_offline_page")
        layout = QVBoxLayout(page)
        layout.addWidget(_heading(self.tr("Continuer hors connexion"), page))
        intro = QLabel(
            self.tr(
                "Votre nom et votre structure figurent sur les feuilles d’émargement et les "
                "bilans. Rien ne quitte ce poste tant que vous n’êtes pas connecté·e."
            ),
            page,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._name_edit = QLineEdit(page)
        self._name_edit.setObjectName("display_name_edit")
        self._name_edit.setMaxLength(MAX_NAME)
        self._name_error = error_label("display_name", page, selectable=True)
        self._structure_edit = QLineEdit(page)
        self._structure_edit.setObjectName("structure_name_edit")
        self._structure_edit.setMaxLength(MAX_NAME)
        self._structure_edit.setPlaceholderText(
            self.tr("par exemple\u00a0: Centre social Les Doucettes")
        )
        self._structure_error = error_label("structure_name", page, selectable=True)
        for text, edit, error in (
            (self.tr("&Votre nom\u00a0:"), self._name_edit, self._name_error),
            (self.tr("&Structure\u00a0:"), self._structure_edit, self._structure_error),
        ):
            add_field_row(form, text, edit, error, page)
            edit.returnPressed.connect(self._on_start_clicked)
        layout.addLayout(form)
        self._offline_error = error_label("offline", page, selectable=True)
        layout.addWidget(self._offline_error)
        layout.addStretch(1)
        row = QHBoxLayout()
        back = QPushButton(self.tr("&Retour"), page)
        back.setObjectName("offline_back_button")
        back.clicked.connect(self._on_back_clicked)
        self._start_button = QPushButton(self.tr("&Commencer"), page)
        self._start_button.setObjectName("start_offline_button")
        self._start_button.clicked.connect(self._on_start_clicked)
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(self._start_button)
        layout.addLayout(row)
        QWidget.setTabOrder(self._name_edit, self._structure_edit)
        QWidget.setTabOrder(self._structure_edit, self._start_button)
        QWidget.setTabOrder(self._start_button, back)
        return page

    # --- navigation -------------------------------------------------------------------

    def current_page(self) -> int:
        return self._stack.currentIndex()

    def _show_page(self, index: int) -> None:
        self._stack.setCurrentIndex(index)
        if index == self.CONNECT:
            self._login_button.setDefault(True)
            self.login_form.first_field.setFocus()
        elif index == self.OFFLINE:
            self._start_button.setDefault(True)
            self._name_edit.setFocus()
        else:
            self._connect_choice.setFocus()

    def _on_back_clicked(self) -> None:
        self.login_form.cancel()
        self._show_page(self.CHOICE)

    def reject(self) -> None:
        self.login_form.cancel()
        super().reject()

    # --- connect ----------------------------------------------------------------------

    def _on_login_form_signed_in(self, info: SessionInfo) -> None:
        self.session_info = info
        self.accept()

    def _on_login_form_busy_changed(self, busy: bool) -> None:
        self._login_button.setEnabled(not busy)

    # --- offline ----------------------------------------------------------------------

    def _on_start_clicked(self) -> None:
        name = " ".join(self._name_edit.text().split())
        structure = " ".join(self._structure_edit.text().split())
        for label in (self._name_error, self._structure_error, self._offline_error):
            show_error(label, "")
        ok = True
        if not name:
            show_error(self._name_error, self.tr("Indiquez votre nom."))
            ok = False
        if not structure:
            show_error(
                self._structure_error,
                self.tr("Indiquez la structure pour laquelle vous intervenez."),
            )
            ok = False
        if not ok:
            (self._name_edit if not name else self._structure_edit).setFocus()
            return
        store = self._store
        profile: dict[str, str | None] = {
            "display_name": name,
            "structure_name": structure,
            "role": "mediator",
        }
        self._start_button.setEnabled(False)
        self._runner.run(
            lambda _token: save_profile(store, profile),
            on_done=self._on_profile_saved,
            on_error=self._on_profile_failed,
        )

    def _on_profile_saved(self, _result: object) -> None:
        self.session_info = None
        self.accept()

    def _on_profile_failed(self, error: KnownError) -> None:
        self._start_button.setEnabled(True)
        show_error(self._offline_error, error.message)
