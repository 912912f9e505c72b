"""The login limit holds under parallel guesses and behind proxies (real server, real HTTP).

Each attempt is counted before the password is checked, so 20 wrong guesses sent at once on
one account get 5 refusals (401) and 15 « too many attempts » (429), and the per-address
counter follows the rightmost address no trusted proxy vouches for."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import sqlalchemy as sa

from tests.support.live_server import LiveServer, live_server
from tne_api import models
from tne_api.addresses import client_address, parse_trusted_proxies

PASSWORD = "un-mot-de-passe-solide"
EMAIL = "amina@test.tne.fr"


def _serve(db_url: str, **overrides: object) -> Iterator[LiveServer]:
    # A real argon2 cost (not the tests' cheapest one): the password check takes long
    # enough for parallel guesses to overlap, as they would against production.
    with live_server(db_url, argon2_time_cost=2, argon2_memory_kib=16 * 1024, **overrides) as s:
        structure = s.create_structure("Collège Jean Moulin")
        s.create_user(EMAIL, PASSWORD, "mediator", structure_id=structure)
        yield s


@pytest.fixture
def server(db_url: str) -> Iterator[LiveServer]:
    yield from _serve(db_url)


@pytest.fixture
def behind_proxy(db_url: str) -> Iterator[LiveServer]:
    """The test client plays the reverse proxy (127.0.0.1) and a second hop (10.0.0.0/8)."""
    yield from _serve(db_url, trusted_proxies=("127.0.0.1", "10.0.0.0/8"))


def _login(
    server: LiveServer, email: str, password: str, forwarded_for: str | None = None
) -> requests.Response:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for is not None else {}
    return requests.post(
        f"{server.base_url}/auth/login",
        json={"email": email, "password": password},
        headers=headers,
        timeout=60,
    )


def _parallel(n: int, call: object) -> list[requests.Response]:
    barrier = threading.Barrier(n)

    def one(i: int) -> requests.Response:
        barrier.wait()
        return call(i)  # type: ignore[operator, no-any-return]

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(one, range(n)))


def test_parallel_wrong_guesses_on_one_account_stop_at_the_limit(server: LiveServer) -> None:
    responses = _parallel(20, lambda i: _login(server, EMAIL, f"mauvais-{i}"))
    counts = Counter(r.status_code for r in responses)
    assert counts == {401: 5, 429: 15}, counts
    for r in responses:
        if r.status_code == 429:
            assert "Trop de tentatives" in r.json()["detail"]
            assert 1 <= int(r.headers["Retry-After"]) <= 15 * 60
    # Only 5 attempts were ever recorded, i.e. only 5 password checks ran.
    with server.db.read() as conn:
        assert (
            conn.execute(sa.select(sa.func.count()).select_from(models.login_attempt)).scalar_one()
            == 5
        )
    # The right password waits too, until the failures age out.
    assert _login(server, EMAIL, PASSWORD).status_code == 429


def test_parallel_guesses_from_one_address_stop_at_its_limit(server: LiveServer) -> None:
    responses = _parallel(30, lambda i: _login(server, f"inconnu{i}@test.tne.fr", "x"))
    counts = Counter(r.status_code for r in responses)
    assert counts == {401: 20, 429: 10}, counts


def test_a_right_password_among_parallel_guesses_signs_in(server: LiveServer) -> None:
    def attempt(i: int) -> requests.Response:
        return _login(server, EMAIL, PASSWORD if i == 0 else f"mauvais-{i}")

    responses = _parallel(4, attempt)
    assert responses[0].status_code == 200
    assert all(r.status_code == 401 for r in responses[1:])
    # The success was turned back into a success: 3 failures, 2 places left.
    assert _login(server, EMAIL, "encore-faux").status_code == 401
    assert _login(server, EMAIL, "encore-faux").status_code == 401
    assert _login(server, EMAIL, PASSWORD).status_code == 429


def test_forwarded_for_is_ignored_without_trusted_proxies(server: LiveServer) -> None:
    for i in range(20):
        r = _login(server, f"inconnu{i}@test.tne.fr", "x", forwarded_for=f"198.51.100.{i}")
        assert r.status_code == 401
    r = _login(server, EMAIL, PASSWORD, forwarded_for="198.51.100.200")
    assert r.status_code == 429


def test_forged_forwarded_for_through_a_trusted_proxy_keeps_the_counter(
    behind_proxy: LiveServer,
) -> None:
    """The client at 203.0.113.7 sends a new forged address each time; the proxy appends
    the real one, which is the address that counts."""
    for i in range(20):
        forged = f"198.51.100.{i}, 203.0.113.7"
        r = _login(behind_proxy, f"inconnu{i}@test.tne.fr", "x", forwarded_for=forged)
        assert r.status_code == 401
    for forged in ("198.51.100.250, 203.0.113.7", "203.0.113.7", "127.0.0.1, 203.0.113.7"):
        assert _login(behind_proxy, EMAIL, PASSWORD, forwarded_for=forged).status_code == 429
    # Through a second trusted hop, still the same client.
    r = _login(behind_proxy, EMAIL, PASSWORD, forwarded_for="1.2.3.4, 203.0.113.7, 10.0.0.5")
    assert r.status_code == 429
    # Another client behind the same proxy is not locked out.
    assert _login(behind_proxy, EMAIL, PASSWORD, forwarded_for="203.0.113.8").status_code == 200
    with behind_proxy.db.read() as conn:
        addresses = set(conn.execute(sa.select(models.login_attempt.c.address)).scalars())
    assert addresses == {"203.0.113.7", "203.0.113.8"}


def test_rightmost_untrusted_address() -> None:
    trusted = parse_trusted_proxies(["127.0.0.1", "10.0.0.0/8", "::1"])
    assert client_address("127.0.0.1", ["6.6.6.6, 203.0.113.7"], trusted) == "203.0.113.7"
    assert client_address("127.0.0.1", ["6.6.6.6", "203.0.113.7, 10.1.2.3"], trusted) == (
        "203.0.113.7"
    )
    assert client_address("203.0.113.9", ["6.6.6.6"], trusted) == "203.0.113.9"  # not a proxy
    assert client_address("127.0.0.1", [], trusted) == "127.0.0.1"
    assert client_address("127.0.0.1", ["6.6.6.6, garbage"], trusted) == "127.0.0.1"
    assert client_address("127.0.0.1", ["[2001:db8::7]:443"], trusted) == "2001:db8::7"
    assert client_address("127.0.0.1", ["203.0.113.7:5000"], trusted) == "203.0.113.7"
    assert client_address("127.0.0.1", ["6.6.6.6"], ()) == "127.0.0.1"
    assert client_address(None, [], trusted) == "unknown"
    with pytest.raises(ValueError, match="TNE_API_TRUSTED_PROXIES"):
        parse_trusted_proxies(["*"])
