"""Model-based test of the sync (sync-protocol §13.2): Hypothesis drives three laptops
against one live tne_api through a fault-injecting transport.

Laptops: two mediators of one structure and the coordinator of its département, each with
a real SQLite store and its own ``FaultAdapter``. Rules: create/update/delete workshops and
parents, check the same parent in on both mediators' laptops, a coordinator's review,
``sync(laptop, fault)`` with fault in none/drop/lost response/500/truncated body, and a sync
cut off after N requests (lid closed mid-sync).

After every step (I2 and monotonic ledgers): no op id or client seq twice in the server's
``applied_op``; ledger rows never change or vanish; an op acked on a laptop is on the
server's ledger and stays acked. Teardown heals the network and syncs every laptop twice,
then: no loss (every op acked, or parked with an « À traiter » item), no duplicate, every
laptop's rows and versions equal the server's for its scope (no pull gap), equal digests.

Bounded by a settings profile: ``TNE_HYPOTHESIS_PROFILE=ci`` (default: 15 examples of 20
steps) or ``nightly``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from mediator_app.core.entities import Attendance, Participant, Workshop, attendance_id
from mediator_app.core.enums import Presence, ReviewStatus
from mediator_app.core.errors import KnownError
from mediator_app.local_store.schema import outbox
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.sync.engine import SyncEngine
from tests.support.clients import Client, make_client
from tests.support.faults import Fault, FaultAdapter, fault_session
from tests.support.live_server import LiveServer, live_server, sqlite_url
from tests.support.sync_checks import (
    client_id_of,
    digests_equal,
    ledger_check,
    server_versions,
    server_wire_rows,
    wire_rows,
)
from tests.support.workload import new_workshop
from tne_api import models

pytestmark = pytest.mark.slow  # the durability layer: not in `make test-fast`

settings.register_profile(
    "ci",
    max_examples=15,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "nightly",
    max_examples=500,
    stateful_step_count=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

PASSWORD = "correct-horse-42"
ENTITIES = ("workshop", "participant", "attendance")
MEDIATORS = ("m1", "m2")
LAPTOPS = ("m1", "m2", "coord")
FAULTS: dict[str, Fault | None] = {
    "none": None,
    "drop": Fault.drop(),
    "lost_response": Fault.lost_response(),
    "http_500": Fault.error(500),
    "truncated": Fault.truncated(),
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    path = tmp_path_factory.mktemp("property") / "server.sqlite3"
    with live_server(sqlite_url(path)) as srv:
        yield srv


def _live_ids(client: Client, entity: str) -> list[UUID]:
    return sorted(r["id"] for r in client.rows(entity))


def _pick(ids: list[UUID], n: int) -> UUID | None:
    return ids[n % len(ids)] if ids else None


class SyncMachine(RuleBasedStateMachine):
    server: LiveServer
    counter = 0

    def __init__(self) -> None:
        super().__init__()
        SyncMachine.counter += 1
        tag = f"{SyncMachine.counter}-{uuid.uuid4().hex[:6]}"
        self.root = Path(tempfile.mkdtemp(prefix="tne-prop-"))
        srv = self.server
        # A département of its own, so the coordinator sees this example's data only.
        self.department = f"P{SyncMachine.counter:03d}"
        self.structure = srv.create_structure(f"Collège {tag}", department_code=self.department)
        self.clients: dict[str, Client] = {}
        self.adapters: dict[str, FaultAdapter] = {}
        for name in LAPTOPS:
            role = "coordinator" if name == "coord" else "mediator"
            email = f"{name}-{tag}@tne.test"
            srv.create_user(
                email,
                PASSWORD,
                role,
                structure_id=self.structure if role == "mediator" else None,
                department_code=self.department,
            )
            adapter = FaultAdapter()
            client = make_client(
                self.root, name, session=fault_session(adapter), sleep=lambda _s: None
            )
            client.login(srv.base_url, email, PASSWORD)
            self.clients[name] = client
            self.adapters[name] = adapter
        self.ledger: dict[UUID, tuple[UUID, int, Any]] = {}
        self.acked: dict[str, set[UUID]] = {name: set() for name in LAPTOPS}
        self.client_ids: set[UUID] = set()

    def engine(self, name: str) -> SyncEngine:
        c = self.clients[name]
        return SyncEngine(c.store, c.session.client(), batch_size=3, pull_limit=4, device_name=name)

    @initialize()
    def shared_start(self) -> None:
        """Some workshops and parents both mediators and the coordinator already have, so
        the rules meet on shared rows from the first step."""
        m1 = self.clients["m1"]
        for i in range(3):
            WorkshopService(m1.store).create(new_workshop(f"Atelier commun {i}"))
            with m1.store.write() as tx:
                tx.insert(Participant(first_name=f"Parent commun {i}", last_name="Test"))
        for name in LAPTOPS:
            self.engine(name).sync()

    # --- edits ----------------------------------------------------------------------

    @rule(who=st.sampled_from(MEDIATORS), title=st.text("abcdé ", min_size=1, max_size=12))
    def create_workshop(self, who: str, title: str) -> None:
        WorkshopService(self.clients[who].store).create(new_workshop(f"Atelier {title}"))

    @rule(
        who=st.sampled_from(MEDIATORS),
        pick=st.integers(0, 1000),
        change=st.sampled_from(["title", "notes", "capacity", "date"]),
        n=st.integers(0, 50),
    )
    def update_workshop(self, who: str, pick: int, change: str, n: int) -> None:
        wid = _pick(_live_ids(self.clients[who], "workshop"), pick)
        if wid is None:
            return
        value: Any = {
            "title": f"Atelier {n}",
            "notes": f"note {n}",
            "capacity": 20 + n,
            "date": date(2026, 12, 1) + timedelta(days=n),
        }[change]
        WorkshopService(self.clients[who].store).update(wid, **{change: value})

    @rule(who=st.sampled_from(MEDIATORS), pick=st.integers(0, 1000))
    def delete_workshop(self, who: str, pick: int) -> None:
        wid = _pick(_live_ids(self.clients[who], "workshop"), pick)
        if wid is not None:
            WorkshopService(self.clients[who].store).delete(wid)

    @rule(who=st.sampled_from(MEDIATORS), n=st.integers(0, 99))
    def create_participant(self, who: str, n: int) -> None:
        with self.clients[who].store.write() as tx:
            tx.insert(Participant(first_name=f"Parent {n}", last_name="Test"))

    @rule(who=st.sampled_from(MEDIATORS), pick=st.integers(0, 1000), n=st.integers(0, 99))
    def update_participant(self, who: str, pick: int, n: int) -> None:
        pid = _pick(_live_ids(self.clients[who], "participant"), pick)
        if pid is None:
            return
        with self.clients[who].store.write() as tx:
            tx.update(tx.require(Participant, pid), notes=f"note {n}")

    @rule(who=st.sampled_from(MEDIATORS), pick=st.integers(0, 1000))
    def delete_participant(self, who: str, pick: int) -> None:
        pid = _pick(_live_ids(self.clients[who], "participant"), pick)
        if pid is None:
            return
        with self.clients[who].store.write() as tx:
            tx.delete(tx.require(Participant, pid))

    @rule(
        pick_w=st.integers(0, 1000),
        pick_p=st.integers(0, 1000),
        first=st.sampled_from(list(Presence)),
        second=st.sampled_from(list(Presence)),
    )
    def check_in_same_pair_on_both(
        self, pick_w: int, pick_p: int, first: Presence, second: Presence
    ) -> None:
        """Both mediators mark the same parent at the same workshop, offline: the
        deterministic attendance id must make it one row, never two."""
        m1, m2 = self.clients["m1"], self.clients["m2"]
        workshops = sorted(set(_live_ids(m1, "workshop")) & set(_live_ids(m2, "workshop")))
        parents = sorted(set(_live_ids(m1, "participant")) & set(_live_ids(m2, "participant")))
        wid, pid = _pick(workshops, pick_w), _pick(parents, pick_p)
        if wid is None or pid is None:
            return
        aid = attendance_id(wid, pid)
        for client, status in ((m1, first), (m2, second)):
            with client.store.write() as tx:
                existing = tx.get(Attendance, aid, include_deleted=True)
                if existing is None:
                    tx.insert(
                        Attendance(id=aid, workshop_id=wid, participant_id=pid, status=status)
                    )
                elif not existing.deleted:
                    tx.update(existing, status=status)

    @rule(pick=st.integers(0, 1000), status=st.sampled_from(list(ReviewStatus)))
    def coordinator_reviews(self, pick: int, status: ReviewStatus) -> None:
        coord = self.clients["coord"]
        wid = _pick(_live_ids(coord, "workshop"), pick)
        if wid is None:
            return
        with coord.store.write() as tx:
            tx.update(tx.require(Workshop, wid), review_status=status)

    # --- network --------------------------------------------------------------------

    @rule(who=st.sampled_from(LAPTOPS), fault=st.sampled_from(list(FAULTS)), k=st.integers(1, 5))
    def sync(self, who: str, fault: str, k: int) -> None:
        """A sync whose first ``k`` requests meet the fault (4 in a row exhaust a call's
        retries, so the sync fails part-way)."""
        f = FAULTS[fault]
        self.adapters[who].script([f] * k if f else [])
        try:
            self.engine(who).sync()
        except KnownError:
            pass
        finally:
            self.adapters[who].heal()

    @rule(
        who=st.sampled_from(LAPTOPS),
        n=st.integers(0, 8),
        fault=st.sampled_from(["drop", "lost_response"]),
    )
    def sync_cut_off(self, who: str, n: int, fault: str) -> None:
        """The network dies after ``n`` requests and stays down for the rest of the sync."""
        f = FAULTS[fault]
        assert f is not None
        self.adapters[who].cut_after(n, f)
        try:
            self.engine(who).sync()
        except KnownError:
            pass
        finally:
            self.adapters[who].heal()

    # --- invariants -----------------------------------------------------------------

    def _known_client_ids(self) -> set[UUID]:
        out = set()
        for c in self.clients.values():
            try:
                out.add(client_id_of(c.store))
            except ValueError:
                continue  # not registered yet
        return out

    @invariant()
    def ledgers_are_monotonic_and_without_duplicates(self) -> None:
        ids = self._known_client_ids()
        if not ids:
            return
        ao = models.applied_op.c
        with self.server.db.read() as conn:
            rows = conn.execute(
                sa.select(ao.op_id, ao.client_id, ao.client_seq, ao.result).where(
                    ao.client_id.in_(list(ids))
                )
            ).all()
        now = {r.op_id: (r.client_id, int(r.client_seq), r.result) for r in rows}
        assert len(now) == len(rows), "an op id twice on the server"
        seqs = [(v[0], v[1]) for v in now.values()]
        assert len(seqs) == len(set(seqs)), "a client seq twice on the server"
        for op_id, before in self.ledger.items():
            assert now.get(op_id) == before, "a server ledger row changed or vanished"
        self.ledger = now
        for name, c in self.clients.items():
            with c.store.read() as conn:
                acked = set(
                    conn.execute(
                        sa.select(outbox.c.op_id).where(outbox.c.state == "acked")
                    ).scalars()
                )
            assert self.acked[name] <= acked, "an acked op went back to unsent"
            assert acked <= set(now), "acked on the laptop but not on the server"
            self.acked[name] = acked

    # --- teardown -------------------------------------------------------------------

    def teardown(self) -> None:
        try:
            for adapter in self.adapters.values():
                adapter.heal()
            for _round in range(2):
                for name in LAPTOPS:
                    self.engine(name).sync()
            self._check_quiescent()
        finally:
            for c in self.clients.values():
                c.close()
            shutil.rmtree(self.root, ignore_errors=True)

    def _check_quiescent(self) -> None:
        self.ledgers_are_monotonic_and_without_duplicates()
        parked_rows: set[UUID] = set()
        for c in self.clients.values():
            ledger_check(self.server, c.store, allow_parked=True)
            parked_rows |= {o["row_id"] for o in c.outbox() if o["state"] != "acked"}

        # No pull gap: every laptop holds exactly the server's rows of its scope, at the
        # server's versions (tombstones included).
        for name, c in self.clients.items():
            local = c.versions()
            for entity in ENTITIES:
                theirs = server_versions(self.server, entity, self.structure)
                mine = {k: v for k, v in local[entity].items() if k not in parked_rows}
                theirs = {k: v for k, v in theirs.items() if k not in parked_rows}
                assert mine == theirs, f"{name}: {entity} differs from the server"

        # Visible state: the mediators agree with each other and with the server.
        for entity in ENTITIES:
            server_rows = server_wire_rows(self.server, entity, structure_id=self.structure)
            for name in MEDIATORS:
                rows = wire_rows(self.clients[name].store, entity)
                rows = {k: v for k, v in rows.items() if k not in parked_rows}
                expected = {k: v for k, v in server_rows.items() if k not in parked_rows}
                assert rows == expected, f"{name}: {entity} values differ from the server"

        # One attendance row per (workshop, parent) on the server.
        pairs = [
            (r["workshop_id"], r["participant_id"])
            for r in server_wire_rows(
                self.server, "attendance", structure_id=self.structure
            ).values()
        ]
        assert len(pairs) == len(set(pairs)), "the same parent checked in twice"

        # Digests: the server's own check, through the API.
        if not parked_rows:
            for c in self.clients.values():
                api = c.session.client()
                remote = api.digest(str(client_id_of(c.store))).entities
                assert digests_equal(SyncEngine(c.store, api).local_digest(), remote) == []


def test_sync_state_machine(server: LiveServer) -> None:
    profile = os.environ.get("TNE_HYPOTHESIS_PROFILE", "ci")
    SyncMachine.server = server
    run_state_machine_as_test(SyncMachine, settings=settings.get_profile(profile))
