"""The sync engine: push the outbox, pull the server's changes, check the digest.

No Qt here: ``SyncController`` (ui) drives this engine on a worker thread, and the CLI's
``mediator-app sync`` calls it directly. One sync runs at a time per engine.

Guarantees (DESIGN §4): ops are pushed in ``client_seq`` order and are acknowledged in one
local transaction per batch; a rejected op is parked and shown, never dropped, and never
blocks the queue; each pulled page is applied together with its cursor in one transaction;
rows with unsent local changes are rebased (the local values of their pending fields win
until the server has decided); a 410 or a digest mismatch re-pulls from scratch while the
outbox is kept; the engine never deletes unsent local data.

The server's answers are typed messages (``core.messages``, docs/protocol.md); the pull
cursor is opaque: stored and sent back, never decoded.

No server can hold a run (docs/protocol.md, « Limits of the client »): a run has a deadline
(``run_deadline_s``, checked by the API client down to each chunk of a body), pulls at most
``max_pages`` pages (the rest waits for the next run, and the run says it is not complete),
and an op the server cannot take (413 on that op alone, or beyond ``core.limits`` before it
is sent) is parked with a French message while the queue behind it moves on. Repeated 413s
wait longer and longer, so no refusal turns into a loop.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import platform
import re
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from datetime import time as dt_time
from functools import cache, lru_cache
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Dialect, bindparam, delete, func, insert, select, update

from mediator_app.core import limits, texts
from mediator_app.core.entities import DEPARTMENT_ENTITIES, ENTITIES
from mediator_app.core.errors import CancelledError, KnownError, ServerError
from mediator_app.core.messages import (
    SNAPSHOT_PROTOCOL,
    Change,
    ClientReport,
    EntityDigest,
    MessageError,
    PushRequest,
    PushResponse,
    SnapshotPage,
)
from mediator_app.core.rules import REVIEW_DECISION_FIELDS
from mediator_app.core.wire import (
    MAX_BATCH_OPS,
    PULL_PAGE_MAX,
    SNAPSHOT_PAGE_DEFAULT,
    FieldKind,
    FieldSpec,
    Op,
    OpKind,
    OpStatus,
    digest_add,
    row_hash,
    spec_map,
    to_wire,
)
from mediator_app.local_store import crashpoints
from mediator_app.local_store.rows import entity_from_row, identity, to_db, wire_readers, wire_to_db
from mediator_app.local_store.schema import attention_item, entity_tables, outbox
from mediator_app.local_store.state import get_state, set_state
from mediator_app.local_store.unit_of_work import OUT_OF_BOUNDS, Store, out_of_bounds, park_op
from mediator_app.logsafe import log_unexpected
from mediator_app.sync.api_client import (
    APP_VERSION,
    MALFORMED_ANSWER,
    ApiClient,
    BatchTooLargeError,
    MalformedAnswerError,
    PayloadMismatchError,
    ResponseTooLargeError,
    ResyncRequiredError,
    UnknownClientError,
)

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
UNSENT_STATES = ("pending", "inflight", "parked")
ID_CHUNK = 400
#: Wall clock of one whole sync run (push, pull, digest), retries and slow bodies included.
RUN_DEADLINE_S = 300.0
#: Pull pages per run (250 × 2,000 rows at most); a longer catch-up goes on at the next run.
#: Pages are as large as the server allows (`PULL_PAGE_MAX`): fewer requests, one local
#: transaction each.
MAX_PULL_PAGES = 250
#: Snapshot pages per run (a bootstrap cut there starts again at the next run).
MAX_SNAPSHOT_PAGES = 5000
#: Children whose workshop only comes with the pull after a snapshot (kept in the store's
#: state until then: a workshop changed during the bootstrap has left the snapshot).
SNAPSHOT_ORPHANS = "snapshot_orphans"
_WORKSHOP_CHILDREN = ("anonymous_counts", "registration", "attendance")
#: The first wait after a 413 is this share of the client's backoff, doubled each time.
TOO_LARGE_BACKOFF = 0.1

#: ``conflicts[].resolution`` of an ``auto`` field: the later value applied, the overwritten
#: one kept in a resolved conflict (docs/protocol.md, per-op status).
RESOLUTION_CLIENT_APPLIED = "client_applied"
#: The notice of a co-facilitation the server cleared (the parent marked absent elsewhere).
CO_FACILITATION_NOTICE = "co_facilitation"

SERVER_REFUSES_SMALL = texts.template(
    "Le serveur refuse nos envois comme trop volumineux, même un petit changement seul : la "
    "synchronisation s’est arrêtée. Vos modifications restent enregistrées sur ce poste ; "
    "prévenez votre coordinateur·rice (réglage du serveur à vérifier)."
)


@dataclass
class SyncReport:
    """What one sync did, in figures (no personal data)."""

    pushed: int = 0
    parked: int = 0
    conflicts: int = 0
    pulled: int = 0
    #: Of ``pulled``, the rows that came in a snapshot (bootstrap or resync).
    snapshot_rows: int = 0
    #: Of those, children held until the pull brought their workshop (changed meanwhile).
    snapshot_held: int = 0
    requests: int = 0
    resynced: bool = False
    #: Rows, edits and deletions sent again to a server restored from a backup.
    restored: int = 0
    #: Notices opened in « À traiter » by this run: a field of this laptop overwritten by
    #: another laptop's later edit, a registration the server moved to the waitlist.
    notices: int = 0
    digest_checked: bool = False
    digest_ok: bool | None = None
    skipped: bool = False
    #: False when the run stopped with work left for the next one (``remaining`` says what).
    complete: bool = True
    remaining: str = ""
    duration_s: float = 0.0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}


def _now() -> datetime:
    return datetime.now(UTC)


class SyncEngine:
    """Push, pull and digest for one local store against one server.

    Args:
        store: the local store.
        api: a signed-in ``ApiClient``.
        batch_size: ops per push (<= ``MAX_BATCH_OPS``).
        pull_limit: rows per pull page.
        digest_every: run the digest check every N syncs (and after errors).
        run_deadline_s: wall clock of one run, whatever the server does.
        max_pages: pull pages per run.
        snapshot: bootstrap an empty cursor from a snapshot when the server serves one
            (``False``: always through pulls).
        snapshot_limit: rows per snapshot page.
    """

    def __init__(
        self,
        store: Store,
        api: ApiClient,
        *,
        batch_size: int = MAX_BATCH_OPS,
        pull_limit: int = PULL_PAGE_MAX,
        digest_every: int = 10,
        device_name: str | None = None,
        run_deadline_s: float = RUN_DEADLINE_S,
        max_pages: int = MAX_PULL_PAGES,
        snapshot: bool = True,
        snapshot_limit: int = SNAPSHOT_PAGE_DEFAULT,
    ) -> None:
        self.store = store
        self.api = api
        self.batch_size = min(batch_size, MAX_BATCH_OPS)
        self.pull_limit = pull_limit
        self.digest_every = digest_every
        self.device_name = device_name or platform.node() or "poste"
        self.run_deadline_s = run_deadline_s
        self.max_pages = max(1, max_pages)
        self.snapshot = snapshot
        self.snapshot_limit = max(1, snapshot_limit)
        self._lock = threading.Lock()
        #: Notices opened by the running sync (copied into its report at the end).
        self._notices = 0

    # --- entry point --------------------------------------------------------------

    def sync(
        self,
        *,
        cancel: Callable[[], bool] = lambda: False,
        progress: Progress | None = None,
        force_digest: bool = False,
    ) -> SyncReport:
        """Run one full sync: push until the outbox is empty (or only parked), then pull
        until up to date, then (every N syncs or after errors) compare digests.

        Raises:
            KnownError: network, auth, update required… (the outbox is kept intact).
            CancelledError: ``cancel()`` turned true between two steps.
        """
        report = SyncReport()
        if not self._lock.acquire(blocking=False):
            report.skipped = True
            return report
        start = time.monotonic()
        before = self.api.requests_made
        notify = progress or (lambda _s, _d, _t: None)
        self.api.deadline = self.api.clock() + self.run_deadline_s
        self._notices = 0
        try:
            client_id = self._ensure_registered()
            if self._server_restored():
                # Before pushing: queued edits of rows the restored server lost must become
                # their rows' creates, and their base versions the server's.
                self._resync(client_id, report, cancel, notify, restore=True)
            try:
                self._push(client_id, report, cancel, notify)
            except UnknownClientError:
                # The server lost or purged our registration: register again (the op ids
                # keep their exactly-once guarantee across client ids).
                log.warning("server does not know this client; registering again")
                client_id = self._ensure_registered(again=True)
                self._push(client_id, report, cancel, notify)
            try:
                self._pull(client_id, report, cancel, notify)
            except ResyncRequiredError as exc:
                log.warning("server asked for a resync (%s)", exc.reason)
                restore = exc.reason == "epoch_changed"
                self._resync(client_id, report, cancel, notify, restore=restore)
                if report.restored:
                    self._push(client_id, report, cancel, notify)
                    self._pull(client_id, report, cancel, notify)
            with self.store.engine.begin() as conn:
                count = int(get_state(conn, "sync_count", 0)) + 1
                had_errors = bool(get_state(conn, "last_sync_error", ""))
                set_state(conn, "sync_count", count)
            wants_digest = force_digest or had_errors or count % self.digest_every == 0
            if report.complete and wants_digest:
                self._check_digest(client_id, report, cancel, notify)
            with self.store.engine.begin() as conn:
                if report.complete:
                    set_state(conn, "last_sync_at", _now().isoformat())
                set_state(conn, "last_sync_error", "")
                set_state(conn, "sync_remaining", report.remaining)
            return report
        except KnownError as exc:
            self._record_error(exc)
            raise
        finally:
            self.api.deadline = None
            report.notices = self._notices
            self._reset_inflight()
            report.requests = self.api.requests_made - before
            report.duration_s = time.monotonic() - start
            self._lock.release()

    def _record_error(self, exc: KnownError) -> None:
        try:
            with self.store.engine.begin() as conn:
                set_state(conn, "last_sync_error", exc.code)
        except Exception as err:  # the store itself may be the problem; the sync error wins
            log_unexpected(log, "could not record the sync error", err)

    # --- registration -------------------------------------------------------------

    def _ensure_registered(self, *, again: bool = False) -> str:
        with self.store.read() as conn:
            client_id = get_state(conn, "client_id")
            device_id = get_state(conn, "device_id")
        if client_id and not again:
            return str(client_id)
        registered = self.api.register_device(str(device_id), self.device_name)
        with self.store.engine.begin() as conn:
            set_state(conn, "client_id", str(registered.client_id))
            set_state(conn, "server_epoch", registered.server_epoch)
        return str(registered.client_id)

    # --- push ---------------------------------------------------------------------

    def _reset_inflight(self) -> None:
        """Ops left in flight (a crash, a lost response) go back to pending: the server's
        ledger makes re-sending them safe."""
        with self.store.engine.begin() as conn:
            conn.execute(update(outbox).where(outbox.c.state == "inflight").values(state="pending"))

    def _take_batch(self, size: int) -> list[dict[str, Any]]:
        """The next pending ops in ``client_seq`` order, at most one per row (a second op
        on a row waits for the first's result so its base version is right); marked
        in flight so edits made meanwhile are not folded into them."""
        with self.store.engine.begin() as conn:
            rows = (
                conn.execute(
                    select(outbox)
                    .where(outbox.c.state == "pending")
                    .order_by(outbox.c.client_seq)
                    .limit(size)
                )
                .mappings()
                .all()
            )
            batch: list[dict[str, Any]] = []
            seen: set[UUID] = set()
            for r in rows:
                if r["row_id"] in seen:
                    break
                seen.add(r["row_id"])
                batch.append(dict(r))
            if batch:
                conn.execute(
                    update(outbox)
                    .where(outbox.c.client_seq.in_([b["client_seq"] for b in batch]))
                    .values(state="inflight", attempts=outbox.c.attempts + 1)
                )
        return batch

    @staticmethod
    def _op(r: dict[str, Any]) -> Op:
        """The op of an outbox row."""
        return Op(
            op_id=r["op_id"],
            client_seq=r["client_seq"],
            entity=r["entity"],
            row_id=r["row_id"],
            kind=OpKind(r["kind"]),
            base_version=r["base_version"],
            base=dict(r["base"] or {}),
            set=dict(r["changes"] or {}),
            client_time=r["created_at"].isoformat() if r["created_at"] else "",
        )

    def _counts(self) -> dict[str, int]:
        with self.store.read() as conn:
            rows = conn.execute(select(outbox.c.state, func.count()).group_by(outbox.c.state)).all()
        return {str(s): int(n) for s, n in rows}

    def _client_report(self) -> ClientReport:
        """What the server keeps for the coordination's sync health (counts only)."""
        counts = self._counts()
        return ClientReport(
            pending=counts.get("pending", 0) + counts.get("inflight", 0),
            parked=counts.get("parked", 0),
            app_version=APP_VERSION,
        )

    def _push(
        self, client_id: str, report: SyncReport, cancel: Callable[[], bool], notify: Progress
    ) -> None:
        self._reset_inflight()
        size = self.batch_size
        total = self._counts().get("pending", 0)
        done = 0
        refused = 0  # 413s in a row
        while True:
            if cancel():
                raise CancelledError()
            batch = self._sendable(self._take_batch(size), report)
            if not batch:
                if self._counts().get("pending", 0):
                    continue  # only unsendable ops were taken (now parked): the next ones
                break
            client_report = self._client_report()
            try:
                resp = self.api.push(
                    client_id,
                    str(uuid.uuid4()),
                    [self._op(b) for b in batch],
                    report=client_report,
                )
            except BatchTooLargeError:
                self._reset_inflight()
                refused += 1
                if len(batch) == 1:
                    self._too_large_alone(client_id, batch[0], report)
                size = max(1, len(batch) // 2)
                # Longer and longer waits: a server refusing everything is never hammered.
                self.api.pause(
                    min(self.api.backoff_cap, self.api.backoff * TOO_LARGE_BACKOFF * 2**refused)
                )
                continue
            except PayloadMismatchError as exc:
                self._reset_inflight()
                if len(batch) == 1:
                    self._park(batch[0], "payload_mismatch", str(exc.message))
                    report.parked += 1
                size = 1
                continue
            refused = 0
            size = min(self.batch_size, size * 2)  # back up after a halving
            crashpoints.hit("after_push_response_before_ack")
            self._apply_results(batch, resp, report)
            crashpoints.hit("after_push_ack")
            done += len(batch)
            notify("push", done, max(total, done))

    def _request_bytes(self, client_id: str, op: dict[str, Any]) -> int:
        """Length of the push body that carries ``op`` alone (before gzip: the server bounds
        the decompressed body too)."""
        body = PushRequest(
            client_id=UUID(client_id),
            batch_id=str(uuid.uuid4()),
            app_version=APP_VERSION,
            schema_version=0,
            ops=(self._op(op),),
        ).to_json()
        return len(json.dumps(body, separators=(",", ":")).encode())

    def _sendable(self, batch: list[dict[str, Any]], report: SyncReport) -> list[dict[str, Any]]:
        """The ops of ``batch`` the server can take; the others (beyond a bound of
        ``core.limits``, or alone longer than a request may be) are parked unsent, so they
        never block the queue behind them."""
        out: list[dict[str, Any]] = []
        for op in batch:
            detail = out_of_bounds(op["entity"], op["changes"] or {}, op["base"] or {})
            if detail is not None:
                self._park(op, OUT_OF_BOUNDS, detail)
                report.parked += 1
                continue
            if self._request_bytes("00000000-0000-0000-0000-000000000000", op) > (
                limits.MAX_REQUEST_BYTES
            ):
                self._park(op, "too_large", "")
                report.parked += 1
                continue
            out.append(op)
        if len(out) < len(batch):
            log.warning("%d op(s) beyond the server's bounds parked unsent", len(batch) - len(out))
        return out

    def _too_large_alone(self, client_id: str, op: dict[str, Any], report: SyncReport) -> None:
        """A 413 on one op alone: parked when it is large, so the ops behind it go on. A
        small one refused is the server's fault (its bound is below any the protocol
        knows): nothing is parked and the run stops with a French message.

        Raises:
            ServerError: the op refused alone is small.
        """
        size = self._request_bytes(client_id, op)
        if size < limits.MIN_REQUEST_BOUND:
            log.warning("413 on one op of %d bytes: the server refuses small requests", size)
            raise ServerError(texts.text(SERVER_REFUSES_SMALL))
        log.warning("413 on one op of %d bytes: parked", size)
        self._park(op, "too_large", f"{size} octets")
        report.parked += 1

    def _park(self, op: dict[str, Any], key: str, detail: str = "") -> None:
        with self.store.engine.begin() as conn:
            self._park_in(conn, op, key, detail, None)

    def _park_in(
        self,
        conn: Connection,
        op: dict[str, Any],
        key: str,
        detail: str,
        res: dict[str, Any] | None,
    ) -> None:
        park_op(conn, op, key, detail, res)

    def _apply_results(
        self, batch: list[dict[str, Any]], resp: PushResponse, report: SyncReport
    ) -> None:
        """Acknowledge a batch in one local transaction, with one statement per kind of
        write for the whole batch (acks, rebases of later ops) rather than per op."""
        by_op = resp.by_op()
        parked: list[tuple[dict[str, Any], str, dict[str, Any]]] = []
        acks: list[dict[str, Any]] = []
        rebases: list[dict[str, Any]] = []
        marked: list[dict[str, Any]] = []
        refused: list[UUID] = []
        waitlisted: list[dict[str, Any]] = []
        uncleared: list[dict[str, Any]] = []
        unchanged: list[dict[str, Any]] = []
        for op in batch:
            res = by_op.get(op["op_id"])
            if res is None:
                continue  # stays in flight -> pending again: re-sent next time
            # A replay (our earlier answer was lost): act on what was decided then.
            status = res.decided
            stored = res.to_json()
            if status is OpStatus.REJECTED:
                parked.append((op, res.message_key or "rejected", stored))
                report.parked += 1
                continue
            acks.append({"b_seq": op["client_seq"], "b_result": stored})
            # Later edits of this row were made on top of this op: their base is now the
            # version the server gave it.
            rebases.append(
                {"b_row": op["row_id"], "b_seq": op["client_seq"], "b_version": res.version}
            )
            report.pushed += 1
            if (
                status is OpStatus.APPLIED
                and not res.conflicts
                and op["kind"] == "update"
                and res.version == op["base_version"]
            ):
                # The server found nothing to change (an edit undone before it was sent):
                # its version does not move, so no pull brings the row back to settle it.
                unchanged.append(op)
            # Every conflict item the server recorded for the op marks the row.
            if status is OpStatus.CONFLICT or res.conflicts:
                report.conflicts += 1
                marked.append(op)
            if res.message_key == "capacity_full" and op["entity"] == "registration":
                waitlisted.append(op)
            if (
                res.message_key == "co_facilitation_cleared"
                and op["entity"] == "attendance"
                and (op["changes"] or {}).get("co_facilitated") is True
            ):
                # This laptop typed the co-facilitation; another had marked the parent absent.
                uncleared.append(op)
            if (
                status is OpStatus.CONFLICT
                and res.message_key == "device_already_out"
                and op["entity"] == "handout"
                and op["kind"] == "create"
            ):
                refused.append(op["row_id"])
        with self.store.engine.begin() as conn:
            for op, key, stored in parked:
                self._park_in(conn, op, key, "", stored)
            if acks:
                conn.execute(
                    update(outbox)
                    .where(outbox.c.client_seq == bindparam("b_seq"))
                    .values(
                        state="acked",
                        result=bindparam("b_result"),
                        acked_at=_now(),
                        last_error=None,
                    ),
                    acks,
                )
            if rebases:
                conn.execute(
                    update(outbox)
                    .where(
                        outbox.c.row_id == bindparam("b_row"),
                        outbox.c.client_seq > bindparam("b_seq"),
                        (outbox.c.state == "pending") | (outbox.c.state == "parked"),
                        outbox.c.base_version < bindparam("b_version"),
                    )
                    .values(base_version=bindparam("b_version")),
                    rebases,
                )
            for op in marked:
                self._set_row_state(conn, op["entity"], op["row_id"], "conflict")
            for op in unchanged:
                self._settle_unchanged(conn, op)
            for row_id in refused:
                self._drop_refused_handout(conn, row_id)
            for op in waitlisted:
                self._capacity_notice(conn, op)
            for op in uncleared:
                self._capacity_notice(conn, op, entity="attendance", key=CO_FACILITATION_NOTICE)

    def _notice(
        self,
        conn: Connection,
        *,
        entity: str,
        row_id: UUID,
        key: str,
        field_name: str = "",
        mine: Any = None,
        theirs: Any = None,
        client_seq: int | None = None,
        conflict_id: UUID | None = None,
    ) -> None:
        """Open a notice in « À traiter » (and on Accueil): something was decided for what
        this laptop typed; the person reads it and dismisses it (or restores their value)."""
        conn.execute(
            insert(attention_item).values(
                id=uuid.uuid4(),
                kind="notice",
                entity=entity,
                row_id=row_id,
                field_name=field_name,
                message_key=key,
                mine=mine,
                theirs=theirs,
                client_seq=client_seq,
                conflict_id=conflict_id,
                status="open",
                resolution="",
                created_at=_now(),
            )
        )
        self._notices += 1

    def _capacity_notice(
        self,
        conn: Connection,
        op: dict[str, Any],
        *,
        entity: str = "registration",
        key: str = "capacity",
    ) -> None:
        """The server put this laptop's registration on the waitlist (another laptop
        filled the workshop first, docs/protocol.md rule 10), or cleared the co-facilitation
        this op recorded (the parent was marked absent on another laptop): said once per
        op, even when the answer is replayed."""
        seen = conn.execute(
            select(attention_item.c.id).where(
                attention_item.c.kind == "notice",
                attention_item.c.client_seq == op["client_seq"],
            )
        ).first()
        if seen is None:
            self._notice(
                conn,
                entity=entity,
                row_id=op["row_id"],
                key=key,
                mine=op["changes"],
                client_seq=op["client_seq"],
            )

    @staticmethod
    def _drop_refused_handout(conn: Connection, row_id: UUID) -> None:
        """A hand-out the server refused (its device is already with another family) is
        never open here: the server holds no such row, so it leaves this laptop's lists
        without an op. What was typed stays in its « À traiter » card (the server keeps the
        sent row in the conflict), so the hand-out can be made again with another device.
        docs/architecture.md, « Where the shared rules live »: a device is out while a
        hand-out holds it."""
        table = entity_tables["handout"]
        conn.execute(
            update(table)
            .where(table.c.id == row_id, table.c.server_version == 0)
            .values(deleted=True, sync_state="conflict")
        )

    @staticmethod
    def _settle_unchanged(conn: Connection, op: dict[str, Any]) -> None:
        """An edit the server applied without a new version: the row is the server's at
        that version, so it is synced unless another edit of it is still unsent (then the
        pull that brings that edit's version settles it)."""
        table = entity_tables.get(op["entity"])
        if table is None:
            return
        unsent = (
            select(outbox.c.client_seq)
            .where(outbox.c.row_id == op["row_id"], outbox.c.state.in_(UNSENT_STATES))
            .exists()
        )
        conn.execute(
            update(table)
            .where(
                table.c.id == op["row_id"],
                table.c.server_version == op["base_version"],
                table.c.sync_state == "local",
                ~unsent,
            )
            .values(sync_state="synced")
        )

    @staticmethod
    def _set_row_state(conn: Connection, entity: str, row_id: UUID, state: str) -> None:
        table = entity_tables.get(entity)
        if table is not None:
            conn.execute(update(table).where(table.c.id == row_id).values(sync_state=state))

    # --- pull ---------------------------------------------------------------------

    def _pull(
        self,
        client_id: str,
        report: SyncReport,
        cancel: Callable[[], bool],
        notify: Progress,
        *,
        force: bool = False,
        seen: dict[str, set[UUID]] | None = None,
        newer_here: dict[str, dict[UUID, Change]] | None = None,
    ) -> None:
        """Pull pages until up to date. ``newer_here`` (after a restore): rows this laptop
        holds at a later version than the server's are not overwritten but collected
        there, with what the server sent."""
        with self.store.read() as conn:
            cursor = "" if force else str(get_state(conn, "cursor", "") or "")
        if not cursor and self._snapshot_served():
            # An empty laptop or a resync: each row's state once, then the changes since.
            try:
                cursor = self._bootstrap(
                    client_id, report, cancel, notify, force=force, seen=seen, newer_here=newer_here
                )
            except _SnapshotCut:
                return
        # Pages received but not yet committed (latest change of each row, in seq order).
        held: dict[tuple[str, UUID], Change] = {}
        # Sent with every page (a sync with nothing to push makes no push request); the
        # server keeps it when it serves the last page.
        client_report = self._client_report()
        limit = self.pull_limit
        pages = 0
        empty = 0  # pages in a row that said "more" and held nothing
        while True:
            if cancel():
                raise CancelledError()
            if pages >= self.max_pages:
                # The rest waits for the next run; the run says so (never "up to date").
                log.info("pull stopped after %d pages; the rest at the next sync", pages)
                report.complete = False
                report.remaining = "pull"
                return
            pages += 1
            try:
                page = self.api.pull(client_id, cursor, limit, report=client_report)
            except ResponseTooLargeError:
                if limit <= 1:
                    raise
                limit = max(1, limit // 2)  # fewer rows per page, the same cursor
                continue
            # Opaque: kept as received and sent back with the next page.
            cursor = page.next_cursor
            report.pulled += len(page.changes)
            more = page.has_more
            empty = empty + 1 if more and not page.changes else 0
            if empty:
                # "More" with nothing in it: wait longer each time rather than spin.
                self.api.pause(min(self.api.backoff_cap, self.api.backoff * 2 ** (empty - 1)))
            for ch in page.changes:
                key = (ch.entity, ch.id)
                held.pop(key, None)
                held[key] = ch
            try:
                self._apply_page(
                    list(held.values()),
                    cursor,
                    page.epoch,
                    force=force,
                    seen=seen,
                    complete=not more,
                    newer_here=newer_here,
                )
            except _ParentNotYetPulled:
                # A child came before its workshop (the workshop changed later, so its
                # seq is further on): commit this page together with the next one.
                continue
            held.clear()
            crashpoints.hit("after_pull_page_commit")
            notify("pull", report.pulled, report.pulled + (1 if more else 0))
            if not more:
                break

    def _apply_page(
        self,
        changes: list[Change],
        cursor: str,
        epoch: str,
        *,
        force: bool,
        seen: dict[str, set[UUID]] | None,
        complete: bool = True,
        newer_here: dict[str, dict[UUID, Change]] | None = None,
    ) -> None:
        by_entity: dict[str, list[Change]] = defaultdict(list)
        for ch in changes:
            if ch.entity in entity_tables:  # entities of a newer server are skipped
                by_entity[ch.entity].append(ch)
        with self.store.engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
            for name in ENTITIES:  # parents first
                rows = by_entity.get(name)
                if rows:
                    self._apply_entity(conn, name, rows, force=force, newer_here=newer_here)
                    if seen is not None:
                        seen[name].update(r.id for r in rows)
                    crashpoints.hit("mid_pull_page")
            if not complete and self._orphans(conn, by_entity):
                raise _ParentNotYetPulled()  # rolls the page back; it is kept in memory
            if complete:
                self._apply_held_orphans(conn, seen, newer_here)
            set_state(conn, "cursor", cursor)
            if epoch:
                set_state(conn, "server_epoch", epoch)

    # --- snapshot -----------------------------------------------------------------

    def _snapshot_served(self) -> bool:
        """Whether the server serves snapshots (``/health`` says its protocol); an older
        server, or one that cannot say, is bootstrapped through pulls."""
        if not self.snapshot:
            return False
        try:
            protocol = self.api.health().get("protocol_version")
        except KnownError as exc:
            log.info("health check before the bootstrap failed (%s): pulling", exc.code)
            return False
        return isinstance(protocol, int) and protocol >= SNAPSHOT_PROTOCOL

    def _bootstrap(
        self,
        client_id: str,
        report: SyncReport,
        cancel: Callable[[], bool],
        notify: Progress,
        *,
        force: bool,
        seen: dict[str, set[UUID]] | None,
        newer_here: dict[str, dict[UUID, Change]] | None,
    ) -> str:
        """Apply a snapshot of every entity (parents first), one local transaction per
        page, and return its token: the cursor the pull goes on from, stored with the last
        page. Rows are applied as pulled rows are (``_apply_entity``: versions, rebase on
        unsent ops, restore); a child whose workshop left the snapshot (changed meanwhile)
        waits in the state until the pull brings the workshop (docs/protocol.md,
        « Snapshot »). Interrupted, it leaves the cursor as it was: the next run starts a
        new snapshot over what this one applied."""
        names = [n for n in ENTITIES if n in entity_tables]  # parents first
        token = ""
        epoch = ""
        waiting: list[Change] = []
        # Workshops this run inserted (wire ids): their children need no lookup.
        inserted: set[str] = set()
        pages = 0
        limit = self.snapshot_limit
        ask: tuple[int, str | None] | None = (0, None)  # (entity, after) of the next page
        # The next page is read (one worker, the only user of the API client meanwhile)
        # while this one is written: the server's time and the laptop's overlap.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="snapshot") as reader:
            ahead: Future[SnapshotPage] | None = None
            while ask is not None:
                i, after = ask
                name = names[i]
                if cancel():
                    raise CancelledError()
                if pages >= MAX_SNAPSHOT_PAGES:
                    log.info("snapshot stopped after %d pages; again at the next sync", pages)
                    report.complete = False
                    report.remaining = "pull"
                    raise _SnapshotCut()
                pages += 1
                if ahead is None:
                    ahead = reader.submit(self.api.snapshot, client_id, name, token, after, limit)
                try:
                    page = ahead.result()
                except ResponseTooLargeError:
                    if limit <= 1:
                        raise
                    limit = max(1, limit // 2)
                    continue
                finally:
                    ahead = None
                self._check_snapshot_page(page, name, token, after)
                if not token and page.entities is not None:
                    # The first page names the entities with rows: no page of the others
                    # (a new laptop of a small structure asks a few pages, not 17).
                    filled = set(page.entities)
                    names = names[:1] + [n for n in names[1:] if n in filled]
                token, epoch = page.snapshot, page.epoch
                if page.has_more:
                    ask = (i, page.next_after)
                else:
                    ask = (i + 1, None) if i + 1 < len(names) else None
                if ask is not None:
                    ahead = reader.submit(
                        self.api.snapshot, client_id, names[ask[0]], token, ask[1], limit
                    )
                with self.store.engine.begin() as conn:
                    conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
                    ready, orphans = self._split_page_orphans(conn, page, inserted)
                    if ready:
                        fresh = self._apply_snapshot_rows(
                            conn, page, ready, force=force, newer_here=newer_here
                        )
                        if name == "workshop":
                            inserted.update(page.rows[i][0] for i in fresh)
                waiting += [page.change(i) for i in orphans]
                if seen is not None:
                    seen[name].update(page.ids)
                report.pulled += len(page.rows)
                report.snapshot_rows += len(page.rows)
                notify("pull", report.pulled, report.pulled + 1)
        with self.store.engine.begin() as conn:
            set_state(conn, "cursor", token)
            if epoch:
                set_state(conn, "server_epoch", epoch)
            set_state(conn, SNAPSHOT_ORPHANS, [c.to_json() for c in waiting])
        report.snapshot_held = len(waiting)
        if waiting:
            log.info("%d row(s) of the snapshot wait for their workshop", len(waiting))
        return token

    def _apply_snapshot_rows(
        self,
        conn: Connection,
        page: SnapshotPage,
        rows: list[int],
        *,
        force: bool,
        newer_here: dict[str, dict[UUID, Change]] | None,
    ) -> list[int]:
        """Apply rows (indices) of one snapshot page: rows new to this laptop (no local row,
        no unsent op, no open conflict) go in straight from the page's lists through one
        precompiled positional insert on the driver's connection, inside this page's
        transaction; every other row takes the careful way of pulled rows
        (``_apply_entity``). Returns the rows inserted the straight way."""
        name = page.entity
        plan = _insert_plan(name, page.columns, conn.dialect)
        if plan is None or name == "sync_conflict":
            changes = [page.change(i) for i in rows]
            self._apply_entity(conn, name, changes, force=force, newer_here=newer_here)
            return []
        ids = page.ids
        known = _known_ids(conn, name, [ids[i] for i in rows])
        careful = [i for i in rows if ids[i] in known] if known else []
        fresh = [i for i in rows if ids[i] not in known] if careful else rows
        if careful:
            changes = [page.change(i) for i in careful]
            self._apply_entity(conn, name, changes, force=force, newer_here=newer_here)
        if fresh:
            sql, build = plan
            params = build([ids[i] for i in fresh], [page.rows[i] for i in fresh], _now())
            conn.connection.driver_connection.executemany(sql, params)  # type: ignore[union-attr]
        return fresh

    @staticmethod
    def _check_snapshot_page(page: SnapshotPage, asked: str, token: str, after: str | None) -> None:
        """A page of another entity or snapshot, or one that does not move forward, is an
        answer we cannot use (so a server cannot hold the run in a loop).

        Raises:
            MalformedAnswerError: the page does not continue what was asked.
        """
        problem = ""
        if page.entity != asked:
            problem = "another entity"
        elif token and page.snapshot != token:
            problem = "another snapshot"
        elif page.has_more and after is not None and UUID(str(page.next_after)) <= UUID(after):
            problem = "next_after does not move forward"
        elif page.has_more and not page.rows:
            problem = "an empty page with more to come"
        if problem:
            log.warning("unusable snapshot page: %s", problem)
            raise MalformedAnswerError(texts.text(MALFORMED_ANSWER))

    @staticmethod
    def _split_orphans(
        conn: Connection, name: str, changes: list[Change]
    ) -> tuple[list[Change], list[Change]]:
        """The rows that can be written now, and the children whose workshop is not in the
        store (yet)."""
        if name not in _WORKSHOP_CHILDREN:
            return changes, []
        wids = [c.data.get("workshop_id") for c in changes]
        here = _workshops_here(conn, wids)
        ok: list[Change] = []
        orphans: list[Change] = []
        for c, wid in zip(changes, wids, strict=True):
            (ok if wid and str(wid) in here else orphans).append(c)
        return ok, orphans

    @staticmethod
    def _split_page_orphans(
        conn: Connection, page: SnapshotPage, inserted: set[str]
    ) -> tuple[list[int], list[int]]:
        """``_split_orphans`` over a snapshot page's rows, by index; workshops in
        ``inserted`` (wire ids this run wrote, committed) are taken as here unread."""
        everything = list(range(len(page.rows)))
        if page.entity not in _WORKSHOP_CHILDREN:
            return everything, []
        if "workshop_id" not in page.columns:
            return [], everything
        at = 3 + page.columns.index("workshop_id")
        wids = [row[at] for row in page.rows]
        # Workshops this run inserted need no lookup (any other value is looked up as text).
        fresh = [type(w) is str and w in inserted for w in wids]
        here = _workshops_here(conn, [w for w, f in zip(wids, fresh, strict=True) if not f])
        ok: list[int] = []
        orphans: list[int] = []
        for i, wid in enumerate(wids):
            (ok if wid and (fresh[i] or str(wid) in here) else orphans).append(i)
        return ok, orphans

    def _apply_held_orphans(
        self,
        conn: Connection,
        seen: dict[str, set[UUID]] | None,
        newer_here: dict[str, dict[UUID, Change]] | None,
    ) -> None:
        """At the end of a pull: the snapshot's children whose workshop has come since (a
        later version pulled meanwhile wins: never forced)."""
        held = get_state(conn, SNAPSHOT_ORPHANS, None)
        if not held:
            return
        try:
            changes = [Change.from_json(c) for c in held]
        except MessageError:
            log.warning("unreadable rows held from a snapshot dropped; resync to recover")
            set_state(conn, SNAPSHOT_ORPHANS, [])
            return
        still: list[Change] = []
        for name in _WORKSHOP_CHILDREN:
            rows, orphans = self._split_orphans(
                conn, name, [c for c in changes if c.entity == name]
            )
            if rows:
                self._apply_entity(conn, name, rows, force=False, newer_here=newer_here)
            still += orphans
        if still:
            # A workshop outside what this laptop sees: nothing can hold the row.
            log.warning("%d row(s) of the snapshot without their workshop dropped", len(still))
        set_state(conn, SNAPSHOT_ORPHANS, [])

    @staticmethod
    def _orphans(conn: Connection, by_entity: dict[str, list[Change]]) -> bool:
        """Whether a child of this page points at a workshop not in the store yet (only
        this page's workshop ids are looked up, not the whole database)."""
        wanted = {
            str(ch.data["workshop_id"])
            for name in ("anonymous_counts", "registration", "attendance")
            for ch in by_entity.get(name, [])
            if ch.data.get("workshop_id")
        }
        if not wanted:
            return False
        ids = [UUID(w) for w in wanted]
        w = entity_tables["workshop"]
        found = 0
        for chunk in _chunks(ids, ID_CHUNK):
            found += int(
                conn.execute(
                    select(func.count()).select_from(w).where(w.c.id.in_(chunk))
                ).scalar_one()
            )
        return found < len(ids)

    def _apply_entity(
        self,
        conn: Connection,
        name: str,
        rows: list[Change],
        *,
        force: bool,
        newer_here: dict[str, dict[UUID, Change]] | None = None,
    ) -> None:
        table = entity_tables[name]
        ids = [r.id for r in rows]
        local: dict[UUID, int] = {}
        pending: dict[UUID, set[str]] = defaultdict(set)
        attention: set[UUID] = set()
        for chunk in _chunks(ids, ID_CHUNK):
            for row_id, version in conn.execute(
                select(table.c.id, table.c.server_version).where(table.c.id.in_(chunk))
            ):
                local[row_id] = int(version)
            for row_id, kind, changes in conn.execute(
                select(outbox.c.row_id, outbox.c.kind, outbox.c.changes).where(
                    outbox.c.row_id.in_(chunk), outbox.c.state.in_(UNSENT_STATES)
                )
            ):
                pending[row_id].update(changes or {})
                pending[row_id].add("__delete__" if kind == "delete" else "__op__")
            attention.update(
                conn.execute(
                    select(attention_item.c.row_id).where(
                        attention_item.c.row_id.in_(chunk), attention_item.c.status == "open"
                    )
                ).scalars()
            )
        inserts: list[dict[str, Any]] = []
        updates: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
        for r, row_id in zip(rows, ids, strict=True):
            version = r.version
            known = local.get(row_id)
            if known is not None and known >= version and not force:
                continue
            if newer_here is not None and known is not None and known > version:
                # The server went back in time (a restore): this laptop's row is the later
                # one; what the server lacks of it is sent again (``_catch_up``).
                newer_here[name][row_id] = r
                continue
            values = wire_to_db(name, r.data)
            mine = pending.get(row_id)
            if mine:
                # Rebase: the server's values everywhere except the fields still unsent.
                values = {k: v for k, v in values.items() if k not in mine}
                state = "local"
            else:
                state = "conflict" if row_id in attention else "synced"
            meta = {"server_version": version, "sync_state": state}
            if not mine or "__delete__" not in mine:
                meta["deleted"] = r.deleted
            if known is None:
                inserts.append(
                    {
                        "id": row_id,
                        **_defaults(name),
                        **values,
                        **meta,
                        "updated_at": _now(),
                        "created_at": _now(),
                    }
                )
            else:
                changed = {**values, **meta}
                updates[tuple(changed)].append(
                    {"b_id": row_id, **{f"v_{k}": v for k, v in changed.items()}}
                )
        for keys, params in updates.items():
            # One statement per set of columns, run over all its rows.
            conn.execute(
                update(table)
                .where(table.c.id == bindparam("b_id"))
                .values({k: bindparam(f"v_{k}") for k in keys}),
                params,
            )
        if inserts:
            # Same keys on every row so one executemany covers the page.
            conn.execute(insert(table), inserts)
        if name == "sync_conflict":
            self._mirror_conflicts(conn, rows)

    def _mirror_conflicts(self, conn: Connection, rows: Iterable[Change]) -> None:
        """Server conflicts become (or close) local « À traiter » items."""
        for r in rows:
            data = r.data  # the conflict row's wire fields
            conflict_id = r.id
            is_open = data.get("status") == "open" and not r.deleted
            existing = conn.execute(
                select(attention_item.c.id).where(attention_item.c.conflict_id == conflict_id)
            ).scalar()
            if existing is None:
                if not is_open:
                    self._overwritten_notice(conn, r)
                    continue
                # « Votre valeur » is this laptop's: the sent value on the laptop that sent
                # the op, the value the server kept on every other one.
                op_id = data.get("op_id")
                ours = op_id is not None and (
                    conn.execute(
                        select(outbox.c.client_seq).where(outbox.c.op_id == UUID(str(op_id)))
                    ).first()
                    is not None
                )
                mine, theirs = (
                    (data.get("client_value"), data.get("server_value"))
                    if ours
                    else (data.get("server_value"), data.get("client_value"))
                )
                conn.execute(
                    insert(attention_item).values(
                        id=uuid.uuid4(),
                        kind="conflict",
                        entity=str(data.get("entity", "")),
                        row_id=UUID(str(data.get("row_id"))),
                        field_name=str(data.get("field_name", "")),
                        message_key=str(data.get("kind", "field")),
                        mine=mine,
                        theirs=theirs,
                        conflict_id=conflict_id,
                        status="open",
                        resolution="",
                        created_at=_now(),
                    )
                )
            elif not is_open:
                conn.execute(
                    update(attention_item)
                    .where(
                        attention_item.c.id == existing,
                        attention_item.c.status == "open",
                        # A notice is closed by the person who reads it, not by a re-pull.
                        attention_item.c.kind != "notice",
                    )
                    .values(
                        status="resolved",
                        resolution=str(data.get("resolution", "")),
                        resolved_at=_now(),
                    )
                )

    def _overwritten_notice(self, conn: Connection, r: Change) -> None:
        """An ``auto`` field merged by the server (docs/protocol.md rule 9: the later edit
        applied, the overwritten value kept in a resolved conflict): when the overwritten
        value is this laptop's own last edit of that field, the person is told, with their
        value and the kept one. Only this laptop decides that (the server does not know who
        typed the overwritten value), from its own outbox."""
        data = r.data
        if (
            r.deleted
            or data.get("kind") != "field"
            or data.get("resolution") != RESOLUTION_CLIENT_APPLIED
            or not data.get("field_name")
        ):
            return
        field_name = str(data["field_name"])
        try:
            row_id = UUID(str(data.get("row_id")))
            winner = UUID(str(data.get("op_id"))) if data.get("op_id") else None
        except ValueError:
            return
        mine_ops = conn.execute(
            select(outbox.c.op_id, outbox.c.changes, outbox.c.state)
            .where(outbox.c.row_id == row_id)
            .order_by(outbox.c.client_seq.desc())
        ).all()
        if winner is not None and any(op_id == winner for op_id, _c, _s in mine_ops):
            return  # this laptop's value is the one kept
        last = next(
            (
                changes
                for _op, changes, state in mine_ops
                if state != "archived" and field_name in (changes or {})
            ),
            None,
        )
        overwritten = _json_value(data.get("server_value"))
        if last is None or last[field_name] != overwritten:
            return  # this laptop did not type the overwritten value (or typed again since)
        entity = str(data.get("entity", ""))
        self._notice(
            conn,
            entity=entity,
            row_id=row_id,
            # A co-facilitation cleared by an absent mark is not restorable.
            key=(
                CO_FACILITATION_NOTICE
                if (entity, field_name) == ("attendance", "co_facilitated")
                else "overwritten"
            ),
            field_name=field_name,
            mine=overwritten,
            theirs=_json_value(data.get("client_value")),
            conflict_id=r.id,
        )

    # --- resync and digest --------------------------------------------------------

    def _resync(
        self,
        client_id: str,
        report: SyncReport,
        cancel: Callable[[], bool],
        notify: Progress,
        only: set[str] | None = None,
        *,
        restore: bool = False,
    ) -> None:
        """Pull everything again from an empty cursor, keeping the outbox.

        After a scope change or a digest mismatch, the server-known rows the server no
        longer sends (scope left) and that have no unsent op are dropped. After a restore
        (``restore``: a new server epoch) nothing is dropped: absent is not deleted
        (docs/architecture.md, « A server restored from a backup »); what the server lacks
        is queued again (``_catch_up``)."""
        seen: dict[str, set[UUID]] = defaultdict(set)
        newer_here: dict[str, dict[UUID, Change]] | None = defaultdict(dict) if restore else None
        self._pull(client_id, report, cancel, notify, force=True, seen=seen, newer_here=newer_here)
        report.resynced = True
        if newer_here is not None:
            # A run cut short (page cap) has not seen every row: the unseen ones are not
            # known to be lost yet, so only the rows seen at an older version are caught up.
            report.restored += self._catch_up(seen, newer_here, report, absent=report.complete)
            return
        if not report.complete:
            # Rows not seen yet may simply be in the pages still to come: drop nothing.
            return
        with self.store.engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
            unsent = set(
                conn.execute(
                    select(outbox.c.row_id).where(outbox.c.state.in_(UNSENT_STATES))
                ).scalars()
            )
            for name in reversed(list(ENTITIES)):  # children first
                if only is not None and name not in only:
                    continue
                table = entity_tables[name]
                known = conn.execute(select(table.c.id).where(table.c.server_version > 0)).scalars()
                gone = [i for i in known if i not in seen[name] and i not in unsent]
                for chunk in _chunks(gone, ID_CHUNK):
                    conn.execute(delete(table).where(table.c.id.in_(chunk)))

    def _server_restored(self) -> bool:
        """Whether the server has a new epoch while ops wait to be pushed (the pull would
        say so too, but only after the push: too late for edits of rows it lost)."""
        with self.store.read() as conn:
            epoch = str(get_state(conn, "server_epoch", "") or "")
            waiting = conn.execute(
                select(outbox.c.client_seq).where(outbox.c.state == "pending").limit(1)
            ).first()
        if not epoch or waiting is None:
            return False
        try:
            current = self.api.health().get("epoch")
        except KnownError as exc:
            # Not a reason to stop: the push says what is wrong, and a restore not seen
            # here is still caught by the pull's 410.
            log.info("health check before the push failed (%s)", exc.code)
            return False
        return isinstance(current, str) and bool(current) and current != epoch

    def _catch_up(
        self,
        seen: dict[str, set[UUID]],
        newer_here: dict[str, dict[UUID, Change]],
        report: SyncReport,
        *,
        absent: bool = True,
    ) -> int:
        """Queue, as new ops, what a server restored from a backup lacks: every row this
        laptop holds that the server no longer has (a ``create`` with all its fields), and
        for rows it holds at an older version, this laptop's later fields or deletion.
        Queued edits are rebased on the server's version. Coordinators send only what they
        write (partnerships, school targets, review decisions): their copies of the
        structures' rows are stripped, the structures' laptops send those. An op beyond a
        bound of ``core.limits`` is parked as it is queued (counted in ``report.parked``).
        Returns how many ops were queued."""
        queued = 0
        coordinator = self.store.identity.is_coordinator
        with self.store.write() as tx:
            conn = tx.conn
            conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
            waiting: dict[UUID, set[str]] = defaultdict(set)
            for row_id, changes in conn.execute(
                select(outbox.c.row_id, outbox.c.changes).where(outbox.c.state == "pending")
            ):
                waiting[row_id].update(changes or {})
            for name, cls in ENTITIES.items():  # parents first: their creates go first
                table = entity_tables[name]
                writes_all = not coordinator or name in DEPARTMENT_ENTITIES
                held = {
                    r["id"]: r
                    for r in conn.execute(select(table).where(table.c.server_version > 0))
                    .mappings()
                    .all()
                }
                unseen = [i for i in held if i not in seen[name]] if absent else []
                lost = [held[i] for i in unseen if not held[i]["deleted"] and writes_all]
                dropped = [i for i in unseen if held[i]["deleted"] or not writes_all]
                for chunk in _chunks(dropped, ID_CHUNK):
                    # A tombstone the server never had, or (coordinators) another
                    # structure's copy: nothing of it to send.
                    conn.execute(delete(table).where(table.c.id.in_(chunk)))
                # A lost row's queued edit becomes its create: counted, not queued twice.
                tx.resend([entity_from_row(cls, r) for r in lost])
                queued += len(lost)
                for row_id, change in newer_here.get(name, {}).items():
                    mine = held[row_id]
                    if mine["deleted"] and not change.deleted:
                        fix: dict[str, Any] | None = None
                    else:
                        local = to_wire(entity_from_row(cls, mine))
                        fix = {
                            k: v
                            for k, v in local.items()
                            if k in change.data
                            and change.data[k] != v
                            and k not in waiting.get(row_id, ())
                            and (writes_all or k in REVIEW_DECISION_FIELDS.get(name, ()))
                        }
                    if fix is not None and not fix and row_id not in waiting:
                        continue
                    parked = False
                    if fix is None or fix:
                        parked = tx.queue_catch_up(name, row_id, change.version, change.data, fix)
                        queued += 1
                    conn.execute(
                        update(outbox)
                        .where(outbox.c.row_id == row_id, outbox.c.state == "pending")
                        .values(base_version=change.version)
                    )
                    conn.execute(
                        update(table)
                        .where(table.c.id == row_id)
                        .values(
                            server_version=change.version,
                            sync_state="conflict" if parked else "local",
                        )
                    )
            # Beyond a bound of core.limits: parked when queued, never sent (said in
            # « À traiter » with the French out_of_bounds message).
            report.parked += tx.parked
        if queued:
            log.warning("server restored from a backup: %d op(s) queued again", queued)
        return queued

    def local_digest(self) -> dict[str, EntityDigest]:
        """Per entity: count, live count and hash of the rows the server knows."""
        out: dict[str, EntityDigest] = {}
        with self.store.read() as conn:
            for name, table in entity_tables.items():
                acc = count = live = 0
                for row_id, version, deleted in conn.execute(
                    select(table.c.id, table.c.server_version, table.c.deleted).where(
                        table.c.server_version > 0
                    )
                ):
                    acc = digest_add(acc, row_hash(row_id, int(version), bool(deleted)))
                    count += 1
                    live += 0 if deleted else 1
                out[name] = EntityDigest(count=count, live_count=live, hash=str(acc))
        return out

    def _check_digest(
        self, client_id: str, report: SyncReport, cancel: Callable[[], bool], notify: Progress
    ) -> None:
        counts = self._counts()
        if any(counts.get(s, 0) for s in UNSENT_STATES):
            return  # local changes not yet on the server would show as differences
        server = self.api.digest(client_id)
        with self.store.read() as conn:
            cursor = str(get_state(conn, "cursor", "") or "")
        if not cursor or cursor != server.cursor:
            # The server moved on since our last page (or we never pulled): compare next
            # time. Cursors are compared as strings, never decoded (docs/protocol.md).
            return
        report.digest_checked = True
        mine = self.local_digest()
        bad = {
            name
            for name in entity_tables
            if (server.entity(name).hash, server.entity(name).count)
            != (mine[name].hash, mine[name].count)
        }
        report.digest_ok = not bad
        if bad:
            log.warning("digest mismatch on %s: re-pulling", sorted(bad))
            self._resync(client_id, report, cancel, notify, only=bad)


class _SnapshotCut(Exception):
    """The snapshot reached its page cap in this run (the run ends incomplete)."""


class _ParentNotYetPulled(Exception):
    """A pulled page holds a child whose workshop only comes in a later page."""


@cache
def _defaults(name: str) -> dict[str, Any]:
    """Column defaults for a row first seen in a pull (fields an older server omits)."""
    smap = spec_map(name)
    out: dict[str, Any] = {"updated_by": "", "origin_device": "", "deleted": False}
    for f in dataclasses.fields(ENTITIES[name]):
        if f.name not in smap:
            continue
        if f.default is not dataclasses.MISSING:
            default: Any = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            default = None
        out[f.name] = None if default is None else to_db(smap[f.name], default)
    return out


def _json_value(raw: Any) -> Any:
    """A conflict's kept value (compact JSON text) as the wire value it holds."""
    if isinstance(raw, str):
        try:
            return json.loads(raw)
        except ValueError:
            return raw
    return raw


#: The snapshot row's own fields, by local column (``_apply_entity``'s ``meta``).
_ROW_META = ("id", "server_version", "deleted", "sync_state", "created_at", "updated_at")

_InsertPlan = tuple[str, Callable[[list[UUID], list[list[Any]], datetime], list[tuple[Any, ...]]]]


@lru_cache(maxsize=64)
def _insert_plan(name: str, columns: tuple[str, ...], dialect: Dialect) -> _InsertPlan | None:
    """One positional insert of an entity's new rows, and the function that turns a page's
    rows into its parameters, column by column: each column's wire -> column converter
    (``rows.wire_readers``) followed by the column type's own bind processing for this
    dialect, computed once here rather than per row (what ``insert(table)`` would store,
    byte for byte). ``None`` when a column is fed by none of the page, the row's meta or
    the entity's defaults (then the careful path inserts, with the table's defaults)."""
    table = entity_tables[name]
    readers = wire_readers(name)
    smap = spec_map(name)
    defaults = _defaults(name)
    given = set(columns)

    def bind(col: Any) -> Callable[[Any], Any] | None:
        return col.type.dialect_impl(dialect).bind_processor(dialect)  # type: ignore[no-any-return]

    # Per column: ("id"|"version"|"deleted"|"now"|"const"|"wire", value or converter; a
    # "wire" column is read at its index in the page's row lists).
    parts: list[tuple[str, Any]] = []
    for col in table.columns:
        key = col.key
        bp = bind(col)
        if key == "id":
            parts.append(("id", bp))
        elif key == "server_version":
            parts.append(("version", bp))
        elif key == "deleted":
            parts.append(("deleted", bp))
        elif key == "sync_state":
            parts.append(("const", bp("synced") if bp else "synced"))
        elif key in ("created_at", "updated_at"):
            parts.append(("now", bp))
        elif key in readers and key in given:
            conv = _converter(smap[key], readers[key], bp)
            memo = smap[key].kind in _REPEATED
            parts.append(("wire", (3 + columns.index(key), conv, memo)))
        elif key in defaults:
            value = defaults[key]
            parts.append(("const", bp(value) if bp is not None else value))
        else:
            return None
    names = ", ".join(f'"{c.name}"' for c in table.columns)
    marks = ", ".join("?" for _ in table.columns)
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'

    def build(ids: list[UUID], rows: list[list[Any]], now: datetime) -> list[tuple[Any, ...]]:
        """The parameters of ``sql`` for a page's rows (``SnapshotPage.rows``: id, version,
        deleted, then the page's columns) and their ids, read."""
        out: list[list[Any] | tuple[Any, ...]] = []
        n = len(rows)
        for kind, arg in parts:
            if kind == "id":
                out.append(list(map(arg, ids)) if arg else ids)
            elif kind == "version":
                versions = [r[1] for r in rows]
                out.append(list(map(arg, versions)) if arg else versions)
            elif kind == "deleted":
                flags = [r[2] for r in rows]
                out.append(list(map(arg, flags)) if arg else flags)
            elif kind == "now":
                out.append((arg(now) if arg else now,) * n)
            elif kind == "const":
                out.append((arg,) * n)
            else:
                at, conv, memo = arg
                values = [r[at] for r in rows]
                out.append(_convert(conv, memo, values))
        return list(zip(*out, strict=True))

    return sql, build


#: Kinds whose values repeat across a page (the same structure, workshop or date).
_REPEATED = frozenset((FieldKind.UUID, FieldKind.DATE, FieldKind.TIME, FieldKind.DATETIME))


def _convert(conv: Callable[[Any], Any] | None, memo: bool, values: list[Any]) -> list[Any]:
    """One column of a page converted; values that repeat converted once each."""
    if conv is None:
        return values
    if memo:
        try:
            once = {v: conv(v) for v in set(values)}
        except TypeError:  # a value the wire should not hold: converted (and refused) below
            pass
        else:
            return [once[v] for v in values]
    return list(map(conv, values))


def _converter(
    spec: FieldSpec, reader: Callable[[Any], Any], bp: Callable[[Any], Any] | None
) -> Callable[[Any], Any] | None:
    """wire -> stored value of one column (``None``: stored as it comes): the column's
    reader then its type's bind processing, with the wire's usual forms (an id's canonical
    text, an ISO date or time) parsed directly; anything else goes through both."""
    if reader is identity:
        return bp
    if bp is None:
        return reader

    def slow(v: Any) -> Any:
        return bp(reader(v))

    if spec.kind is FieldKind.UUID:
        # ``Uuid`` stores 32 lowercase hex digits: the canonical text without its dashes.
        match = _CANONICAL_UUID.fullmatch
        return lambda v: v.replace("-", "") if type(v) is str and match(v) else slow(v)
    if spec.kind is FieldKind.DATE and bp(date(999, 1, 2)) == date(999, 1, 2).isoformat():
        # Stored as its ISO text: the wire's text when it is that text already.
        def iso_date(v: Any) -> Any:
            if type(v) is str:
                d = date.fromisoformat(v)
                return v if d.isoformat() == v else bp(d)
            return slow(v)

        return iso_date
    parse = _ISO_PARSERS.get(spec.kind)
    if parse is not None:
        return lambda v: bp(parse(v)) if type(v) is str else slow(v)
    if spec.kind in (FieldKind.LIST, FieldKind.CHILDREN):
        empty = bp([])  # the usual value of most list fields, stored once
        return lambda v: empty if v is None or (type(v) is list and not v) else slow(v)
    return slow


def _stored_uuid(text: str) -> str:
    """A wire id as a ``Uuid`` column holds it in SQLite (``UUID.hex``).

    Raises:
        ValueError: not an id.
    """
    return text.replace("-", "") if _CANONICAL_UUID.fullmatch(text) else UUID(text).hex


_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
#: The wire's text of these kinds as ``core.wire.value_from_wire`` reads it.
_ISO_PARSERS: dict[FieldKind, Callable[[str], Any]] = {
    FieldKind.DATE: date.fromisoformat,
    FieldKind.TIME: dt_time.fromisoformat,
    FieldKind.DATETIME: datetime.fromisoformat,
}


def _workshops_here(conn: Connection, wids: Iterable[Any]) -> set[str]:
    """Of these workshop ids (wire values of children's ``workshop_id``), those whose
    workshop is in the store, as the wire's text. One lookup per distinct workshop, on the
    ids as the store holds them (``Uuid``: 32 hex digits), through the driver: a page's
    children share few workshops."""
    stored = {w: _stored_uuid(w) for w in {str(w) for w in wids if w}}
    raw = conn.connection.driver_connection
    assert raw is not None
    present: set[str] = set()
    for chunk in _chunks(sorted(set(stored.values())), ID_CHUNK):
        marks = ", ".join("?" for _ in chunk)
        present.update(
            i for (i,) in raw.execute(f"SELECT id FROM workshop WHERE id IN ({marks})", chunk)
        )
    return {w for w, hexed in stored.items() if hexed in present}


def _known_ids(conn: Connection, name: str, ids: list[UUID]) -> set[UUID]:
    """Of these rows, those this laptop already knows something of: a local row, an unsent
    op or an open conflict (each lookup skipped when nothing of its kind is here at all)."""
    table = entity_tables[name]
    any_row = conn.execute(select(table.c.id).limit(1)).first() is not None
    any_op = (
        conn.execute(
            select(outbox.c.row_id).where(outbox.c.state.in_(UNSENT_STATES)).limit(1)
        ).first()
        is not None
    )
    any_open = (
        conn.execute(
            select(attention_item.c.row_id).where(attention_item.c.status == "open").limit(1)
        ).first()
        is not None
    )
    known: set[UUID] = set()
    if any_row and ids:
        # A snapshot page is a run of ids: the local rows within its bounds, one query.
        wanted = set(ids)
        near = select(table.c.id).where(table.c.id.between(min(ids), max(ids)))
        known.update(i for i in conn.execute(near).scalars() if i in wanted)
    if not (any_op or any_open):
        return known
    for chunk in _chunks(ids, ID_CHUNK):
        if any_op:
            known.update(
                conn.execute(
                    select(outbox.c.row_id).where(
                        outbox.c.row_id.in_(chunk), outbox.c.state.in_(UNSENT_STATES)
                    )
                ).scalars()
            )
        if any_open:
            known.update(
                conn.execute(
                    select(attention_item.c.row_id).where(
                        attention_item.c.row_id.in_(chunk), attention_item.c.status == "open"
                    )
                ).scalars()
            )
    return known


def _chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
