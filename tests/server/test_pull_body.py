"""The pull page's body (``SyncService.pull_json``, written in one pass from the rows' wire
lists) against the page model it replaced on the wire: ``PullOut`` over ``SyncService.pull``,
byte for byte, and every change's values against ``codec.row_to_wire`` over the stored row,
for each role (coordinators' stripped fields stay stripped)."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from tests.server.helpers import Client, World, participant_data, workshop_data
from tne_api import models
from tne_api.codec import row_to_wire
from tne_api.principal import strips_identifiers
from tne_api.schemas import PullOut

ODD = 'Zoë « l’Ïle » "quote" \\ back / slash 😀 ß'


def _seed(world: World) -> None:
    med = world.client("med_a")
    other = world.client("med_b")
    wid = uuid.uuid4()
    med.push1(med.op("workshop", wid, "create", workshop_data(world.structure_a, title=ODD)))
    for i in range(5):
        med.push1(
            med.op(
                "participant",
                uuid.uuid4(),
                "create",
                participant_data(world.structure_a, first_name=f"{ODD} {i}", phone=None),
            )
        )
        other.push1(
            other.op("participant", uuid.uuid4(), "create", participant_data(world.structure_b))
        )
    # Two devices edit the same field from the same base: a conflict item to pull.
    twin = world.new_client("med_a")
    med.push1(med.op("workshop", wid, "update", {"notes": "première"}, base_version=1))
    twin.push1(twin.op("workshop", wid, "update", {"notes": f"seconde {ODD}"}, base_version=1))
    dead = uuid.uuid4()
    med.push1(med.op("participant", dead, "create", participant_data(world.structure_a)))
    med.push1(med.op("participant", dead, "delete", base_version=1))


def _without_time(body: bytes) -> bytes:
    head, _, rest = body.partition(b'"server_time":"')
    return head + b'"server_time":"' + rest.partition(b'"')[2]


def test_the_pull_body_is_the_page_model_byte_for_byte(world: World) -> None:
    _seed(world)
    server = world.server
    for who in ("med_a", "ref_a", "coord_95", "coord_13", "admin"):
        c: Client = world.new_client(who)
        p = server.auth.authenticate(c.session.headers["Authorization"].split()[1])
        cursor, pages, seen = "", 0, 0
        while True:
            r = c.pull_raw(cursor, limit=3)
            assert r.status_code == 200, r.text
            model = PullOut.from_message(
                server.sync.pull(p, uuid.UUID(c.client_id), cursor or None, 3)
            ).model_dump_json()
            assert _without_time(r.content) == _without_time(model.encode()), who
            body = r.json()
            with server.db.read() as conn:
                for ch in body["changes"]:
                    table = models.SYNCED[ch["entity"]]
                    row = (
                        conn.execute(sa.select(table).where(table.c.id == uuid.UUID(ch["id"])))
                        .mappings()
                        .one()
                    )
                    expected: dict[str, Any] = row_to_wire(
                        ch["entity"], row, stripped=strips_identifiers(p)
                    )
                    assert ch["data"] == expected, (who, ch["entity"])
                    assert (ch["version"], ch["deleted"]) == (row["version"], bool(row["deleted"]))
            pages += 1
            seen += len(body["changes"])
            cursor = body["next_cursor"]
            if not body["has_more"]:
                break
        assert pages > 1 and seen > 0, who
    coord = world.new_client("coord_95")
    pulled = coord.pull_all()
    firsts = [ch["data"]["first_name"] for ch in pulled if ch["entity"] == "participant"]
    assert firsts and all(f == "" for f in firsts)
    mine = world.new_client("med_a").pull_all()
    assert any(str(v).startswith(ODD) for ch in mine for v in ch["data"].values())
