"""Request and response bodies (they also make ``/openapi.json``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from mediator_app.core.limits import clean_text
from mediator_app.core.wire import MAX_BATCH_OPS, Op, OpKind


def _clean(value: str) -> str:
    if not clean_text(value):
        raise ValueError("caractère nul ou caractère Unicode isolé")
    return value


#: A string the database can store: no NUL character, no lone surrogate (422 otherwise).
SafeStr = Annotated[str, AfterValidator(_clean)]


class ErrorOut(BaseModel):
    detail: str = Field(description="French message for a person.")


class GoneOut(BaseModel):
    detail: str
    reason: Literal["epoch_changed", "scope_changed"]


class HealthOut(BaseModel):
    status: Literal["ok"]
    epoch: str
    schema_version: int


class LoginIn(BaseModel):
    email: SafeStr = Field(max_length=320)
    password: SafeStr = Field(max_length=1024)
    device_id: SafeStr | None = Field(default=None, max_length=200)


class RefreshIn(BaseModel):
    refresh_token: SafeStr = Field(max_length=512)


class LogoutIn(BaseModel):
    refresh_token: SafeStr | None = Field(default=None, max_length=512)


class UserOut(BaseModel):
    id: UUID = Field(description="The user's actor id (public).")
    email: str
    display_name: str
    role: str
    structure_id: UUID | None
    department_code: str


class TokenOut(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"]
    expires_in: int = Field(description="Lifetime of the access token, in seconds.")
    user: UserOut


class StatusOut(BaseModel):
    status: Literal["ok"]


class DeviceIn(BaseModel):
    device_id: SafeStr = Field(min_length=1, max_length=200)
    device_name: SafeStr = Field(default="", max_length=200)
    app_version: SafeStr = Field(max_length=64)
    schema_version: int = Field(ge=0, le=1_000_000)


class DeviceOut(BaseModel):
    client_id: UUID
    server_epoch: str
    server_time: str
    min_schema_version: int


class OpIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    op_id: UUID
    client_seq: int = Field(ge=0, le=2**62)
    entity: SafeStr = Field(max_length=64)
    row_id: UUID
    kind: OpKind
    base_version: int = Field(ge=0, le=2**31 - 1)
    base: dict[str, Any] = Field(default_factory=dict)
    set: dict[str, Any] = Field(default_factory=dict)
    client_time: SafeStr = Field(default="", max_length=64)

    def to_op(self) -> Op:
        """The core ``Op``."""
        return Op(
            op_id=self.op_id,
            client_seq=self.client_seq,
            entity=self.entity,
            row_id=self.row_id,
            kind=self.kind,
            base_version=self.base_version,
            base=self.base,
            set=self.set,
            client_time=self.client_time,
        )


class ClientReportIn(BaseModel):
    """What the client says about itself (sync health); every field optional."""

    model_config = ConfigDict(extra="ignore")

    pending: int | None = Field(default=None, ge=0, le=1_000_000_000)
    parked: int | None = Field(default=None, ge=0, le=1_000_000_000)
    app_version: SafeStr | None = Field(default=None, max_length=64)


class PushIn(BaseModel):
    client_id: UUID
    batch_id: SafeStr = Field(default="", max_length=200)
    app_version: SafeStr = Field(max_length=64)
    schema_version: int = Field(ge=0, le=1_000_000)
    #: More than ``MAX_BATCH_OPS`` is answered 413 (halve the batch), before the ops are read.
    ops: list[OpIn] = Field(max_length=MAX_BATCH_OPS)
    client_report: ClientReportIn | None = None


class ConflictRefOut(BaseModel):
    conflict_id: UUID
    field: str
    resolution: str


class OpResultOut(BaseModel):
    op_id: UUID
    status: Literal["applied", "duplicate", "merged", "conflict", "rejected"]
    row_id: UUID
    version: int
    seq: int | None
    message_key: str | None
    conflicts: list[ConflictRefOut]
    errors: dict[str, str] | None = None
    #: For a ``duplicate``: the status the op got when it was first applied.
    replayed_status: Literal["applied", "merged", "conflict", "rejected"] | None = None


class PushOut(BaseModel):
    server_time: str
    last_client_seq: int
    results: list[OpResultOut]


class ChangeOut(BaseModel):
    seq: int
    tx_seq: int
    entity: str
    id: UUID
    version: int
    deleted: bool
    data: dict[str, Any]


class PullOut(BaseModel):
    changes: list[ChangeOut]
    next_cursor: str
    has_more: bool
    server_time: str
    epoch: str


class EntityDigestOut(BaseModel):
    count: int
    live_count: int
    hash: str


class DigestOut(BaseModel):
    seq: int
    entities: dict[str, EntityDigestOut]


class DeviceHealthOut(BaseModel):
    client_id: UUID
    display_name: str = Field(description="The staff member's display name (never a family's).")
    role: str
    department_code: str
    structure_id: UUID | None
    structure_name: str
    device_name: str
    app_version: str
    last_sync_at: str | None = Field(description="Last successful push or complete pull.")
    last_seen_at: str | None
    pending: int | None = Field(description="Changes waiting on the device (as reported).")
    parked: int | None = Field(description="Changes set aside after a refusal (as reported).")
    flags: list[Literal["no_recent_sync", "parked_changes"]]


class SyncHealthOut(BaseModel):
    generated_at: str
    stale_after_days: int
    devices: list[DeviceHealthOut]
