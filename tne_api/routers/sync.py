"""``/sync/v1``: device registration, push, pull, digest (docs/protocol.md).

Every endpoint first checks the client's protocol (``require_protocol``: 426 before the
body, the token or the client id are looked at), then the request is validated (422, or
413 for too many ops), then its schema version (426), then the caller (``Session``: 401).
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from mediator_app.core.messages import DeviceRegistration
from mediator_app.core.wire import MAX_BATCH_OPS, PULL_PAGE_DEFAULT, PULL_PAGE_MAX
from tne_api.deps import AuthDep, SessionDep, SettingsDep, SyncDep, check_schema, require_protocol
from tne_api.errors import BODY_ERRORS, TOO_MANY_OPS, TooLarge, documented, documented_push
from tne_api.health import ClientReport
from tne_api.schemas import DeviceIn, DeviceOut, DigestOut, PullOut, PushIn, PushOut, SafeStr

router = APIRouter(prefix="/sync/v1", tags=["sync"], dependencies=[Depends(require_protocol)])

#: The ``schema_version`` of the query-string endpoints.
SchemaVersion = Annotated[int, Query(ge=0, le=1_000_000)]


@router.post(
    "/devices",
    response_model=DeviceOut,
    responses=documented(*BODY_ERRORS, 401, 403, 409, 426),
)
def devices(
    body: DeviceIn,
    session: SessionDep,
    settings: SettingsDep,
    sync: SyncDep,
    auth: AuthDep,
) -> DeviceOut:
    """Register this device once (idempotent per user and ``device_id``); at most
    ``max_devices_per_user`` devices per account (409 beyond)."""
    check_schema(settings, body.schema_version)
    p = auth.bind_device(session.token, session.principal(), body.device_id)
    registered = sync.register_device(
        p, body.device_id, body.device_name, body.app_version, body.schema_version
    )
    return DeviceOut.from_message(DeviceRegistration.from_json(registered))


@router.post("/push", response_model=PushOut, responses=documented_push())
def push(body: PushIn, session: SessionDep, settings: SettingsDep, sync: SyncDep) -> PushOut:
    """Apply a batch of ops (each exactly once) and return one result per op."""
    check_schema(settings, body.schema_version)
    caller = session.principal()
    if len(body.ops) > MAX_BATCH_OPS:  # also refused by the schema, before parsing ops
        raise TooLarge(TOO_MANY_OPS)
    request = body.to_message()
    report = request.client_report
    out = sync.push(
        caller,
        request.client_id,
        request.ops,
        app_version=request.app_version,
        schema_version=request.schema_version,
        report=ClientReport(
            report.pending, report.parked, report.app_version or request.app_version
        )
        if report is not None
        else ClientReport(app_version=request.app_version),
    )
    return PushOut.from_message(out)


@router.get(
    "/pull",
    response_model=PullOut,
    responses=documented(400, 401, 403, 404, 410, 422, 426),
)
def pull(
    client_id: UUID,
    app_version: Annotated[SafeStr, Query(max_length=64)],
    schema_version: SchemaVersion,
    session: SessionDep,
    settings: SettingsDep,
    sync: SyncDep,
    cursor: Annotated[SafeStr, Query(max_length=2000)] = "",
    limit: Annotated[int, Query(ge=1, le=PULL_PAGE_MAX)] = PULL_PAGE_DEFAULT,
    pending: Annotated[int | None, Query(ge=0, le=1_000_000_000)] = None,
    parked: Annotated[int | None, Query(ge=0, le=1_000_000_000)] = None,
) -> Response:
    """The changes after ``cursor`` in the caller's scope, in seq order.

    ``pending`` and ``parked`` (optional) are the client's own counts, kept for the
    coordination's sync health when the last page is served."""
    check_schema(settings, schema_version)
    caller = session.principal()
    report = ClientReport(pending, parked, app_version)
    # The page's JSON is written in one pass (``SyncService.pull_json``), not through
    # ``PullOut``, which documents its shape.
    body = sync.pull_json(caller, client_id, cursor or None, limit, report)
    return Response(body, media_type="application/json")


@router.get(
    "/digest",
    response_model=DigestOut,
    responses=documented(401, 403, 404, 422, 426),
)
def digest(
    client_id: UUID,
    app_version: Annotated[SafeStr, Query(max_length=64)],
    schema_version: SchemaVersion,
    session: SessionDep,
    settings: SettingsDep,
    sync: SyncDep,
) -> DigestOut:
    """Count, live count and order-independent hash per entity over the caller's scope."""
    del app_version  # part of the protocol's query string; not used by the digest
    check_schema(settings, schema_version)
    return DigestOut.from_message(sync.digest(session.principal(), client_id))
