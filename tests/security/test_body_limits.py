"""Every request body is bounded, whatever its encoding, before authentication and parsing.

A peer that announces or streams a huge body gets 413 with a French ``detail`` as soon as the
bound is passed: the server neither reads the rest nor parses any of it."""

from __future__ import annotations

import gzip
import json
import uuid
from collections.abc import Iterator

import pytest
import requests

from tests.security.rawhttp import chunked, plain, raw_request
from tests.server.helpers import PROTOCOL, VERSIONS, World
from tests.support.live_server import LiveServer, live_server

MB = 1024 * 1024
HUGE = 150 * MB


@pytest.fixture
def small(db_url: str) -> Iterator[LiveServer]:
    """A live server whose bodies are bounded to 1 MB (auth: 64 kB, the default)."""
    with live_server(db_url, max_request_bytes=MB) as server:
        yield server


def _push_body(size: int) -> bytes:
    """A well-formed push body of about ``size`` bytes (one op with a long title)."""
    op = {
        "op_id": str(uuid.uuid4()),
        "client_seq": 1,
        "entity": "workshop",
        "row_id": str(uuid.uuid4()),
        "kind": "create",
        "base_version": 0,
        "set": {"title": ""},
    }
    body = {"client_id": str(uuid.uuid4()), "ops": [op], **VERSIONS}
    overhead = len(json.dumps(body).encode())
    op["set"] = {"title": "x" * max(0, size - overhead)}
    return json.dumps(body).encode()


def _assert_too_large(status: int, body: dict[str, object]) -> None:
    assert status == 413
    detail = body["detail"]
    assert isinstance(detail, str) and "Requête trop volumineuse" in detail


def test_announced_huge_plain_body_is_refused_before_a_byte_is_read(world: World) -> None:
    r = raw_request(
        world.server.base_url,
        "POST",
        "/sync/v1/push",
        {"Content-Type": "application/json", "Content-Length": str(HUGE)},
        plain(HUGE),
    )
    _assert_too_large(r.status, r.json())
    assert "32 Mo" in r.json()["detail"]
    assert r.sent < 8 * MB  # the answer came long before the body was sent


def test_streamed_huge_plain_body_is_refused_while_streaming(world: World) -> None:
    """No Content-Length at all (chunked): counted as it arrives, cut at the bound."""
    r = raw_request(
        world.server.base_url,
        "POST",
        "/sync/v1/push",
        {"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
        chunked(HUGE),
    )
    _assert_too_large(r.status, r.json())
    assert r.sent < 64 * MB  # the bound is 32 MB: the other 118 MB were never needed


def test_streamed_huge_gzip_body_is_refused_while_streaming(world: World) -> None:
    r = raw_request(
        world.server.base_url,
        "POST",
        "/sync/v1/push",
        {
            "Content-Type": "application/json",
            "Content-Encoding": "gzip",
            "Transfer-Encoding": "chunked",
        },
        chunked(HUGE),
    )
    _assert_too_large(r.status, r.json())
    assert r.sent < 64 * MB


def test_the_bound_comes_before_authentication_and_parsing(small: LiveServer) -> None:
    url = f"{small.base_url}/sync/v1/push"
    json_headers = {"Content-Type": "application/json", **PROTOCOL}
    # Under the bound, no token: the usual 401.
    r = requests.post(url, data=_push_body(MB - 1000), headers=json_headers, timeout=30)
    assert r.status_code == 401
    # Over it: 413, not 401 (no token) nor 422 (not even JSON).
    r = raw_request(
        small.base_url,
        "POST",
        "/sync/v1/push",
        {**json_headers, "Content-Length": str(MB + 1)},
        plain(MB + 1, byte=b"{"),
    )
    _assert_too_large(r.status, r.json())
    assert "1 Mo" in r.json()["detail"]
    r = raw_request(
        small.base_url,
        "POST",
        "/sync/v1/push",
        {**json_headers, "Transfer-Encoding": "chunked"},
        chunked(MB + 1, byte=b"{"),
    )
    _assert_too_large(r.status, r.json())


def test_gzip_bodies_are_bounded_compressed_and_decompressed(small: LiveServer) -> None:
    url = f"{small.base_url}/sync/v1/push"
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip", **PROTOCOL}
    # 2 MB of JSON compresses to a few kB, but decompressed it passes the bound.
    r = requests.post(url, data=gzip.compress(_push_body(2 * MB)), headers=headers, timeout=30)
    _assert_too_large(r.status_code, r.json())
    # Under the bound once decompressed: on to authentication.
    r = requests.post(url, data=gzip.compress(_push_body(MB // 2)), headers=headers, timeout=30)
    assert r.status_code == 401


def test_auth_bodies_have_a_small_bound(world: World) -> None:
    url = f"{world.server.base_url}/auth/login"
    r = raw_request(
        world.server.base_url,
        "POST",
        "/auth/login",
        {"Content-Type": "application/json", "Content-Length": str(65 * 1024)},
        plain(65 * 1024),
    )
    _assert_too_large(r.status, r.json())
    assert "64 ko" in r.json()["detail"]
    body = {"email": world.emails["med_a"], "password": "p" * 1000}
    assert requests.post(url, json=body, headers=PROTOCOL, timeout=30).status_code == 401


def test_an_unknown_encoding_is_415(world: World) -> None:
    r = requests.post(
        f"{world.server.base_url}/sync/v1/push",
        data=b"{}",
        headers={"Content-Type": "application/json", "Content-Encoding": "br", **PROTOCOL},
        timeout=30,
    )
    assert r.status_code == 415 and "Encodage" in r.json()["detail"]
