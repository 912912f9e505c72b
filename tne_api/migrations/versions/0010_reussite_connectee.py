"""Réussite Connectée and Parents Ressource fields

``handout.programme`` (the programme a hand-out belongs to; Réussite Connectée is counted
per collège), ``participant.parent_resource_since`` (when a parent became a Parent
Ressource) and ``attendance.co_facilitated`` (a Parent Ressource co-facilitated the
workshop). Domain columns are nullable on the server (``tne_api/models.py``); existing
attendance rows are written ``false`` so every laptop reads the same flag. No row gets a
new version: the values it already had are unchanged in meaning.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("handout") as batch:
        batch.add_column(sa.Column("programme", sa.String(64), nullable=True))
    with op.batch_alter_table("participant") as batch:
        batch.add_column(sa.Column("parent_resource_since", sa.Date(), nullable=True))
    with op.batch_alter_table("attendance") as batch:
        batch.add_column(sa.Column("co_facilitated", sa.Boolean(), nullable=True))
    op.execute(sa.text("UPDATE attendance SET co_facilitated = false"))


def downgrade() -> None:
    with op.batch_alter_table("attendance") as batch:
        batch.drop_column("co_facilitated")
    with op.batch_alter_table("participant") as batch:
        batch.drop_column("parent_resource_since")
    with op.batch_alter_table("handout") as batch:
        batch.drop_column("programme")
