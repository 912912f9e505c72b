"""``/coordination/v1``: what coordinators and admins see of the devices (sync health)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from tne_api.deps import Caller, DbDep
from tne_api.errors import documented
from tne_api.health import sync_health
from tne_api.schemas import SyncHealthOut

router = APIRouter(prefix="/coordination/v1", tags=["coordination"])


@router.get("/sync-health", response_model=SyncHealthOut, responses=documented(401, 403))
def coordination_sync_health(caller: Caller, db: DbDep) -> Any:
    """Per device of the département's mediators and family referents (admins: every
    device): last successful sync, reported pending and parked changes, app version
    and flags. Coordinators and admins only (403 otherwise)."""
    return JSONResponse(sync_health(db, caller))
