"""A laptop survives any server (docs/protocol.md, « Limits of the client »).

The misbehaving servers are real sockets on 127.0.0.1 (tests/support/bad_server.py): one
that says « more » forever, one that answers 413 to everything, one that trickles its answer,
one that sends 1.5 GB. The op too large for the server is played against the real ``tne_api``
with its real body bound (``max_request_bytes``), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, update

from mediator_app.core.entities import Workshop
from mediator_app.core.enums import Theme, WorkshopFormat
from mediator_app.core.errors import ServerError
from mediator_app.core.wire import MESSAGES
from mediator_app.local_store import Store, open_local_store
from mediator_app.local_store.schema import entity_tables, outbox
from mediator_app.local_store.services.attention import AttentionService
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.sync.api_client import DEADLINE_PASSED, SyncDeadlineError
from mediator_app.sync.engine import SERVER_REFUSES_SMALL, SyncEngine
from mediator_app.sync.session import SessionManager
from mediator_app.sync.status import status_text, sync_status
from tests.server.conftest import pg_schema_url
from tests.support.bad_server import bad_server
from tests.support.live_server import LiveServer, live_server, sqlite_url

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct-horse-42"
#: The real server's body bound in these tests: a 20 000-character note is over it, a
#: workshop without one far under.
SERVER_BODY_BOUND = 100_000


def _laptop(data_dir: Path, url: str, **options: object) -> tuple[Store, SessionManager]:
    store, _info = open_local_store(data_dir)
    session = SessionManager(store, **options)
    session.login(url, "amina@tne.test", PASSWORD)
    return store, session


def _workshop(store: Store, title: str, notes: str = "") -> Workshop:
    return (
        WorkshopService(store)
        .create(
            Workshop(
                format=WorkshopFormat.CAFE_DES_PARENTS,
                title=title,
                date=date(2026, 11, 3),
                themes=(Theme.PARENTALITE,),
                commune="Sarcelles",
                notes=notes,
            )
        )
        .value
    )


def _states(store: Store) -> dict[str, str]:
    with store.read() as conn:
        return {
            str(r.row_id): str(r.state)
            for r in conn.execute(select(outbox.c.row_id, outbox.c.state))
        }


# --- bad servers --------------------------------------------------------------------------


@pytest.mark.timeout(60)
def test_more_forever_stops_at_the_page_cap_and_never_says_synchronised(tmp_path: Path) -> None:
    with bad_server("more_forever") as bad:
        store, session = _laptop(tmp_path / "a", bad.url, backoff=0.01, backoff_cap=0.05)
        try:
            report = SyncEngine(store, session.client(), max_pages=12).sync()
            assert bad.count("/sync/v1/pull") == 12
            assert report.complete is False and report.remaining == "pull"
            # Empty « more » pages wait longer and longer: no spinning.
            times = [t for p, t in bad.requests if p == "/sync/v1/pull"]
            gaps = [b - a for a, b in itertools.pairwise(times)]
            assert min(gaps[-5:]) >= 0.04
            text = status_text(sync_status(store))
            assert text == "Synchronisation incomplète · la suite au prochain essai"
            assert "synchronisé" not in text.lower().replace("synchronisation", "")
        finally:
            store.engine.dispose()


@pytest.mark.timeout(60)
def test_413_forever_is_a_french_error_after_a_few_spaced_requests(tmp_path: Path) -> None:
    with bad_server("too_large_forever") as bad:
        # The default backoff: what a laptop really does.
        store, session = _laptop(tmp_path / "a", bad.url)
        try:
            for i in range(20):
                _workshop(store, f"Atelier {i}")
            for _run in range(2):
                with pytest.raises(ServerError) as err:
                    SyncEngine(store, session.client()).sync()
                assert err.value.message == SERVER_REFUSES_SMALL
            pushes = [t for p, t in bad.requests if p == "/sync/v1/push"]
            # 20 → 10 → 5 → 2 → 1 per run, then the run stops: never a loop.
            assert len(pushes) == 10
            per_run = pushes[:5]
            rate = (len(per_run) - 1) / (per_run[-1] - per_run[0])
            assert rate < 3.0, f"{rate:.1f} requests/s"
            # Nothing parked, nothing lost: the server is at fault, not the ops.
            assert set(_states(store).values()) == {"pending"}
            assert len(_states(store)) == 20
        finally:
            store.engine.dispose()


@pytest.mark.timeout(60)
def test_a_trickling_answer_is_cut_at_the_run_deadline(tmp_path: Path) -> None:
    # One byte every 0.5 s: about 80 s for the page; each byte comes well within any
    # per-read timeout, so only a deadline on the whole run stops it.
    with bad_server("trickle", interval=0.5) as bad:
        store, session = _laptop(tmp_path / "a", bad.url, backoff=0.01)
        try:
            _workshop(store, "Atelier du mardi")
            start = time.monotonic()
            with pytest.raises(SyncDeadlineError) as err:
                SyncEngine(store, session.client(), run_deadline_s=3.0).sync()
            elapsed = time.monotonic() - start
            assert 2.5 <= elapsed < 4.5, elapsed
            assert err.value.message == DEADLINE_PASSED
            assert bad.count("/sync/v1/pull") == 1
            # What was pushed before the slow pull stays acknowledged.
            assert set(_states(store).values()) == {"acked"}
            assert status_text(sync_status(store)) != "Tout est synchronisé · à l’instant"
        finally:
            store.engine.dispose()


@pytest.mark.timeout(120)
def test_a_huge_answer_is_cut_with_bounded_memory(tmp_path: Path) -> None:
    with bad_server("huge") as bad:
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        proc = subprocess.run(
            [sys.executable, "-m", "tests.support.sync_probe", str(tmp_path / "a"), bad.url],
            capture_output=True,
            text=True,
            env=env,
            timeout=110,
            check=True,
        )
        sent = bad.sent_bytes
    out = json.loads(proc.stdout)
    assert out["code"] == "response_too_large"
    assert "trop volumineuse (plus de 64 Mo)" in str(out["message"])
    assert "Vos modifications restent enregistrées" in str(out["message"])
    grown_mb = (int(out["peak_kb"]) - int(out["peak_before_kb"])) / 1024
    print(f"peak RSS grew by {grown_mb:.0f} MB while {sent / 2**20:.0f} MB were offered")
    assert grown_mb < 200, grown_mb
    assert "synchronisé ·" not in str(out["status"]).lower()
    # Each answer was abandoned soon after the cap, nowhere near its 1.5 GB.
    assert sent < 1_500_000_000


# --- the real server's body bound ---------------------------------------------------------


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def bounded_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveServer]:
    """The real ``tne_api`` with a small request bound, on SQLite and PostgreSQL."""
    urls = (
        [sqlite_url(tmp_path / "server.sqlite3")] if request.param == "sqlite" else pg_schema_url()
    )
    for url in urls:
        with live_server(url, max_request_bytes=SERVER_BODY_BOUND) as srv:
            structure = srv.create_structure("Association Médiation 95")
            srv.create_user("amina@tne.test", PASSWORD, "mediator", structure_id=structure)
            yield srv


@pytest.mark.timeout(120)
def test_an_op_too_large_for_the_server_is_parked_and_the_queue_moves_on(
    bounded_server: LiveServer, tmp_path: Path
) -> None:
    store, session = _laptop(tmp_path / "a", bounded_server.base_url, backoff=0.01)
    try:
        first = _workshop(store, "Avant")
        # 20 000 « é » are within core.limits but, escaped in JSON, 120 kB: over the bound.
        big = _workshop(store, "Compte rendu détaillé", notes="é" * 20_000)
        last = _workshop(store, "Après")
        report = SyncEngine(store, session.client()).sync()
        assert report.parked == 1 and report.pushed == 2
        states = _states(store)
        assert states[str(big.id)] == "parked"
        assert states[str(first.id)] == states[str(last.id)] == "acked"
        cards = [c for c in AttentionService(store).cards() if c.kind == "parked"]
        assert [(c.row_id, c.message) for c in cards] == [(big.id, MESSAGES["too_large"])]
        assert cards[0].can_retry
        # The others reached the server: a second laptop of the account pulls them.
        other, other_session = _laptop(tmp_path / "b", bounded_server.base_url, backoff=0.01)
        try:
            SyncEngine(other, other_session.client()).sync()
            with other.read() as conn:
                w = entity_tables["workshop"]
                titles = set(conn.execute(select(w.c.title)).scalars())
            assert titles == {"Avant", "Après"}
        finally:
            other.engine.dispose()
        # The next run does not send it again: it waits in « À traiter ».
        again = SyncEngine(store, session.client()).sync()
        assert again.pushed == 0 and again.parked == 0
        assert _states(store)[str(big.id)] == "parked"
    finally:
        store.engine.dispose()


@pytest.mark.timeout(120)
def test_an_op_beyond_the_core_limits_is_parked_unsent(
    bounded_server: LiveServer, tmp_path: Path
) -> None:
    store, session = _laptop(tmp_path / "a", bounded_server.base_url, backoff=0.01)
    try:
        bad = _workshop(store, "Titre d’abord correct")
        good = _workshop(store, "Atelier suivant")
        # An op queued by an older version (or a restored backup) past a bound of the wire.
        with store.engine.begin() as conn:
            row = conn.execute(select(outbox).where(outbox.c.row_id == bad.id)).mappings().one()
            changes = {**row["changes"], "title": "T" * 2_001}
            conn.execute(update(outbox).where(outbox.c.row_id == bad.id).values(changes=changes))
        api = session.client()
        report = SyncEngine(store, api).sync()
        assert report.parked == 1 and report.pushed == 1
        states = _states(store)
        assert states[str(bad.id)] == "parked" and states[str(good.id)] == "acked"
        cards = [c for c in AttentionService(store).cards() if c.kind == "parked"]
        assert [c.message for c in cards] == [MESSAGES["out_of_bounds"]]
        with store.read() as conn:
            error = conn.execute(
                select(outbox.c.last_error).where(outbox.c.row_id == bad.id)
            ).scalar_one()
        assert error.startswith("out_of_bounds: Texte trop long")
    finally:
        store.engine.dispose()
