"""``tne-api serve`` with several worker processes, each accepting on a listening socket of
its own (docs/architecture.md, « Serving »).

With one listening socket shared by every worker (uvicorn's ``--workers``), the worker whose
event loop wakes first accepts every connection waiting (asyncio accepts up to the backlog
at once), so a burst of clients connecting together lands on one worker and stays there
while their connections are kept alive: on 2 cores, one worker at 84 % of a core beside one
at 19 %. Here the supervisor binds one socket per worker in one ``SO_REUSEPORT`` group,
before any worker starts (a port in use fails at once, in the supervisor); the kernel spreads
new connections over the group (Linux; elsewhere, uvicorn's shared socket). A port already
listened on fails, even by another server's ``SO_REUSEPORT`` group: a socket without the
option is bound there first. A worker that dies is started again on its own socket (and
dies with the supervisor); one that exits in error as it starts stops the whole server
rather than loop.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import socket
import sys
import time
from multiprocessing.connection import wait
from typing import Any

log = logging.getLogger(__name__)

#: A worker that exits in error within this many seconds of its start did not start: the
#: server stops (its app or settings would fail the same way again). One killed by a signal
#: is started again, after a pause if it was that young.
START_GRACE_S = 10.0
#: Seconds before a worker that died young is started again.
RESTART_PAUSE_S = 1.0
#: Seconds a worker is given to finish its requests once asked to stop.
STOP_GRACE_S = 15.0


def serve(factory: str, host: str, port: int, workers: int) -> int:
    """Serve the app that ``factory`` (``module:function``) builds; returns an exit code."""
    import uvicorn

    # The app reads X-Forwarded-For itself, from TNE_API_TRUSTED_PROXIES only
    # (tne_api.addresses): uvicorn must hand it the real TCP peer.
    options: dict[str, Any] = {"host": host, "port": port, "proxy_headers": False}
    if workers <= 1:
        uvicorn.run(factory, factory=True, **options)
        return 0
    if not sys.platform.startswith("linux"):
        # Elsewhere SO_REUSEPORT does not spread connections (or is missing): one socket.
        uvicorn.run(factory, factory=True, workers=workers, **options)
        return 0
    sockets = listening_sockets(host, port, workers)
    return _Supervisor(factory, options, sockets).run()


def listening_sockets(host: str, port: int, count: int) -> list[socket.socket]:
    """``count`` sockets listening on ``host:port`` in one ``SO_REUSEPORT`` group (port 0:
    the port the first one is given)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # Without SO_REUSEPORT first: a port in use fails here, whoever holds it (a group of
    # another server would otherwise take this one in and share its connections).
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
        port = probe.getsockname()[1]
    sockets: list[socket.socket] = []
    try:
        for _ in range(count):
            sock = socket.socket(family, socket.SOCK_STREAM)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            sock.bind((host, port))
            port = sock.getsockname()[1]
            sock.listen(2048)
            sock.set_inheritable(True)
    except OSError:
        for sock in sockets:
            sock.close()
        raise
    return sockets


def _worker(factory: str, options: dict[str, Any], sock: socket.socket) -> None:
    import uvicorn

    _die_with_parent()

    config = uvicorn.Config(factory, factory=True, **options)
    uvicorn.Server(config).run(sockets=[sock])


def _die_with_parent() -> None:
    """SIGTERM to this process when the supervisor dies (even killed): no worker outlives
    it, holding the port (Linux's ``PR_SET_PDEATHSIG``)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGTERM), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        pass


class _Supervisor:
    def __init__(self, factory: str, options: dict[str, Any], sockets: list[socket.socket]):
        self.factory = factory
        self.options = options
        self.sockets = sockets
        self.context = multiprocessing.get_context("spawn")
        self.stopping = False
        self.code = 0

    def _start(self, sock: socket.socket) -> tuple[Any, float]:
        proc = self.context.Process(
            target=_worker, args=(self.factory, self.options, sock), name="tne-api-worker"
        )
        proc.start()
        return proc, time.monotonic()

    def _stop(self, *_: object) -> None:
        self.stopping = True

    def run(self) -> int:
        previous = {s: signal.signal(s, self._stop) for s in (signal.SIGINT, signal.SIGTERM)}
        procs: list[tuple[Any, float]] = []
        try:
            for sock in self.sockets:
                procs.append(self._start(sock))
            log.info(
                "serving on port %d with %d workers", self.sockets[0].getsockname()[1], len(procs)
            )
            while not self.stopping:
                wait([p.sentinel for p, _ in procs], timeout=0.5)
                for i, (proc, started) in enumerate(procs):
                    if self.stopping or proc.is_alive():
                        continue
                    young = time.monotonic() - started < START_GRACE_S
                    if young and (proc.exitcode or 0) > 0:
                        log.error("a worker ended as it started (exit %s): stopping", proc.exitcode)
                        self.code = 1
                        self.stopping = True
                        break
                    log.warning("a worker ended (exit %s): starting another", proc.exitcode)
                    if young:
                        time.sleep(RESTART_PAUSE_S)
                    procs[i] = self._start(self.sockets[i])
        finally:
            for proc, _ in procs:
                if proc.is_alive():
                    proc.terminate()  # SIGTERM: uvicorn finishes the requests under way
            deadline = time.monotonic() + STOP_GRACE_S
            for proc, _ in procs:
                proc.join(max(0.0, deadline - time.monotonic()))
                if proc.is_alive():
                    proc.kill()
                    proc.join()
            for sock in self.sockets:
                sock.close()
            for s, handler in previous.items():
                signal.signal(s, handler)
        return self.code
