"""Request and response bodies (they also make ``/openapi.json``).

The sync bodies are the typed messages of ``mediator_app.core.messages`` (docs/protocol.md):
requests become messages (``to_message``), answers are built from them (``from_message``).
Answers are built with ``model_construct`` because the message was already checked when it
was made; the response model then only serialises it.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from mediator_app.core.limits import clean_text
from mediator_app.core.messages import (
    Change,
    ClientReport,
    ConflictRef,
    DeviceRegistration,
    DigestAnswer,
    EntityDigest,
    OpOutcome,
    PullPage,
    PushRequest,
    PushResponse,
)
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


class FieldErrorOut(BaseModel):
    loc: list[str] = Field(description="Where: ``body``/``query`` then the field path.")
    msg: str


class ValidationErrorOut(BaseModel):
    """A request that does not match its schema (422)."""

    detail: str = Field(description="French message for a person, naming the fields.")
    errors: list[FieldErrorOut]


class ReusedOpOut(BaseModel):
    """A push whose op id was already received with another content (422)."""

    detail: str
    op_id: UUID


class HealthOut(BaseModel):
    status: Literal["ok"]
    epoch: str
    schema_version: int
    protocol_version: int = Field(description="Sync protocol the server speaks.")
    min_protocol_version: int = Field(description="Oldest client protocol it accepts.")


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

    @classmethod
    def from_message(cls, m: DeviceRegistration) -> DeviceOut:
        return cls.model_construct(
            client_id=m.client_id,
            server_epoch=m.server_epoch,
            server_time=m.server_time,
            min_schema_version=m.min_schema_version,
        )


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

    def to_message(self) -> ClientReport:
        return ClientReport(self.pending, self.parked, self.app_version)


class PushIn(BaseModel):
    client_id: UUID
    batch_id: SafeStr = Field(default="", max_length=200)
    app_version: SafeStr = Field(max_length=64)
    schema_version: int = Field(ge=0, le=1_000_000)
    #: More than ``MAX_BATCH_OPS`` is answered 413 (halve the batch), before the ops are read.
    ops: list[OpIn] = Field(max_length=MAX_BATCH_OPS)
    client_report: ClientReportIn | None = None

    def to_message(self) -> PushRequest:
        """The ``PushRequest`` message."""
        return PushRequest(
            client_id=self.client_id,
            batch_id=self.batch_id,
            app_version=self.app_version,
            schema_version=self.schema_version,
            ops=tuple(o.to_op() for o in self.ops),
            client_report=None if self.client_report is None else self.client_report.to_message(),
        )


class ConflictRefOut(BaseModel):
    conflict_id: UUID
    field: str
    resolution: str

    @classmethod
    def from_message(cls, m: ConflictRef) -> ConflictRefOut:
        return cls.model_construct(
            conflict_id=m.conflict_id, field=m.field, resolution=m.resolution
        )


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

    @classmethod
    def from_message(cls, m: OpOutcome) -> OpResultOut:
        return cls.model_construct(
            op_id=m.op_id,
            status=m.status.value,
            row_id=m.row_id,
            version=m.version,
            seq=m.seq,
            message_key=m.message_key,
            conflicts=[ConflictRefOut.from_message(c) for c in m.conflicts],
            errors=m.errors,
            replayed_status=None if m.replayed_status is None else m.replayed_status.value,
        )


class PushOut(BaseModel):
    server_time: str
    last_client_seq: int
    results: list[OpResultOut]

    @classmethod
    def from_message(cls, m: PushResponse) -> PushOut:
        return cls.model_construct(
            server_time=m.server_time,
            last_client_seq=m.last_client_seq,
            results=[OpResultOut.from_message(r) for r in m.results],
        )


class ChangeOut(BaseModel):
    seq: int
    tx_seq: int
    entity: str
    id: UUID
    version: int
    deleted: bool
    data: dict[str, Any]

    @classmethod
    def from_message(cls, m: Change) -> ChangeOut:
        return cls.model_construct(
            seq=m.seq,
            tx_seq=m.tx_seq,
            entity=m.entity,
            id=m.id,
            version=m.version,
            deleted=m.deleted,
            data=m.data,
        )


class PullOut(BaseModel):
    changes: list[ChangeOut]
    next_cursor: str = Field(description="Opaque: store it and send it back as is.")
    has_more: bool
    server_time: str
    epoch: str

    @classmethod
    def from_message(cls, m: PullPage) -> PullOut:
        return cls.model_construct(
            changes=[ChangeOut.from_message(c) for c in m.changes],
            next_cursor=m.next_cursor,
            has_more=m.has_more,
            server_time=m.server_time,
            epoch=m.epoch,
        )


class EntityDigestOut(BaseModel):
    count: int
    live_count: int
    hash: str

    @classmethod
    def from_message(cls, m: EntityDigest) -> EntityDigestOut:
        return cls.model_construct(count=m.count, live_count=m.live_count, hash=m.hash)


class DigestOut(BaseModel):
    seq: int
    cursor: str = Field(
        description="The cursor of a client that has pulled everything this digest covers."
    )
    entities: dict[str, EntityDigestOut]

    @classmethod
    def from_message(cls, m: DigestAnswer) -> DigestOut:
        return cls.model_construct(
            seq=m.seq,
            cursor=m.cursor,
            entities={k: EntityDigestOut.from_message(v) for k, v in m.entities.items()},
        )


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
