"""The sync service: the only code that writes synced tables (DESIGN.md §4 and §6).

A pushed batch runs in one transaction (each op in a savepoint) whose seqs come from the
sequencer (``tne_api.sequencing``): on SQLite one writer at a time under the
``sync_counter`` row; on PostgreSQL seqs derived from the transaction id, with pushes side
by side, and pulls reading only below the snapshot's horizon — either way a pull
"after seq N" never skips a row committed late (docs/protocol.md, "Pull without gaps").
Each op and its result are stored in ``applied_op`` in the same transaction (exactly once).
CLI imports use ``server_upsert`` and take the same path.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
import random
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any, TypeVar
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping
from sqlalchemy.exc import IntegrityError

from mediator_app.core import rules
from mediator_app.core.entities import DEPARTMENT_ENTITIES, ENTITIES, REFERENCE_ENTITIES
from mediator_app.core.enums import (
    ConflictKind,
    ConflictStatus,
    Presence,
    RegistrationStatus,
    Role,
)
from mediator_app.core.limits import check_op, check_values
from mediator_app.core.messages import (
    Change,
    DigestAnswer,
    EntityDigest,
    OpOutcome,
    PullPage,
    PushResponse,
)
from mediator_app.core.validation import validate, validate_participant, validate_workshop
from mediator_app.core.wire import (
    PULL_PAGE_MAX,
    SCHEMA_VERSION,
    Op,
    OpKind,
    OpStatus,
    digest_add,
    from_wire,
    policy,
    row_hash,
    spec_map,
    strip_identifiers,
    to_wire,
)
from mediator_app.logsafe import log_unexpected
from tne_api import models, sequencing
from tne_api.codec import (
    BAD_VALUE,
    JSON,
    canonical,
    dumps,
    json_bytes,
    row_to_wire,
    sql_reader,
    to_storage,
    tuple_reader,
    wire_columns,
)
from tne_api.db import Database, get_epoch, utcnow
from tne_api.errors import (
    BadRequest,
    DeviceLimitReached,
    Forbidden,
    NotAuthenticated,
    NotFound,
    ResyncNeeded,
    Unprocessable,
)
from tne_api.health import ClientReport, record_sync, sync_values
from tne_api.principal import (
    SCOPE_STRUCTURE_FIELD,
    SYSTEM,
    WORKSHOP_CHILDREN,
    Principal,
    Scope,
    can_write,
    read_clause,
    read_scope,
    strips_identifiers,
)
from tne_api.sequencing import SequenceExhausted, Sequencer, default_sequencer, lock_key
from tne_api.settings import Settings

log = logging.getLogger(__name__)

RESOLUTION_CLIENT_APPLIED = "client_applied"
RESOLUTION_SERVER_KEPT = "server_kept"
RESOLUTION_DELETED_EDIT_KEPT = "deleted_edit_kept"


@dataclass
class OpResult:
    """The outcome of one op, as returned in ``results`` and stored in ``applied_op``."""

    op_id: UUID
    status: OpStatus
    row_id: UUID
    version: int = 0
    seq: int | None = None
    message_key: str | None = None
    conflicts: list[dict[str, JSON]] = field(default_factory=list)
    errors: dict[str, str] | None = None

    def to_json(self) -> dict[str, JSON]:
        out: dict[str, JSON] = {
            "op_id": str(self.op_id),
            "status": self.status.value,
            "row_id": str(self.row_id),
            "version": self.version,
            "seq": self.seq,
            "message_key": self.message_key,
            "conflicts": self.conflicts,
        }
        if self.errors:
            out["errors"] = self.errors
        return out


def op_hash(op: Op) -> str:
    """SHA-256 of an op's canonical JSON (``codec.dumps``): the same op_id must always carry
    the same op. Hashed piece by piece, so a huge op costs no copy of itself."""
    value = op.to_json()
    # An op of a few kilobytes (nearly all) in one piece: one ``dumps`` costs a seventh of
    # a ``dumps`` per key and value (docs/benchmarks.md, « The op hash in one piece »).
    pieces = (dumps(value),) if _short(value, _PIECE) else _canonical_pieces(value)
    h = hashlib.sha256()
    for piece in pieces:
        # surrogatepass: an op holding a lone surrogate still gets a hash (and a rejection).
        h.update(piece.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


#: Long strings are encoded this many characters at a time (JSON escapes one by one).
_PIECE = 64 * 1024


def _short(value: Any, budget: int) -> bool:
    """Whether ``value`` holds at most ``budget`` characters of strings, items and keys in
    all, so that its JSON text is a small multiple of ``budget`` at most; stops counting
    once over."""
    todo = [value]
    while todo:
        item = todo.pop()
        budget -= len(item) if isinstance(item, str | dict | list | tuple) else 1
        if budget < 0:
            return False  # before a long list or dict is queued
        if isinstance(item, dict):
            todo += item
            todo += item.values()
        elif isinstance(item, list | tuple):
            todo += item
    return True


def _canonical_pieces(value: Any) -> Iterator[str]:
    """The text of ``dumps(value)``, in pieces of at most about ``_PIECE`` characters."""
    if isinstance(value, str):
        if len(value) <= _PIECE:
            yield dumps(value)
            return
        yield '"'
        for i in range(0, len(value), _PIECE):
            yield dumps(value[i : i + _PIECE])[1:-1]
        yield '"'
    elif isinstance(value, dict) and all(isinstance(k, str) for k in value):
        yield "{"
        for n, key in enumerate(sorted(value)):
            yield ("," if n else "") + dumps(key) + ":"
            yield from _canonical_pieces(value[key])
        yield "}"
    elif isinstance(value, list | tuple):
        yield "["
        for n, item in enumerate(value):
            if n:
                yield ","
            yield from _canonical_pieces(item)
        yield "]"
    else:
        yield dumps(value)


#: The largest ``seq`` a (64-bit) column holds: a cursor beyond it is not one of ours.
MAX_SEQ = sequencing.MAX_SEQ


def encode_cursor(epoch: str, seq: int, scope: str) -> str:
    """The opaque pull cursor."""
    raw = json.dumps({"epoch": epoch, "seq": seq, "scope": scope}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode("ascii")


def decode_cursor(cursor: str) -> tuple[str, int, str]:
    """``(epoch, seq, scope)`` of a cursor.

    Raises:
        BadRequest: when the cursor is not one of ours.
    """
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii") + b"==="))
        epoch, seq, scope = data["epoch"], data["seq"], data["scope"]
        if not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq <= MAX_SEQ:
            raise ValueError("bad seq")
        return str(epoch), seq, str(scope)
    except (ValueError, TypeError, KeyError, UnicodeError, binascii.Error) as exc:
        raise BadRequest("Curseur de synchronisation invalide.") from exc


def cursor_position(cursor: str, epoch: str, p: Principal) -> int:
    """The seq a cursor (or a snapshot, which is one) stands at, for ``p`` in ``epoch``.

    Raises:
        BadRequest: not one of ours.
        ResyncNeeded: from another epoch (a restore) or scope.
    """
    c_epoch, after, c_scope = decode_cursor(cursor)
    if c_epoch != epoch:
        raise ResyncNeeded(
            "Le serveur a été restauré : une resynchronisation complète est nécessaire.",
            extra={"reason": "epoch_changed"},
        )
    if c_scope != p.scope_hash:
        raise ResyncNeeded(
            "Vos droits ont changé : une resynchronisation complète est nécessaire.",
            extra={"reason": "scope_changed"},
        )
    return after


class _Tx:
    """One push transaction: its locks, its seqs, the rows it has read and the rows it
    writes.

    ``get`` serves rows from ``prefetch`` (one query per table for a whole batch) and
    forgets a row once ``_write`` changes it (``written``), so a later op of the batch
    reads it again.
    Writes wait in ``insert`` and ``update`` and go in together, one statement per table,
    kind and set of columns, as late as can be: ``conn`` writes them all before the
    statement it is asked for, ``conn_for(entities)`` only those of the tables that
    statement reads or writes (no foreign key links the synced tables, so their order
    between tables is free). A row waits at most once: reading it again (``get``, after
    ``written``) writes what waits for its table first, so the writes waiting together
    are of distinct rows and their order is free too. ``flush`` (``finish`` too) writes
    what is left.
    """

    def __init__(
        self, service: SyncService, conn: Connection, p: Principal, client_id: UUID | None
    ) -> None:
        self.service = service
        self.sequencer = service.sequencer
        self._conn = conn
        #: Per table: ``(is_update, values)`` in the order they came.
        self._pending: dict[str, list[tuple[bool, dict[str, Any]]]] = {}
        self.p = p
        self.client_id = client_id
        self.now = utcnow()
        self.first_seq: int | None = None
        self.last_seq: int | None = None
        self._next = 0
        self._rows: dict[tuple[str, UUID], RowMapping | None] = {}
        self._figures: dict[UUID, tuple[int, int, int]] = {}
        self._locked: set[int] = set()
        self._began = False

    @property
    def conn(self) -> Connection:
        """The transaction's connection, every pending write done first."""
        if self._pending:
            self.flush()
        return self._conn

    def conn_for(self, *entities: str) -> Connection:
        """The connection for a statement on ``entities`` only: their pending writes are
        done first, the others' wait."""
        waiting = [e for e in entities if e in self._pending]
        if waiting:
            self.flush(*waiting)
        return self._conn

    def insert(self, entity: str, values: dict[str, Any]) -> None:
        """Insert a row of ``entity`` before the next statement that can see it."""
        self._pending.setdefault(entity, []).append((False, values))

    def update(self, entity: str, row_id: UUID, values: dict[str, Any]) -> None:
        """Set ``values`` on the row ``row_id`` before the next statement that can see it."""
        self._pending.setdefault(entity, []).append((True, {_WRITTEN_ID: row_id, **values}))

    def flush(self, *entities: str) -> None:
        """Do the pending writes (of ``entities``, or all)."""
        for entity in entities or list(self._pending):
            rows = self._pending.pop(entity, [])
            by_shape: dict[tuple[bool, tuple[str, ...]], list[dict[str, Any]]] = {}
            for is_update, row in rows:
                by_shape.setdefault((is_update, tuple(row)), []).append(row)
            insert, update = _row_writes(entity)
            for (is_update, _columns), group in by_shape.items():
                # Constant statements with the values as parameters: compiled once per set
                # of columns (SQLAlchemy's cache), one round trip for the group.
                self._conn.execute(update if is_update else insert, group)

    def lock(self, keys: Iterable[int]) -> None:
        """Take the locks of ``keys`` not held yet (``Sequencer.lock``): from here on, the
        other writers of those rows (or of every row, with the counter) wait for our
        commit."""
        fresh = set(keys) - self._locked
        if fresh or not self._began:
            self.sequencer.lock(self.conn, fresh)
            self._began = True
            self._locked |= fresh

    def seq(self) -> int:
        """The next ``seq``; the first one of the transaction is its ``tx_seq``."""
        if self.first_seq is None:
            self.first_seq = self._next = self.sequencer.first_seq(self.conn)
        if self._next - self.first_seq >= self.sequencer.max_per_tx:
            raise SequenceExhausted("too many rows in one transaction")
        value = self._next
        self._next += 1
        self.last_seq = value
        return value

    def finish(self) -> None:
        """Just before commit: what is pending is written (the counter design stores its
        counter here)."""
        self.sequencer.finish(self.conn, self.last_seq)

    def prefetch(self, entity: str, row_ids: Iterable[UUID]) -> None:
        """Read the rows ``row_ids`` of ``entity`` in one query (missing ones as ``None``)."""
        wanted = {r for r in row_ids if (entity, r) not in self._rows}
        if not wanted or entity not in models.SYNCED:
            return
        for key in wanted:
            self._rows[(entity, key)] = None
        rows = self.conn_for(entity).execute(_rows_by_id(entity), {"ids": list(wanted)})
        for row in rows.mappings():
            self._rows[(entity, row["id"])] = row

    def get(self, entity: str, row_id: UUID | None) -> RowMapping | None:
        if row_id is None:
            return None
        if (entity, row_id) not in self._rows:
            found = self.conn_for(entity).execute(_rows_by_id(entity), {"ids": [row_id]})
            self._rows[(entity, row_id)] = found.mappings().first()
        return self._rows[(entity, row_id)]

    def figures(self, workshop_id: UUID) -> tuple[int, int, int]:
        """The workshop rules' figures of ``workshop_id`` (registered, present, largest
        anonymous total), read as its children stand now: once per workshop and batch
        (``prefetch_figures``) until a child of any workshop is written."""
        found = self._figures.get(workshop_id)
        if found is None:
            counted = self.conn_for(*WORKSHOP_CHILDREN)
            found = _figure_row(
                counted.execute(_workshop_figures(), {"workshop_id": workshop_id}).one()
            )
            self._figures[workshop_id] = found
        return found

    def prefetch_figures(self, workshop_ids: Iterable[UUID]) -> None:
        """Read the figures of every workshop of ``workshop_ids`` that exists, in one query."""
        wanted = {w for w in workshop_ids if w not in self._figures}
        if not wanted:
            return
        counted = self.conn_for(*WORKSHOP_CHILDREN)
        for row_id, *figures in counted.execute(_figures_of(), {"workshop_ids": list(wanted)}):
            self._figures[row_id] = _figure_row(figures)

    def written(self, entity: str, row_id: UUID) -> None:
        """``row_id`` was written: the next ``get`` reads it again, and the figures are read
        again once a workshop's child changed."""
        self._rows.pop((entity, row_id), None)
        if entity in WORKSHOP_CHILDREN:
            self._figures.clear()

    def forget_all(self) -> None:
        """An op was rolled back to its savepoint: what it wrote is gone, what it had yet
        to write too."""
        self._rows.clear()
        self._figures.clear()
        self._pending.clear()


class _OpFailed(Exception):
    """An op raised outside a savepoint: the batch runs again, each op isolated."""


#: How many times a push batch runs when PostgreSQL breaks a lock cycle.
_PUSH_ATTEMPTS = 5

#: SQLSTATEs after which a transaction may simply run again: deadlock, serialization.
_RETRY_SQLSTATES = frozenset({"40P01", "40001"})


def _retryable(exc: sa.exc.DBAPIError) -> bool:
    return getattr(exc.orig, "sqlstate", None) in _RETRY_SQLSTATES


def _decision_keys(entity: str, data: Mapping[str, Any]) -> set[int]:
    """Lock keys of what an op of ``entity`` with values ``data`` decides on besides its
    own row: a child's workshop (capacity, the "held" rule) and the devices a hand-out holds
    (one open loan per device)."""
    keys: set[int] = set()
    if entity in WORKSHOP_CHILDREN:
        wid = _uuid_or_none(data.get("workshop_id"))
        if wid is not None:
            keys.add(lock_key("workshop", wid))
    if entity == "handout" and isinstance(data.get("device_ids"), list):
        keys |= {lock_key("device", str(d)) for d in data["device_ids"]}
    return keys


@dataclass
class _Ledger:
    """The batch's view of ``applied_op``: what is stored (read once) and what the batch
    adds (inserted once, at the end)."""

    ops: dict[UUID, dict[str, Any]]
    seqs: set[int]
    new: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def read(cls, conn: Connection, client_id: UUID, ops: Sequence[Op]) -> _Ledger:
        ledger = cls({}, set())
        if not ops:
            return ledger
        params = {
            "op_ids": list({op.op_id for op in ops}),
            "client_id": client_id,
            "client_seqs": list({op.client_seq for op in ops}),
        }
        for row in conn.execute(_ledger_rows(), params).mappings():
            ledger.ops[row["op_id"]] = dict(row)
            if row["client_id"] == client_id:
                ledger.seqs.add(int(row["client_seq"]))
        return ledger

    def add(self, client_id: UUID, op: Op, h: str, result: OpResult, seq: int | None) -> None:
        row = {
            "op_id": op.op_id,
            "client_id": client_id,
            "client_seq": op.client_seq,
            "request_hash": h,
            "result": result.to_json(),
            "seq": seq,
            "applied_at": utcnow(),
        }
        self.new.append(row)
        self.ops[op.op_id] = row
        self.seqs.add(op.client_seq)


@dataclass
class _Hints:
    """What the rest of a batch will add to a workshop (for the "held" rule)."""

    present: dict[UUID, int] = field(default_factory=dict)
    anonymous: dict[UUID, int] = field(default_factory=dict)


def _latest_today() -> date:
    """The latest calendar date anywhere on Earth (UTC+14): no laptop's "today" is later,
    so a date after it is in the future for everyone."""
    return (datetime.now(UTC) + timedelta(hours=14)).date()


def _int_or_none(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _uuid_or_none(value: Any) -> UUID | None:
    try:
        return None if value in (None, "") else UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return None


def _batch_hints(ops: Sequence[Op]) -> _Hints:
    hints = _Hints()
    for op in ops:
        wid = _uuid_or_none(op.set.get("workshop_id"))
        if wid is None or op.kind is OpKind.DELETE:
            continue
        if op.entity == "attendance" and op.set.get("status", "present") == Presence.PRESENT:
            hints.present[wid] = hints.present.get(wid, 0) + 1
        if op.entity == "anonymous_counts" and isinstance(op.set.get("total"), int):
            hints.anonymous[wid] = max(hints.anonymous.get(wid, 0), int(op.set["total"]))
    return hints


class SyncService:
    """Push, pull, digest and device registration over one database.

    Args:
        db: The database.
        settings: Server settings.
        sequencer: How seqs are given and how far pulls read (``tne_api.sequencing``);
            by dialect when omitted. Only the concurrency test and the benchmark pass one.
    """

    def __init__(
        self, db: Database, settings: Settings, *, sequencer: Sequencer | None = None
    ) -> None:
        self.db = db
        self.settings = settings
        self.sequencer = sequencer or default_sequencer(db.is_sqlite)

    # --- devices --------------------------------------------------------------------

    def register_device(
        self,
        p: Principal,
        device_id: str,
        device_name: str,
        app_version: str,
        schema_version: int,
    ) -> dict[str, JSON]:
        """Register (or re-register) a device of ``p``; idempotent per user and device id.

        Raises:
            Forbidden: when the device was revoked.
            DeviceLimitReached: when the account already has its most devices.
        """
        c = models.sync_client.c
        now = utcnow()
        for attempt in range(3):
            try:
                with self.db.write() as conn:
                    row = (
                        conn.execute(
                            sa.select(models.sync_client).where(
                                c.user_id == p.user_id, c.device_id == device_id
                            )
                        )
                        .mappings()
                        .first()
                    )
                    if row is not None and row["revoked"]:
                        raise Forbidden("Cet appareil a été révoqué par l’administrateur.")
                    if row is None:
                        self._check_device_cap(conn, p)
                    values = {
                        "device_name": device_name,
                        "app_version": app_version,
                        "schema_version": schema_version,
                        "last_seen_at": now,
                    }
                    if row is None:
                        client_id = uuid.uuid4()
                        conn.execute(
                            models.sync_client.insert().values(
                                client_id=client_id,
                                user_id=p.user_id,
                                device_id=device_id,
                                last_client_seq=0,
                                revoked=False,
                                created_at=now,
                                **values,
                            )
                        )
                        _audit(conn, p, client_id, "device_registered")
                    else:
                        client_id = row["client_id"]
                        conn.execute(
                            sa.update(models.sync_client)
                            .where(c.client_id == client_id)
                            .values(**values)
                        )
                    rt = models.refresh_token.c
                    conn.execute(
                        sa.update(models.refresh_token)
                        .where(
                            rt.user_id == p.user_id,
                            rt.device_id == device_id,
                            rt.client_id.is_(None),
                        )
                        .values(client_id=client_id)
                    )
                    epoch = get_epoch(conn)
                break
            except IntegrityError:
                if attempt == 2:
                    raise
        return {
            "client_id": str(client_id),
            "server_epoch": epoch,
            "server_time": now.isoformat(),
            "min_schema_version": self.settings.min_schema_version,
        }

    def _check_device_cap(self, conn: Connection, p: Principal) -> None:
        """Refuse a new device to an account that already has its most (not revoked).

        On PostgreSQL two first registrations of the same account queue on a lock, so the
        count each one reads is final; SQLite has one writer at a time anyway.
        """
        if not self.db.is_sqlite:
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(lock_key("devices", p.user_id))))
        c = models.sync_client.c
        count = conn.execute(
            sa.select(sa.func.count())
            .select_from(models.sync_client)
            .where(c.user_id == p.user_id, c.revoked.is_(False))
        ).scalar_one()
        cap = self.settings.max_devices_per_user
        if count >= cap:
            raise DeviceLimitReached(device_limit_message(cap))

    def check_client(
        self, conn: Connection, p: Principal, client_id: UUID, *, epoch: bool = False
    ) -> RowMapping:
        """The ``sync_client`` row of ``client_id`` if it belongs to ``p``; with
        ``epoch``, the server's epoch too, as ``server_epoch`` (the same statement).

        Raises:
            NotFound: unknown device (register again); Forbidden: revoked or someone
                else's; NotAuthenticated: a token issued for another device.
        """
        row = conn.execute(_client_row(epoch), {"client_id": client_id}).mappings().first()
        if row is None:
            raise NotFound("Appareil inconnu du serveur : enregistrez-le à nouveau.")
        if row["user_id"] != p.user_id:
            raise Forbidden("Cet appareil appartient à un autre compte.")
        if p.bound and row["device_id"] != p.device_id:
            # A bearer token works only for the device it was issued for.
            raise NotAuthenticated(
                "Cette session a été ouverte sur un autre poste : reconnectez-vous depuis "
                "celui-ci.",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if row["revoked"]:
            raise Forbidden("Cet appareil a été révoqué par l’administrateur.")
        return row

    def client_epoch(self, conn: Connection, p: Principal, client_id: UUID) -> str:
        """``check_client``, then the server epoch, read in the same statement (a pull, a
        snapshot page and a digest need both)."""
        epoch = self.check_client(conn, p, client_id, epoch=True)["server_epoch"]
        if epoch is None:
            raise RuntimeError("the database was never initialised (no server_meta row)")
        return str(epoch)

    # --- push -----------------------------------------------------------------------

    def push(
        self,
        p: Principal,
        client_id: UUID,
        ops: Sequence[Op],
        *,
        app_version: str = "",
        schema_version: int = SCHEMA_VERSION,
        report: ClientReport | None = None,
    ) -> PushResponse:
        """Apply a batch of ops, each in its own transaction, and return per-op results.

        ``report`` (the client's pending/parked counts) is kept for the sync health.

        Raises:
            NotFound/Forbidden: for the device; Unprocessable: when an op_id is reused with other content.
        """
        hashes: dict[UUID, str] = {}
        for op in ops:
            h = op_hash(op)
            if hashes.setdefault(op.op_id, h) != h:
                raise _reused(op.op_id)
        hints = _batch_hints(ops)
        now = utcnow()
        # The whole batch is one transaction (one commit instead of one per op). When an op
        # raises, the batch runs again with each op in a savepoint, so that op is rolled
        # back alone and stored as rejected, acknowledged once like any other (savepoints
        # for every batch would double its statements). Two PostgreSQL batches that lock
        # the same rows in a circle (a key found late, see _lock_batch) are told so by the
        # database: the batch is simply run again.
        isolate = False
        for attempt in range(_PUSH_ATTEMPTS):
            try:
                with self.db.write() as conn:
                    return self._push_batch(
                        conn,
                        p,
                        client_id,
                        ops,
                        hashes,
                        hints,
                        now,
                        app_version=app_version,
                        schema_version=schema_version,
                        report=report,
                        isolate=isolate,
                    )
            except _OpFailed:
                isolate = True
            except sa.exc.DBAPIError as exc:
                if attempt == _PUSH_ATTEMPTS - 1 or not _retryable(exc):
                    raise
                log.info("push of %d ops run again after a lock cycle", len(ops))
                time.sleep(random.uniform(0, 0.01 * (attempt + 1)))
        raise AssertionError("unreachable")  # pragma: no cover

    def _push_batch(
        self,
        conn: Connection,
        p: Principal,
        client_id: UUID,
        ops: Sequence[Op],
        hashes: Mapping[UUID, str],
        hints: _Hints,
        now: datetime,
        *,
        app_version: str,
        schema_version: int,
        report: ClientReport | None,
        isolate: bool,
    ) -> PushResponse:
        self.check_client(conn, p, client_id)
        tx = _Tx(self, conn, p, client_id)
        self._lock_batch(tx, client_id, ops)
        ledger = _Ledger.read(conn, client_id, ops)
        for op in ops:
            prev = ledger.ops.get(op.op_id)
            if prev is not None and prev["request_hash"] != hashes[op.op_id]:
                raise _reused(op.op_id)
        results = [
            self._push_one(tx, client_id, op, hashes[op.op_id], hints, ledger, isolate)
            for op in ops
        ]
        try:
            tx.flush()  # the last ops' new rows (isolated ops have written theirs)
        except sa.exc.DBAPIError as exc:
            if _retryable(exc):
                raise
            raise _OpFailed() from exc  # which op's row it was: the isolated run says
        except Exception as exc:
            raise _OpFailed() from exc  # as an op that raises (_push_one)
        sc = models.sync_client.c
        values: dict[str, Any] = {
            "last_seen_at": now,
            "app_version": app_version,
            "schema_version": schema_version,
            **sync_values(report, now),  # a successful exchange, as record_sync notes it
        }
        if ledger.new:
            conn.execute(models.applied_op.insert(), ledger.new)
            top = max(int(r["client_seq"]) for r in ledger.new)
            values["last_client_seq"] = sa.case(
                (sc.last_client_seq < top, top), else_=sc.last_client_seq
            )
        # The device's row in one statement, which reads back its highest sequence.
        last = conn.execute(
            sa.update(models.sync_client)
            .where(sc.client_id == client_id)
            .values(**values)
            .returning(sc.last_client_seq)
        ).scalar_one()
        tx.finish()
        return PushResponse(
            server_time=now.isoformat(),
            last_client_seq=int(last),
            results=tuple(OpOutcome.from_json(r) for r in results),
        )

    def _lock_batch(self, tx: _Tx, client_id: UUID | None, ops: Sequence[Op]) -> None:
        """Lock what the batch writes or decides on, then read its rows (one query per
        table).

        Keys: the device (its ledger), every op's row, the workshop a child names and the
        devices a hand-out names. A child's or a hand-out's stored row may name others
        (an update rarely repeats its workshop): those are locked once the rows are read,
        out of the global order — the rare cycle that can make is retried (``push``).
        """
        keys = {lock_key("client", client_id)} if client_id is not None else set()
        by_entity: dict[str, set[UUID]] = {}
        for op in ops:
            keys.add(lock_key(op.entity, op.row_id))
            by_entity.setdefault(op.entity, set()).add(op.row_id)
            keys |= _decision_keys(op.entity, op.set)
        tx.lock(keys)
        for entity, row_ids in by_entity.items():
            tx.prefetch(entity, row_ids)
        # The figures every workshop written is validated against, under its lock (its
        # children's writers take it too).
        tx.prefetch_figures(
            op.row_id for op in ops if op.entity == "workshop" and op.kind is not OpKind.DELETE
        )
        later: set[int] = set()
        parents: set[UUID] = set()
        for op in ops:
            if op.entity not in models.SYNCED:
                continue
            current = tx.get(op.entity, op.row_id)
            if current is not None and (op.entity in WORKSHOP_CHILDREN or op.entity == "handout"):
                later |= _decision_keys(op.entity, row_to_wire(op.entity, current))
            for source in (op.set, current or {}):
                wid = (
                    _uuid_or_none(source.get("workshop_id"))
                    if op.entity in WORKSHOP_CHILDREN
                    else None
                )
                if wid is not None:
                    parents.add(wid)
        tx.lock(later)
        tx.prefetch("workshop", parents)

    def _push_one(
        self,
        tx: _Tx,
        client_id: UUID,
        op: Op,
        h: str,
        hints: _Hints,
        ledger: _Ledger,
        isolate: bool,
    ) -> dict[str, JSON]:
        """One op of the batch; in a savepoint when ``isolate`` (else an op that raises
        fails the batch with ``_OpFailed``, and ``push`` runs it again isolated)."""
        prev = ledger.ops.get(op.op_id)
        if prev is not None:
            # What the first time decided stays readable: a replayed rejection must still
            # be parked by the client, not taken for an acknowledgement.
            return {
                **prev["result"],
                "status": OpStatus.DUPLICATE.value,
                "replayed_status": prev["result"]["status"],
            }
        if op.client_seq in ledger.seqs:
            # The number was used by another op: nothing can be stored for this one.
            return OpResult(
                op.op_id, OpStatus.REJECTED, op.row_id, message_key="sequence_reused"
            ).to_json()
        before = tx.last_seq
        if not isolate:
            try:
                result = _over_limits(op) or self._apply(tx, op, hints)
            except sa.exc.DBAPIError as exc:
                if _retryable(exc):
                    raise
                raise _OpFailed() from exc
            except Exception as exc:
                raise _OpFailed() from exc
            ledger.add(client_id, op, h, result, tx.last_seq if tx.last_seq != before else None)
            return result.to_json()
        savepoint = tx.conn.begin_nested()
        try:
            result = _over_limits(op) or self._apply(tx, op, hints)
            tx.flush()  # inside the savepoint: a row that fails is this op's
            savepoint.commit()
            ledger.add(client_id, op, h, result, tx.last_seq if tx.last_seq != before else None)
            return result.to_json()
        except Exception as exc:
            savepoint.rollback()
            tx.forget_all()
            if isinstance(exc, sa.exc.DBAPIError) and _retryable(exc):
                raise  # the whole batch runs again (push)
            # Never the message: a database error prints the statement's parameters (names).
            log_unexpected(
                log,
                f"op {op.op_id} ({op.entity} {op.kind.value}) failed; stored as internal_error",
                exc,
            )
        result = OpResult(op.op_id, OpStatus.REJECTED, op.row_id, message_key="internal_error")
        ledger.add(client_id, op, h, result, None)
        return result.to_json()

    # --- the merge ------------------------------------------------------------------

    def _apply(self, tx: _Tx, op: Op, hints: _Hints) -> OpResult:
        entity = op.entity
        if entity not in models.SYNCED:
            return OpResult(op.op_id, OpStatus.REJECTED, op.row_id, message_key="unknown_entity")
        smap = spec_map(entity)
        changes: dict[str, JSON] = {}
        errors: dict[str, str] = {}
        for name, value in op.set.items():
            if name not in smap:
                continue  # a field from a newer client: ignored, never an error
            try:
                changes[name] = canonical(smap[name], value)
            except BAD_VALUE:
                errors[name] = "Valeur invalide pour ce champ."
        if errors:
            return OpResult(
                op.op_id, OpStatus.REJECTED, op.row_id, message_key="validation", errors=errors
            )
        current = tx.get(entity, op.row_id)
        if current is not None:
            scope = Scope(current["scope_department"], current["scope_structure"])
            # Authority on what is written (docs/architecture.md, "Authority"): a write
            # may not move a row to another scope, and a "proposal" of a place that
            # already exists is an edit of reference data.
            if tx.p.role is not Role.ADMIN and (
                _moves_scope(entity, current, changes)
                or (entity in REFERENCE_ENTITIES and op.kind is OpKind.CREATE)
            ):
                return OpResult(op.op_id, OpStatus.REJECTED, op.row_id, message_key="forbidden")
        else:
            scope = self._scope_for_new(tx, entity, changes)
        if not can_write(tx.p, entity, op.kind, scope, changes, op.set):
            return OpResult(op.op_id, OpStatus.REJECTED, op.row_id, message_key="forbidden")
        if not rules.review_write_allowed(tx.p.role, entity, _written(entity, current, changes)):
            return OpResult(op.op_id, OpStatus.REJECTED, op.row_id, message_key="review_forbidden")
        if op.kind is OpKind.DELETE:
            return self._delete(tx, op, current, scope)
        if entity in WORKSHOP_CHILDREN:
            wid = _uuid_or_none(changes.get("workshop_id"))
            if wid is None and current is not None:
                wid = current["workshop_id"]
            parent = tx.get("workshop", wid)
            if parent is None:
                # Its workshop was refused (or never sent): accepting the child would hand
                # every other laptop a row pointing at nothing.
                return OpResult(
                    op.op_id, OpStatus.REJECTED, op.row_id, message_key="parent_missing"
                )
            if parent["deleted"]:
                cid = self._open_conflict(
                    tx,
                    entity,
                    op,
                    scope,
                    kind=ConflictKind.PARENT_DELETED,
                    client_value=dumps(op.set),
                )
                return OpResult(
                    op.op_id,
                    OpStatus.REJECTED,
                    op.row_id,
                    message_key="parent_deleted",
                    conflicts=[_c(cid, "", RESOLUTION_SERVER_KEPT)],
                )
        if current is not None and current["deleted"]:
            cid = self._open_conflict(
                tx,
                entity,
                op,
                scope,
                kind=ConflictKind.DELETE_VS_EDIT,
                client_value=dumps(op.set),
            )
            return OpResult(
                op.op_id,
                OpStatus.CONFLICT,
                op.row_id,
                version=current["version"],
                seq=current["seq"],
                message_key="deleted",
                conflicts=[_c(cid, "", RESOLUTION_SERVER_KEPT)],
            )
        return self._upsert(tx, op, current, scope, changes, hints)

    def _scope_for_new(self, tx: _Tx, entity: str, changes: Mapping[str, JSON]) -> Scope:
        p = tx.p
        if entity in WORKSHOP_CHILDREN:
            parent = tx.get("workshop", _uuid_or_none(changes.get("workshop_id")))
            if parent is not None:
                return Scope(parent["scope_department"], parent["scope_structure"])
            return Scope(p.department_code, p.structure_id)
        if entity in DEPARTMENT_ENTITIES:
            field_name = SCOPE_STRUCTURE_FIELD.get(entity)
            partner = _uuid_or_none(changes.get(field_name)) if field_name else None
            return Scope(str(changes.get("department_code") or p.department_code), partner)
        if entity in REFERENCE_ENTITIES:
            if entity == "department":
                return Scope(str(changes.get("code") or ""), None)
            dept = changes.get("department_code")
            return Scope(str(dept) if dept is not None else p.department_code, None)
        structure_id = _uuid_or_none(changes.get(SCOPE_STRUCTURE_FIELD[entity]))
        if structure_id is None:
            structure_id = p.structure_id
        dept = str(changes.get("department_code") or "")
        structure = tx.get("structure", structure_id)
        if structure is not None and structure["department_code"]:
            dept = structure["department_code"]
        return Scope(dept or p.department_code, structure_id)

    def _delete(self, tx: _Tx, op: Op, current: RowMapping | None, scope: Scope) -> OpResult:
        if current is None or current["deleted"]:
            return OpResult(
                op.op_id,
                OpStatus.APPLIED,
                op.row_id,
                version=current["version"] if current is not None else 0,
                seq=current["seq"] if current is not None else None,
            )
        conflicts = []
        if current["version"] > op.base_version:
            # Delete wins, but the edit made after the deleter's view is kept for review.
            cid = self._open_conflict(
                tx,
                op.entity,
                op,
                scope,
                kind=ConflictKind.DELETE_VS_EDIT,
                server_value=dumps(row_to_wire(op.entity, current)),
            )
            conflicts.append(_c(cid, "", RESOLUTION_DELETED_EDIT_KEPT))
        # A tombstone keeps no identifier: it reaches every laptop of the scope, new ones too.
        old_data = row_to_wire(op.entity, current)
        blanked = {
            k: v for k, v in strip_identifiers(op.entity, old_data).items() if v != old_data.get(k)
        }
        version, seq = self._write(tx, op.entity, op.row_id, current, blanked, scope, deleted=True)
        if op.entity == "handout":
            tx.conn.execute(
                sa.delete(models.open_handout_device).where(
                    models.open_handout_device.c.handout_id == op.row_id
                )
            )
        return OpResult(
            op.op_id,
            OpStatus.MERGED if conflicts else OpStatus.APPLIED,
            op.row_id,
            version=version,
            seq=seq,
            message_key="delete_vs_edit" if conflicts else None,
            conflicts=conflicts,
        )

    def _upsert(
        self,
        tx: _Tx,
        op: Op,
        current: RowMapping | None,
        scope: Scope,
        changes: dict[str, JSON],
        hints: _Hints,
    ) -> OpResult:
        entity = op.entity
        smap = spec_map(entity)
        auto: list[tuple[str, JSON, JSON, JSON]] = []
        review: list[tuple[str, JSON, JSON, JSON]] = []
        if current is None:
            try:
                new_data = to_wire(from_wire(ENTITIES[entity], op.row_id, changes))
            except BAD_VALUE:
                return OpResult(
                    op.op_id,
                    OpStatus.REJECTED,
                    op.row_id,
                    message_key="validation",
                    errors={"": "Des informations obligatoires manquent."},
                )
            _fill_new_row(entity, new_data, scope, tx.p)
            changed = set(new_data)
            old_data: dict[str, JSON] = {}
        else:
            old_data = row_to_wire(entity, current)
            if op.kind is OpKind.CREATE and all(old_data[k] == v for k, v in changes.items()):
                return OpResult(
                    op.op_id,
                    OpStatus.APPLIED,
                    op.row_id,
                    version=current["version"],
                    seq=current["seq"],
                )
            base_version = 0 if op.kind is OpKind.CREATE else op.base_version
            field_versions: dict[str, int] = dict(current["field_versions"] or {})
            new_data = dict(old_data)
            changed = set()
            for name, value in changes.items():
                server_value = old_data[name]
                if server_value == value:
                    continue
                base_value = _base_value(smap, op.base, name)
                concurrent = field_versions.get(name, 0) > base_version and (
                    base_value is _MISSING or base_value != server_value
                )
                base_json = None if base_value is _MISSING else base_value
                if not concurrent:
                    new_data[name] = value
                    changed.add(name)
                elif policy(entity, name) == "auto":
                    new_data[name] = value
                    changed.add(name)
                    auto.append((name, base_json, server_value, value))
                else:
                    review.append((name, base_json, server_value, value))
        message_key: str | None = None
        capacity_full = False
        if entity == "registration" and new_data.get("status") == RegistrationStatus.REGISTERED:
            was_registered = old_data.get("status") == RegistrationStatus.REGISTERED
            landing = None if was_registered else self._arrival(tx, op.row_id, new_data)
            if landing is not None and landing.waitlisted:
                # Another laptop filled the workshop first (docs/architecture.md, rules).
                new_data["status"] = landing.status.value
                new_data["waitlist_rank"] = landing.waitlist_rank
                changed |= {"status", "waitlist_rank"}
                capacity_full = True
                message_key = "capacity_full"
        co_cleared = False
        # One laptop marked the parent absent while another had them co-facilitating:
        # absent wins, as on the laptop (core.rules.co_facilitates), and is said.
        if (
            entity == "attendance"
            and new_data.get("co_facilitated")
            and not rules.co_facilitates(new_data.get("status"), True)
        ):
            new_data["co_facilitated"] = False
            # The op's own co-facilitation did not apply: no « applied » record of it.
            auto = [a for a in auto if a[0] != "co_facilitated"]
            if old_data.get("co_facilitated") is False:
                changed.discard("co_facilitated")
            else:
                changed.add("co_facilitated")
            if old_data.get("co_facilitated") is True and current is not None:
                # Another laptop's co-facilitation is cleared: kept in a resolved conflict
                # (as an overwritten ``auto`` value is), so the laptop that recorded it
                # can say so (docs/architecture.md, « Nothing silent »).
                base = _base_value(smap, op.base, "co_facilitated")
                auto.append(("co_facilitated", None if base is _MISSING else base, True, False))
            co_cleared = True
            message_key = "co_facilitation_cleared"
        errors = self._validate(tx, entity, op.row_id, new_data, hints, old_data)
        if errors:
            return OpResult(
                op.op_id, OpStatus.REJECTED, op.row_id, message_key="validation", errors=errors
            )
        if entity == "handout" and self._device_taken(tx, op.row_id, new_data):
            cid = self._open_conflict(
                tx,
                entity,
                op,
                scope,
                kind=ConflictKind.UNIQUE,
                field_name="device_ids",
                client_value=dumps(op.set),
            )
            return OpResult(
                op.op_id,
                OpStatus.CONFLICT,
                op.row_id,
                version=current["version"] if current is not None else 0,
                seq=current["seq"] if current is not None else None,
                message_key="device_already_out",
                conflicts=[_c(cid, "device_ids", RESOLUTION_SERVER_KEPT)],
            )
        if not changed and not review and not co_cleared:
            assert current is not None
            return OpResult(
                op.op_id, OpStatus.APPLIED, op.row_id, current["version"], current["seq"]
            )
        version = current["version"] if current is not None else 0
        seq = current["seq"] if current is not None else None
        if changed:
            version, seq = self._write(
                tx, entity, op.row_id, current, {k: new_data[k] for k in changed}, scope
            )
            if entity == "handout":
                self._sync_open_devices(tx, op.row_id, new_data)
        conflicts = []
        # Auto fields: the client's value applied, the overwritten one kept (restorable);
        # review fields: the server's value kept, an open item for a person.
        for fields, status_, resolution in (
            (auto, ConflictStatus.RESOLVED, RESOLUTION_CLIENT_APPLIED),
            (review, ConflictStatus.OPEN, RESOLUTION_SERVER_KEPT),
        ):
            for name, base_json, server_value, value in fields:
                cid = self._open_conflict(
                    tx,
                    entity,
                    op,
                    scope,
                    kind=ConflictKind.FIELD,
                    field_name=name,
                    base_value=dumps(base_json),
                    server_value=dumps(server_value),
                    client_value=dumps(value),
                    status=status_,
                    resolution=resolution,
                )
                conflicts.append(_c(cid, name, resolution))
        if review:
            status = OpStatus.MERGED if changed else OpStatus.CONFLICT
            message_key = message_key or "field_conflict"
        elif auto or capacity_full or co_cleared:
            status = OpStatus.MERGED
            message_key = message_key or "field_conflict"
        else:
            status = OpStatus.APPLIED
        return OpResult(
            op.op_id,
            status,
            op.row_id,
            version=version,
            seq=seq,
            message_key=message_key,
            conflicts=conflicts,
        )

    def _validate(
        self,
        tx: _Tx,
        entity: str,
        row_id: UUID,
        data: dict[str, JSON],
        hints: _Hints,
        old_data: Mapping[str, JSON],
    ) -> dict[str, str]:
        try:
            obj = from_wire(ENTITIES[entity], row_id, data)
        except BAD_VALUE:
            return {"": "Des informations obligatoires manquent."}
        if entity == "participant":
            return validate_participant(obj, today=_latest_today())  # type: ignore[arg-type]
        if entity != "workshop":
            return validate(obj)
        registered, present, anonymous = tx.figures(row_id)
        return validate_workshop(
            obj,  # type: ignore[arg-type]
            registered=registered,
            identified_present=present + hints.present.get(row_id, 0),
            anonymous_total=max(anonymous, hints.anonymous.get(row_id, 0)),
            capacity_before=_int_or_none(old_data.get("capacity")),
            today=_latest_today(),
        )

    def _arrival(self, tx: _Tx, row_id: UUID, data: Mapping[str, JSON]) -> rules.Arrival | None:
        """Where a registration arriving as registered lands (``core.rules.arrival``)."""
        workshop = tx.get("workshop", _uuid_or_none(data.get("workshop_id")))
        if workshop is None:
            return None
        reg = models.SYNCED["registration"]
        live = (reg.c.workshop_id == workshop["id"]) & reg.c.deleted.is_(False)
        registered = (
            tx.conn_for("registration")
            .execute(
                sa.select(sa.func.count()).where(
                    live, reg.c.status == RegistrationStatus.REGISTERED.value, reg.c.id != row_id
                )
            )
            .scalar_one()
        )
        ranks = (
            tx.conn_for("registration")
            .execute(
                sa.select(reg.c.waitlist_rank).where(
                    live, reg.c.status == RegistrationStatus.WAITLIST.value
                )
            )
            .scalars()
        )
        return rules.arrival(
            capacity=workshop["capacity"],
            registered=int(registered),
            channel=str(data.get("channel") or ""),
            waitlist_ranks=list(ranks),
        )

    @staticmethod
    def _open_loan_devices(data: Mapping[str, JSON]) -> set[UUID]:
        """The devices a hand-out holds (``core.rules.devices_out``: any hand-out not
        returned, loan or gift, as on the laptop)."""
        ids = data.get("device_ids")
        returned = data.get("returned_at")
        return rules.devices_out(
            [str(d) for d in ids] if isinstance(ids, list) else [],
            None if returned is None else str(returned),
        )

    def _device_taken(self, tx: _Tx, handout_id: UUID, data: Mapping[str, JSON]) -> bool:
        devices = self._open_loan_devices(data)
        if not devices:
            return False
        ohd = models.open_handout_device.c
        other = tx.conn.execute(
            sa.select(ohd.device_id).where(
                ohd.device_id.in_(list(devices)), ohd.handout_id != handout_id
            )
        ).first()
        return other is not None

    def _sync_open_devices(self, tx: _Tx, handout_id: UUID, data: Mapping[str, JSON]) -> None:
        devices = self._open_loan_devices(data)
        ohd = models.open_handout_device
        have = {
            r[0]
            for r in tx.conn.execute(
                sa.select(ohd.c.device_id).where(ohd.c.handout_id == handout_id)
            )
        }
        if have - devices:
            tx.conn.execute(
                sa.delete(ohd).where(
                    ohd.c.handout_id == handout_id, ohd.c.device_id.in_(list(have - devices))
                )
            )
        for device in devices - have:
            tx.conn.execute(ohd.insert().values(device_id=device, handout_id=handout_id))

    def _open_conflict(
        self,
        tx: _Tx,
        entity: str,
        op: Op,
        scope: Scope,
        *,
        kind: ConflictKind,
        field_name: str = "",
        base_value: str = "",
        server_value: str = "",
        client_value: str = "",
        status: ConflictStatus = ConflictStatus.OPEN,
        resolution: str = "",
    ) -> str:
        conflict_id = uuid.uuid4()
        data = to_wire(
            from_wire(
                ENTITIES["sync_conflict"],
                conflict_id,
                {
                    "entity": entity,
                    "row_id": str(op.row_id),
                    "field_name": field_name,
                    "kind": kind.value,
                    "base_value": base_value,
                    "server_value": server_value,
                    "client_value": client_value,
                    "status": status.value,
                    "resolution": resolution if status is ConflictStatus.RESOLVED else "",
                    "op_id": str(op.op_id),
                    "author_name": tx.p.display_name,
                    "structure_id": str(scope.structure) if scope.structure else None,
                    "department_code": scope.department,
                },
            )
        )
        self._write(tx, "sync_conflict", conflict_id, None, data, scope)
        return str(conflict_id)

    def _write(
        self,
        tx: _Tx,
        entity: str,
        row_id: UUID,
        current: RowMapping | None,
        changes: Mapping[str, JSON],
        scope: Scope,
        *,
        deleted: bool = False,
    ) -> tuple[int, int]:
        """Write one row: version + 1, a new ``seq``, field versions of the changed fields."""
        smap = spec_map(entity)
        seq = tx.seq()
        assert tx.first_seq is not None
        values: dict[str, Any] = {smap[k].name: to_storage(smap[k], v) for k, v in changes.items()}
        version = 1 if current is None else int(current["version"]) + 1
        fv: dict[str, int] = {} if current is None else dict(current["field_versions"] or {})
        for name in changes:
            fv[name] = version
        if deleted:
            values["deleted"] = True
            values["deleted_at"] = tx.now
        meta: dict[str, Any] = {
            "version": version,
            "field_versions": fv,
            "seq": seq,
            "tx_seq": tx.first_seq,
            "updated_by_user": tx.p.actor_id,
            "updated_by_client": tx.client_id,
            "server_updated_at": tx.now,
        }
        if current is None:
            tx.insert(
                entity,
                {
                    "id": row_id,
                    "deleted": deleted,
                    "scope_department": scope.department,
                    "scope_structure": scope.structure,
                    **values,
                    **meta,
                },
            )
        else:
            tx.update(entity, row_id, {**values, **meta})
        tx.written(entity, row_id)
        return version, seq

    # --- server-side writes ---------------------------------------------------------

    def server_upsert(
        self,
        entity: str,
        row_id: UUID,
        data: Mapping[str, JSON],
        *,
        principal: Principal = SYSTEM,
    ) -> tuple[int, int | None]:
        """Create or update a row from the server side (CLI, imports), bumping the counter.

        Args:
            entity: Wire name.
            row_id: The row id.
            data: Wire values to set.
            principal: Who writes (the server itself by default).

        Returns:
            The row's ``(version, seq)``.

        Raises:
            ValueError: the values are invalid (French message).
        """
        errors = check_values(entity, data)
        if errors:
            raise ValueError("; ".join(f"{k or 'fiche'} : {v}" for k, v in errors.items()))
        with self.db.write() as conn:
            tx = _Tx(self, conn, principal, None)
            tx.lock({lock_key(entity, row_id)} | _decision_keys(entity, data))
            current = tx.get(entity, row_id)
            op = Op(
                op_id=uuid.uuid4(),
                client_seq=0,
                entity=entity,
                row_id=row_id,
                kind=OpKind.UPDATE if current is not None else OpKind.CREATE,
                base_version=int(current["version"]) if current is not None else 0,
                set=dict(data),
            )
            result = self._apply(tx, op, _Hints())
            tx.finish()
        if result.status is OpStatus.REJECTED:
            detail = "; ".join((result.errors or {}).values()) or str(result.message_key)
            raise ValueError(detail)
        return result.version, result.seq

    # --- pull and digest ------------------------------------------------------------

    def pull(
        self,
        p: Principal,
        client_id: UUID,
        cursor: str | None,
        limit: int,
        report: ClientReport | None = None,
    ) -> PullPage:
        """One page of changes after ``cursor`` in ``p``'s scope.

        The last page (the client is up to date) counts as a successful sync for the sync
        health, with the client's ``report`` if it sent one.

        Raises:
            BadRequest: bad cursor; ResyncNeeded: epoch or scope changed; NotFound/Forbidden:
                device.
        """
        rows, next_cursor, has_more, epoch = self._pull_rows(p, client_id, cursor, limit, report)
        changes = tuple(
            Change(
                seq=seq,
                tx_seq=tx_seq,
                entity=entity,
                id=UUID(wire[0]),
                version=int(wire[1]),
                deleted=wire[2],
                data=dict(zip(wire_columns(entity), wire[3:], strict=True)),
            )
            for seq, tx_seq, entity, wire in rows
        )
        return PullPage(
            changes=changes,
            next_cursor=next_cursor,
            has_more=has_more,
            server_time=utcnow().isoformat(),
            epoch=epoch,
        )

    def pull_json(
        self,
        p: Principal,
        client_id: UUID,
        cursor: str | None,
        limit: int,
        report: ClientReport | None = None,
    ) -> bytes:
        """``pull``'s page as its JSON body (``PullPage.to_json``, compact, UTF-8), encoded
        in one pass from the rows' wire lists: what the endpoint sends."""
        rows, next_cursor, has_more, epoch = self._pull_rows(p, client_id, cursor, limit, report)
        changes = [
            {
                "seq": seq,
                "tx_seq": tx_seq,
                "entity": entity,
                "id": wire[0],
                "version": wire[1],
                "deleted": wire[2],
                "data": dict(zip(wire_columns(entity), wire[3:], strict=True)),
            }
            for seq, tx_seq, entity, wire in rows
        ]
        body = {
            "changes": changes,
            "next_cursor": next_cursor,
            "has_more": has_more,
            "server_time": utcnow().isoformat(),
            "epoch": epoch,
        }
        return json_bytes(body)

    def _pull_rows(
        self,
        p: Principal,
        client_id: UUID,
        cursor: str | None,
        limit: int,
        report: ClientReport | None,
    ) -> tuple[list[tuple[int, int, str, list[JSON]]], str, bool, str]:
        """The rows of one pull page as ``(seq, tx_seq, entity, wire list)`` (the wire list is
        ``codec.tuple_reader``'s: id, version, deleted, then ``wire_columns(entity)``), with
        the next cursor, ``has_more`` and the epoch."""
        limit = max(1, min(limit, PULL_PAGE_MAX))
        with self._read_below_horizon() as (conn, bound):
            epoch = self.client_epoch(conn, p, client_id)
            after = cursor_position(cursor, epoch, p) if cursor else 0
            page, has_more = self._page(conn, p, after, limit, bound)
            stripped = strips_identifiers(p)
            rows = [
                (seq, int(row[1]), entity, tuple_reader(entity, stripped)(row[2:]))
                for seq, entity, row in page
            ]
            next_seq = page[-1][0] if page else after
        if not has_more:
            with self.db.write() as conn:
                record_sync(conn, client_id, report)
        return rows, encode_cursor(epoch, next_seq, p.scope_hash), has_more, epoch

    @contextmanager
    def _read_below_horizon(self) -> Iterator[tuple[Connection, int | None]]:
        """A read transaction and its horizon: a pull returns only what committed for good,
        nothing can commit below it later (docs/protocol.md, "Pull without gaps"); the rest
        comes at the next pull. The horizon is read first, in the statement that takes the
        read's snapshot, so the sessions it looks up are seen as close to that snapshot as
        can be (sequencing.XactSequencer). When it is held back only by a transaction that
        ended before its database could be seen (another database's, in a shared cluster),
        the read is taken once more: that transaction is no longer in progress there."""
        with self.db.read() as conn:
            bound, unplaced = self.sequencer.read_horizon(conn)
            if not unplaced:
                yield conn, bound
                return
        with self.db.read() as conn:
            yield conn, self.sequencer.horizon(conn)

    def _page(
        self, conn: Connection, p: Principal, after: int, limit: int, bound: int | None = None
    ) -> tuple[list[tuple[int, str, Sequence[Any]]], bool]:
        """The rows of one pull page: about ``limit`` rows after ``after`` (and below
        ``bound``, the sequencer's horizon) in ``p``'s scope, in seq order, never splitting a
        server transaction. Each row is ``seq, tx_seq, id, version, deleted`` then
        ``wire_columns(entity)``.

        Seqs are chosen first from the (scope, seq) indexes alone, so only the rows of the
        page are read in full.
        """

        def visible(entity: str, table: sa.Table) -> sa.ColumnElement[bool]:
            clause = read_clause(p, entity, table)
            return clause if bound is None else sa.and_(clause, table.c.seq < bound)

        # One statement for the first seqs of every table (each table's own index).
        names = list(models.SYNCED)
        params = {"after": after, "head_limit": limit + 1, "bound": bound}
        found = conn.execute(_heads(p, bound is not None, conn.dialect.name), params).all()
        per_table: dict[str, int] = {}
        seqs: list[tuple[int, int]] = []  # (seq, tx_seq)
        where: dict[int, str] = {}  # seq -> entity
        for t, seq_, tx_seq_ in found:
            entity = names[int(t)]
            per_table[entity] = per_table.get(entity, 0) + 1
            seqs.append((int(seq_), int(tx_seq_)))
            where[int(seq_)] = entity
        # Tables that had more than ``limit`` rows after ``after``.
        full = {entity for entity, n in per_table.items() if n > limit}
        seqs.sort()
        if not seqs:
            return [], False
        end = seqs[min(limit, len(seqs)) - 1][0]
        more = len(seqs) > limit
        if more:
            # Never split a server transaction: the rows of one transaction have
            # consecutive seqs, so take the following rows while they share its tx_seq.
            group = next(t for s, t in seqs if s == end)
            for s, t in seqs:
                if s > end and t == group:
                    end = s
            for entity, table in models.SYNCED.items():
                while True:
                    tail = conn.execute(
                        sa.select(table.c.seq, table.c.tx_seq)
                        .where(table.c.seq > end, visible(entity, table))
                        .order_by(table.c.seq)
                        .limit(200)
                    ).all()
                    same = [int(s) for s, t in tail if int(t) == group]
                    if not same:
                        break
                    where.update((s, entity) for s in same)
                    end = max(end, *same)
                    if len(same) < len(tail):
                        break
            more = any(s > end for s, _ in seqs) or any(
                conn.execute(
                    sa.select(table.c.id).where(table.c.seq > end, visible(entity, table)).limit(1)
                ).first()
                is not None
                for entity, table in models.SYNCED.items()
                if entity in full
            )
        rows: list[tuple[int, str, Sequence[Any]]] = []
        # Only the tables that have rows in the page (their first seqs are all known).
        present = {entity for seq_, entity in where.items() if seq_ <= end}
        params = {"after": after, "end": end, "bound": bound}
        for entity in models.SYNCED:
            if entity not in present:
                continue
            q = _page_rows(p, entity, bound is not None, conn.dialect.name)
            rows.extend((int(r[0]), entity, r) for r in conn.execute(q, params).all())
        rows.sort(key=lambda t: t[0])
        return rows, more

    def digest(self, p: Principal, client_id: UUID) -> DigestAnswer:
        """Count and order-independent hash per entity over ``p``'s scope, with the cursor
        of a client that has pulled all of it (the client compares cursors, never reads
        one)."""
        with self.db.read() as conn:
            epoch = self.client_epoch(conn, p, client_id)
            entities: dict[str, EntityDigest] = {}
            top = 0
            for entity, table in models.SYNCED.items():
                count = live = acc = 0
                q = sa.select(table.c.id, table.c.version, table.c.deleted, table.c.seq).where(
                    read_clause(p, entity, table)
                )
                for row_id, version, deleted, seq in conn.execute(q):
                    count += 1
                    live += 0 if deleted else 1
                    acc = digest_add(acc, row_hash(row_id, int(version), bool(deleted)))
                    top = max(top, int(seq))
                entities[entity] = EntityDigest(count=count, live_count=live, hash=str(acc))
        return DigestAnswer(
            seq=top, cursor=encode_cursor(epoch, top, p.scope_hash), entities=entities
        )


_MISSING: Any = object()

_S = TypeVar("_S")

#: Statements built once per read scope (``_heads``, ``_page_rows``), by their key.
_BY_SCOPE: dict[tuple[Any, ...], Any] = {}
_BY_SCOPE_MAX = 4096


def _built_once(key: tuple[Any, ...], build: Callable[[], _S]) -> _S:
    """The statement of ``key``, built by ``build`` the first time: its values are
    parameters, so it is built and keyed for SQLAlchemy's compiled cache once, not at every
    pull (the store is emptied past ``_BY_SCOPE_MAX`` scopes)."""
    stmt = _BY_SCOPE.get(key)
    if stmt is None:
        if len(_BY_SCOPE) >= _BY_SCOPE_MAX:
            _BY_SCOPE.clear()
        stmt = _BY_SCOPE[key] = build()
    return stmt  # type: ignore[no-any-return]


def _page_rows(p: Principal, entity: str, bounded: bool, dialect: str) -> sa.Select[Any]:
    """The rows of ``entity`` a pull page sends, ``seq > :after`` and ``seq <= :end`` (and
    ``< :bound`` when ``bounded``) in ``p``'s scope: ``seq, tx_seq, id, version, deleted``
    then ``wire_columns(entity)`` — everything a pull sends and nothing else
    (``field_versions`` is merge-only). One statement object per key (``_built_once``)."""

    def build() -> sa.Select[Any]:
        table = models.SYNCED[entity]
        as_read = sql_reader(dialect)
        after = sa.bindparam("after", type_=sa.BigInteger())
        end = sa.bindparam("end", type_=sa.BigInteger())
        bound = sa.bindparam("bound", type_=sa.BigInteger())
        return sa.select(
            table.c.seq,
            table.c.tx_seq,
            as_read(table.c.id),
            table.c.version,
            table.c.deleted,
            *(as_read(table.c[c]) for c in wire_columns(entity)),
        ).where(
            table.c.seq > after,
            table.c.seq <= end,
            read_clause(p, entity, table),
            table.c.seq < bound if bounded else sa.true(),
        )

    return _built_once(("page", entity, *read_scope(p), bounded, dialect), build)


def _heads(p: Principal, bounded: bool, dialect: str) -> sa.CompoundSelect[Any]:
    """The first seqs of every table in ``p``'s scope after ``:after`` (below ``:bound``
    when ``bounded``), at most ``:head_limit`` per table, as ``(t, seq, tx_seq)`` with
    ``t`` the table's index in ``models.SYNCED``.

    It is the longest statement a pull runs, once per page: it is kept short (tables
    aliased, the limit written into it at execution) so that psycopg keeps its parsed form
    (statements up to ``HEADS_MAX_CHARS``) instead of parsing it again at every pull. On
    PostgreSQL each table's select is in parentheses; SQLite, which has no such form, reads
    each from a subquery. One statement object per ``read_scope``, boundedness and dialect
    (``_built_once``).
    """

    def build() -> sa.CompoundSelect[Any]:
        after = sa.bindparam("after", type_=sa.BigInteger())
        bound = sa.bindparam("bound", type_=sa.BigInteger())
        limit = sa.bindparam("head_limit", type_=sa.Integer(), literal_execute=True)
        heads = []
        for i, (entity, table) in enumerate(models.SYNCED.items()):
            t = table.alias(f"t{i}")
            head = (
                sa.select(sa.literal_column(str(i), sa.Integer()).label("t"), t.c.seq, t.c.tx_seq)
                .where(
                    t.c.seq > after,
                    read_clause(p, entity, t),
                    t.c.seq < bound if bounded else sa.true(),
                )
                .order_by(t.c.seq)
                .limit(limit)
            )
            heads.append(head if dialect == "postgresql" else sa.select(head.subquery(f"h{i}")))
        return sa.union_all(*heads)

    return _built_once(("heads", *read_scope(p), bounded, dialect), build)


#: The longest statement psycopg keeps parsed (psycopg's ``MAX_CACHED_STATEMENT_LENGTH``):
#: the head query of a pull stays below it (``tests/server/test_pull_statements.py``).
HEADS_MAX_CHARS = 4096


#: The bound parameter of the row a deferred update writes (``_Tx.update``).
_WRITTEN_ID = "written_row_id"


# The statements a push runs for every op and a pull for every page are built once (per
# table, or per table and read scope) and take their values as parameters: neither built
# nor keyed for SQLAlchemy's compiled cache again at each call.


@cache
def _rows_by_id(entity: str) -> sa.Select[Any]:
    """The whole rows of ``entity`` whose ids are in ``:ids``."""
    table = models.SYNCED[entity]
    return sa.select(table).where(table.c.id.in_(sa.bindparam("ids", expanding=True)))


@cache
def _ledger_rows() -> sa.Select[Any]:
    """The ``applied_op`` rows of a batch, for both checks of every op: its op_id (in
    ``:op_ids``), or its client_seq (in ``:client_seqs``) from ``:client_id``."""
    ao = models.applied_op.c
    return sa.select(ao.op_id, ao.client_id, ao.client_seq, ao.request_hash, ao.result).where(
        sa.or_(
            ao.op_id.in_(sa.bindparam("op_ids", expanding=True)),
            sa.and_(
                ao.client_id == sa.bindparam("client_id"),
                ao.client_seq.in_(sa.bindparam("client_seqs", expanding=True)),
            ),
        )
    )


@cache
def _client_row(epoch: bool = False) -> sa.Select[Any]:
    """The ``sync_client`` row of ``:client_id`` (with ``epoch``, and the server's epoch as
    ``server_epoch``)."""
    sc = models.sync_client
    columns: list[Any] = [sc]
    if epoch:
        columns.append(
            sa.select(models.server_meta.c.epoch).scalar_subquery().label("server_epoch")
        )
    return sa.select(*columns).where(sc.c.client_id == sa.bindparam("client_id"))


@cache
def _row_writes(entity: str) -> tuple[sa.Insert, sa.Update]:
    """``entity``'s insert, and its update of the row ``:written_row_id``."""
    table = models.SYNCED[entity]
    return table.insert(), sa.update(table).where(table.c.id == sa.bindparam(_WRITTEN_ID))


def _figure_row(row: Sequence[Any]) -> tuple[int, int, int]:
    registered, present, anonymous = row
    return int(registered), int(present), int(anonymous or 0)


def _figure_columns(wid: sa.ColumnElement[Any]) -> tuple[sa.ScalarSelect[Any], ...]:
    """The three figures of the workshop ``wid`` as scalar subqueries."""
    reg = models.SYNCED["registration"]
    att = models.SYNCED["attendance"]
    anon = models.SYNCED["anonymous_counts"]
    return (
        sa.select(sa.func.count())
        .where(
            reg.c.workshop_id == wid,
            reg.c.status == RegistrationStatus.REGISTERED.value,
            reg.c.deleted.is_(False),
        )
        .scalar_subquery(),
        sa.select(sa.func.count())
        .where(
            att.c.workshop_id == wid,
            att.c.status == Presence.PRESENT.value,
            att.c.deleted.is_(False),
        )
        .scalar_subquery(),
        sa.select(sa.func.coalesce(sa.func.max(anon.c.total), 0))
        .where(anon.c.workshop_id == wid, anon.c.deleted.is_(False))
        .scalar_subquery(),
    )


@cache
def _figures_of() -> sa.Select[Any]:
    """``id`` and the three figures of each existing workshop of ``:workshop_ids``."""
    workshop = models.SYNCED["workshop"]
    return sa.select(workshop.c.id, *_figure_columns(workshop.c.id)).where(
        workshop.c.id.in_(sa.bindparam("workshop_ids", expanding=True))
    )


@cache
def _workshop_figures() -> sa.Select[int, int, int]:
    """One round trip for the three figures the workshop rules need (registered, present,
    largest anonymous total) of the workshop ``:workshop_id``; one statement object, so it
    is built and keyed for the compiled cache once."""
    wid = sa.bindparam("workshop_id", type_=models.SYNCED["workshop"].c.id.type)
    return sa.select(*_figure_columns(wid))


def _moves_scope(entity: str, current: RowMapping, changes: Mapping[str, JSON]) -> bool:
    """Whether ``changes`` rewrite a field that decides the row's scope (its structure,
    its département, or a child's workshop): those are fixed once the row exists."""
    smap = spec_map(entity)
    fixed = {SCOPE_STRUCTURE_FIELD.get(entity, ""), "department_code"}
    if entity in WORKSHOP_CHILDREN:
        fixed.add("workshop_id")
    if entity == "partnership_instalment":
        fixed.add("partnership_id")
    old = row_to_wire(entity, current)
    return any(
        name in changes and name in smap and changes[name] != old.get(name)
        for name in fixed
        if name
    )


def _written(
    entity: str, current: RowMapping | None, changes: Mapping[str, JSON]
) -> Mapping[str, JSON]:
    """The values ``changes`` really change (a field sent again unchanged is no write)."""
    if current is None:
        return changes
    old = row_to_wire(entity, current)
    return {k: v for k, v in changes.items() if old.get(k) != v}


def _fill_new_row(entity: str, data: dict[str, JSON], scope: Scope, p: Principal) -> None:
    """Fill what a laptop could not know when the row was made offline before its first
    login: the scope's structure and département, and the workshop's owner."""
    field_name = SCOPE_STRUCTURE_FIELD.get(entity)
    if field_name and not data.get(field_name) and scope.structure is not None:
        data[field_name] = str(scope.structure)
    if "department_code" in data and not data["department_code"] and entity != "department":
        data["department_code"] = scope.department
    if entity == "workshop" and not data.get("owner_id") and p.actor_id is not None:
        data["owner_id"] = str(p.actor_id)
        data["owner_name"] = data.get("owner_name") or p.display_name


def _base_value(smap: Mapping[str, Any], base: Mapping[str, JSON], name: str) -> JSON:
    if name not in base:
        return _MISSING
    try:
        return canonical(smap[name], base[name])
    except BAD_VALUE:
        return _MISSING


def _over_limits(op: Op) -> OpResult | None:
    """A ``rejected validation`` result when the op passes a bound of ``core.limits``
    (checked before anything of it is read or merged), else ``None``."""
    errors = check_op(op.entity, op.set, op.base)
    if not errors:
        return None
    return OpResult(op.op_id, OpStatus.REJECTED, op.row_id, message_key="validation", errors=errors)


def _c(conflict_id: str, field_name: str, resolution: str) -> dict[str, JSON]:
    return {"conflict_id": conflict_id, "field": field_name, "resolution": resolution}


def device_limit_message(cap: int) -> str:
    """The French answer to a device beyond the account's ``cap``."""
    return (
        f"Ce compte a déjà {cap} postes enregistrés, le maximum autorisé. Demandez à "
        "l’administrateur du serveur de révoquer un poste que vous n’utilisez plus, puis "
        "réessayez : vos saisies sur ce poste sont conservées."
    )


def _reused(op_id: UUID) -> Unprocessable:
    return Unprocessable(
        f"Le changement {op_id} a déjà été reçu avec un autre contenu : il a été mis de côté.",
        extra={"op_id": str(op_id)},
    )


def _audit(
    conn: Connection,
    p: Principal,
    client_id: UUID | None,
    action: str,
    *,
    entity: str | None = None,
    row_id: UUID | None = None,
    detail: str = "",
    at: datetime | None = None,
) -> None:
    """Append an audit event (ids and counts only: never personal data)."""
    conn.execute(
        models.audit_event.insert(),
        {
            "at": at or utcnow(),
            "user_id": p.user_id,
            "client_id": client_id,
            "action": action,
            "entity": entity,
            "row_id": row_id,
            "detail": detail[:200],
        },
    )


audit = _audit
