"""Wire types: every entity survives a JSON round trip, identifiers are stripped for
coordinators, and the digest does not depend on row order."""

from __future__ import annotations

import dataclasses
import json
import random
from datetime import UTC, date, datetime, time
from typing import Any
from uuid import UUID, uuid4

import pytest

from mediator_app.core.entities import ENTITIES, Child, Entity, Participant
from mediator_app.core.enums import SchoolLevel
from mediator_app.core.wire import (
    IDENTIFYING_FIELDS,
    FieldKind,
    FieldSpec,
    conflict_values_shown,
    digest_add,
    fields_from_wire,
    from_wire,
    row_hash,
    spec_map,
    specs,
    strip_identifiers,
    to_wire,
    value_from_wire,
)


def _scalar(kind: FieldKind, enum: Any, salt: int) -> Any:
    if kind is FieldKind.UUID:
        return UUID(int=0xABC0 + salt)
    if kind is FieldKind.STR:
        return f"Valeur « {salt} » éàç’"
    if kind is FieldKind.INT:
        return 40 + salt
    if kind is FieldKind.BOOL:
        return True
    if kind is FieldKind.DATE:
        return date(2026, 3, 1 + salt % 27)
    if kind is FieldKind.TIME:
        return time(14, salt % 60)
    if kind is FieldKind.DATETIME:
        return datetime(2026, 3, 2, 9, salt % 60, 7, 123456, tzinfo=UTC)
    if kind is FieldKind.BYTES:
        return bytes(range(salt % 7, 40))
    if kind is FieldKind.ENUM:
        members = list(enum)
        return members[-1 - salt % len(members)]  # rarely the default (the first member)
    raise AssertionError(kind)


def _value(spec: FieldSpec, salt: int) -> Any:
    if spec.kind is FieldKind.LIST:
        assert spec.item_kind is not None
        return tuple(_scalar(spec.item_kind, spec.item_enum, salt + i) for i in range(2))
    if spec.kind is FieldKind.CHILDREN:
        return (
            Child(first_name="Inès", school_level=list(SchoolLevel)[-1], school_id=uuid4()),
            Child(),
        )
    return _scalar(spec.kind, spec.enum, salt)


def _full(cls: type[Entity]) -> Entity:
    """An instance with every wire field set to a value other than its default."""
    defaults = {f.name: f.default for f in dataclasses.fields(cls)}
    values: dict[str, Any] = {}
    for i, s in enumerate(specs(cls.entity_name)):
        value = _value(s, i)
        if value == defaults[s.name] and s.enum is not None:
            value = next(m for m in s.enum if m != defaults[s.name])
        values[s.name] = value
    return cls(id=uuid4(), **values)


def _minimal(cls: type[Entity]) -> Entity:
    """An instance with every nullable field ``None`` and every list empty."""
    values: dict[str, Any] = {}
    for i, s in enumerate(specs(cls.entity_name)):
        if s.kind in (FieldKind.LIST, FieldKind.CHILDREN):
            values[s.name] = ()
        elif s.nullable:
            values[s.name] = None
        else:
            values[s.name] = _value(s, i)
    return cls(id=uuid4(), **values)


@pytest.mark.parametrize("name", sorted(ENTITIES))
@pytest.mark.parametrize("build", [_full, _minimal], ids=["full", "minimal"])
def test_round_trip_through_json(name: str, build: Any) -> None:
    cls = ENTITIES[name]
    obj = build(cls)
    data = json.loads(json.dumps(to_wire(obj)))  # really JSON, not Python objects
    assert set(data) == {s.name for s in specs(name)}
    back = from_wire(cls, obj.id, data)
    assert back == obj
    assert to_wire(back) == data


def test_every_entity_has_wire_fields_and_no_meta_leaks() -> None:
    for name in ENTITIES:
        names = {s.name for s in specs(name)}
        assert names, name
        assert not names & {"id", "version", "deleted", "sync_state", "updated_at"}


def test_unknown_fields_from_a_newer_server_are_ignored() -> None:
    out = fields_from_wire("workshop", {"title": "Atelier", "champ_du_futur": 1})
    assert out == {"title": "Atelier"}


@pytest.mark.parametrize(
    ("field", "value"),
    [("duration_min", "90"), ("duration_min", True), ("interpreter", 1), ("title", 12)],
)
def test_wrong_json_types_are_refused(field: str, value: Any) -> None:
    with pytest.raises(TypeError):
        value_from_wire(spec_map("workshop")[field], value)


def test_bad_enum_value_is_refused() -> None:
    with pytest.raises(ValueError):
        value_from_wire(spec_map("workshop")["format"], "rave_party")


def test_strip_identifiers_empties_direct_identifiers_only() -> None:
    p = Participant(
        first_name="Aïcha",
        last_name="Benali",
        phone="+33612345678",
        email="aicha@example.org",
        commune="Sarcelles",
        notes="Préfère être appelée le soir",
        children=(Child(first_name="Yanis"),),
        languages=("ar",),
        interpreter_needed=True,
        department_code="95",
    )
    data = to_wire(p)
    stripped = strip_identifiers("participant", data)
    assert stripped["first_name"] == "" and stripped["last_name"] == ""
    assert stripped["phone"] is None and stripped["email"] is None
    assert stripped["children"] == [] and stripped["notes"] == "" and stripped["commune"] == ""
    # Figures and non-identifying fields stay: coordinators see figures, not families.
    assert stripped["languages"] == ["ar"]
    assert stripped["interpreter_needed"] is True
    assert stripped["department_code"] == "95"
    assert data["last_name"] == "Benali", "the input must not be modified"
    # Still valid wire data.
    assert from_wire(Participant, p.id, stripped).full_name == ""


@pytest.mark.parametrize("name", sorted(IDENTIFYING_FIELDS))
def test_strip_identifiers_leaves_no_identifier_of_any_entity(name: str) -> None:
    data = to_wire(_full(ENTITIES[name]))
    stripped = strip_identifiers(name, data)
    for field in IDENTIFYING_FIELDS[name]:
        assert stripped[field] in ("", None, []), field
    for field in set(data) - IDENTIFYING_FIELDS[name]:
        assert stripped[field] == data[field], field


def test_strip_identifiers_leaves_other_entities_untouched() -> None:
    data = to_wire(_full(ENTITIES["workshop"]))
    assert strip_identifiers("workshop", data) == data


def test_row_hash_and_digest_are_order_independent() -> None:
    rows = [(uuid4(), random.Random(i).randint(0, 9), i % 3 == 0) for i in range(200)]
    hashes = [row_hash(*r) for r in rows]
    forward = 0
    for h in hashes:
        forward = digest_add(forward, h)
    shuffled = hashes[:]
    random.Random(7).shuffle(shuffled)
    backward = 0
    for h in shuffled:
        backward = digest_add(backward, h)
    assert forward == backward
    assert all(0 <= h < 2**64 for h in hashes)


def test_row_hash_changes_with_version_and_tombstone() -> None:
    rid = uuid4()
    assert row_hash(rid, 1, False) == row_hash(str(rid), 1, False)
    assert row_hash(rid, 1, False) != row_hash(rid, 2, False)
    assert row_hash(rid, 1, False) != row_hash(rid, 1, True)
    assert row_hash(rid, 1, False) != row_hash(uuid4(), 1, False)


def test_digest_wraps_modulo_2_64() -> None:
    assert digest_add(2**64 - 1, 2) == 1
    assert digest_add(0, 0) == 0


def test_digest_detects_a_missing_row() -> None:
    rows = [row_hash(uuid4(), 1, False) for _ in range(10)]
    full = 0
    for h in rows:
        full = digest_add(full, h)
    partial = 0
    for h in rows[:-1]:
        partial = digest_add(partial, h)
    assert full != partial


def test_full_samples_really_differ_from_defaults() -> None:
    """Guard for the round-trip test: the samples are not just the defaults."""
    for cls in ENTITIES.values():
        full = _full(cls)
        wire = {s.name for s in specs(cls.entity_name)}
        for f in dataclasses.fields(cls):
            if f.name in wire and f.default is not dataclasses.MISSING:
                assert getattr(full, f.name) != f.default, (cls.entity_name, f.name)


@pytest.mark.parametrize(
    ("entity", "field_name", "kind", "shown"),
    [
        ("workshop", "review_status", "field", True),  # a coordinator's review decision
        ("workshop", "review_comment", "field", True),
        ("partnership", "objective_workshops", "field", True),  # the département's programme
        ("school_target", "school_id", "field", True),
        ("workshop", "title", "field", False),  # the structure's, not the coordinator's
        ("participant", "last_name", "field", False),
        ("registration", "contact_name", "field", False),
        ("handout", "device_ids", "unique", False),  # a whole sent row
        ("partnership", "", "delete_vs_edit", False),
    ],
)
def test_a_conflicts_values_reach_coordinators_only_on_what_they_write(
    entity: str, field_name: str, kind: str, shown: bool
) -> None:
    data = {
        **to_wire(_full(ENTITIES["sync_conflict"])),
        "entity": entity,
        "field_name": field_name,
        "kind": kind,
        "server_value": '"Aïcha Benali"',
        "client_value": '"Aïcha B."',
        "base_value": '"Aïcha"',
    }
    assert conflict_values_shown(entity, field_name, kind) is shown
    stripped = strip_identifiers("sync_conflict", data)
    values = ("base_value", "server_value", "client_value")
    if shown:
        assert stripped == data
    else:
        assert all(stripped[v] == "" for v in values)
        assert {k: stripped[k] for k in set(data) - set(values)} == {
            k: data[k] for k in set(data) - set(values)
        }
