"""A laptop's queue across the protocol update (docs/protocol.md, "Protocol version").

The queue is the one recorded in protocol 1's format (``tests/fixtures/outbox_v1``): two
parents, a workshop, registrations, attendance and a lent laptop, typed offline. The server
is updated first: the laptop, still of protocol 1, gets 426 and a French sentence, and keeps
its queue whole. Once the application is updated, the same queue replays: every op
applied, none parked, the server holds the rows, the digests agree.

Against the real tne_api on 127.0.0.1, on SQLite and (with ``TNE_TEST_DATABASE_URL``) on
PostgreSQL.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from uuid import UUID

import pytest
import requests
from requests.adapters import HTTPAdapter
from sqlalchemy import insert, select

from mediator_app.core.entities import ENTITIES
from mediator_app.core.errors import KnownError, UpdateRequiredError
from mediator_app.core.messages import PROTOCOL_HEADER, PROTOCOL_VERSION
from mediator_app.core.wire import from_wire
from mediator_app.local_store import Store
from mediator_app.local_store.rows import entity_values
from mediator_app.local_store.schema import attention_item, entity_tables, outbox
from mediator_app.local_store.state import get_state
from mediator_app.sync.api_client import MALFORMED_ANSWER, MalformedAnswerError
from mediator_app.sync.engine import SyncEngine
from mediator_app.sync.session import SessionManager
from tests.server.conftest import pg_schema_url
from tests.support.clients import Client, make_client
from tests.support.live_server import LiveServer, live_server, sqlite_url
from tests.support.sync_checks import client_id_of, server_wire_rows
from tne_api.app import PROTOCOL_TOO_OLD
from tne_api.db import new_epoch

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "outbox_v1" / "queue.json"
#: What must survive a refused sync untouched (``attempts`` counts the tries).
KEPT = ("client_seq", "op_id", "entity", "row_id", "kind", "base_version", "base", "changes")


@pytest.fixture(scope="module")
def recorded() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert data["recorded_with"]["schema_version"] == 1
    return data


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "server.sqlite3")
    else:
        yield from pg_schema_url()


def seed(server: LiveServer, recorded: dict[str, Any]) -> None:
    """The reference data the recorded laptop had pulled, with the same ids, and its
    mediator's account."""
    seed = recorded["seed"]
    s = seed["structure"]
    server.create_structure(
        s["name"],
        kind=s["kind"],
        uai=s["uai"],
        department_code=s["department_code"],
        structure_id=UUID(s["id"]),
    )
    template = dict(seed["agreement_template"])
    server.sync.server_upsert("agreement_template", UUID(template.pop("id")), template)
    a = seed["account"]
    server.create_user(
        a["email"],
        a["password"],
        a["role"],
        structure_id=UUID(s["id"]),
        display_name=a["display_name"],
    )


def load_recorded_queue(store: Store, recorded: dict[str, Any]) -> None:
    """The recorded rows and outbox, as they were in the laptop's store (the profile is
    the signed-in account's, of the same structure)."""
    profile = dict(recorded["profile"])
    with store.read() as conn:
        mine = dict(get_state(conn, "profile", {}) or {})
    assert mine["structure_id"] == profile["structure_id"]
    assert mine["email"] == profile["email"]
    with store.engine.begin() as conn:
        for row in recorded["rows"]:  # parents first, as recorded
            name = row["entity"]
            obj = from_wire(ENTITIES[name], UUID(row["id"]), row["data"])
            meta = dict(row["meta"])
            for key in ("created_at", "updated_at"):
                meta[key] = datetime.fromisoformat(meta[key]) if meta[key] else None
            conn.execute(
                insert(entity_tables[name]).values(id=obj.id, **entity_values(obj), **meta)
            )
        for op in recorded["outbox"]:
            conn.execute(
                insert(outbox).values(
                    {
                        **op,
                        "op_id": UUID(op["op_id"]),
                        "row_id": UUID(op["row_id"]),
                        "created_at": datetime.fromisoformat(op["created_at"]),
                        "acked_at": None,
                    }
                )
            )


def kept(client: Client) -> list[tuple[Any, ...]]:
    return [tuple(o[k] for k in KEPT) for o in client.outbox()]


def attention(store: Store) -> list[Any]:
    with store.read() as conn:
        return list(conn.execute(select(attention_item)).all())


def signed_in_laptop(
    tmp_path: Path, server: LiveServer, recorded: dict[str, Any], **options: Any
) -> Client:
    laptop = make_client(tmp_path, "laptop", **options)
    a = recorded["seed"]["account"]
    laptop.login(server.base_url, a["email"], a["password"])
    return laptop


def test_an_old_laptop_gets_426_keeps_its_queue_and_replays_it_after_the_update(
    database_url: str, tmp_path: Path, recorded: dict[str, Any]
) -> None:
    ops = recorded["outbox"]
    structure = UUID(recorded["seed"]["structure"]["id"])
    # Before the update, the server still lets protocol 1 sync: the laptop signs in,
    # registers and pulls the reference data; then its mediator works offline.
    with live_server(database_url, min_protocol_version=1) as before:
        seed(before, recorded)
        port = int(before.base_url.rsplit(":", 1)[1])
        laptop = signed_in_laptop(tmp_path, before, recorded, protocol_version=1)
        assert laptop.sync().pushed == 0
    try:
        load_recorded_queue(laptop.store, recorded)
        queued = kept(laptop)
        assert [o[1] for o in queued] == [UUID(o["op_id"]) for o in ops]

        # The server is updated (same address, same database), the laptop not yet.
        with live_server(database_url, port=port) as server:
            with pytest.raises(UpdateRequiredError) as refused:
                laptop.sync()
            assert refused.value.message == PROTOCOL_TOO_OLD
            assert refused.value.message.startswith(
                "Cette version de TNE Médiation est trop ancienne pour le serveur"
            )
            # The queue is whole: nothing parked, nothing dropped, nothing to handle.
            assert kept(laptop) == queued
            assert {o["state"] for o in laptop.outbox()} == {"pending"}
            assert attention(laptop.store) == []
            assert server_wire_rows(server, "workshop", structure_id=structure) == {}

            # The very body protocol 1 sent, without the header it did not know.
            token = laptop.session.client().tokens
            assert token is not None
            body = {**recorded["push_body"], "client_id": str(client_id_of(laptop.store))}
            r = requests.post(
                f"{server.base_url}/sync/v1/push",
                data=gzip.compress(json.dumps(body).encode()),
                headers={
                    "Authorization": f"Bearer {token.access_token}",
                    "Content-Type": "application/json",
                    "Content-Encoding": "gzip",
                },
                timeout=30,
            )
            assert r.status_code == 426
            assert r.json()["detail"] == PROTOCOL_TOO_OLD
            assert "vos saisies en attente sont conservées" in r.json()["detail"]

            # The application is updated: same store, same account, the current protocol.
            updated = SessionManager(laptop.store, backoff=0.01)
            assert updated.is_signed_in()
            report = SyncEngine(laptop.store, updated.client()).sync(force_digest=True)
            assert (report.pushed, report.parked, report.conflicts) == (len(ops), 0, 0)
            assert {o["state"] for o in laptop.outbox()} == {"acked"}
            assert attention(laptop.store) == []
            for row in recorded["rows"]:
                held = server_wire_rows(server, row["entity"], structure_id=structure)
                assert UUID(row["id"]) in held, f"{row['entity']} missing on the server"
            workshop = next(r for r in recorded["rows"] if r["entity"] == "workshop")
            on_server = server_wire_rows(server, "workshop", structure_id=structure)
            assert on_server[UUID(workshop["id"])]["title"] == workshop["data"]["title"]
            assert on_server[UUID(workshop["id"])]["status"] == "held"
            # The laptop's cursor is the digest's: compared as strings, and equal.
            assert report.digest_checked and report.digest_ok
    finally:
        laptop.close()


class _Rewrite(HTTPAdapter):
    """Answers of one path rewritten before the client reads them (a server of another
    version, a proxy that edits bodies)."""

    def __init__(self, path: str, edit: Any) -> None:
        super().__init__()
        self.path = path
        self.edit = edit
        self.active = True

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        resp = super().send(request, *args, **kwargs)
        if self.active and (request.path_url or "").startswith(self.path) and resp.ok:
            body = json.loads(resp.content)
            self.edit(body)
            resp._content = json.dumps(body).encode()
            resp.headers["Content-Length"] = str(len(resp._content))
        return resp


@pytest.mark.parametrize(
    ("path", "edit"),
    [
        ("/sync/v1/push", lambda b: b.pop("results")),
        ("/sync/v1/push", lambda b: b["results"][0].update(status="peut-être")),
        ("/sync/v1/push", lambda b: b["results"][0].update(version="3")),
        ("/sync/v1/pull", lambda b: b.update(has_more="non")),
        ("/sync/v1/pull", lambda b: b.pop("next_cursor")),
        ("/sync/v1/digest", lambda b: b.pop("cursor")),
    ],
    ids=[
        "no-results",
        "unknown-status",
        "version-as-text",
        "bad-has-more",
        "no-cursor",
        "old-digest",
    ],
)
def test_a_malformed_answer_is_a_french_message_and_the_queue_is_kept(
    tmp_path: Path, recorded: dict[str, Any], path: str, edit: Any
) -> None:
    with live_server(sqlite_url(tmp_path / "server.sqlite3")) as server:
        seed(server, recorded)
        rewrite = _Rewrite(path, edit)
        session = requests.Session()
        session.mount("http://", rewrite)
        laptop = signed_in_laptop(tmp_path, server, recorded, session=session, max_attempts=1)
        try:
            load_recorded_queue(laptop.store, recorded)
            queued = kept(laptop)
            with pytest.raises(MalformedAnswerError) as err:
                laptop.engine().sync(force_digest=True)
            assert isinstance(err.value, KnownError)
            assert err.value.message == MALFORMED_ANSWER
            assert "Vos modifications restent enregistrées sur ce poste" in err.value.message
            states = {o["state"] for o in laptop.outbox()}
            assert "parked" not in states and "inflight" not in states
            assert attention(laptop.store) == []
            if path == "/sync/v1/push":
                # Nothing acknowledged from an answer that could not be read.
                assert kept(laptop) == queued and states == {"pending"}
            rewrite.active = False
            report = laptop.engine().sync(force_digest=True)
            assert report.parked == 0 and {o["state"] for o in laptop.outbox()} == {"acked"}
            assert report.digest_ok
        finally:
            laptop.close()


def test_the_client_sends_its_protocol_on_every_call(
    tmp_path: Path, recorded: dict[str, Any]
) -> None:
    seen: list[str | None] = []

    class Spy(HTTPAdapter):
        def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
            seen.append(request.headers.get(PROTOCOL_HEADER))
            return super().send(request, *args, **kwargs)

    with live_server(sqlite_url(tmp_path / "server.sqlite3")) as server:
        seed(server, recorded)
        session = requests.Session()
        session.mount("http://", Spy())
        laptop = signed_in_laptop(tmp_path, server, recorded, session=session)
        try:
            laptop.engine().sync(force_digest=True)
        finally:
            laptop.close()
    assert len(seen) >= 4 and set(seen) == {str(PROTOCOL_VERSION)}


class _Masquerade(HTTPAdapter):
    """Hands the client cursors of its own making (``opaque-N``) and turns them back into
    the server's on the way out: a client that read its cursor would break."""

    def __init__(self) -> None:
        super().__init__()
        self.real: dict[str, str] = {}
        self.mask: dict[str, str] = {}

    def _masked(self, real: str) -> str:
        if real not in self.mask:
            token = f"opaque-{len(self.mask)}"
            self.mask[real], self.real[token] = token, real
        return self.mask[real]

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        parts = urlsplit(request.url or "")
        query = parse_qsl(parts.query, keep_blank_values=True)
        # A snapshot's token is a cursor too (docs/protocol.md, « Snapshot »).
        opaque = ("cursor", "snapshot")
        if any(k in opaque and v for k, v in query):
            query = [(k, self.real[v] if k in opaque and v else v) for k, v in query]
            request.url = urlunsplit(parts._replace(query=urlencode(query)))
        resp = super().send(request, *args, **kwargs)
        keys = {"/sync/v1/pull": "next_cursor", "/sync/v1/digest": "cursor"}
        keys["/sync/v1/snapshot"] = "snapshot"
        if resp.ok and parts.path in keys:
            body = json.loads(resp.content)
            key = keys[parts.path]
            body[key] = self._masked(body[key])
            resp._content = json.dumps(body).encode()
            resp.headers["Content-Length"] = str(len(resp._content))
        return resp


def test_the_cursor_is_opaque_to_the_client(tmp_path: Path, recorded: dict[str, Any]) -> None:
    with live_server(sqlite_url(tmp_path / "server.sqlite3")) as server:
        seed(server, recorded)
        masquerade = _Masquerade()
        session = requests.Session()
        session.mount("http://", masquerade)
        laptop = signed_in_laptop(tmp_path, server, recorded, session=session)
        try:
            load_recorded_queue(laptop.store, recorded)
            first = laptop.engine(pull_limit=3, snapshot=False).sync(force_digest=True)
            assert first.pushed == len(recorded["outbox"]) and first.parked == 0
            with laptop.store.read() as conn:
                assert str(get_state(conn, "cursor")).startswith("opaque-")
            # Several pages (reference data, then the pushed batch: one server transaction,
            # never split), each cursor sent back as received; the digest compared by string.
            assert len(masquerade.mask) >= 2
            assert first.digest_checked and first.digest_ok
            again = laptop.engine().sync(force_digest=True)
            assert again.digest_checked and again.digest_ok and again.pulled == 0
            # A resync goes through a snapshot, whose token is as opaque as a cursor.
            new_epoch(server.db)
            masked = len(masquerade.mask)
            resynced = laptop.engine(snapshot_limit=2).sync(force_digest=True)
            assert resynced.snapshot_rows > 0 and len(masquerade.mask) > masked
            assert resynced.digest_checked and resynced.digest_ok
        finally:
            laptop.close()
