"""« Rattacher … au compte de … ? »: work typed « hors connexion » joins an account only
when the person says so (docs/architecture.md, « Un compte, un magasin local »).

« Rattacher » signs in on this store: what was typed leaves with the account. « Garder à
part » signs in on a fresh store of the account; the offline one stays on the laptop and
Paramètres opens it again. Closing the dialog signs in nobody.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mediator_app.ui.widgets.labels import bold_label


class AttachOfflineDialog(QDialog):
    """The question, with « Rattacher » and « Garder à part ».

    After ``finished``, ``attach`` is True (Rattacher), False (Garder à part) or None
    (closed: nothing is done).
    """

    def __init__(self, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attach_offline_dialog")
        self.setWindowTitle(self.tr("Données saisies hors connexion"))
        self.attach: bool | None = None
        heading = bold_label(question, self, 1.15)
        heading.setObjectName("attach_question_label")
        heading.setWordWrap(True)
        details = QLabel(
            self.tr(
                "• Rattacher\u00a0: ce que vous avez saisi sur ce poste avant de vous "
                "connecter partira vers le serveur avec ce compte.\n"
                "• Garder à part\u00a0: le compte commence avec des données vides\u00a0; ce "
                "que vous avez saisi reste sur ce poste, à part, et ne part pas. Vous le "
                "retrouverez dans Paramètres, « Ouvrir les données gardées à part »."
            ),
            self,
        )
        details.setObjectName("attach_details_label")
        details.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.attach_button = QPushButton(self.tr("&Rattacher"), self)
        self.attach_button.setObjectName("attach_button")
        self.attach_button.setDefault(True)
        self.keep_apart_button = QPushButton(self.tr("&Garder à part"), self)
        self.keep_apart_button.setObjectName("keep_apart_button")
        buttons.addButton(self.attach_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.keep_apart_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.attach_button.clicked.connect(lambda: self._answer(True))
        self.keep_apart_button.clicked.connect(lambda: self._answer(False))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(details)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        QWidget.setTabOrder(self.attach_button, self.keep_apart_button)
        self.attach_button.setFocus()

    def _answer(self, attach: bool) -> None:
        self.attach = attach
        self.accept()
