"""workshop: organising structure, venue and school are three fields

The single ``structure_id`` was at once the venue and the scope. It becomes the venue
(``venue_structure_id``); the organising structure (``organizer_structure_id``) is the
owner's structure (the owner's actor row when this laptop has it, else this laptop's
profile for its own or unowned workshops, else the old place, which the server used as the
scope). Queued outbox ops are rewritten the same way, so what was typed before the update
replays after it (docs/architecture.md, "Workshops"; docs/protocol.md, "Versions").

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 02:30:00
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshop", schema=None) as batch_op:
        batch_op.add_column(sa.Column("organizer_structure_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("venue_structure_id", sa.Uuid(), nullable=True))
        batch_op.add_column(
            sa.Column("venue_address", sa.Text(), nullable=False, server_default="")
        )
    conn = op.get_bind()
    profile = _profile(conn)
    me = _hex(profile.get("actor_id"))
    mine = _hex(profile.get("structure_id"))
    conn.execute(sa.text("UPDATE workshop SET venue_structure_id = structure_id"))
    conn.execute(
        sa.text(
            "UPDATE workshop SET organizer_structure_id = "
            "(SELECT a.structure_id FROM actor a WHERE a.id = workshop.owner_id)"
        )
    )
    if mine is not None:
        conn.execute(
            sa.text(
                "UPDATE workshop SET organizer_structure_id = :mine "
                "WHERE organizer_structure_id IS NULL AND (owner_id IS NULL OR owner_id = :me)"
            ),
            {"mine": mine, "me": me or ""},
        )
    conn.execute(
        sa.text(
            "UPDATE workshop SET organizer_structure_id = structure_id "
            "WHERE organizer_structure_id IS NULL"
        )
    )
    _rewrite_outbox(conn)
    conn.execute(
        sa.text(
            "UPDATE attention_item SET field_name = 'venue_structure_id' "
            "WHERE entity = 'workshop' AND field_name = 'structure_id'"
        )
    )
    with op.batch_alter_table("workshop", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshop_structure_id"))
        batch_op.drop_column("structure_id")
        batch_op.alter_column("venue_address", server_default=None)
        batch_op.create_index(
            batch_op.f("ix_workshop_organizer_structure_id"), ["organizer_structure_id"]
        )
        batch_op.create_index(batch_op.f("ix_workshop_venue_structure_id"), ["venue_structure_id"])
        batch_op.create_index(batch_op.f("ix_workshop_school_id"), ["school_id"])


def _profile(conn: sa.Connection) -> dict[str, Any]:
    raw = conn.execute(sa.text("SELECT value FROM sync_state WHERE key = 'profile'")).scalar()
    try:
        value = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _hex(value: Any) -> str | None:
    """A UUID as SQLAlchemy's ``Uuid`` stores it in SQLite (32 hex digits)."""
    try:
        return uuid.UUID(str(value)).hex if value else None
    except ValueError:
        return None


def _rewrite_outbox(conn: sa.Connection) -> None:
    """Queued workshop ops in the new field names; a create also names its organiser."""
    organizers = {
        str(row_id): org
        for row_id, org in conn.execute(sa.text("SELECT id, organizer_structure_id FROM workshop"))
    }
    ops = conn.execute(
        sa.text(
            "SELECT client_seq, row_id, kind, base, changes FROM outbox WHERE entity = 'workshop'"
        )
    ).all()
    for client_seq, row_id, kind, base, changes in ops:
        new_base = _renamed(json.loads(base) if isinstance(base, str) else base or {})
        new_changes = _renamed(json.loads(changes) if isinstance(changes, str) else changes or {})
        org = organizers.get(str(row_id))
        if kind == "create" and "organizer_structure_id" not in new_changes:
            new_changes["organizer_structure_id"] = str(uuid.UUID(org)) if org else None
            new_changes.setdefault("venue_address", "")
        conn.execute(
            sa.text("UPDATE outbox SET base = :base, changes = :changes WHERE client_seq = :seq"),
            {"base": json.dumps(new_base), "changes": json.dumps(new_changes), "seq": client_seq},
        )


def _renamed(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    if "structure_id" in out:
        out["venue_structure_id"] = out.pop("structure_id")
    return out


def downgrade() -> None:
    with op.batch_alter_table("workshop", schema=None) as batch_op:
        batch_op.add_column(sa.Column("structure_id", sa.Uuid(), nullable=True))
    op.get_bind().execute(sa.text("UPDATE workshop SET structure_id = venue_structure_id"))
    with op.batch_alter_table("workshop", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshop_school_id"))
        batch_op.drop_index(batch_op.f("ix_workshop_venue_structure_id"))
        batch_op.drop_index(batch_op.f("ix_workshop_organizer_structure_id"))
        batch_op.drop_column("venue_address")
        batch_op.drop_column("venue_structure_id")
        batch_op.drop_column("organizer_structure_id")
        batch_op.create_index(batch_op.f("ix_workshop_structure_id"), ["structure_id"])
