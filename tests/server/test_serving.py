"""``tne-api serve --workers N`` (tne_api.serving): one listening socket per worker in one
``SO_REUSEPORT`` group, so connections that arrive together are spread over the workers
instead of all landing on whichever wakes first; a worker that cannot start stops the
server; a stop request stops every worker."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.support.live_server import sqlite_url
from tests.support.server_process import PASSWORD, ROOT, server_process
from tne_api.serving import listening_sockets

pytestmark = pytest.mark.skipif(
    not hasattr(socket, "SO_REUSEPORT") or not Path("/proc/net/tcp").exists(),
    reason="SO_REUSEPORT and /proc (Linux)",
)


def test_connections_arriving_together_are_spread_over_every_socket() -> None:
    sockets = listening_sockets("127.0.0.1", 0, 3)
    port = sockets[0].getsockname()[1]
    clients = []
    try:
        assert {s.getsockname()[1] for s in sockets} == {port}
        for _ in range(60):
            c = socket.create_connection(("127.0.0.1", port), timeout=5)
            clients.append(c)
        time.sleep(0.2)  # the handshakes end in the kernel, before any accept
        accepted = []
        for s in sockets:
            s.setblocking(False)
            n = 0
            while True:
                try:
                    conn, _ = s.accept()
                except BlockingIOError:
                    break
                conn.close()
                n += 1
            accepted.append(n)
        assert sum(accepted) == 60
        # Each socket gets about a third (all on one: what a shared socket can give).
        assert min(accepted) >= 5, accepted
    finally:
        for c in clients:
            c.close()
        for s in sockets:
            s.close()


def test_a_port_in_use_fails_at_once_and_leaves_nothing_open() -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        with pytest.raises(OSError):
            listening_sockets("127.0.0.1", taken.getsockname()[1], 2)
    finally:
        taken.close()
    # Another server's group too: it would otherwise take this one in and share its clients.
    group = listening_sockets("127.0.0.1", 0, 2)
    try:
        with pytest.raises(OSError):
            listening_sockets("127.0.0.1", group[0].getsockname()[1], 2)
    finally:
        for sock in group:
            sock.close()


def test_a_worker_dies_with_its_supervisor(tmp_path: Path) -> None:
    """Even a supervisor killed outright leaves no worker holding the port."""
    pid_file = tmp_path / "worker.pid"
    code = f"""
import os, signal, sys, time
from tne_api.serving import _die_with_parent
child = os.fork()
if child == 0:
    _die_with_parent()
    open({str(pid_file)!r}, "w").write(str(os.getpid()))
    time.sleep(60)
    os._exit(0)
time.sleep(60)
"""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    supervisor = subprocess.Popen([sys.executable, "-c", code], env=env)
    try:
        deadline = time.monotonic() + 20
        while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        worker = int(pid_file.read_text())
        assert _alive(worker)
    finally:
        supervisor.kill()
        supervisor.wait()
    deadline = time.monotonic() + 10
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(worker)


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()]


def _established(pid: int, port: int, *, serving: bool) -> set[int]:
    """The other end's port of each established loopback TCP connection ``pid`` holds on
    local port ``port`` (``serving``), or to remote port ``port`` (its own ends' ports)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    ports = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote = (int(a.split(":")[1], 16) for a in fields[1:3])
        state, inode = fields[3], fields[9]
        if state != "01" or inode not in inodes:
            continue
        if serving and local == port:
            ports.add(remote)
        elif not serving and remote == port:
            ports.add(local)
    return ports


def test_two_workers_share_the_clients_and_both_stop_with_the_server(tmp_path: Path) -> None:
    with server_process(sqlite_url(tmp_path / "server.sqlite3"), workers=2) as server:
        port = int(server.base_url.rsplit(":", 1)[1])
        workers = [pid for pid in _children(server.pid) if b"resource_tracker" not in _cmdline(pid)]
        assert len(workers) == 2
        sessions = [requests.Session() for _ in range(30)]
        try:
            before = _established(os.getpid(), port, serving=False)
            for s in sessions:  # kept-alive connections, opened together
                assert s.get(f"{server.base_url}/health", timeout=10).status_code == 200
            # The sessions' own connections: a worker may still hold another one for a while.
            ours = _established(os.getpid(), port, serving=False) - before
            assert len(ours) == 30
            login = sessions[0].post(
                f"{server.base_url}/auth/login",
                json={"email": server.email, "password": PASSWORD},
                timeout=30,
            )
            assert login.status_code == 200, login.text
            held = [len(_established(pid, port, serving=True) & ours) for pid in workers]
            assert sum(held) == 30
            assert min(held) >= 3, held
        finally:
            for s in sessions:
                s.close()
        # A worker killed (even young: the OOM killer) is replaced on its socket.
        os.kill(workers[0], signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            now = [p for p in _children(server.pid) if b"resource_tracker" not in _cmdline(p)]
            if len(now) == 2 and workers[0] not in now:
                break
            time.sleep(0.1)
        workers = now
        assert len(workers) == 2, workers
        for _ in range(10):  # new connections, both sockets of the group served
            # (one queued on the new worker's socket waits for it to start: slow on a busy
            # machine)
            assert requests.get(f"{server.base_url}/health", timeout=60).status_code == 200
        os.kill(server.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers)


def _cmdline(pid: int) -> bytes:
    return Path(f"/proc/{pid}/cmdline").read_bytes()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def test_a_worker_that_cannot_start_stops_the_server() -> None:
    code = (
        "import sys; from tne_api.serving import serve; "
        "sys.exit(serve('tne_api.no_such_module:app', '127.0.0.1', 0, 2))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 1, done.stderr[-2000:]


def test_the_app_runs_its_endpoints_in_a_pool_of_the_configured_size(tmp_path: Path) -> None:
    import anyio
    import anyio.to_thread

    from tne_api.app import create_app
    from tne_api.db import Database, init_db
    from tne_api.settings import Settings

    url = sqlite_url(tmp_path / "pool.sqlite3")
    db = Database(url)
    init_db(db)
    seen: list[int] = []

    async def main() -> None:
        app = create_app(Settings(database_url=url, worker_threads=3), db=db)
        before = anyio.to_thread.current_default_thread_limiter().total_tokens
        async with app.router.lifespan_context(app):
            seen.append(int(anyio.to_thread.current_default_thread_limiter().total_tokens))
        seen.append(int(before))

    try:
        anyio.run(main)
    finally:
        db.dispose()
    assert seen == [3, 40]  # anyio's default (40) without the lifespan
