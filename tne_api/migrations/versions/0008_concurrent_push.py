"""pushes side by side on PostgreSQL: seqs from transaction ids

PostgreSQL push transactions no longer lock the ``sync_counter`` row: each takes its seqs
from its own transaction id (``tne_api.sequencing.XactSequencer``) and pulls read below the
snapshot's xmin horizon (docs/protocol.md, "Pull without gaps"). ``sync_origin`` records
where those seqs start: ``xid_base`` is this migration's transaction (every later writer has
a higher id), ``seq_base`` is above every seq the counter gave, so existing cursors stay
valid and nothing is pulled twice. SQLite keeps the counter and gets an empty table.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "sync_origin",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq_base", _BigInt, nullable=False),
        sa.Column("xid_base", _BigInt, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_origin")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "INSERT INTO sync_origin (id, seq_base, xid_base) SELECT 1, "
            "COALESCE((SELECT seq FROM sync_counter WHERE id = 1), 0) + 1, "
            "pg_current_xact_id()::text::bigint"
        )


def downgrade() -> None:
    # Going back to the counter: it must continue above every seq given since 0008.
    if op.get_bind().dialect.name == "postgresql":
        tables = sa.inspect(op.get_bind()).get_table_names()
        synced = [
            t
            for t in tables
            if "seq" in {c["name"] for c in sa.inspect(op.get_bind()).get_columns(t)}
            and "tx_seq" in {c["name"] for c in sa.inspect(op.get_bind()).get_columns(t)}
        ]
        if synced:
            top = " UNION ALL ".join(f'SELECT max(seq) AS s FROM "{t}"' for t in synced)
            op.execute(
                f"UPDATE sync_counter SET seq = GREATEST(seq, (SELECT COALESCE(max(s), 0) FROM ({top}) AS m))"
            )
    op.drop_table("sync_origin")
