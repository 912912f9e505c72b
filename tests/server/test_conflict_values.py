"""What coordinators and the national team pull of a conflict item: its values only when
they hold no identifiers (``core.wire.conflict_values_shown``), the same through a pull
(``row_to_wire``) and a snapshot (``tuple_reader``)."""

from __future__ import annotations

import uuid

import pytest

from mediator_app.core.wire import spec_map
from tne_api.codec import row_to_wire, to_storage, tuple_reader, wire_columns

VALUES = ("base_value", "server_value", "client_value")


@pytest.mark.parametrize(
    ("entity", "field_name", "kind", "shown"),
    [
        ("workshop", "review_status", "field", True),
        ("partnership", "notes", "field", True),
        ("participant", "first_name", "field", False),
        ("handout", "device_ids", "unique", False),
    ],
)
def test_a_pull_and_a_snapshot_strip_a_conflict_alike(
    entity: str, field_name: str, kind: str, shown: bool
) -> None:
    wire = {
        "entity": entity,
        "row_id": str(uuid.uuid4()),
        "field_name": field_name,
        "kind": kind,
        "base_value": '"Aïcha"',
        "server_value": '"Aïcha Benali"',
        "client_value": '"Aïcha B."',
        "status": "resolved",
        "resolution": "client_applied",
        "op_id": str(uuid.uuid4()),
        "department_code": "95",
        "structure_id": str(uuid.uuid4()),
    }
    smap = spec_map("sync_conflict")
    columns = wire_columns("sync_conflict")
    row = {name: to_storage(smap[name], wire.get(name)) for name in columns}
    pulled = row_to_wire("sync_conflict", row, stripped=True)
    snapped = tuple_reader("sync_conflict", True)((uuid.uuid4(), 1, False, *row.values()))
    assert dict(zip(columns, snapped[3:], strict=True)) == pulled
    assert [pulled[v] for v in VALUES] == ([wire[v] for v in VALUES] if shown else ["", "", ""])
    # Everyone else (the structure's own laptops) pulls them whole.
    assert [row_to_wire("sync_conflict", row)[v] for v in VALUES] == [wire[v] for v in VALUES]
