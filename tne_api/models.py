"""Database tables of the server.

One table per synced entity is generated from ``core.wire.specs()`` (so the server, the
client and the wire agree on the fields), plus the server sync columns of DESIGN.md §4 and
the server-only tables (users, devices, tokens, the exactly-once ledger, the counter, …).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

from mediator_app.core.entities import ENTITIES
from mediator_app.core.wire import FieldKind, FieldSpec, specs

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class IsoDateTime(sa.types.TypeDecorator[datetime]):
    """A datetime kept as its ISO 8601 text.

    SQLite's ``DateTime`` drops the UTC offset and PostgreSQL's converts it; keeping the text
    makes a pushed value come back byte-identical in pulls and keeps comparisons exact.
    """

    impl = sa.String(40)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.isoformat()
        return datetime.fromisoformat(str(value)).isoformat()

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


_BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_TS = sa.DateTime(timezone=True)

_KIND_TYPES: dict[FieldKind, Any] = {
    FieldKind.UUID: sa.Uuid(),
    FieldKind.STR: sa.Text(),
    FieldKind.INT: sa.Integer(),
    FieldKind.BOOL: sa.Boolean(),
    FieldKind.DATE: sa.Date(),
    FieldKind.TIME: sa.Time(),
    FieldKind.DATETIME: IsoDateTime(),
    FieldKind.BYTES: sa.LargeBinary(),
    FieldKind.ENUM: sa.String(64),
    FieldKind.LIST: sa.JSON(),
    FieldKind.CHILDREN: sa.JSON(),
}

#: Server sync columns added to every synced table (never sent as wire fields).
SYNC_COLUMNS = (
    "version",
    "field_versions",
    "seq",
    "tx_seq",
    "deleted",
    "deleted_at",
    "scope_department",
    "scope_structure",
    "updated_by_user",
    "updated_by_client",
    "server_updated_at",
)


def _domain_column(spec: FieldSpec) -> sa.Column[Any]:
    # Domain columns are nullable on purpose: rules live in core.validation, and synced schema
    # changes must stay additive (an old client never sends a newer column).
    return sa.Column(spec.name, _KIND_TYPES[spec.kind], nullable=True)


#: Columns the push rules look rows up by (a workshop's registrations, attendance and
#: anonymous counts for the capacity and "held" checks).
LOOKUP_INDEXES: dict[str, tuple[str, ...]] = {
    "registration": ("workshop_id",),
    "attendance": ("workshop_id",),
    "anonymous_counts": ("workshop_id",),
}


def _synced_table(entity: str) -> sa.Table:
    return sa.Table(
        entity,
        metadata,
        sa.Column("id", sa.Uuid(), primary_key=True),
        *(_domain_column(s) for s in specs(entity)),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("field_versions", sa.JSON(), nullable=False),
        sa.Column("seq", _BigInt, nullable=False, unique=True),
        sa.Column("tx_seq", _BigInt, nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("deleted_at", _TS, nullable=True),
        sa.Column("scope_department", sa.String(8), nullable=False),
        sa.Column("scope_structure", sa.Uuid(), nullable=True),
        sa.Column("updated_by_user", sa.Uuid(), nullable=True),
        sa.Column("updated_by_client", sa.Uuid(), nullable=True),
        sa.Column("server_updated_at", _TS, nullable=False),
        sa.Index(f"ix_{entity}_scope_department_seq", "scope_department", "seq"),
        sa.Index(f"ix_{entity}_scope_structure_seq", "scope_structure", "seq"),
        # Snapshot pages: a scope's rows after an id, in id order (migration 0012).
        sa.Index(f"ix_{entity}_scope_department_id", "scope_department", "id"),
        sa.Index(f"ix_{entity}_scope_structure_id", "scope_structure", "id"),
        *(sa.Index(f"ix_{entity}_{col}", col) for col in LOOKUP_INDEXES.get(entity, ())),
    )


#: The synced tables, by entity wire name.
SYNCED: dict[str, sa.Table] = {name: _synced_table(name) for name in ENTITIES}

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Uuid(), primary_key=True),
    sa.Column("email", sa.String(320), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("role", sa.String(32), nullable=False),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("structure_id", sa.Uuid(), nullable=True),
    sa.Column("department_code", sa.String(8), nullable=False),
    sa.Column("actor_id", sa.Uuid(), nullable=False, unique=True),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.Column("created_at", _TS, nullable=False),
)

sync_client = sa.Table(
    "sync_client",
    metadata,
    sa.Column("client_id", sa.Uuid(), primary_key=True),
    sa.Column("user_id", sa.Uuid(), sa.ForeignKey("users.id"), nullable=False),
    sa.Column("device_id", sa.String(200), nullable=False),
    sa.Column("device_name", sa.String(200), nullable=False),
    sa.Column("app_version", sa.String(64), nullable=False),
    sa.Column("schema_version", sa.Integer(), nullable=False),
    sa.Column("last_client_seq", _BigInt, nullable=False),
    sa.Column("revoked", sa.Boolean(), nullable=False),
    sa.Column("created_at", _TS, nullable=False),
    sa.Column("last_seen_at", _TS, nullable=True),
    # Sync health (revision 0002): what the client reported at its last push or pull.
    # NULL until a client sends a report (old clients never do).
    sa.Column("last_sync_at", _TS, nullable=True),
    sa.Column("pending", sa.Integer(), nullable=True),
    sa.Column("parked", sa.Integer(), nullable=True),
    sa.UniqueConstraint("user_id", "device_id"),
)

refresh_token = sa.Table(
    "refresh_token",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.Uuid(), sa.ForeignKey("users.id"), nullable=False, index=True),
    sa.Column("device_id", sa.String(200), nullable=True),
    sa.Column("client_id", sa.Uuid(), nullable=True, index=True),
    sa.Column("expires_at", _TS, nullable=False),
    sa.Column("revoked", sa.Boolean(), nullable=False),
    sa.Column("created_at", _TS, nullable=False),
    # Rotation (revision 0005): each refresh replaces the token by a new one of the same
    # family (the hash of the family's first token); ``rotated_at`` marks a replaced token,
    # so presenting it again is a reuse, which revokes the whole family.
    sa.Column("family_id", sa.String(64), nullable=False, index=True),
    sa.Column("rotated_at", _TS, nullable=True),
)

access_token = sa.Table(
    "access_token",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.Uuid(), sa.ForeignKey("users.id"), nullable=False, index=True),
    sa.Column("refresh_hash", sa.String(64), nullable=True, index=True),
    sa.Column("client_id", sa.Uuid(), nullable=True),
    # The device the token was issued for (revision 0005): it works for that device only.
    sa.Column("device_id", sa.String(200), nullable=True),
    sa.Column("expires_at", _TS, nullable=False),
    sa.Column("revoked", sa.Boolean(), nullable=False),
    sa.Column("created_at", _TS, nullable=False),
)

sync_counter = sa.Table(
    "sync_counter",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
    sa.Column("seq", _BigInt, nullable=False),
)

#: Where PostgreSQL seqs start (revision 0008, ``tne_api.sequencing.XactSequencer``): seqs
#: are derived from transaction ids counted from ``xid_base``, above ``seq_base``. One row on
#: PostgreSQL, none on SQLite (which keeps the counter).
sync_origin = sa.Table(
    "sync_origin",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
    sa.Column("seq_base", _BigInt, nullable=False),
    sa.Column("xid_base", _BigInt, nullable=False),
)

server_meta = sa.Table(
    "server_meta",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
    sa.Column("epoch", sa.String(64), nullable=False),
    sa.Column("created_at", _TS, nullable=False),
)

applied_op = sa.Table(
    "applied_op",
    metadata,
    sa.Column("op_id", sa.Uuid(), primary_key=True),
    sa.Column("client_id", sa.Uuid(), nullable=False),
    sa.Column("client_seq", _BigInt, nullable=False),
    sa.Column("request_hash", sa.String(64), nullable=False),
    sa.Column("result", sa.JSON(), nullable=False),
    sa.Column("seq", _BigInt, nullable=True),
    sa.Column("applied_at", _TS, nullable=False),
    sa.UniqueConstraint("client_id", "client_seq"),
)

open_handout_device = sa.Table(
    "open_handout_device",
    metadata,
    sa.Column("device_id", sa.Uuid(), primary_key=True),
    sa.Column("handout_id", sa.Uuid(), nullable=False, index=True),
)

audit_event = sa.Table(
    "audit_event",
    metadata,
    sa.Column("id", _BigInt, primary_key=True, autoincrement=True),
    sa.Column("at", _TS, nullable=False),
    sa.Column("user_id", sa.Uuid(), nullable=True),
    sa.Column("client_id", sa.Uuid(), nullable=True),
    sa.Column("action", sa.String(64), nullable=False),
    sa.Column("entity", sa.String(64), nullable=True),
    sa.Column("row_id", sa.Uuid(), nullable=True),
    sa.Column("detail", sa.String(200), nullable=False),
)

login_attempt = sa.Table(
    "login_attempt",
    metadata,
    sa.Column("id", _BigInt, primary_key=True, autoincrement=True),
    sa.Column("at", _TS, nullable=False, index=True),
    sa.Column("account_hash", sa.String(64), nullable=False, index=True),
    sa.Column("address", sa.String(64), nullable=False, index=True),
    sa.Column("success", sa.Boolean(), nullable=False),
)
