"""connectivity lines say why they ended: ``connectivity_line.end_reason``

The reason a line ended (``core.enums.LineEndReason``) is a wire field like the others.
Lines terminated before this revision get « autre », as the client's revision 0005 does, so
both sides hold the same row; the value is the same on every laptop, so no new ``seq`` is
needed for them to agree.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("connectivity_line") as batch:
        batch.add_column(sa.Column("end_reason", sa.String(length=64), nullable=True))
    op.execute(
        "UPDATE connectivity_line SET end_reason = 'autre' "
        "WHERE status = 'resiliee' AND end_reason IS NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("connectivity_line") as batch:
        batch.drop_column("end_reason")
