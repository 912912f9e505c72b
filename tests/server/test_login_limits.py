"""Login rate limiting (per account and per address), counted in the database."""

from __future__ import annotations

import requests

from tests.server.helpers import PASSWORD, World


def _login(world: World, email: str, password: str) -> requests.Response:
    return requests.post(
        f"{world.server.base_url}/auth/login",
        json={"email": email, "password": password},
        timeout=10,
    )


def test_five_failures_lock_the_account(world: World) -> None:
    email = world.emails["med_a"]
    for _ in range(5):
        assert _login(world, email, "mauvais").status_code == 401
    r = _login(world, email, PASSWORD)  # even the right password waits
    assert r.status_code == 429
    assert 1 <= int(r.headers["Retry-After"]) <= 15 * 60
    assert "Trop de tentatives" in r.json()["detail"]
    # Another account from the same address is not locked yet.
    assert _login(world, world.emails["med_b"], PASSWORD).status_code == 200


def test_twenty_failures_lock_the_address(world: World) -> None:
    for i in range(20):
        assert _login(world, f"inconnu{i}@test.tne.fr", "x").status_code == 401
    r = _login(world, world.emails["coord_95"], PASSWORD)
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) > 0
