"""refresh token rotation and device-bound access tokens

Each refresh now replaces the refresh token: ``refresh_token.family_id`` groups a token
with the ones that replaced it (the hash of the family's first token) and ``rotated_at``
marks a replaced token, so that presenting it again revokes the family. Existing tokens each
start their own family. ``access_token.device_id`` is the device a token was issued for;
existing tokens take their refresh token's device, or their registered client's.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 06:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("refresh_token") as batch:
        batch.add_column(sa.Column("family_id", sa.String(64), nullable=True))
        batch.add_column(sa.Column("rotated_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE refresh_token SET family_id = token_hash")
    with op.batch_alter_table("refresh_token") as batch:
        batch.alter_column("family_id", existing_type=sa.String(64), nullable=False)
        batch.create_index("ix_refresh_token_family_id", ["family_id"])
    with op.batch_alter_table("access_token") as batch:
        batch.add_column(sa.Column("device_id", sa.String(200), nullable=True))
    op.execute(
        "UPDATE access_token SET device_id = COALESCE("
        "(SELECT r.device_id FROM refresh_token r WHERE r.token_hash = access_token.refresh_hash),"
        " (SELECT c.device_id FROM sync_client c WHERE c.client_id = access_token.client_id))"
    )


def downgrade() -> None:
    with op.batch_alter_table("access_token") as batch:
        batch.drop_column("device_id")
    with op.batch_alter_table("refresh_token") as batch:
        batch.drop_index("ix_refresh_token_family_id")
        batch.drop_column("rotated_at")
        batch.drop_column("family_id")
