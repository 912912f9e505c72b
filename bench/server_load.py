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
  uvicorn from ``locked_app`` below; it exists for this comparison only;
* ``before`` — the server as it was before pushes ran side by side (commit
  ``BEFORE_COMMIT``: one transaction per batch under the counter lock, rows and ledger
  read op by op), taken from this clone's history with ``git archive``, seeded by its own
  code (``_seed.py``) and served as the others are (this tree's ``tne_api.serving``,
  copied beside it); skipped with a message where the history does not hold it.

For each design: start the server in a subprocess on a free loopback port, seed one
structure and user per 10 clients, then for each N run N client threads for ``--duration``
seconds. Each cycle pushes a batch of 10 ops (new participants and edits of the structure's
hot workshops) and pulls until up to date. Prints throughput and p50/p95 latencies and
writes them, with the new/old ratios, to docs/benchmarks.md under "## Server load" (other
sections of that file are left alone).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import requests
from _pg import fresh_schema  # bench/, beside this script
from _seed import HOT, PASSWORD, seed  # bench/, beside this script

from mediator_app.core.messages import PROTOCOL_HEADER, PROTOCOL_VERSION
from mediator_app.core.wire import SCHEMA_VERSION
from tne_api.app import create_app
from tne_api.sequencing import CounterSequencer
from tne_api.settings import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI

ROOT = Path(__file__).resolve().parents[1]
VERSIONS = {"app_version": "bench", "schema_version": SCHEMA_VERSION}
BATCH = 10


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
DESIGNS = ("before", "locked", "concurrent")

#: The last commit before pushes ran side by side: the ``before`` design's server, and
#: its app factory for ``uvicorn --factory``.
BEFORE_COMMIT = "08fe3e0a1c52adb41d05a0f3230d41fda77e1053"
BEFORE_FACTORY = "tne_api.app:create_app_from_env"


def locked_app() -> FastAPI:
    """``uvicorn --factory`` entry of the old allocator: the counter lock on PostgreSQL."""
    return create_app(Settings.from_env(), sequencer=CounterSequencer())


@contextmanager
def tree_at(commit: str) -> Iterator[Path | None]:
    """``commit``'s ``mediator_app`` and ``tne_api``, extracted from git history into a
    temporary folder (None when this clone does not hold it), served as this tree is: its
    ``tne_api/serving.py`` is this tree's (per-worker sockets; the old trees had uvicorn's
    shared one, which leaves one worker idle; standard library and uvicorn only)."""
    with tempfile.TemporaryDirectory(prefix="tne-tree-") as tmp:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", commit, "mediator_app", "tne_api"],
            capture_output=True,
            check=False,
        )
        if archive.returncode != 0:
            yield None
            return
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        shutil.copy(ROOT / "tne_api" / "serving.py", Path(tmp) / "tne_api" / "serving.py")
        yield Path(tmp)


@contextmanager
def before_tree() -> Iterator[Path | None]:
    """The ``before`` design's packages (``tree_at(BEFORE_COMMIT)``)."""
    with tree_at(BEFORE_COMMIT) as tree:
        if tree is None:
            print(f"design before skipped: commit {BEFORE_COMMIT[:7]} is not in this clone")
        yield tree


def _tree_env(tree: Path | None) -> dict[str, str]:
    """The environment that imports the ``before`` tree's packages first (``tree``)."""
    if tree is None:
        return dict(os.environ)
    path = [str(tree), str(ROOT / "bench"), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in path if p)}


def seed_tree(url: str, n_structures: int, tree: Path | None) -> list[tuple[str, str, list[str]]]:
    """Seed ``url`` with ``tree``'s own code (this tree's when None), in a subprocess."""
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "_seed.py"), url, str(n_structures)],
        env=_tree_env(tree),
        cwd=tree or ROOT,
        capture_output=True,
        check=True,
        text=True,
    )
    return [tuple(a) for a in json.loads(out.stdout.splitlines()[-1])]  # type: ignore[misc]


def seed_design(
    design: str, url: str, n_structures: int, tree: Path | None
) -> list[tuple[str, str, list[str]]]:
    """Seed ``url`` with the code that will serve it (the ``before`` tree in a subprocess)."""
    if design == "before":
        return seed_tree(url, n_structures, tree)
    if design == "locked":
        return seed(url, n_structures, sequencer=CounterSequencer())
    return seed(url, n_structures)


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


def ratios(rows: list[dict[str, Any]], old: str) -> list[tuple[int, float, float]]:
    """``(clients, ops/s concurrent ÷ old, push p95 old ÷ concurrent)`` where both ran."""
    by = {(r["design"], r["clients"]): r for r in rows}
    out = []
    for (design, n), new in by.items():
        base = by.get((old, n))
        if design == "concurrent" and base is not None and base["ops_s"] and new["push_p95"]:
            out.append((n, new["ops_s"] / base["ops_s"], base["push_p95"] / new["push_p95"]))
    return out


#: The figures before pushes ran side by side (2026-11-29, same machine and cycle, one
#: transaction per batch under the counter lock, rows and ledger read op by op).
BASELINE = """\
| clients | push cycles/s | ops/s | rows pulled/s | push p50 | push p95 | pull p50 | pull p95 | errors |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| 10 | 14.9 | 149 | 1621 | 516 | 1011 | 92 | 124 | 0 |
| 50 | 14.4 | 144 | 2806 | 2887 | 5523 | 84 | 228 | 0 |
| 100 | 14.7 | 147 | 3886 | 5014 | 9892 | 514 | 1229 | 0 |"""


#: The goal of the concurrent design at 50 clients, against the ``before`` design.
TARGET_OPS_S, TARGET_P95_MS, TARGET_RATIO = 1000, 1000, 5.0


def _reading(rows: list[dict[str, Any]]) -> list[str]:
    """What the figures say against the goal, in the words of this run."""
    at50 = {r["design"]: r for r in rows if r["clients"] == 50}
    new, old, locked = at50.get("concurrent"), at50.get("before"), at50.get("locked")
    if new is None or old is None:
        return []
    ratio = new["ops_s"] / old["ops_s"]
    met = new["ops_s"] >= TARGET_OPS_S and new["push_p95"] <= TARGET_P95_MS
    met = met and ratio >= TARGET_RATIO
    lines = [
        f"Goal at 50 clients: ≥ {TARGET_OPS_S:,} ops/s, push p95 ≤ {TARGET_P95_MS:,} ms, "
        f"≥ {TARGET_RATIO:.0f}× the old locked design (`before`). This run: "
        f"{new['ops_s']:.0f} ops/s, push p95 {new['push_p95']:.0f} ms, {ratio:.2f}× — "
        + ("**met**." if met else "**not met** on this machine."),
    ]
    if locked is not None:
        lines += [
            "",
            f"`concurrent` does {new['ops_s'] / locked['ops_s']:.2f}× the ops/s of `locked` "
            f"({locked['ops_s']:.0f}), which shares every batching and CPU cut of the new code "
            "and differs only by the counter lock: both are bound by the CPU here, and the "
            "lock only costs throughput when it leaves a core idle. The rest of the gain over "
            "`before` is the batched, set-based push and pull and the cuts per request.",
        ]
    return lines


def write_section(rows: list[dict[str, Any]], args: argparse.Namespace) -> None:
    """Replace the generated head of "## Server load"; its "### " subsections are kept."""
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    lines = [
        "## Server load",
        "",
        f"`bench/server_load.py` — {time.strftime('%Y-%m-%d')}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs, PostgreSQL on loopback, {args.workers} server workers, "
        f"{args.duration:.0f} s per level; the benchmark's client threads, the server and "
        "PostgreSQL share the same CPUs, with other work on the machine (load average "
        f"{args.load_before:.1f} before the run, {args.load_after:.1f} after). Each cycle = one "
        f"push of {BATCH} ops (60 % new participants, 40 % edits of {HOT} hot workshops per "
        "structure, 10 clients per structure) + pulls until up to date. Latencies are "
        "client-side, in ms. The designs ran in the same run, each on a fresh schema: "
        "`concurrent` is `tne-api serve` as deployed (seqs from transaction ids, pulls below "
        "the xmin horizon); `locked` is the same code with the old allocator injected (every "
        "push transaction locks the `sync_counter` row); `before` is the server as it was "
        f"before this design (commit {BEFORE_COMMIT[:7]}: one transaction per batch under the "
        "counter lock, rows and ledger read op by op), taken from the history and seeded by "
        "its own code; all three served by this code's `tne_api.serving` (per-worker "
        "sockets).",
        "",
        "| design | clients | push cycles/s | ops/s | rows pulled/s | push p50 | push p95 | pull p50 | pull p95 | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *(_row(r) for r in rows),
        "",
        "| clients | against | ops/s, concurrent ÷ it | push p95, it ÷ concurrent |",
        "|---:|---|---:|---:|",
        *(
            f"| {n} | {old} | {a:.2f}× | {b:.2f}× |"
            for old in ("before", "locked")
            for n, a, b in ratios(rows, old)
        ),
        "",
        *_reading(rows),
        "",
        "The same cycle's figures of 2026-11-29, before this design, from the benchmark of "
        "that day:",
        "",
        BASELINE,
        "",
    ]
    section = "\n".join(lines) + "\n"
    start = text.find("## Server load")
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        ends = [text.find(h, start + 3) for h in ("\n### ", "\n## ")]
        end = min((e for e in ends if e != -1), default=-1)
        text = text[:start] + section + (text[end + 1 :] if end != -1 else "")
    path.write_text(text, encoding="utf-8")


def _start_server(
    design: str, url: str, port: int, workers: int, tree: Path | None
) -> subprocess.Popen[bytes]:
    # Each level registers new devices for the same accounts: no device cap here.
    env = {
        **_tree_env(tree if design == "before" else None),
        "TNE_API_DATABASE_URL": url,
        "TNE_API_LOGIN_MAX_PER_ADDRESS": "100000",
        "TNE_API_MAX_DEVICES_PER_USER": "100000",
    }
    if design == "concurrent":
        cmd = ["-m", "tne_api.cli", "serve", "--workers", str(workers)]
        cmd += ["--host", "127.0.0.1", "--port", str(port)]
    else:
        # Served as `tne-api serve` is (tne_api.serving): the old allocator's factory, or
        # the `before` tree's own app (its working directory, first on sys.path).
        if design == "locked":
            env["PYTHONPATH"] = os.pathsep.join(
                [str(ROOT / "bench"), str(ROOT), env.get("PYTHONPATH", "")]
            )
        factory = "server_load:locked_app" if design == "locked" else BEFORE_FACTORY
        serve = f"serve({factory!r}, '127.0.0.1', {port}, {workers})"
        cmd = ["-c", f"import sys; from tne_api.serving import serve; sys.exit({serve})"]
    return subprocess.Popen(
        [sys.executable, *cmd],
        env=env,
        # `-m` and `-c` put the working directory first on sys.path: the tree they serve.
        cwd=tree if design == "before" else ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_ready(base: str, proc: subprocess.Popen[bytes], name: str) -> None:
    """Wait until the server at ``base`` answers ``/health`` (30 s; at once if it died)."""
    deadline = time.monotonic() + 30
    while True:
        try:
            if requests.get(f"{base}/health", timeout=1).ok:
                return
        except requests.RequestException:
            pass
        if time.monotonic() > deadline or proc.poll() is not None:
            raise RuntimeError(f"the server of {name} did not start")
        time.sleep(0.2)


def run_design(design: str, args: argparse.Namespace, tree: Path | None) -> list[dict[str, Any]]:
    """Every level of ``args.clients`` against a fresh schema served by ``design``."""
    rows: list[dict[str, Any]] = []
    if design == "before" and tree is None:
        return rows
    with fresh_schema(args.database_url) as url:
        accounts = seed_design(design, url, max(1, (max(args.clients) + 9) // 10), tree)
        port = _free_port()
        proc = _start_server(design, url, port, args.workers, tree)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_ready(base, proc, design)
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
    with before_tree() if "before" in args.designs else nullcontext(None) as tree:
        rows = [r for design in args.designs for r in run_design(design, args, tree)]
    args.load_after = os.getloadavg()[0]
    for old in ("before", "locked"):
        for n, ops_ratio, p95_ratio in ratios(rows, old):
            print(
                f"{n} clients: ops/s x{ops_ratio:.2f}, push p95 x{p95_ratio:.2f} "
                f"(concurrent vs {old})"
            )
    if not args.no_write:
        write_section(rows, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
