from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time

from sqlalchemy import insert, update

from mediator_app.core.entities import (
    AnonymousCounts,
    Attendance,
    Handout,
    Participant,
    Structure,
    Workshop,
    anonymous_counts_id,
    attendance_id,
)
from mediator_app.core.enums import (
    EndReason,
    HandoutNature,
    Presence,
    Theme,
    WorkshopFormat,
    WorkshopStatus,
)
from mediator_app.local_store import Store
from mediator_app.local_store.schema import attention_item, outbox
from mediator_app.local_store.services.queries import QueryService, SplitLine
from mediator_app.local_store.services.registrations import RegistrationService
from mediator_app.local_store.state import set_state

T_PARENT = Theme.PARENTALITE.value
T_SECU = Theme.SECURITE_NUMERIQUE.value
T_RS = Theme.RESEAUX_SOCIAUX.value


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _seed_dashboard(store: Store) -> tuple[Structure, Structure]:
    """The fixed fixture of the dashboard test, written straight through the unit of work
    (the figures must not depend on the services' own rules)."""
    s1 = Structure(name="Collège Jean Moulin", commune="Sarcelles")
    s2 = Structure(name="Centre social Les Linandes", commune="Cergy")
    people = {k: Participant(first_name=k, last_name="Test") for k in "ABCDE"}

    def ws(day: date, status: WorkshopStatus, structure: Structure, **kw: object) -> Workshop:
        values: dict[str, object] = {
            "title": f"Atelier du {day}",
            "date": day,
            "status": status,
            "organizer_structure_id": structure.id,
            "venue_structure_id": structure.id,
            "themes": (Theme.PARENTALITE,),
            "format": WorkshopFormat.ATELIER,
            "duration_min": 120,
        }
        values.update(kw)
        return Workshop(**values)  # type: ignore[arg-type]

    held, planned, cancelled = WorkshopStatus.HELD, WorkshopStatus.PLANNED, WorkshopStatus.CANCELLED
    w0 = ws(date(2026, 2, 10), held, s1)  # before the period
    w1 = ws(
        date(2026, 3, 5),
        held,
        s1,
        format=WorkshopFormat.CAFE_DES_PARENTS,
        themes=(Theme.PARENTALITE, Theme.SECURITE_NUMERIQUE),
        duration_min=90,
    )
    w2 = ws(
        date(2026, 3, 20),
        held,
        s2,
        themes=(Theme.RESEAUX_SOCIAUX,),
        duration_min=60,
        commune="Cergy-Préfecture",
    )
    w3 = ws(date(2026, 4, 15), held, s1)
    w4 = ws(date(2026, 4, 20), planned, s1)  # not held: never counts
    w5 = ws(date(2026, 4, 25), cancelled, s2)
    w6 = ws(date(2026, 5, 2), held, s2)  # after the period

    def att(
        w: Workshop, who: str, status: Presence = Presence.PRESENT, kids: int = 0
    ) -> Attendance:
        pid = people[who].id
        return Attendance(
            id=attendance_id(w.id, pid),
            workshop_id=w.id,
            participant_id=pid,
            status=status,
            children_count=kids,
        )

    def anon(w: Workshop, total: int, kids: int) -> AnonymousCounts:
        return AnonymousCounts(
            id=anonymous_counts_id(w.id), workshop_id=w.id, total=total, children_present=kids
        )

    def handout(out: date, devices: int, back: date | None = None, **kw: object) -> Handout:
        values: dict[str, object] = {
            "guardian_id": people["A"].id,
            "device_ids": tuple(uuid.uuid4() for _ in range(devices)),
            "handed_at": _at(out),
            "returned_at": _at(back) if back else None,
            "expected_return": date(2026, 12, 31),
        }
        values.update(kw)
        return Handout(**values)  # type: ignore[arg-type]

    rows: list[object] = [
        s1,
        s2,
        *people.values(),
        w0,
        w1,
        w2,
        w3,
        w4,
        w5,
        w6,
        att(w0, "A", kids=1),
        att(w1, "A", kids=2),
        att(w1, "B"),
        att(w1, "C", Presence.ABSENT, kids=3),
        att(w2, "B", kids=1),
        att(w2, "D"),
        att(w4, "E", kids=4),
        att(w6, "D", kids=5),
        anon(w1, 3, 1),
        anon(w3, 5, 2),
        anon(w5, 9, 9),
        # H1: 2 devices out 10/03, back 12/04  -> handed 2, returned 2
        handout(date(2026, 3, 10), 2, date(2026, 4, 12), end_reason=EndReason.FIN_SCOLARITE),
        # H2: out before, lost 15/03            -> lost 1
        handout(date(2026, 2, 1), 1, date(2026, 3, 15), end_reason=EndReason.PERTE),
        # H3: a gift of 1 device on 30/04       -> handed 1
        handout(date(2026, 4, 30), 1, nature=HandoutNature.GIFT, expected_return=None),
        # H4: out after the period              -> nothing
        handout(date(2026, 5, 3), 3),
        # H5: out before, back 01/03            -> returned 1
        handout(date(2026, 1, 5), 1, date(2026, 3, 1), end_reason=EndReason.FIN_SCOLARITE),
        # H6: out before, stolen after the period -> nothing
        handout(date(2026, 1, 5), 1, date(2026, 5, 1), end_reason=EndReason.VOL),
    ]
    with store.write() as tx:
        for row in rows:
            tx.insert(row)  # type: ignore[type-var]
    return s1, s2


def test_dashboard_figures_computed_by_hand(store: Store) -> None:
    s1, s2 = _seed_dashboard(store)
    q = QueryService(store)
    f = q.dashboard(date(2026, 3, 1), date(2026, 4, 30))
    # Held in March-April: W1, W2, W3 (W0 before, W4 planned, W5 cancelled, W6 after).
    assert f.workshops_held == 3
    # Present identified: W1 {A, B} (C absent), W2 {B, D} -> distinct {A, B, D}.
    assert f.parents_identified == 3
    # Anonymous: W1 3 + W3 5 (W5 cancelled does not count).
    assert f.parents_anonymous == 8
    assert f.parents_reached == 11
    # A was present at W0 (February) -> returning; B and D first came in March.
    assert (f.first_time, f.returning) == (2, 1)
    # Children: A@W1 2 + B@W1 0 + B@W2 1 + D@W2 0 = 3 (C absent: her 3 do not count),
    # plus anonymous W1 1 + W3 2 = 3 -> 6.
    assert f.children == 6
    # Hours: 90 + 60 + 120 = 270 min = 4.5 h.
    assert f.minutes == 270 and f.hours == 4.5
    # Participants per workshop: W1 2 + 3 = 5, W2 2 + 0 = 2, W3 0 + 5 = 5.
    assert f.by_theme == {
        T_PARENT: SplitLine(workshops=2, participants=10, minutes=210),  # W1 + W3
        T_SECU: SplitLine(workshops=1, participants=5, minutes=90),  # W1
        T_RS: SplitLine(workshops=1, participants=2, minutes=60),  # W2
    }
    assert f.by_format == {
        "cafe_des_parents": SplitLine(1, 5, 90),  # W1
        "atelier": SplitLine(2, 7, 180),  # W2 + W3
    }
    assert f.by_month == {"2026-03": SplitLine(2, 7, 150), "2026-04": SplitLine(1, 5, 120)}
    assert f.by_structure == {
        "Collège Jean Moulin": SplitLine(2, 10, 210),
        "Centre social Les Linandes": SplitLine(1, 2, 60),
    }
    # W1 and W3 have no commune of their own: their structure's (Sarcelles) is used.
    assert f.by_commune == {
        "Sarcelles": SplitLine(2, 10, 210),
        "Cergy-Préfecture": SplitLine(1, 2, 60),
    }
    # Devices: handed H1 2 + H3 1 = 3; returned H1 2 + H5 1 = 3; lost H2 1 (H6 is in May).
    assert (f.devices_handed_out, f.devices_returned, f.devices_lost) == (3, 3, 1)

    # One structure: Collège Jean Moulin -> W1 and W3 only.
    g = q.dashboard(date(2026, 3, 1), date(2026, 4, 30), structure_id=s1.id)
    assert g.workshops_held == 2
    assert g.parents_identified == 2  # A, B
    assert (g.first_time, g.returning) == (1, 1)  # B new, A seen in February
    assert g.parents_anonymous == 8
    assert g.children == 2 + 0 + 1 + 2  # A@W1, B@W1, anonymous W1, anonymous W3
    assert g.hours == 3.5
    assert (g.devices_handed_out, g.devices_returned, g.devices_lost) == (0, 0, 0)

    # An empty period is all zeros, not an error.
    e = q.dashboard(date(2025, 1, 1), date(2025, 1, 31), structure_id=s2.id)
    assert (e.workshops_held, e.parents_reached, e.children, e.hours) == (0, 0, 0, 0)
    assert e.by_theme == {}


def test_home_summary(store: Store) -> None:
    today = date(2026, 4, 20)
    store.clock = lambda: _at(today, 12)
    guardian = Participant(first_name="Awa", last_name="Diallo")
    t1 = Workshop(
        title="Café Pronote",
        date=today,
        start_time=time(14),
        themes=(Theme.PARENTALITE,),
        commune="Sarcelles",
        capacity=3,
    )
    t0 = Workshop(
        title="Accueil matin",
        date=today,
        start_time=time(9),
        themes=(Theme.PARENTALITE,),
        commune="Sarcelles",
    )
    cancelled = Workshop(
        title="Annulé",
        date=today,
        themes=(Theme.PARENTALITE,),
        commune="Sarcelles",
        status=WorkshopStatus.CANCELLED,
    )
    soon = Workshop(
        title="ENT", date=date(2026, 4, 25), themes=(Theme.PARENTALITE,), commune="Sarcelles"
    )
    later = Workshop(
        title="Trop loin", date=date(2026, 5, 10), themes=(Theme.PARENTALITE,), commune="Cergy"
    )
    past = Workshop(
        title="Passé", date=date(2026, 4, 10), themes=(Theme.PARENTALITE,), commune="Cergy"
    )

    def loan(expected: date, returned: bool = False, devices: int = 1) -> Handout:
        return Handout(
            guardian_id=guardian.id,
            device_ids=tuple(uuid.uuid4() for _ in range(devices)),
            handed_at=_at(date(2026, 1, 5)),
            expected_return=expected,
            returned_at=_at(date(2026, 4, 1)) if returned else None,
        )

    overdue = loan(date(2026, 4, 18), devices=2)
    in_week = loan(date(2026, 4, 27))
    with store.write() as tx:
        for row in (guardian, t1, t0, cancelled, soon, later, past):
            tx.insert(row)  # type: ignore[type-var]
        for h in (overdue, in_week, loan(date(2026, 4, 28)), loan(date(2026, 4, 19), True)):
            tx.insert(h)
        tx.insert(
            Handout(
                guardian_id=guardian.id,
                device_ids=(uuid.uuid4(),),
                handed_at=_at(date(2026, 1, 5)),
                nature=HandoutNature.GIFT,
            )
        )
    regs = RegistrationService(store)
    for i in range(4):
        p = Participant(first_name=f"P{i}", last_name="Test")
        with store.write() as tx:
            tx.insert(p)
        regs.register(t1.id, p.id)  # 3 registered, the 4th waitlisted
    with store.engine.begin() as conn:
        conn.execute(update(outbox).values(state="acked"))
        seqs = [r[0] for r in conn.execute(outbox.select().with_only_columns(outbox.c.client_seq))]
        conn.execute(update(outbox).where(outbox.c.client_seq == seqs[0]).values(state="pending"))
        conn.execute(update(outbox).where(outbox.c.client_seq == seqs[1]).values(state="inflight"))
        conn.execute(update(outbox).where(outbox.c.client_seq == seqs[2]).values(state="parked"))
        for status in ("open", "open", "resolved"):
            conn.execute(
                insert(attention_item).values(
                    id=uuid.uuid4(),
                    kind="conflict",
                    entity="workshop",
                    row_id=t1.id,
                    status=status,
                    created_at=_at(today),
                )
            )
        set_state(conn, "last_sync_at", "2026-04-20T08:30:00+00:00")

    home = QueryService(store).home()
    assert home.today == today
    assert [(w.title, w.registered, w.waitlisted, w.places_left) for w in home.today_workshops] == [
        ("Accueil matin", 0, 0, None),
        ("Café Pronote", 3, 1, 0),
    ]
    assert [w.title for w in home.upcoming_workshops] == ["ENT"]
    assert [(h.handout_id, h.days_left, h.overdue, h.device_count) for h in home.handouts_due] == [
        (overdue.id, -2, True, 2),
        (in_week.id, 7, False, 1),
    ]
    assert home.handouts_due[0].guardian_name == "Awa Diallo"
    assert home.overdue_handouts == 1
    assert (home.open_attention_items, home.pending_ops, home.parked_ops) == (2, 2, 1)
    assert home.last_sync_at == datetime(2026, 4, 20, 8, 30, tzinfo=UTC)


def test_dashboard_counts_pupils_equipped_and_parents_ressource(store: Store) -> None:
    """Réussite Connectée's pupils and the Parents Ressource present, by hand."""
    from datetime import UTC, date, datetime

    from mediator_app.core.entities import Attendance, Handout, Participant, Workshop, attendance_id
    from mediator_app.core.enums import HandoutNature, Presence, Theme, WorkshopStatus
    from mediator_app.local_store.services.queries import QueryService

    with store.write() as tx:
        w = tx.insert(
            Workshop(
                title="Café des parents",
                date=date(2026, 10, 6),
                themes=(Theme.PARENTALITE,),
                commune="Cergy",
                status=WorkshopStatus.HELD,
            )
        )
        ressource = tx.insert(Participant(first_name="Awa", last_name="K", parent_resource=True))
        other = tx.insert(Participant(first_name="Lina", last_name="M"))
        for p in (ressource, other):
            tx.insert(
                Attendance(
                    id=attendance_id(w.id, p.id),
                    workshop_id=w.id,
                    participant_id=p.id,
                    status=Presence.PRESENT,
                )
            )
        for level, on in (
            ("4e", datetime(2026, 10, 7, 9, tzinfo=UTC)),
            ("", datetime(2026, 10, 8, 9, tzinfo=UTC)),
            ("3e", datetime(2026, 12, 1, 9, tzinfo=UTC)),
        ):
            tx.insert(
                Handout(
                    nature=HandoutNature.LOAN,
                    guardian_id=other.id,
                    handed_at=on,
                    pupil_level=level,
                )
            )
    f = QueryService(store).dashboard(date(2026, 10, 1), date(2026, 10, 31))
    assert f.pupils_equipped == 1  # the one without a pupil is a family's, the third is later
    assert f.parents_ressource == 1
