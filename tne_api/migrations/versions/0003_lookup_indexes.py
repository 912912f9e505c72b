"""indexes for the push rules' lookups by workshop

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 10:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEXES = (
    ("registration", "workshop_id"),
    ("attendance", "workshop_id"),
    ("anonymous_counts", "workshop_id"),
)


def upgrade() -> None:
    for table, column in _INDEXES:
        op.create_index(f"ix_{table}_{column}", table, [column])


def downgrade() -> None:
    for table, column in _INDEXES:
        op.drop_index(f"ix_{table}_{column}", table_name=table)
