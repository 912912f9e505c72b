"""Réussite Connectée and Parents Ressource fields

``handout.programme`` says a hand-out belongs to Réussite Connectée (counted per collège,
the pupil's ``pupil_school_id``); ``participant.parent_resource_since`` is when a parent
became a Parent Ressource; ``attendance.co_facilitated`` records that a Parent Ressource
co-facilitated the workshop. All three are additive: existing rows keep their meaning
(no programme, no date, not co-facilitated). docs/architecture.md, « Réussite Connectée ».

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("handout", schema=None) as batch_op:
        batch_op.add_column(sa.Column("programme", sa.String(40), nullable=True))
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parent_resource_since", sa.Date(), nullable=True))
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("co_facilitated", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.alter_column("co_facilitated", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_column("co_facilitated")
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_column("parent_resource_since")
    with op.batch_alter_table("handout", schema=None) as batch_op:
        batch_op.drop_column("programme")
