"""Unexpected errors are logged without their message (it may hold what the user typed)."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from mediator_app.core.errors import StorageError
from mediator_app.local_store import Store
from mediator_app.logsafe import describe


def test_failed_local_write_logs_no_typed_value(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    with pytest.raises(StorageError), store.write() as tx:
        tx.conn.execute(text("INSERT INTO nowhere VALUES (:v)"), {"v": "Fatou Diallo 0612345678"})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "local write failed" in logged and "OperationalError" in logged
    assert "Fatou" not in logged and "0612345678" not in logged


def test_describe_keeps_frames_not_message() -> None:
    try:
        raise ValueError("secret: Karim Haddad")
    except ValueError as exc:
        text_ = describe(exc)
    assert text_.startswith("builtins.ValueError")
    assert "test_describe_keeps_frames_not_message" in text_
    assert "Karim" not in text_
