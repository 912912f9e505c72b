"""RGPD duties on the laptop: retention anonymisation, erasure, and the per-person export.

Anonymisation and erasure wipe the direct identifiers of a parent (names, phone, e-mail,
notes, children's first names) and of what points at them (quick-contact names of their
registrations, pupil and signer names, signature and rendered agreement of their closed
handouts) through ordinary ``update`` ops, so the server wipes the same fields. The
duplicates merged into them are tombstones the server no longer accepts edits for: they
are wiped on the laptop only. Statistics stay: attendance rows, children counts, commune,
consent and registration facts.

Wiping a row also scrubs the outbox: the old values are dropped from the ``base`` of the
ops that may still be rewritten (never sent, or already acknowledged) and the identifying
values of their ``changes`` are replaced by the wiped ones. Ops that may be on the wire
(in flight, retried or parked) are left intact: rewriting them would make the server
refuse a replay of the same op id with other content; they are scrubbed at the next wipe
or when the sync engine archives them. ``secure_delete`` is switched on for the wipe and
the WAL is checkpointed afterwards, so the old values do not linger in the database file.
"""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import select, text, update

from mediator_app.core import texts
from mediator_app.core.entities import (
    Attendance,
    Entity,
    Handout,
    Participant,
    Registration,
    Workshop,
)
from mediator_app.core.enums import HandoutNature, RegistrationStatus, WorkshopStatus
from mediator_app.core.errors import BusinessRuleError, NotFoundError
from mediator_app.core.wire import fields_to_wire, spec_map, to_wire
from mediator_app.local_store.rows import entity_from_row, to_db
from mediator_app.local_store.schema import entity_tables, outbox
from mediator_app.local_store.services.participants import (
    clear_fold_cache,
    entities_where,
    today_of,
)
from mediator_app.local_store.services.registrations import cancel_registration
from mediator_app.local_store.unit_of_work import Result, Store, Tx, result

log = logging.getLogger(__name__)

P = entity_tables["participant"]
R = entity_tables["registration"]
A = entity_tables["attendance"]
H = entity_tables["handout"]
W = entity_tables["workshop"]

EXPORT_FORMAT_VERSION = 1
OPEN_LOAN_MESSAGE = texts.text(
    "Cette personne a encore un équipement prêté : enregistrez d’abord son retour, "
    "puis effacez la fiche."
)


@dataclass(frozen=True)
class ErasureReport:
    """What an erasure did (counts only)."""

    participant_id: UUID
    registrations_wiped: int
    registrations_cancelled: int
    handouts_wiped: int
    attendance_kept: int


# --- Wiping ----------------------------------------------------------------------------


def _wiped_participant(p: Participant) -> dict[str, Any]:
    return {
        "first_name": "",
        "last_name": "",
        "phone": None,
        "email": None,
        "notes": "",
        "children": tuple(dataclasses.replace(c, first_name="") for c in p.children),
        "anonymised": True,
    }


_WIPED_REGISTRATION: dict[str, Any] = {"contact_name": "", "contact_phone": None}
_WIPED_HANDOUT: dict[str, Any] = {
    "pupil_first_name": "",
    "pupil_last_name": "",
    "signer_name": "",
    "signature_png": None,
    "agreement_text": "",
}


def _open_loans(tx: Tx, participant_id: UUID) -> int:
    return sum(
        1
        for h in entities_where(tx, Handout, H, H.c.guardian_id == participant_id)
        if h.nature is HandoutNature.LOAN and h.returned_at is None
    )


def _wipe(tx: Tx, p: Participant) -> tuple[list[Registration], int]:
    """Wipe a participant's identifiers and those of the rows pointing at them."""
    wiped: list[tuple[Entity, dict[str, Any]]] = []
    values = _wiped_participant(p)
    tx.update(p, **values)
    wiped.append((p, values))
    regs = entities_where(tx, Registration, R, R.c.participant_id == p.id)
    for reg in regs:
        tx.update(reg, **_WIPED_REGISTRATION)
        wiped.append((reg, _WIPED_REGISTRATION))
    handouts = entities_where(tx, Handout, H, H.c.guardian_id == p.id)
    for h in handouts:
        tx.update(h, **_WIPED_HANDOUT)
        wiped.append((h, _WIPED_HANDOUT))
    # Records merged into this one (and into those) are tombstones that still hold the
    # duplicates' names. The server refuses edits of a tombstone, so they are wiped here
    # in place (their ops are scrubbed below like the others).
    smap = spec_map("participant")
    merged: list[Participant] = []
    into = [p.id]
    while into:
        found = [
            entity_from_row(Participant, r)
            for r in tx.conn.execute(select(P).where(P.c.merged_into.in_(into))).mappings()
        ]
        seen = {d.id for d in merged} | {p.id}
        found = [d for d in found if d.id not in seen]
        merged += found
        into = [d.id for d in found]
    for dup in merged:
        if dup.anonymised:
            continue
        dup_values = _wiped_participant(dup)
        if dup.deleted:
            tx.conn.execute(
                update(P)
                .where(P.c.id == dup.id)
                .values(**{k: to_db(smap[k], v) for k, v in dup_values.items()})
            )
        else:
            tx.update(dup, **dup_values)
        wiped.append((dup, dup_values))
    for entity, vals in wiped:
        _scrub_outbox(tx, entity, vals)
    return regs, len(handouts)


def _scrub_outbox(tx: Tx, entity: Entity, wiped: dict[str, Any]) -> None:
    """Remove a row's old identifying values from the ops that can safely be rewritten."""
    wire = fields_to_wire(entity.entity_name, wiped)
    ops = tx.conn.execute(
        select(
            outbox.c.client_seq, outbox.c.state, outbox.c.attempts, outbox.c.base, outbox.c.changes
        ).where(outbox.c.row_id == entity.id)
    ).all()
    for op in ops:
        rewritable = op.state in ("acked", "archived") or (
            op.state == "pending" and op.attempts == 0
        )
        if not rewritable:
            continue
        base = {k: v for k, v in (op.base or {}).items() if k not in wire}
        changes = {k: wire.get(k, v) for k, v in (op.changes or {}).items()}
        if base != op.base or changes != op.changes:
            tx.conn.execute(
                update(outbox)
                .where(outbox.c.client_seq == op.client_seq)
                .values(base=base, changes=changes)
            )


def _secure_delete(tx: Tx) -> None:
    # Freed cell space is zeroed instead of left readable in the file.
    tx.conn.execute(text("PRAGMA secure_delete = ON"))


def _checkpoint(store: Store) -> None:
    """Fold the WAL into the database file and truncate it (old page images go away)."""
    # Outside any SQLAlchemy transaction: the engine's "begin" hook would wrap it in
    # BEGIN IMMEDIATE, and SQLite refuses to checkpoint inside a transaction.
    raw = store.engine.raw_connection()
    try:
        busy = raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy and busy[0]:
            # A reader still holds old pages; the next checkpoint (automatic) folds them.
            log.info("wal checkpoint after a wipe was partial (a reader is open)")
    except sqlite3.Error:
        log.warning("wal checkpoint after a wipe failed", exc_info=True)
    finally:
        raw.close()


# --- Service ---------------------------------------------------------------------------


class PrivacyService:
    """Retention, erasure and access (export) for participants."""

    def __init__(self, store: Store, *, batch_size: int = 100) -> None:
        self._store = store
        self.batch_size = batch_size

    def anonymise_expired(self, today: date | None = None) -> Result[int]:
        """Anonymise every participant whose ``retention_until`` is before ``today``.

        Identifiers are wiped (see the module docstring); attendance rows and counts stay,
        so the statistics do not change. A parent with a device still on loan is skipped
        (the loan is a reason to keep the record) and counted in the audit event.

        Runs in transactions of ``batch_size`` parents; an interruption leaves the finished
        batches done and the rest for the next run.

        Returns:
            How many participants were anonymised.
        """
        today = today or today_of(self._store)
        with self._store.read() as conn:
            expired = list(
                conn.execute(
                    select(P.c.id)
                    .where(
                        P.c.deleted.is_(False),
                        P.c.anonymised.is_(False),
                        P.c.retention_until.is_not(None),
                        P.c.retention_until < today,
                    )
                    .order_by(P.c.retention_until, P.c.id)
                ).scalars()
            )
        done = skipped = 0
        changes: set[str] = set()
        # Batches keep each write transaction short: the check-in screen must never wait
        # on the busy timeout behind a long anonymisation run.
        for i in range(0, len(expired), self.batch_size):
            with self._store.write() as tx:
                _secure_delete(tx)
                for row_id in expired[i : i + self.batch_size]:
                    p = tx.get(Participant, row_id)
                    if p is None or p.anonymised:
                        continue  # changed since the list was read
                    if _open_loans(tx, p.id):
                        skipped += 1
                        continue
                    _wipe(tx, p)
                    done += 1
                changes |= tx.changes
        if done or skipped:
            with self._store.write() as tx:
                tx.audit(
                    "anonymise_expired",
                    "participant",
                    None,
                    f"anonymised={done} skipped_open_loans={skipped}",
                )
        if done:
            _checkpoint(self._store)
            clear_fold_cache()
        log.info("retention: %d participants anonymised, %d skipped (open loans)", done, skipped)
        return Result(done, frozenset(changes))

    def anonymise(self, participant_id: UUID) -> Result[Participant]:
        """Anonymise one participant now (at their request or the mediator's decision).

        Same wipe as the retention run (see the module docstring): identifiers go, the
        record and its statistics stay. One transaction; the outbox is scrubbed.

        Raises:
            NotFoundError: no such participant.
            BusinessRuleError: already anonymised, or a device is still on loan to them.
        """
        with self._store.write() as tx:
            _secure_delete(tx)
            p = tx.require(Participant, participant_id)
            if p.anonymised:
                raise BusinessRuleError(texts.text("Cette fiche est déjà anonymisée."))
            if _open_loans(tx, participant_id):
                raise BusinessRuleError(
                    texts.text(
                        "Cette personne a encore un équipement prêté : enregistrez d’abord son "
                        "retour, puis anonymisez la fiche."
                    )
                )
            _wipe(tx, p)
            tx.audit("anonymise", "participant", participant_id)
            res = result(tx.require(Participant, participant_id), tx)
        _checkpoint(self._store)
        clear_fold_cache()
        return res

    def erase(self, participant_id: UUID) -> Result[ErasureReport]:
        """Erase a participant at their request (right to erasure).

        The record is wiped, then tombstoned with a ``delete`` op the server applies too.
        Their attendance rows are deliberately *kept*: they point at a wiped tombstone, so
        they identify nobody, and deleting them would change the workshops' figures already
        reported to the académie (and could make a held workshop invalid). Their
        registrations are wiped and kept; those to workshops still planned are cancelled,
        which promotes the waitlist.

        Raises:
            NotFoundError: no such participant.
            BusinessRuleError: a device is still on loan to them.
        """
        with self._store.write() as tx:
            _secure_delete(tx)
            p = tx.require(Participant, participant_id)
            if _open_loans(tx, participant_id):
                raise BusinessRuleError(OPEN_LOAN_MESSAGE)
            regs, handouts = _wipe(tx, p)
            cancelled = 0
            for reg in regs:
                if reg.status is RegistrationStatus.CANCELLED:
                    continue
                workshop = tx.get(Workshop, reg.workshop_id)
                if workshop is not None and workshop.status is WorkshopStatus.PLANNED:
                    current = tx.require(Registration, reg.id)
                    cancel_registration(tx, current)
                    cancelled += 1
            tx.delete(tx.require(Participant, participant_id))
            kept = len(entities_where(tx, Attendance, A, A.c.participant_id == participant_id))
            report = ErasureReport(participant_id, len(regs), cancelled, handouts, kept)
            tx.audit(
                "erase",
                "participant",
                participant_id,
                f"registrations={len(regs)} cancelled={cancelled} handouts={handouts} "
                f"attendance_kept={kept}",
            )
            res = result(report, tx)
        _checkpoint(self._store)
        clear_fold_cache()
        return res

    def export_person(self, participant_id: UUID) -> dict[str, Any]:
        """Everything held about one person, as JSON-ready data (right of access).

        Includes the record, consent, registrations and attendance (with workshop titles and
        dates), handouts (without the signature image, with the agreement hash) and the
        records merged into this one. The export is journaled (without personal data).

        Raises:
            NotFoundError: no such participant (or erased).
        """
        now = self._store.clock()
        with self._store.read() as conn:
            prow = conn.execute(select(P).where(P.c.id == participant_id)).mappings().first()
            if prow is None or prow["deleted"]:
                raise NotFoundError(
                    texts.text("Cette fiche n’existe plus (elle a peut-être été effacée).")
                )
            merged = [
                r["id"]
                for r in conn.execute(select(P.c.id).where(P.c.merged_into == participant_id))
                .mappings()
                .all()
            ]
            ids = [participant_id, *merged]
            regs = (
                conn.execute(
                    select(R, W.c.title.label("_title"), W.c.date.label("_date"))
                    .select_from(R.join(W, W.c.id == R.c.workshop_id))
                    .where(R.c.participant_id.in_(ids), R.c.deleted.is_(False))
                    .order_by(W.c.date, R.c.registered_at)
                )
                .mappings()
                .all()
            )
            atts = (
                conn.execute(
                    select(A, W.c.title.label("_title"), W.c.date.label("_date"))
                    .select_from(A.join(W, W.c.id == A.c.workshop_id))
                    .where(A.c.participant_id.in_(ids), A.c.deleted.is_(False))
                    .order_by(W.c.date)
                )
                .mappings()
                .all()
            )
            handouts = (
                conn.execute(
                    select(H)
                    .where(H.c.guardian_id.in_(ids), H.c.deleted.is_(False))
                    .order_by(H.c.handed_at)
                )
                .mappings()
                .all()
            )
            merged_rows = conn.execute(select(P).where(P.c.id.in_(merged))).mappings().all()

        person = entity_from_row(Participant, prow)
        data: dict[str, Any] = {
            "format": "tne-mediation/export-personne",
            "format_version": EXPORT_FORMAT_VERSION,
            "exported_at": now.isoformat(),
            "participant": {"id": str(person.id), **to_wire(person)},
            "consent": {
                "date": _iso(person.consent_date),
                "purposes": [p.value for p in person.consent_purposes],
                "mode": person.consent_mode.value if person.consent_mode else None,
                "notice_version": person.notice_version,
            },
            "registrations": [
                {
                    "id": str(r["id"]),
                    "workshop_id": str(r["workshop_id"]),
                    "workshop_title": r["_title"],
                    "workshop_date": _iso(r["_date"]),
                    "status": r["status"],
                    "waitlist_rank": r["waitlist_rank"],
                    "channel": r["channel"],
                    "registered_at": _iso(entity_from_row(Registration, r).registered_at),
                }
                for r in regs
            ],
            "attendance": [
                {
                    "workshop_id": str(a["workshop_id"]),
                    "workshop_title": a["_title"],
                    "workshop_date": _iso(a["_date"]),
                    "status": a["status"],
                    "children_count": a["children_count"],
                }
                for a in atts
            ],
            "handouts": [_handout_export(entity_from_row(Handout, h)) for h in handouts],
            "merged_records": [
                {"id": str(m["id"]), **to_wire(entity_from_row(Participant, m))}
                for m in merged_rows
            ],
        }
        with self._store.write() as tx:
            tx.audit(
                "export_person",
                "participant",
                participant_id,
                f"registrations={len(regs)} attendance={len(atts)} handouts={len(handouts)}",
            )
        return data


def _iso(value: Any) -> str | None:
    return None if value is None else str(value.isoformat())


def _handout_export(h: Handout) -> dict[str, Any]:
    data = {"id": str(h.id), **to_wire(h)}
    data.pop("signature_png", None)
    data["signature_present"] = h.signature_png is not None
    return data
