"""Connectivity lines say why they ended: ``connectivity_line.end_reason``

A line ended on the Matériel page keeps its reason (fin de contrat, perte, résiliation,
restitution, autre: ``core.enums.LineEndReason``), synced like its other fields. A line
already terminated before this revision gets « autre », as the server's revision 0009 does,
so both sides hold the same row and it passes ``core.validation.validate_line``.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("connectivity_line") as batch:
        batch.add_column(sa.Column("end_reason", sa.String(length=40), nullable=True))
    op.execute(
        "UPDATE connectivity_line SET end_reason = 'autre' "
        "WHERE status = 'resiliee' AND end_reason IS NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("connectivity_line") as batch:
        batch.drop_column("end_reason")
