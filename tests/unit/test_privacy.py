from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, update

from mediator_app.core.entities import Child, Handout, Participant, Workshop
from mediator_app.core.enums import (
    ConsentMode,
    ConsentPurpose,
    Presence,
    RegistrationStatus,
    SchoolLevel,
    Theme,
    WorkshopStatus,
)
from mediator_app.core.errors import BusinessRuleError, NotFoundError
from mediator_app.local_store import Store
from mediator_app.local_store.db import DB_FILENAME
from mediator_app.local_store.schema import audit_event, entity_tables, outbox
from mediator_app.local_store.services.attendance import AttendanceService
from mediator_app.local_store.services.participants import ParticipantService
from mediator_app.local_store.services.privacy import PrivacyService
from mediator_app.local_store.services.registrations import RegistrationService
from mediator_app.local_store.services.workshops import WorkshopService

# Distinctive strings, so finding them in the raw database file means a real leak.
FIRST, LAST, PHONE, EMAIL = "Qwertzuia", "Xylophonix", "0611223344", "xylo.qwertz@example.org"
E164 = "+33611223344"


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def _workshop(store: Store, day: date, title: str, capacity: int | None = None) -> Workshop:
    return (
        WorkshopService(store)
        .create(
            Workshop(
                title=title,
                date=day,
                themes=(Theme.PARENTALITE,),
                commune="Sarcelles",
                capacity=capacity,
            )
        )
        .value
    )


def _acknowledge_everything(store: Store) -> None:
    """As if the sync engine had pushed every op and the server had acknowledged it."""
    with store.engine.begin() as conn:
        conn.execute(update(outbox).values(state="acked", attempts=1))


def _raw_db_bytes(data_dir: Path) -> bytes:
    blob = b""
    for suffix in ("", "-wal"):
        path = data_dir / f"{DB_FILENAME}{suffix}"
        if path.exists():
            blob += path.read_bytes()
    return blob


def _handout(store: Store, guardian: Participant, *, returned: bool) -> Handout:
    with store.write() as tx:
        return tx.insert(
            Handout(
                guardian_id=guardian.id,
                pupil_first_name="Pupilnamea" if guardian.last_name == LAST else "Enfant",
                pupil_last_name=guardian.last_name,
                device_ids=(guardian.id,),
                handed_at=_at(date(2023, 1, 10)),
                expected_return=date(2023, 7, 1),
                returned_at=_at(date(2023, 6, 30)) if returned else None,
                agreement_hash="ab" * 32,
                agreement_text=f"Je soussigné {guardian.full_name}…",
                signature_png=b"\x89PNG-signature",
                signer_name=guardian.full_name,
            )
        )


def test_anonymise_expired_wipes_identifiers_and_keeps_statistics(
    store: Store, data_dir: Path
) -> None:
    store.clock = lambda: _at(date(2023, 1, 10))
    people = ParticipantService(store)
    old = people.create(
        Participant(
            first_name=FIRST,
            last_name=LAST,
            phone=PHONE,
            email=EMAIL,
            commune="Garges-lès-Gonesse",
            notes=f"Appeler {FIRST}",
            children=(Child("Kidnamezq", SchoolLevel.COLLEGE),),
        )
    ).value
    on_loan = people.create(Participant(first_name="Lina", last_name="Prêt")).value
    w = _workshop(store, date(2023, 1, 10), "Pronote")
    AttendanceService(store).mark(w.id, old.id, children_count=2)
    WorkshopService(store).mark_held(w.id)
    closed = _handout(store, old, returned=True)
    _handout(store, on_loan, returned=False)
    store.clock = lambda: _at(date(2026, 5, 10))
    recent = people.create(Participant(first_name="Awa", last_name="Récente")).value
    _acknowledge_everything(store)
    assert old.retention_until == date(2025, 1, 10)

    # One parent per transaction: the expired parent and the one with a loan out.
    res = PrivacyService(store, batch_size=1).anonymise_expired(date(2026, 5, 10))
    assert res.value == 1 and res.changes == {"participant", "handout"}

    p_table, a_table = entity_tables["participant"], entity_tables["attendance"]
    with store.read() as conn:
        row = conn.execute(select(p_table).where(p_table.c.id == old.id)).mappings().one()
        att = conn.execute(select(a_table)).mappings().all()
        ops = (
            conn.execute(
                select(outbox).where(outbox.c.state == "pending").order_by(outbox.c.client_seq)
            )
            .mappings()
            .all()
        )
        audit = (
            conn.execute(select(audit_event).where(audit_event.c.action == "anonymise_expired"))
            .mappings()
            .one()
        )
    assert (row["first_name"], row["last_name"], row["phone"], row["email"]) == ("", "", None, None)
    assert row["notes"] == "" and row["anonymised"] and not row["deleted"]
    assert row["children"] == [{"first_name": "", "school_level": "college", "school_id": None}]
    assert row["commune"] == "Garges-lès-Gonesse"  # statistics by commune stay
    # Statistics stay: the attendance row and its children count.
    assert [(a["participant_id"], a["status"], a["children_count"]) for a in att] == [
        (old.id, Presence.PRESENT.value, 2)
    ]
    assert WorkshopService(store).row(w.id).present == 1  # type: ignore[union-attr]
    # Ordinary update ops carry the wipe to the server, without the old values.
    assert [(o["entity"], o["kind"], o["row_id"]) for o in ops] == [
        ("participant", "update", old.id),
        ("handout", "update", closed.id),
    ]
    assert ops[0]["changes"]["first_name"] == "" and ops[0]["changes"]["phone"] is None
    assert ops[0]["changes"]["anonymised"] is True
    assert "first_name" not in ops[0]["base"] and "phone" not in ops[0]["base"]
    assert ops[1]["changes"]["signature_png"] is None and ops[1]["changes"]["signer_name"] == ""
    assert audit["detail"] == "anonymised=1 skipped_open_loans=1"

    # The parent with a loan still out and the recent one are untouched.
    assert people.get(on_loan.id).last_name == "Prêt"  # type: ignore[union-attr]
    assert people.get(recent.id).last_name == "Récente"  # type: ignore[union-attr]
    # The handout keeps its agreement hash but loses names and signature.
    with store.read() as conn:
        h = entity_tables["handout"]
        hrow = conn.execute(select(h).where(h.c.id == closed.id)).mappings().one()
    assert hrow["agreement_hash"] == "ab" * 32 and hrow["signature_png"] is None
    assert hrow["pupil_last_name"] == "" and hrow["agreement_text"] == ""

    # Nothing of the person is left anywhere in the database file (rows, outbox, WAL).
    raw = _raw_db_bytes(data_dir)
    for secret in (FIRST, LAST, E164, EMAIL, "Kidnamezq", "Pupilnamea"):
        assert secret.encode() not in raw, secret

    # Running it again finds nothing new.
    assert PrivacyService(store).anonymise_expired(date(2026, 5, 10)).value == 0


def test_erase_tombstones_wipes_cancels_and_keeps_attendance(store: Store) -> None:
    store.clock = lambda: _at(date(2026, 5, 10))
    people = ParticipantService(store)
    person = people.create(
        Participant(first_name=FIRST, last_name=LAST, phone=PHONE, email=EMAIL)
    ).value
    waiting = people.create(Participant(first_name="Zoé", last_name="Attente")).value
    past = _workshop(store, date(2026, 5, 2), "Atelier passé")
    coming = _workshop(store, date(2026, 6, 2), "Atelier à venir", capacity=1)
    regs = RegistrationService(store)
    regs.register(past.id, person.id)
    AttendanceService(store).mark(past.id, person.id, children_count=1)
    WorkshopService(store).mark_held(past.id)
    regs.register(coming.id, person.id)
    assert regs.register(coming.id, waiting.id).value.status is RegistrationStatus.WAITLIST
    _handout(store, person, returned=True)
    _acknowledge_everything(store)

    report = PrivacyService(store).erase(person.id).value
    assert (report.registrations_wiped, report.registrations_cancelled) == (2, 1)
    assert (report.handouts_wiped, report.attendance_kept) == (1, 1)
    assert people.get(person.id) is None
    # The waitlisted parent took the freed place in the same transaction.
    assert [r.display_name for r in regs.list(coming.id)] == ["Zoé Attente"]
    assert regs.list(coming.id)[0].registration.status is RegistrationStatus.REGISTERED
    # The held workshop still counts the erased parent's presence.
    assert WorkshopService(store).row(past.id).present == 1  # type: ignore[union-attr]
    assert WorkshopService(store).get(past.id).status is WorkshopStatus.HELD  # type: ignore[union-attr]

    p_table = entity_tables["participant"]
    with store.read() as conn:
        row = conn.execute(select(p_table).where(p_table.c.id == person.id)).mappings().one()
        kinds = [
            r.kind
            for r in conn.execute(
                select(outbox.c.kind)
                .where(outbox.c.row_id == person.id, outbox.c.state == "pending")
                .order_by(outbox.c.client_seq)
            )
        ]
    assert row["deleted"] and row["first_name"] == "" and row["email"] is None
    assert kinds == ["update", "delete"]
    with pytest.raises(NotFoundError):
        PrivacyService(store).export_person(person.id)


def test_erase_refused_while_a_device_is_on_loan(store: Store) -> None:
    person = ParticipantService(store).create(Participant(last_name=LAST)).value
    _handout(store, person, returned=False)
    with pytest.raises(BusinessRuleError) as err:
        PrivacyService(store).erase(person.id)
    assert err.value.message == (
        "Cette personne a encore un équipement prêté : enregistrez d’abord son retour, "
        "puis effacez la fiche."
    )
    assert ParticipantService(store).get(person.id) is not None


def test_export_person_is_complete_json(store: Store) -> None:
    store.clock = lambda: _at(date(2026, 5, 10))
    people = ParticipantService(store)
    person = people.create(
        Participant(first_name=FIRST, last_name=LAST, phone=PHONE, commune="Sarcelles")
    ).value
    people.record_consent(
        person.id,
        on=date(2026, 5, 1),
        purposes=(ConsentPurpose.SUIVI, ConsentPurpose.PRET_MATERIEL),
        mode=ConsentMode.SIGNED,
        notice_version="2026-01",
    )
    dup = people.create(Participant(first_name=FIRST.lower(), last_name=LAST)).value
    w1 = _workshop(store, date(2026, 3, 5), "Pronote en famille")
    w2 = _workshop(store, date(2026, 6, 9), "Contrôle parental")
    AttendanceService(store).mark(w1.id, dup.id, children_count=2)
    RegistrationService(store).register(w2.id, person.id)
    handout = _handout(store, person, returned=True)
    people.merge(person.id, dup.id)

    data = PrivacyService(store).export_person(person.id)
    text = json.dumps(data, ensure_ascii=False)  # JSON-serialisable as is
    assert "signature_png" not in text and "PNG-signature" not in text
    assert data["exported_at"] == "2026-05-10T12:00:00+00:00"
    assert data["participant"]["phone"] == E164
    assert data["participant"]["last_name"] == LAST
    assert data["consent"] == {
        "date": "2026-05-01",
        "purposes": ["suivi", "pret_materiel"],
        "mode": "signe",
        "notice_version": "2026-01",
    }
    assert [
        (a["workshop_title"], a["workshop_date"], a["status"], a["children_count"])
        for a in data["attendance"]
    ] == [("Pronote en famille", "2026-03-05", "present", 2)]
    assert [
        (r["workshop_title"], r["workshop_date"], r["status"]) for r in data["registrations"]
    ] == [("Contrôle parental", "2026-06-09", "registered")]
    (h,) = data["handouts"]
    assert h["id"] == str(handout.id) and h["agreement_hash"] == "ab" * 32
    assert h["signature_present"] is True and h["signer_name"] == f"{FIRST} {LAST}"
    assert [m["id"] for m in data["merged_records"]] == [str(dup.id)]
    with store.read() as conn:
        audit = conn.execute(
            select(audit_event.c.detail).where(audit_event.c.action == "export_person")
        ).scalar_one()
    assert audit == "registrations=1 attendance=1 handouts=1"
    assert FIRST not in audit and LAST not in audit


@pytest.mark.parametrize("action", ["erase", "anonymise"])
def test_wiping_a_parent_wipes_the_duplicates_merged_into_them(
    store: Store, data_dir: Path, action: str
) -> None:
    people = ParticipantService(store)
    kept = people.create(Participant(first_name="Awa", last_name="Traoré")).value
    dup = people.create(Participant(first_name=FIRST, last_name=LAST, phone=PHONE)).value
    older = people.create(Participant(first_name="Oldfirstname", last_name=LAST)).value
    people.merge(dup.id, older.id)  # a chain: older -> dup -> kept
    people.merge(kept.id, dup.id)
    _acknowledge_everything(store)

    getattr(PrivacyService(store), action)(kept.id)

    p_table = entity_tables["participant"]
    with store.read() as conn:
        rows = {
            r["id"]: r
            for r in conn.execute(
                select(p_table).where(p_table.c.id.in_([dup.id, older.id]))
            ).mappings()
        }
    for row in rows.values():
        assert row["deleted"] and row["anonymised"]
        assert (row["first_name"], row["last_name"], row["phone"]) == ("", "", None)
    assert len(rows) == 2
    # Nothing of the duplicates is left anywhere in the file (rows, outbox, WAL).
    raw = _raw_db_bytes(data_dir)
    for secret in (FIRST, LAST, E164, "Oldfirstname"):
        assert secret.encode() not in raw, secret
