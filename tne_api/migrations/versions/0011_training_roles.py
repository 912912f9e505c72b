"""Professionals trained by role on a workshop

``workshop.trained_teachers`` … ``trained_others``: the professionals a « Formation de
professionnels » trained, by role. Domain columns are nullable on the server
(``tne_api/models.py``); existing workshops are written ``0`` so every laptop reads the same
counts. No row gets a new version: a workshop counted nobody before and still does.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-10 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    "trained_teachers",
    "trained_educators",
    "trained_social_workers",
    "trained_public_agents",
    "trained_volunteers",
    "trained_others",
)


def upgrade() -> None:
    with op.batch_alter_table("workshop") as batch:
        for name in COLUMNS:
            batch.add_column(sa.Column(name, sa.Integer(), nullable=True))
    op.execute(sa.text("UPDATE workshop SET " + ", ".join(f"{c} = 0" for c in COLUMNS)))


def downgrade() -> None:
    with op.batch_alter_table("workshop") as batch:
        for name in reversed(COLUMNS):
            batch.drop_column(name)
