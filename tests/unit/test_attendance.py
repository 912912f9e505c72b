from __future__ import annotations

import os
import subprocess
import sys
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mediator_app.core.entities import Participant, Workshop
from mediator_app.core.enums import Presence, RegistrationChannel, RegistrationStatus, Theme
from mediator_app.core.errors import BusinessRuleError, ValidationError
from mediator_app.local_store import Store, open_local_store
from mediator_app.local_store.schema import entity_tables, outbox
from mediator_app.local_store.services.attendance import AttendanceService
from mediator_app.local_store.services.participants import ParticipantService
from mediator_app.local_store.services.registrations import RegistrationService
from mediator_app.local_store.services.workshops import WorkshopService

NOON = datetime(2026, 5, 10, 12, 0, tzinfo=UTC)


def _workshop(store: Store, capacity: int | None = 10, day: date = date(2026, 5, 12)) -> Workshop:
    return (
        WorkshopService(store)
        .create(
            Workshop(
                title="Café des parents",
                date=day,
                themes=(Theme.PARENTALITE,),
                commune="Sarcelles",
                capacity=capacity,
            )
        )
        .value
    )


def _count(store: Store, entity: str) -> int:
    table = entity_tables[entity]
    with store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


@pytest.fixture
def parent(store: Store) -> Participant:
    store.clock = lambda: NOON
    return ParticipantService(store).create(Participant(first_name="Awa", last_name="Diallo")).value


def test_double_marking_is_one_row_with_the_shared_id(store: Store, parent: Participant) -> None:
    w = _workshop(store)
    first = AttendanceService(store).mark(w.id, parent.id).value
    second = AttendanceService(store).mark(w.id, parent.id, children_count=2).value
    # The id every laptop computes, written out independently of the code under test.
    namespace = uuid.UUID("5b0f3a52-4f4e-4c8e-9a55-7e1d0c2b9a10")
    expected = uuid.uuid5(namespace, f"attendance:{w.id}:{parent.id}")
    assert first.id == second.id == expected
    assert _count(store, "attendance") == 1
    assert second.children_count == 2 and second.arrived_at == first.arrived_at == NOON
    with store.read() as conn:
        ops = conn.execute(
            select(outbox.c.kind, outbox.c.changes).where(outbox.c.row_id == expected)
        ).all()
    assert len(ops) == 1 and ops[0].kind == "create" and ops[0].changes["children_count"] == 2


def test_marking_refreshes_contact_and_retention(store: Store, parent: Participant) -> None:
    assert parent.last_contact_at == date(2026, 5, 10)
    w = _workshop(store, day=date(2026, 5, 12))
    svc = AttendanceService(store, retention_months=24)
    svc.mark(w.id, parent.id)
    p = ParticipantService(store).get(parent.id)
    assert p is not None
    assert p.last_contact_at == date(2026, 5, 12)
    assert p.retention_until == date(2028, 5, 12)
    # An older workshop marked late never moves the last contact back.
    old = _workshop(store, day=date(2026, 1, 8))
    svc.mark(old.id, parent.id)
    p = ParticipantService(store).get(parent.id)
    assert p is not None and p.last_contact_at == date(2026, 5, 12)


def test_mark_rules_and_messages(store: Store, parent: Participant) -> None:
    w = _workshop(store)
    svc = AttendanceService(store)
    with pytest.raises(ValidationError) as err:
        svc.mark(w.id, parent.id, children_count=21)
    assert err.value.errors == {
        "children_count": "Le nombre d’enfants doit être compris entre 0 et 20."
    }
    WorkshopService(store).cancel(w.id)
    with pytest.raises(BusinessRuleError) as rule:
        svc.mark(w.id, parent.id)
    assert rule.value.message == "Cet atelier est annulé : on ne peut pas y noter de présences."
    assert _count(store, "attendance") == 0


def test_walk_in_creates_three_rows_even_when_full(store: Store, parent: Participant) -> None:
    w = _workshop(store, capacity=1)
    RegistrationService(store).register(w.id, parent.id)
    walk = AttendanceService(store).mark_walk_in(w.id, "Karim", "Haddad", "07 45 67 89 01", 3)
    done = walk.value
    assert done.participant.phone == "+33745678901"
    assert done.participant.last_contact_at == w.date
    assert done.registration.channel is RegistrationChannel.SUR_PLACE
    assert done.registration.status is RegistrationStatus.REGISTERED  # in the room: no waitlist
    assert done.attendance.children_count == 3
    assert walk.changes == {"participant", "registration", "attendance"}


def test_walk_in_refused_saves_nothing(store: Store, parent: Participant) -> None:
    w = _workshop(store)
    with pytest.raises(ValidationError) as err:
        AttendanceService(store).mark_walk_in(w.id, "Karim", "Haddad", "12 34")
    assert err.value.errors == {
        "phone": "Ce numéro de téléphone n’est pas un numéro français valide."
    }
    assert (_count(store, "participant"), _count(store, "registration")) == (1, 0)
    assert _count(store, "attendance") == 0


_CRASHING_WALK_IN = """
import sys
from pathlib import Path
from uuid import UUID
from mediator_app.local_store import open_local_store
from mediator_app.local_store.services.attendance import AttendanceService
store, _ = open_local_store(Path(sys.argv[1]))
AttendanceService(store).mark_walk_in(UUID(sys.argv[2]), "Karim", "Haddad")
"""


def test_walk_in_is_atomic_when_the_process_dies_midway(store: Store, data_dir: Path) -> None:
    w = _workshop(store)
    store.engine.dispose()
    # Row writes of a walk-in: participant, registration, attendance, participant contact.
    # Killing the process at the third (after participant and registration were written)
    # must leave neither behind, nor any of their outbox ops.
    env = {**os.environ, "TNE_CRASHPOINT": "after_row_write:3"}
    proc = subprocess.run(
        [sys.executable, "-c", _CRASHING_WALK_IN, str(data_dir), str(w.id)],
        env=env,
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 137, proc.stderr.decode()
    reopened, _ = open_local_store(data_dir)
    try:
        assert _count(reopened, "participant") == 0
        assert _count(reopened, "registration") == 0
        assert _count(reopened, "attendance") == 0
        with reopened.read() as conn:
            kinds = conn.execute(select(outbox.c.entity)).scalars().all()
        assert kinds == ["workshop"]
        # Without the crash point, the same walk-in goes through.
        assert AttendanceService(reopened).mark_walk_in(w.id, "Karim", "Haddad").value
        assert _count(reopened, "attendance") == 1
    finally:
        reopened.engine.dispose()


def test_mark_all_present_unmark_and_check_in_list(store: Store, parent: Participant) -> None:
    w = _workshop(store, capacity=3)
    psvc = ParticipantService(store)
    others = [
        psvc.create(Participant(first_name="Éloïse", last_name="Martin")).value,
        psvc.create(Participant(first_name="Bilal", last_name="Ézzine")).value,
        psvc.create(Participant(first_name="Zoé", last_name="Ba")).value,
    ]
    regs = RegistrationService(store)
    for p in (parent, *others):
        regs.register(w.id, p.id)  # the 4th (Zoé Ba) is waitlisted
    contact = regs.register_contact(w.id, "Mme Koné", "0698765432").value
    svc = AttendanceService(store)
    svc.mark(w.id, parent.id, children_count=2)
    assert svc.mark_all_present(w.id).value == 2  # Martin and Ézzine; Awa already present
    rows = svc.check_in_list(w.id)
    assert [
        (r.display_name, r.registration_status, r.presence, r.children_count) for r in rows
    ] == [
        ("Zoé Ba", RegistrationStatus.WAITLIST, None, 0),
        ("Awa Diallo", RegistrationStatus.REGISTERED, Presence.PRESENT, 2),
        ("Bilal Ézzine", RegistrationStatus.REGISTERED, Presence.PRESENT, 0),
        ("Éloïse Martin", RegistrationStatus.REGISTERED, Presence.PRESENT, 0),
        ("Mme Koné", RegistrationStatus.WAITLIST, None, 0),  # a quick contact: name as typed
    ]
    assert [r.display_name for r in svc.check_in_list(w.id, "ez")] == ["Bilal Ézzine"]
    assert [r.display_name for r in svc.check_in_list(w.id, "ELO")] == ["Éloïse Martin"]
    assert [r.display_name for r in svc.check_in_list(w.id, "kon")] == ["Mme Koné"]

    unmarked = svc.unmark(w.id, others[0].id).value
    assert unmarked is not None and unmarked.status is Presence.ABSENT
    assert unmarked.arrived_at is None
    assert svc.unmark(w.id, others[2].id).value is None
    assert len(svc.of_workshop(w.id)) == 3

    came = svc.mark_contact(contact.id, children_count=1).value
    assert came.participant.last_name == "Mme Koné" and came.participant.phone == "+33698765432"
    assert came.registration.participant_id == came.participant.id
    kone = [r for r in svc.check_in_list(w.id, "mme") if r.participant_id]
    assert kone[0].presence is Presence.PRESENT and kone[0].children_count == 1
