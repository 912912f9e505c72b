"""A misbehaving sync server on 127.0.0.1, over a real socket, for robustness tests.

It speaks just enough of protocol 2 (login, device registration, push, pull, digest) for a
laptop to sign in and sync, then misbehaves the way testers saw servers and proxies do, one
``mode`` per server:

* ``more_forever`` — every pull page says ``has_more`` (a new cursor, no rows);
* ``too_large_forever`` — every push is ``413``;
* ``trickle`` — a pull answer sent one byte every ``interval`` seconds;
* ``huge`` — a pull answer of ``huge_bytes`` (1.5 GB) of blanks, chunked (no length to
  warn the client), sent until the client hangs up;
* ``fine`` — a well-behaved empty server (every op applied).

Every request is recorded (path and ``time.monotonic()``), so tests count and time them.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import socket
import socketserver
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

EPOCH = "bad-server-epoch"
NOW = "2026-03-12T09:15:03+00:00"
STRUCTURE = "0e9f8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f"


@dataclass
class BadServer:
    """The server's settings and what it saw."""

    mode: str
    interval: float = 1.0
    huge_bytes: int = 1_500_000_000
    requests: list[tuple[str, float]] = field(default_factory=list)
    sent_bytes: int = 0
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def count(self, path: str) -> int:
        return sum(1 for p, _t in self.requests if p == path)


def _answer(status: int, body: Any, extra: str = "") -> bytes:
    data = json.dumps(body).encode()
    reason = {200: "OK", 413: "Payload Too Large"}.get(status, "Error")
    head = (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(data)}\r\nConnection: close\r\n{extra}\r\n"
    )
    return head.encode() + data


class _Handler(socketserver.BaseRequestHandler):
    server: _Server

    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.settimeout(30)
        raw = b""
        while b"\r\n\r\n" not in raw:
            chunk = sock.recv(65536)
            if not chunk:
                return
            raw += chunk
        head, _, body = raw.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, target, _version = lines[0].split(" ", 2)
        headers = {k.lower(): v.strip() for k, _, v in (h.partition(":") for h in lines[1:])}
        length = int(headers.get("content-length", "0"))
        while len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                return
            body += chunk
        if headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        path = urlsplit(target).path
        bad = self.server.bad
        bad.requests.append((path, time.monotonic()))
        # OSError: the client hung up (what a capped or timed-out client does).
        with contextlib.suppress(OSError):
            self._route(sock, method, path, json.loads(body) if body else None, bad)

    def _route(
        self, sock: socket.socket, method: str, path: str, body: Any, bad: BadServer
    ) -> None:
        if path == "/auth/login":
            user = {
                "id": str(uuid.uuid4()),
                "display_name": "Amina Test",
                "structure_id": STRUCTURE,
                "department_code": "95",
                "role": "mediator",
            }
            sock.sendall(_answer(200, {"access_token": "a", "refresh_token": "r", "user": user}))
        elif path == "/sync/v1/devices":
            sock.sendall(
                _answer(
                    200,
                    {
                        "client_id": str(uuid.uuid4()),
                        "server_epoch": EPOCH,
                        "server_time": NOW,
                        "min_schema_version": 1,
                    },
                )
            )
        elif path == "/sync/v1/push":
            if bad.mode == "too_large_forever":
                sock.sendall(_answer(413, {"detail": "Requête trop volumineuse."}))
                return
            results = [
                {
                    "op_id": op["op_id"],
                    "status": "applied",
                    "row_id": op["row_id"],
                    "version": 1,
                    "seq": 1,
                    "message_key": None,
                    "conflicts": [],
                }
                for op in body["ops"]
            ]
            sock.sendall(
                _answer(200, {"server_time": NOW, "last_client_seq": 0, "results": results})
            )
        elif path == "/sync/v1/pull":
            self._pull(sock, bad)
        elif path == "/sync/v1/digest":
            sock.sendall(_answer(200, {"seq": 0, "cursor": "c0", "entities": {}}))
        else:
            sock.sendall(_answer(404, {"detail": "Introuvable."}))

    def _pull(self, sock: socket.socket, bad: BadServer) -> None:
        n = len(bad.requests)
        page = {
            "changes": [],
            "next_cursor": f"c{n}",
            "has_more": bad.mode == "more_forever",
            "server_time": NOW,
            "epoch": EPOCH,
        }
        if bad.mode == "trickle":
            whole = _answer(200, page)
            head, _, data = whole.partition(b"\r\n\r\n")
            sock.sendall(head + b"\r\n\r\n")
            for i in range(len(data)):
                time.sleep(bad.interval)
                sock.sendall(data[i : i + 1])
            return
        if bad.mode == "huge":
            # Chunked, so no Content-Length warns the client: the bytes just keep coming.
            sock.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            )
            blanks = b" " * (1024 * 1024)
            chunk = f"{len(blanks):x}\r\n".encode() + blanks + b"\r\n"
            sent = 0
            while sent < bad.huge_bytes:
                sock.sendall(chunk)
                sent += len(blanks)
                bad.sent_bytes += len(blanks)
            sock.sendall(b"0\r\n\r\n")
            return
        sock.sendall(_answer(200, page))


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    bad: BadServer


@contextmanager
def bad_server(mode: str, **settings: Any) -> Iterator[BadServer]:
    """A ``BadServer`` listening on 127.0.0.1 (a free port) for the ``with`` block."""
    bad = BadServer(mode, **settings)
    srv = _Server(("127.0.0.1", 0), _Handler)
    srv.bad = bad
    bad.port = srv.server_address[1]
    thread = threading.Thread(target=srv.serve_forever, name="bad-server", daemon=True)
    thread.start()
    try:
        yield bad
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(5)
