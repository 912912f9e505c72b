"""« À traiter »: conflicts opened by the server, changes it refused (parked ops), and
notices of what was decided for what this laptop typed (a field overwritten by another
laptop's later edit, a registration moved to the waitlist).

Everything here works offline and produces ordinary outbox ops: keeping one's own value
re-applies it to the record and marks the server's conflict item resolved; both reach the
server at the next sync, and the other laptops see the item closed. A parked change can be
sent again or set aside; set-aside changes are archived, never deleted.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import insert, select, update

from mediator_app.core import texts
from mediator_app.core.entities import ENTITIES, SyncConflict
from mediator_app.core.enums import (
    ConflictStatus,
    DeviceStatus,
    DeviceType,
    Gender,
    HandoutNature,
)
from mediator_app.core.errors import BusinessRuleError, NotFoundError
from mediator_app.core.labels import FRENCH_MONTHS, display_value, entity_label, field_label
from mediator_app.core.texts import Text
from mediator_app.core.validation import format_phone
from mediator_app.core.wire import fields_from_wire, message, spec_map
from mediator_app.local_store.schema import attention_item, entity_tables, outbox
from mediator_app.local_store.services.devices import open_handout_of
from mediator_app.local_store.status import corrections_query
from mediator_app.local_store.unit_of_work import Result, Store, Tx, result

KIND_MESSAGES: dict[str, str] = {
    "field": texts.text(
        "Cette information a été modifiée sur un autre poste en même temps que sur le "
        "vôtre. Quelle valeur est la bonne ?"
    ),
    "delete_vs_edit": texts.text(
        "Cette fiche a été supprimée sur un autre poste alors que vous la "
        "modifiiez. Votre modification est conservée ici."
    ),
    "unique": texts.text("Ce changement entre en conflit avec une autre fiche."),
    "parent_deleted": texts.text("La fiche à laquelle ce changement se rattache a été supprimée."),
    "capacity": texts.text(
        "L’atelier était complet : l’inscription est passée en liste d’attente."
    ),
}

#: A hand-out refused because its device is with another family (the server kept theirs),
#: when this laptop does not hold that family's hand-out yet.
REFUSED_HANDOUT_MESSAGE = texts.text(
    "Cet équipement est déjà chez une autre famille : votre remise n’a pas été enregistrée "
    "et n’apparaît plus dans les prêts en cours. Refaites-la avec un autre équipement ; ce que "
    "vous aviez saisi reste visible ici."
)
#: The same, naming the device and since when the other family holds it.
REFUSED_HANDOUT_NAMED = texts.template(
    "{held} : votre remise n’a pas été enregistrée et n’apparaît plus dans les prêts en "
    "cours. Choisissez un autre équipement pour cette famille, ou annulez votre remise."
)
#: A device status in conflict while another family holds the device.
DEVICE_HELD_MESSAGE = texts.template(
    "{held} : son statut suit ce prêt tant qu’il n’est pas rendu ; la valeur notée sur ce "
    "poste (par exemple le retour d’une remise que le serveur n’a pas enregistrée) ne peut "
    "pas être gardée."
)
#: How a device is named at the start of a sentence, by its type.
DEVICE_ARTICLES = {
    DeviceType.LAPTOP: texts.text("L’ordinateur"),
    DeviceType.TABLET: texts.text("La tablette"),
    DeviceType.BOX_4G: texts.text("La box 4G"),
    DeviceType.DONGLE_4G: texts.text("La clé 4G"),
    DeviceType.SIM: texts.text("La carte SIM"),
    DeviceType.ACCESSORY: texts.text("L’accessoire"),
}
A_DEVICE = texts.text("L’équipement")
#: A person this laptop does not know (or without a name).
SOMEONE = texts.text("Une personne")
#: Another laptop's later edit replaced this laptop's value (an ``auto`` field).
OVERWRITTEN_MESSAGE = texts.template(
    "{field} : un autre poste a enregistré une autre valeur après vous ; c’est la sienne qui "
    "a été gardée. Vous pouvez rétablir la vôtre."
)

#: A registration the server moved to the waitlist (another laptop filled the workshop),
#: by the agreement of « passé » for the person (``_person``).
CAPACITY_MESSAGES = {
    "passée": texts.template(
        "{person} est passée en liste d’attente pour l’atelier {workshop} : complet (un autre "
        "poste avait déjà rempli les places)."
    ),
    "passé": texts.template(
        "{person} est passé en liste d’attente pour l’atelier {workshop} : complet (un autre "
        "poste avait déjà rempli les places)."
    ),
    "passé·e": texts.template(
        "{person} est passé·e en liste d’attente pour l’atelier {workshop} : complet (un autre "
        "poste avait déjà rempli les places)."
    ),
}
#: A co-facilitation this laptop recorded, cleared by the server: the parent was marked
#: absent on another laptop (core.rules.co_facilitates); by the same agreement.
CO_FACILITATION_MESSAGES = {
    "passée": texts.template(
        "{person} ne co-anime plus l’atelier {workshop} : un autre poste l’a notée absente."
    ),
    "passé": texts.template(
        "{person} ne co-anime plus l’atelier {workshop} : un autre poste l’a noté absent."
    ),
    "passé·e": texts.template(
        "{person} ne co-anime plus l’atelier {workshop} : un autre poste l’a noté·e absent·e."
    ),
}


def french_day(day: date) -> str:
    """« 3 décembre 2026 »."""
    return f"{day.day} {FRENCH_MONTHS[day.month - 1]} {day.year}"


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
    #: A refused hand-out: « Annuler ma remise » / « Choisir un autre équipement ».
    can_redo_handout: bool = False
    #: The family of a refused hand-out (preselected when it is made again).
    guardian_id: UUID | None = None
    #: A notice of an overwritten value: « Rétablir ma valeur ».
    can_restore: bool = False


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


def _uuid_or_none(value: Any) -> UUID | None:
    if isinstance(value, UUID):
        return value
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


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

    def _describe(self, entity: str, row_id: UUID, guardian_id: UUID | None = None) -> str:
        """The card's title; a hand-out (kept only in its card once refused) is named by
        its family."""
        if entity == "handout" and guardian_id is not None:
            family = self._named("guardian_id", str(guardian_id))
            if family and family != "fiche inconnue":
                return f"{entity_label(entity).capitalize()} à {family}"
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
            refused_handout = (
                r["kind"] == "conflict" and entity == "handout" and r["message_key"] == "unique"
            )
            guardian_id: UUID | None = None
            held: str | None = None
            if r["kind"] == "notice":
                out.append(self._notice_card(r))
                continue
            if r["kind"] == "parked":
                text: str = message(r["message_key"])
                theirs = "Refusé par le serveur"
            elif refused_handout:
                text = self._refused_handout_text(r["row_id"], _loads(r["mine"]))
                theirs = "Déjà chez une autre famille"
                guardian_id = _uuid_or_none(_field_of(r["mine"], "guardian_id"))
            else:
                held = self._held_device(entity, field_name, r["row_id"])
                text = held or KIND_MESSAGES.get(r["message_key"], message("field_conflict"))
                if field_name and held is None:
                    text = texts.text(
                        "{field} : {message}",
                        field=texts.upper_first(texts.wording(field_label(field_name))),
                        message=text,
                    )
                theirs = self._value(entity, field_name, r["theirs"])
            choose = (
                r["kind"] == "conflict"
                and bool(field_name)
                and not refused_handout
                and held is None
            )
            out.append(
                AttentionCard(
                    id=r["id"],
                    kind=r["kind"],
                    entity=entity,
                    row_id=r["row_id"],
                    field_name=field_name,
                    title=self._describe(entity, r["row_id"], guardian_id),
                    message=text,
                    mine=self._value(entity, field_name, r["mine"]),
                    theirs=theirs,
                    status=r["status"],
                    created_at=r["created_at"],
                    can_keep_mine=choose,
                    can_edit=choose,
                    can_retry=r["kind"] == "parked",
                    can_redo_handout=refused_handout,
                    guardian_id=guardian_id,
                )
            )
        return out

    def _holder(self, conn: Any, device_id: UUID, but: UUID | None = None) -> str | None:
        """« L’ordinateur TNE95-0001 est déjà prêté à une autre famille depuis le 3
        décembre » when a hand-out other than ``but`` holds the device on this laptop
        (``core.rules.holds_devices``, through ``open_handout_of``), else None."""
        handout, device = entity_tables["handout"], entity_tables["device"]
        holder_id = open_handout_of(conn, device_id)
        if holder_id is None or holder_id == but:
            return None
        taken = conn.execute(select(handout).where(handout.c.id == holder_id)).mappings().one()
        row = conn.execute(select(device).where(device.c.id == device_id)).mappings().first()
        if row is None:
            return None
        try:
            what = DEVICE_ARTICLES.get(DeviceType(row["device_type"]), A_DEVICE)
        except ValueError:
            what = A_DEVICE
        handed = taken["handed_at"]
        since = french_day(handed.astimezone().date() if handed else date.today())
        if taken["nature"] == HandoutNature.LOAN.value:
            return texts.text(
                "{what} {tag} est déjà prêté à une autre famille depuis le {since}",
                what=what,
                tag=row["asset_tag"],
                since=since,
            )
        return texts.text(
            "{what} {tag} est déjà remis à une autre famille depuis le {since}",
            what=what,
            tag=row["asset_tag"],
            since=since,
        )

    def _refused_handout_text(self, row_id: UUID, sent: Any) -> str:
        """What happened to a refused hand-out, naming the device another family holds
        and since when (from that family's hand-out, once this laptop has pulled it)."""
        ids = sent.get("device_ids") if isinstance(sent, dict) else None
        keys = [k for k in (_uuid_or_none(v) for v in ids or []) if k is not None]
        with self._store.read() as conn:
            for key in keys:
                held = self._holder(conn, key, but=row_id)
                if held is not None:
                    return texts.text(REFUSED_HANDOUT_NAMED, held=held)
        return REFUSED_HANDOUT_MESSAGE

    def _held_device(self, entity: str, field_name: str, row_id: UUID) -> str | None:
        """A device status in conflict while a hand-out holds the device: its status
        follows that loan, whatever this laptop recorded (a return of a loan the server
        never held, for one)."""
        if entity != "device" or field_name != "status":
            return None
        with self._store.read() as conn:
            held = self._holder(conn, row_id)
        return None if held is None else texts.text(DEVICE_HELD_MESSAGE, held=held)

    def _person(self, participant_id: Any) -> tuple[Text | str, str]:
        """« Mme Awa Diallo » and the agreement of « passé » for that person."""
        table = entity_tables["participant"]
        key = _uuid_or_none(participant_id)
        row = None
        if key is not None:
            with self._store.read() as conn:
                row = conn.execute(select(table).where(table.c.id == key)).mappings().first()
        if row is None:
            return SOMEONE, "passée"
        name = f"{row['first_name']} {row['last_name']}".strip()
        if not name:
            name = SOMEONE
        if row["gender"] == Gender.FEMININ.value:
            return texts.text("Mme {name}", name=name), "passée"
        if row["gender"] == Gender.MASCULIN.value:
            return texts.text("M. {name}", name=name), "passé"
        return name, "passé·e"

    def _notice_card(self, r: Any) -> AttentionCard:
        entity, field_name = r["entity"], r["field_name"]
        mine, theirs = "", ""
        title = self._describe(entity, r["row_id"])
        if r["message_key"] == "capacity":
            sent = _loads(r["mine"])
            sent = sent if isinstance(sent, dict) else {}
            registrations = entity_tables["registration"]
            with self._store.read() as conn:
                found = (
                    conn.execute(select(registrations).where(registrations.c.id == r["row_id"]))
                    .mappings()
                    .first()
                )
            reg: dict[str, Any] = dict(found) if found is not None else {}
            workshop_id = reg.get("workshop_id") or _uuid_or_none(sent.get("workshop_id"))
            person, passed = self._person(reg.get("participant_id") or sent.get("participant_id"))
            workshop = self._workshop_name(workshop_id)
            text = texts.text(CAPACITY_MESSAGES[passed], person=person, workshop=workshop)
            if workshop_id is not None:
                title = self._describe("workshop", workshop_id)
        elif r["message_key"] == "co_facilitation":
            attendances = entity_tables["attendance"]
            with self._store.read() as conn:
                line = (
                    conn.execute(select(attendances).where(attendances.c.id == r["row_id"]))
                    .mappings()
                    .first()
                )
            workshop_id = line["workshop_id"] if line is not None else None
            person, passed = self._person(line["participant_id"] if line is not None else None)
            text = texts.text(
                CO_FACILITATION_MESSAGES[passed],
                person=person,
                workshop=self._workshop_name(workshop_id),
            )
            if workshop_id is not None:
                title = self._describe("workshop", workshop_id)
        else:
            text = texts.text(
                OVERWRITTEN_MESSAGE, field=texts.upper_first(texts.wording(field_label(field_name)))
            )
            mine = self._value(entity, field_name, r["mine"])
            theirs = self._value(entity, field_name, r["theirs"])
        return AttentionCard(
            id=r["id"],
            kind="notice",
            entity=entity,
            row_id=r["row_id"],
            field_name=field_name,
            title=title,
            message=text,
            mine=mine,
            theirs=theirs,
            status=r["status"],
            created_at=r["created_at"],
            can_keep_mine=False,
            can_edit=False,
            can_retry=False,
            can_restore=r["message_key"] == "overwritten" and bool(field_name),
        )

    def _workshop_name(self, workshop_id: Any) -> str:
        table = entity_tables["workshop"]
        key = _uuid_or_none(workshop_id)
        if key is not None:
            with self._store.read() as conn:
                row = conn.execute(select(table).where(table.c.id == key)).mappings().first()
            if row is not None:
                return f"« {row['title']} » du {display_value(row['date'])}"
        return "choisi"

    def notices(self) -> list[AttentionCard]:
        """The open notices (shown on Accueil too)."""
        return [c for c in self.cards() if c.kind == "notice"]

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
            raise NotFoundError(texts.text("Cet élément a déjà été traité."))
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
            raise BusinessRuleError(
                texts.text("Cet élément ne porte pas sur une information à choisir.")
            )
        current = tx.get(ENTITIES[entity], item["row_id"])
        if current is None:
            raise BusinessRuleError(texts.text("La fiche concernée n’existe plus sur ce poste."))
        if (
            entity == "device"
            and field_name == "status"
            and value not in (DeviceStatus.LOANED, DeviceStatus.HANDED_OUT)
            and open_handout_of(tx.conn, item["row_id"]) is not None
        ):
            raise BusinessRuleError(
                texts.text(
                    "Cet équipement est chez une famille : son statut suit ce prêt. Enregistrez "
                    "d’abord son retour depuis la fiche de l’équipement."
                )
            )
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
                raise BusinessRuleError(
                    texts.text("Choisissez « Renvoyer » ou « Mettre de côté ».")
                )
            self._close(tx, item, "server")
            return result(None, tx)

    def edit(self, item_id: UUID, value: Any) -> Result[None]:
        """« Modifier »: set another value and close the conflict."""
        with self._store.write() as tx:
            item = self._item(tx, item_id)
            self._set_field(tx, item, value)
            self._close(tx, item, "edited")
            return result(None, tx)

    def restore_mine(self, item_id: UUID) -> Result[None]:
        """« Rétablir ma valeur »: my overwritten value, sent again as a new edit (the
        server's merge then applies it as the latest), and the notice closed."""
        with self._store.write() as tx:
            item = self._item(tx, item_id)
            if item["kind"] != "notice" or item["message_key"] != "overwritten":
                raise BusinessRuleError(
                    texts.text("Cet élément ne porte pas sur une valeur à rétablir.")
                )
            value = fields_from_wire(item["entity"], {item["field_name"]: item["mine"]})
            self._set_field(tx, item, value[item["field_name"]])
            self._close(tx, item, "restored")
            return result(None, tx)

    def dismiss(self, item_id: UUID) -> Result[None]:
        """« C’est bon »: the notice was read; nothing changes in the records."""
        with self._store.write() as tx:
            item = self._item(tx, item_id)
            if item["kind"] != "notice":
                raise BusinessRuleError(texts.text("Cet élément demande une décision."))
            self._close(tx, item, "read")
            return result(None, tx)

    def cancel_handout(self, item_id: UUID) -> Result[None]:
        """« Annuler ma remise »: the refused hand-out is given up (the server never held
        it; this laptop already shows it out of the loans); the card is closed."""
        with self._store.write() as tx:
            item = self._item(tx, item_id)
            self._require_refused_handout(item)
            self._close(tx, item, "cancelled")
            return result(None, tx)

    def handout_redone(self, item_id: UUID) -> Result[None]:
        """The family received other equipment (« Choisir un autre équipement »)."""
        with self._store.write() as tx:
            item = self._item(tx, item_id)
            self._require_refused_handout(item)
            self._close(tx, item, "redone")
            return result(None, tx)

    @staticmethod
    def _require_refused_handout(item: Any) -> None:
        if not (item["entity"] == "handout" and item["message_key"] == "unique"):
            raise BusinessRuleError(texts.text("Cet élément ne porte pas sur une remise refusée."))

    def retry(self, item_id: UUID) -> Result[None]:
        """Send a parked change again (after fixing its cause)."""
        with self._store.write() as tx:
            item = self._item(tx, item_id)
            if item["kind"] != "parked":
                raise BusinessRuleError(
                    texts.text("Seules les modifications refusées peuvent être renvoyées.")
                )
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
