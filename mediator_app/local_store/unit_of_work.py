"""One unit of work per user action, with the change and its outbox op in one transaction.

Services open ``Store.write()``; every ``insert``/``update``/``delete`` made through the
``Tx`` writes the row *and* appends its outbox op (changed fields + base values) inside the
same SQLite transaction, so a crash leaves both or neither.
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar
from uuid import UUID

from sqlalchemy import Connection, Engine, bindparam, func, insert, select, update
from sqlalchemy.exc import OperationalError

from mediator_app.core import limits, texts
from mediator_app.core.entities import Entity
from mediator_app.core.enums import SyncState
from mediator_app.core.errors import (
    NotFoundError,
    ReadOnlyStoreError,
    StorageError,
    ValidationError,
)
from mediator_app.core.labels import field_label
from mediator_app.core.wire import (
    IDENTIFYING_FIELDS,
    SCHEMA_VERSION,
    OpKind,
    fields_from_wire,
    fields_to_wire,
    spec_map,
    strip_identifiers,
    to_wire,
)
from mediator_app.local_store import crashpoints
from mediator_app.local_store.db import IntegrityGate
from mediator_app.local_store.rows import entity_from_row, entity_values, to_db
from mediator_app.local_store.schema import attention_item, audit_event, entity_tables, outbox
from mediator_app.logsafe import log_unexpected

log = logging.getLogger(__name__)

E = TypeVar("E", bound=Entity)
T = TypeVar("T")


#: What an op beyond a bound of ``core.limits`` is parked with (its French message:
#: ``core.wire.message``).
OUT_OF_BOUNDS = "out_of_bounds"


def out_of_bounds(entity: str, changes: dict[str, Any], base: dict[str, Any]) -> str | None:
    """What of an op passes a bound of ``core.limits`` (the messages, joined), or ``None``
    when the server can take it."""
    errors = limits.check_op(entity, changes, base)
    return " ; ".join(sorted(set(errors.values()))) if errors else None


def park_op(
    conn: Connection,
    op: dict[str, Any],
    key: str,
    detail: str = "",
    res: dict[str, Any] | None = None,
) -> None:
    """Set an outbox op aside unsent (``parked``) with an « À traiter » item saying why in
    French, and mark its row: the ops behind it go on without it."""
    conn.execute(
        update(outbox)
        .where(outbox.c.client_seq == op["client_seq"])
        .values(state="parked", result=res, last_error=key + (f": {detail}" if detail else ""))
    )
    conn.execute(
        insert(attention_item).values(
            id=uuid.uuid4(),
            kind="parked",
            entity=op["entity"],
            row_id=op["row_id"],
            field_name="",
            message_key=key,
            mine=op["changes"],
            theirs=None,
            client_seq=op["client_seq"],
            status="open",
            resolution="",
            created_at=datetime.now(UTC),
        )
    )
    table = entity_tables.get(op["entity"])
    if table is not None:
        conn.execute(update(table).where(table.c.id == op["row_id"]).values(sync_state="conflict"))


@dataclass(frozen=True)
class Result(Generic[T]):
    """What a service returns: the frozen value and the entities it changed."""

    value: T
    changes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Identity:
    """Who writes on this laptop."""

    device_id: str
    actor_name: str = ""
    actor_id: UUID | None = None
    structure_id: UUID | None = None
    department_code: str = ""
    role: str = ""

    @property
    def is_coordinator(self) -> bool:
        """Coordinators, and the national team who sees every département the same way."""
        return self.role in ("coordinator", "admin")


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Tx:
    """A write transaction that captures every change into the outbox."""

    conn: Connection
    identity: Identity
    clock: Callable[[], datetime] = utcnow
    changes: set[str] = field(default_factory=set)
    #: Ops this transaction queued and parked at once (beyond a bound of ``core.limits``).
    parked: int = 0

    # --- reads --------------------------------------------------------------------

    def get(self, cls: type[E], row_id: UUID, *, include_deleted: bool = False) -> E | None:
        table = entity_tables[cls.entity_name]
        row = self.conn.execute(select(table).where(table.c.id == row_id)).mappings().first()
        if row is None or (row["deleted"] and not include_deleted):
            return None
        return entity_from_row(cls, row)

    def require(self, cls: type[E], row_id: UUID) -> E:
        """Like ``get`` but raises ``NotFoundError`` with a French message."""
        found = self.get(cls, row_id)
        if found is None:
            raise NotFoundError(
                texts.text("Cette fiche n’existe plus (elle a peut-être été supprimée).")
            )
        return found

    def get_many(
        self, cls: type[E], ids: Sequence[UUID], *, include_deleted: bool = False
    ) -> dict[UUID, E]:
        """Several rows by id in one query per 500 ids (bulk actions)."""
        table = entity_tables[cls.entity_name]
        out: dict[UUID, E] = {}
        unique = list(dict.fromkeys(ids))
        for i in range(0, len(unique), 500):
            for row in self.conn.execute(
                select(table).where(table.c.id.in_(unique[i : i + 500]))
            ).mappings():
                if include_deleted or not row["deleted"]:
                    out[row["id"]] = entity_from_row(cls, row)
        return out

    # --- writes -------------------------------------------------------------------

    def _stamped(self, obj: E, now: datetime) -> E:
        return dataclasses.replace(
            obj,
            version=0,
            deleted=False,
            sync_state=SyncState.LOCAL,
            created_at=now,
            updated_at=now,
            updated_by=self.identity.actor_name,
        )

    def _row_values(self, obj: Entity, now: datetime) -> dict[str, Any]:
        return {
            "id": obj.id,
            "server_version": 0,
            "deleted": False,
            "sync_state": SyncState.LOCAL.value,
            "created_at": now,
            "updated_at": now,
            "updated_by": self.identity.actor_name,
            "origin_device": self.identity.device_id,
            **entity_values(obj),
        }

    @staticmethod
    def _bounded(entity: str, wire: dict[str, Any]) -> None:
        """Refuse, when it is typed, a value the server would refuse for its size
        (``core.limits``, docs/protocol.md « Bounds of a pushed op »): a French message per
        field, nothing written, the form keeps what was typed."""
        errors = limits.check_values(entity, wire)
        if errors:
            raise ValidationError(
                {
                    name: texts.text(
                        "{field} : {problem}",
                        field=texts.upper_first(texts.wording(field_label(name))),
                        problem=texts.lower_first(msg),
                    )
                    if name
                    else msg
                    for name, msg in errors.items()
                }
            )

    def insert_many(self, objs: Sequence[E]) -> list[E]:
        """Insert new rows of one entity and their ``create`` ops, two statements in all."""
        if not objs:
            return []
        for obj in objs:
            self._bounded(obj.entity_name, to_wire(obj))
        now = self.clock()
        stamped = [self._stamped(o, now) for o in objs]
        name = stamped[0].entity_name
        self.conn.execute(insert(entity_tables[name]), [self._row_values(o, now) for o in stamped])
        crashpoints.hit("after_row_write")
        self.conn.execute(
            insert(outbox),
            [self._op_values(name, o.id, OpKind.CREATE, 0, {}, to_wire(o), now) for o in stamped],
        )
        self.changes.add(name)
        crashpoints.hit("after_outbox_write")
        return stamped

    def resend(self, objs: Sequence[E], held_back: dict[str, Any] | None = None) -> int:
        """Queue a ``create`` op carrying every field of rows already stored here, for a
        server that does not hold them (a demo laptop's history; after a restore, the rows
        the server lost). The rows become local again until the server answers; rows with
        a waiting create are left alone (that op carries them); a row whose edits wait turns
        its first edit into the create. ``held_back``: wire
        values sent instead of the stored ones (``queue_update`` sends the rest later).
        Returns how many."""
        if not objs:
            return 0
        held_back = held_back or {}
        name = objs[0].entity_name
        now = self.clock()
        first_waiting: dict[UUID, tuple[int, str]] = {}
        for row_id, client_seq, kind in self.conn.execute(
            select(outbox.c.row_id, outbox.c.client_seq, outbox.c.kind)
            .where(outbox.c.entity == name, outbox.c.state == "pending")
            .order_by(outbox.c.client_seq.desc())
        ):
            first_waiting[row_id] = (int(client_seq), str(kind))
        todo = []
        converted = []
        recast: list[dict[str, Any]] = []
        for o in objs:
            waiting = first_waiting.get(o.id)
            if waiting is None:
                todo.append(o)
            elif waiting[1] == OpKind.UPDATE.value:
                converted.append(o.id)
                # Edits wait for the server already: the first becomes the row's create
                # (with every field), so the server never gets an edit of a row it lacks.
                changes = {**to_wire(o), **held_back}
                self.conn.execute(
                    update(outbox)
                    .where(outbox.c.client_seq == waiting[0])
                    .values(kind=OpKind.CREATE.value, base_version=0, base={}, changes=changes)
                )
                recast.append(
                    {"client_seq": waiting[0], "entity": name, "row_id": o.id, "changes": changes}
                )
        table = entity_tables[name]
        # The server holds none of these rows: whatever version this laptop knew is gone.
        ids = [o.id for o in todo] + converted
        for i in range(0, len(ids), 500):
            self.conn.execute(
                update(table)
                .where(table.c.id.in_(ids[i : i + 500]))
                .values(server_version=0, sync_state=SyncState.LOCAL.value)
            )
        for op in recast:
            self._park_if_oversize(op)
        if todo:
            ops = [
                self._op_values(name, o.id, OpKind.CREATE, 0, {}, {**to_wire(o), **held_back}, now)
                for o in todo
            ]
            self.conn.execute(insert(outbox), ops)
            self.changes.add(name)
            for op in ops:
                self._park_if_oversize(op)
        return len(todo)

    def _park_if_oversize(self, op: dict[str, Any]) -> bool:
        """Park, with the French ``out_of_bounds`` message, an op queued from stored rows
        (``resend``, ``queue_catch_up``) whose values pass a bound of ``core.limits`` (a row
        written before a bound existed, or imported): the typed-size check of ``insert`` and
        ``update`` applies to these paths too, and the server is never sent it."""
        detail = out_of_bounds(op["entity"], op["changes"] or {}, op.get("base") or {})
        if detail is None:
            return False
        if "client_seq" not in op:
            op = {
                **op,
                "client_seq": self.conn.execute(
                    select(outbox.c.client_seq).where(outbox.c.op_id == op["op_id"])
                ).scalar_one(),
            }
        park_op(self.conn, op, OUT_OF_BOUNDS, detail)
        self.parked += 1
        log.warning("an op beyond the server's bounds parked when queued")
        return True

    def queue_update(self, obj: Entity, **values: Any) -> None:
        """Queue an ``update`` op of fields a row already holds (the second half of a
        ``resend`` that held some fields back, e.g. "held" after the attendance)."""
        # Never folded into the pending create: the server must see the fields in order.
        changes = fields_to_wire(obj.entity_name, values)
        self.conn.execute(
            insert(outbox).values(
                **self._op_values(
                    obj.entity_name, obj.id, OpKind.UPDATE, 0, {}, changes, self.clock()
                )
            )
        )
        self.changes.add(obj.entity_name)

    def queue_catch_up(
        self,
        entity: str,
        row_id: UUID,
        server_version: int,
        server_values: dict[str, Any],
        changes: dict[str, Any] | None,
    ) -> bool:
        """Queue what a server restored from a backup lacks of a row it holds at an older
        version: this laptop's ``changes`` (wire values; ``None``: its deletion), based on
        the version and values the server sent, so the server applies them as an edit made
        after its own. The row itself keeps this laptop's values. Returns whether the op
        was parked instead (beyond a bound of ``core.limits``)."""
        kind = OpKind.DELETE if changes is None else OpKind.UPDATE
        base = {} if changes is None else {k: server_values.get(k) for k in changes}
        op = self._op_values(
            entity, row_id, kind, server_version, base, changes or {}, self.clock()
        )
        self.conn.execute(insert(outbox).values(**op))
        self.changes.add(entity)
        return self._park_if_oversize(op)

    def update_many(self, items: Sequence[tuple[E, dict[str, Any]]]) -> list[E]:
        """``update`` for several rows of one entity, batched: rows with the same changed
        fields share one statement, and the outbox is read and written in bulk (edits still
        fold into a row's latest op when it was never sent)."""
        changed_items: list[tuple[E, dict[str, Any]]] = []
        for old, values in items:
            changed = {k: v for k, v in values.items() if getattr(old, k) != v}
            if changed:
                changed_items.append((old, changed))
        if not changed_items:
            return [old for old, _ in items]
        name = changed_items[0][0].entity_name
        for _old, changed in changed_items:
            self._bounded(name, fields_to_wire(name, changed))
        smap = spec_map(name)
        table = entity_tables[name]
        now = self.clock()
        by_fields: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for old, changed in changed_items:
            params = {f"v_{k}": to_db(smap[k], v) for k, v in changed.items()}
            by_fields.setdefault(tuple(sorted(changed)), []).append({"b_id": old.id, **params})
        for fields, rows in by_fields.items():
            stmt = (
                update(table)
                .where(table.c.id == bindparam("b_id"))
                .values(
                    updated_at=now,
                    updated_by=self.identity.actor_name,
                    sync_state=SyncState.LOCAL.value,
                    **{f: bindparam(f"v_{f}") for f in fields},
                )
            )
            self.conn.execute(stmt, rows)
        crashpoints.hit("after_row_write")
        # Latest op of each row, to fold into when never sent.
        ids = [old.id for old, _ in changed_items]
        latest: dict[UUID, Any] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            newest = (
                select(outbox.c.row_id, func.max(outbox.c.client_seq).label("seq"))
                .where(outbox.c.row_id.in_(chunk))
                .group_by(outbox.c.row_id)
                .subquery()
            )
            for r in self.conn.execute(
                select(outbox).join(newest, outbox.c.client_seq == newest.c.seq)
            ).mappings():
                latest[r["row_id"]] = r
        folds: list[dict[str, Any]] = []
        inserts: list[dict[str, Any]] = []
        for old, changed in changed_items:
            base = fields_to_wire(name, {k: getattr(old, k) for k in changed})
            new_set = fields_to_wire(name, changed)
            last = latest.get(old.id)
            if (
                last is not None
                and last["state"] == "pending"
                and not last["attempts"]
                and last["kind"] != OpKind.DELETE.value
            ):
                merged_base = dict(last["base"])
                if last["kind"] == OpKind.UPDATE.value:
                    for k, v in base.items():
                        merged_base.setdefault(k, v)
                folds.append(
                    {
                        "b_seq": last["client_seq"],
                        "b_base": merged_base,
                        "b_changes": {**last["changes"], **new_set},
                    }
                )
            else:
                inserts.append(
                    self._op_values(name, old.id, OpKind.UPDATE, old.version, base, new_set, now)
                )
        if folds:
            self.conn.execute(
                update(outbox)
                .where(outbox.c.client_seq == bindparam("b_seq"))
                .values(base=bindparam("b_base"), changes=bindparam("b_changes")),
                folds,
            )
        if inserts:
            self.conn.execute(insert(outbox), inserts)
        self.changes.add(name)
        crashpoints.hit("after_outbox_write")
        done = {old.id: (old, changed) for old, changed in changed_items}
        return [
            dataclasses.replace(
                done[old.id][0],
                **done[old.id][1],
                updated_at=now,
                updated_by=self.identity.actor_name,
                sync_state=SyncState.LOCAL,
            )
            if old.id in done
            else old
            for old, _ in items
        ]

    def _op_values(
        self,
        entity: str,
        row_id: UUID,
        kind: OpKind,
        base_version: int,
        base: dict[str, Any],
        changes: dict[str, Any],
        now: datetime,
    ) -> dict[str, Any]:
        return {
            "op_id": uuid.uuid4(),
            "entity": entity,
            "row_id": row_id,
            "kind": kind.value,
            "base_version": base_version,
            "base": base,
            "changes": changes,
            "state": "pending",
            "attempts": 0,
            "last_error": None,
            "result": None,
            "schema_version": SCHEMA_VERSION,
            "created_at": now,
            "acked_at": None,
        }

    def insert(self, obj: E) -> E:
        """Insert a new row and record its ``create`` op."""
        return self.insert_many([obj])[0]

    def update(self, old: E, **values: Any) -> E:
        """Change some fields of a row and record an ``update`` op with their base values.

        Fields whose value does not change are left out; nothing is recorded when no field
        changes.
        """
        smap = spec_map(old.entity_name)
        unknown = set(values) - set(smap)
        if unknown:
            raise TypeError(f"unknown fields for {old.entity_name}: {sorted(unknown)}")
        changed = {k: v for k, v in values.items() if getattr(old, k) != v}
        if not changed:
            return old
        self._bounded(old.entity_name, fields_to_wire(old.entity_name, changed))
        now = self.clock()
        new = dataclasses.replace(
            old,
            **changed,
            updated_at=now,
            updated_by=self.identity.actor_name,
            sync_state=SyncState.LOCAL,
        )
        table = entity_tables[old.entity_name]
        self.conn.execute(
            update(table)
            .where(table.c.id == old.id)
            .values(
                updated_at=now,
                updated_by=self.identity.actor_name,
                sync_state=SyncState.LOCAL.value,
                **{k: to_db(smap[k], v) for k, v in changed.items()},
            )
        )
        crashpoints.hit("after_row_write")
        base = fields_to_wire(old.entity_name, {k: getattr(old, k) for k in changed})
        self._record(
            old.entity_name,
            old.id,
            OpKind.UPDATE,
            old.version,
            base,
            fields_to_wire(old.entity_name, changed),
        )
        return new

    def delete(self, old: E) -> E:
        """Tombstone a row (it stays until the server has it) and record a ``delete`` op.

        The tombstone keeps no direct identifier (names, phone, signature…): only ids and
        figures stay on the laptop, as on the server.
        """
        now = self.clock()
        table = entity_tables[old.entity_name]
        smap = spec_map(old.entity_name)
        wire = fields_to_wire(
            old.entity_name,
            {k: getattr(old, k) for k in IDENTIFYING_FIELDS.get(old.entity_name, ())},
        )
        blanked = fields_from_wire(old.entity_name, strip_identifiers(old.entity_name, wire))
        self.conn.execute(
            update(table)
            .where(table.c.id == old.id)
            .values(
                deleted=True,
                updated_at=now,
                sync_state=SyncState.LOCAL.value,
                updated_by=self.identity.actor_name,
                **{k: to_db(smap[k], v) for k, v in blanked.items()},
            )
        )
        crashpoints.hit("after_row_write")
        self._record(old.entity_name, old.id, OpKind.DELETE, old.version, {}, {})
        return dataclasses.replace(
            old, **blanked, deleted=True, updated_at=now, sync_state=SyncState.LOCAL
        )

    def audit(self, action: str, entity: str, row_id: UUID | None, detail: str = "") -> None:
        """Append to the local journal (ids and counts only, never personal data)."""
        self.conn.execute(
            insert(audit_event).values(
                at=self.clock(),
                actor=self.identity.actor_name or self.identity.device_id,
                action=action,
                entity=entity,
                row_id=row_id,
                detail=detail,
            )
        )

    # --- outbox -------------------------------------------------------------------

    def _record(
        self,
        entity: str,
        row_id: UUID,
        kind: OpKind,
        base_version: int,
        base: dict[str, Any],
        changes: dict[str, Any],
    ) -> None:
        self.changes.add(entity)
        if kind is OpKind.UPDATE and self._coalesce(row_id, base, changes):
            return
        self.conn.execute(
            insert(outbox).values(
                op_id=uuid.uuid4(),
                entity=entity,
                row_id=row_id,
                kind=kind.value,
                base_version=base_version,
                base=base,
                changes=changes,
                state="pending",
                attempts=0,
                schema_version=SCHEMA_VERSION,
                created_at=self.clock(),
            )
        )
        crashpoints.hit("after_outbox_write")

    def _coalesce(self, row_id: UUID, base: dict[str, Any], changes: dict[str, Any]) -> bool:
        """Fold an update into the row's latest op when it is still pending (never sent).

        The earliest base values win, so the server still sees what the edit started from.
        """
        last = self.conn.execute(
            select(
                outbox.c.client_seq,
                outbox.c.kind,
                outbox.c.state,
                outbox.c.attempts,
                outbox.c.base,
                outbox.c.changes,
            )
            .where(outbox.c.row_id == row_id)
            .order_by(outbox.c.client_seq.desc())
            .limit(1)
        ).first()
        # Only an op never sent may change: one sent whose answer was lost goes back to
        # pending and must be re-sent with the very same content (same op id).
        if (
            last is None
            or last.state != "pending"
            or last.attempts
            or last.kind == OpKind.DELETE.value
        ):
            return False
        merged_base = dict(last.base)
        if last.kind == OpKind.UPDATE.value:
            for k, v in base.items():
                merged_base.setdefault(k, v)
        self.conn.execute(
            update(outbox)
            .where(outbox.c.client_seq == last.client_seq)
            .values(base=merged_base, changes={**last.changes, **changes})
        )
        crashpoints.hit("after_outbox_write")
        return True


class Store:
    """The local store: an engine, who writes, and the transactions they write in."""

    def __init__(
        self,
        engine: Engine,
        identity: Identity,
        *,
        read_only: bool = False,
        read_only_reason: str = "",
        clock: Callable[[], datetime] = utcnow,
        gate: IntegrityGate | None = None,
    ) -> None:
        self.engine = engine
        self.gate = gate
        self.identity = identity
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self.clock = clock

    @contextmanager
    def write(self) -> Iterator[Tx]:
        """A write transaction (``BEGIN IMMEDIATE``): committed on exit, rolled back on error.

        Raises:
            ReadOnlyStoreError: the store was opened read-only.
            StorageError: the file is damaged (a store opened before its check waits for the
                verdict here), or SQLite could not write (disk full, locked too long, …).
        """
        if self.read_only:
            raise ReadOnlyStoreError(self.read_only_reason or "Les données sont en lecture seule.")
        if self.gate is not None:
            self.gate.verify()  # a store opened before its check: refused if damaged
        try:
            with self.engine.begin() as conn:
                tx = Tx(conn, self.identity, self.clock)
                yield tx
                crashpoints.hit("before_commit")
        except OperationalError as exc:
            log_unexpected(log, "local write failed", exc)
            raise StorageError(
                texts.text(
                    "Impossible d’enregistrer sur ce poste (disque plein ou fichier occupé). "
                    "Réessayez ; si le problème continue, contactez le support."
                )
            ) from exc

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read connection: a deferred transaction, so reading never waits for (or
        blocks) a writer; a consistent snapshot while it is open."""
        with self.engine.connect() as conn:
            conn.execution_options(tne_read=True)
            yield conn

    def fetch(self, cls: type[E], row_id: UUID) -> E | None:
        with self.read() as conn:
            table = entity_tables[cls.entity_name]
            row = conn.execute(select(table).where(table.c.id == row_id)).mappings().first()
            return None if row is None or row["deleted"] else entity_from_row(cls, row)

    def fetch_many(self, cls: type[E], ids: Sequence[UUID]) -> list[E]:
        if not ids:
            return []
        with self.read() as conn:
            table = entity_tables[cls.entity_name]
            rows = conn.execute(select(table).where(table.c.id.in_(ids))).mappings().all()
            return [entity_from_row(cls, r) for r in rows if not r["deleted"]]


def result(value: T, tx: Tx) -> Result[T]:
    """The service result for a value written in ``tx``."""
    return Result(value, frozenset(tx.changes))
