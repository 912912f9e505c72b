"""Per-field bounds of pushed rows (``mediator_app.core.limits``), over real HTTP.

An op that passes a bound is one ``rejected`` result with a French message per field; the
other ops of the batch go through, and nothing of the refused op is stored."""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any

import requests

from mediator_app.core import limits
from tests.server.helpers import PROTOCOL, VERSIONS, Client, World, workshop_data


def _rejected(res: dict[str, Any], field: str, words: str) -> None:
    assert res["status"] == "rejected", res
    assert res["message_key"] == "validation"
    assert words in res["errors"][field], res["errors"]


def _handout(world: World, **over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "nature": "loan",
        "device_ids": [str(uuid.uuid4())],
        "handed_at": "2026-03-12T10:00:00+01:00",
        "structure_id": str(world.structure_a),
    }
    data.update(over)
    return data


def test_strings_are_bounded(world: World) -> None:
    c = world.client("med_a")
    ok, long_title = uuid.uuid4(), uuid.uuid4()
    res = c.push(
        c.op("workshop", ok, set=workshop_data(world.structure_a, title="t" * limits.MAX_TEXT)),
        c.op(
            "workshop",
            long_title,
            set=workshop_data(world.structure_a, title="t" * (limits.MAX_TEXT + 1)),
        ),
    )
    assert res[0]["status"] == "applied"
    _rejected(res[1], "title", "Texte trop long (au plus 2\u202f000 caractères)")
    # The long free-text fields take the larger, documented bound.
    notes = "n" * limits.MAX_LONG_TEXT
    res = c.push(
        c.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a, notes=notes)),
        c.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a, notes=notes + "n")),
    )
    assert res[0]["status"] == "applied"
    _rejected(res[1], "notes", "Texte trop long")
    c.pull_all()
    assert c.row("workshop", ok) is not None
    assert c.row("workshop", long_title) is None


def test_signature_is_bounded_and_an_integer_is_refused_without_allocating(
    world: World,
) -> None:
    c = world.client("med_a")
    too_big = base64.b64encode(b"\x89PNG" + b"\0" * limits.MAX_BYTES).decode()
    res = c.push(
        c.op("handout", uuid.uuid4(), set=_handout(world, signature_png=300_000_000)),
        c.op("handout", uuid.uuid4(), set=_handout(world, signature_png=too_big)),
        c.op("handout", uuid.uuid4(), set=_handout(world, signature_png=[1, 2, 3])),
    )
    _rejected(res[0], "signature_png", "Valeur invalide")
    _rejected(res[1], "signature_png", "Image trop volumineuse (au plus 200 ko)")
    _rejected(res[2], "signature_png", "Valeur invalide")


def test_lists_are_bounded(world: World) -> None:
    c = world.client("med_a")
    many = [str(uuid.uuid4()) for _ in range(limits.MAX_LIST_ITEMS + 1)]
    res = c.push(
        c.op("handout", uuid.uuid4(), set=_handout(world, device_ids=many)),
        c.op(
            "workshop",
            uuid.uuid4(),
            set=workshop_data(world.structure_a, tags=["x"] * (limits.MAX_LIST_ITEMS + 1)),
        ),
        c.op(
            "workshop",
            uuid.uuid4(),
            set=workshop_data(world.structure_a, tags=["x" * (limits.MAX_ITEM_TEXT + 1)]),
        ),
    )
    _rejected(res[0], "device_ids", "Trop d’éléments dans la liste (au plus 100)")
    _rejected(res[1], "tags", "Trop d’éléments")
    _rejected(res[2], "tags", "Texte trop long (au plus 200 caractères)")


def test_integers_are_bounded_to_what_the_database_holds(world: World) -> None:
    c = world.client("med_a")
    wid = uuid.uuid4()
    assert c.push1(c.op("workshop", wid, set=workshop_data(world.structure_a)))["status"] == (
        "applied"
    )
    res = c.push(
        c.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a, capacity=2**31)),
        c.op(
            "anonymous_counts",
            uuid.uuid4(),
            set={"workshop_id": str(wid), "total": 10**30},
        ),
        c.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a, capacity=-(2**40))),
    )
    for r in res:
        assert r["status"] == "rejected" and r["message_key"] == "validation", r
    assert "Nombre hors des limites" in res[1]["errors"]["total"]


def test_too_many_fields_and_unknown_fields_are_bounded(world: World) -> None:
    c = world.client("med_a")
    crowded = workshop_data(world.structure_a, **{f"extra_{i}": 1 for i in range(100)})
    huge_unknown = workshop_data(world.structure_a, from_a_newer_client="x" * 30_000)
    fine_unknown = workshop_data(world.structure_a, from_a_newer_client={"a": [1, "b"]})
    res = c.push(
        c.op("workshop", uuid.uuid4(), set=crowded),
        c.op("workshop", uuid.uuid4(), set=huge_unknown),
        c.op("workshop", uuid.uuid4(), set=fine_unknown),
    )
    _rejected(res[0], "", "Trop de champs")
    _rejected(res[1], "from_a_newer_client", "Texte trop long")
    assert res[2]["status"] == "applied"  # unknown fields stay ignored, not errors


def test_nul_characters_in_any_pushed_string_are_refused(world: World) -> None:
    """PostgreSQL cannot store NUL: refused per op on both databases, never a 500."""
    c = world.client("med_a")
    s = world.structure_a
    ok = uuid.uuid4()
    res = c.push(
        c.op("workshop", uuid.uuid4(), set=workshop_data(s, title="Café\x00")),
        c.op("workshop", uuid.uuid4(), set=workshop_data(s, tags=["a\x00"])),
        c.op(
            "participant",
            uuid.uuid4(),
            set={"first_name": "Awa", "structure_id": str(s), "children": [{"first_name": "\0"}]},
        ),
        c.op("workshop", uuid.uuid4(), set=workshop_data(s, unknown_field="\x00")),
        c.op("workshop", uuid.uuid4(), set=workshop_data(s, **{"bad\x00name": 1})),
        c.op(
            "workshop",
            uuid.uuid4(),
            "update",
            {"title": "Nouveau"},
            base_version=1,
            base={"title": "\x00"},
        ),
        c.op("workshop", ok, set=workshop_data(s)),
    )
    _rejected(res[0], "title", "Caractère invalide")
    _rejected(res[1], "tags", "Caractère invalide")
    _rejected(res[2], "children", "Caractère invalide")
    _rejected(res[3], "unknown_field", "Caractère invalide")
    _rejected(res[4], "", "Nom de champ invalide")
    _rejected(res[5], "base.title", "Caractère invalide")
    assert res[6]["status"] == "applied"


def _raw_push(c: Client, ops_json: str) -> requests.Response:
    """A push whose ``ops`` are given as JSON text (to hold what ``json.dumps`` escapes)."""
    head = json.dumps({"client_id": c.client_id, "batch_id": "raw", **VERSIONS})
    return c.session.post(
        f"{c.base_url}/sync/v1/push",
        data=(head[:-1] + ', "ops": ' + ops_json + "}").encode(),
        headers={"Content-Type": "application/json"},
        timeout=30,
    )


def test_lone_surrogates_are_refused_per_op(world: World) -> None:
    c = world.client("med_a")
    bad = c.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a, title="@@"))
    good = c.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a))
    ops_json = json.dumps([bad, good]).replace("@@", "caf\\udce9")
    r = _raw_push(c, ops_json)
    assert r.status_code == 200, r.text
    res = r.json()["results"]
    _rejected(res[0], "title", "Caractère invalide")
    assert res[1]["status"] == "applied"
    # The same op sent again is the stored refusal, not a second judgement (nor a 500).
    again = _raw_push(c, ops_json).json()["results"][0]
    assert again["status"] == "duplicate" and again["replayed_status"] == "rejected"


def test_nul_and_surrogates_outside_ops_are_422(world: World) -> None:
    c = world.client("med_a")
    base = world.server.base_url
    for body in (
        '{"email": "med_a\\u0000@test.tne.fr", "password": "x"}',
        '{"email": "med_a\\ud800@test.tne.fr", "password": "x"}',
        '{"email": "med_a@test.tne.fr", "password": "x", "device_id": "pc\\u0000"}',
    ):
        r = requests.post(
            f"{base}/auth/login",
            data=body.encode(),
            headers={"Content-Type": "application/json"},
            timeout=30,
        )
        assert r.status_code == 422, (body, r.text)
        assert r.json()["detail"].startswith("Requête invalide")
    for device in (
        {"device_id": c.device_id, "device_name": "PC\x00"},
        {"device_id": c.device_id, "device_name": "PC", "app_version": "1\x00"},
    ):
        r = c.session.post(f"{base}/sync/v1/devices", json={**VERSIONS, **device}, timeout=30)
        assert r.status_code == 422, r.text
    assert c.push_raw([], batch_id="b\x00").status_code == 422
    r = c.push_raw([], client_report={"pending": 1, "app_version": "\x00"})
    assert r.status_code == 422
    assert c.push_raw([c.op("work\x00shop", uuid.uuid4())]).status_code == 422
    r = c.pull_raw("", app_version="1\x00")
    assert r.status_code == 422 and "Requête invalide" in r.json()["detail"]


def _cursor(epoch: str, seq: Any, scope: str) -> str:
    raw = json.dumps({"epoch": epoch, "seq": seq, "scope": scope}).encode()
    return base64.urlsafe_b64encode(raw).decode()


def test_a_cursor_beyond_the_seq_column_is_400(world: World) -> None:
    c = world.client("med_a")
    real = c.pull_raw().json()["next_cursor"]
    data = json.loads(base64.urlsafe_b64decode(real + "==="))
    for seq in (10**30, 2**63, -1, 1.5, "12"):
        r = c.pull_raw(_cursor(data["epoch"], seq, data["scope"]))
        assert r.status_code == 400, (seq, r.text)
        assert r.json()["detail"] == "Curseur de synchronisation invalide."
    r = c.pull_raw(_cursor(data["epoch"], 2**63 - 1, data["scope"]))
    assert r.status_code == 200 and r.json()["changes"] == []


def test_batch_and_page_sizes_are_bounded(world: World) -> None:
    c = world.client("med_a")
    ops = [c.op("workshop", uuid.uuid4(), set=workshop_data(world.structure_a))] * 201
    r = c.push_raw(ops)
    assert r.status_code == 413 and "au plus 200" in r.json()["detail"]
    # Before authentication too: counting the ops needs no token.
    body = {"client_id": c.client_id, **VERSIONS, "ops": ops}
    r = requests.post(f"{c.base_url}/sync/v1/push", json=body, headers=PROTOCOL, timeout=30)
    assert r.status_code == 413
    assert c.pull_raw(limit=2001).status_code == 422
    assert c.pull_raw(limit=2000).status_code == 200
