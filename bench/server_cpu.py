"""Server CPU per sync cycle: this tree against a commit, in the same run.

Usage::

    .venv/bin/python bench/server_cpu.py [--against HEAD] [--rounds 10] [--block 20]
        [--clients 10] [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/test]

A cut of a few per cent of the server's CPU is lost in the throughput benchmark
(``server_load.py``), whose figures move by more than that with the machine. This one
measures the CPU itself: both servers run side by side, each with one worker on its own
fresh schema, seeded by its own code (``_seed.py``) and served by this tree's
``tne_api.serving``; ``--clients`` clients per server take turns, one cycle at a time (the
cycle of ``server_load.py``: a push of 10 ops, pulls until up to date), in blocks of
``--block`` cycles that alternate between the servers (ABBA order, so a drift of the
machine weighs on both). The CPU of each server's processes is read from ``/proc`` around
each block. Prints the milliseconds of server CPU per cycle of each and their ratio; run it
against the same tree (``--against HEAD`` with no change) to see the noise.

Linux only (``/proc``); it does not write docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

from _pg import fresh_schema  # bench/, beside this script
from server_load import (
    ROOT,
    BenchClient,
    Stats,
    _free_port,
    _tree_env,
    seed_tree,
    tree_at,
    wait_ready,
)

TICK = os.sysconf("SC_CLK_TCK")


def _tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of ``pid`` and every process below it, now."""
    total = 0.0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / TICK
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


class Served:
    """One tree's server: a fresh schema, one worker, its clients."""

    def __init__(self, name: str, tree: Path | None, url: str, clients: int) -> None:
        self.name = name
        accounts = seed_tree(url, max(1, (clients + 9) // 10), tree)
        port = _free_port()
        env = {
            **_tree_env(tree),
            "TNE_API_DATABASE_URL": url,
            "TNE_API_LOGIN_MAX_PER_ADDRESS": "100000",
            "TNE_API_MAX_DEVICES_PER_USER": "100000",
        }
        serve = f"serve('tne_api.app:create_app_from_env', '127.0.0.1', {port}, 1)"
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                f"import sys; from tne_api.serving import serve; sys.exit({serve})",
            ],
            env=env,
            cwd=tree or ROOT,  # `-c` puts it first on sys.path: the tree it serves
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        wait_ready(base, self.proc, name)
        self.clients = [BenchClient(base, *accounts[i // 10]) for i in range(clients)]
        self.stats = Stats()
        self.cpu = 0.0
        self.cycles = 0
        self.turn = 0

    def block(self, cycles: int) -> None:
        """``cycles`` cycles, the clients taking turns; adds the server's CPU meanwhile."""
        before = _tree_cpu(self.proc.pid)
        for _ in range(cycles):
            self.clients[self.turn % len(self.clients)].cycle(self.stats)
            self.turn += 1
        self.cpu += _tree_cpu(self.proc.pid) - before
        self.cycles += cycles

    def ms_per_cycle(self) -> float:
        return 1000 * self.cpu / max(1, self.cycles)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="HEAD", help="the commit to compare with")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--block", type=int, default=20)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("TNE_BENCH_DATABASE_URL")
        or os.environ.get("TNE_TEST_DATABASE_URL")
        or "postgresql+psycopg://postgres@127.0.0.1:5432/test",
    )
    args = parser.parse_args()
    with ExitStack() as stack:
        old_tree = stack.enter_context(tree_at(args.against))
        if old_tree is None:
            print(f"{args.against} is not a commit of this clone")
            return 1
        servers = []
        for name, tree in (("this tree", None), (args.against, old_tree)):
            url = stack.enter_context(fresh_schema(args.database_url, prefix="cpu"))
            served = Served(name, tree, url, args.clients)
            stack.callback(served.stop)
            servers.append(served)
        new, old = servers
        # Warm both (first statements compiled and cached, pools opened), unmeasured.
        for s in servers:
            s.block(args.block)
            s.cpu = s.cycles = 0
        for r in range(args.rounds):
            for s in (new, old) if r % 2 == 0 else (old, new):
                s.block(args.block)
            print(
                f"round {r + 1}/{args.rounds}: this tree {new.ms_per_cycle():.2f} ms, "
                f"{args.against} {old.ms_per_cycle():.2f} ms of server CPU per cycle",
                flush=True,
            )
    ratio = new.ms_per_cycle() / old.ms_per_cycle()
    print(
        f"server CPU per cycle over {new.cycles} cycles each: this tree "
        f"{new.ms_per_cycle():.2f} ms, {args.against} {old.ms_per_cycle():.2f} ms, "
        f"ratio {ratio:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
