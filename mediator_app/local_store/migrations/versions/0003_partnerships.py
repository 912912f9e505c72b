"""The département's programme: partnerships, their instalments and school targets
(docs/architecture.md, « Partenariats et couverture »). Three new synced tables, no data
to move.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 05:53:45.778068
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import mediator_app.local_store.schema

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "partnership",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("department_code", sa.Text(), nullable=False),
        sa.Column("school_year", sa.Text(), nullable=False),
        sa.Column("partner_structure_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("objective_workshops", sa.Integer(), nullable=False),
        sa.Column("objective_schools", sa.Integer(), nullable=False),
        sa.Column("objective_trained", sa.Integer(), nullable=False),
        sa.Column("subsidy_cents", sa.Integer(), nullable=False),
        sa.Column("documents", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("server_version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("sync_state", sa.String(length=16), nullable=False),
        sa.Column("created_at", mediator_app.local_store.schema.UTCDateTime(), nullable=True),
        sa.Column("updated_at", mediator_app.local_store.schema.UTCDateTime(), nullable=True),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partnership")),
    )
    op.create_table(
        "partnership_instalment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("partnership_id", sa.Uuid(), nullable=False),
        sa.Column("department_code", sa.Text(), nullable=False),
        sa.Column("partner_structure_id", sa.Uuid(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("server_version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("sync_state", sa.String(length=16), nullable=False),
        sa.Column("created_at", mediator_app.local_store.schema.UTCDateTime(), nullable=True),
        sa.Column("updated_at", mediator_app.local_store.schema.UTCDateTime(), nullable=True),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partnership_instalment")),
    )
    op.create_table(
        "school_target",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("department_code", sa.Text(), nullable=False),
        sa.Column("school_year", sa.Text(), nullable=False),
        sa.Column("uai", sa.Text(), nullable=False),
        sa.Column("school_id", sa.Uuid(), nullable=False),
        sa.Column("school_name", sa.Text(), nullable=False),
        sa.Column("commune", sa.Text(), nullable=False),
        sa.Column("server_version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("sync_state", sa.String(length=16), nullable=False),
        sa.Column("created_at", mediator_app.local_store.schema.UTCDateTime(), nullable=True),
        sa.Column("updated_at", mediator_app.local_store.schema.UTCDateTime(), nullable=True),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_target")),
    )


def downgrade() -> None:
    op.drop_table("school_target")
    op.drop_table("partnership_instalment")
    op.drop_table("partnership")
