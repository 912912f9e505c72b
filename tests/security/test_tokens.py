"""Tokens: an access token works for the device it was issued for only, and refresh tokens
rotate, a replaced one presented again revoking its whole family (real server, real HTTP)."""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import requests

from mediator_app.sync.api_client import ApiClient, AuthenticationError, Tokens
from tests.server.helpers import PASSWORD, PROTOCOL, VERSIONS, Client, World, workshop_data

OTHER_DEVICE = "autre poste"


def _refresh(world: World, token: str) -> requests.Response:
    return requests.post(
        f"{world.server.base_url}/auth/refresh", json={"refresh_token": token}, timeout=30
    )


def _digest(world: World, access: str, client_id: str) -> requests.Response:
    return requests.get(
        f"{world.server.base_url}/sync/v1/digest",
        params={"client_id": client_id, **VERSIONS},
        headers={"Authorization": f"Bearer {access}", **PROTOCOL},
        timeout=30,
    )


def _push(world: World, access: str, client_id: str, ops: list[Any]) -> requests.Response:
    return requests.post(
        f"{world.server.base_url}/sync/v1/push",
        json={"client_id": client_id, "ops": ops, **VERSIONS},
        headers={"Authorization": f"Bearer {access}", **PROTOCOL},
        timeout=30,
    )


def test_an_access_token_works_for_its_own_device_only(world: World) -> None:
    laptop, other = world.client("med_a"), world.new_client("med_a")  # same user, 2 devices
    access = laptop.login_body["access_token"]
    assert _digest(world, access, laptop.client_id).status_code == 200
    for r in (
        _digest(world, access, other.client_id),
        _push(
            world,
            access,
            other.client_id,
            [other.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a))],
        ),
        laptop.session.get(
            f"{laptop.base_url}/sync/v1/pull",
            params={"client_id": other.client_id, **VERSIONS},
            timeout=30,
        ),
        laptop.session.post(
            f"{laptop.base_url}/sync/v1/devices",
            json={"device_id": other.device_id, "device_name": "x", **VERSIONS},
            timeout=30,
        ),
        laptop.session.post(
            f"{laptop.base_url}/sync/v1/devices",
            json={"device_id": "un-troisieme-poste", "device_name": "x", **VERSIONS},
            timeout=30,
        ),
    ):
        assert r.status_code == 401, r.text
        assert OTHER_DEVICE in r.json()["detail"]
        assert r.headers["WWW-Authenticate"] == "Bearer"
    # Nothing was written for the other device, and each device still works for itself.
    assert other.digest()["entities"]["workshop"]["count"] == 0
    assert _digest(world, other.login_body["access_token"], other.client_id).status_code == 200
    # A refreshed token keeps its device.
    fresh = _refresh(world, laptop.login_body["refresh_token"]).json()
    assert _digest(world, fresh["access_token"], laptop.client_id).status_code == 200
    assert _digest(world, fresh["access_token"], other.client_id).status_code == 401


def test_a_token_without_device_is_bound_to_the_first_device_it_registers(
    world: World,
) -> None:
    base = world.server.base_url
    body = requests.post(
        f"{base}/auth/login",
        json={"email": world.emails["med_a"], "password": PASSWORD},
        timeout=30,
    ).json()
    access = body["access_token"]
    laptop = world.client("med_a")
    # Not bound yet: it cannot sync as an existing device.
    assert _digest(world, access, laptop.client_id).status_code == 401
    headers = {"Authorization": f"Bearer {access}", **PROTOCOL}
    r = requests.post(
        f"{base}/sync/v1/devices",
        json={"device_id": "poste-neuf", "device_name": "Poste neuf", **VERSIONS},
        headers=headers,
        timeout=30,
    )
    assert r.status_code == 200
    client_id = r.json()["client_id"]
    assert _digest(world, access, client_id).status_code == 200
    assert _digest(world, access, laptop.client_id).status_code == 401
    r = requests.post(
        f"{base}/sync/v1/devices",
        json={"device_id": "encore-un-autre", "device_name": "x", **VERSIONS},
        headers=headers,
        timeout=30,
    )
    assert r.status_code == 401 and OTHER_DEVICE in r.json()["detail"]
    # Its refresh token was bound with it: the next access tokens are the device's.
    fresh = _refresh(world, body["refresh_token"]).json()
    assert _digest(world, fresh["access_token"], client_id).status_code == 200
    assert _digest(world, fresh["access_token"], laptop.client_id).status_code == 401


def test_refresh_rotates_and_the_replaced_token_stops_working(world: World) -> None:
    c = world.client("med_a")
    first = c.login_body["refresh_token"]
    second = _refresh(world, first).json()
    assert second["refresh_token"] != first
    third = _refresh(world, second["refresh_token"]).json()
    assert third["refresh_token"] not in (first, second["refresh_token"])
    assert _digest(world, third["access_token"], c.client_id).status_code == 200
    assert _digest(world, second["access_token"], c.client_id).status_code == 200  # until TTL


def test_a_replaced_refresh_token_presented_again_revokes_the_family(world: World) -> None:
    """Someone copied the refresh token: whoever uses it second, both parties lose the
    session, and the device signs in again with its password."""
    c = world.client("med_a")
    stolen = c.login_body["refresh_token"]
    legit = _refresh(world, stolen).json()  # the laptop refreshes first
    r = _refresh(world, stolen)  # the copy is used
    assert r.status_code == 401 and "reconnectez-vous" in r.json()["detail"]
    # The whole family is gone: the laptop's new refresh token and every access token.
    assert _refresh(world, legit["refresh_token"]).status_code == 401
    assert _digest(world, legit["access_token"], c.client_id).status_code == 401
    assert _digest(world, c.login_body["access_token"], c.client_id).status_code == 401
    # Another device of the same user is not touched.
    other = world.new_client("med_a")
    assert _refresh(world, other.login_body["refresh_token"]).status_code == 200
    # A password login starts a new family.
    again = Client(world.server.base_url, world.emails["med_a"])
    assert _refresh(world, again.login_body["refresh_token"]).status_code == 200


def test_parallel_refreshes_with_one_token_issue_one_successor(world: World) -> None:
    c = world.client("med_a")
    token = c.login_body["refresh_token"]
    barrier = threading.Barrier(8)

    def one(_i: int) -> requests.Response:
        barrier.wait()
        return _refresh(world, token)

    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(one, range(8)))
    assert Counter(r.status_code for r in responses) == {200: 1, 401: 7}
    # The others were reuses: the successor was revoked with the family.
    (winner,) = [r.json() for r in responses if r.status_code == 200]
    assert _refresh(world, winner["refresh_token"]).status_code == 401


def test_logout_revokes_the_whole_family(world: World) -> None:
    c = world.client("med_a")
    second = _refresh(world, c.login_body["refresh_token"]).json()
    r = requests.post(
        f"{world.server.base_url}/auth/logout",
        json={"refresh_token": second["refresh_token"]},
        timeout=30,
    )
    assert r.status_code == 200
    assert _digest(world, second["access_token"], c.client_id).status_code == 401
    # The access token issued with the replaced refresh token goes too.
    assert _digest(world, c.login_body["access_token"], c.client_id).status_code == 401


def test_the_desktop_client_keeps_the_rotated_refresh_token(world: World) -> None:
    seen: list[Tokens] = []
    api = ApiClient(world.server.base_url, on_tokens=seen.append)
    api.login(world.emails["med_a"], PASSWORD, "poste-de-bureau")
    assert api.tokens is not None
    first = api.tokens.refresh_token
    api.refresh()
    assert api.tokens.refresh_token != first
    assert seen and seen[-1].refresh_token == api.tokens.refresh_token
    api.refresh()  # with the stored, rotated token: works
    assert len(seen) == 2
    # The first token is now a replaced one: presenting it again signs the laptop out.
    stale = ApiClient(world.server.base_url, tokens=Tokens("x", first))
    try:
        stale.refresh()
        raise AssertionError("a replaced refresh token must not work")
    except AuthenticationError:
        pass
    try:
        api.refresh()
        raise AssertionError("the family must be revoked")
    except AuthenticationError:
        pass
