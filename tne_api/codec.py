"""Conversions between wire values (JSON), canonical wire values and database values.

A *canonical* wire value is ``value_to_wire(value_from_wire(v))``: two spellings of the same
value (``"2026-03-12T10:15:03+01:00"`` vs a re-serialised one, a UUID in upper case, …) become
equal, so the merge compares like with like.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any

import orjson
import sqlalchemy as sa

from mediator_app.core.wire import (
    FieldKind,
    FieldSpec,
    conflict_values_shown,
    specs,
    strip_identifiers,
    value_from_wire,
    value_to_wire,
)

JSON = Any

#: Exceptions that mean "this value does not fit this field".
BAD_VALUE = (ValueError, TypeError, AttributeError, KeyError, binascii.Error, OverflowError)


def canonical(spec: FieldSpec, value: JSON) -> JSON:
    """The canonical wire form of ``value`` for ``spec``.

    Raises:
        ValueError, TypeError, AttributeError, KeyError: the value does not fit the field.
    """
    if spec.kind is FieldKind.BYTES and value is not None:
        if not isinstance(value, str):
            # Base64 text only: ``bytes(300000000)`` would allocate 300 MB.
            raise TypeError("expected base64 text")
        base64.b64decode(value, validate=True)
    is_int = isinstance(value, int) and not isinstance(value, bool)
    if spec.kind is FieldKind.INT and is_int and abs(value) > 2**31 - 1:
        raise OverflowError("integer out of range")
    return value_to_wire(spec, value_from_wire(spec, value))


def to_storage(spec: FieldSpec, wire: JSON) -> Any:
    """The database value of a canonical wire value."""
    if wire is None:
        return None
    if spec.kind in (FieldKind.LIST, FieldKind.CHILDREN, FieldKind.ENUM):
        return wire
    return value_from_wire(spec, wire)


def from_storage(spec: FieldSpec, stored: Any) -> JSON:
    """The canonical wire value of a database value."""
    if spec.kind in (FieldKind.LIST, FieldKind.CHILDREN):
        return list(stored) if stored is not None else []
    return value_to_wire(spec, stored)


def _identity(value: Any) -> Any:
    return value


def _reader(spec: FieldSpec) -> Callable[[Any], JSON]:
    """The fastest exact ``from_storage`` for one field (pulls convert every row)."""
    if spec.kind in (FieldKind.STR, FieldKind.INT, FieldKind.BOOL, FieldKind.ENUM):
        return _identity
    if spec.kind in (FieldKind.LIST, FieldKind.CHILDREN):
        return lambda v: list(v) if v is not None else []
    if spec.kind is FieldKind.UUID:
        return lambda v: None if v is None else str(v)
    return lambda v: from_storage(spec, v)


def _constant(value: JSON) -> Callable[[Any], JSON]:
    return lambda _v: list(value) if isinstance(value, list) else value


_KEPT: Any = object()


@cache
def _readers(entity: str, stripped: bool = False) -> tuple[tuple[str, Callable[[Any], JSON]], ...]:
    """Per wire field of ``entity``, its storage -> wire converter; when ``stripped`` (what
    coordinators pull), the fields ``core.wire.strip_identifiers`` empties read as the value
    it puts there, whatever is stored (its verdict on a template row, so the rule stays in
    one place)."""
    out = [(s.name, _reader(s)) for s in specs(entity)]
    if not stripped:
        return tuple(out)
    emptied = strip_identifiers(entity, {name: _KEPT for name, _ in out})
    return tuple(
        (name, read if emptied[name] is _KEPT else _constant(emptied[name])) for name, read in out
    )


def row_to_wire(entity: str, row: Mapping[Any, Any], *, stripped: bool = False) -> dict[str, JSON]:
    """All wire fields of a database row (``stripped``: without direct identifiers)."""
    if stripped and entity == "sync_conflict":
        stripped = not conflict_values_shown(row["entity"], row["field_name"], row["kind"])
    return {name: read(row[name]) for name, read in _readers(entity, stripped)}


@cache
def wire_columns(entity: str) -> tuple[str, ...]:
    """The wire fields of ``entity``, in the order ``tuple_reader`` reads them."""
    return tuple(name for name, _ in _readers(entity))


@cache
def tuple_reader(entity: str, stripped: bool = False) -> Callable[[Sequence[Any]], list[JSON]]:
    """A converter of SQL tuples (``id, version, deleted`` then ``wire_columns(entity)``)
    to wire lists in the same order: only the fields whose stored form is not their wire
    form are touched (``row_to_wire``'s readers, stripping included)."""
    convert = [
        (3 + i, read)
        for i, (_name, read) in enumerate(_readers(entity, stripped))
        if read is not _identity
    ]

    def read_row(row: Sequence[Any]) -> list[JSON]:
        out = list(row)
        out[0] = str(out[0])
        out[2] = bool(out[2])
        for i, read in convert:
            out[i] = read(out[i])
        return out

    if stripped and entity == "sync_conflict":
        # A conflict item's values stay when they hold no identifiers (row_to_wire).
        columns = wire_columns(entity)
        at = [3 + columns.index(name) for name in ("entity", "field_name", "kind")]
        whole = tuple_reader(entity)

        def read_conflict(row: Sequence[Any]) -> list[JSON]:
            shown = conflict_values_shown(*(row[i] for i in at))
            return whole(row) if shown else read_row(row)

        return read_conflict
    return read_row


def dumps(value: JSON) -> str:
    """Compact JSON text (conflict values, hashes)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def json_bytes(value: JSON) -> bytes:
    """Compact UTF-8 JSON of an answer's body (pull and snapshot pages): what
    ``json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()`` writes, keys
    in their order, written in C (orjson) since every pulled row goes through it."""
    return orjson.dumps(value)


def sql_reader(dialect: str) -> Callable[[sa.ColumnElement[Any]], sa.ColumnElement[Any]]:
    """How a pull or snapshot page selects a column for ``tuple_reader``: on PostgreSQL a
    UUID column as its text (``uuid::text`` is ``str(UUID)``'s canonical form, written by
    the database rather than per row here; the readers' ``str`` leaves text as it is);
    anything else as stored."""
    if dialect != "postgresql":
        return lambda column: column

    def select(column: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
        return sa.cast(column, sa.Text) if isinstance(column.type, sa.Uuid) else column

    return select
