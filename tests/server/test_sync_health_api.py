"""Sync health: the server keeps what clients report at push and pull, and shows it to the
coordination of the département (admins: everyone; others: 403)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from tests.server.helpers import Client, World, workshop_data
from tne_api import models


def _health(c: Client) -> Any:
    return c.session.get(f"{c.base_url}/coordination/v1/sync-health", timeout=30)


def _by_client(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {d["client_id"]: d for d in body["devices"]}


def test_push_and_pull_reports_reach_the_coordinator(world: World) -> None:
    med_a, med_b, ref_a = world.client("med_a"), world.client("med_b"), world.client("ref_a")
    coord = world.client("coord_95")
    before = datetime.now(UTC) - timedelta(seconds=5)
    op = med_a.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a))
    r = med_a.push_raw(
        [op], client_report={"pending": 3, "parked": 1, "app_version": "0.1.0-rapport"}
    )
    assert r.status_code == 200, r.text
    # Pull reports count on the last page only: a page with more to come changes nothing.
    for _ in range(2):
        med_b.push1(med_b.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_b)))
    r = med_b.pull_raw("", limit=1, pending=7, parked=0)
    assert r.status_code == 200 and r.json()["has_more"], r.text
    mid = _by_client(_health(coord).json())[med_b.client_id]
    assert mid["pending"] is None  # pushes without a report leave the figures unknown
    med_b.cursor = r.json()["next_cursor"]
    while True:
        r = med_b.pull_raw(med_b.cursor, pending=0, parked=2)
        assert r.status_code == 200, r.text
        med_b.cursor = r.json()["next_cursor"]
        if not r.json()["has_more"]:
            break

    r = _health(coord)
    assert r.status_code == 200, r.text
    body = r.json()
    devices = _by_client(body)
    assert body["stale_after_days"] == 14
    # The département's mediators and referents, not the coordinator's own laptop.
    assert set(devices) == {med_a.client_id, med_b.client_id, ref_a.client_id}
    a = devices[med_a.client_id]
    assert (a["pending"], a["parked"], a["app_version"]) == (3, 1, "0.1.0-rapport")
    assert a["flags"] == ["parked_changes"]
    assert a["display_name"] == "Utilisatrice de test" and a["device_name"] == "Poste de test"
    assert a["structure_name"] == "Collège Jean Moulin" and a["role"] == "mediator"
    assert datetime.fromisoformat(a["last_sync_at"]) >= before
    b = devices[med_b.client_id]
    assert (b["pending"], b["parked"], b["flags"]) == (0, 2, ["parked_changes"])
    assert b["structure_name"] == "Centre social Les Tilleuls"
    # The referent registered but never pushed nor finished a pull.
    ref = devices[ref_a.client_id]
    assert ref["last_sync_at"] is None and ref["flags"] == ["no_recent_sync"]
    assert ref["role"] == "family_referent"
    # No family data anywhere in the answer.
    assert "Fatou" not in r.text and "phone" not in r.text


def test_scope_and_roles(world: World) -> None:
    med_a = world.client("med_a")
    coord_13 = world.client("coord_13")
    admin = world.client("admin")
    assert _health(med_a).status_code == 403
    assert _health(world.client("ref_a")).status_code == 403
    assert _health(coord_13).json()["devices"] == []  # nobody of the 13 has synced
    everyone = _by_client(_health(admin).json())
    assert {med_a.client_id, coord_13.client_id, admin.client_id} <= set(everyone)
    anonymous = med_a.session.get(
        f"{med_a.base_url}/coordination/v1/sync-health",
        headers={"Authorization": ""},
        timeout=30,
    )
    assert anonymous.status_code == 401


def test_old_clients_and_stale_flag(world: World) -> None:
    med_a = world.client("med_a")
    coord = world.client("coord_95")
    # An old client: no report in the push, no counts on the pull; both still work.
    assert med_a.push1(med_a.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a)))[
        "status"
    ] in ("applied", "merged")
    med_a.pull_all()
    row = _by_client(_health(coord).json())[med_a.client_id]
    assert row["last_sync_at"] is not None and row["flags"] == []
    assert row["pending"] is None and row["parked"] is None
    # Silent for 20 days: flagged.
    with world.server.db.write() as conn:
        conn.execute(
            sa.update(models.sync_client)
            .where(models.sync_client.c.client_id == uuid.UUID(med_a.client_id))
            .values(last_sync_at=datetime.now(UTC) - timedelta(days=20))
        )
    row = _by_client(_health(coord).json())[med_a.client_id]
    assert row["flags"] == ["no_recent_sync"]


def test_report_values_are_checked(world: World) -> None:
    med_a = world.client("med_a")
    r = med_a.push_raw([], client_report={"pending": -1})
    assert r.status_code == 422
    r = med_a.pull_raw("", parked=-3)
    assert r.status_code == 422
