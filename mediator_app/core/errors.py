"""Errors split by blame.

``KnownError`` and its subclasses are the world's fault (bad input, offline, expired
session, disk full, a database from a newer version): they carry a French message meant for
a person, and the application keeps going. Anything else that escapes is a bug: it is logged
and shown in the crash dialog, without personal data.
"""

from __future__ import annotations

from collections.abc import Mapping

from mediator_app.core.texts import text

#: The first line of a ``ValidationError``'s message; its messages follow, one per line.
VALIDATION_HEADER = "La fiche n’a pas été enregistrée :\n{lines}"


class KnownError(Exception):
    """An expected failure with a French message for the user.

    Args:
        message: Plain French sentence, shown as is (a ``core.texts.text()``, so the
            interface can translate it).
        code: Stable machine code for tests, logs and the wire.
    """

    code = "known_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class ValidationError(KnownError):
    """Bad input: one French message per field; nothing was saved."""

    code = "validation"

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors: dict[str, str] = dict(errors)
        lines = "\n".join(f"• {msg}" for msg in self.errors.values())
        super().__init__(text(VALIDATION_HEADER, lines=lines))


class NotFoundError(KnownError):
    """The record does not exist (or was deleted)."""

    code = "not_found"


class BusinessRuleError(KnownError):
    """A rule of the domain forbids the action (capacity, open handout, …)."""

    code = "business_rule"


class ReadOnlyStoreError(KnownError):
    """The local database was written by a newer version and is open read-only."""

    code = "read_only"


class StorageError(KnownError):
    """The local file cannot be read or written (disk full, permissions, corruption)."""

    code = "storage"


class NetworkUnavailableError(KnownError):
    """No usable network (offline, captive portal, DNS failure)."""

    code = "network_unavailable"


class ServerError(KnownError):
    """The server answered with an error it should not have; retried later."""

    code = "server_error"


class AuthenticationError(KnownError):
    """Login refused or the session cannot be renewed: the user must sign in again."""

    code = "auth"


class UpdateRequiredError(KnownError):
    """The server needs a newer version of the application (HTTP 426)."""

    code = "update_required"


class CancelledError(KnownError):
    """The user cancelled a long task."""

    code = "cancelled"

    def __init__(self, message: str = text("Opération annulée.")) -> None:
        super().__init__(message)
