"""A small HTTP client of the sync protocol and a seeded world, for the server tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import requests

from mediator_app.core.messages import PROTOCOL_HEADER, PROTOCOL_VERSION
from mediator_app.core.wire import SCHEMA_VERSION
from tests.support.live_server import LiveServer

PASSWORD = "motdepasse-test"
VERSIONS = {"app_version": "0.1.0-test", "schema_version": SCHEMA_VERSION}
#: The header every current client sends (docs/protocol.md, "Protocol version").
PROTOCOL = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}


class Client:
    """One device of one user, talking real HTTP to the live server."""

    def __init__(self, base_url: str, email: str, password: str = PASSWORD) -> None:
        self.base_url = base_url
        self.session = requests.Session()
        self.session.headers.update(PROTOCOL)
        self.device_id = f"device-{uuid.uuid4().hex[:8]}"
        r = self.session.post(
            f"{base_url}/auth/login",
            json={"email": email, "password": password, "device_id": self.device_id},
            timeout=30,
        )
        assert r.status_code == 200, r.text
        self.login_body = r.json()
        self.user = self.login_body["user"]
        self.session.headers["Authorization"] = f"Bearer {self.login_body['access_token']}"
        r = self.session.post(
            f"{base_url}/sync/v1/devices",
            json={"device_id": self.device_id, "device_name": "Poste de test", **VERSIONS},
            timeout=30,
        )
        assert r.status_code == 200, r.text
        self.client_id = r.json()["client_id"]
        self.epoch = r.json()["server_epoch"]
        self.client_seq = 0
        self.cursor = ""
        self.state: dict[tuple[str, str], dict[str, Any]] = {}

    def op(
        self,
        entity: str,
        row_id: UUID | str,
        kind: str = "create",
        set: dict[str, Any] | None = None,
        *,
        base_version: int = 0,
        base: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A new op with a fresh op_id and the next client_seq."""
        self.client_seq += 1
        return {
            "op_id": str(uuid.uuid4()),
            "client_seq": self.client_seq,
            "entity": entity,
            "row_id": str(row_id),
            "kind": kind,
            "base_version": base_version,
            "base": base or {},
            "set": set or {},
            "client_time": "2026-03-12T10:15:03+01:00",
        }

    def push_raw(self, ops: list[dict[str, Any]], **extra: Any) -> requests.Response:
        body = {"client_id": self.client_id, "batch_id": uuid.uuid4().hex, "ops": ops}
        body.update(VERSIONS)
        body.update(extra)
        return self.session.post(f"{self.base_url}/sync/v1/push", json=body, timeout=60)

    def push(self, *ops: dict[str, Any]) -> list[dict[str, Any]]:
        r = self.push_raw(list(ops))
        assert r.status_code == 200, r.text
        results: list[dict[str, Any]] = r.json()["results"]
        return results

    def push1(self, op: dict[str, Any]) -> dict[str, Any]:
        return self.push(op)[0]

    def pull_raw(
        self, cursor: str = "", limit: int | None = None, **params: Any
    ) -> requests.Response:
        q: dict[str, Any] = {"client_id": self.client_id, "cursor": cursor, **VERSIONS, **params}
        if limit is not None:
            q["limit"] = limit
        return self.session.get(f"{self.base_url}/sync/v1/pull", params=q, timeout=60)

    def pull_all(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Pull until ``has_more`` is false, updating ``state``; returns the changes seen."""
        seen = []
        while True:
            r = self.pull_raw(self.cursor, limit)
            assert r.status_code == 200, r.text
            body = r.json()
            for ch in body["changes"]:
                self.state[(ch["entity"], ch["id"])] = ch
            seen.extend(body["changes"])
            self.cursor = body["next_cursor"]
            if not body["has_more"]:
                return seen

    def digest(self) -> dict[str, Any]:
        r = self.session.get(
            f"{self.base_url}/sync/v1/digest",
            params={"client_id": self.client_id, **VERSIONS},
            timeout=60,
        )
        assert r.status_code == 200, r.text
        body: dict[str, Any] = r.json()
        return body

    def row(self, entity: str, row_id: UUID | str) -> dict[str, Any] | None:
        return self.state.get((entity, str(row_id)))


def workshop_data(structure_id: UUID | str, **over: Any) -> dict[str, Any]:
    data = {
        "title": "Café des parents : Pronote",
        "format": "cafe_des_parents",
        "date": "2026-03-12",
        "start_time": "14:00:00",
        "themes": ["scolarite_et_numerique"],
        "organizer_structure_id": str(structure_id),
        "venue_structure_id": str(structure_id),
    }
    data.update(over)
    return data


def participant_data(structure_id: UUID | str, **over: Any) -> dict[str, Any]:
    data = {
        "first_name": "Fatou",
        "last_name": "Diallo",
        "phone": "+33612345678",
        "email": "fatou.diallo@example.org",
        "structure_id": str(structure_id),
    }
    data.update(over)
    return data


@dataclass
class World:
    """A seeded server: structures A, B (95) and C (13), one account per role."""

    server: LiveServer
    structure_a: UUID
    structure_b: UUID
    structure_c: UUID
    emails: dict[str, str] = field(default_factory=dict)
    _clients: dict[str, Client] = field(default_factory=dict)

    def client(self, who: str) -> Client:
        """The (cached) client of ``who``: med_a, med_b, ref_a, coord_95, coord_13, admin."""
        if who not in self._clients:
            self._clients[who] = Client(self.server.base_url, self.emails[who])
        return self._clients[who]

    def new_client(self, who: str) -> Client:
        """Another device of the same user."""
        return Client(self.server.base_url, self.emails[who])


def make_world(server: LiveServer) -> World:
    a = server.create_structure("Collège Jean Moulin", department_code="95", uai="0951399E")
    b = server.create_structure(
        "Centre social Les Tilleuls", department_code="95", kind="centre_social"
    )
    c = server.create_structure("Collège du Vieux-Port", department_code="13", kind="college")
    w = World(server, a, b, c)
    for who, role, structure, dept in (
        ("med_a", "mediator", a, "95"),
        ("med_b", "mediator", b, "95"),
        ("ref_a", "family_referent", a, "95"),
        ("coord_95", "coordinator", None, "95"),
        ("coord_13", "coordinator", None, "13"),
        ("admin", "admin", None, ""),
    ):
        email = f"{who}@test.tne.fr"
        server.create_user(email, PASSWORD, role, structure_id=structure, department_code=dept)
        w.emails[who] = email
    return w
