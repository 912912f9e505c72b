"""``GET /sync/v1/snapshot``: an entity's rows as of one seq, for an empty laptop or a resync.

A bootstrap through pulls replays every change in seq order; a snapshot sends each row's
current state once, entity by entity, in pages keyed by id (docs/protocol.md, « Snapshot »):

* The first page fixes the snapshot's seq ``S``: on PostgreSQL just below the read's
  horizon, on SQLite the counter (``tne_api.sequencing``; every row at or below it has
  committed for good). Its token is the pull cursor at ``S``, sent back with every page and
  stored by the client as its cursor once all entities are applied.
* A page holds the rows in the caller's scope with ``seq <= S`` and an id after ``after``,
  read in one read transaction (``Database.read``). A row changed after ``S`` has a seq
  above it: it leaves the snapshot and the pull from ``S`` brings it, so no row is skipped;
  one read before it changed is simply pulled again at its new version.
* Scope and stripping are the pull's: ``principal.read_clause`` and
  ``principal.strips_identifiers`` with the readers of ``codec`` (``tuple_reader`` is
  ``row_to_wire``'s converters over SQL tuples in a fixed column order).
* The first page also names the entities with at least one row in the snapshot: a
  laptop asks no page of the others.
* At most ``SNAPSHOT_PAGE_MAX`` rows, and the page ends once its JSON passes
  ``SNAPSHOT_PAGE_BYTES``; the body is gzip-compressed when the client accepts it.

The router is included by ``tne_api.app``; it takes the sync endpoints' dependencies
(``tne_api.deps``: protocol, schema version, then the caller).
"""

from __future__ import annotations

import gzip
from typing import Annotated, Any
from uuid import UUID

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from mediator_app.core.messages import ENTITY_NAME_MAX
from mediator_app.core.wire import SNAPSHOT_PAGE_BYTES, SNAPSHOT_PAGE_DEFAULT, SNAPSHOT_PAGE_MAX
from tne_api import models
from tne_api.codec import json_bytes, sql_reader, tuple_reader, wire_columns
from tne_api.deps import SessionDep, SettingsDep, SyncDep, check_schema, require_protocol
from tne_api.errors import documented
from tne_api.middleware import GZIP_LEVEL, GZIP_MIN_BYTES
from tne_api.principal import Principal, read_clause, strips_identifiers
from tne_api.schemas import SafeStr
from tne_api.service import SyncService, cursor_position, encode_cursor

router = APIRouter(prefix="/sync/v1", tags=["sync"], dependencies=[Depends(require_protocol)])


class SnapshotOut(BaseModel):
    """The shape of a snapshot page (the body is written directly, not through this)."""

    entity: str
    columns: list[str] = Field(description="Wire fields, in the order of each row's values.")
    rows: list[list[Any]] = Field(description="Each: id, version, deleted, then the columns.")
    snapshot: str = Field(description="Opaque: send it back; once done, it is the pull cursor.")
    next_after: str | None = Field(description="The id to continue after; null when done.")
    has_more: bool
    epoch: str
    entities: list[str] | None = Field(
        default=None,
        description="First page only: the entities with rows in the snapshot (the others "
        "need no page).",
    )


def snapshot_seq(sync: SyncService, conn: sa.Connection) -> int:
    """The seq ``S`` of a new snapshot: every row at or below it has committed for good, and
    none can commit there later (docs/protocol.md, « Pull without gaps »)."""
    bound = sync.sequencer.horizon(conn)
    if bound is not None:
        return max(0, bound - 1)
    return int(
        conn.execute(
            sa.select(models.sync_counter.c.seq).where(models.sync_counter.c.id == 1)
        ).scalar_one()
    )


def snapshot_page(
    sync: SyncService,
    p: Principal,
    client_id: UUID,
    entity: str,
    snapshot: str,
    after: UUID | None,
    limit: int,
) -> bytes:
    """The JSON body of one snapshot page (see the module docstring).

    Raises:
        BadRequest: a bad snapshot token. ResyncNeeded: epoch or scope changed. Forbidden or
            NotFound: the device.
    """
    limit = max(1, min(limit, SNAPSHOT_PAGE_MAX))
    with sync.db.read() as conn:
        epoch = sync.client_epoch(conn, p, client_id)
        seq = cursor_position(snapshot, epoch, p) if snapshot else snapshot_seq(sync, conn)
        token = encode_cursor(epoch, seq, p.scope_hash)
        parts: list[bytes] = []
        next_after: str | None = None
        has_more = False
        table = models.SYNCED.get(entity)
        if table is not None:
            columns = wire_columns(entity)
            read_row = tuple_reader(entity, strips_identifiers(p))
            as_read = sql_reader(conn.dialect.name)
            q = sa.select(
                as_read(table.c.id),
                table.c.version,
                table.c.deleted,
                *(as_read(table.c[c]) for c in columns),
            ).where(read_clause(p, entity, table), table.c.seq <= seq)
            if after is not None:
                q = q.where(table.c.id > after)
            result = conn.execute(q.order_by(table.c.id).limit(limit + 1))
            size = 0
            for n, row in enumerate(result):
                if n == limit or size > SNAPSHOT_PAGE_BYTES:
                    has_more = True
                    break
                text = json_bytes(read_row(row))
                parts.append(text)
                size += len(text)
                next_after = str(row[0])
            result.close()
        else:
            columns = ()
        end: dict[str, Any] = {
            "snapshot": token,
            "next_after": next_after if has_more else None,
            "has_more": has_more,
            "epoch": epoch,
        }
        if not snapshot:
            end["entities"] = _entities_with_rows(conn, p, seq)
    head = json_bytes({"entity": entity, "columns": list(columns)})
    tail = json_bytes(end)
    return b"".join((head[:-1], b',"rows":[', b",".join(parts), b"],", tail[1:]))


def _entities_with_rows(conn: sa.Connection, p: Principal, seq: int) -> list[str]:
    """The synced entities with at least one row of the snapshot (in the caller's scope,
    ``seq <= S``), in one statement of an ``EXISTS`` per table (each an index probe on the
    scope columns, ``0012_snapshot_keyset_indexes``): a laptop asks no page of the others.
    """
    parts = [
        sa.select(sa.literal(entity, sa.String).label("entity")).where(
            sa.exists().where(read_clause(p, entity, table), table.c.seq <= seq)
        )
        for entity, table in models.SYNCED.items()
    ]
    return sorted(conn.execute(sa.union_all(*parts)).scalars())


@router.get(
    "/snapshot",
    response_model=SnapshotOut,
    responses=documented(400, 401, 403, 404, 410, 422, 426),
)
def snapshot(
    request: Request,
    client_id: UUID,
    entity: Annotated[SafeStr, Query(max_length=ENTITY_NAME_MAX)],
    app_version: Annotated[SafeStr, Query(max_length=64)],
    schema_version: Annotated[int, Query(ge=0, le=1_000_000)],
    session: SessionDep,
    settings: SettingsDep,
    sync: SyncDep,
    snapshot: Annotated[SafeStr, Query(max_length=2000)] = "",
    after: UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=SNAPSHOT_PAGE_MAX)] = SNAPSHOT_PAGE_DEFAULT,
) -> Response:
    """One page of ``entity``'s rows in the caller's scope as of the snapshot (the first
    page, without ``snapshot``, fixes it), ordered by id after ``after``. An entity this
    server does not sync has no rows."""
    del app_version  # part of the protocol's query string; not used by the snapshot
    check_schema(settings, schema_version)
    p: Principal = session.principal()
    body = snapshot_page(sync, p, client_id, entity, snapshot, after, limit)
    headers = {"Vary": "Accept-Encoding"}
    if len(body) >= GZIP_MIN_BYTES and "gzip" in request.headers.get("accept-encoding", ""):
        body = gzip.compress(body, compresslevel=GZIP_LEVEL)
        headers["Content-Encoding"] = "gzip"
    return Response(body, media_type="application/json", headers=headers)
