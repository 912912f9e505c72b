"""*Paramètres*: the account, where the data lives, and the preferences of this laptop.

Signing in here sends what was entered before (the outbox is kept; a sync starts). Signing
out forgets the tokens only: the data and the pending changes stay on the laptop.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.enums import Role
from mediator_app.core.errors import KnownError
from mediator_app.paths import AppPaths
from mediator_app.support import write_support_zip
from mediator_app.sync.accounts import StoreSwitcher
from mediator_app.sync.session import NO_SECURE_STORAGE, SessionInfo, SessionManager
from mediator_app.ui import style
from mediator_app.ui.context import AppContext
from mediator_app.ui.core_labels import label
from mediator_app.ui.core_messages import core_text
from mediator_app.ui.dialogs.login import LoginDialog
from mediator_app.ui.settings import (
    LANGUAGES,
    RETENTION_MONTHS,
    SMALL_COUNT_THRESHOLD,
    Preferences,
)
from mediator_app.ui.widgets.icons import set_icon
from mediator_app.ui.widgets.labels import page_title

log = logging.getLogger(__name__)

#: Under this retention (in months), lowering it asks for a confirmation first.
SHORT_RETENTION_MONTHS = 6


def _role_text(role: str) -> str:
    try:
        return label(Role(role))
    except ValueError:
        return ""


class SettingsPage(QWidget):
    """*Paramètres*.

    Signals:
        signed_in(SessionInfo): the user signed in from this page (a sync has started).
        signed_out: the tokens were forgotten.
    """

    signed_in = Signal(object)
    signed_out = Signal()
    #: Another store of the data folder is to open (Path): « Ouvrir les données gardées à part ».
    store_requested = Signal(object)
    account_loaded = Signal(bool)
    support_report_written = Signal(object)  # Path of the ZIP

    def __init__(
        self,
        ctx: AppContext,
        paths: AppPaths,
        prefs: Preferences,
        session: SessionManager | None,
        parent: QWidget | None = None,
        *,
        keyring_secure: bool = True,
        switcher: StoreSwitcher | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page_parametres")
        self._switcher = switcher
        self._kept_apart: list[Path] = []
        self._ctx = ctx
        self._paths = paths
        self._prefs = prefs
        self._session = session
        self._keyring_secure = keyring_secure
        self._started_language = prefs.language
        self._profile: dict[str, Any] = {}
        self._signed_in = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(32, 20, 32, 16)
        layout.setSpacing(14)
        layout.addWidget(page_title(self.tr("Paramètres"), body))

        # --- account
        account = QGroupBox(self.tr("Compte"), body)
        account_layout = QVBoxLayout(account)
        self._account_label = QLabel(self.tr("Lecture du compte…"), account)
        self._account_label.setObjectName("account_label")
        self._account_label.setWordWrap(True)
        self._server_label = QLabel(account)
        self._server_label.setObjectName("server_label")
        self._server_label.setWordWrap(True)
        self._server_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._keyring_warning = QLabel("⚠ " + self._no_secure_storage(), account)
        self._keyring_warning.setObjectName("keyring_warning_label")
        self._keyring_warning.setWordWrap(True)
        self._keyring_warning.setVisible(not keyring_secure)
        self._account_error = QLabel(account)
        self._account_error.setObjectName("account_error_label")
        self._account_error.setWordWrap(True)
        self._account_error.hide()
        buttons = QHBoxLayout()
        self._login_button = QPushButton(self.tr("Se &connecter…"), account)
        set_icon(self._login_button, "log-in")
        self._login_button.setObjectName("login_button")
        self._login_button.clicked.connect(self.open_login)
        self._logout_button = QPushButton(self.tr("Se &déconnecter"), account)
        set_icon(self._logout_button, "log-out")
        self._logout_button.setObjectName("logout_button")
        self._logout_button.clicked.connect(self._on_logout_clicked)
        self._logout_button.hide()
        self._kept_apart_button = QPushButton(
            self.tr("Ouvrir les données &gardées à part"), account
        )
        self._kept_apart_button.setObjectName("open_kept_apart_button")
        self._kept_apart_button.setToolTip(
            self.tr(
                "Ce qui a été saisi hors connexion et gardé à part lors d’une connexion : "
                "il reste sur ce poste et ne part vers aucun compte sans votre accord."
            )
        )
        self._kept_apart_button.clicked.connect(self._on_kept_apart_clicked)
        self._kept_apart_button.hide()
        buttons.addWidget(self._login_button)
        buttons.addWidget(self._logout_button)
        buttons.addWidget(self._kept_apart_button)
        buttons.addStretch(1)
        for widget in (
            self._account_label,
            self._server_label,
            self._keyring_warning,
            self._account_error,
        ):
            account_layout.addWidget(widget)
        account_layout.addLayout(buttons)
        layout.addWidget(account)

        # --- data
        data = QGroupBox(self.tr("Données de ce poste"), body)
        data_form = QFormLayout(data)
        data_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, caption, folder in (
            ("settings_data_dir", self.tr("Dossier des données\u00a0:"), paths.data_dir),
            ("settings_backups_dir", self.tr("Sauvegardes automatiques\u00a0:"), paths.backups_dir),
            ("settings_logs_dir", self.tr("Journal technique\u00a0:"), paths.logs_dir),
        ):
            value = QLabel(str(folder), data)
            value.setObjectName(name)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            data_form.addRow(QLabel(caption, data), value)
        note = QLabel(
            self.tr(
                "Une copie des données est faite chaque jour (les 7 dernières sont gardées) "
                "et avant chaque mise à jour."
            ),
            data,
        )
        note.setWordWrap(True)
        data_form.addRow(note)
        folder_buttons = QHBoxLayout()
        self._open_data_button = QPushButton(self.tr("&Ouvrir le dossier des données"), data)
        set_icon(self._open_data_button, "folder-open")
        self._open_data_button.setObjectName("open_data_dir_button")
        self._open_data_button.clicked.connect(lambda: self._open_folder(paths.data_dir))
        self._open_backups_button = QPushButton(self.tr("Ouvrir les &sauvegardes"), data)
        set_icon(self._open_backups_button, "folder-open")
        self._open_backups_button.setObjectName("open_backups_dir_button")
        self._open_backups_button.clicked.connect(lambda: self._open_folder(paths.backups_dir))
        self._support_button = QPushButton(self.tr("&Rapport pour le support…"), data)
        set_icon(self._support_button, "life-buoy")
        self._support_button.setObjectName("support_report_button")
        self._support_button.setToolTip(
            self.tr(
                "Un fichier ZIP avec le journal technique et l’état des données, sans nom, "
                "adresse ni numéro de téléphone."
            )
        )
        self._support_button.clicked.connect(self.export_support_report)
        folder_buttons.addWidget(self._open_data_button)
        folder_buttons.addWidget(self._open_backups_button)
        folder_buttons.addWidget(self._support_button)
        folder_buttons.addStretch(1)
        data_form.addRow(folder_buttons)
        self._support_label = QLabel(data)
        self._support_label.setObjectName("support_report_label")
        self._support_label.setWordWrap(True)
        self._support_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._support_label.hide()
        data_form.addRow(self._support_label)
        layout.addWidget(data)

        # --- preferences
        prefs_box = QGroupBox(self.tr("Confidentialité, bilans et langue"), body)
        prefs_form = QFormLayout(prefs_box)
        prefs_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self._retention_spin = QSpinBox(prefs_box)
        self._retention_spin.setObjectName("retention_months_spin")
        self._retention_spin.setRange(
            RETENTION_MONTHS.minimum or 1, RETENTION_MONTHS.maximum or 120
        )
        self._retention_spin.setSuffix(self.tr(" mois"))
        self._retention_spin.setValue(prefs.retention_months)
        # Arrows and Entrée apply a value, not every digit typed (a short one is confirmed).
        self._retention_spin.setKeyboardTracking(False)
        self._retention_applied = prefs.retention_months
        self._retention_spin.valueChanged.connect(self._on_retention_spin_value_changed)
        retention_label = QLabel(self.tr("&Conservation des fiches sans contact\u00a0:"), prefs_box)
        retention_label.setBuddy(self._retention_spin)
        prefs_form.addRow(retention_label, self._retention_spin)
        retention_hint = QLabel(
            self.tr(
                "Une famille sans contact depuis cette durée est anonymisée\u00a0: son nom et "
                "ses coordonnées sont effacés, les statistiques restent."
            ),
            prefs_box,
        )
        retention_hint.setWordWrap(True)
        hint_palette = retention_hint.palette()
        hint_palette.setColor(hint_palette.ColorRole.WindowText, style.muted(hint_palette))
        retention_hint.setPalette(hint_palette)
        prefs_form.addRow(retention_hint)
        self._threshold_spin = QSpinBox(prefs_box)
        self._threshold_spin.setObjectName("small_count_threshold_spin")
        self._threshold_spin.setRange(
            SMALL_COUNT_THRESHOLD.minimum or 1, SMALL_COUNT_THRESHOLD.maximum or 50
        )
        self._threshold_spin.setValue(prefs.small_count_threshold)
        self._threshold_spin.valueChanged.connect(self._on_threshold_spin_value_changed)
        threshold_label = QLabel(
            self.tr("&Masquer dans les bilans les effectifs sous\u00a0:"), prefs_box
        )
        threshold_label.setBuddy(self._threshold_spin)
        prefs_form.addRow(threshold_label, self._threshold_spin)
        self._language_combo = QComboBox(prefs_box)
        self._language_combo.setObjectName("language_combo")
        self._language_combo.setMinimumContentsLength(12)
        for code, name in LANGUAGES:
            self._language_combo.addItem(name, code)
        index = self._language_combo.findData(prefs.language)
        self._language_combo.setCurrentIndex(max(index, 0))
        self._language_combo.currentIndexChanged.connect(self._on_language_combo_changed)
        language_label = QLabel(self.tr("&Langue de l’interface\u00a0:"), prefs_box)
        language_label.setBuddy(self._language_combo)
        prefs_form.addRow(language_label, self._language_combo)
        self._language_hint = QLabel(
            self.tr("La langue choisie s’applique au prochain démarrage de TNE Médiation."),
            prefs_box,
        )
        self._language_hint.setObjectName("language_hint_label")
        self._language_hint.setWordWrap(True)
        prefs_form.addRow(self._language_hint)
        layout.addWidget(prefs_box)
        layout.addStretch(1)

        QWidget.setTabOrder(self._login_button, self._logout_button)
        QWidget.setTabOrder(self._logout_button, self._open_data_button)
        QWidget.setTabOrder(self._open_data_button, self._open_backups_button)
        QWidget.setTabOrder(self._open_backups_button, self._support_button)
        QWidget.setTabOrder(self._support_button, self._retention_spin)
        QWidget.setTabOrder(self._retention_spin, self._threshold_spin)
        QWidget.setTabOrder(self._threshold_spin, self._language_combo)
        if session is None:
            self._login_button.setEnabled(False)

    # --- account ----------------------------------------------------------------------

    @property
    def signed_in_now(self) -> bool:
        return self._signed_in

    def show_keyring_secure(self, secure: bool) -> None:
        """The keyring's verdict, found once the window shows (detecting the backend is
        slow): the warning when tokens cannot be kept safely."""
        self._keyring_secure = secure
        if not secure:
            self._keyring_warning.setText("⚠ " + self._no_secure_storage())
            self._keyring_warning.show()

    def refresh(self) -> None:
        """Re-read who is signed in (store and keyring, on the database lane)."""
        session = self._session
        if session is None:
            self._show_account({}, False)
            return
        switcher = self._switcher

        def read() -> tuple[dict[str, Any], bool, list[Path]]:
            kept = [] if switcher is None else switcher.stores.offline_dirs()
            here = None if switcher is None else switcher.folder
            return session.profile(), session.is_signed_in(), [f for f in kept if f != here]

        self._ctx.runner.run(
            lambda _token: read(),
            on_done=lambda answer: self._show_account(*answer),
            on_error=self._show_account_error,
        )

    def _show_account(
        self, profile: dict[str, Any], signed_in: bool, kept_apart: list[Path] | None = None
    ) -> None:
        self._kept_apart = list(kept_apart or [])
        self._profile = profile
        self._signed_in = signed_in
        name = str(profile.get("display_name") or "")
        email = str(profile.get("email") or "")
        role = _role_text(str(profile.get("role") or ""))
        server = str(profile.get("server_url") or "")
        if signed_in:
            who = name or email
            text = self.tr("✓ Connecté·e en tant que {who}").format(who=who)
            if email and email != who:
                text += f" ({email})"
            if role:
                text += f" — {role}"
            self._server_label.setText(self.tr("Serveur\u00a0: {server}").format(server=server))
        else:
            text = self.tr(
                "• Non connecté·e\u00a0: ce que vous saisissez reste enregistré sur ce poste et "
                "sera envoyé au serveur après la connexion."
            )
            if name:
                text = self.tr("Utilisatrice ou utilisateur\u00a0: {name}").format(name=name)
                structure = str(profile.get("structure_name") or "")
                if structure:
                    text += f" — {structure}"
                text += "\n" + self.tr(
                    "• Non connecté·e\u00a0: vos données restent sur ce poste et partiront "
                    "vers le serveur après la connexion."
                )
            self._server_label.setText(
                self.tr("Dernier serveur utilisé\u00a0: {server}").format(server=server)
                if server
                else ""
            )
        self._server_label.setVisible(bool(self._server_label.text()))
        self._account_label.setText(text)
        self._login_button.setVisible(not signed_in)
        self._logout_button.setVisible(signed_in)
        self._kept_apart_button.setVisible(not signed_in and bool(self._kept_apart))
        self._account_error.hide()
        self.account_loaded.emit(signed_in)

    def _show_account_error(self, error: KnownError) -> None:
        self._account_error.setText("⚠ " + error.message)
        self._account_error.show()

    def open_login(self) -> None:
        """« Se connecter… »: sign in, then send what was entered before."""
        if self._session is None:
            return
        dialog = LoginDialog(
            self._ctx.runner,
            self._session,
            self,
            server_url=str(self._profile.get("server_url") or ""),
            email=str(self._profile.get("email") or ""),
            switcher=self._switcher,
        )
        dialog.form.signed_in.connect(self._on_signed_in)
        dialog.open()

    def _no_secure_storage(self) -> str:
        """``sync.session.NO_SECURE_STORAGE`` (Qt-free, for the CLI) in the interface's
        language; a test checks the French source is the same sentence."""
        return self.tr(
            "Ce poste n’a pas de coffre-fort de mots de passe : votre connexion ne sera pas "
            "mémorisée et il faudra vous reconnecter à chaque démarrage. Vos données restent "
            "enregistrées sur ce poste."
        )

    def _on_signed_in(self, info: SessionInfo) -> None:
        if info.warning:
            warning = (
                self._no_secure_storage()
                if info.warning == NO_SECURE_STORAGE
                else core_text(info.warning)
            )
            self._keyring_warning.setText("⚠ " + warning)
            self._keyring_warning.show()
        here = self._switcher is None or info.store_dir in (None, self._switcher.folder)
        if here and self._ctx.sync is not None:
            self._ctx.sync.sync_now()  # the outbox kept everything entered before
        self.signed_in.emit(info)  # another store: the window opens it, and syncs there
        if here:
            self.refresh()

    def _on_logout_clicked(self) -> None:
        session = self._session
        if session is None:
            return
        self._logout_button.setEnabled(False)
        self._ctx.runner.run(
            lambda _token: session.logout(),
            on_done=self._on_logged_out,
            on_error=self._on_logout_failed,
            lane="net",
        )

    def _on_logged_out(self, _result: object) -> None:
        self._logout_button.setEnabled(True)
        log.info("signed out")
        self.signed_out.emit()
        self.refresh()

    def _on_kept_apart_clicked(self) -> None:
        if self._kept_apart:
            log.info("opening the data kept apart")
            self.store_requested.emit(self._kept_apart[0])

    def _on_logout_failed(self, error: KnownError) -> None:
        self._logout_button.setEnabled(True)
        self._show_account_error(error)

    # --- folders and preferences ------------------------------------------------------

    def _open_folder(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _on_retention_spin_value_changed(self, value: int) -> None:
        shorter = value < SHORT_RETENTION_MONTHS and value < self._retention_applied
        if shorter and not self.confirm_short_retention(value):
            blocked = self._retention_spin.blockSignals(True)
            self._retention_spin.setValue(self._retention_applied)
            self._retention_spin.blockSignals(blocked)
            return
        self._retention_applied = value
        self._prefs.retention_months = value
        self._ctx.services.set_retention_months(value)

    def confirm_short_retention(self, months: int) -> bool:
        """Asked when the retention goes under ``SHORT_RETENTION_MONTHS`` (and lower still):
        families are anonymised that soon, which cannot be undone."""
        answer = QMessageBox.question(
            self,
            self.tr("Durée de conservation très courte"),
            self.tr(
                "Les données des familles sans contact depuis plus de {n} mois seront "
                "effacées (nom et coordonnées) ; cela ne peut pas être annulé.\n\n"
                "Confirmer ?"
            ).format(n=months),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _on_threshold_spin_value_changed(self, value: int) -> None:
        self._prefs.small_count_threshold = value
        self._ctx.small_count_threshold = value

    def _on_language_combo_changed(self, _index: int) -> None:
        code = self._language_combo.currentData()
        if not isinstance(code, str):
            return
        self._prefs.language = code
        self._prefs.sync()
        if code == self._started_language:
            self._language_hint.setText(
                self.tr("La langue choisie s’applique au prochain démarrage de TNE Médiation.")
            )
        else:
            # Said in both languages: the user may not read the one being left.
            self._language_hint.setText(
                self.tr(
                    "✓ Langue enregistrée\u00a0: redémarrez TNE Médiation pour l’appliquer. "
                    "(Restart TNE Médiation to apply it.)"
                )
            )

    # --- support report ---------------------------------------------------------------

    def export_support_report(self, dest: Path | None = None) -> None:
        """« Rapport pour le support… »: a ZIP of the scrubbed logs, counts and self-test.

        ``dest`` skips the file dialog (tests).
        """
        if dest is None:
            stamp = QDateTime.currentDateTime().toString("yyyyMMdd-HHmm")
            suggested = self._paths.exports_dir / f"rapport-support-{stamp}.zip"
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                self.tr("Enregistrer le rapport pour le support"),
                str(suggested),
                self.tr("Archive ZIP (*.zip)"),
            )
            if not chosen:
                return
            dest = Path(chosen)
        paths, store, target = self._paths, self._ctx.store, dest
        self._support_button.setEnabled(False)
        self._support_label.setText(self.tr("Préparation du rapport…"))
        self._support_label.show()
        self._ctx.runner.run(
            lambda _token: write_support_zip(paths, store, target),
            on_done=self._on_support_report_written,
            on_error=self._on_support_report_failed,
        )

    def _on_support_report_written(self, path: Path) -> None:
        self._support_button.setEnabled(True)
        self._support_label.setText(
            self.tr(
                "✓ Rapport enregistré\u00a0: {path}. Il ne contient aucun nom, adresse ni "
                "numéro de téléphone."
            ).format(path=path)
        )
        log.info("support report written")
        self.support_report_written.emit(path)

    def _on_support_report_failed(self, error: KnownError) -> None:
        self._support_button.setEnabled(True)
        self._support_label.setText("⚠ " + error.message)
