"""The status-bar chip: where the data stands with the server, as a symbol and a sentence.

The sentence says what ``mediator_app.sync.status.status_text`` says (that one stays for the
CLI, without Qt), here in ``tr()`` so it follows the interface language; the symbol repeats the
state so it is never told by colour alone (✓ synchronised, ↻ running, ↑ waiting to be
sent, ⚠ something needs a decision, • saved here only).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from mediator_app.sync.status import SyncStatus


class ChipState(StrEnum):
    SYNCED = "synced"
    RUNNING = "running"
    PENDING = "pending"
    ATTENTION = "attention"
    LOCAL = "local"


SYMBOLS: dict[ChipState, str] = {
    ChipState.SYNCED: "✓",
    ChipState.RUNNING: "↻",
    ChipState.PENDING: "↑",
    ChipState.ATTENTION: "⚠",
    ChipState.LOCAL: "•",
}


def state_of(status: SyncStatus) -> ChipState:
    """The chip's state for a status (the same order of priority as ``status_text``)."""
    if status.to_handle:
        return ChipState.ATTENTION
    if status.pending:
        return ChipState.PENDING
    if status.incomplete and status.signed_in_server:
        return ChipState.PENDING  # never the ✓ while work remains
    if status.last_sync_at is None or not status.signed_in_server:
        return ChipState.LOCAL
    return ChipState.SYNCED


class SyncChip(QFrame):
    """A symbol and a sentence; clicking it when items wait opens « À traiter »."""

    attention_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_chip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 1, 8, 1)
        layout.setSpacing(6)
        self._symbol = QLabel(self)
        self._symbol.setObjectName("sync_chip_symbol")
        self._text = QLabel(self.tr("Lecture des données…"), self)
        self._text.setObjectName("sync_status_label")
        layout.addWidget(self._symbol)
        layout.addWidget(self._text)
        self._state = ChipState.LOCAL
        self._show(ChipState.LOCAL, self._text.text())

    # --- public API -----------------------------------------------------------------

    @property
    def state(self) -> ChipState:
        return self._state

    def text(self) -> str:
        return self._text.text()

    def symbol(self) -> str:
        return self._symbol.text()

    def show_status(self, status: SyncStatus) -> None:
        """The store's state, worded by ``sentence``."""
        self._show(state_of(status), self.sentence(status))

    def sentence(self, status: SyncStatus, now: datetime | None = None) -> str:
        """The words of ``status_text`` in the interface language (0 and 1 singular)."""
        if status.to_handle:
            return self._plural(
                status.to_handle,
                self.tr("{n} élément à traiter"),
                self.tr("{n} éléments à traiter"),
            )
        if status.pending:
            if not status.signed_in_server:
                return self._plural(
                    status.pending,
                    self.tr("{n} modification enregistrée sur ce poste (non connecté)"),
                    self.tr("{n} modifications enregistrées sur ce poste (non connecté)"),
                )
            return self._plural(
                status.pending,
                self.tr("{n} modification en attente de connexion"),
                self.tr("{n} modifications en attente de connexion"),
            )
        if status.incomplete and status.signed_in_server:
            # Pages left, or a failed last run: never "synchronised" while work remains.
            return self.tr("Synchronisation incomplète · la suite au prochain essai")
        if status.last_sync_at is None:
            return self.tr("Enregistré sur ce poste · jamais synchronisé")
        seconds = ((now or datetime.now(UTC)) - status.last_sync_at).total_seconds()
        if not status.signed_in_server:
            # Signed out: nothing can be "synchronised" until the next sign-in.
            return self.tr("Non connecté · dernière synchronisation {ago}").format(
                ago=self._ago(seconds)
            )
        return self.tr("Tout est synchronisé · {ago}").format(ago=self._ago(seconds))

    def show_running(self, text: str) -> None:
        self._show(ChipState.RUNNING, text)

    def show_text(self, text: str) -> None:
        """A sentence from the sync controller; the symbol follows at the next status."""
        self._show(self._state if self._state is not ChipState.RUNNING else ChipState.LOCAL, text)

    # --- internals ------------------------------------------------------------------

    @staticmethod
    def _plural(n: int, one: str, many: str) -> str:
        return (one if n <= 1 else many).format(n=QLocale().toString(n))

    def _ago(self, seconds: float) -> str:
        minutes = int(seconds // 60)
        if minutes < 1:
            return self.tr("à l’instant")
        if minutes < 60:
            return self.tr("il y a {n} min").format(n=minutes)
        hours = minutes // 60
        if hours < 24:
            return self.tr("il y a {n} h").format(n=hours)
        return self._plural(hours // 24, self.tr("il y a {n} jour"), self.tr("il y a {n} jours"))

    def _show(self, state: ChipState, text: str) -> None:
        self._state = state
        self._symbol.setText(SYMBOLS[state])
        self._text.setText(text)
        self.setAccessibleName(
            self.tr("État de la synchronisation\u00a0: {text}").format(text=text)
        )
        if state is ChipState.ATTENTION:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setToolTip(self.tr("Cliquez pour ouvrir « À traiter »."))
        else:
            self.unsetCursor()
            self.setToolTip(text)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._state is ChipState.ATTENTION:
            self.attention_requested.emit()
        super().mouseReleaseEvent(event)
