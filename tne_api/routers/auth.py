"""``/auth``: login, refresh-token rotation, logout."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from tne_api.deps import AuthDep, Bearer, caller_address
from tne_api.errors import BODY_ERRORS, documented
from tne_api.schemas import LoginIn, LogoutIn, RefreshIn, StatusOut, TokenOut

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/login", response_model=TokenOut, responses=documented(*BODY_ERRORS, 401, 429))
def login(
    body: LoginIn, auth: AuthDep, address: Annotated[str, Depends(caller_address)]
) -> dict[str, Any]:
    """Exchange email + password for an access token and a per-device refresh token."""
    return auth.login(body.email, body.password, body.device_id, address)


@router.post("/refresh", response_model=TokenOut, responses=documented(*BODY_ERRORS, 401))
def refresh(body: RefreshIn, auth: AuthDep) -> dict[str, Any]:
    """Rotate the refresh token and get a new access token."""
    return auth.refresh(body.refresh_token)


@router.post("/logout", response_model=StatusOut, responses=documented(*BODY_ERRORS))
def logout(creds: Bearer, auth: AuthDep, body: LogoutIn | None = None) -> dict[str, Any]:
    """Revoke the bearer access token and the given refresh token."""
    auth.logout(
        creds.credentials if creds is not None else None,
        body.refresh_token if body is not None else None,
    )
    return {"status": "ok"}
