"""Key/value state kept in the store (device id, who is signed in, sync cursor, …)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from mediator_app.local_store.schema import sync_state


def get_state(conn: Connection, key: str, default: Any = None) -> Any:
    row = conn.execute(select(sync_state.c.value).where(sync_state.c.key == key)).first()
    return default if row is None else json.loads(row[0])


def set_state(conn: Connection, key: str, value: Any) -> None:
    stmt = sqlite_insert(sync_state).values(key=key, value=json.dumps(value))
    conn.execute(
        stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value})
    )


def all_state(conn: Connection) -> dict[str, Any]:
    return {k: json.loads(v) for k, v in conn.execute(select(sync_state.c.key, sync_state.c.value))}
