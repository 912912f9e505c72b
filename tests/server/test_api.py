"""HTTP shapes of every endpoint: health, auth, devices, versions, gzip, malformed input."""

from __future__ import annotations

import gzip
import json
import logging
import uuid

import pytest
import requests

from mediator_app.core.messages import MIN_PROTOCOL_VERSION, PROTOCOL_HEADER, PROTOCOL_VERSION
from mediator_app.core.wire import MIN_SCHEMA_VERSION
from tests.server.helpers import PASSWORD, PROTOCOL, VERSIONS, Client, World, workshop_data


def test_health(world: World) -> None:
    body = requests.get(f"{world.server.base_url}/health", timeout=10).json()
    assert body["status"] == "ok"
    assert body["schema_version"] == VERSIONS["schema_version"]
    assert body["protocol_version"] == PROTOCOL_VERSION
    assert body["min_protocol_version"] == MIN_PROTOCOL_VERSION
    assert len(body["epoch"]) >= 16


def test_login_shape_and_wrong_password(world: World) -> None:
    base = world.server.base_url
    r = requests.post(
        f"{base}/auth/login",
        json={"email": "MED_A@test.tne.fr ", "password": PASSWORD},
        timeout=10,
    )
    assert r.status_code == 200
    body = r.json()
    assert set(body) >= {"access_token", "refresh_token", "expires_in", "user"}
    assert body["expires_in"] == 15 * 60
    assert body["user"]["role"] == "mediator"
    assert body["user"]["structure_id"] == str(world.structure_a)
    assert body["user"]["department_code"] == "95"
    r = requests.post(
        f"{base}/auth/login", json={"email": "med_a@test.tne.fr", "password": "faux"}, timeout=10
    )
    assert r.status_code == 401
    assert r.json()["detail"] == "Adresse e-mail ou mot de passe incorrect."
    r = requests.post(
        f"{base}/auth/login", json={"email": "nobody@test.tne.fr", "password": "x"}, timeout=10
    )
    assert r.status_code == 401


def test_refresh_rotates_and_logout_revokes(world: World) -> None:
    base = world.server.base_url
    c = world.client("med_a")
    old_refresh = c.login_body["refresh_token"]
    r = requests.post(f"{base}/auth/refresh", json={"refresh_token": old_refresh}, timeout=10)
    assert r.status_code == 200
    new = r.json()
    assert new["access_token"] != c.login_body["access_token"]
    # Rotated: a new refresh token each time (tests/security/test_tokens.py for reuse).
    assert new["refresh_token"] != old_refresh
    headers = {"Authorization": f"Bearer {new['access_token']}", **PROTOCOL}
    q = {"client_id": c.client_id, **VERSIONS}
    assert requests.get(f"{base}/sync/v1/digest", params=q, headers=headers, timeout=10).ok
    r = requests.post(
        f"{base}/auth/logout",
        json={"refresh_token": new["refresh_token"]},
        headers=headers,
        timeout=10,
    )
    assert r.status_code == 200
    r = requests.get(f"{base}/sync/v1/digest", params=q, headers=headers, timeout=10)
    assert r.status_code == 401
    assert "detail" in r.json()
    r = requests.post(
        f"{base}/auth/refresh", json={"refresh_token": new["refresh_token"]}, timeout=10
    )
    assert r.status_code == 401


def test_no_token_is_401(world: World) -> None:
    c = world.client("med_a")
    r = requests.get(
        f"{world.server.base_url}/sync/v1/pull",
        params={"client_id": c.client_id, **VERSIONS},
        headers=PROTOCOL,
        timeout=10,
    )
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"] == "Bearer"


def test_device_registration_is_idempotent(world: World) -> None:
    c = world.client("med_a")
    r = c.session.post(
        f"{c.base_url}/sync/v1/devices",
        json={"device_id": c.device_id, "device_name": "Autre nom", **VERSIONS},
        timeout=10,
    )
    assert r.status_code == 200
    assert r.json()["client_id"] == c.client_id
    assert r.json()["min_schema_version"] == MIN_SCHEMA_VERSION
    other = world.new_client("med_a")
    assert other.client_id != c.client_id


def test_someone_elses_or_unknown_client_id(world: World) -> None:
    a, b = world.client("med_a"), world.client("med_b")
    r = a.session.get(
        f"{a.base_url}/sync/v1/pull", params={"client_id": b.client_id, **VERSIONS}, timeout=10
    )
    assert r.status_code == 403
    r = a.session.get(
        f"{a.base_url}/sync/v1/pull",
        params={"client_id": str(uuid.uuid4()), **VERSIONS},
        timeout=10,
    )
    assert r.status_code == 404


def test_revoked_device(world: World) -> None:
    c = world.client("med_a")
    assert world.server.auth.revoke_device(uuid.UUID(c.client_id))
    r = c.push_raw([])
    assert r.status_code in (401, 403)
    r = c.session.post(
        f"{c.base_url}/auth/refresh",
        json={"refresh_token": c.login_body["refresh_token"]},
        timeout=10,
    )
    assert r.status_code == 401


def test_426_on_every_sync_endpoint(world: World) -> None:
    c = world.client("med_a")
    old = {"app_version": "0.0.1", "schema_version": MIN_SCHEMA_VERSION - 1}
    base = c.base_url
    responses = [
        c.session.post(f"{base}/sync/v1/devices", json={"device_id": "x", **old}, timeout=10),
        c.session.post(
            f"{base}/sync/v1/push", json={"client_id": c.client_id, "ops": [], **old}, timeout=10
        ),
        c.session.get(f"{base}/sync/v1/pull", params={"client_id": c.client_id, **old}, timeout=10),
        c.session.get(
            f"{base}/sync/v1/digest", params={"client_id": c.client_id, **old}, timeout=10
        ),
    ]
    for r in responses:
        assert r.status_code == 426, r.text
        assert "mettez-la à jour" in r.json()["detail"]


@pytest.mark.parametrize("sent", [None, "1", str(MIN_PROTOCOL_VERSION - 1), "deux", ""])
def test_426_to_a_client_of_an_older_protocol_on_every_sync_endpoint(
    world: World, sent: str | None
) -> None:
    """No header (protocol 1 sent none) or an older number: 426 with a French sentence,
    before the body, the token or the client id are looked at."""
    c = world.client("med_a")
    base = c.base_url
    headers = {"Authorization": f"Bearer {c.login_body['access_token']}"}
    if sent is not None:
        headers[PROTOCOL_HEADER] = sent
    plain = requests.Session()
    responses = [
        plain.post(
            f"{base}/sync/v1/devices",
            json={"device_id": "x", **VERSIONS},
            headers=headers,
            timeout=10,
        ),
        plain.post(
            f"{base}/sync/v1/push",
            json={"client_id": c.client_id, "ops": "pas une liste", **VERSIONS},
            headers=headers,
            timeout=10,
        ),
        plain.get(
            f"{base}/sync/v1/pull",
            params={"client_id": c.client_id, **VERSIONS},
            headers={PROTOCOL_HEADER: sent} if sent is not None else {},
            timeout=10,
        ),
        plain.get(
            f"{base}/sync/v1/digest",
            params={"client_id": "?", **VERSIONS},
            headers=headers,
            timeout=10,
        ),
    ]
    for r in responses:
        assert r.status_code == 426, r.text
        detail = r.json()["detail"]
        assert detail.startswith("Cette version de TNE Médiation est trop ancienne")
        assert "vos saisies en attente sont conservées" in detail
    # The login itself is not a sync call: an old client can still sign in.
    r = plain.post(
        f"{base}/auth/login",
        json={"email": world.emails["med_a"], "password": PASSWORD},
        timeout=10,
    )
    assert r.status_code == 200


def test_openapi_shows_the_protocol_header_and_the_typed_answers(world: World) -> None:
    spec = requests.get(f"{world.server.base_url}/openapi.json", timeout=10).json()
    push = spec["paths"]["/sync/v1/push"]["post"]
    assert any(
        p["in"] == "header" and p["name"] == PROTOCOL_HEADER for p in push.get("parameters", [])
    )
    assert "426" in push["responses"]
    schemas = spec["components"]["schemas"]
    assert {"PushOut", "OpResultOut", "PullOut", "ChangeOut", "DigestOut"} <= set(schemas)
    assert "cursor" in schemas["DigestOut"]["properties"]


def test_gzip_request_and_response(world: World) -> None:
    c = world.client("med_a")
    wid = uuid.uuid4()
    body = {
        "client_id": c.client_id,
        "batch_id": "b",
        **VERSIONS,
        "ops": [c.op("workshop", wid, set=workshop_data(world.structure_a, notes="x" * 3000))],
    }
    r = c.session.post(
        f"{c.base_url}/sync/v1/push",
        data=gzip.compress(json.dumps(body).encode()),
        headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
        timeout=10,
    )
    assert r.status_code == 200, r.text
    assert r.json()["results"][0]["status"] == "applied"
    r = c.pull_raw()
    assert r.status_code == 200
    assert r.headers.get("Content-Encoding") == "gzip"  # requests decoded it for us
    r = c.session.post(
        f"{c.base_url}/sync/v1/push",
        data=b"not gzip at all",
        headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
        timeout=10,
    )
    assert r.status_code == 400


def test_bad_input_is_4xx_with_a_message(world: World) -> None:
    c = world.client("med_a")
    url = f"{c.base_url}/sync/v1/push"
    r = c.session.post(url, data=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and isinstance(r.json()["detail"], str)
    r = c.session.post(url, json={"client_id": c.client_id, **VERSIONS, "ops": "nope"})
    assert r.status_code == 422
    too_many = [
        c.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a)) for _ in range(201)
    ]
    r = c.push_raw(too_many)
    assert r.status_code == 413
    r = c.pull_raw("garbage-cursor")
    assert r.status_code == 400
    # An unknown entity is one rejected op, not a failed batch.
    res = c.push1(c.op("spaceship", uuid.uuid4(), set={"x": 1}))
    assert res["status"] == "rejected" and res["message_key"] == "unknown_entity"
    # A wrongly typed field is a validation rejection.
    res = c.push1(
        c.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a, capacity="x"))
    )
    assert res["status"] == "rejected" and res["message_key"] == "validation"
    assert "capacity" in res["errors"]


def test_openapi_is_served(world: World) -> None:
    spec = requests.get(f"{world.server.base_url}/openapi.json", timeout=10).json()
    for path in ("/auth/login", "/sync/v1/push", "/sync/v1/pull", "/sync/v1/digest", "/health"):
        assert path in spec["paths"]


def test_second_client_object_can_log_in(world: World) -> None:
    c = Client(world.server.base_url, world.emails["coord_95"])
    assert c.user["role"] == "coordinator"


def test_unexpected_error_is_a_french_500_logged_without_its_message(
    world: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("lookup failed for Dupont +33612345678")

    app_sync = world.server._server.config.app.state.sync  # the app's own service
    monkeypatch.setattr(app_sync, "digest", broken)
    c = world.client("med_a")
    r = requests.get(
        f"{world.server.base_url}/sync/v1/digest",
        params={"client_id": c.client_id, **VERSIONS},
        headers={"Authorization": f"Bearer {c.login_body['access_token']}", **PROTOCOL},
        timeout=10,
    )
    assert r.status_code == 500
    assert "réessayez" in r.json()["detail"]
    assert "RuntimeError" in caplog.text
    assert "Dupont" not in caplog.text and "+336" not in caplog.text
