"""Professionals trained by role on a workshop

A « Formation de professionnels » counts the professionals it trained, by role
(``workshop.trained_teachers`` … ``trained_others``). Additive: existing workshops count
none. docs/architecture.md, « Professionnels formés ».

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-10 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

COLUMNS = (
    "trained_teachers",
    "trained_educators",
    "trained_social_workers",
    "trained_public_agents",
    "trained_volunteers",
    "trained_others",
)


def upgrade() -> None:
    with op.batch_alter_table("workshop", schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.add_column(
                sa.Column(name, sa.Integer(), nullable=False, server_default=sa.text("0"))
            )
    with op.batch_alter_table("workshop", schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.alter_column(name, server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("workshop", schema=None) as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)
