"""sync health: last successful sync and the client's pending/parked counts per device

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sync_client", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_sync_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("pending", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("parked", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_client", schema=None) as batch_op:
        batch_op.drop_column("parked")
        batch_op.drop_column("pending")
        batch_op.drop_column("last_sync_at")
