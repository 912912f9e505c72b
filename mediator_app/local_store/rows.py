"""Conversion between table rows and the core's frozen entities."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, TypeVar

from mediator_app.core.entities import Entity
from mediator_app.core.enums import SyncState
from mediator_app.core.wire import FieldKind, FieldSpec, specs, value_from_wire, value_to_wire

E = TypeVar("E", bound=Entity)

# Kinds whose database form is their wire form (JSON lists, enum strings).
_WIRE_STORED = (FieldKind.LIST, FieldKind.CHILDREN, FieldKind.ENUM)


def to_db(spec: FieldSpec, value: Any) -> Any:
    """A field's Python value as stored in its column."""
    if spec.kind in _WIRE_STORED:
        return value_to_wire(spec, value)
    return value


def from_db(spec: FieldSpec, value: Any) -> Any:
    """A column's value as the field's Python value."""
    if spec.kind in _WIRE_STORED:
        return value_from_wire(spec, value)
    if value is None and spec.kind in (FieldKind.STR,) and not spec.nullable:
        return ""
    if value is None and spec.kind is FieldKind.BOOL and not spec.nullable:
        return False
    return value


def identity(value: Any) -> Any:
    """The converter of values stored as they come."""
    return value


def _db_reader(spec: FieldSpec) -> Callable[[Any], Any]:
    """wire -> column value for one field, without the round trip through Python values
    where the column stores the wire form itself (lists, enums, text, numbers)."""
    if spec.kind is FieldKind.BOOL and not spec.nullable:
        # A flag a laptop of an older schema never sent is stored empty on the server.
        return lambda v: bool(v)
    if spec.kind in (FieldKind.STR, FieldKind.INT, FieldKind.BOOL, FieldKind.ENUM):
        return identity
    if spec.kind in (FieldKind.LIST, FieldKind.CHILDREN):
        return lambda v: [] if v is None else list(v)
    return lambda v: value_from_wire(spec, v)


@cache
def wire_readers(entity: str) -> dict[str, Callable[[Any], Any]]:
    """Per field of an entity, the wire -> column converter (pulls apply many rows)."""
    return {s.name: _db_reader(s) for s in specs(entity)}


def wire_to_db(entity: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """Column values from a pulled row's wire fields (unknown fields are ignored)."""
    readers = wire_readers(entity)
    return {k: readers[k](v) for k, v in data.items() if k in readers}


def entity_values(obj: Entity) -> dict[str, Any]:
    """Column values of an entity's wire fields."""
    return {s.name: to_db(s, getattr(obj, s.name)) for s in specs(obj.entity_name)}


def entity_from_row(cls: type[E], row: Mapping[Any, Any]) -> E:
    """A frozen entity from a table row mapping."""
    values = {s.name: from_db(s, row[s.name]) for s in specs(cls.entity_name)}
    return cls(
        id=row["id"],
        version=row["server_version"],
        deleted=bool(row["deleted"]),
        sync_state=SyncState(row["sync_state"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        updated_by=row["updated_by"],
        **values,
    )
