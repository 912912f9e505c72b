"""Authorisation matrix: every role x every entity x push and pull."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from mediator_app.core.entities import DEPARTMENT_ENTITIES, ENTITIES, REFERENCE_ENTITIES
from mediator_app.core.wire import IDENTIFYING_FIELDS
from tests.server.helpers import Client, World, participant_data, workshop_data

ACTIVITY = sorted(set(ENTITIES) - REFERENCE_ENTITIES - DEPARTMENT_ENTITIES - {"sync_conflict"})
REFUSED = ("forbidden", "review_forbidden")


def _payload(entity: str, w: World, parents: dict[str, str]) -> dict[str, Any]:
    a = str(w.structure_a)
    x = uuid.uuid4().hex[:8]
    return {
        "workshop": workshop_data(a),
        "anonymous_counts": {"workshop_id": parents["workshop"], "total": 3},
        "participant": participant_data(a),
        "registration": {"workshop_id": parents["workshop"], "contact_name": "Awa Koné"},
        "attendance": {
            "workshop_id": parents["workshop"],
            "participant_id": parents["participant"],
        },
        "device": {"serial_number": f"SN-{x}", "asset_tag": f"TNE-{x}", "owner_structure_id": a},
        "connectivity_line": {"operator": "Orange", "structure_id": a},
        "handout": {
            "nature": "gift",
            "guardian_id": parents["participant"],
            "device_ids": [parents["device"]],
            "handed_at": "2026-03-12T10:00:00+01:00",
            "structure_id": a,
        },
        "sync_conflict": {"entity": "workshop", "row_id": parents["workshop"]},
        "department": {"code": "95", "name": "Val-d'Oise bis"},
        "structure": {"name": f"Lieu proposé {x}", "department_code": "95", "proposed": True},
        "actor": {"display_name": "Quelqu'un", "department_code": "95"},
        "agreement_template": {"title": "Convention", "text": "Texte", "department_code": "95"},
        "resource": {"title": "Mallette de la coéducation"},
        "partnership": {
            "school_year": "2025-2026",
            "partner_structure_id": a,
            "department_code": "95",
        },
        "partnership_instalment": {
            "partnership_id": str(uuid.uuid4()),
            "partner_structure_id": a,
            "department_code": "95",
            "due_on": "2025-10-01",
            "amount_cents": 1000,
        },
        "school_target": {
            "school_year": "2025-2026",
            "uai": "0951399E",
            "school_id": a,
            "department_code": "95",
        },
    }[entity]


@pytest.fixture
def seeded(world: World) -> tuple[World, dict[str, str]]:
    med = world.client("med_a")
    wid, pid, did = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    res = med.push(
        med.op("workshop", wid, set=workshop_data(world.structure_a)),
        med.op("participant", pid, set=participant_data(world.structure_a)),
        med.op(
            "device",
            did,
            set={
                "serial_number": "SN-P",
                "asset_tag": "TNE-P",
                "owner_structure_id": str(world.structure_a),
            },
        ),
    )
    assert all(r["status"] == "applied" for r in res), res
    return world, {"workshop": str(wid), "participant": str(pid), "device": str(did)}


def _expected_create(who: str, entity: str) -> bool:
    if who == "admin":
        return True
    if who in ("med_a", "ref_a"):
        return entity in ACTIVITY or entity == "structure"
    if who == "med_b":
        return entity == "structure"  # a proposed place in the same département
    if who == "coord_95":
        return entity in DEPARTMENT_ENTITIES  # the département's programme
    return False  # another département's coordinator creates nothing here


@pytest.mark.parametrize("who", ["med_a", "ref_a", "med_b", "coord_95", "coord_13", "admin"])
def test_push_create_matrix(seeded: tuple[World, dict[str, str]], who: str) -> None:
    world, parents = seeded
    c = world.client(who)
    for entity in sorted(ENTITIES):
        res = c.push1(c.op(entity, uuid.uuid4(), set=_payload(entity, world, parents)))
        forbidden = res["status"] == "rejected" and res["message_key"] == "forbidden"
        assert forbidden != _expected_create(who, entity), (who, entity, res)
        if not forbidden:
            assert res["status"] in ("applied", "merged"), (who, entity, res)


@pytest.mark.parametrize("who", ["med_a", "ref_a", "med_b", "coord_95", "coord_13", "admin"])
def test_push_update_and_delete_matrix(seeded: tuple[World, dict[str, str]], who: str) -> None:
    world, parents = seeded
    c = world.client(who)
    wid = parents["workshop"]
    review = c.push1(
        c.op("workshop", wid, "update", {"review_status": "validated"}, base_version=1)
    )
    title = c.push1(c.op("workshop", wid, "update", {"notes": f"par {who}"}, base_version=1))
    # The review decision is the coordinators' (core.rules.review_write_allowed).
    can_review = who in ("coord_95", "admin")
    can_edit = who in ("med_a", "ref_a", "admin")
    assert (review["message_key"] not in REFUSED) == can_review, (who, review)
    assert (title["message_key"] != "forbidden") == can_edit, (who, title)
    delete = c.push1(c.op("participant", parents["participant"], "delete", base_version=1))
    assert (delete["message_key"] != "forbidden") == can_edit, (who, delete)
    structure = c.push1(
        c.op("structure", world.structure_a, "update", {"proposed": False}, base_version=1)
    )
    assert (structure["message_key"] != "forbidden") == (who in ("coord_95", "admin")), (
        who,
        structure,
    )


@pytest.mark.parametrize("who", ["med_a", "ref_a", "med_b", "coord_95", "coord_13", "admin"])
def test_pull_matrix(seeded: tuple[World, dict[str, str]], who: str) -> None:
    world, parents = seeded
    c: Client = world.client(who)
    c.pull_all()
    mine = {(e, i) for (e, i) in c.state}
    sees_activity = who in ("med_a", "ref_a", "coord_95", "admin")
    for entity in ("workshop", "participant", "device"):
        assert ((entity, parents[entity]) in mine) == sees_activity, (who, entity)
    structures = {i for (e, i) in mine if e == "structure"}
    assert (str(world.structure_a) in structures) == (who != "coord_13")
    assert (str(world.structure_c) in structures) == (who in ("coord_13", "admin"))
    assert (
        "department",
        str(uuid.uuid5(uuid.UUID("5b0f3a52-4f4e-4c8e-9a55-7e1d0c2b9a10"), "department:95")),
    ) in mine or who == "coord_13"
    digest = c.digest()
    assert digest["entities"]["workshop"]["count"] == sum(1 for (e, _) in mine if e == "workshop")


@pytest.mark.parametrize("reader", ["coord_95", "admin"])
def test_coordinator_and_national_pulls_have_no_identifiers(
    seeded: tuple[World, dict[str, str]], reader: str
) -> None:
    """The département's coordinator and the national team get figures, not families."""
    world, parents = seeded
    med = world.client("med_a")
    med.push1(
        med.op(
            "registration",
            uuid.uuid4(),
            set={
                "workshop_id": parents["workshop"],
                "contact_name": "Awa Koné",
                "contact_phone": "+33698765432",
            },
        )
    )
    med.push1(
        med.op(
            "connectivity_line",
            uuid.uuid4(),
            set={
                "operator": "Orange",
                "iccid": "8933150319000012345",
                "line_number": "+33700000001",
                "structure_id": str(world.structure_a),
            },
        )
    )
    coord = world.client(reader)
    changes = coord.pull_all()
    text = json.dumps(changes, ensure_ascii=False)
    for secret in (
        "Fatou",
        "Diallo",
        "+33612345678",
        "fatou.diallo@example.org",
        "Awa Koné",
        "+33698765432",
        "8933150319000012345",
        "+33700000001",
    ):
        assert secret not in text
    for ch in changes:
        for name in IDENTIFYING_FIELDS.get(ch["entity"], ()):
            assert ch["data"][name] in ("", None, []), (ch["entity"], name)
    participant = coord.row("participant", parents["participant"])
    assert participant is not None and participant["data"]["structure_id"] == str(world.structure_a)
    # The mediator of the structure does see them.
    med.pull_all()
    assert med.row("participant", parents["participant"])["data"]["last_name"] == "Diallo"
