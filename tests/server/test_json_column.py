"""JSON columns on PostgreSQL are written by orjson (``tne_api.db.json_column``): the
same values as ``json.dumps`` once read back, and what orjson refuses still written."""

from __future__ import annotations

import json

import pytest

from tne_api.db import json_column


@pytest.mark.parametrize(
    "value",
    [
        {"first_name": 3, "themes": 1},
        {"notes": "Café des parents — « rentrée »", "n": [1, 2, None, True]},
        [],
        {"big": 2**70},  # past 64 bits: orjson refuses it
        {1: "a key that is not a string"},  # orjson refuses it too
    ],
)
def test_a_json_column_reads_back_as_json_dumps_writes_it(value: object) -> None:
    assert json.loads(json_column(value)) == json.loads(json.dumps(value))


def test_a_json_column_is_compact_utf8() -> None:
    assert json_column({"a": ["é"]}) == '{"a":["é"]}'.encode()
