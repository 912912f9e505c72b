"""indexes for snapshot pages: a scope's rows in id order

A snapshot page reads the rows of one scope after an id, in id order
(``tne_api.snapshot.snapshot_page``). With only the (scope, seq) indexes of the pull, each
page read every row of the scope and sorted them to keep a few thousand: a bootstrap read
its entity's rows once per page. (scope, id) lets each page start at its id and stop at its
limit.

On a large PostgreSQL database each index is built in the upgrade's transaction, and pushes to
its table wait meanwhile: docs/deploy.md (« Upgrading to revision 0012 ») gives the way to
build them beforehand without blocking writes; an index already there is left as it is.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 23:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SCOPES = ("scope_department", "scope_structure")


def _synced_tables() -> list[str]:
    """The synced tables as this database holds them (each has a seq and both scopes)."""
    inspector = sa.inspect(op.get_bind())
    out = []
    for table in sorted(inspector.get_table_names()):
        names = {c["name"] for c in inspector.get_columns(table)}
        if {"seq", "tx_seq", *_SCOPES} <= names:
            out.append(table)
    return out


def upgrade() -> None:
    for table in _synced_tables():
        for scope in _SCOPES:
            op.create_index(f"ix_{table}_{scope}_id", table, [scope, "id"], if_not_exists=True)


def downgrade() -> None:
    for table in _synced_tables():
        for scope in _SCOPES:
            op.drop_index(f"ix_{table}_{scope}_id", table_name=table, if_exists=True)
