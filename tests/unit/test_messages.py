"""The typed messages of the sync protocol (docs/protocol.md): round trips, strict reading,
the server's response models built from them, and no pydantic on the client's import path."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import uuid
from typing import Any

import pytest

from mediator_app.core.messages import (
    Change,
    ClientReport,
    ConflictRef,
    DeviceRegistration,
    DigestAnswer,
    EntityDigest,
    MessageError,
    OpOutcome,
    PullPage,
    PushRequest,
    PushResponse,
    SnapshotPage,
)
from mediator_app.core.wire import Op, OpKind, OpStatus
from mediator_app.sync.api_client import MalformedAnswerError
from mediator_app.sync.engine import SyncEngine

OP = Op(
    op_id=uuid.uuid4(),
    client_seq=1812,
    entity="workshop",
    row_id=uuid.uuid4(),
    kind=OpKind.UPDATE,
    base_version=1,
    base={"date": "2026-03-12"},
    set={"date": "2026-03-15", "title": "Café des parents : Pronote"},
    client_time="2026-03-12T10:15:03+01:00",
)
MERGED = OpOutcome(
    op_id=OP.op_id,
    status=OpStatus.MERGED,
    row_id=OP.row_id,
    version=3,
    seq=90871,
    message_key="field_conflict",
    conflicts=(ConflictRef(uuid.uuid4(), "date", "server_kept"),),
)
REPLAYED = OpOutcome(
    op_id=uuid.uuid4(),
    status=OpStatus.DUPLICATE,
    row_id=uuid.uuid4(),
    message_key="validation",
    errors={"title": "Donnez un titre à l’atelier."},
    replayed_status=OpStatus.REJECTED,
)
CHANGE = Change(
    seq=90871,
    tx_seq=90870,
    entity="workshop",
    id=uuid.uuid4(),
    version=3,
    deleted=False,
    data={"title": "Café des parents : Pronote", "date": "2026-03-12"},
)
MESSAGES: list[Any] = [
    OP,
    PushRequest(
        client_id=uuid.uuid4(),
        batch_id="b-1",
        app_version="0.1.0",
        schema_version=1,
        ops=(OP,),
        client_report=ClientReport(pending=3, parked=1, app_version="0.1.0"),
    ),
    PushResponse(server_time="2026-03-12T09:15:04+00:00", last_client_seq=1812, results=()),
    PushResponse(
        server_time="2026-03-12T09:15:04+00:00", last_client_seq=1812, results=(MERGED, REPLAYED)
    ),
    PullPage(
        changes=(CHANGE,),
        next_cursor="ZmFrZQ",
        has_more=True,
        server_time="2026-03-12T09:15:05+00:00",
        epoch="a5907b8c",
    ),
    DigestAnswer(
        seq=90871,
        cursor="ZmFrZQ",
        entities={"workshop": EntityDigest(25, 20, "4466317295043750894")},
    ),
    DeviceRegistration(uuid.uuid4(), "a5907b8c", "2026-03-12T09:15:03+00:00", 1),
]


@pytest.mark.parametrize("message", MESSAGES, ids=lambda m: type(m).__name__)
def test_round_trip_through_json_text(message: Any) -> None:
    body = json.loads(json.dumps(message.to_json()))
    assert type(message).from_json(body) == message


def test_keys_a_message_does_not_know_are_ignored() -> None:
    body = MERGED.to_json() | {"new_in_protocol_3": {"x": 1}}
    assert OpOutcome.from_json(body) == MERGED


def test_a_replay_acts_on_the_first_decision() -> None:
    assert REPLAYED.decided is OpStatus.REJECTED
    assert MERGED.decided is OpStatus.MERGED


def _broken(body: dict[str, Any], path: list[Any], value: Any) -> dict[str, Any]:
    out = copy.deepcopy(body)
    target: Any = out
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return out


PAGE = MESSAGES[4].to_json()
PUSHED = MESSAGES[3].to_json()
DIGEST = MESSAGES[5].to_json()


@pytest.mark.parametrize(
    ("cls", "body", "path", "value", "where"),
    [
        (PullPage, PAGE, ["next_cursor"], KeyError, "PullPage.next_cursor"),
        (PullPage, PAGE, ["next_cursor"], "", "PullPage.next_cursor"),
        (PullPage, PAGE, ["has_more"], "yes", "PullPage.has_more"),
        (PullPage, PAGE, ["changes"], {"0": {}}, "PullPage.changes"),
        (PullPage, PAGE, ["changes", 0, "version"], True, "PullPage.changes[0].version"),
        (PullPage, PAGE, ["changes", 0, "version"], "3", "PullPage.changes[0].version"),
        (PullPage, PAGE, ["changes", 0, "seq"], -1, "PullPage.changes[0].seq"),
        (PullPage, PAGE, ["changes", 0, "id"], "pas-un-uuid", "PullPage.changes[0].id"),
        (PullPage, PAGE, ["changes", 0, "data"], None, "PullPage.changes[0].data"),
        (PushResponse, PUSHED, ["results"], KeyError, "PushResponse.results"),
        (PushResponse, PUSHED, ["results", 0, "status"], "peut-être", "PushResponse.results[0]"),
        (PushResponse, PUSHED, ["results", 0, "op_id"], None, "PushResponse.results[0].op_id"),
        (PushResponse, PUSHED, ["results", 1, "errors"], {"title": 3}, "PushResponse.results[1]"),
        (PushResponse, PUSHED, ["results", 0, "conflicts", 0, "field"], None, "PushResponse"),
        (DigestAnswer, DIGEST, ["cursor"], KeyError, "DigestAnswer.cursor"),
        (DigestAnswer, DIGEST, ["entities", "workshop", "hash"], 4466, "DigestAnswer.entities"),
        (DigestAnswer, DIGEST, ["entities", "workshop", "hash"], "abc", "DigestAnswer.entities"),
    ],
)
def test_a_malformed_answer_is_a_message_error_saying_where(
    cls: Any, body: dict[str, Any], path: list[Any], value: Any, where: str
) -> None:
    with pytest.raises(MessageError) as err:
        cls.from_json(_broken(body, path, value))
    assert err.value.where.startswith(where)


@pytest.mark.parametrize("body", [None, [], "ok", 3])
def test_an_answer_that_is_not_an_object(body: Any) -> None:
    for cls in (PushResponse, PullPage, DigestAnswer, DeviceRegistration):
        with pytest.raises(MessageError):
            cls.from_json(body)


def test_an_op_reads_back_strictly() -> None:
    assert Op.from_json(OP.to_json()) == OP
    with pytest.raises(MessageError):
        Op.from_json({**OP.to_json(), "kind": "upsert"})
    with pytest.raises(MessageError):
        Op.from_json({**OP.to_json(), "client_seq": "1812"})


def test_the_server_answers_are_built_from_the_messages() -> None:
    """What the routes serialise is exactly the message's JSON (nothing lost or renamed)."""
    from tne_api.schemas import DeviceOut, DigestOut, PullOut, PushOut

    for model, message in (
        (PushOut, MESSAGES[3]),
        (PullOut, MESSAGES[4]),
        (DigestOut, MESSAGES[5]),
        (DeviceOut, MESSAGES[6]),
    ):
        dumped = model.from_message(message).model_dump(mode="json")
        assert type(message).from_json(dumped) == message
        # And it is what the response model itself accepts (the OpenAPI schema is right).
        assert model.model_validate(dumped).model_dump(mode="json") == dumped


def test_no_pydantic_on_the_client_import_path() -> None:
    code = (
        "import sys, mediator_app.app, mediator_app.sync.engine, mediator_app.core.messages;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('pydantic', 'fastapi', 'tne_api')];"
        "assert not bad, bad"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr


def _snapshot_page(rows: list[Any]) -> dict[str, Any]:
    return {
        "entity": "attendance",
        "columns": ["workshop_id", "present"],
        "rows": rows,
        "snapshot": "tok",
        "next_after": None,
        "has_more": False,
        "epoch": "e",
    }


def test_snapshot_rows_read_inline_as_pull_changes() -> None:
    a, w = uuid.uuid4(), uuid.uuid4()
    page = SnapshotPage.from_json(
        _snapshot_page([[str(a), 3, False, str(w), True], [a.hex.upper(), 0, True, None, None]])
    )
    first, second = page.changes
    assert (first.id, first.version, first.deleted) == (a, 3, False)
    assert first.data == {"workshop_id": str(w), "present": True}
    assert (first.seq, first.tx_seq, first.entity) == (0, 0, "attendance")
    assert (second.id, second.version, second.deleted) == (a, 0, True)  # any form of id
    assert page.to_json()["rows"][0] == [str(a), 3, False, str(w), True]


@pytest.mark.parametrize(
    ("row", "where"),
    [
        (["not-an-id", 1, False, None, None], "SnapshotPage.rows[0][0]"),
        ([7, 1, False, None, None], "SnapshotPage.rows[0][0]"),
        (["{id}", -1, False, None, None], "SnapshotPage.rows[0][1]"),
        (["{id}", True, False, None, None], "SnapshotPage.rows[0][1]"),
        (["{id}", 1, 0, None, None], "SnapshotPage.rows[0][2]"),
        (["{id}", 1, False, None], "SnapshotPage.rows[0]"),
        ({"id": "{id}"}, "SnapshotPage.rows[0]"),
    ],
)
def test_snapshot_rows_out_of_form_are_refused_with_where(row: Any, where: str) -> None:
    if isinstance(row, list) and row and row[0] == "{id}":
        row = [str(uuid.uuid4()), *row[1:]]
    with pytest.raises(MessageError) as exc:
        SnapshotPage.from_json(_snapshot_page([row]))
    assert where in str(exc.value)


def test_a_snapshot_page_naming_a_column_twice_is_refused() -> None:
    body = _snapshot_page([[str(uuid.uuid4()), 1, False, None, None]])
    body["columns"] = ["present", "present"]
    with pytest.raises(MessageError) as exc:
        SnapshotPage.from_json(body)
    assert "SnapshotPage.columns" in str(exc.value)


@pytest.mark.parametrize(
    ("change", "asked", "token", "after"),
    [
        ({"has_more": True, "rows": [], "next_after": "{id}"}, "attendance", "tok", None),
        ({}, "workshop", "tok", None),
        ({}, "attendance", "another", None),
        ({"has_more": True, "next_after": "{low}"}, "attendance", "tok", "{high}"),
    ],
    ids=["empty-with-more", "other-entity", "other-snapshot", "not-forward"],
)
def test_a_snapshot_page_that_does_not_continue_the_ask_is_refused(
    change: dict[str, Any], asked: str, token: str, after: str | None
) -> None:
    low, high = sorted([uuid.uuid4(), uuid.uuid4()])
    ids = {"{id}": str(uuid.uuid4()), "{low}": str(low), "{high}": str(high)}
    body = _snapshot_page([[str(uuid.uuid4()), 1, False, None, None]])
    body.update({k: ids.get(v, v) if isinstance(v, str) else v for k, v in change.items()})
    page = SnapshotPage.from_json(body)
    with pytest.raises(MalformedAnswerError):
        SyncEngine._check_snapshot_page(page, asked, token, ids.get(after or "", after))
    good = SnapshotPage.from_json(_snapshot_page([[str(high), 1, False, None, None]]))
    SyncEngine._check_snapshot_page(good, "attendance", "tok", str(low))  # continues: fine


def test_a_snapshot_page_may_name_the_entities_with_rows_within_bounds() -> None:
    page = SnapshotPage.from_json({**_snapshot_page([]), "entities": ["workshop", "actor"]})
    assert page.entities == ("workshop", "actor")
    assert page.to_json()["entities"] == ["workshop", "actor"]
    older = SnapshotPage.from_json(_snapshot_page([]))  # a server that does not say
    assert older.entities is None and "entities" not in older.to_json()
    for bad, said in (
        ("workshop", "a list"),
        ([7], "SnapshotPage.entities[0]"),
        (["x" * 65], "longer than 64"),
        (["workshop"] * 257, "more than 256"),
    ):
        with pytest.raises(MessageError) as exc:
            SnapshotPage.from_json({**_snapshot_page([]), "entities": bad})
        assert said in str(exc.value), (bad, str(exc.value))
