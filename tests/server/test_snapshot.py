"""``GET /sync/v1/snapshot`` over HTTP (docs/protocol.md, « `GET /sync/v1/snapshot` »):
the same rows and values as a full pull, scoped and stripped the same way; bounded pages;
the token is a cursor (410 after a restore)."""

from __future__ import annotations

import uuid
from typing import Any

import requests

from mediator_app.core.messages import SnapshotPage
from mediator_app.core.wire import SNAPSHOT_PAGE_MAX
from tests.server.helpers import VERSIONS, Client, World, participant_data, workshop_data
from tne_api.db import new_epoch


def _snapshot(c: Client, entity: str, token: str = "", after: str | None = None, **q: Any) -> Any:
    params: dict[str, Any] = {"client_id": c.client_id, "entity": entity, "snapshot": token}
    if after:
        params["after"] = after
    return c.session.get(
        f"{c.base_url}/sync/v1/snapshot", params={**params, **VERSIONS, **q}, timeout=60
    )


def _all(c: Client, entity: str, limit: int) -> tuple[dict[str, dict[str, Any]], str]:
    rows: dict[str, dict[str, Any]] = {}
    token, after = "", None
    while True:
        r = _snapshot(c, entity, token, after, limit=limit)
        assert r.status_code == 200, r.text
        page = SnapshotPage.from_json(r.json())
        assert len(page.changes) <= limit
        token = page.snapshot
        for ch in page.changes:
            assert str(ch.id) not in rows  # never twice
            rows[str(ch.id)] = {"version": ch.version, "deleted": ch.deleted, **ch.data}
        if not page.has_more:
            return rows, token
        after = page.next_after


def _seed(world: World) -> None:
    med = world.client("med_a")
    other = world.client("med_b")
    for i in range(7):
        wid = uuid.uuid4()
        med.push1(
            med.op("workshop", wid, "create", workshop_data(world.structure_a, title=f"A{i}"))
        )
        if i == 3:
            med.push1(med.op("workshop", wid, "delete", base_version=1))
        med.push1(
            med.op("participant", uuid.uuid4(), "create", participant_data(world.structure_a))
        )
        other.push1(
            other.op("participant", uuid.uuid4(), "create", participant_data(world.structure_b))
        )


def _pulled(c: Client, entity: str) -> dict[str, dict[str, Any]]:
    return {
        ch["id"]: {"version": ch["version"], "deleted": ch["deleted"], **ch["data"]}
        for ch in c.pull_all()
        if ch["entity"] == entity
    }


def test_a_snapshot_holds_what_a_full_pull_holds(world: World) -> None:
    _seed(world)
    for who in ("med_a", "coord_95", "coord_13", "admin"):
        c = world.new_client(who)
        for entity in ("workshop", "participant", "structure"):
            rows, _token = _all(c, entity, limit=2)
            assert rows == _pulled(world.new_client(who), entity), (who, entity)
    coord = world.new_client("coord_95")
    people, _ = _all(coord, "participant", limit=5)
    assert len(people) == 14
    assert all(p["first_name"] == "" and p["phone"] is None for p in people.values())
    mine, _ = _all(world.new_client("med_a"), "participant", limit=5)
    assert len(mine) == 7 and all(p["first_name"] for p in mine.values())


def test_the_token_is_the_pull_cursor_and_pages_are_bounded(world: World) -> None:
    _seed(world)
    c = world.new_client("med_a")
    _rows, token = _all(c, "workshop", limit=3)
    # Nothing changed since the snapshot: the pull from its token is empty.
    body = c.pull_raw(token).json()
    assert body["changes"] == [] and body["has_more"] is False
    assert _snapshot(c, "workshop", limit=SNAPSHOT_PAGE_MAX + 1).status_code == 422
    empty = _snapshot(c, "no_such_entity").json()
    assert empty["rows"] == [] and empty["has_more"] is False
    assert _snapshot(c, "workshop", "not-a-cursor").status_code == 400
    new_epoch(world.server.db)
    gone = _snapshot(c, "workshop", token)
    assert gone.status_code == 410 and gone.json()["reason"] == "epoch_changed"


def test_a_snapshot_needs_a_token_and_the_protocol(world: World) -> None:
    c = world.client("med_a")
    url = f"{c.base_url}/sync/v1/snapshot"
    params = {"client_id": c.client_id, "entity": "workshop", **VERSIONS}
    assert requests.get(url, params=params, headers={"X-TNE-Protocol": "3"}).status_code == 401
    assert c.session.get(url, params=params, headers={"X-TNE-Protocol": "1"}).status_code == 426


def test_the_first_page_names_the_entities_with_rows_in_the_callers_scope(world: World) -> None:
    """The first page lists the entities a full pull of the caller brings at least one row
    of (tombstones too), and no other: another département's coordinator is told of no
    workshop or family of this one. Later pages do not repeat it."""
    _seed(world)
    lists = {}
    for who in ("med_a", "med_b", "coord_95", "coord_13", "admin"):
        c = world.new_client(who)
        first = _snapshot(c, "department")
        assert first.status_code == 200, first.text
        page = SnapshotPage.from_json(first.json())
        assert page.entities is not None
        pulled = {ch["entity"] for ch in world.new_client(who).pull_all()}
        assert set(page.entities) == pulled, who
        assert list(page.entities) == sorted(page.entities)
        later = _snapshot(c, "workshop", page.snapshot)
        assert later.status_code == 200 and "entities" not in later.json()
        lists[who] = set(page.entities)
    assert {"workshop", "participant"} <= lists["med_a"]
    assert "participant" in lists["med_b"] and "workshop" not in lists["med_b"]
    assert not {"workshop", "participant"} & lists["coord_13"]
