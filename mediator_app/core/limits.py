"""Bounds on what one synced row may hold, shared by the client and ``tne_api``.

These are hard limits of the wire, not domain rules (those live in ``core.validation``): they
keep a peer from making the server allocate, store or hand to every other laptop something
no person could have typed. The server refuses a pushed op that passes one of them with a
per-op ``rejected`` result (``message_key = "validation"`` and a French message per field in
``errors``, as for any invalid value), before the op is merged; the client can check the same
bounds (``check_op``) before it queues a change.

Every string anywhere in an op (known field, list item, child, unknown field, field name) is
also refused when it holds a NUL character (PostgreSQL cannot store it) or a lone UTF-16
surrogate (not encodable as UTF-8).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from mediator_app.core import texts
from mediator_app.core.entities import ENTITIES
from mediator_app.core.wire import FieldKind, FieldSpec, spec_map

#: Longest string of an ordinary field (a title, a name, an address, a phone number…).
MAX_TEXT = 2_000
#: Longest string of the free-text fields of ``LONG_TEXT_FIELDS``.
MAX_LONG_TEXT = 20_000
#: Longest text of a *convention de prêt* (a template, or the signed copy of a hand-out).
MAX_AGREEMENT_TEXT = 100_000
#: Longest string of a conflict item's kept values (JSON of a whole pushed row).
MAX_CONFLICT_VALUE = 1_000_000
#: Fields that take a larger bound than ``MAX_TEXT``.
LONG_TEXT_FIELDS: dict[str, dict[str, int]] = {
    "workshop": {"notes": MAX_LONG_TEXT, "review_comment": MAX_LONG_TEXT},
    "participant": {"notes": MAX_LONG_TEXT},
    "device": {"notes": MAX_LONG_TEXT},
    "handout": {"agreement_text": MAX_AGREEMENT_TEXT},
    "agreement_template": {"text": MAX_AGREEMENT_TEXT},
    "sync_conflict": {
        "base_value": MAX_CONFLICT_VALUE,
        "server_value": MAX_CONFLICT_VALUE,
        "client_value": MAX_CONFLICT_VALUE,
    },
}
#: Largest binary value once decoded (a hand-drawn signature PNG is a few kB).
MAX_BYTES = 200_000
#: Most items in a list field (device ids, themes, tags, children…).
MAX_LIST_ITEMS = 100
#: Longest string inside a list or a child (a tag, a language, a child's first name).
MAX_ITEM_TEXT = 200
#: Longest string of a UUID, date, time, datetime or enum value.
MAX_CODE_TEXT = 64
#: Most professionals of one role a single training may count (``Workshop.trained_*``): a
#: large conference hall, not a typo's extra zeros.
MAX_TRAINED_PER_ROLE = 1_000
#: Integer fields are 32-bit columns on the server.
INT_MIN = -(2**31)
INT_MAX = 2**31 - 1
#: Most fields in one op's ``set`` (or ``base``); the largest entity has about 40.
MAX_FIELDS = 100
#: Longest field name.
MAX_FIELD_NAME = 64
#: Deepest nesting of a value of a field unknown to this version (a newer client's).
MAX_DEPTH = 4

#: The server's bound on one request body (``TNE_API_MAX_REQUEST_BYTES``, docs/protocol.md):
#: an op whose JSON alone is longer can never be pushed, so the client parks it unsent.
MAX_REQUEST_BYTES = 32 * 1024 * 1024
#: Bodies under this size are not "too large" for any server speaking the protocol (its
#: smallest bound, the one of ``/auth/…``): a 413 on one op this small is the server's fault,
#: never the op's, so that op is not parked.
MIN_REQUEST_BOUND = 64 * 1024

MSG_BAD_CHAR = texts.text("Caractère invalide (caractère nul ou caractère Unicode isolé).")
MSG_BAD_VALUE = texts.text("Valeur invalide pour ce champ.")
MSG_TOO_MANY_FIELDS = texts.text(
    "Trop de champs dans ce changement (au plus {max_fields}).", max_fields=MAX_FIELDS
)
MSG_BAD_NAME = texts.text("Nom de champ invalide.")


def _text_too_long(limit: int) -> str:
    return texts.text(
        "Texte trop long (au plus {limit} caractères).",
        limit=f"{limit:_}".replace("_", "\u202f"),
    )


def _too_many_items(limit: int) -> str:
    return texts.text("Trop d’éléments dans la liste (au plus {limit}).", limit=limit)


def _bytes_too_large(limit: int) -> str:
    return texts.text("Image trop volumineuse (au plus {limit} ko).", limit=limit // 1000)


MSG_INT_RANGE = texts.text("Nombre hors des limites acceptées.")


def clean_text(value: str) -> bool:
    """Whether ``value`` can be stored anywhere: no NUL, no lone surrogate."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def text_limit(entity: str, name: str) -> int:
    """The longest string field ``name`` of ``entity`` may hold."""
    return LONG_TEXT_FIELDS.get(entity, {}).get(name, MAX_TEXT)


def _check_str(value: str, limit: int) -> str | None:
    if len(value) > limit:
        return _text_too_long(limit)
    if not clean_text(value):
        return MSG_BAD_CHAR
    return None


def _check_any(value: Any, limit: int, depth: int = 0) -> str | None:
    """Bounds of a JSON value of unknown shape (list items, children, unknown fields)."""
    if isinstance(value, str):
        return _check_str(value, limit)
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return None
    if isinstance(value, int):
        return None if INT_MIN <= value <= INT_MAX else MSG_INT_RANGE
    if depth >= MAX_DEPTH:
        return MSG_BAD_VALUE
    if isinstance(value, list | tuple):
        if len(value) > MAX_LIST_ITEMS:
            return _too_many_items(MAX_LIST_ITEMS)
        for item in value:
            if problem := _check_any(item, limit, depth + 1):
                return problem
        return None
    if isinstance(value, Mapping):
        if len(value) > MAX_FIELDS:
            return MSG_TOO_MANY_FIELDS
        for key, item in value.items():
            if not isinstance(key, str) or _check_str(key, MAX_FIELD_NAME):
                return MSG_BAD_NAME
            if problem := _check_any(item, limit, depth + 1):
                return problem
        return None
    return MSG_BAD_VALUE


def check_value(entity: str, spec: FieldSpec, value: Any) -> str | None:
    """A French message when ``value`` passes a bound of field ``spec``, else ``None``.

    Only the bounds are checked here: a value of the wrong type that is small (``"x"`` for
    an integer) is left to the field's conversion, which refuses it on its own.
    """
    if value is None:
        return None
    kind = spec.kind
    if kind is FieldKind.STR:
        return _check_str(value, text_limit(entity, spec.name)) if isinstance(value, str) else None
    if kind in (FieldKind.UUID, FieldKind.DATE, FieldKind.TIME, FieldKind.DATETIME):
        return _check_str(value, MAX_CODE_TEXT) if isinstance(value, str) else None
    if kind is FieldKind.ENUM:
        return _check_str(value, MAX_CODE_TEXT) if isinstance(value, str) else None
    if kind is FieldKind.INT:
        if isinstance(value, int) and not isinstance(value, bool):
            return None if INT_MIN <= value <= INT_MAX else MSG_INT_RANGE
        return None
    if kind is FieldKind.BYTES:
        # Base64 text only: anything else (an integer would make ``bytes(n)`` allocate n
        # bytes) is refused before any conversion.
        if not isinstance(value, str):
            return MSG_BAD_VALUE
        if len(value) > 4 * math.ceil(MAX_BYTES / 3):
            return _bytes_too_large(MAX_BYTES)
        return None if clean_text(value) else MSG_BAD_CHAR
    if kind in (FieldKind.LIST, FieldKind.CHILDREN):
        if not isinstance(value, list | tuple):
            return None
        if len(value) > MAX_LIST_ITEMS:
            return _too_many_items(MAX_LIST_ITEMS)
        for item in value:
            if problem := _check_any(item, MAX_ITEM_TEXT, depth=MAX_DEPTH - 2):
                return problem
        return None
    return None  # BOOL


def check_values(entity: str, values: Mapping[str, Any]) -> dict[str, str]:
    """French messages, per field, for the values of one row that pass a bound.

    Fields unknown to this version are bounded as generic JSON (a newer client may send
    some); an unknown entity is bounded the same way. A field name that is itself invalid is
    reported under ``""``.
    """
    errors: dict[str, str] = {}
    if len(values) > MAX_FIELDS:
        return {"": MSG_TOO_MANY_FIELDS}
    smap = spec_map(entity) if entity in ENTITIES else {}
    for name, value in values.items():
        if not isinstance(name, str) or _check_str(name, MAX_FIELD_NAME):
            errors[""] = MSG_BAD_NAME
            continue
        spec = smap.get(name)
        problem = (
            check_value(entity, spec, value)
            if spec is not None
            else _check_any(value, MAX_LONG_TEXT, depth=1)
        )
        if problem:
            errors[name] = problem
    return errors


def check_op(entity: str, set_values: Mapping[str, Any], base: Mapping[str, Any]) -> dict[str, str]:
    """The bounds of one op: its new values, and the values it last knew (``base.<field>``)."""
    if not isinstance(entity, str) or not clean_text(entity):
        return {"": MSG_BAD_CHAR}
    errors = check_values(entity, set_values)
    for name, problem in check_values(entity, base).items():
        errors.setdefault(f"base.{name}" if name else "", problem)
    return errors
