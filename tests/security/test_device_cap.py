"""At most ``max_devices_per_user`` devices per account: the next one gets a French 409
telling to have an old one revoked; the admin lists and revokes them with the CLI."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import requests

from tests.server.helpers import PASSWORD, PROTOCOL, VERSIONS, Client
from tests.support.live_server import live_server
from tne_api.cli import main
from tne_api.service import device_limit_message
from tne_api.settings import Settings

EMAIL = "mediatrice.cap@test.tne.fr"


def _register(base_url: str, device_id: str) -> requests.Response:
    """Log in on ``device_id`` and register it (the answer of the registration)."""
    s = requests.Session()
    s.headers.update(PROTOCOL)
    r = s.post(
        f"{base_url}/auth/login",
        json={"email": EMAIL, "password": PASSWORD, "device_id": device_id},
        timeout=30,
    )
    assert r.status_code == 200, r.text
    s.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
    return s.post(
        f"{base_url}/sync/v1/devices",
        json={"device_id": device_id, "device_name": "Poste en trop", **VERSIONS},
        timeout=30,
    )


def test_the_device_beyond_the_cap_is_refused_until_the_admin_revokes_one(
    db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TNE_API_MAX_DEVICES_PER_USER", "3")  # the CLI's, from the environment
    with live_server(db_url, max_devices_per_user=3) as server:
        structure = server.create_structure("Collège Jean Moulin", department_code="95")
        server.create_user(EMAIL, PASSWORD, "mediator", structure_id=structure)
        devices = [Client(server.base_url, EMAIL) for _ in range(3)]

        extra = f"device-{uuid.uuid4().hex[:8]}"
        r = _register(server.base_url, extra)
        assert r.status_code == 409, r.text
        assert r.json() == {"detail": device_limit_message(3)}
        assert "révoquer un poste" in r.json()["detail"]
        assert "3 postes" in r.json()["detail"]
        # A device already registered still registers again (idempotent), at the cap.
        again = devices[0].session.post(
            f"{server.base_url}/sync/v1/devices",
            json={"device_id": devices[0].device_id, **VERSIONS},
            timeout=30,
        )
        assert again.status_code == 200 and again.json()["client_id"] == devices[0].client_id

        # The admin lists the account's devices and revokes the first one.
        assert main(["--database-url", db_url, "list-devices", "--email", EMAIL.upper()]) == 0
        out = capsys.readouterr().out
        assert all(d.client_id in out for d in devices)
        assert "3 appareil(s) actif(s) ; au plus 3 par compte" in out
        assert main(["--database-url", db_url, "revoke-device", devices[0].client_id]) == 0
        assert "Appareil révoqué." in capsys.readouterr().out
        assert main(["--database-url", db_url, "list-devices", "--email", EMAIL]) == 0
        out = capsys.readouterr().out
        assert "2 appareil(s) actif(s)" in out and "révoqué" in out

        r = _register(server.base_url, extra)
        assert r.status_code == 200, r.text
        # The revoked device stays revoked (its new session is refused), and does not count
        # against the cap: the third slot is taken by the new device, the next one is refused.
        assert _register(server.base_url, devices[0].device_id).status_code in (401, 403)
        assert _register(server.base_url, f"device-{uuid.uuid4().hex[:8]}").status_code == 409


def test_the_cap_is_a_setting_with_a_default_of_ten(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TNE_API_MAX_DEVICES_PER_USER", raising=False)
    assert Settings(database_url="sqlite://").max_devices_per_user == 10
    monkeypatch.setenv("TNE_API_MAX_DEVICES_PER_USER", "4")
    assert Settings.from_env().max_devices_per_user == 4


def test_revoke_device_with_a_bad_identifier_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path}/cli.sqlite3"
    assert main(["--database-url", url, "revoke-device", "pas-un-identifiant"]) == 1
    assert "Identifiant d’appareil invalide" in capsys.readouterr().err
