"""Invariant checks shared by the sync fault, crash and property tests (sync-protocol §13.1).

* ``ledger_check`` — I1/I2: every outbox op of a laptop is on the server's ``applied_op``
  ledger exactly once (or parked with an « À traiter » item), nothing still pending.
* ``server_ledger`` — the server's ledger rows of one client.
* ``digests_equal`` — I3: a laptop's digest equals the server's for its account.
* ``wire_rows`` / ``server_wire_rows`` — the visible state, in wire form, for comparisons.
* ``integrity_ok`` — I5: ``PRAGMA integrity_check`` on a data dir's SQLite file.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from mediator_app.core.entities import ENTITIES
from mediator_app.core.messages import EntityDigest
from mediator_app.core.wire import JSON, to_wire
from mediator_app.local_store.db import DB_FILENAME
from mediator_app.local_store.rows import entity_from_row
from mediator_app.local_store.schema import attention_item, entity_tables, outbox
from mediator_app.local_store.state import get_state
from mediator_app.local_store.unit_of_work import Store
from tests.support.live_server import LiveServer
from tne_api import models
from tne_api.codec import row_to_wire


@dataclass(frozen=True)
class LedgerRow:
    op_id: UUID
    client_seq: int
    status: str


def client_id_of(store: Store) -> UUID:
    with store.read() as conn:
        return UUID(str(get_state(conn, "client_id")))


def server_ledger(server: LiveServer, client_id: UUID) -> list[LedgerRow]:
    """The server's ``applied_op`` rows of one client, in ``client_seq`` order."""
    ao = models.applied_op.c
    with server.db.read() as conn:
        rows = conn.execute(
            sa.select(ao.op_id, ao.client_seq, ao.result)
            .where(ao.client_id == client_id)
            .order_by(ao.client_seq)
        ).all()
    return [LedgerRow(r.op_id, int(r.client_seq), str(r.result.get("status"))) for r in rows]


def all_ledger(server: LiveServer) -> list[tuple[UUID, UUID, int]]:
    """Every ``applied_op`` row as ``(op_id, client_id, client_seq)``."""
    ao = models.applied_op.c
    with server.db.read() as conn:
        return [
            (r.op_id, r.client_id, int(r.client_seq))
            for r in conn.execute(sa.select(ao.op_id, ao.client_id, ao.client_seq))
        ]


def no_duplicates_on_server(server: LiveServer) -> None:
    """I2: at most one ledger row per op id and per (client id, client seq)."""
    rows = all_ledger(server)
    by_op = Counter(r[0] for r in rows)
    by_seq = Counter((r[1], r[2]) for r in rows)
    assert [k for k, n in by_op.items() if n > 1] == [], "an op id applied twice"
    assert [k for k, n in by_seq.items() if n > 1] == [], "a client seq applied twice"


def outbox_rows(store: Store) -> list[dict[str, Any]]:
    with store.read() as conn:
        return [
            dict(r)
            for r in conn.execute(sa.select(outbox).order_by(outbox.c.client_seq)).mappings()
        ]


def ledger_check(server: LiveServer, store: Store, *, allow_parked: bool = False) -> dict[str, int]:
    """I1 + I2 for one laptop: returns counts by outbox state.

    Every outbox op is acked (and on the server ledger exactly once, same ``client_seq``)
    or, when ``allow_parked``, parked with an open « À traiter » item; no op is pending or
    in flight; the server holds no op of this client the laptop does not know.
    """
    ops = outbox_rows(store)
    states = Counter(str(o["state"]) for o in ops)
    stuck = [(o["client_seq"], o["state"]) for o in ops if o["state"] in ("pending", "inflight")]
    assert stuck == [], f"ops never acknowledged: {stuck[:10]}"
    if not allow_parked:
        parked = [(o["client_seq"], o["last_error"]) for o in ops if o["state"] == "parked"]
        assert parked == [], f"unexpected parked ops: {parked[:10]}"
    assert set(states) <= {"acked", "parked", "archived"}, states
    if not ops:
        return dict(states)
    cid = client_id_of(store)
    ledger = server_ledger(server, cid)
    ids = [r.op_id for r in ledger]
    assert len(ids) == len(set(ids)), "an op id twice on the server"
    seqs = [r.client_seq for r in ledger]
    assert len(seqs) == len(set(seqs)), "a client_seq twice on the server"
    on_server = {r.op_id: r.client_seq for r in ledger}
    status = {r.op_id: r.status for r in ledger}
    acked = {o["op_id"]: o["client_seq"] for o in ops if o["state"] == "acked"}
    missing = [str(k) for k in acked if k not in on_server]
    assert missing == [], f"acked locally but not on the server: {missing[:5]}"
    for op_id, seq in acked.items():
        assert on_server[op_id] == seq, "the server recorded another client_seq"
        assert status[op_id] != "rejected", "acked locally, refused on the server"
    known = {o["op_id"] for o in ops}
    unknown = [str(k) for k in on_server if k not in known]
    assert unknown == [], f"on the server but unknown to the laptop: {unknown[:5]}"
    set_aside = [o for o in ops if o["state"] in ("parked", "archived")]
    if set_aside:
        with store.read() as conn:
            items = {
                int(r.client_seq): str(r.status)
                for r in conn.execute(
                    sa.select(attention_item.c.client_seq, attention_item.c.status).where(
                        attention_item.c.kind == "parked"
                    )
                )
            }
        for o in set_aside:
            assert o["client_seq"] in items, "a parked op without an « À traiter » item"
            # Parked means refused: an op the server applied must not wait for a person.
            assert status.get(o["op_id"], "rejected") == "rejected", (
                f"parked locally ({o['last_error']}) but {status[o['op_id']]} on the server"
            )
            assert o["changes"] is not None, "a parked op lost its payload"
    return dict(states)


def server_digest(server: LiveServer, store: Store, api: Any) -> dict[str, EntityDigest]:
    """The server's digest for the laptop's account, through the API."""
    entities: dict[str, EntityDigest] = api.digest(str(client_id_of(store))).entities
    return entities


def digests_equal(local: dict[str, EntityDigest], remote: dict[str, EntityDigest]) -> list[str]:
    """Entities whose local digest differs from the server's (empty when converged)."""
    zero = EntityDigest()
    return [name for name in entity_tables if local.get(name, zero) != remote.get(name, zero)]


def wire_rows(store: Store, entity: str, *, live_only: bool = True) -> dict[UUID, dict[str, JSON]]:
    """A laptop's rows of ``entity`` that the server knows, as wire dicts."""
    table = entity_tables[entity]
    cls = ENTITIES[entity]
    out: dict[UUID, dict[str, JSON]] = {}
    with store.read() as conn:
        for r in conn.execute(sa.select(table)).mappings():
            if live_only and r["deleted"]:
                continue
            out[r["id"]] = to_wire(entity_from_row(cls, r))
    return out


def server_wire_rows(
    server: LiveServer, entity: str, *, structure_id: UUID | None = None, live_only: bool = True
) -> dict[UUID, dict[str, JSON]]:
    """The server's rows of ``entity`` (of one structure), as wire dicts."""
    table = models.SYNCED[entity]
    q = sa.select(table)
    if structure_id is not None:
        q = q.where(table.c.scope_structure == structure_id)
    if live_only:
        q = q.where(table.c.deleted.is_(False))
    with server.db.read() as conn:
        return {r["id"]: row_to_wire(entity, r) for r in conn.execute(q).mappings()}


def server_versions(
    server: LiveServer, entity: str, structure_id: UUID
) -> dict[UUID, tuple[int, bool]]:
    table = models.SYNCED[entity]
    with server.db.read() as conn:
        return {
            r.id: (int(r.version), bool(r.deleted))
            for r in conn.execute(
                sa.select(table.c.id, table.c.version, table.c.deleted).where(
                    table.c.scope_structure == structure_id
                )
            )
        }


def integrity_ok(data_dir: Path) -> str:
    """``PRAGMA integrity_check`` of a data dir's database ("ok" when sound)."""
    con = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        return "; ".join(str(r[0]) for r in con.execute("PRAGMA integrity_check"))
    finally:
        con.close()
