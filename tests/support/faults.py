"""A deterministic fault-injecting transport for ``requests``.

Mount a ``FaultAdapter`` on the ``requests.Session`` an ``ApiClient`` uses and give it a
script: the n-th request that reaches the adapter gets the n-th fault of the script (``None``
lets it through untouched). Once the script is used up (or after ``heal()``) every request
goes through. Every request is logged, so tests can count calls per path.

Usage::

    adapter = FaultAdapter()
    session = requests.Session()
    session.mount("http://", adapter)
    client = make_client(tmp_path, "amina", session=session)
    ...
    adapter.script([Fault.lost_response(), None, Fault.status(503, retry_after=2)])

The faults are the ones a laptop meets on a school or library network:

* ``drop`` — the connection fails before the request leaves (server never sees it);
* ``lost_response`` — sent for real, the server commits, then the connection breaks;
* ``timeout`` — sent for real, then a read timeout (``connect_timeout``: never sent);
* ``status`` — a 500/502/503/429 answer (``Retry-After`` optional), by default never sent;
  ``after_send=True``: a proxy's error after the server committed;
* ``truncated`` — the real answer cut mid-JSON, its ``Content-Length`` adjusted (a proxy that
  gave up); ``broken_body`` — the connection breaks mid-body (``Content-Length`` says more);
* ``portal_html`` — a captive portal's ``200 text/html`` page; ``portal_redirect`` — its 302;
* ``duplicate`` — the same request sent twice (a retrying proxy), the second answer returned;
* ``slow`` — latency before sending (and after receiving).
"""

from __future__ import annotations

import io
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3 import HTTPResponse

PORTAL_PAGE = (
    b"<!DOCTYPE html><html><head><title>Wifi M\xc3\xa9diath\xc3\xa8que</title></head>"
    b"<body><form action='/login'>Acceptez les conditions d'utilisation</form></body></html>"
)

KINDS = (
    "drop",
    "lost_response",
    "timeout",
    "connect_timeout",
    "status",
    "truncated",
    "broken_body",
    "portal_html",
    "portal_redirect",
    "duplicate",
    "slow",
)

#: Faults after which the server has committed the request although the client never
#: heard the answer: the interesting ones for exactly-once.
AFTER_COMMIT = ("lost_response", "timeout", "truncated", "broken_body", "duplicate")


@dataclass(frozen=True)
class Fault:
    """One fault, for one request.

    Attributes:
        kind: one of ``KINDS``.
        status: HTTP status for ``status`` faults.
        retry_after: ``Retry-After`` seconds for ``status`` faults.
        after_send: for ``status``: send the request for real first.
        delay: seconds of latency for ``slow``.
        path: only a request whose path starts with this takes the fault; others pass and
            the fault waits for a matching one.
    """

    kind: str
    status: int = 500
    retry_after: float | None = None
    after_send: bool = False
    delay: float = 0.0
    path: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}")

    # Readable constructors.
    @classmethod
    def drop(cls, path: str | None = None) -> Fault:
        return cls("drop", path=path)

    @classmethod
    def lost_response(cls, path: str | None = None) -> Fault:
        return cls("lost_response", path=path)

    @classmethod
    def timeout(cls, path: str | None = None) -> Fault:
        return cls("timeout", path=path)

    @classmethod
    def error(
        cls,
        status: int = 500,
        *,
        retry_after: float | None = None,
        after_send: bool = False,
        path: str | None = None,
    ) -> Fault:
        return cls(
            "status", status=status, retry_after=retry_after, after_send=after_send, path=path
        )

    @classmethod
    def truncated(cls, path: str | None = None) -> Fault:
        return cls("truncated", path=path)

    @classmethod
    def duplicate(cls, path: str | None = None) -> Fault:
        return cls("duplicate", path=path)

    @classmethod
    def slow(cls, delay: float, path: str | None = None) -> Fault:
        return cls("slow", delay=delay, path=path)

    def matches(self, path: str) -> bool:
        return self.path is None or path.startswith(self.path)


@dataclass(frozen=True)
class Call:
    """One request seen by the adapter."""

    method: str
    path: str
    fault: str | None
    status: int | None  # what the caller got; None when an exception was raised
    server_saw: int  # how many times the request really reached the server


class FaultAdapter(HTTPAdapter):
    """An ``HTTPAdapter`` that plays a script of faults, one entry per request.

    Thread-safe; deterministic for a given script and request sequence.

    Args:
        script: faults for the next requests (``None`` = let through).
        sleep: how ``slow`` waits (tests may pass a recorder).
    """

    def __init__(
        self,
        script: Iterable[Fault | None] = (),
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(max_retries=0)
        self._lock = threading.Lock()
        self._script: list[Fault | None] = list(script)
        self._outage: Fault | None = None
        self._cut_after: tuple[int, Fault] | None = None
        self._sleep = sleep
        self.calls: list[Call] = []

    # --- control ------------------------------------------------------------------

    def script(self, faults: Iterable[Fault | None]) -> None:
        """Replace the remaining script."""
        with self._lock:
            self._script = list(faults)

    def extend(self, faults: Iterable[Fault | None]) -> None:
        with self._lock:
            self._script.extend(faults)

    def outage(self, fault: Fault | None) -> None:
        """Apply ``fault`` to every request until ``heal()`` (after the script)."""
        with self._lock:
            self._outage = fault

    def cut_after(self, n: int, fault: Fault) -> None:
        """Let ``n`` more requests through, then apply ``fault`` to all until ``heal()``:
        a sync interrupted in the middle, like a laptop lid closed or a wifi lost."""
        with self._lock:
            self._cut_after = (n, fault)

    def heal(self) -> None:
        """No more faults."""
        with self._lock:
            self._script = []
            self._outage = None
            self._cut_after = None

    @property
    def pending(self) -> int:
        """Script entries not yet played."""
        return len(self._script)

    def count(self, path: str, method: str | None = None) -> int:
        """Requests seen for ``path`` (and ``method``)."""
        return sum(
            1 for c in self.calls if c.path == path and (method is None or c.method == method)
        )

    def faults_played(self) -> Counter[str]:
        return Counter(c.fault for c in self.calls if c.fault)

    # --- transport ----------------------------------------------------------------

    def _next_fault(self, path: str) -> Fault | None:
        with self._lock:
            if self._script:
                head = self._script[0]
                if head is None or head.matches(path):
                    self._script.pop(0)
                    return head
                return None
            if self._cut_after is not None:
                n, fault = self._cut_after
                if n > 0:
                    self._cut_after = (n - 1, fault)
                    return None
                return fault
            if self._outage is not None and self._outage.matches(path):
                return self._outage
            return None

    def send(
        self, request: requests.PreparedRequest, *args: Any, **kwargs: Any
    ) -> requests.Response:
        path = urlsplit(str(request.url)).path
        fault = self._next_fault(path)
        seen = 0

        def real() -> requests.Response:
            nonlocal seen
            resp = super(FaultAdapter, self).send(request, *args, **kwargs)
            _ = resp.content  # read it all: the server has answered (and committed)
            seen += 1
            return resp

        def log(status: int | None) -> None:
            with self._lock:
                self.calls.append(
                    Call(
                        str(request.method),
                        path,
                        fault.kind if fault else None,
                        status,
                        seen,
                    )
                )

        try:
            resp = self._play(fault, request, real)
        except BaseException:
            log(None)
            raise
        log(resp.status_code)
        return resp

    def _play(
        self,
        fault: Fault | None,
        request: requests.PreparedRequest,
        real: Callable[[], requests.Response],
    ) -> requests.Response:
        if fault is None:
            return real()
        kind = fault.kind
        if kind == "drop":
            raise requests.exceptions.ConnectionError(
                "injected: connection refused before sending", request=request
            )
        if kind == "connect_timeout":
            raise requests.exceptions.ConnectTimeout("injected: connect timeout", request=request)
        if kind == "lost_response":
            real()
            raise requests.exceptions.ConnectionError(
                "injected: connection reset after the server answered", request=request
            )
        if kind == "timeout":
            real()
            raise requests.exceptions.ReadTimeout("injected: read timeout", request=request)
        if kind == "status":
            if fault.after_send:
                real()
            headers = {"Content-Type": "application/json"}
            if fault.retry_after is not None:
                headers["Retry-After"] = f"{fault.retry_after:g}"
            body = b'{"detail":"injected"}'
            if fault.status >= 500 and fault.status != 503:
                # A reverse proxy's own error page, not JSON.
                headers["Content-Type"] = "text/html"
                body = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
            return self._fake(request, fault.status, headers, body)
        if kind in ("truncated", "broken_body"):
            resp = real()
            content = resp.content
            cut = content[: max(1, len(content) // 2)]
            headers = {"Content-Type": resp.headers.get("Content-Type", "application/json")}
            if kind == "truncated":
                headers["Content-Length"] = str(len(cut))
                return self._fake(request, resp.status_code, headers, cut)
            headers["Content-Length"] = str(len(content))
            return self._fake(request, resp.status_code, headers, cut, enforce_length=True)
        if kind == "portal_html":
            return self._fake(
                request, 200, {"Content-Type": "text/html; charset=utf-8"}, PORTAL_PAGE
            )
        if kind == "portal_redirect":
            return self._fake(
                request,
                302,
                {"Location": "http://portail.wifi.example/login", "Content-Type": "text/html"},
                PORTAL_PAGE,
            )
        if kind == "duplicate":
            real()
            return real()
        if kind == "slow":
            self._sleep(fault.delay)
            resp = real()
            self._sleep(fault.delay)
            return resp
        raise AssertionError(kind)

    def _fake(
        self,
        request: requests.PreparedRequest,
        status: int,
        headers: dict[str, str],
        body: bytes,
        *,
        enforce_length: bool = False,
    ) -> requests.Response:
        """A response built like a real one (urllib3 object, streamed body), so a short
        body with a longer ``Content-Length`` fails the way a broken connection does."""
        headers.setdefault("Content-Length", str(len(body)))
        raw = HTTPResponse(
            body=io.BytesIO(body),
            headers=headers,
            status=status,
            reason="injected",
            preload_content=False,
            decode_content=False,
            enforce_content_length=enforce_length,
            request_method=request.method,
            request_url=request.url,
        )
        resp = self.build_response(request, raw)
        _ = _read(resp)
        return resp


def _read(resp: requests.Response) -> bytes | None:
    """Read the body now, like ``requests`` does for a non-streamed call; a broken body
    raises ``ChunkedEncodingError`` here, exactly where the real transport would."""
    return resp.content


def fault_session(adapter: FaultAdapter) -> requests.Session:
    """A session whose every ``http://`` and ``https://`` request goes through ``adapter``."""
    session = requests.Session()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
