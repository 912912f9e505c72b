"""Killing the laptop's process at any moment loses nothing and duplicates nothing.

A headless client (tests/support/crash_client.py) runs as a subprocess against the live
tne_api: it makes a few seeded edits, then syncs with tiny batches and pages (many crash
windows). It is killed at each named crash point (inside a local write, after the push
was answered but before the local ack, after the ack, in the middle of a pulled page,
right after a page commit) and by real SIGKILLs at seeded random moments, then restarted
on the same files. Meanwhile a second laptop of the structure keeps adding rows, so every
pull has work to do. After each kill ``PRAGMA integrity_check`` must say ok; at the end a
clean run syncs twice and (sync-protocol §13.1):

* I1 — every edit the client reported as saved is on the server with its last value
  (an edit cut short by the kill may or may not be there, nothing else may be missing);
* I1/I2 — the outbox is fully acknowledged and equals the server's ``applied_op`` ledger
  for that client: same op ids and ``client_seq``, none twice;
* I3 — the laptop's rows and digest equal the server's.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from mediator_app.local_store import open_local_store
from mediator_app.sync.api_client import ApiClient, Tokens
from mediator_app.sync.engine import SyncEngine
from tests.support.clients import Client, make_client
from tests.support.live_server import LiveServer, live_server, sqlite_url
from tests.support.sync_checks import (
    client_id_of,
    digests_equal,
    integrity_ok,
    ledger_check,
    no_duplicates_on_server,
    server_wire_rows,
    wire_rows,
)
from tests.support.workload import Edit, Workload, expected_state, mismatches

pytestmark = pytest.mark.slow  # the durability layer: not in `make test-fast`

PASSWORD = "correct-horse-42"
REPO = Path(__file__).resolve().parents[2]
CRASHPOINTS = (
    "after_row_write",
    "after_outbox_write",
    "before_commit",
    "after_push_response_before_ack",
    "after_push_ack",
    "mid_pull_page",
    "after_pull_page_commit",
)
ENTITIES = ("workshop", "participant", "attendance")
LANES = 2
SIGKILLS_PER_LANE = 15
EDITS_PER_RUN = 5


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    path = tmp_path_factory.mktemp("crashes") / "server.sqlite3"
    with live_server(sqlite_url(path)) as srv:
        yield srv


@dataclass
class Lane:
    """One structure: a crash-tested laptop (subprocess) and a feeder laptop (in-process)."""

    name: str
    server: LiveServer
    structure: uuid.UUID
    email: str
    data_dir: Path
    journal: Path
    feeder: Client
    feed: Workload
    tokens: tuple[str, str] | None = None
    exits: Counter[str] = field(default_factory=Counter)
    log: list[str] = field(default_factory=list)

    def run(
        self,
        seed: str,
        *,
        edits: int = EDITS_PER_RUN,
        syncs: int = 1,
        crashpoint: str | None = None,
        kill_after: float | None = None,
    ) -> int:
        env = {
            **os.environ,
            "TNE_DATA_DIR": str(self.data_dir),
            "TNE_SERVER_URL": self.server.base_url,
            "TNE_EMAIL": self.email,
            "TNE_PASSWORD": PASSWORD,
            "TNE_EDITS": str(edits),
            "TNE_SEED": seed,
            "TNE_SYNCS": str(syncs),
            "TNE_BATCH": "2",
            "TNE_PULL_LIMIT": "3",
            "TNE_JOURNAL": str(self.journal),
        }
        env.pop("TNE_CRASHPOINT", None)
        if crashpoint:
            env["TNE_CRASHPOINT"] = crashpoint
        if self.tokens:
            env["TNE_ACCESS_TOKEN"], env["TNE_REFRESH_TOKEN"] = self.tokens
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.support.crash_client"],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        lines: list[str] = []
        if kill_after is not None:
            for line in proc.stdout:
                lines.append(line)
                if line.startswith("READY"):
                    break
            time.sleep(kill_after)
            proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=120)
        lines += out.splitlines()
        for line in lines:
            if line.startswith("TOKENS"):
                _, access, refresh = line.split()
                self.tokens = (access, refresh)
        code = proc.returncode
        what = crashpoint or (f"sigkill@{kill_after:.3f}" if kill_after is not None else "clean")
        self.log.append(f"{seed} {what} -> {code}")
        assert code in (0, 137, -signal.SIGKILL), f"{what}: exit {code}\n{err[-3000:]}"
        if code == 0:
            assert "DONE" in out, err[-3000:]
        self.exits["killed" if code else "finished"] += 1
        # I5: whatever the moment of death, the file is sound.
        assert integrity_ok(self.data_dir) == "ok", what
        return code

    def journaled(self) -> tuple[list[Edit], set[int]]:
        """Edits announced by the client, and the indexes of those never confirmed."""
        edits: list[Edit] = []
        ids: list[str] = []
        done: set[str] = set()
        for line in self.journal.read_text(encoding="utf-8").splitlines():
            kind, _, rest = line.partition(" ")
            edit_id, _, payload = rest.partition(" ")
            if kind == "I":
                try:
                    edits.append(Edit.from_json(payload))
                except ValueError:
                    continue  # cut mid-line by a kill: that edit never started
                ids.append(edit_id)
            elif kind == "D":
                done.add(edit_id)
        return edits, {i for i, e in enumerate(ids) if e not in done}


def _lane(server: LiveServer, root: Path, name: str) -> Lane:
    tag = uuid.uuid4().hex[:8]
    structure = server.create_structure(f"Collège {name} {tag}")
    email = f"crash-{tag}@tne.test"
    server.create_user(email, PASSWORD, "mediator", structure_id=structure)
    server.create_user(f"feed-{tag}@tne.test", PASSWORD, "mediator", structure_id=structure)
    feeder = make_client(root, f"feeder-{name}")
    feeder.login(server.base_url, f"feed-{tag}@tne.test", PASSWORD)
    # The feeder only creates: the crash client's updates never meet a concurrent edit, so
    # the expected final values are exactly the client's own.
    feed = Workload(
        feeder.store,
        f"feed-{name}",
        tag=f"f{name}",
        kinds=("create_workshop", "create_participant"),
    )
    return Lane(
        name,
        server,
        structure,
        email,
        root / f"laptop-{name}",
        root / f"{name}.journal",
        feeder,
        feed,
    )


def _feed(lane: Lane, n: int) -> None:
    for _ in range(n):
        lane.feed.step()
    SyncEngine(lane.feeder.store, lane.feeder.session.client()).sync()


#: Kills each lane must reach (>= 50 in all with two lanes).
KILLS_PER_LANE = 25


def _drive(lane: Lane, seed: int) -> None:
    rng = random.Random(seed)
    _feed(lane, 10)  # a bootstrap of several pages for the first run
    lane.run(f"{lane.name}0", crashpoint="mid_pull_page:2")
    plan: list[tuple[str | None, float | None]] = [
        (f"{point}:{n}", None) for point in CRASHPOINTS for n in (1, 2)
    ]
    plan += [(None, rng.uniform(0.0, 0.5)) for _ in range(SIGKILLS_PER_LANE)]
    rng.shuffle(plan)
    for i, (point, delay) in enumerate(plan, start=1):
        if i % 4 == 0:
            _feed(lane, 2)
        lane.run(f"{lane.name}{i}", crashpoint=point, kill_after=delay)
    # A run can finish before its SIGKILL lands (or skip a crash point on a quiet turn):
    # top up with more random kills until this lane has its share, within a bound.
    extra = 0
    while lane.exits["killed"] < KILLS_PER_LANE and extra < 40:
        extra += 1
        if extra % 4 == 0:
            _feed(lane, 2)
        lane.run(f"{lane.name}x{extra}", crashpoint=None, kill_after=rng.uniform(0.0, 0.3))
    assert lane.run(f"{lane.name}-final", edits=0, syncs=2) == 0


def _verify(lane: Lane) -> None:
    store, _info = open_local_store(lane.data_dir)
    try:
        states = ledger_check(lane.server, store)
        assert states.get("acked", 0) >= 40, states
        edits, unsure = lane.journaled()
        assert len(edits) - len(unsure) >= 60, (len(edits), len(unsure))
        live = {e: server_wire_rows(lane.server, e, structure_id=lane.structure) for e in ENTITIES}
        dead = {
            e: set(server_wire_rows(lane.server, e, structure_id=lane.structure, live_only=False))
            - set(live[e])
            for e in ENTITIES
        }
        assert mismatches(expected_state(edits, unsure), live, dead) == []
        for entity in ENTITIES:
            assert wire_rows(store, entity) == live[entity], entity
        assert lane.tokens is not None
        api = ApiClient(lane.server.base_url, tokens=Tokens(*lane.tokens))
        remote = api.digest(str(client_id_of(store))).entities
        local = SyncEngine(store, api).local_digest()
        assert digests_equal(local, remote) == []
    finally:
        store.engine.dispose()


def test_killed_client_loses_and_duplicates_nothing(server: LiveServer, tmp_path: Path) -> None:
    started = time.monotonic()
    lanes = [_lane(server, tmp_path, name) for name in "ab"[:LANES]]
    failures: list[BaseException] = []

    def drive(lane: Lane, seed: int) -> None:
        try:
            _drive(lane, seed)
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)

    threads = [
        threading.Thread(target=drive, args=(lane, 1000 + i)) for i, lane in enumerate(lanes)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    if failures:
        raise failures[0]
    for lane in lanes:
        _verify(lane)
    no_duplicates_on_server(server)

    kills = sum(lane.exits["killed"] for lane in lanes)
    by_point = Counter(
        line.split()[1].split(":")[0].split("@")[0]
        for lane in lanes
        for line in lane.log
        if not line.endswith("-> 0")
    )
    print(f"kills by crash point: {dict(sorted(by_point.items()))}")
    never = [p for p in CRASHPOINTS if not by_point[p]]
    assert never == [], f"crash points never reached: {never}"
    elapsed = time.monotonic() - started
    print(
        f"crash test: {kills} kills, "
        f"{sum(lane.exits['finished'] for lane in lanes)} clean runs, {elapsed:.1f} s"
    )
    assert kills >= 50, [lane.log for lane in lanes]
