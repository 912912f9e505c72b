"""Server load benchmark: N simulated clients doing push + pull cycles against PostgreSQL.

Usage::

    .venv/bin/python bench/server_load.py [--clients 10 50 100] [--duration 15] [--workers 2]
        [--designs locked concurrent]
        [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/test] [--no-write]

Runs each design in the same run, each against its own fresh schema of the given PostgreSQL
database (dropped at the end):

* ``concurrent`` — the server as deployed: ``tne-api serve`` (seqs from transaction ids,
  pushes side by side, pulls below the xmin horizon);
* ``locked`` — the same server with the old allocator injected (every push transaction
  locks the ``sync_counter`` row: ``tne_api.sequencing.CounterSequencer``), served by
  uvicorn from ``locked_app`` below; it exists for this comparison only.

For each design: start the server in a subprocess on a free loopback port, seed one
structure and user per 10 clients, then for each N run N client threads for ``--duration``
seconds. Each cycle pushes a batch of 10 ops (new participants and edits of the structure's
hot workshops) and pulls until up to date. Prints throughput and p50/p95 latencies and
writes them, with the new/old ratios, to docs/benchmarks.md under "## Server load" (other
sections of that file are left alone).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import requests
from _pg import fresh_schema  # bench/, beside this script

from mediator_app.core.enums import Role
from mediator_app.core.messages import PROTOCOL_HEADER, PROTOCOL_VERSION
from mediator_app.core.wire import SCHEMA_VERSION
from tne_api.app import create_app
from tne_api.auth import AuthService, NewUser
from tne_api.db import Database, init_db
from tne_api.sequencing import CounterSequencer, Sequencer
from tne_api.service import SyncService
from tne_api.settings import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI

ROOT = Path(__file__).resolve().parents[1]
VERSIONS = {"app_version": "bench", "schema_version": SCHEMA_VERSION}
PASSWORD = "motdepasse-bench"
BATCH = 10
HOT = 10


@dataclass
class Stats:
    push_ms: list[float] = field(default_factory=list)
    pull_ms: list[float] = field(default_factory=list)
    ops: int = 0
    rows_pulled: int = 0
    cycles: int = 0
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


class BenchClient:
    def __init__(self, base: str, email: str, structure: str, hot: list[str]) -> None:
        self.base = base
        self.s = requests.Session()
        self.s.headers[PROTOCOL_HEADER] = str(PROTOCOL_VERSION)
        self.structure = structure
        self.hot = hot
        self.rng = random.Random()
        r = self.s.post(
            f"{base}/auth/login", json={"email": email, "password": PASSWORD}, timeout=60
        )
        r.raise_for_status()
        self.s.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
        r = self.s.post(
            f"{base}/sync/v1/devices",
            json={"device_id": uuid.uuid4().hex, "device_name": "bench", **VERSIONS},
            timeout=60,
        )
        r.raise_for_status()
        self.client_id = r.json()["client_id"]
        self.seq = 0
        self.cursor = ""

    def _op(self, entity: str, row_id: str, kind: str, data: dict[str, Any]) -> dict[str, Any]:
        self.seq += 1
        return {
            "op_id": str(uuid.uuid4()),
            "client_seq": self.seq,
            "entity": entity,
            "row_id": row_id,
            "kind": kind,
            "base_version": 1,
            "base": {},
            "set": data,
        }

    def cycle(self, stats: Stats) -> None:
        ops = []
        for _ in range(BATCH):
            if self.rng.random() < 0.6:
                ops.append(
                    self._op(
                        "participant",
                        str(uuid.uuid4()),
                        "create",
                        {"first_name": "Awa", "last_name": "Bench", "structure_id": self.structure},
                    )
                )
            else:
                ops.append(
                    self._op(
                        "workshop", self.rng.choice(self.hot), "update", {"notes": uuid.uuid4().hex}
                    )
                )
        t0 = time.perf_counter()
        r = self.s.post(
            f"{self.base}/sync/v1/push",
            json={
                "client_id": self.client_id,
                "batch_id": uuid.uuid4().hex,
                "ops": ops,
                **VERSIONS,
            },
            timeout=120,
        )
        push_ms = (time.perf_counter() - t0) * 1000
        r.raise_for_status()
        pulled = 0
        pulls = []
        while True:
            t0 = time.perf_counter()
            r = self.s.get(
                f"{self.base}/sync/v1/pull",
                params={
                    "client_id": self.client_id,
                    "cursor": self.cursor,
                    "limit": 500,
                    **VERSIONS,
                },
                timeout=120,
            )
            pulls.append((time.perf_counter() - t0) * 1000)
            r.raise_for_status()
            body = r.json()
            pulled += len(body["changes"])
            self.cursor = body["next_cursor"]
            if not body["has_more"]:
                break
        with stats.lock:
            stats.push_ms.append(push_ms)
            stats.pull_ms.extend(pulls)
            stats.ops += len(ops)
            stats.rows_pulled += pulled
            stats.cycles += 1


#: The designs compared, in the order they run.
DESIGNS = ("locked", "concurrent")


def locked_app() -> FastAPI:
    """``uvicorn --factory`` entry of the old design: the counter lock on PostgreSQL."""
    return create_app(Settings.from_env(), sequencer=CounterSequencer())


def _sequencer(design: str) -> Sequencer | None:
    return CounterSequencer() if design == "locked" else None


def seed(url: str, n_structures: int, design: str) -> list[tuple[str, str, list[str]]]:
    """One structure + mediator + HOT workshops per 10 clients; returns (email, sid, hot)."""
    settings = Settings(database_url=url, argon2_time_cost=1, argon2_memory_kib=1024)
    db = Database(url)
    init_db(db)
    sync = SyncService(db, settings, sequencer=_sequencer(design))
    auth = AuthService(sync, settings)
    auth.ensure_department("95", "Val-d'Oise")
    out = []
    for i in range(n_structures):
        sid = uuid.uuid4()
        sync.server_upsert("structure", sid, {"name": f"Collège {i}", "department_code": "95"})
        email = f"bench{i}@bench.tne.fr"
        auth.create_user(NewUser(email, PASSWORD, Role.MEDIATOR, f"Bench {i}", "95", sid))
        hot = []
        for _ in range(HOT):
            wid = uuid.uuid4()
            sync.server_upsert(
                "workshop",
                wid,
                {
                    "title": "Atelier",
                    "format": "cafe_des_parents",
                    "date": "2026-03-12",
                    "start_time": "14:00:00",
                    "themes": ["scolarite_et_numerique"],
                    "organizer_structure_id": str(sid),
                    "venue_structure_id": str(sid),
                },
            )
            hot.append(str(wid))
        out.append((email, str(sid), hot))
    db.dispose()
    return out


def run_level(
    base: str, accounts: list[tuple[str, str, list[str]]], n: int, duration: float
) -> dict[str, Any]:
    clients = []
    for i in range(n):
        email, sid, hot = accounts[i // 10]
        clients.append(BenchClient(base, email, sid, hot))
    stats = Stats()
    stop = time.monotonic() + duration

    def loop(c: BenchClient) -> None:
        while time.monotonic() < stop:
            try:
                c.cycle(stats)
            except requests.RequestException:
                with stats.lock:
                    stats.errors += 1

    threads = [threading.Thread(target=loop, args=(c,)) for c in clients]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    return {
        "clients": n,
        "seconds": elapsed,
        "cycles_s": stats.cycles / elapsed,
        "ops_s": stats.ops / elapsed,
        "rows_pulled_s": stats.rows_pulled / elapsed,
        "push_p50": _pct(stats.push_ms, 0.5),
        "push_p95": _pct(stats.push_ms, 0.95),
        "pull_p50": _pct(stats.pull_ms, 0.5),
        "pull_p95": _pct(stats.pull_ms, 0.95),
        "errors": stats.errors,
    }


def _row(r: dict[str, Any]) -> str:
    return (
        f"| {r['design']} | {r['clients']} | {r['cycles_s']:.1f} | {r['ops_s']:.0f} | "
        f"{r['rows_pulled_s']:.0f} | {r['push_p50']:.0f} | {r['push_p95']:.0f} | "
        f"{r['pull_p50']:.0f} | {r['pull_p95']:.0f} | {r['errors']} |"
    )


def ratios(rows: list[dict[str, Any]]) -> list[tuple[int, float, float]]:
    """``(clients, ops/s new ÷ old, push p95 old ÷ new)`` for the levels both designs ran."""
    by = {(r["design"], r["clients"]): r for r in rows}
    out = []
    for (design, n), new in by.items():
        old = by.get(("locked", n))
        if design == "concurrent" and old is not None and old["ops_s"] and new["push_p95"]:
            out.append((n, new["ops_s"] / old["ops_s"], old["push_p95"] / new["push_p95"]))
    return out


#: The figures before pushes ran side by side (2026-11-29, same machine and cycle, one
#: transaction per batch under the counter lock, rows and ledger read op by op).
BASELINE = """\
| clients | push cycles/s | ops/s | rows pulled/s | push p50 | push p95 | pull p50 | pull p95 | errors |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| 10 | 14.9 | 149 | 1621 | 516 | 1011 | 92 | 124 | 0 |
| 50 | 14.4 | 144 | 2806 | 2887 | 5523 | 84 | 228 | 0 |
| 100 | 14.7 | 147 | 3886 | 5014 | 9892 | 514 | 1229 | 0 |"""


#: The goal of the concurrent design at 50 clients.
TARGET_OPS_S, TARGET_P95_MS, TARGET_RATIO = 1000, 1000, 5.0


def _reading(rows: list[dict[str, Any]]) -> list[str]:
    """What the figures say against the goal, in the words of this run."""
    at50 = {r["design"]: r for r in rows if r["clients"] == 50}
    new, old = at50.get("concurrent"), at50.get("locked")
    if new is None or old is None:
        return []
    met = (
        new["ops_s"] >= TARGET_OPS_S
        and new["push_p95"] <= TARGET_P95_MS
        and new["ops_s"] / old["ops_s"] >= TARGET_RATIO
    )
    return [
        f"Goal at 50 clients: ≥ {TARGET_OPS_S:,} ops/s, push p95 ≤ {TARGET_P95_MS:,} ms, "
        f"≥ {TARGET_RATIO:.0f}× the locked design. This run: {new['ops_s']:.0f} ops/s, "
        f"push p95 {new['push_p95']:.0f} ms, {new['ops_s'] / old['ops_s']:.2f}× — "
        + ("**met**." if met else "**not met** on this machine."),
        "",
        "Where the time goes (2026-12-03, the 50-client level of the concurrent design, "
        "CPU seconds read from `/proc` for each process and from the server threads' own "
        "CPU clocks per endpoint, in a separate instrumented run of the same cycle): of "
        "about 19 s of wall time, the two server workers used 16.8 CPU-s, PostgreSQL's "
        "backends 1.7 and the benchmark's client threads 1.6 — the client side is not the "
        "bound, so the benchmark's workload is unchanged, and it is the same for both "
        "designs. The machine's load average was 4–12 (other work shares its 2 cores, so "
        "the workers got about one). In the workers, before → after this work: a 10-op push "
        "22.4 → 13.9 ms of CPU, a pull page (~110 rows) 14.4 → 8.9 ms, the event loop "
        "(HTTP, middleware, gzip) the rest. What was cut: every row write, ledger and audit "
        "insert is one constant statement with its values as parameters, and the pull's "
        "head query and the workshop figures are one statement object per scope (compiled "
        "and keyed once, not rebuilt per row or per request); a pull page is read as SQL "
        "tuples through the snapshot's converters (`codec.tuple_reader`, stripping "
        "included) and encoded in one JSON pass instead of row mappings, page model "
        "objects and the model's validation and serialisation (same bytes: "
        "`tests/server/test_pull_body.py`); answers are gzipped at level 5 instead of 9 "
        "(a third of the CPU, 0.5 % larger). Both designs of this run share all of it. "
        "Nothing serialises pushes but the rows they share (transaction advisory locks on "
        "a row, its workshop, its devices) — with 10 clients editing the same 10 hot "
        "workshops, those waits are a large part of a push's latency — and both designs "
        "are bound by CPU, which is why the locked design stays close (its lock only costs "
        "throughput when it leaves a core idle, and here none is). The goal is 2 ms of CPU "
        "per op at most, all included, on 2 free cores; this cycle takes about 25 ms of "
        "server CPU per 10 ops plus PostgreSQL and the clients, and the workers get about "
        "one of the two cores, so it is not reached on this machine.",
    ]


def write_section(rows: list[dict[str, Any]], args: argparse.Namespace) -> None:
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    lines = [
        "## Server load",
        "",
        f"`bench/server_load.py` — {time.strftime('%Y-%m-%d')}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs, PostgreSQL on loopback, {args.workers} server workers, "
        f"{args.duration:.0f} s per level; the benchmark's client threads, the server and "
        "PostgreSQL share the same CPUs, with other work on the machine (load average "
        f"{args.load_before:.1f} before the run, {args.load_after:.1f} after). Each cycle = one push of "
        f"{BATCH} ops (60 % new participants, 40 % edits of {HOT} hot workshops per "
        "structure, 10 clients per structure) + pulls until up to date. Latencies are "
        "client-side, in ms. Both designs ran in the same run, each on a fresh schema: "
        "`concurrent` is `tne-api serve` as deployed (seqs from transaction ids, pulls below "
        "the xmin horizon); `locked` is the same code with the old allocator injected (every "
        "push transaction locks the `sync_counter` row), kept for this comparison only.",
        "",
        "| design | clients | push cycles/s | ops/s | rows pulled/s | push p50 | push p95 | pull p50 | pull p95 | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *(_row(r) for r in rows),
        "",
        "| clients | ops/s, concurrent ÷ locked | push p95, locked ÷ concurrent |",
        "|---:|---:|---:|",
        *(f"| {n} | {a:.2f}× | {b:.2f}× |" for n, a, b in ratios(rows)),
        "",
        *_reading(rows),
        "",
        "Before the per-row and per-request cuts above (2026-12-03, same machine, cycle and "
        "benchmark, load average not recorded): concurrent 250 / 208 / 161 ops/s at 10 / 50 "
        "/ 100 clients, push p95 981 / 5013 / 7900 ms, 2700 / 4463 / 5385 rows pulled/s; "
        "locked 203 / 187 / 168 ops/s.",
        "",
        "Baseline, before this design (one transaction per batch under the counter lock, rows "
        "and ledger read op by op; 2026-11-29, same machine and cycle):",
        "",
        BASELINE,
        "",
    ]
    section = "\n".join(lines) + "\n"
    start = text.find("## Server load")
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + 3)
        text = text[:start] + section + (text[end + 1 :] if end != -1 else "")
    path.write_text(text, encoding="utf-8")


def _start_server(design: str, url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    # Each level registers new devices for the same accounts: no device cap here.
    env = {
        **os.environ,
        "TNE_API_DATABASE_URL": url,
        "TNE_API_LOGIN_MAX_PER_ADDRESS": "100000",
        "TNE_API_MAX_DEVICES_PER_USER": "100000",
    }
    if design == "concurrent":
        cmd = ["-m", "tne_api.cli", "serve", "--workers", str(workers)]
        cmd += ["--host", "127.0.0.1", "--port", str(port)]
    else:
        # Served as `tne-api serve` is (tne_api.serving), with the old allocator's factory.
        env["PYTHONPATH"] = os.pathsep.join(
            [str(ROOT / "bench"), str(ROOT), env.get("PYTHONPATH", "")]
        )
        serve = f"serve('server_load:locked_app', '127.0.0.1', {port}, {workers})"
        cmd = ["-c", f"import sys; from tne_api.serving import serve; sys.exit({serve})"]
    return subprocess.Popen(
        [sys.executable, *cmd],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def run_design(design: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    """Every level of ``args.clients`` against a fresh schema served by ``design``."""
    rows = []
    with fresh_schema(args.database_url) as url:
        accounts = seed(url, max(1, (max(args.clients) + 9) // 10), design)
        port = _free_port()
        proc = _start_server(design, url, port, args.workers)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 30
            while True:
                try:
                    if requests.get(f"{base}/health", timeout=1).ok:
                        break
                except requests.RequestException:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("server did not start")
                time.sleep(0.2)
            for n in args.clients:
                r = {"design": design, **run_level(base, accounts, n, args.duration)}
                rows.append(r)
                print(
                    f"{design:>10} {r['clients']:>7} {r['cycles_s']:>9.1f} {r['ops_s']:>7.0f} "
                    f"{r['rows_pulled_s']:>9.0f} {r['push_p50']:>9.0f} {r['push_p95']:>9.0f} "
                    f"{r['pull_p50']:>9.0f} {r['pull_p95']:>9.0f} {r['errors']:>6}",
                    flush=True,
                )
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[10, 50, 100])
    parser.add_argument("--duration", type=float, default=15.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("TNE_BENCH_DATABASE_URL")
        or os.environ.get("TNE_TEST_DATABASE_URL")
        or "postgresql+psycopg://postgres@127.0.0.1:5432/test",
    )
    parser.add_argument("--designs", nargs="+", choices=DESIGNS, default=list(DESIGNS))
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    args = parser.parse_args()
    print(
        f"{'design':>10} {'clients':>7} {'cycles/s':>9} {'ops/s':>7} {'pulled/s':>9} "
        f"{'push p50':>9} {'push p95':>9} {'pull p50':>9} {'pull p95':>9} {'errors':>6}"
    )
    args.load_before = os.getloadavg()[0]
    rows = [r for design in args.designs for r in run_design(design, args)]
    args.load_after = os.getloadavg()[0]
    for n, ops_ratio, p95_ratio in ratios(rows):
        print(
            f"{n} clients: ops/s x{ops_ratio:.2f}, push p95 x{p95_ratio:.2f} (concurrent vs locked)"
        )
    if not args.no_write:
        write_section(rows, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
