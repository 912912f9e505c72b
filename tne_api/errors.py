"""HTTP-level errors raised by the services and turned into JSON responses by the app."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An error answered to the client as ``status`` with a JSON body.

    Args:
        status: HTTP status code.
        detail: French message for a person (``{"detail": ...}``).
        headers: Extra response headers (e.g. ``Retry-After``).
        extra: Extra keys merged into the JSON body (e.g. ``{"reason": "epoch_changed"}``).
    """

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra or {}

    def body(self) -> dict[str, Any]:
        """The JSON body of the response."""
        return {"detail": self.detail, **self.extra}
