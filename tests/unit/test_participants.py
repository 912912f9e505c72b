from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from mediator_app.core.entities import (
    Attendance,
    Child,
    Handout,
    Participant,
    Registration,
    Workshop,
    attendance_id,
)
from mediator_app.core.enums import (
    ConsentMode,
    ConsentPurpose,
    Presence,
    RegistrationStatus,
    SchoolLevel,
    Theme,
)
from mediator_app.core.errors import BusinessRuleError, ValidationError
from mediator_app.local_store import Store
from mediator_app.local_store.schema import entity_tables, outbox
from mediator_app.local_store.services.participants import (
    ParticipantFilter,
    ParticipantService,
    add_months,
    fold,
)
from mediator_app.local_store.services.workshops import WorkshopService

NOON = datetime(2026, 5, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def svc(store: Store) -> ParticipantService:
    store.clock = lambda: NOON
    return ParticipantService(store)


def _ops(store: Store) -> list[dict[str, object]]:
    with store.read() as conn:
        rows = conn.execute(select(outbox).order_by(outbox.c.client_seq)).mappings().all()
    return [dict(r) for r in rows]


def _workshop(store: Store, day: date, title: str = "Atelier Pronote") -> Workshop:
    return (
        WorkshopService(store)
        .create(Workshop(title=title, date=day, themes=(Theme.PARENTALITE,), commune="Sarcelles"))
        .value
    )


def test_create_normalises_phone_email_and_sets_retention(
    store: Store, svc: ParticipantService
) -> None:
    res = svc.create(
        Participant(
            first_name=" Awa ",
            last_name="Diallo",
            phone="06 12 34 56 78",
            email=" Awa.Diallo@Example.FR ",
        )
    )
    p = res.value
    assert p.phone == "+33612345678"
    assert p.email == "awa.diallo@example.fr"
    assert p.first_name == "Awa"
    assert p.last_contact_at == date(2026, 5, 10)
    assert p.retention_until == date(2028, 5, 10)  # default 24 months
    assert p.department_code == "95" and p.structure_id is not None
    assert res.changes == {"participant"}
    ops = _ops(store)
    assert [(o["entity"], o["kind"]) for o in ops] == [("participant", "create")]
    changes = ops[0]["changes"]
    assert isinstance(changes, dict) and changes["phone"] == "+33612345678"


def test_overseas_phone_and_retention_setting(store: Store) -> None:
    store.clock = lambda: NOON
    svc = ParticipantService(store, retention_months=12)
    p = svc.create(Participant(last_name="Jean-Baptiste", phone="0690 12 34 56")).value
    assert p.phone == "+590690123456"
    assert p.retention_until == date(2027, 5, 10)


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"last_name": "Martin", "phone": "12 34"},
            "phone",
            "Ce numéro de téléphone n’est pas un numéro français valide.",
        ),
        (
            {"last_name": "Martin", "email": "martin@"},
            "email",
            "Cette adresse e-mail n’est pas valide.",
        ),
        (
            {"first_name": "  ", "last_name": ""},
            "last_name",
            "Indiquez au moins un nom ou un prénom.",
        ),
        (
            {"last_name": "Martin", "notes": "x" * 501},
            "notes",
            "Les notes sont limitées à 500 caractères : notez seulement ce qui est "
            "nécessaire au suivi, sans jugement ni donnée sensible.",
        ),
        (
            {"last_name": "Martin", "consent_purposes": (ConsentPurpose.SUIVI,)},
            "consent_date",
            "Indiquez la date du consentement.",
        ),
    ],
)
def test_create_validation_messages_and_nothing_saved(
    store: Store, svc: ParticipantService, values: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as err:
        svc.create(Participant(**values))  # type: ignore[arg-type]
    assert err.value.errors[field] == message
    assert _ops(store) == []
    assert svc.search(ParticipantFilter()).total == 0


def test_update_normalises_and_refuses_anonymised(store: Store, svc: ParticipantService) -> None:
    p = svc.create(Participant(first_name="Lina", last_name="Benali")).value
    updated = svc.update(p.id, phone="+33 7 11 22 33 44", commune=" Garges ").value
    assert updated.phone == "+33711223344" and updated.commune == "Garges"
    with pytest.raises(ValidationError) as err:
        svc.update(p.id, email="pas-une-adresse")
    assert err.value.errors == {"email": "Cette adresse e-mail n’est pas valide."}
    with store.write() as tx:
        tx.update(tx.require(Participant, p.id), anonymised=True)
    with pytest.raises(BusinessRuleError) as rule:
        svc.update(p.id, commune="Paris")
    assert rule.value.message == "Cette fiche a été anonymisée : elle ne peut plus être modifiée."


def test_record_consent(svc: ParticipantService) -> None:
    p = svc.create(Participant(first_name="Lina", last_name="Benali")).value
    with pytest.raises(ValidationError) as err:
        svc.record_consent(
            p.id, on=date(2026, 6, 1), purposes=(), mode=ConsentMode.ORAL, notice_version=""
        )
    assert err.value.errors == {
        "consent_purposes": "Cochez au moins une finalité du consentement.",
        "notice_version": "Indiquez la version de la notice d’information remise.",
        "consent_date": "La date du consentement ne peut pas être dans le futur.",
    }
    done = svc.record_consent(
        p.id,
        on=date(2026, 5, 2),
        purposes=(ConsentPurpose.SUIVI, ConsentPurpose.CONTACT),
        mode=ConsentMode.SIGNED,
        notice_version="2026-01",
    ).value
    assert done.consent_date == date(2026, 5, 2)
    assert done.consent_purposes == (ConsentPurpose.SUIVI, ConsentPurpose.CONTACT)
    assert done.consent_mode is ConsentMode.SIGNED and done.notice_version == "2026-01"


def test_possible_duplicates_ignore_accents_case_and_order(svc: ParticipantService) -> None:
    same = svc.create(
        Participant(first_name="Élodie", last_name="Le Gall-Durand", phone="0611111111")
    ).value
    phone_only = svc.create(
        Participant(first_name="Marc", last_name="Le Gall", phone="06 22 22 22 22")
    ).value
    svc.create(Participant(first_name="Elodie", last_name="Martin", phone="0633333333"))
    matches = svc.possible_duplicates("ELODIE", "le gall durand", "06.11.11.11.11")
    assert [(m.participant.id, m.same_name, m.same_phone) for m in matches] == [
        (same.id, True, True)
    ]
    swapped = svc.possible_duplicates("Le Gall Durand", "elodie")
    assert [m.participant.id for m in swapped] == [same.id]
    by_phone = svc.possible_duplicates("Zoé", "Autre", "0622222222")
    assert [(m.participant.id, m.same_name, m.same_phone) for m in by_phone] == [
        (phone_only.id, False, True)
    ]
    assert svc.possible_duplicates("Nadia", "Inconnue", "0699999999") == []


def test_search_names_commune_and_phone_digits(svc: ParticipantService) -> None:
    svc.create(Participant(first_name="Éloïse", last_name="Martin", commune="Sarcelles"))
    svc.create(Participant(first_name="Karim", last_name="Haddad", phone="07 45 67 89 01"))
    for i in range(5):
        svc.create(Participant(first_name=f"Parent{i}", last_name="Zidane", commune="Garges"))
    assert [
        r.participant.first_name for r in svc.search(ParticipantFilter(text="eloise")).rows
    ] == ["Éloïse"]
    assert svc.search(ParticipantFilter(text="sarcel")).total == 1
    assert svc.search(ParticipantFilter(text="07 45 67")).rows[0].participant.last_name == "Haddad"
    assert svc.search(ParticipantFilter(text="4567")).total == 1
    assert svc.search(ParticipantFilter(text="martin eloise")).total == 1
    assert svc.search(ParticipantFilter(text="martin karim")).total == 0
    page = svc.search(ParticipantFilter(commune="garges"), offset=2, limit=2)
    assert page.total == 5 and len(page.rows) == 2 and page.has_more
    assert [r.participant.first_name for r in page.rows] == ["Parent2", "Parent3"]


def test_merge_keeps_history_and_tombstones_duplicate(
    store: Store, svc: ParticipantService
) -> None:
    w1 = _workshop(store, date(2026, 3, 5), "Pronote")
    w2 = _workshop(store, date(2026, 4, 9), "ENT")
    w3 = _workshop(store, date(2026, 4, 20), "Réseaux sociaux")
    keep = svc.create(
        Participant(
            first_name="Fatou",
            last_name="Sow",
            last_contact_at=date(2026, 3, 5),
            children=(Child("Ali", SchoolLevel.COLLEGE),),
        )
    ).value
    dup = svc.create(
        Participant(
            first_name="fatou",
            last_name="SOW",
            phone="0612345678",
            notes="Préfère être appelée le matin",
            children=(Child("Ali", SchoolLevel.COLLEGE), Child("Awa", SchoolLevel.ELEMENTAIRE)),
            last_contact_at=date(2026, 4, 20),
        )
    ).value
    keep_old_att = attendance_id(w1.id, keep.id)
    with store.write() as tx:
        # Both records attended w1 (folded: present beats absent, children max);
        # only the duplicate attended w2 (moved); a registration to w3 and a handout move.
        tx.insert(
            Attendance(
                id=keep_old_att,
                workshop_id=w1.id,
                participant_id=keep.id,
                status=Presence.ABSENT,
            )
        )
        for w, kids in ((w1, 2), (w2, 1)):
            tx.insert(
                Attendance(
                    id=attendance_id(w.id, dup.id),
                    workshop_id=w.id,
                    participant_id=dup.id,
                    children_count=kids,
                )
            )
        tx.insert(Registration(workshop_id=w3.id, participant_id=dup.id))
        tx.insert(Registration(workshop_id=w1.id, participant_id=keep.id))
        tx.insert(
            Registration(
                workshop_id=w1.id,
                participant_id=dup.id,
                status=RegistrationStatus.WAITLIST,
                waitlist_rank=1,
            )
        )
        handout = tx.insert(
            Handout(
                guardian_id=dup.id,
                device_ids=(keep.id,),
                handed_at=datetime(2026, 4, 20, 10, tzinfo=UTC),
                expected_return=date(2026, 7, 1),
            )
        )

    report = svc.merge(keep.id, dup.id).value
    assert (report.attendance_moved, report.attendance_folded, report.attendance_left) == (1, 1, 0)
    assert (report.registrations_moved, report.registrations_folded) == (1, 1)
    assert report.handouts_moved == 1
    kept = report.kept
    assert kept.phone == "+33612345678" and kept.notes == "Préfère être appelée le matin"
    assert [c.first_name for c in kept.children] == ["Ali", "Awa"]
    assert kept.last_contact_at == date(2026, 4, 20)
    assert kept.retention_until == date(2028, 4, 20)

    history = svc.history(keep.id)
    assert history is not None
    assert [(a.title, a.status, a.children_count) for a in history.attended] == [
        ("ENT", Presence.PRESENT, 1),
        ("Pronote", Presence.PRESENT, 2),
    ]
    assert {r.workshop_id for r in history.registrations} == {w1.id, w3.id}
    assert [h.id for h in history.handouts] == [handout.id]

    # The moved attendance has the id computed independently from (workshop, kept).
    with store.read() as conn:
        a = entity_tables["attendance"]
        rows = conn.execute(select(a.c.id, a.c.participant_id, a.c.deleted)).all()
        p = entity_tables["participant"]
        dup_row = conn.execute(select(p).where(p.c.id == dup.id)).mappings().one()
    live = {r.id for r in rows if not r.deleted}
    assert live == {attendance_id(w1.id, keep.id), attendance_id(w2.id, keep.id)}
    assert {r.id for r in rows if r.deleted} == {
        attendance_id(w1.id, dup.id),
        attendance_id(w2.id, dup.id),
    }
    assert dup_row["deleted"] and dup_row["merged_into"] == keep.id
    # The duplicate's tombstone keeps no identifier (what it held is now in the kept record).
    assert (dup_row["first_name"], dup_row["last_name"]) == ("", "")
    assert svc.get(dup.id) is None
    dup_ops = [o["kind"] for o in _ops(store) if o["row_id"] == dup.id]
    assert dup_ops == ["create", "delete"]  # merged_into folded into the pending create


def test_merge_refuses_same_record(svc: ParticipantService) -> None:
    p = svc.create(Participant(last_name="Sow")).value
    with pytest.raises(BusinessRuleError) as err:
        svc.merge(p.id, p.id)
    assert err.value.message == "Choisissez deux fiches différentes à fusionner."


def test_add_months_and_fold() -> None:
    assert add_months(date(2024, 2, 29), 24) == date(2026, 2, 28)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 2) == date(2027, 1, 15)
    assert fold("  Éloïse-Marie  D’Arc ") == "eloise marie d arc"
