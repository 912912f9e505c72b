"""workshop: organising structure, venue and school are three fields

A workshop's single ``structure_id`` was at once its venue and its scope. It becomes the
venue (``venue_structure_id``); the organising structure (``organizer_structure_id``) is the
row's scope structure, i.e. the structure of the mediator who created it; a free venue
address joins the venue commune (docs/architecture.md, "Workshops").

Every workshop row gets a new version and a new ``seq`` (one transaction), so laptops pull
the new fields instead of keeping the values their own migration derived.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 02:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_RENAMED = {"structure_id": "venue_structure_id"}


def upgrade() -> None:
    with op.batch_alter_table("workshop") as batch:
        batch.add_column(sa.Column("organizer_structure_id", sa.Uuid(), nullable=True))
        batch.add_column(sa.Column("venue_structure_id", sa.Uuid(), nullable=True))
        batch.add_column(sa.Column("venue_address", sa.Text(), nullable=True))
    conn = op.get_bind()
    conn.execute(
        sa.text(
            "UPDATE workshop SET venue_structure_id = structure_id, "
            "organizer_structure_id = scope_structure, venue_address = ''"
        )
    )
    _bump_workshops(conn)
    with op.batch_alter_table("workshop") as batch:
        batch.drop_column("structure_id")
    conn.execute(
        sa.text(
            "UPDATE sync_conflict SET field_name = 'venue_structure_id' "
            "WHERE entity = 'workshop' AND field_name = 'structure_id'"
        )
    )


def _bump_workshops(conn: sa.Connection) -> None:
    """A new version and seq for every workshop, in one server transaction."""
    workshop = sa.table(
        "workshop",
        sa.column("id", sa.Uuid()),
        sa.column("seq", sa.BigInteger()),
        sa.column("tx_seq", sa.BigInteger()),
        sa.column("version", sa.Integer()),
        sa.column("field_versions", sa.JSON()),
    )
    counter = sa.table("sync_counter", sa.column("id", sa.Integer()), sa.column("seq"))
    rows = conn.execute(
        sa.select(workshop.c.id, workshop.c.version, workshop.c.field_versions).order_by(
            workshop.c.seq
        )
    ).all()
    if not rows:
        return
    top = int(conn.execute(sa.select(counter.c.seq).where(counter.c.id == 1)).scalar_one())
    first = top + 1
    for i, (row_id, version, field_versions) in enumerate(rows):
        versions = {_RENAMED.get(k, k): v for k, v in dict(field_versions or {}).items()}
        conn.execute(
            sa.update(workshop)
            .where(workshop.c.id == row_id)
            .values(
                seq=first + i,
                tx_seq=first,
                version=int(version) + 1,
                field_versions=versions,
            )
        )
    conn.execute(sa.update(counter).where(counter.c.id == 1).values(seq=first + len(rows) - 1))


def downgrade() -> None:
    with op.batch_alter_table("workshop") as batch:
        batch.add_column(sa.Column("structure_id", sa.Uuid(), nullable=True))
    op.get_bind().execute(sa.text("UPDATE workshop SET structure_id = venue_structure_id"))
    with op.batch_alter_table("workshop") as batch:
        batch.drop_column("venue_address")
        batch.drop_column("venue_structure_id")
        batch.drop_column("organizer_structure_id")
