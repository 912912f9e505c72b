from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from mediator_app.core.entities import Participant, Workshop
from mediator_app.core.enums import RegistrationChannel, RegistrationStatus, Theme
from mediator_app.core.errors import BusinessRuleError, ValidationError
from mediator_app.local_store import Store
from mediator_app.local_store.schema import outbox
from mediator_app.local_store.services.participants import ParticipantService
from mediator_app.local_store.services.registrations import RegistrationService
from mediator_app.local_store.services.workshops import WorkshopService


def _workshop(store: Store, capacity: int | None = 2) -> Workshop:
    return (
        WorkshopService(store)
        .create(
            Workshop(
                title="Café des parents",
                date=date(2026, 12, 3),
                themes=(Theme.PARENTALITE,),
                commune="Sarcelles",
                capacity=capacity,
            )
        )
        .value
    )


def _parents(store: Store, n: int) -> list[Participant]:
    svc = ParticipantService(store)
    return [svc.create(Participant(first_name=f"P{i}", last_name="Test")).value for i in range(n)]


def test_capacity_then_waitlist_with_ranks(store: Store) -> None:
    w = _workshop(store, capacity=2)
    p = _parents(store, 4)
    svc = RegistrationService(store)
    regs = [svc.register(w.id, x.id).value for x in p]
    assert [r.status for r in regs] == [
        RegistrationStatus.REGISTERED,
        RegistrationStatus.REGISTERED,
        RegistrationStatus.WAITLIST,
        RegistrationStatus.WAITLIST,
    ]
    assert [r.waitlist_rank for r in regs] == [None, None, 1, 2]
    assert svc.places_left(w.id) == 0
    rows = svc.list(w.id)
    assert [r.display_name for r in rows] == ["P0 Test", "P1 Test", "P2 Test", "P3 Test"]


def test_cancel_promotes_lowest_rank_in_same_transaction(store: Store) -> None:
    w = _workshop(store, capacity=2)
    p = _parents(store, 4)
    svc = RegistrationService(store)
    regs = [svc.register(w.id, x.id).value for x in p]
    with store.read() as conn:
        before = conn.execute(select(outbox.c.client_seq)).all()

    # Cancelling a waitlisted registration promotes nobody.
    res = svc.cancel(regs[3].id).value
    assert res.promoted == ()
    # Cancelling a registered one promotes rank 1.
    res = svc.cancel(regs[0].id).value
    assert res.cancelled.status is RegistrationStatus.CANCELLED
    assert [r.id for r in res.promoted] == [regs[2].id]
    assert res.promoted[0].status is RegistrationStatus.REGISTERED
    assert res.promoted[0].waitlist_rank is None
    assert svc.places_left(w.id) == 0
    rows = svc.list(w.id)
    assert [(r.display_name, r.registration.status) for r in rows] == [
        ("P1 Test", RegistrationStatus.REGISTERED),
        ("P2 Test", RegistrationStatus.REGISTERED),
    ]
    assert len(svc.list(w.id, include_cancelled=True)) == 4
    with store.read() as conn:
        after = conn.execute(select(outbox.c.client_seq)).all()
    # The registration creates were still pending, so each change folded into them.
    assert len(after) == len(before)
    with pytest.raises(BusinessRuleError) as err:
        svc.cancel(regs[0].id)
    assert err.value.message == "Cette inscription est déjà annulée."


def test_cancel_then_register_again_reuses_the_registration(store: Store) -> None:
    w = _workshop(store, capacity=None)
    (p,) = _parents(store, 1)
    svc = RegistrationService(store)
    first = svc.register(w.id, p.id).value
    svc.cancel(first.id)
    again = svc.register(w.id, p.id).value
    assert again.id == first.id and again.status is RegistrationStatus.REGISTERED
    assert svc.places_left(w.id) is None


def test_double_registration_refused(store: Store) -> None:
    w = _workshop(store)
    (p,) = _parents(store, 1)
    svc = RegistrationService(store)
    svc.register(w.id, p.id)
    with pytest.raises(BusinessRuleError) as err:
        svc.register(w.id, p.id)
    assert err.value.message == "Cette personne est déjà inscrite à cet atelier."
    svc.register_contact(w.id, "Mme Koné", "06 98 76 54 32")
    with pytest.raises(BusinessRuleError) as err:
        svc.register_contact(w.id, "Madame Koné", "0698765432")
    assert err.value.message == "Cette personne est déjà inscrite à cet atelier."


def test_cancelled_workshop_refuses_registrations(store: Store) -> None:
    w = _workshop(store)
    (p,) = _parents(store, 1)
    WorkshopService(store).cancel(w.id)
    svc = RegistrationService(store)
    with pytest.raises(BusinessRuleError) as err:
        svc.register(w.id, p.id)
    assert err.value.message == "Cet atelier est annulé : il n’accepte plus d’inscriptions."
    with pytest.raises(BusinessRuleError):
        svc.register_contact(w.id, "Mme Koné")


def test_quick_contact_validation_and_listing(store: Store) -> None:
    w = _workshop(store, capacity=1)
    svc = RegistrationService(store)
    with pytest.raises(ValidationError) as err:
        svc.register_contact(w.id, "  ")
    assert err.value.errors == {"contact_name": "Indiquez le nom de la personne à inscrire."}
    with pytest.raises(ValidationError) as err:
        svc.register_contact(w.id, "M. Traoré", "123")
    assert err.value.errors == {
        "contact_phone": "Ce numéro de téléphone n’est pas un numéro français valide."
    }
    reg = svc.register_contact(
        w.id, " M. Traoré ", "07 12 34 56 78", channel=RegistrationChannel.ECOLE
    ).value
    assert reg.contact_phone == "+33712345678" and reg.contact_name == "M. Traoré"
    assert reg.channel is RegistrationChannel.ECOLE
    second = svc.register_contact(w.id, "Mme Diop").value
    assert second.status is RegistrationStatus.WAITLIST and second.waitlist_rank == 1
    rows = svc.list(w.id)
    assert [(r.display_name, r.phone, r.is_quick_contact) for r in rows] == [
        ("M. Traoré", "+33712345678", True),
        ("Mme Diop", None, True),
    ]


def test_fill_from_waitlist_after_capacity_grows(store: Store) -> None:
    w = _workshop(store, capacity=1)
    p = _parents(store, 3)
    svc = RegistrationService(store)
    for x in p:
        svc.register(w.id, x.id)
    # Growing the capacity promotes the first waitlisted in the same action.
    WorkshopService(store).update(w.id, capacity=2)
    statuses = {r.registration.participant_id: r.registration.status for r in svc.list(w.id)}
    assert statuses[p[1].id] is RegistrationStatus.REGISTERED
    assert statuses[p[2].id] is RegistrationStatus.WAITLIST
    assert svc.places_left(w.id) == 0
    assert svc.fill_from_waitlist(w.id).value == ()
