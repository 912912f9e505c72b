"""``GET /health``: liveness, epoch, schema and protocol versions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from mediator_app.core.messages import PROTOCOL_VERSION
from mediator_app.core.wire import SCHEMA_VERSION
from tne_api.db import get_epoch
from tne_api.deps import DbDep, SettingsDep
from tne_api.schemas import HealthOut

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthOut)
def health(db: DbDep, settings: SettingsDep) -> dict[str, Any]:
    """Liveness and the server's epoch, schema version and sync protocol."""
    with db.read() as conn:
        epoch = get_epoch(conn)
    return {
        "status": "ok",
        "epoch": epoch,
        "schema_version": SCHEMA_VERSION,
        "protocol_version": PROTOCOL_VERSION,
        "min_protocol_version": settings.min_protocol_version,
    }
