"""The département's programme: partnerships, their instalments and school targets
(docs/architecture.md, « Partenariats et couverture »). Three new synced tables, no data
to move.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 05:53:46.732586
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "partnership",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("department_code", sa.Text(), nullable=True),
        sa.Column("school_year", sa.Text(), nullable=True),
        sa.Column("partner_structure_id", sa.Uuid(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=64), nullable=True),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("objective_workshops", sa.Integer(), nullable=True),
        sa.Column("objective_schools", sa.Integer(), nullable=True),
        sa.Column("objective_trained", sa.Integer(), nullable=True),
        sa.Column("subsidy_cents", sa.Integer(), nullable=True),
        sa.Column("documents", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("field_versions", sa.JSON(), nullable=False),
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("tx_seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("scope_department", sa.String(length=8), nullable=False),
        sa.Column("scope_structure", sa.Uuid(), nullable=True),
        sa.Column("updated_by_user", sa.Uuid(), nullable=True),
        sa.Column("updated_by_client", sa.Uuid(), nullable=True),
        sa.Column("server_updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partnership")),
        sa.UniqueConstraint("seq", name=op.f("uq_partnership_seq")),
    )
    with op.batch_alter_table("partnership", schema=None) as batch_op:
        batch_op.create_index(
            "ix_partnership_scope_department_seq", ["scope_department", "seq"], unique=False
        )
        batch_op.create_index(
            "ix_partnership_scope_structure_seq", ["scope_structure", "seq"], unique=False
        )

    op.create_table(
        "partnership_instalment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("partnership_id", sa.Uuid(), nullable=True),
        sa.Column("department_code", sa.Text(), nullable=True),
        sa.Column("partner_structure_id", sa.Uuid(), nullable=True),
        sa.Column("label", sa.Text(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("amount_cents", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=64), nullable=True),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("field_versions", sa.JSON(), nullable=False),
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("tx_seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("scope_department", sa.String(length=8), nullable=False),
        sa.Column("scope_structure", sa.Uuid(), nullable=True),
        sa.Column("updated_by_user", sa.Uuid(), nullable=True),
        sa.Column("updated_by_client", sa.Uuid(), nullable=True),
        sa.Column("server_updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partnership_instalment")),
        sa.UniqueConstraint("seq", name=op.f("uq_partnership_instalment_seq")),
    )
    with op.batch_alter_table("partnership_instalment", schema=None) as batch_op:
        batch_op.create_index(
            "ix_partnership_instalment_scope_department_seq",
            ["scope_department", "seq"],
            unique=False,
        )
        batch_op.create_index(
            "ix_partnership_instalment_scope_structure_seq",
            ["scope_structure", "seq"],
            unique=False,
        )

    op.create_table(
        "school_target",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("department_code", sa.Text(), nullable=True),
        sa.Column("school_year", sa.Text(), nullable=True),
        sa.Column("uai", sa.Text(), nullable=True),
        sa.Column("school_id", sa.Uuid(), nullable=True),
        sa.Column("school_name", sa.Text(), nullable=True),
        sa.Column("commune", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("field_versions", sa.JSON(), nullable=False),
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("tx_seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("scope_department", sa.String(length=8), nullable=False),
        sa.Column("scope_structure", sa.Uuid(), nullable=True),
        sa.Column("updated_by_user", sa.Uuid(), nullable=True),
        sa.Column("updated_by_client", sa.Uuid(), nullable=True),
        sa.Column("server_updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_target")),
        sa.UniqueConstraint("seq", name=op.f("uq_school_target_seq")),
    )
    with op.batch_alter_table("school_target", schema=None) as batch_op:
        batch_op.create_index(
            "ix_school_target_scope_department_seq", ["scope_department", "seq"], unique=False
        )
        batch_op.create_index(
            "ix_school_target_scope_structure_seq", ["scope_structure", "seq"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("school_target", schema=None) as batch_op:
        batch_op.drop_index("ix_school_target_scope_structure_seq")
        batch_op.drop_index("ix_school_target_scope_department_seq")

    op.drop_table("school_target")
    with op.batch_alter_table("partnership_instalment", schema=None) as batch_op:
        batch_op.drop_index("ix_partnership_instalment_scope_structure_seq")
        batch_op.drop_index("ix_partnership_instalment_scope_department_seq")

    op.drop_table("partnership_instalment")
    with op.batch_alter_table("partnership", schema=None) as batch_op:
        batch_op.drop_index("ix_partnership_scope_structure_seq")
        batch_op.drop_index("ix_partnership_scope_department_seq")

    op.drop_table("partnership")
