"""The real ``tne-api serve`` in its own process, for what a thread cannot show (its RSS).

Usage::

    with server_process(url) as server:
        requests.get(f"{server.base_url}/health")
        server.rss_kib()

The database is initialised and seeded here (one structure in the 95, one mediator,
``server.email`` / ``PASSWORD``), then ``python -m tne_api.cli --database-url URL serve``
runs it on a free loopback port with the default settings (cheap argon2 only), with
``--workers`` when asked.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from mediator_app.core.enums import Role
from tests.support.live_server import prepare_database
from tne_api.auth import AuthService, NewUser
from tne_api.db import Database
from tne_api.service import SyncService
from tne_api.settings import Settings

PASSWORD = "motdepasse-test"
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class ServerProcess:
    base_url: str
    pid: int
    email: str
    structure_id: uuid.UUID

    def status(self, field: str) -> int:
        """A ``kB`` field of ``/proc/<pid>/status`` (``VmRSS``, ``VmHWM``), in KiB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
        raise KeyError(field)

    def rss_kib(self) -> int:
        """Resident memory now."""
        return self.status("VmRSS")

    def peak_rss_kib(self) -> int:
        """The highest resident memory since the process started."""
        return self.status("VmHWM")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _seed(url: str) -> tuple[str, uuid.UUID]:
    settings = Settings(database_url=url, argon2_time_cost=1, argon2_memory_kib=1024)
    db = Database(url)
    try:
        prepare_database(db)
        sync = SyncService(db, settings)
        auth = AuthService(sync, settings)
        auth.ensure_department("95", "Val-d’Oise")
        sid = uuid.uuid4()
        sync.server_upsert(
            "structure",
            sid,
            {
                "name": "Collège Jean Moulin",
                "kind": "college",
                "uai": None,
                "department_code": "95",
            },
        )
        email = f"mediatrice-{uuid.uuid4().hex[:6]}@test.tne.fr"
        auth.create_user(
            NewUser(
                email=email,
                password=PASSWORD,
                role=Role.MEDIATOR,
                display_name="Médiatrice de test",
                department_code="95",
                structure_id=sid,
            )
        )
        return email, sid
    finally:
        db.dispose()


@contextmanager
def server_process(database_url: str, workers: int = 1) -> Iterator[ServerProcess]:
    """Seed ``database_url`` and serve it from a child process (with ``workers`` worker
    processes under it when more than one); stopped on exit."""
    email, sid = _seed(database_url)
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        "TNE_API_ARGON2_TIME_COST": "1",
        "TNE_API_ARGON2_MEMORY_KIB": "1024",
    }
    # A file, not a pipe: a full pipe would block the server.
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below
    proc = subprocess.Popen(
        [
            sys.executable,
            *("-m", "tne_api.cli", "--database-url", database_url, "serve"),
            *("--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                log.seek(0)
                err = log.read().decode(errors="replace")
                raise RuntimeError(f"tne-api serve stopped: {err[-2000:]}")
            try:
                if requests.get(f"{base_url}/health", timeout=2).status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):
                # A connection can wait on the socket of a worker still starting (each
                # worker has its own): ask again, maybe on another one.
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("tne-api serve did not start")
            time.sleep(0.1)
        yield ServerProcess(base_url, proc.pid, email, sid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
