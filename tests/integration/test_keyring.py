"""Tokens live in the OS keyring, or in memory only, and never on disk; signing in and out
keeps the outbox; a laptop registers with the server once.

The test process uses the in-memory keyring backend (tests/conftest.py); "no secure
storage" is keyring's own ``fail`` backend, as on a Linux desktop without a secret service.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
import sqlalchemy as sa

from mediator_app.core.entities import Participant
from mediator_app.core.errors import AuthenticationError
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.sync.api_client import ApiClient, Tokens
from mediator_app.sync.engine import SyncEngine, SyncReport
from mediator_app.sync.session import (
    KEYRING_SERVICE,
    NO_SECURE_STORAGE,
    SessionManager,
    keyring_backend_name,
)
from tests.support.clients import Client, make_client
from tests.support.faults import FaultAdapter, fault_session
from tests.support.live_server import LiveServer, live_server, sqlite_url
from tests.support.sync_checks import client_id_of, server_wire_rows
from tests.support.workload import new_workshop
from tne_api import models

PASSWORD = "correct-horse-42"
EMAIL = "amina@tne.test"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    with live_server(sqlite_url(tmp_path / "server.sqlite3")) as srv:
        yield srv


@pytest.fixture
def structure(server: LiveServer) -> uuid.UUID:
    sid = server.create_structure("Collège Jean Moulin")
    server.create_user(EMAIL, PASSWORD, "mediator", structure_id=sid)
    return sid


@pytest.fixture
def no_secure_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())  # type: ignore[no-untyped-call]
    try:
        yield
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[tuple[Client, FaultAdapter]]:
    adapter = FaultAdapter()  # no faults: it records every request
    client = make_client(tmp_path, "laptop", session=fault_session(adapter))
    yield client, adapter
    client.close()


def _stored(server: LiveServer) -> dict[str, str] | None:
    """The session kept for the test account on this server (entries are per laptop)."""
    backend = keyring.get_keyring()
    prefix = f"{server.base_url}|{EMAIL}|"
    entries = [
        raw
        for (service, account), raw in backend._secrets.items()  # type: ignore[attr-defined]
        if service == KEYRING_SERVICE and account.startswith(prefix)
    ]
    assert len(entries) <= 1, entries
    return dict(json.loads(entries[0])) if entries else None


def _sync_clients(server: LiveServer) -> int:
    with server.db.read() as conn:
        return int(
            conn.execute(sa.select(sa.func.count()).select_from(models.sync_client)).scalar_one()
        )


def _sync_with(session: SessionManager, client: Client) -> SyncReport:
    return SyncEngine(client.store, session.client(), device_name=client.name).sync()


def test_login_keeps_tokens_in_the_keyring_and_logout_forgets_them(
    server: LiveServer, structure: uuid.UUID, laptop: tuple[Client, FaultAdapter]
) -> None:
    client, adapter = laptop
    assert keyring_backend_name().endswith("MemoryKeyring")
    info = client.session.login(server.base_url, EMAIL, PASSWORD)
    assert info.tokens_persisted and info.warning == ""
    tokens = client.session.client().tokens
    assert tokens is not None
    assert _stored(server) == {"access": tokens.access_token, "refresh": tokens.refresh_token}

    # The application restarts: a new session manager finds the tokens in the keyring.
    again = SessionManager(client.store, session=fault_session(adapter))
    assert again.is_signed_in()
    client.sync()

    # An edit waits in the outbox across a logout.
    WorkshopService(client.store).create(new_workshop("Atelier Pronote"))
    again.logout()
    assert _stored(server) is None
    assert not again.is_signed_in() and not client.session.is_signed_in()
    with pytest.raises(AuthenticationError):
        client.session.client()
    # Revoked on the server too: neither token opens a session any more.
    old = ApiClient(server.base_url, tokens=Tokens(tokens.access_token, tokens.refresh_token))
    with pytest.raises(AuthenticationError):
        old.digest(str(client_id_of(client.store)))
    assert [o["state"] for o in client.outbox()] == ["pending"]

    client.session.login(server.base_url, EMAIL, PASSWORD)
    assert client.sync().pushed == 1
    assert adapter.count("/sync/v1/devices") == 1
    assert _sync_clients(server) == 1


def test_without_secure_keyring_tokens_stay_in_memory_and_never_touch_the_disk(
    server: LiveServer,
    structure: uuid.UUID,
    laptop: tuple[Client, FaultAdapter],
    no_secure_keyring: None,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    client, adapter = laptop
    # Data entered before the first login.
    w = WorkshopService(client.store).create(new_workshop("Café des parents")).value
    with client.store.write() as tx:
        p = tx.insert(Participant(first_name="Fatou", last_name="Diallo", phone="+33612345678"))

    info = client.session.login(server.base_url, EMAIL, PASSWORD)
    assert info.tokens_persisted is False
    assert info.warning == NO_SECURE_STORAGE and "coffre-fort" in info.warning
    first = client.session.client().tokens
    assert first is not None

    report = client.sync()
    assert report.pushed == 2
    assert w.id in server_wire_rows(server, "workshop", structure_id=structure)
    assert p.id in server_wire_rows(server, "participant", structure_id=structure)
    # The second sync does not register the laptop again.
    client.sync()
    assert adapter.count("/sync/v1/devices") == 1
    assert _sync_clients(server) == 1

    # Restart: memory-only tokens are gone, so the mediator signs in again; same device.
    restarted = SessionManager(client.store, session=fault_session(adapter))
    assert not restarted.is_signed_in()
    with pytest.raises(AuthenticationError):
        restarted.client()
    restarted.login(server.base_url, EMAIL, PASSWORD)
    second = restarted.client().tokens
    assert second is not None and second.access_token != first.access_token
    WorkshopService(client.store).update(w.id, notes="Salle 12")
    assert _sync_with(restarted, client).pushed == 1
    assert adapter.count("/sync/v1/devices") == 1
    assert _sync_clients(server) == 1

    secrets = [
        t.encode()
        for t in (
            first.access_token,
            first.refresh_token,
            second.access_token,
            second.refresh_token,
        )
    ]
    data_dir = tmp_path / "laptop"

    def leaks() -> list[str]:
        found = []
        for path in sorted(data_dir.rglob("*")):
            if path.is_file():
                blob = path.read_bytes()
                found += [str(path.relative_to(data_dir)) for s in secrets if s in blob]
        return found

    # While the store is open its write-ahead log is scanned too.
    assert any(f.name.endswith("-wal") for f in data_dir.rglob("*"))
    assert leaks() == []
    client.close()
    assert leaks() == []  # after the WAL is checkpointed into the database file
    assert not any(s.decode() in caplog.text for s in secrets), "a token in the logs"
    # The server keeps only hashes of tokens.
    server_blob = b"".join(p.read_bytes() for p in tmp_path.glob("server.sqlite3*"))
    assert not any(s in server_blob for s in secrets)


def test_two_data_folders_of_one_account_keep_their_own_tokens(
    server: LiveServer, structure: uuid.UUID, tmp_path: Path
) -> None:
    """One OS keyring, two laptops' stores of the same account: each keeps its session
    (tokens are bound to a device and rotate, so sharing them would sign both out)."""
    a = make_client(tmp_path / "a", "a")
    b = make_client(tmp_path / "b", "b")
    try:
        a.session.login(server.base_url, EMAIL, PASSWORD)
        b.session.login(server.base_url, EMAIL, PASSWORD)
        a.sync()
        b.sync()
        a.session.client().refresh()  # a rotates its refresh token; b's is untouched
        assert a.sync().pushed == 0 and b.sync().pushed == 0
        tokens_a, tokens_b = a.session.client().tokens, b.session.client().tokens
        assert tokens_a is not None and tokens_b is not None
        assert tokens_a.refresh_token != tokens_b.refresh_token
    finally:
        a.close()
        b.close()


def test_tokens_of_an_earlier_version_move_to_this_laptops_entry(
    server: LiveServer, structure: uuid.UUID, laptop: tuple[Client, FaultAdapter]
) -> None:
    client, _adapter = laptop
    client.session.login(server.base_url, EMAIL, PASSWORD)
    saved = _stored(server)
    assert saved is not None
    # As an earlier version kept them: under the account alone.
    backend = keyring.get_keyring()
    backend._secrets.clear()  # type: ignore[attr-defined]
    legacy = f"{server.base_url}|{EMAIL}"
    keyring.set_password(KEYRING_SERVICE, legacy, json.dumps(saved))
    again = SessionManager(client.store)
    assert again.is_signed_in()
    assert keyring.get_password(KEYRING_SERVICE, legacy) is None
    assert _stored(server) == saved
    assert _sync_with(again, client).pushed == 0
