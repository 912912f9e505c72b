"""The empty state of the list pages: an icon, what is (not) there, a hint and, when there is
one, the action that fills the list (« Aucun atelier pour l’instant » + « Nouvel atelier »).

``EmptyState`` is the message; ``EmptyOr`` shows either a list or its empty state in the
same place, so an empty page never looks broken. The same one on Ateliers, Participants,
Matériel (each tab) and À traiter; its hint takes the muted text of ``ui.style``.
``detail_or_empty`` is the same for a detail panel while no row is chosen (the workshop's
card, the parent's card, the coordinator's Validation detail): one calm message in place of
blank labels and disabled buttons.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from mediator_app.ui import style
from mediator_app.ui.widgets.icons import icon

ICON_SIZE = 40


class EmptyState(QFrame):
    """« Nothing here yet », centred: ``icon_name``, a bold ``title``, a ``hint`` and an
    optional button (``action``: its text; ``on_action``: what a click does).

    Object names: ``<name>_empty_state`` and, inside, ``empty_state_title``,
    ``empty_state_hint`` and ``<name>_empty_action``.
    """

    def __init__(
        self,
        name: str,
        parent: QWidget | None,
        *,
        icon_name: str,
        title: str,
        hint: str = "",
        action: str = "",
        on_action: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}_empty_state")
        self.setProperty("empty_state", True)
        # It stands where a list was: never taller than the list it replaces asks for (the
        # page keeps fitting a small screen; the stretches around the text give way first).
        self.setMinimumSize(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.PAGE_MARGINS * 2, 24, style.PAGE_MARGINS * 2, 24)
        layout.setSpacing(8)
        layout.addStretch(1)
        self.icon_label = QLabel(self)
        self.icon_label.setObjectName("empty_state_icon")
        self.icon_label.setPixmap(icon(icon_name).pixmap(QSize(ICON_SIZE, ICON_SIZE)))
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.icon_label.setAccessibleName("")
        layout.addWidget(self.icon_label)
        self.title_label = QLabel(title, self)
        self.title_label.setObjectName("empty_state_title")
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label.setWordWrap(True)
        layout.addWidget(self.title_label)
        self.hint_label = QLabel(hint, self)
        self.hint_label.setObjectName("empty_state_hint")
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint_label.setWordWrap(True)
        palette = self.hint_label.palette()
        palette.setColor(palette.ColorRole.WindowText, style.muted(palette))
        self.hint_label.setPalette(palette)
        self.hint_label.setVisible(bool(hint))
        layout.addWidget(self.hint_label)
        self.button = QPushButton(action, self)
        self.button.setObjectName(f"{name}_empty_action")
        self.button.setVisible(bool(action))
        self._on_action = on_action
        self.button.clicked.connect(self._clicked)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def set_text(
        self,
        title: str,
        hint: str = "",
        *,
        action: str = "",
        on_action: Callable[[], object] | None = None,
        icon_name: str | None = None,
    ) -> None:
        """Change what the state says (a search that found nothing, an empty period…)."""
        self.title_label.setText(title)
        self.hint_label.setText(hint)
        self.hint_label.setVisible(bool(hint))
        self.button.setText(action)
        self.button.setVisible(bool(action))
        self._on_action = on_action
        if icon_name is not None:
            self.icon_label.setPixmap(icon(icon_name).pixmap(QSize(ICON_SIZE, ICON_SIZE)))

    def text(self) -> str:
        """Title and hint, as read aloud."""
        return " ".join(t for t in (self.title_label.text(), self.hint_label.text()) if t)

    def _clicked(self) -> None:
        if self._on_action is not None:
            self._on_action()


class EmptyOr(QStackedWidget):
    """``content`` (a list) or ``empty`` in its place."""

    def __init__(self, content: QWidget, empty: EmptyState, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{content.objectName()}_or_empty")
        self.content = content
        self.empty = empty
        self.addWidget(content)
        self.addWidget(empty)

    def set_empty(self, empty: bool) -> None:
        self.setCurrentWidget(self.empty if empty else self.content)

    def is_empty(self) -> bool:
        return self.currentWidget() is self.empty


def detail_or_empty(
    content: QWidget,
    parent: QWidget | None,
    *,
    name: str,
    icon_name: str,
    title: str,
    hint: str,
) -> EmptyOr:
    """``content`` (a detail panel) or, until a row is chosen, an empty state in its place:
    ``set_empty(row is None)`` on each change of selection. Starts empty. The panel's
    buttons, hidden with it, leave the focus chain until it shows again."""
    empty = EmptyState(name, parent, icon_name=icon_name, title=title, hint=hint)
    stack = EmptyOr(content, empty, parent)
    stack.set_empty(True)
    return stack
