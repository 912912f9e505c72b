"""Typed messages of the sync protocol (docs/protocol.md), shared by the client and ``tne_api``.

Each message is a frozen dataclass with ``to_json()`` (the JSON body, as sent) and a strict
``from_json()`` that raises ``MessageError`` on a body that does not have the message's shape:
a missing key, a value of the wrong type, an unknown status. Keys a message does not know are
ignored, so a newer peer may add fields. Plain Python only: no pydantic on the client's
import path (the server's pydantic models in ``tne_api/schemas.py`` are built from these).

Entity values inside ops and changes stay JSON objects (``core.wire`` converts them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any, TypeVar
from uuid import UUID

from mediator_app.core.wire import JSON, Op, OpKind, OpStatus

#: Version of the sync protocol (the shape of these messages and the rules around them).
#: 1: untyped bodies, a cursor the client decoded; 2: typed messages, an opaque cursor (the
#: digest says which cursor it holds at), and the version sent in ``PROTOCOL_HEADER``;
#: 3: the snapshot bootstrap (``GET /sync/v1/snapshot``), otherwise protocol 2 plus it.
PROTOCOL_VERSION = 3
#: First protocol whose servers serve ``GET /sync/v1/snapshot``: a client asks for a
#: snapshot only when ``/health`` says the server speaks it, and pulls otherwise.
SNAPSHOT_PROTOCOL = 3
#: Oldest protocol the server accepts; an older client (or one without the header) gets 426.
MIN_PROTOCOL_VERSION = 2
#: Request header that carries the client's protocol version on every call.
PROTOCOL_HEADER = "X-TNE-Protocol"

_S = TypeVar("_S", bound=StrEnum)


class MessageError(ValueError):
    """A body that does not have the shape of its message.

    Args:
        where: Path of the bad value (``PullPage.changes[3].version``).
        problem: What is wrong with it.
    """

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


# --- strict readers ----------------------------------------------------------------------


def _obj(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise MessageError(where, f"an object was expected, not {_kind(value)}")
    return value


def _key(obj: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in obj:
        raise MessageError(f"{where}.{key}", "missing")
    return obj[key]


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise MessageError(where, f"an integer was expected, not {_kind(value)}")
    return value


def _count(value: Any, where: str) -> int:
    n = _int(value, where)
    if n < 0:
        raise MessageError(where, "a count cannot be negative")
    return n


def _opt_int(value: Any, where: str) -> int | None:
    return None if value is None else _int(value, where)


def _str(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise MessageError(where, f"a string was expected, not {_kind(value)}")
    return value


def _opt_str(value: Any, where: str) -> str | None:
    return None if value is None else _str(value, where)


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise MessageError(where, f"a boolean was expected, not {_kind(value)}")
    return value


def _uuid(value: Any, where: str) -> UUID:
    if isinstance(value, UUID):
        return value
    try:
        return UUID(_str(value, where))
    except ValueError:
        raise MessageError(where, "not a UUID") from None


def _enum(cls: type[_S], value: Any, where: str) -> _S:
    try:
        return cls(_str(value, where))
    except ValueError:
        raise MessageError(where, f"unknown value {value!r}") from None


def _list(value: Any, where: str) -> Sequence[Any]:
    if not isinstance(value, list | tuple):
        raise MessageError(where, f"a list was expected, not {_kind(value)}")
    return value


def _json_obj(value: Any, where: str) -> dict[str, JSON]:
    return {str(k): v for k, v in _obj(value, where).items()}


def _str_map(value: Any, where: str) -> dict[str, str]:
    return {str(k): _str(v, f"{where}.{k}") for k, v in _obj(value, where).items()}


# --- push --------------------------------------------------------------------------------


def op_from_json(value: Any, where: str = "Op") -> Op:
    """An ``Op`` from its JSON (``Op.to_json()``), strictly.

    Raises:
        MessageError: the object is not an op.
    """
    o = _obj(value, where)
    client_seq = _count(_key(o, "client_seq", where), f"{where}.client_seq")
    base_version = _count(_key(o, "base_version", where), f"{where}.base_version")
    return Op(
        op_id=_uuid(_key(o, "op_id", where), f"{where}.op_id"),
        client_seq=client_seq,
        entity=_str(_key(o, "entity", where), f"{where}.entity"),
        row_id=_uuid(_key(o, "row_id", where), f"{where}.row_id"),
        kind=_enum(OpKind, _key(o, "kind", where), f"{where}.kind"),
        base_version=base_version,
        base=_json_obj(o.get("base", {}), f"{where}.base"),
        set=_json_obj(o.get("set", {}), f"{where}.set"),
        client_time=_str(o.get("client_time", ""), f"{where}.client_time"),
    )


@dataclass(frozen=True)
class ClientReport:
    """What a client says of itself at a push (sync health): counts, never data."""

    pending: int | None = None
    parked: int | None = None
    app_version: str | None = None

    def to_json(self) -> dict[str, JSON]:
        return {"pending": self.pending, "parked": self.parked, "app_version": self.app_version}

    @classmethod
    def from_json(cls, value: Any, where: str = "ClientReport") -> ClientReport:
        o = _obj(value, where)
        pending = o.get("pending")
        parked = o.get("parked")
        return cls(
            pending=None if pending is None else _count(pending, f"{where}.pending"),
            parked=None if parked is None else _count(parked, f"{where}.parked"),
            app_version=_opt_str(o.get("app_version"), f"{where}.app_version"),
        )


@dataclass(frozen=True)
class PushRequest:
    """``POST /sync/v1/push``: a batch of ops of one registered client."""

    client_id: UUID
    batch_id: str
    app_version: str
    schema_version: int
    ops: tuple[Op, ...]
    client_report: ClientReport | None = None

    def to_json(self) -> dict[str, JSON]:
        out: dict[str, JSON] = {
            "client_id": str(self.client_id),
            "batch_id": self.batch_id,
            "app_version": self.app_version,
            "schema_version": self.schema_version,
            "ops": [op.to_json() for op in self.ops],
        }
        if self.client_report is not None:
            out["client_report"] = self.client_report.to_json()
        return out

    @classmethod
    def from_json(cls, value: Any, where: str = "PushRequest") -> PushRequest:
        o = _obj(value, where)
        report = o.get("client_report")
        ops = _list(_key(o, "ops", where), f"{where}.ops")
        return cls(
            client_id=_uuid(_key(o, "client_id", where), f"{where}.client_id"),
            batch_id=_str(o.get("batch_id", ""), f"{where}.batch_id"),
            app_version=_str(_key(o, "app_version", where), f"{where}.app_version"),
            schema_version=_int(_key(o, "schema_version", where), f"{where}.schema_version"),
            ops=tuple(op_from_json(op, f"{where}.ops[{i}]") for i, op in enumerate(ops)),
            client_report=None
            if report is None
            else ClientReport.from_json(report, f"{where}.client_report"),
        )


@dataclass(frozen=True)
class ConflictRef:
    """A conflict item the server recorded for an op (its id, the field, how it went)."""

    conflict_id: UUID
    field: str
    resolution: str

    def to_json(self) -> dict[str, JSON]:
        return {
            "conflict_id": str(self.conflict_id),
            "field": self.field,
            "resolution": self.resolution,
        }

    @classmethod
    def from_json(cls, value: Any, where: str = "ConflictRef") -> ConflictRef:
        o = _obj(value, where)
        return cls(
            conflict_id=_uuid(_key(o, "conflict_id", where), f"{where}.conflict_id"),
            field=_str(_key(o, "field", where), f"{where}.field"),
            resolution=_str(_key(o, "resolution", where), f"{where}.resolution"),
        )


@dataclass(frozen=True)
class OpOutcome:
    """The server's answer for one op of a push (``results[]``)."""

    op_id: UUID
    status: OpStatus
    row_id: UUID
    version: int = 0
    seq: int | None = None
    message_key: str | None = None
    conflicts: tuple[ConflictRef, ...] = ()
    errors: dict[str, str] | None = None
    #: For a ``duplicate``: the status the op got the first time.
    replayed_status: OpStatus | None = None

    @property
    def decided(self) -> OpStatus:
        """What was decided for the op: for a replay, the first status (a replayed
        rejection must still be parked)."""
        if self.status is OpStatus.DUPLICATE and self.replayed_status is not None:
            return self.replayed_status
        return self.status

    def to_json(self) -> dict[str, JSON]:
        out: dict[str, JSON] = {
            "op_id": str(self.op_id),
            "status": self.status.value,
            "row_id": str(self.row_id),
            "version": self.version,
            "seq": self.seq,
            "message_key": self.message_key,
            "conflicts": [c.to_json() for c in self.conflicts],
        }
        if self.errors:
            out["errors"] = dict(self.errors)
        if self.replayed_status is not None:
            out["replayed_status"] = self.replayed_status.value
        return out

    @classmethod
    def from_json(cls, value: Any, where: str = "OpOutcome") -> OpOutcome:
        o = _obj(value, where)
        errors = o.get("errors")
        replayed = o.get("replayed_status")
        conflicts = _list(o.get("conflicts", []), f"{where}.conflicts")
        return cls(
            op_id=_uuid(_key(o, "op_id", where), f"{where}.op_id"),
            status=_enum(OpStatus, _key(o, "status", where), f"{where}.status"),
            row_id=_uuid(_key(o, "row_id", where), f"{where}.row_id"),
            version=_count(_key(o, "version", where), f"{where}.version"),
            seq=_opt_int(o.get("seq"), f"{where}.seq"),
            message_key=_opt_str(o.get("message_key"), f"{where}.message_key"),
            conflicts=tuple(
                ConflictRef.from_json(c, f"{where}.conflicts[{i}]") for i, c in enumerate(conflicts)
            ),
            errors=None if errors is None else _str_map(errors, f"{where}.errors"),
            replayed_status=None
            if replayed is None
            else _enum(OpStatus, replayed, f"{where}.replayed_status"),
        )


@dataclass(frozen=True)
class PushResponse:
    """The answer to a push: one outcome per op the server handled."""

    server_time: str
    last_client_seq: int
    results: tuple[OpOutcome, ...]

    def to_json(self) -> dict[str, JSON]:
        return {
            "server_time": self.server_time,
            "last_client_seq": self.last_client_seq,
            "results": [r.to_json() for r in self.results],
        }

    @classmethod
    def from_json(cls, value: Any, where: str = "PushResponse") -> PushResponse:
        o = _obj(value, where)
        results = _list(_key(o, "results", where), f"{where}.results")
        return cls(
            server_time=_str(_key(o, "server_time", where), f"{where}.server_time"),
            last_client_seq=_count(_key(o, "last_client_seq", where), f"{where}.last_client_seq"),
            results=tuple(
                OpOutcome.from_json(r, f"{where}.results[{i}]") for i, r in enumerate(results)
            ),
        )

    def by_op(self) -> dict[UUID, OpOutcome]:
        return {r.op_id: r for r in self.results}


# --- pull --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One row of a pull page: its latest state (``data`` holds every wire field)."""

    seq: int
    tx_seq: int
    entity: str
    id: UUID
    version: int
    deleted: bool
    data: dict[str, JSON] = field(default_factory=dict)

    def to_json(self) -> dict[str, JSON]:
        return {
            "seq": self.seq,
            "tx_seq": self.tx_seq,
            "entity": self.entity,
            "id": str(self.id),
            "version": self.version,
            "deleted": self.deleted,
            "data": self.data,
        }

    @classmethod
    def from_json(cls, value: Any, where: str = "Change") -> Change:
        o = _obj(value, where)
        return cls(
            seq=_count(_key(o, "seq", where), f"{where}.seq"),
            tx_seq=_count(_key(o, "tx_seq", where), f"{where}.tx_seq"),
            entity=_str(_key(o, "entity", where), f"{where}.entity"),
            id=_uuid(_key(o, "id", where), f"{where}.id"),
            version=_count(_key(o, "version", where), f"{where}.version"),
            deleted=_bool(_key(o, "deleted", where), f"{where}.deleted"),
            data=_json_obj(_key(o, "data", where), f"{where}.data"),
        )


@dataclass(frozen=True)
class PullPage:
    """``GET /sync/v1/pull``: the changes after a cursor.

    ``next_cursor`` is opaque: the client stores it and sends it back, and never reads it.
    """

    changes: tuple[Change, ...]
    next_cursor: str
    has_more: bool
    server_time: str
    epoch: str

    def to_json(self) -> dict[str, JSON]:
        return {
            "changes": [c.to_json() for c in self.changes],
            "next_cursor": self.next_cursor,
            "has_more": self.has_more,
            "server_time": self.server_time,
            "epoch": self.epoch,
        }

    @classmethod
    def from_json(cls, value: Any, where: str = "PullPage") -> PullPage:
        o = _obj(value, where)
        changes = _list(_key(o, "changes", where), f"{where}.changes")
        cursor = _str(_key(o, "next_cursor", where), f"{where}.next_cursor")
        if not cursor:
            raise MessageError(f"{where}.next_cursor", "empty")
        return cls(
            changes=tuple(
                Change.from_json(c, f"{where}.changes[{i}]") for i, c in enumerate(changes)
            ),
            next_cursor=cursor,
            has_more=_bool(_key(o, "has_more", where), f"{where}.has_more"),
            server_time=_str(_key(o, "server_time", where), f"{where}.server_time"),
            epoch=_str(_key(o, "epoch", where), f"{where}.epoch"),
        )


# --- snapshot ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SnapshotPage:
    """``GET /sync/v1/snapshot``: one page of one entity's rows as of the snapshot.

    On the wire each row is a list: ``id``, ``version``, ``deleted``, then the values of
    ``columns`` in that order. ``rows`` holds those lists as received (checked: width,
    version, deleted) and ``ids`` each row's id, read; ``changes`` (or ``change(i)`` for one
    row) reads them as pull ``Change``s (``seq`` and ``tx_seq`` 0: a snapshot row is a
    state, not a change), built only when asked: a bootstrap inserts most rows straight
    from ``rows``. ``snapshot`` is opaque: sent back with the next pages, then stored as the
    pull cursor once every entity is applied. ``next_after`` is the id to continue after
    (``None`` on the entity's last page). ``entities``, on the first page only (``None``
    from a server that does not say): the entities with at least one row in the snapshot;
    the others need no page.
    """

    entity: str
    columns: tuple[str, ...]
    ids: tuple[UUID, ...]
    rows: tuple[list[Any], ...]
    snapshot: str
    next_after: str | None
    has_more: bool
    epoch: str
    entities: tuple[str, ...] | None = None

    def change(self, i: int) -> Change:
        """Row ``i`` as a pull ``Change``."""
        row = self.rows[i]
        data = dict(zip(self.columns, row[3:], strict=True))  # the width is checked
        return Change(0, 0, self.entity, self.ids[i], row[1], row[2], data)

    @cached_property
    def changes(self) -> tuple[Change, ...]:
        return tuple(self.change(i) for i in range(len(self.rows)))

    def to_json(self) -> dict[str, JSON]:
        out: dict[str, JSON] = {
            "entity": self.entity,
            "columns": list(self.columns),
            "rows": [[str(i), *row[1:]] for i, row in zip(self.ids, self.rows, strict=True)],
            "snapshot": self.snapshot,
            "next_after": self.next_after,
            "has_more": self.has_more,
            "epoch": self.epoch,
        }
        if self.entities is not None:
            out["entities"] = list(self.entities)
        return out

    @classmethod
    def from_json(cls, value: Any, where: str = "SnapshotPage") -> SnapshotPage:
        o = _obj(value, where)
        entity = _str(_key(o, "entity", where), f"{where}.entity")
        columns = tuple(
            _str(c, f"{where}.columns[{i}]")
            for i, c in enumerate(_list(_key(o, "columns", where), f"{where}.columns"))
        )
        if len(set(columns)) != len(columns):
            raise MessageError(f"{where}.columns", "a column named twice")
        width = 3 + len(columns)
        given = _list(_key(o, "rows", where), f"{where}.rows")
        ids: list[UUID] = []
        rows: list[list[Any]] = []
        for i, row in enumerate(given):
            # The usual row checked inline (pages hold thousands); any other form is read,
            # or refused, by the field readers with where it is.
            if (
                type(row) is list
                and len(row) == width
                and type(row[0]) is str
                and type(row[1]) is int
                and row[1] >= 0
                and type(row[2]) is bool
            ):
                try:
                    ids.append(UUID(row[0]))
                except ValueError:
                    pass
                else:
                    rows.append(row)
                    continue
            w = f"{where}.rows[{i}]"
            if not isinstance(row, list) or len(row) != width:
                raise MessageError(w, f"a list of {width} values was expected")
            ids.append(_uuid(row[0], f"{w}[0]"))
            rows.append([row[0], _count(row[1], f"{w}[1]"), _bool(row[2], f"{w}[2]"), *row[3:]])
        snapshot = _str(_key(o, "snapshot", where), f"{where}.snapshot")
        if not snapshot:
            raise MessageError(f"{where}.snapshot", "empty")
        has_more = _bool(_key(o, "has_more", where), f"{where}.has_more")
        next_after = _opt_str(_key(o, "next_after", where), f"{where}.next_after")
        if has_more and not next_after:
            raise MessageError(f"{where}.next_after", "missing while has_more")
        return cls(
            entity=entity,
            columns=columns,
            ids=tuple(ids),
            rows=tuple(rows),
            snapshot=snapshot,
            next_after=next_after,
            has_more=has_more,
            epoch=_str(_key(o, "epoch", where), f"{where}.epoch"),
            entities=_snapshot_entities(o.get("entities"), f"{where}.entities"),
        )


#: Bounds of a snapshot's list of entities: far more than the synced entities.
SNAPSHOT_ENTITIES_MAX = 256
ENTITY_NAME_MAX = 64


def _snapshot_entities(value: Any, where: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    names = _list(value, where)
    if len(names) > SNAPSHOT_ENTITIES_MAX:
        raise MessageError(where, f"more than {SNAPSHOT_ENTITIES_MAX} entities")
    out = tuple(_str(n, f"{where}[{i}]") for i, n in enumerate(names))
    if any(len(n) > ENTITY_NAME_MAX for n in out):
        raise MessageError(where, f"an entity name longer than {ENTITY_NAME_MAX} characters")
    return out


# --- digest ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntityDigest:
    """Count (tombstones included), live count and order-independent hash of one entity."""

    count: int = 0
    live_count: int = 0
    hash: str = "0"

    def to_json(self) -> dict[str, JSON]:
        return {"count": self.count, "live_count": self.live_count, "hash": self.hash}

    @classmethod
    def from_json(cls, value: Any, where: str = "EntityDigest") -> EntityDigest:
        o = _obj(value, where)
        digest = _str(_key(o, "hash", where), f"{where}.hash")
        if not digest.isdigit():
            raise MessageError(f"{where}.hash", "a decimal number was expected")
        return cls(
            count=_count(_key(o, "count", where), f"{where}.count"),
            live_count=_count(_key(o, "live_count", where), f"{where}.live_count"),
            hash=digest,
        )


@dataclass(frozen=True)
class DigestAnswer:
    """``GET /sync/v1/digest`` over the caller's scope.

    ``cursor`` is the cursor a client holds once it has pulled everything this digest
    covers: a client compares digests only when its own cursor is that same string (the
    cursor stays opaque). ``seq`` is the highest seq in scope, for people reading logs.
    """

    seq: int
    cursor: str
    entities: dict[str, EntityDigest]

    def entity(self, name: str) -> EntityDigest:
        """The digest of one entity (an empty one when the server sent none)."""
        return self.entities.get(name, EntityDigest())

    def to_json(self) -> dict[str, JSON]:
        return {
            "seq": self.seq,
            "cursor": self.cursor,
            "entities": {k: v.to_json() for k, v in self.entities.items()},
        }

    @classmethod
    def from_json(cls, value: Any, where: str = "DigestAnswer") -> DigestAnswer:
        o = _obj(value, where)
        entities = _obj(_key(o, "entities", where), f"{where}.entities")
        return cls(
            seq=_count(_key(o, "seq", where), f"{where}.seq"),
            cursor=_str(_key(o, "cursor", where), f"{where}.cursor"),
            entities={
                str(k): EntityDigest.from_json(v, f"{where}.entities.{k}")
                for k, v in entities.items()
            },
        )


# --- devices -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DeviceRegistration:
    """The answer to ``POST /sync/v1/devices``: this laptop's client id on the server."""

    client_id: UUID
    server_epoch: str
    server_time: str
    min_schema_version: int

    def to_json(self) -> dict[str, JSON]:
        return {
            "client_id": str(self.client_id),
            "server_epoch": self.server_epoch,
            "server_time": self.server_time,
            "min_schema_version": self.min_schema_version,
        }

    @classmethod
    def from_json(cls, value: Any, where: str = "DeviceRegistration") -> DeviceRegistration:
        o = _obj(value, where)
        return cls(
            client_id=_uuid(_key(o, "client_id", where), f"{where}.client_id"),
            server_epoch=_str(_key(o, "server_epoch", where), f"{where}.server_epoch"),
            server_time=_str(_key(o, "server_time", where), f"{where}.server_time"),
            min_schema_version=_int(
                _key(o, "min_schema_version", where), f"{where}.min_schema_version"
            ),
        )
