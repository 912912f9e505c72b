"""Wire types of the sync protocol, shared by the client and ``tne_api``.

The field list of each entity is read once from its dataclass (``specs()``), so the client
tables, the server tables, the ops and the pulls all agree. Values are converted to JSON with
``to_wire`` and back with ``from_wire``.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import Enum, StrEnum
from functools import cache
from typing import Any, TypeVar
from uuid import UUID

from mediator_app.core import texts
from mediator_app.core.entities import DEPARTMENT_ENTITIES, ENTITIES, META_FIELDS, Child, Entity
from mediator_app.core.rules import REVIEW_DECISION_MESSAGE

#: Version of the synced schema; bumped on every change of the wire fields or values.
#: 2: La Coop's age-band values and theme list (client migration 0003, server 0006).
#: 3: Réussite Connectée and Parents Ressource fields (client migration 0006, server 0010),
#: all additive: a version-2 laptop still syncs and simply does not see them.
#: 4: professionals trained by role on a workshop (client migration 0007, server 0011) and
#: the format ``formation_professionnels``; additive like 3.
SCHEMA_VERSION = 4
#: Oldest client schema the server accepts; older clients get HTTP 426. A version-1 laptop
#: cannot read the version-2 age bands, so it is asked to update (its queue is kept).
MIN_SCHEMA_VERSION = 2
#: At most this many ops in one push.
MAX_BATCH_OPS = 200
#: Default and maximum page sizes of a pull.
PULL_PAGE_DEFAULT = 500
PULL_PAGE_MAX = 2000
#: Default and maximum rows of a snapshot page (``GET /sync/v1/snapshot``), and the bytes
#: of JSON past which the server ends a page early (large rows: signatures, conventions).
SNAPSHOT_PAGE_DEFAULT = 5000
SNAPSHOT_PAGE_MAX = 10000
SNAPSHOT_PAGE_BYTES = 8 * 1024 * 1024

JSON = Any
E = TypeVar("E", bound=Entity)


class FieldKind(StrEnum):
    UUID = "uuid"
    STR = "str"
    INT = "int"
    BOOL = "bool"
    DATE = "date"
    TIME = "time"
    DATETIME = "datetime"
    BYTES = "bytes"
    ENUM = "enum"
    LIST = "list"  # tuple of scalars, stored as a JSON list
    CHILDREN = "children"  # tuple of Child, stored as a JSON list of objects


@dataclass(frozen=True)
class FieldSpec:
    """One wire field of an entity."""

    name: str
    kind: FieldKind
    nullable: bool
    enum: type[StrEnum] | None = None
    item_kind: FieldKind | None = None
    item_enum: type[StrEnum] | None = None


_SCALARS: dict[type, FieldKind] = {
    UUID: FieldKind.UUID,
    str: FieldKind.STR,
    int: FieldKind.INT,
    bool: FieldKind.BOOL,
    date: FieldKind.DATE,
    time: FieldKind.TIME,
    datetime: FieldKind.DATETIME,
    bytes: FieldKind.BYTES,
}


def _scalar(tp: Any) -> tuple[FieldKind, type[StrEnum] | None]:
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        return FieldKind.ENUM, tp
    if tp in _SCALARS:
        return _SCALARS[tp], None
    raise TypeError(f"unsupported wire type {tp!r}")


def _spec(name: str, tp: Any) -> FieldSpec:
    nullable = False
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        nullable = len(args) != len(typing.get_args(tp))
        (tp,) = args
        origin = typing.get_origin(tp)
    if origin is tuple:
        item = typing.get_args(tp)[0]
        if item is Child:
            return FieldSpec(name, FieldKind.CHILDREN, nullable)
        kind, enum = _scalar(item)
        return FieldSpec(name, FieldKind.LIST, nullable, item_kind=kind, item_enum=enum)
    kind, enum = _scalar(tp)
    return FieldSpec(name, kind, nullable, enum=enum)


@cache
def specs(entity: str) -> tuple[FieldSpec, ...]:
    """The wire fields of an entity, in declaration order.

    Raises:
        KeyError: the entity name is unknown.
    """
    cls = ENTITIES[entity]
    hints = typing.get_type_hints(cls)
    return tuple(
        _spec(f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.name not in META_FIELDS
    )


@cache
def spec_map(entity: str) -> dict[str, FieldSpec]:
    return {s.name: s for s in specs(entity)}


def _scalar_to_wire(kind: FieldKind, value: Any) -> JSON:
    if value is None:
        return None
    if kind is FieldKind.UUID:
        return str(value)
    if kind in (FieldKind.DATE, FieldKind.TIME, FieldKind.DATETIME):
        return str(value.isoformat())
    if kind is FieldKind.BYTES:
        return base64.b64encode(value).decode("ascii")
    if kind is FieldKind.ENUM:
        return str(value.value) if isinstance(value, Enum) else str(value)
    return value


def value_to_wire(spec: FieldSpec, value: Any) -> JSON:
    """Convert one field's Python value to JSON."""
    if value is None:
        return None
    if spec.kind is FieldKind.LIST:
        assert spec.item_kind is not None
        return [_scalar_to_wire(spec.item_kind, v) for v in value]
    if spec.kind is FieldKind.CHILDREN:
        return [
            {
                "first_name": c.first_name,
                "school_level": c.school_level.value if c.school_level else None,
                "school_id": str(c.school_id) if c.school_id else None,
            }
            for c in value
        ]
    return _scalar_to_wire(spec.kind, value)


def _scalar_from_wire(kind: FieldKind, enum: type[StrEnum] | None, value: JSON) -> Any:
    if value is None:
        return None
    if kind is FieldKind.UUID:
        return value if isinstance(value, UUID) else UUID(str(value))
    if kind is FieldKind.DATE:
        return date.fromisoformat(value) if isinstance(value, str) else value
    if kind is FieldKind.TIME:
        return time.fromisoformat(value) if isinstance(value, str) else value
    if kind is FieldKind.DATETIME:
        return datetime.fromisoformat(value) if isinstance(value, str) else value
    if kind is FieldKind.BYTES:
        if isinstance(value, str):
            return base64.b64decode(value)
        if isinstance(value, bytes | bytearray | memoryview):
            return bytes(value)
        raise TypeError(f"expected bytes or base64 text, got {type(value).__name__}")
    if kind is FieldKind.ENUM:
        assert enum is not None
        return enum(value)
    if kind is FieldKind.INT:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"expected an integer, got {type(value).__name__}")
        return value
    if kind is FieldKind.BOOL:
        if not isinstance(value, bool):
            raise TypeError(f"expected a boolean, got {type(value).__name__}")
        return value
    if kind is FieldKind.STR and not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def value_from_wire(spec: FieldSpec, value: JSON) -> Any:
    """Convert one field's JSON value to Python.

    Raises:
        ValueError, TypeError: the value does not fit the field.
    """
    if value is None:
        if spec.kind in (FieldKind.LIST, FieldKind.CHILDREN):
            return ()
        return None
    if spec.kind is FieldKind.LIST:
        assert spec.item_kind is not None
        if not isinstance(value, list | tuple):
            raise TypeError("expected a list")
        return tuple(_scalar_from_wire(spec.item_kind, spec.item_enum, v) for v in value)
    if spec.kind is FieldKind.CHILDREN:
        if not isinstance(value, list | tuple):
            raise TypeError("expected a list")
        out = []
        for c in value:
            if isinstance(c, Child):
                out.append(c)
                continue
            level = c.get("school_level")
            school = c.get("school_id")
            out.append(
                Child(
                    first_name=str(c.get("first_name") or ""),
                    school_level=None if level is None else _child_level(level),
                    school_id=None if school is None else UUID(str(school)),
                )
            )
        return tuple(out)
    return _scalar_from_wire(spec.kind, spec.enum, value)


def _child_level(value: str) -> Any:
    from mediator_app.core.enums import SchoolLevel

    return SchoolLevel(value)


def to_wire(obj: Entity) -> dict[str, JSON]:
    """All wire fields of an entity, as JSON values."""
    return {s.name: value_to_wire(s, getattr(obj, s.name)) for s in specs(obj.entity_name)}


def fields_to_wire(entity: str, values: Mapping[str, Any]) -> dict[str, JSON]:
    """Some fields of an entity, as JSON values."""
    smap = spec_map(entity)
    return {k: value_to_wire(smap[k], v) for k, v in values.items()}


def fields_from_wire(entity: str, values: Mapping[str, JSON]) -> dict[str, Any]:
    """Some fields of an entity from JSON; unknown fields are ignored (newer servers).

    Raises:
        ValueError, TypeError: a value does not fit its field.
    """
    smap = spec_map(entity)
    return {k: value_from_wire(smap[k], v) for k, v in values.items() if k in smap}


def from_wire(cls: type[E], row_id: UUID, data: Mapping[str, JSON], **meta: Any) -> E:
    """Build an entity from its wire fields plus sync metadata."""
    return cls(id=row_id, **fields_from_wire(cls.entity_name, data), **meta)


# --- Field policies and privacy ------------------------------------------------------

#: Fields whose concurrent edits open a review conflict; every other field is ``auto``
#: (last arrival wins, the overwritten value kept in a resolved conflict item).
REVIEW_FIELDS: dict[str, frozenset[str]] = {
    "workshop": frozenset(
        {"date", "start_time", "venue_structure_id", "venue_address", "status", "capacity"}
    ),
    "attendance": frozenset({"status"}),
    "registration": frozenset({"status"}),
    "handout": frozenset({"device_ids", "guardian_id", "handed_at", "returned_at"}),
    "device": frozenset({"status"}),
}

#: Direct identifiers stripped from what coordinators pull (RGPD: figures, not families).
IDENTIFYING_FIELDS: dict[str, frozenset[str]] = {
    "participant": frozenset(
        {"first_name", "last_name", "phone", "email", "notes", "children", "commune"}
    ),
    "registration": frozenset({"contact_name", "contact_phone"}),
    "handout": frozenset(
        {
            "pupil_first_name",
            "pupil_last_name",
            "agreement_text",
            "signature_png",
            "signer_name",
        }
    ),
    "sync_conflict": frozenset({"base_value", "server_value", "client_value"}),
    # A SIM's numbers lead to the family who holds it.
    "connectivity_line": frozenset({"iccid", "line_number"}),
}

#: Fields a coordinator may change (review workflow); everything else is read-only to them.
COORDINATOR_WRITABLE: dict[str, frozenset[str]] = {
    "workshop": frozenset({"review_status", "review_comment"}),
    "structure": frozenset({"proposed"}),
    "sync_conflict": frozenset({"status", "resolution"}),
}


def policy(entity: str, field_name: str) -> str:
    """``"review"`` or ``"auto"``."""
    return "review" if field_name in REVIEW_FIELDS.get(entity, frozenset()) else "auto"


def conflict_values_shown(entity: Any, field_name: Any, kind: Any) -> bool:
    """Whether the values of a conflict item reach coordinators and the national team
    (who pull without identifiers): only for a ``field`` conflict on what they write
    themselves (the review decision, the département's programme), which holds no
    family's identifiers; so their laptop can tell them a later edit replaced theirs
    (docs/architecture.md, « Nothing silent »)."""
    if kind != "field" or not isinstance(entity, str) or not isinstance(field_name, str):
        return False
    return entity in DEPARTMENT_ENTITIES or field_name in COORDINATOR_WRITABLE.get(
        entity, frozenset()
    )


def strip_identifiers(entity: str, data: Mapping[str, JSON]) -> dict[str, JSON]:
    """A copy of ``data`` with the direct identifiers emptied (for coordinators). A conflict
    item's values stay when ``conflict_values_shown``."""
    out = dict(data)
    if entity == "sync_conflict" and conflict_values_shown(
        data.get("entity"), data.get("field_name"), data.get("kind")
    ):
        return out
    for name in IDENTIFYING_FIELDS.get(entity, frozenset()):
        if name in out:
            spec = spec_map(entity)[name]
            if spec.kind in (FieldKind.LIST, FieldKind.CHILDREN):
                out[name] = []
            elif spec.nullable:
                out[name] = None
            else:
                out[name] = ""
    return out


# --- Ops and results -------------------------------------------------------------------


class OpKind(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class OpStatus(StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    MERGED = "merged"
    CONFLICT = "conflict"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Op:
    """One change of one row, as pushed by a client.

    ``base`` holds the values the client last knew for the changed fields (three-way merge),
    ``set`` the new values, both as JSON.
    """

    op_id: UUID
    client_seq: int
    entity: str
    row_id: UUID
    kind: OpKind
    base_version: int
    base: dict[str, JSON] = field(default_factory=dict)
    set: dict[str, JSON] = field(default_factory=dict)
    client_time: str = ""

    def to_json(self) -> dict[str, JSON]:
        return {
            "op_id": str(self.op_id),
            "client_seq": self.client_seq,
            "entity": self.entity,
            "row_id": str(self.row_id),
            "kind": self.kind.value,
            "base_version": self.base_version,
            "base": self.base,
            "set": self.set,
            "client_time": self.client_time,
        }

    @classmethod
    def from_json(cls, value: Any, where: str = "Op") -> Op:
        """An op from its JSON, strictly (``core.messages.op_from_json``).

        Raises:
            core.messages.MessageError: the object is not an op.
        """
        from mediator_app.core.messages import op_from_json

        return op_from_json(value, where)


#: French messages for the keys the server puts in op results and conflicts.
MESSAGES: dict[str, str] = {
    "forbidden": texts.text("Vous n’avez pas les droits pour modifier cette fiche."),
    "validation": texts.text(
        "Le serveur a refusé cette fiche : elle n’est pas complète ou pas valide."
    ),
    "parent_deleted": texts.text("La fiche à laquelle ce changement se rattache a été supprimée."),
    "parent_missing": texts.text(
        "La fiche à laquelle ce changement se rattache n’a pas été acceptée par le serveur."
    ),
    "deleted": texts.text("Cette fiche a été supprimée sur le serveur entre-temps."),
    "sequence_reused": texts.text("Ce changement a déjà été numéroté : il a été mis de côté."),
    "unknown_entity": texts.text("Type de fiche inconnu du serveur."),
    "field_conflict": texts.text("Cette information a été modifiée ailleurs en même temps."),
    "delete_vs_edit": texts.text(
        "Cette fiche a été supprimée ailleurs alors que vous la modifiiez."
    ),
    "device_already_out": texts.text(
        "Cet équipement est déjà chez une autre famille (prêt ou don en "
        "cours) : enregistrez son retour avant de le confier à nouveau."
    ),
    "review_forbidden": REVIEW_DECISION_MESSAGE,
    "capacity_full": texts.text(
        "L’atelier est complet : l’inscription a été mise en liste d’attente."
    ),
    "co_facilitation_cleared": texts.text(
        "Ce parent a été noté absent : il n’est plus compté comme "
        "co-animateur de cet atelier (Parent Ressource)."
    ),
    "internal_error": texts.text(
        "Le serveur n’a pas pu traiter ce changement ; il a été mis de côté."
    ),
    "read_only_reference": texts.text(
        "Ces données de référence ne se modifient que sur le serveur."
    ),
    "too_large": texts.text(
        "Ce changement est trop volumineux pour être envoyé au serveur : il a été mis "
        "de côté, les suivants partent sans lui. Raccourcissez le texte de la fiche (notes, "
        "convention) ou refaites la signature, puis renvoyez-le."
    ),
    "out_of_bounds": texts.text(
        "Ce changement dépasse les limites acceptées par le serveur (texte trop "
        "long, liste trop grande, caractère invalide) : il a été mis de côté, les suivants "
        "partent sans lui. Corrigez la fiche, puis renvoyez-le."
    ),
}


def message(key: str) -> str:
    """The French message for a result key (a generic one if unknown)."""
    return MESSAGES.get(key, texts.text("Le serveur a refusé ce changement."))


def row_hash(row_id: UUID | str, version: int, deleted: bool) -> int:
    """64-bit hash of one row's state, summed (mod 2**64) into a digest."""
    raw = f"{row_id}:{version}:{int(deleted)}".encode()
    return int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "big")


def digest_add(acc: int, h: int) -> int:
    """Order-independent combination of row hashes."""
    return (acc + h) % (1 << 64)
