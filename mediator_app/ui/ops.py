"""The write path of every screen, in one place.

A screen describes *what* it writes; ``WriteOp`` does the rest the same way everywhere::

    WriteOp(ctx, self, lambda s: s.workshops.update(workshop_id, **values))
        .message_to(self.form_error)
        .settled(lambda: self._set_busy(False))
        .success(self._on_saved)
        .failure(self._on_field_errors)
        .run()

- the service call runs on the task runner's database thread (SQLite's one writer), never
  on the GUI thread, so the window never freezes;
- on success, on the GUI thread: ``ctx.written(result.changes)`` once (every screen showing
  those entities re-reads them, the sync is nudged), then the success callback with the
  result's value;
- a ``ValidationError`` goes to the failure callback (the form shows each message under its
  field); without one, its French message is shown like any other ``KnownError``;
- any other ``KnownError`` (a rule refused, the record is gone, the disk is full…): its
  French message is shown where ``message_to`` says (the page's message label), else in a
  warning box over ``parent``;
- anything else is a bug: it is raised on the GUI thread, where the crash handler
  (``ui/crash.py``) logs and shows it.

``settled`` runs first whatever the outcome (a screen re-enables its buttons there). If
``parent`` was destroyed while the write ran, the change is still broadcast but no callback
touches the dead widget.

A long write (an import) is a ``LongWriteOp``: its action also gets the task's
``CancelToken``, reports ``token.progress(done, total)`` to the ``progress`` callback and
stops when ``token.cancelled``; the op's ``token`` exists before ``run`` so « Annuler » can
reach it at once::

    op = LongWriteOp(ctx, self, lambda s, token: s.devices.import_csv(path, token))
    self._token = op.token
    op.progress(self._on_progress).cancelled(self._on_cancelled).success(self._on_done).run()

What a cancelled import had already saved comes back as its result (its changes are
broadcast like any other); a ``CancelledError`` (nothing saved) goes to ``cancelled``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Self, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from mediator_app.core.errors import CancelledError, KnownError, ValidationError
from mediator_app.local_store.unit_of_work import Result
from mediator_app.ui.tasks import CancelToken
from mediator_app.ui.widgets.french import show_error

if TYPE_CHECKING:
    from mediator_app.ui.context import AppContext, Services

log = logging.getLogger(__name__)

T = TypeVar("T")

#: What a screen asks: one service call (or a few in one task), returning its ``Result``.
Action = Callable[["Services"], Result[T]]
#: A long write: the same, given the task's token (progress, cancel).
LongAction = Callable[["Services", CancelToken], Result[T]]


@dataclass(frozen=True)
class _Crashed:
    """An unexpected exception, carried from the worker back to the GUI thread."""

    error: Exception


class WriteOp(Generic[T]):
    """One user action that writes: run it off the GUI thread and report it the same way."""

    def __init__(self, ctx: AppContext, parent: QWidget | None, action: Action[T]) -> None:
        self._ctx = ctx
        self._parent = parent
        self._action = action
        self._token: CancelToken | None = None
        self._on_progress: Callable[[int, int], object] | None = None
        self._on_success: Callable[[T], object] | None = None
        self._on_failure: Callable[[ValidationError], object] | None = None
        self._on_settled: Callable[[], object] | None = None
        self._message: Callable[[str], object] | None = None
        self._on_cancelled: Callable[[], object] | None = None

    # --- configuration (each returns the op, to chain) ---------------------------------

    def success(self, callback: Callable[[T], object]) -> Self:
        """Called on the GUI thread with the result's value, after the changes are broadcast."""
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[ValidationError], object]) -> Self:
        """Called with a ``ValidationError`` (``error.errors``: one message per field)."""
        self._on_failure = callback
        return self

    def settled(self, callback: Callable[[], object]) -> Self:
        """Called first when the op ends, whatever the outcome (re-enable buttons here)."""
        self._on_settled = callback
        return self

    def message_to(self, target: QLabel | Callable[[str], object]) -> Self:
        """Where the French message of a refused write goes (a label or a function)."""
        if isinstance(target, QLabel):
            label = target
            self._message = lambda text: show_error(label, text)
        else:
            self._message = target
        return self

    # --- running ---------------------------------------------------------------------

    def run(self) -> CancelToken:
        """Queue the action on the database thread; callbacks come back on the GUI thread."""
        services, action = self._ctx.services, self._action

        def task(_token: CancelToken) -> Result[T] | _Crashed:
            try:
                return action(services)
            except KnownError:
                raise
            except Exception as exc:  # a bug: carried to the GUI thread's crash handler
                return _Crashed(exc)

        return self._ctx.runner.run(
            task,
            on_done=self._done,
            on_error=self._failed,
            on_progress=self._progressed if self._on_progress is not None else None,
            token=self._token,
        )

    def _progressed(self, done: int, total: int, _text: str) -> None:
        if self._on_progress is not None and self._alive():
            self._on_progress(done, total)

    def _alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    def _settle(self) -> None:
        if self._on_settled is not None and self._alive():
            self._on_settled()

    def _done(self, outcome: Result[T] | _Crashed) -> None:
        if isinstance(outcome, _Crashed):
            self._settle()
            raise outcome.error
        self._ctx.written(outcome.changes)
        self._settle()
        if self._on_success is not None and self._alive():
            self._on_success(outcome.value)

    def _failed(self, error: KnownError) -> None:
        self._settle()
        if not self._alive():
            log.info("write refused after its screen closed: %s", error.code)
            return
        if isinstance(error, CancelledError) and self._on_cancelled is not None:
            self._on_cancelled()
            return
        if isinstance(error, ValidationError) and self._on_failure is not None:
            self._on_failure(error)
            return
        self.show_message(error.message)

    def show_message(self, text: str) -> None:
        """The one place a refused write's French message is shown."""
        if self._message is not None:
            self._message(text)
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("WriteOp", "TNE Médiation"),
            text,
            QMessageBox.StandardButton.Ok,
            self._parent,
        )
        box.setObjectName("write_error_box")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal, never a nested event loop


class LongWriteOp(WriteOp[T]):
    """A write that takes a while: progress as it goes, and « Annuler » that stops it.

    The action gets the task's ``CancelToken``: it calls ``token.progress(done, total)``
    and stops between two saves when ``token.cancelled`` (what it saved before is its
    result), or raises ``CancelledError`` when it saved nothing.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None, action: LongAction[T]) -> None:
        token = CancelToken()  # the runner's token for this task (progress, cancel)
        super().__init__(ctx, parent, lambda services: action(services, token))
        self._token = token

    @property
    def token(self) -> CancelToken:
        """Cancels the write; it exists before ``run``, so a button can hold it at once."""
        assert self._token is not None
        return self._token

    def progress(self, callback: Callable[[int, int], object]) -> Self:
        """Called on the GUI thread with (done, total) as the write goes."""
        self._on_progress = callback
        return self

    def cancelled(self, callback: Callable[[], object]) -> Self:
        """Called when the write was cancelled before saving anything (``CancelledError``)."""
        self._on_cancelled = callback
        return self
