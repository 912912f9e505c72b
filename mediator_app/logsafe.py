"""Logging an unexpected exception without personal data.

Exception messages can carry what the user typed (a SQLAlchemy error prints the statement's
parameters: names, phone numbers). These helpers log the exception's type and where it
happened — file, line and function of each frame — and never its message or values.
"""

from __future__ import annotations

import logging
import traceback


def describe(exc: BaseException) -> str:
    """Type and frames of an exception, one line per frame, with no message."""
    kind = type(exc)
    lines = [f"{kind.__module__}.{kind.__qualname__}"]
    for frame in traceback.extract_tb(exc.__traceback__):
        short = frame.filename.rsplit("site-packages/", 1)[-1]
        short = short.rsplit("mediator_app/", 1)[-1] if "mediator_app/" in short else short
        lines.append(f"  at {short}:{frame.lineno} in {frame.name}")
    cause = exc.__cause__ or exc.__context__
    if cause is not None:
        lines.append(f"  caused by {type(cause).__module__}.{type(cause).__qualname__}")
    return "\n".join(lines)


def log_unexpected(logger: logging.Logger, what: str, exc: BaseException) -> None:
    """``logger.error`` of ``what`` with ``describe(exc)`` (never the message)."""
    logger.error("%s: %s", what, describe(exc))
