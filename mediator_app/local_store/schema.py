"""Tables of the local store, generated from the domain core's wire fields.

Each synced entity gets one table whose columns are its wire fields (``core.wire.specs``)
plus the client sync columns. Deriving them from one definition keeps the client, the server
and the wire in step; the Alembic migrations are checked against this metadata in tests.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    Time,
    TypeDecorator,
    Uuid,
)

from mediator_app.core.entities import ENTITIES
from mediator_app.core.wire import FieldKind, FieldSpec, specs

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes, stored naive (SQLite has no time zones)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def _column_type(spec: FieldSpec) -> Any:
    return {
        FieldKind.UUID: Uuid(),
        FieldKind.STR: Text(),
        FieldKind.INT: Integer(),
        FieldKind.BOOL: Boolean(),
        FieldKind.DATE: Date(),
        FieldKind.TIME: Time(),
        FieldKind.DATETIME: UTCDateTime(),
        FieldKind.BYTES: LargeBinary(),
        FieldKind.ENUM: String(40),
        FieldKind.LIST: JSON(),
        FieldKind.CHILDREN: JSON(),
    }[spec.kind]


# Children always live in the same scope as their workshop, so these references can be
# enforced locally (deferred, so a pull page may bring a child before its parent).
_WORKSHOP_CHILDREN = {"anonymous_counts", "registration", "attendance"}

# Indexes the list screens and the dashboard need.
_INDEXES: dict[str, list[tuple[str, ...]]] = {
    "workshop": [
        ("date",),
        ("status",),
        ("organizer_structure_id",),
        ("venue_structure_id",),
        ("school_id",),
        ("review_status",),
        ("format",),
    ],
    "anonymous_counts": [("workshop_id",)],
    "registration": [("workshop_id",), ("participant_id",)],
    "attendance": [("workshop_id",), ("participant_id",)],
    "participant": [("last_name",), ("phone",), ("retention_until",)],
    "device": [("serial_number",), ("asset_tag",), ("status",)],
    "connectivity_line": [("device_id",), ("end_date",)],
    "handout": [("guardian_id",), ("returned_at",), ("expected_return",)],
    "sync_conflict": [("row_id",), ("status",)],
    "structure": [("department_code",)],
}


def _entity_table(name: str) -> Table:
    columns: list[Any] = [Column("id", Uuid(), primary_key=True)]
    for spec in specs(name):
        col_type = _column_type(spec)
        nullable = spec.nullable or spec.kind in (FieldKind.LIST, FieldKind.CHILDREN)
        if name in _WORKSHOP_CHILDREN and spec.name == "workshop_id":
            columns.append(
                Column(
                    "workshop_id",
                    col_type,
                    ForeignKey("workshop.id", deferrable=True, initially="DEFERRED"),
                    nullable=False,
                )
            )
        else:
            columns.append(Column(spec.name, col_type, nullable=nullable))
    columns += [
        # Last version acknowledged by the server (0 = never synced).
        Column("server_version", Integer, nullable=False, default=0),
        Column("deleted", Boolean, nullable=False, default=False),
        Column("sync_state", String(16), nullable=False, default="local"),
        Column("created_at", UTCDateTime(), nullable=True),
        Column("updated_at", UTCDateTime(), nullable=True),
        Column("updated_by", String(80), nullable=False, default=""),
        Column("origin_device", String(40), nullable=False, default=""),
    ]
    table = Table(name, metadata, *columns)
    for cols in _INDEXES.get(name, []):
        Index(None, *(table.c[c] for c in cols))
    return table


#: One table per synced entity, by wire name.
entity_tables: dict[str, Table] = {name: _entity_table(name) for name in ENTITIES}

#: The transactional outbox: every local change, in the order it was made.
outbox = Table(
    "outbox",
    metadata,
    Column("client_seq", Integer, primary_key=True, autoincrement=True),
    Column("op_id", Uuid(), nullable=False, unique=True),
    Column("entity", String(40), nullable=False),
    Column("row_id", Uuid(), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("base_version", Integer, nullable=False),
    Column("base", JSON(), nullable=False),
    Column("changes", JSON(), nullable=False),
    # pending -> inflight -> acked | parked ; parked -> archived (a retry re-queues a copy)
    Column("state", String(10), nullable=False, default="pending"),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text(), nullable=True),
    Column("result", JSON(), nullable=True),
    Column("schema_version", Integer, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("acked_at", UTCDateTime(), nullable=True),
    Index("ix_outbox_state_seq", "state", "client_seq"),
    Index("ix_outbox_row", "row_id"),
    sqlite_autoincrement=True,
)

#: Key/value state of the sync (client id, cursor, epoch, last sync, …).
sync_state = Table(
    "sync_state",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text(), nullable=False),
)

#: Items needing a person: conflicts pulled from the server and parked (rejected) ops.
attention_item = Table(
    "attention_item",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column("kind", String(20), nullable=False),  # conflict | parked
    Column("entity", String(40), nullable=False),
    Column("row_id", Uuid(), nullable=False),
    Column("field_name", String(64), nullable=False, default=""),
    Column("message_key", String(64), nullable=False, default=""),
    Column("mine", JSON(), nullable=True),
    Column("theirs", JSON(), nullable=True),
    Column("client_seq", Integer, nullable=True),
    Column("conflict_id", Uuid(), nullable=True),
    Column("status", String(12), nullable=False, default="open"),  # open|resolved|archived
    Column("resolution", String(20), nullable=False, default=""),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("resolved_at", UTCDateTime(), nullable=True),
    Index("ix_attention_item_status", "status"),
)

#: Append-only journal of sensitive actions; ids and counts only, never personal data.
audit_event = Table(
    "audit_event",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime(), nullable=False),
    Column("actor", String(80), nullable=False),
    Column("action", String(40), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("row_id", Uuid(), nullable=True),
    Column("detail", Text(), nullable=False, default=""),
)
