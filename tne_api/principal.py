"""Who is calling, and what they may see and write (roles and scopes, DESIGN.md §3 and §6)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from mediator_app.core import rules
from mediator_app.core.entities import DEPARTMENT_ENTITIES, REFERENCE_ENTITIES
from mediator_app.core.enums import Role
from mediator_app.core.wire import COORDINATOR_WRITABLE, OpKind

#: Entities whose scope is their parent workshop's.
WORKSHOP_CHILDREN = frozenset({"anonymous_counts", "registration", "attendance"})

#: The field naming the structure that scopes a row, per activity entity.
SCOPE_STRUCTURE_FIELD: dict[str, str] = {
    "workshop": "organizer_structure_id",
    "participant": "structure_id",
    "device": "owner_structure_id",
    "connectivity_line": "structure_id",
    "handout": "structure_id",
    "sync_conflict": "structure_id",
    # The partner whose convention it is: its mediators read it, never write it.
    "partnership": "partner_structure_id",
    "partnership_instalment": "partner_structure_id",
}

#: What any client may change on a conflict item (resolving it).
CONFLICT_WRITABLE = frozenset({"status", "resolution"})


@dataclass(frozen=True)
class Principal:
    """An authenticated user (or the server itself, for CLI writes).

    Attributes:
        user_id: Primary key in ``users`` (never sent to other users).
        actor_id: Public id (the ``actor`` row), written in ``updated_by_user``.
        role: The user's role.
        structure_id: The user's structure (mediators, family referents).
        department_code: The user's département ("" for national admins).
        display_name: Name shown to colleagues (never logged).
        device_id: For a bearer token, the device it was issued for (``None``: not yet
            bound to one, see ``AuthService.bind_device``).
        bound: Whether the principal comes from a bearer token, whose device must match
            the device a sync call is made for (CLI and service principals: ``False``).
    """

    user_id: UUID | None
    actor_id: UUID | None
    role: Role
    structure_id: UUID | None
    department_code: str
    display_name: str = ""
    device_id: str | None = None
    bound: bool = False

    @property
    def scope_hash(self) -> str:
        """A short hash of what this user sees; a change invalidates their cursors (410)."""
        raw = f"{self.role.value}|{self.structure_id or ''}|{self.department_code}"
        return hashlib.sha256(raw.encode()).hexdigest()[:16]


#: The server itself (CLI imports, demo data): may write everything.
SYSTEM = Principal(
    user_id=None,
    actor_id=None,
    role=Role.ADMIN,
    structure_id=None,
    department_code="",
    display_name="Serveur",
)


@dataclass(frozen=True)
class Scope:
    """Where a row belongs: its département and (for activity data) its structure."""

    department: str
    structure: UUID | None


def read_scope(p: Principal) -> tuple[Role, str, UUID | None]:
    """What ``read_clause`` reads of ``p``, and nothing else: two principals with the same
    ``read_scope`` pull the same rows (a statement built for one serves the other)."""
    return (p.role, p.department_code, p.structure_id)


def read_clause(p: Principal, entity: str, table: sa.FromClause) -> sa.ColumnElement[bool]:
    """The SQL condition selecting the rows ``p`` may pull or digest (it reads only
    ``read_scope(p)``)."""
    if p.role is Role.ADMIN:
        return sa.true()
    if entity in REFERENCE_ENTITIES:
        if entity == "department":
            return table.c.scope_department == p.department_code
        return table.c.scope_department.in_([p.department_code, ""])
    if p.role is Role.COORDINATOR:
        return table.c.scope_department == p.department_code
    if p.structure_id is None:
        return sa.false()
    return table.c.scope_structure == p.structure_id


def strips_identifiers(p: Principal) -> bool:
    """Whether ``p`` pulls rows without the direct identifiers of families
    (``core.wire.strip_identifiers``): coordinators and the national team see figures,
    never families (RGPD). Pulls and snapshots both ask here."""
    return p.role in (Role.COORDINATOR, Role.ADMIN)


def can_write(
    p: Principal,
    entity: str,
    kind: OpKind,
    scope: Scope,
    fields: Iterable[str],
    data: Mapping[str, Any],
) -> bool:
    """Whether ``p`` may apply an op of ``kind`` touching ``fields`` of a row in ``scope``.

    Args:
        p: The caller.
        entity: Wire name of the entity.
        kind: create, update or delete.
        scope: The row's scope (the current row's, or the one a create would get).
        fields: The fields the op sets.
        data: The values the op sets (wire form), for the proposed-structure rule.
    """
    if p.role is Role.ADMIN:
        return True
    names = set(fields)
    in_department = bool(p.department_code) and scope.department == p.department_code
    if entity in REFERENCE_ENTITIES:
        if entity != "structure" or not in_department:
            return False
        if p.role is Role.COORDINATOR:
            return kind is OpKind.UPDATE and names <= COORDINATOR_WRITABLE["structure"]
        # Mediators may propose a new place while offline (flagged until confirmed).
        return kind is OpKind.CREATE and data.get("proposed") is True
    if entity == "sync_conflict":
        if kind is not OpKind.UPDATE or not names <= CONFLICT_WRITABLE:
            return False
        if p.role is Role.COORDINATOR:
            return in_department
        return p.structure_id is not None and scope.structure == p.structure_id
    if entity in DEPARTMENT_ENTITIES:
        # Partnerships and school targets: the département's coordinators write them.
        return rules.programme_write_allowed(p.role) and in_department
    if p.role is Role.COORDINATOR:
        writable = COORDINATOR_WRITABLE.get(entity, frozenset())
        return in_department and kind is OpKind.UPDATE and bool(names) and names <= writable
    return p.structure_id is not None and scope.structure == p.structure_id
