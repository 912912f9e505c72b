"""HTTP requests written by hand on a socket, for what ``requests`` cannot send: a body
announced larger than it is, a body streamed without end, a header it would normalise.

The helper stops sending as soon as the server answers (a server that refuses early is
exactly what these tests want to see) and reads the answer.
"""

from __future__ import annotations

import http.client
import json
import select
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str]
    body: bytes
    #: Body bytes the client had sent when the answer came.
    sent: int
    #: Seconds from the first byte sent to the answer.
    elapsed: float

    def json(self) -> Any:
        return json.loads(self.body)


def raw_request(
    base_url: str,
    method: str,
    path: str,
    headers: dict[str, str],
    body: Iterable[bytes] = (),
    *,
    timeout: float = 30.0,
) -> RawResponse:
    """Send ``method path`` with exactly ``headers``, then the chunks of ``body`` until the
    server answers, and return the answer."""
    parts = urlsplit(base_url)
    assert parts.hostname and parts.port
    sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
    started = time.monotonic()
    sent = 0
    try:
        head = f"{method} {path} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        sock.sendall((head + "\r\n").encode("latin-1"))
        for chunk in body:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                break  # the server answered (or closed): stop sending
            try:
                sock.sendall(chunk)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(chunk)
        resp = http.client.HTTPResponse(sock, method=method)
        resp.begin()
        data = resp.read()
        elapsed = time.monotonic() - started
        return RawResponse(resp.status, dict(resp.getheaders()), data, sent, elapsed)
    finally:
        sock.close()


def chunked(total: int, chunk: int = 64 * 1024, byte: bytes = b" ") -> Iterable[bytes]:
    """``total`` bytes of ``Transfer-Encoding: chunked`` framing (then the last chunk)."""
    piece = byte * chunk
    left = total
    while left > 0:
        n = min(chunk, left)
        yield f"{n:x}\r\n".encode() + piece[:n] + b"\r\n"
        left -= n
    yield b"0\r\n\r\n"


def plain(total: int, chunk: int = 64 * 1024, byte: bytes = b" ") -> Iterable[bytes]:
    """``total`` bytes sent as they are (for a ``Content-Length`` body)."""
    piece = byte * chunk
    left = total
    while left > 0:
        n = min(chunk, left)
        yield piece[:n]
        left -= n
