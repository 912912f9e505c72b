"""« Modifications non enregistrées »: editors ask before Escape or Fermer throws typed work
away, and only when something was typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from mediator_app.local_store import Store
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.dialogs.participant_editor import ParticipantEditor
from mediator_app.ui.tasks import InlineRunner


def _answers(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(*args: object, **_kw: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_participant_editor_asks_before_dropping_what_was_typed(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = AppContext(store, Services.of(store), InlineRunner())
    editor = ParticipantEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    asked = _answers(monkeypatch, QMessageBox.StandardButton.Cancel)
    # Nothing typed: Escape closes at once.
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert asked == [] and not editor.isVisible()

    editor = ParticipantEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    first = editor.first_name_edit
    qtbot.keyClicks(first, "Fatou")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert len(asked) == 1 and "pas enregistrées" in asked[0]
    assert editor.isVisible() and first.text() == "Fatou"  # kept: the person cancelled
    _answers(monkeypatch, QMessageBox.StandardButton.Discard)
    editor.reject()
    assert not editor.isVisible()


def test_workshop_editor_asks_before_dropping_what_was_typed(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mediator_app.ui.dialogs.workshop_editor import WorkshopEditor

    ctx = AppContext(store, Services.of(store), InlineRunner())
    editor = WorkshopEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    asked = _answers(monkeypatch, QMessageBox.StandardButton.Cancel)
    editor.title_edit.setText("Café des parents")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert len(asked) == 1 and editor.isVisible()
    assert editor.title_edit.text() == "Café des parents"
    _answers(monkeypatch, QMessageBox.StandardButton.Discard)
    editor.reject()
    assert not editor.isVisible()
