"""Desktop clients for integration tests: a real store in a data dir, signed in to a
live server, with a sync engine."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from mediator_app.core.entities import ENTITIES
from mediator_app.local_store import Store, open_local_store
from mediator_app.local_store.schema import entity_tables, outbox
from mediator_app.sync.engine import SyncEngine, SyncReport
from mediator_app.sync.session import SessionManager


@dataclass
class Client:
    """One laptop: its store, session and engine."""

    name: str
    store: Store
    session: SessionManager
    options: dict[str, Any]

    def login(self, base_url: str, email: str, password: str) -> None:
        self.session.login(base_url, email, password)

    def engine(self, **kw: Any) -> SyncEngine:
        return SyncEngine(self.store, self.session.client(), device_name=self.name, **kw)

    def sync(self, **kw: Any) -> SyncReport:
        return self.engine().sync(**kw)

    def rows(self, entity: str, *, live_only: bool = True) -> list[dict[str, Any]]:
        table = entity_tables[entity]
        with self.store.read() as conn:
            q = select(table)
            if live_only:
                q = q.where(table.c.deleted.is_(False))
            return [dict(r) for r in conn.execute(q).mappings()]

    def outbox(self, state: str | None = None) -> list[dict[str, Any]]:
        with self.store.read() as conn:
            q = select(outbox).order_by(outbox.c.client_seq)
            if state:
                q = q.where(outbox.c.state == state)
            return [dict(r) for r in conn.execute(q).mappings()]

    def versions(self) -> dict[str, dict[Any, tuple[int, bool]]]:
        """Per entity: id -> (server version, deleted) of rows the server knows."""
        out: dict[str, dict[Any, tuple[int, bool]]] = {}
        with self.store.read() as conn:
            for name in ENTITIES:
                t = entity_tables[name]
                out[name] = {
                    r.id: (r.server_version, bool(r.deleted))
                    for r in conn.execute(
                        select(t.c.id, t.c.server_version, t.c.deleted).where(
                            t.c.server_version > 0
                        )
                    )
                }
        return out

    def close(self) -> None:
        self.store.engine.dispose()


def make_client(root: Path, name: str, **options: Any) -> Client:
    """A fresh laptop with its own data dir under ``root``; API client options (e.g.
    ``session`` for fault injection, ``backoff``) are passed to every ``ApiClient``."""
    store, _info = open_local_store(root / name)
    options.setdefault("backoff", 0.01)
    return Client(name, store, SessionManager(store, **options), options)
