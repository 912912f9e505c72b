"""Network faults between a laptop and the real tne_api never lose or duplicate an op.

A mediator works offline for a week (30 seeded creates/updates/deletes of workshops,
parents and attendance), tries to sync at the end of each day through one kind of fault
(tests/support/faults.py), then the network heals. Afterwards (sync-protocol §13.1):

* I1/I2 — the server's ``applied_op`` ledger for that laptop and the laptop's acked
  outbox hold the same op ids, once each, with the same ``client_seq``; nothing pending;
* every edit is on the server with the last value written;
* I3 — a second mediator of the same structure converges: equal digests on both laptops
  and on the server, equal field values.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from mediator_app.core.errors import (
    AuthenticationError,
    KnownError,
    NetworkUnavailableError,
    ServerError,
)
from mediator_app.sync.engine import SyncEngine, SyncReport
from tests.support.clients import Client, make_client
from tests.support.faults import AFTER_COMMIT, Fault, FaultAdapter, fault_session
from tests.support.live_server import LiveServer, live_server, sqlite_url
from tests.support.sync_checks import (
    client_id_of,
    digests_equal,
    ledger_check,
    no_duplicates_on_server,
    server_digest,
    server_ledger,
    server_wire_rows,
    wire_rows,
)
from tests.support.workload import Edit, Workload, expected_state, mismatches

pytestmark = pytest.mark.slow  # the durability layer: not in `make test-fast`

PASSWORD = "correct-horse-42"
SYNCED_BY_TEST = ("workshop", "participant", "attendance")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    path = tmp_path_factory.mktemp("faults") / "server.sqlite3"
    with live_server(sqlite_url(path)) as srv:
        yield srv


@dataclass
class Team:
    """Two mediators of one structure: ``a`` behind the faulty network, ``b`` on a clean one."""

    server: LiveServer
    structure: uuid.UUID
    a: Client
    b: Client
    adapter: FaultAdapter
    sleeps: list[float] = field(default_factory=list)

    def engine(self, client: Client) -> SyncEngine:
        # Small batches and pages: many requests, so many places for a fault to land.
        return SyncEngine(
            client.store,
            client.session.client(),
            batch_size=4,
            pull_limit=5,
            device_name=client.name,
        )

    def sync(self, client: Client, **kw: Any) -> SyncReport:
        return self.engine(client).sync(**kw)


@pytest.fixture
def team(server: LiveServer, tmp_path: Path) -> Iterator[Team]:
    tag = uuid.uuid4().hex[:8]
    structure = server.create_structure(f"Collège {tag}")
    for who in ("a", "b"):
        server.create_user(f"{who}-{tag}@tne.test", PASSWORD, "mediator", structure_id=structure)
    adapter = FaultAdapter()
    sleeps: list[float] = []
    a = make_client(tmp_path, "a", session=fault_session(adapter), sleep=sleeps.append)
    b = make_client(tmp_path, "b", sleep=sleeps.append)
    a.login(server.base_url, f"a-{tag}@tne.test", PASSWORD)
    b.login(server.base_url, f"b-{tag}@tne.test", PASSWORD)
    t = Team(server, structure, a, b, adapter, sleeps)
    yield t
    a.close()
    b.close()


def fault_script(fault: Fault, seed: str) -> list[Fault | None]:
    """Single faults the client's retries absorb, then a burst of four (one call's every
    attempt) so the sync itself fails mid-way, then a seeded mix, then another burst."""
    rng = random.Random(seed)
    mix = [fault if rng.random() < 0.5 else None for _ in range(24)]
    return [fault, None, fault, None, fault, fault, fault, fault, *mix, fault, fault, fault, fault]


def offline_week(
    team: Team, seed: str, script: list[Fault | None]
) -> tuple[list[Edit], list[KnownError]]:
    """Baseline shared by both laptops, then three days of offline work on ``a`` with a
    sync attempt (through the faults) at the end of each day."""
    base = Workload(team.b.store, f"{seed}-b", tag="b")
    for _ in range(6):
        base.step()
    team.sync(team.b)
    team.sync(team.a)
    work = Workload(team.a.store, seed, tag="a")
    edits: list[Edit] = []
    errors: list[KnownError] = []
    team.adapter.script(script)
    for _day in range(3):
        edits += [work.step() for _ in range(10)]
        for _attempt in range(3):
            try:
                team.sync(team.a)
                break
            except KnownError as exc:
                errors.append(exc)
    return edits, errors


def heal_and_check(team: Team, edits: list[Edit]) -> None:
    team.adapter.heal()
    team.sync(team.a)
    team.sync(team.b)
    report_a = team.sync(team.a, force_digest=True)
    report_b = team.sync(team.b, force_digest=True)
    assert report_a.digest_ok is not False and report_b.digest_ok is not False

    # I1/I2: the two ledgers agree, op by op.
    states = ledger_check(team.server, team.a.store)
    assert states.get("acked", 0) >= 20, states
    no_duplicates_on_server(team.server)
    ledger = server_ledger(team.server, client_id_of(team.a.store))
    assert {r.status for r in ledger} <= {"applied", "merged"}, "no op may be refused here"

    # Every edit made during the week is on the server with its last value.
    live = {
        e: server_wire_rows(team.server, e, structure_id=team.structure) for e in SYNCED_BY_TEST
    }
    dead = {
        e: set(server_wire_rows(team.server, e, structure_id=team.structure, live_only=False))
        - set(live[e])
        for e in SYNCED_BY_TEST
    }
    assert mismatches(expected_state(edits), live, dead) == []

    # I3: both laptops and the server agree.
    da = team.engine(team.a).local_digest()
    db = team.engine(team.b).local_digest()
    remote = server_digest(team.server, team.a.store, team.a.session.client())
    assert digests_equal(da, remote) == []
    assert digests_equal(db, remote) == []
    for entity in SYNCED_BY_TEST:
        rows_a, rows_b = wire_rows(team.a.store, entity), wire_rows(team.b.store, entity)
        assert rows_a == rows_b == live[entity], entity


CASES: dict[str, tuple[Fault, type[KnownError] | None]] = {
    "drop": (Fault.drop(), NetworkUnavailableError),
    "lost_response": (Fault.lost_response(), NetworkUnavailableError),
    "lost_push_response": (Fault.lost_response(path="/sync/v1/push"), NetworkUnavailableError),
    "timeout": (Fault.timeout(), NetworkUnavailableError),
    "http_500_proxy_page": (Fault.error(500), ServerError),
    "http_502_after_commit": (Fault.error(502, after_send=True), ServerError),
    "http_503": (Fault.error(503), ServerError),
    "http_429_retry_after": (Fault.error(429, retry_after=2), ServerError),
    "truncated_body": (Fault.truncated(), NetworkUnavailableError),
    "broken_body": (Fault("broken_body"), NetworkUnavailableError),
    "captive_portal_html": (Fault("portal_html"), NetworkUnavailableError),
    "captive_portal_redirect": (Fault("portal_redirect"), NetworkUnavailableError),
    "duplicated_send": (Fault.duplicate(), None),
    "slow_link": (Fault.slow(0.01), None),
}


@pytest.mark.parametrize("case", list(CASES))
def test_offline_week_through_faults_applies_every_op_exactly_once(team: Team, case: str) -> None:
    fault, expected_error = CASES[case]
    edits, errors = offline_week(team, case, fault_script(fault, case))
    assert len(edits) == 30

    played = team.adapter.faults_played()
    assert played[fault.kind] >= 5, played  # the faults really happened
    if expected_error is None:
        assert errors == []
    else:
        assert errors, "the bursts must make some syncs fail"
        assert all(type(e) is expected_error for e in errors), errors
    if fault.kind.startswith("portal"):
        # A captive portal is "no network" with its own advice, never a server error.
        assert all("portail" in e.message for e in errors)
    if fault.kind in AFTER_COMMIT or fault.after_send:
        # The server applied some pushes whose answer never arrived: they were replayed
        # and deduplicated by the ledger.
        assert any(
            c.path == "/sync/v1/push" and c.fault and c.server_saw for c in team.adapter.calls
        )
        replayed = [o for o in team.a.outbox() if (o["result"] or {}).get("status") == "duplicate"]
        assert replayed, "a lost push answer must come back as 'duplicate'"
    if fault.retry_after is not None:
        assert fault.retry_after in team.sleeps  # Retry-After honoured

    heal_and_check(team, edits)


def test_captive_portal_at_login_is_no_network(server: LiveServer, tmp_path: Path) -> None:
    tag = uuid.uuid4().hex[:8]
    structure = server.create_structure(f"Collège {tag}")
    server.create_user(f"p-{tag}@tne.test", PASSWORD, "mediator", structure_id=structure)
    for kind in ("portal_html", "portal_redirect"):
        adapter = FaultAdapter()
        adapter.outage(Fault(kind))
        c = make_client(tmp_path, kind, session=fault_session(adapter), sleep=lambda _s: None)
        with pytest.raises(NetworkUnavailableError, match="portail"):
            c.login(server.base_url, f"p-{tag}@tne.test", PASSWORD)
        adapter.heal()
        c.login(server.base_url, f"p-{tag}@tne.test", PASSWORD)
        assert c.sync().requests >= 2
        c.close()


def test_attendance_pulled_before_its_later_updated_workshop(
    server: LiveServer, tmp_path: Path
) -> None:
    """Regression: a workshop changed after its attendance was taken has a later seq, so a
    paged pull brings the attendance first. The page must not fail on the missing parent
    (it used to raise ``FOREIGN KEY constraint failed`` forever, blocking every sync)."""
    from mediator_app.core.entities import Attendance, Participant, attendance_id
    from mediator_app.local_store.services.workshops import WorkshopService
    from tests.support.workload import new_workshop

    tag = uuid.uuid4().hex[:8]
    structure = server.create_structure(f"Collège {tag}")
    for who in ("a", "b"):
        server.create_user(f"{who}-{tag}@tne.test", PASSWORD, "mediator", structure_id=structure)
    a, b = make_client(tmp_path, "a"), make_client(tmp_path, "b")
    a.login(server.base_url, f"a-{tag}@tne.test", PASSWORD)
    b.login(server.base_url, f"b-{tag}@tne.test", PASSWORD)
    w = WorkshopService(a.store).create(new_workshop("Atelier Pronote")).value
    with a.store.write() as tx:
        p = tx.insert(Participant(first_name="Nadia", last_name="Test"))
        tx.insert(Attendance(id=attendance_id(w.id, p.id), workshop_id=w.id, participant_id=p.id))
    a.sync()
    WorkshopService(a.store).update(w.id, notes="Salle 12")
    a.sync()
    report = SyncEngine(b.store, b.session.client(), pull_limit=1).sync()
    assert report.pulled >= 3
    assert [r["id"] for r in b.rows("attendance")] == [attendance_id(w.id, p.id)]
    assert [r["notes"] for r in b.rows("workshop")] == ["Salle 12"]
    assert wire_rows(a.store, "attendance") == wire_rows(b.store, "attendance")
    a.close()
    b.close()


# --- Server hazards these tests found (fixed in tne_api) ----------------------------------


def test_child_of_a_refused_workshop_does_not_break_other_laptops(
    server: LiveServer, tmp_path: Path
) -> None:
    from mediator_app.core.entities import Attendance, Participant, attendance_id
    from mediator_app.local_store.services.workshops import WorkshopService
    from tests.support.workload import new_workshop

    tag = uuid.uuid4().hex[:8]
    mine = server.create_structure(f"Collège {tag}")
    other = server.create_structure(f"Centre social {tag}")
    for who in ("a", "b"):
        server.create_user(f"{who}-{tag}@tne.test", PASSWORD, "mediator", structure_id=mine)
    a, b = make_client(tmp_path, "a"), make_client(tmp_path, "b")
    a.login(server.base_url, f"a-{tag}@tne.test", PASSWORD)
    b.login(server.base_url, f"b-{tag}@tne.test", PASSWORD)
    # A workshop the server refuses (organised for another structure: forbidden), with an
    # attendance.
    w = WorkshopService(a.store).create(new_workshop("Atelier", organizer_structure_id=other)).value
    with a.store.write() as tx:
        p = tx.insert(Participant(first_name="Nadia", last_name="Test"))
        tx.insert(Attendance(id=attendance_id(w.id, p.id), workshop_id=w.id, participant_id=p.id))
    report = a.sync()
    # The workshop and its attendance are refused and shown to the mediator.
    assert report.parked == 2
    keys = {o["result"]["message_key"] for o in a.outbox("parked")}
    assert keys == {"forbidden", "parent_missing"}
    try:
        b.sync()
        assert b.rows("attendance") == []
    finally:
        a.close()
        b.close()


def test_lost_refresh_answer_signs_the_mediator_out_and_loses_nothing(tmp_path: Path) -> None:
    """Refresh tokens rotate and a replaced one presented again revokes its family
    (docs/protocol.md): when the answer of a refresh is lost, the retry presents the
    replaced token, so the laptop must sign in again. Its outbox waits and syncs after."""
    import time

    from mediator_app.local_store.services.workshops import WorkshopService
    from tests.support.workload import new_workshop

    with live_server(sqlite_url(tmp_path / "server.sqlite3"), access_ttl_s=1) as srv:
        structure = srv.create_structure("Collège Jean Moulin")
        srv.create_user("r@tne.test", PASSWORD, "mediator", structure_id=structure)
        adapter = FaultAdapter()
        c = make_client(tmp_path, "r", session=fault_session(adapter))
        c.login(srv.base_url, "r@tne.test", PASSWORD)
        c.sync()
        WorkshopService(c.store).create(new_workshop("Atelier"))
        time.sleep(1.2)  # the access token expires
        adapter.script([Fault.lost_response(path="/auth/refresh")])
        try:
            with pytest.raises(AuthenticationError, match="reconnectez-vous"):
                for _attempt in range(2):
                    try:
                        c.sync()
                        break
                    except NetworkUnavailableError:
                        continue
            assert [o["state"] for o in c.outbox()] == ["pending"]
            c.login(srv.base_url, "r@tne.test", PASSWORD)
            c.sync()
            assert [o["state"] for o in c.outbox()] == ["acked"]
        finally:
            c.close()
