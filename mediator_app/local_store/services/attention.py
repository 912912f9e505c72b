"""« À traiter »: conflicts opened by the server and changes it refused (parked ops).

Everything here works offline and produces ordinary outbox ops: keeping one's own value
re-applies it to the record and marks the server's conflict item resolved; both reach the
server at the next sync, and the other laptops see the item closed. A parked change can be
sent again or set aside; set-aside changes are archived, never deleted.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import insert, select, update

from mediator_app.core.entities import ENTITIES, SyncConflict
from mediator_app.core.enums import ConflictStatus
from mediator_app.core.errors import BusinessRuleError, NotFoundError
from mediator_app.core.labels import display_value, entity_label, field_label
from mediator_app.core.validation import format_phone
from mediator_app.core.wire import fields_from_wire, message, spec_map
from mediator_app.local_store.schema import attention_item, entity_tables, outbox
from mediator_app.local_store.status import corrections_query
from mediator_app.local_store.unit_of_work import Result, Store, Tx, result

KIND_MESSAGES = {
    "field": "Cette information a été modifiée sur un autre poste en même temps que sur le "
    "vôtre. Quelle valeur est la bonne ?",
    "delete_vs_edit": "Cette fiche a été supprimée sur un autre poste alors que vous la "
    "modifiiez. Votre modification est conservée ici.",
    "unique": "Ce changement entre en conflit avec une autre fiche.",
    "parent_deleted": "La fiche à laquelle ce changement se rattache a été supprimée.",
    "capacity": "L’atelier était complet : l’inscription est passée en liste d’attente.",
}

#: A hand-out refused because its device is with another family (the server kept theirs).
REFUSED_HANDOUT_MESSAGE = (
    "Cet équipement est déjà chez une autre famille : votre remise n’a pas été enregistrée "
    "et n’apparaît plus dans les prêts en cours. Refaites-la avec un autre équipement ; ce que "
    "vous aviez saisi reste visible ici."
)


@dataclass(frozen=True)
class AttentionCard:
    """One item of « À traiter », in plain French."""

    id: UUID
    kind: str  # conflict | parked
    entity: str
    row_id: UUID
    field_name: str
    title: str
    message: str
    mine: str
    theirs: str
    status: str
    created_at: datetime
    can_keep_mine: bool
    can_edit: bool
    can_retry: bool
    #: A workshop to open and correct (« À corriger »).
    can_open: bool = False


def _loads(raw: Any) -> Any:
    if isinstance(raw, str):
        try:
            return json.loads(raw)
        except ValueError:
            return raw
    return raw


def _field_of(raw: Any, field_name: str) -> Any:
    """The value of ``field_name`` in an item's stored value: the value itself, or — when
    the server sent back the whole row of the change (a refused hand-out) — that field of
    it."""
    value = _loads(raw)
    if field_name and isinstance(value, dict) and field_name in value:
        return value[field_name]
    return value


#: Fields holding ids, shown by what they name: (table, how a row is named).
_REFERENCES: dict[str, tuple[str, Any]] = {
    "device_ids": ("device", lambda r: r["asset_tag"]),
    "device_id": ("device", lambda r: r["asset_tag"]),
    "guardian_id": ("participant", lambda r: f"{r['first_name']} {r['last_name']}".strip()),
    "participant_id": ("participant", lambda r: f"{r['first_name']} {r['last_name']}".strip()),
    "venue_structure_id": ("structure", lambda r: r["name"]),
    "school_id": ("structure", lambda r: r["name"]),
    "pupil_school_id": ("structure", lambda r: r["name"]),
}


class AttentionService:
    """List and resolve « À traiter » items."""

    def __init__(self, store: Store) -> None:
        self._store = store

    # --- reading ------------------------------------------------------------------

    def _describe(self, entity: str, row_id: UUID) -> str:
        table = entity_tables.get(entity)
        what = entity_label(entity).capitalize()
        if table is None:
            return what
        with self._store.read() as conn:
            row = conn.execute(select(table).where(table.c.id == row_id)).mappings().first()
        if row is None:
            return what
        if entity == "workshop":
            return f"{what} « {row['title']} » du {display_value(row['date'])}"
        if entity == "participant":
            return f"{what} {row['first_name']} {row['last_name']}".strip()
        if entity == "device":
            return f"{what} {row['asset_tag']}"
        return what

    def _named(self, field_name: str, value: Any) -> str | None:
        """Ids shown as what they name (devices by asset tag, people and places by name)."""
        ref = _REFERENCES.get(field_name)
        if ref is None or value in (None, "", []):
            return None
        ids = value if isinstance(value, list) else [value]
        table = entity_tables[ref[0]]
        try:
            keys = [uuid.UUID(str(v)) for v in ids]
        except ValueError:
            return None
        with self._store.read() as conn:
            rows = {
                r["id"]: r
                for r in conn.execute(select(table).where(table.c.id.in_(keys))).mappings()
            }
        return ", ".join(ref[1](rows[k]) if k in rows else "fiche inconnue" for k in keys)

    def _value(self, entity: str, field_name: str, raw: Any) -> str:
        value = _field_of(raw, field_name)
        named = self._named(field_name, value)
        if named is not None:
            return named
        if not field_name:
            if isinstance(value, dict):
                smap = spec_map(entity) if entity in ENTITIES else {}
                parts = []
                for k, v in value.items():
                    if k in smap:
                        py = fields_from_wire(entity, {k: v})[k]
                        parts.append(f"{field_label(k)} : {display_value(py)}")
                return " ; ".join(parts) or "(vide)"
            return display_value(value)
        if field_name in ("phone", "contact_phone") and isinstance(value, str):
            return format_phone(value) or "(vide)"
        if entity in ENTITIES and field_name in spec_map(entity):
            try:
                return display_value(fields_from_wire(entity, {field_name: value})[field_name])
            except (TypeError, ValueError):
                return display_value(value)
        return display_value(value)

    def cards(self, *, status: str = "open") -> list[AttentionCard]:
        with self._store.read() as conn:
            rows = (
                conn.execute(
                    select(attention_item)
                    .where(attention_item.c.status == status)
                    .order_by(attention_item.c.created_at)
                )
                .mappings()
                .all()
            )
        out = []
        for r in rows:
            entity, field_name = r["entity"], r["field_name"]
            if r["kind"] == "parked":
                text = message(r["message_key"])
                theirs = "Refusé par le serveur"
            elif entity == "handout" and r["message_key"] == "unique":
                text = REFUSED_HANDOUT_MESSAGE
                theirs = "Déjà chez une autre famille"
            else:
                text = KIND_MESSAGES.get(r["message_key"], message("field_conflict"))
                if field_name:
                    text = f"{field_label(field_name).capitalize()} : {text}"
                theirs = self._value(entity, field_name, r["theirs"])
            out.append(
                AttentionCard(
                    id=r["id"],
                    kind=r["kind"],
                    entity=entity,
                    row_id=r["row_id"],
                    field_name=field_name,
                    title=self._describe(entity, r["row_id"]),
                    message=text,
                    mine=self._value(entity, field_name, r["mine"]),
                    theirs=theirs,
                    status=r["status"],
                    created_at=r["created_at"],
                    can_keep_mine=r["kind"] == "conflict"
                    and bool(field_name)
                    and not (entity == "handout" and r["message_key"] == "unique"),
                    can_edit=r["kind"] == "conflict"
                    and bool(field_name)
                    and not (entity == "handout" and r["message_key"] == "unique"),
                    can_retry=r["kind"] == "parked",
                )
            )
        return out

    def corrections(self) -> list[AttentionCard]:
        """This structure's workshops the coordinator sent back, one card each, until the
        mediator's correction puts them back « à relire »."""
        workshop = entity_tables["workshop"]
        with self._store.read() as conn:
            rows = conn.execute(
                corrections_query(
                    conn,
                    select(
                        workshop.c.id,
                        workshop.c.title,
                        workshop.c.date,
                        workshop.c.review_comment,
                        workshop.c.updated_at,
                        workshop.c.created_at,
                    ),
                ).order_by(workshop.c.date, workshop.c.id)
            ).all()
        return [
            AttentionCard(
                id=r.id,
                kind="correction",
                entity="workshop",
                row_id=r.id,
                field_name="",
                title=self._describe("workshop", r.id),
                message=(
                    "La coordination vous demande de corriger cet atelier"
                    + (f" : « {r.review_comment} »" if r.review_comment else ".")
                    + " Ouvrez-le, corrigez-le et enregistrez : il repart en relecture."
                ),
                mine="",
                theirs="",
                status="open",
                created_at=r.updated_at or r.created_at or datetime.now(UTC),
                can_keep_mine=False,
                can_edit=False,
                can_retry=False,
                can_open=True,
            )
            for r in rows
        ]

    def open_count(self) -> int:
        return len(self.cards()) + len(self.corrections())

    # --- resolving ----------------------------------------------------------------

    def _item(self, tx: Tx, item_id: UUID) -> Any:
        row = (
            tx.conn.execute(select(attention_item).where(attention_item.c.id == item_id))
            .mappings()
            .first()
        )
        if row is None or row["status"] != "open":
            raise NotFoundError("Cet élément a déjà été traité.")
        return row

    def _close(self, tx: Tx, item: Any, resolution: str, status: str = "resolved") -> None:
        tx.conn.execute(
            update(attention_item)
            .where(attention_item.c.id == item["id"])
            .values(status=status, resolution=resolution, resolved_at=datetime.now(UTC))
        )
        if item["conflict_id"] is not None:
            conflict = tx.get(SyncConflict, item["conflict_id"])
            if conflict is not None and conflict.status is ConflictStatus.OPEN:
                tx.update(conflict, status=ConflictStatus.RESOLVED, resolution=resolution)
        tx.changes.add("attention")

    def _set_field(self, tx: Tx, item: Any, value: Any) -> None:
        entity, field_name = item["entity"], item["field_name"]
        if not field_name or entity not in ENTITIES:
            raise BusinessRuleError("Cet élément ne porte pas sur une information à choisir.")
        current = tx.get(ENTITIES[entity], item["row_id"])
        if current is None:
            raise BusinessRuleError("La fiche concernée n’existe plus sur ce poste.")
        tx.update(current, **{field_name: value})

    def keep_mine(self, item_id: UUID) -> Result[None]:
        """« Garder ma valeur »: re-apply my value and close the conflict."""
        with self._store.write() as tx:
            item = self._item(tx, item_id)
            mine = _field_of(item["mine"], item["field_name"])
            value = fields_from_wire(item["entity"], {item["field_name"]: mine})
            self._set_field(tx, item, value[item["field_name"]])
            self._close(tx, item, "client")
            return result(None, tx)

    def keep_theirs(self, item_id: UUID) -> Result[None]:
        """« Garder l’autre valeur » (or accept a deletion): close the item; the record
        already holds the server's value."""
        with self._store.write() as tx:
            item = self._item(tx, item_id)
            if item["kind"] == "parked":
                raise BusinessRuleError("Choisissez « Renvoyer » ou « Mettre de côté ».")
            self._close(tx, item, "server")
            return result(None, tx)

    def edit(self, item_id: UUID, value: Any) -> Result[None]:
        """« Modifier »: set another value and close the conflict."""
        with self._store.write() as tx:
            item = self._item(tx, item_id)
            self._set_field(tx, item, value)
            self._close(tx, item, "edited")
            return result(None, tx)

    def retry(self, item_id: UUID) -> Result[None]:
        """Send a parked change again (after fixing its cause)."""
        with self._store.write() as tx:
            item = self._item(tx, item_id)
            if item["kind"] != "parked":
                raise BusinessRuleError("Seules les modifications refusées peuvent être renvoyées.")
            # Sent again as a new op: the server keeps the first answer for an op id (and
            # for its client_seq) forever, so the same op would only get its rejection back.
            op = (
                tx.conn.execute(
                    select(outbox).where(
                        outbox.c.client_seq == item["client_seq"], outbox.c.state == "parked"
                    )
                )
                .mappings()
                .first()
            )
            if op is not None:
                tx.conn.execute(
                    update(outbox)
                    .where(outbox.c.client_seq == op["client_seq"])
                    .values(state="archived")
                )
                tx.conn.execute(
                    insert(outbox).values(
                        op_id=uuid.uuid4(),
                        entity=op["entity"],
                        row_id=op["row_id"],
                        kind=op["kind"],
                        base_version=op["base_version"],
                        base=op["base"],
                        changes=op["changes"],
                        state="pending",
                        attempts=0,
                        schema_version=op["schema_version"],
                        created_at=tx.clock(),
                    )
                )
            self._close(tx, item, "retried")
            return result(None, tx)

    def set_aside(self, item_id: UUID) -> Result[None]:
        """« Mettre de côté »: archive the item (and a parked change); nothing is deleted."""
        with self._store.write() as tx:
            item = self._item(tx, item_id)
            if item["kind"] == "parked":
                tx.conn.execute(
                    update(outbox)
                    .where(outbox.c.client_seq == item["client_seq"])
                    .values(state="archived")
                )
                tx.conn.execute(
                    update(attention_item)
                    .where(attention_item.c.id == item["id"])
                    .values(
                        status="archived", resolution="set_aside", resolved_at=datetime.now(UTC)
                    )
                )
                tx.changes.add("attention")
            else:
                self._close(tx, item, "set_aside", status="archived")
            return result(None, tx)
