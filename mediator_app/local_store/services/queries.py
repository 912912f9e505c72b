"""Read-only figures: the Accueil screen's summary and the Tableau de bord's figures.

Plain frozen data out, read in one snapshot. Definitions (shared with the bilan exports):

- a workshop counts when it is **held** (status ``held``) and dated in the period;
- *participants* of a workshop = identified parents marked present + its anonymous total;
- *parents reached* = distinct identified parents present at least once in the period +
  the anonymous totals (anonymous people cannot be de-duplicated);
- a parent is *first-time* when their first presence ever (at a held workshop, any
  structure known to this laptop) falls in the period, *returning* when they had been
  present before it;
- *children* = children counts of the present parents + anonymous children present;
- *hours* = sum of the held workshops' durations / 60;
- devices *handed out* = devices of handouts handed in the period; *returned* = devices of
  handouts closed in the period for another reason than loss or theft; *lost* = devices of
  handouts closed in the period as lost (``perte``) or stolen (``vol``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Connection, and_, func, or_, select

from mediator_app.core import rules
from mediator_app.core.entities import Workshop
from mediator_app.core.enums import (
    EndReason,
    HandoutNature,
    Presence,
    RegistrationStatus,
    WorkshopFormat,
    WorkshopStatus,
)
from mediator_app.local_store.schema import attention_item, entity_tables, outbox
from mediator_app.local_store.services.parents_ressource import ParentRessourceService
from mediator_app.local_store.services.participants import today_of
from mediator_app.local_store.services.reussite import ReussiteService
from mediator_app.local_store.state import get_state
from mediator_app.local_store.status import corrections_query
from mediator_app.local_store.unit_of_work import Store

W = entity_tables["workshop"]
R = entity_tables["registration"]
A = entity_tables["attendance"]
AC = entity_tables["anonymous_counts"]
H = entity_tables["handout"]
P = entity_tables["participant"]
S = entity_tables["structure"]
#: The organising structure of a workshop (``S`` is its venue).
ORG = S.alias("organizer")

#: Outbox states still waiting for the server, and the state of rejected ops.
WAITING_STATES = ("pending", "inflight")
PARKED_STATE = "parked"
_LOSS = {EndReason.PERTE.value, EndReason.VOL.value}


# --- Accueil ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HomeWorkshop:
    """A workshop of today or the coming days, with its places."""

    workshop_id: UUID
    title: str
    date: date
    start_time: time | None
    format: WorkshopFormat
    status: WorkshopStatus
    capacity: int | None
    registered: int
    waitlisted: int

    @property
    def places_left(self) -> int | None:
        return rules.places_left(self.capacity, self.registered)


@dataclass(frozen=True)
class DueHandout:
    """A loan due back soon or overdue."""

    handout_id: UUID
    guardian_id: UUID | None
    guardian_name: str
    device_count: int
    expected_return: date
    days_left: int  # negative when overdue

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


@dataclass(frozen=True)
class HomeSummary:
    """Everything the Accueil screen shows."""

    today: date
    today_workshops: tuple[HomeWorkshop, ...]
    upcoming_workshops: tuple[HomeWorkshop, ...]
    handouts_due: tuple[DueHandout, ...]
    open_attention_items: int
    pending_ops: int
    parked_ops: int
    last_sync_at: datetime | None
    #: This structure's workshops sent back for correction (« À corriger »).
    corrections: int = 0

    @property
    def overdue_handouts(self) -> int:
        return sum(1 for h in self.handouts_due if h.overdue)


# --- Tableau de bord -------------------------------------------------------------------


@dataclass(frozen=True)
class SplitLine:
    """Figures of one value of a split (a theme, a month, a commune, …)."""

    workshops: int = 0
    participants: int = 0
    minutes: int = 0

    @property
    def hours(self) -> float:
        return self.minutes / 60

    def plus(self, participants: int, minutes: int) -> SplitLine:
        return SplitLine(
            self.workshops + 1, self.participants + participants, self.minutes + minutes
        )


@dataclass(frozen=True)
class DashboardFigures:
    """The figures of a period (both ends included), optionally for one structure."""

    start: date
    end: date
    structure_id: UUID | None
    workshops_held: int
    parents_identified: int
    parents_anonymous: int
    first_time: int
    returning: int
    children: int
    minutes: int
    by_theme: dict[str, SplitLine] = field(default_factory=dict)
    by_format: dict[str, SplitLine] = field(default_factory=dict)
    by_month: dict[str, SplitLine] = field(default_factory=dict)
    by_structure: dict[str, SplitLine] = field(default_factory=dict)
    by_commune: dict[str, SplitLine] = field(default_factory=dict)
    devices_handed_out: int = 0
    devices_returned: int = 0
    devices_lost: int = 0
    #: Hand-outs of the period made for a pupil (Réussite Connectée).
    pupils_equipped: int = 0
    #: Parents Ressource present at the period's held workshops (« mobilisés »).
    parents_ressource: int = 0
    #: Parents Ressource on record, and held workshops one of them co-facilitated.
    parents_ressource_recruited: int = 0
    workshops_co_facilitated: int = 0
    #: Réussite Connectée (services/reussite.py): pupils equipped, collèges, collèges that
    #: held their three meetings.
    rc_pupils: int = 0
    rc_colleges: int = 0
    rc_colleges_complete: int = 0
    #: Professionals trained by the period's held « Formation de professionnels », by role
    #: (the workshop's ``Workshop.TRAINED_ROLES`` fields, same names).
    trained_teachers: int = 0
    trained_educators: int = 0
    trained_social_workers: int = 0
    trained_public_agents: int = 0
    trained_volunteers: int = 0
    trained_others: int = 0

    @property
    def trained_professionals(self) -> int:
        return sum(int(getattr(self, name)) for name, _ in Workshop.TRAINED_ROLES)

    @property
    def parents_reached(self) -> int:
        return self.parents_identified + self.parents_anonymous

    @property
    def hours(self) -> float:
        return self.minutes / 60


class QueryService:
    """Read-only summaries for the Accueil and Tableau de bord screens."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def home(
        self,
        today: date | None = None,
        *,
        upcoming_days: int = 14,
        upcoming_limit: int = 10,
        due_within_days: int = 7,
    ) -> HomeSummary:
        """Today's and upcoming workshops (not cancelled), loans due back within
        ``due_within_days`` or overdue, and the sync counters."""
        today = today or today_of(self._store)
        with self._store.read() as conn:
            todays = _home_workshops(conn, W.c.date == today, limit=None)
            upcoming = _home_workshops(
                conn,
                and_(W.c.date > today, W.c.date <= today + timedelta(days=upcoming_days)),
                limit=upcoming_limit,
            )
            due = conn.execute(
                select(
                    H.c.id,
                    H.c.guardian_id,
                    H.c.device_ids,
                    H.c.expected_return,
                    P.c.first_name,
                    P.c.last_name,
                )
                .select_from(H.outerjoin(P, P.c.id == H.c.guardian_id))
                .where(
                    H.c.deleted.is_(False),
                    H.c.nature == HandoutNature.LOAN.value,
                    H.c.returned_at.is_(None),
                    H.c.expected_return.is_not(None),
                    H.c.expected_return <= today + timedelta(days=due_within_days),
                )
                .order_by(H.c.expected_return, H.c.id)
            ).all()
            attention = _scalar(
                conn,
                select(func.count())
                .select_from(attention_item)
                .where(attention_item.c.status == "open"),
            )
            outbox_counts = {
                str(state): int(n)
                for state, n in conn.execute(
                    select(outbox.c.state, func.count()).group_by(outbox.c.state)
                )
            }
            last_sync = get_state(conn, "last_sync_at")
            corrections = _scalar(conn, corrections_query(conn, select(func.count())))
        return HomeSummary(
            today=today,
            today_workshops=todays,
            upcoming_workshops=upcoming,
            handouts_due=tuple(
                DueHandout(
                    d.id,
                    d.guardian_id,
                    f"{d.first_name or ''} {d.last_name or ''}".strip(),
                    len(d.device_ids or ()),
                    d.expected_return,
                    (d.expected_return - today).days,
                )
                for d in due
            ),
            open_attention_items=attention,
            pending_ops=sum(int(outbox_counts.get(s, 0)) for s in WAITING_STATES),
            parked_ops=int(outbox_counts.get(PARKED_STATE, 0)),
            last_sync_at=_parse_datetime(last_sync),
            corrections=corrections,
        )

    def dashboard(
        self,
        start: date,
        end: date,
        structure_id: UUID | None = None,
        *,
        department_code: str | None = None,
    ) -> DashboardFigures:
        """The figures of ``start``..``end`` (inclusive); see the module docstring. With
        ``department_code``, those of the département's workshops and hand-outs only."""
        held: list[ColumnElement[bool]] = [
            W.c.deleted.is_(False),
            W.c.status == WorkshopStatus.HELD.value,
        ]
        in_period = [*held, W.c.date >= start, W.c.date <= end]
        if structure_id is not None:
            # A structure's figures are those of the workshops it organised.
            in_period.append(W.c.organizer_structure_id == structure_id)
        if department_code:
            in_period.append(W.c.department_code == department_code)
        with self._store.read() as conn:
            workshops = conn.execute(
                select(
                    W.c.id,
                    W.c.date,
                    W.c.duration_min,
                    W.c.themes,
                    W.c.format,
                    W.c.commune,
                    W.c.organizer_structure_id,
                    ORG.c.name.label("structure_name"),
                    S.c.commune.label("structure_commune"),
                    func.coalesce(AC.c.total, 0).label("anon_total"),
                    func.coalesce(AC.c.children_present, 0).label("anon_children"),
                    *(W.c[name] for name, _ in Workshop.TRAINED_ROLES),
                )
                .select_from(
                    W.outerjoin(S, S.c.id == W.c.venue_structure_id)
                    .outerjoin(ORG, ORG.c.id == W.c.organizer_structure_id)
                    .outerjoin(AC, and_(AC.c.workshop_id == W.c.id, AC.c.deleted.is_(False)))
                )
                .where(*in_period)
            ).all()
            present = conn.execute(
                select(A.c.workshop_id, A.c.participant_id, A.c.children_count)
                .select_from(A.join(W, W.c.id == A.c.workshop_id))
                .where(*in_period, A.c.deleted.is_(False), A.c.status == Presence.PRESENT.value)
            ).all()
            seen_before = set(
                conn.execute(
                    select(A.c.participant_id)
                    .distinct()
                    .select_from(A.join(W, W.c.id == A.c.workshop_id))
                    .where(
                        *held,
                        W.c.date < start,
                        A.c.deleted.is_(False),
                        A.c.status == Presence.PRESENT.value,
                    )
                ).scalars()
            )
            handed, returned, lost = _devices(conn, start, end, structure_id, department_code)
            pupils = _pupils_equipped(conn, start, end, structure_id, department_code)
            ressource = set(
                conn.execute(
                    select(A.c.participant_id)
                    .distinct()
                    .select_from(
                        A.join(W, W.c.id == A.c.workshop_id).join(P, P.c.id == A.c.participant_id)
                    )
                    .where(
                        *in_period,
                        A.c.deleted.is_(False),
                        A.c.status == Presence.PRESENT.value,
                        P.c.parent_resource.is_(True),
                    )
                ).scalars()
            )

        present_by_workshop: dict[UUID, int] = defaultdict(int)
        parents: set[UUID] = set()
        children = 0
        for row in present:
            present_by_workshop[row.workshop_id] += 1
            parents.add(row.participant_id)
            children += int(row.children_count)

        splits: dict[str, dict[str, SplitLine]] = {
            k: defaultdict(SplitLine) for k in ("theme", "format", "month", "structure", "commune")
        }
        minutes = anonymous = 0
        trained: dict[str, int] = dict.fromkeys((n for n, _ in Workshop.TRAINED_ROLES), 0)
        for w in workshops:
            if w.format == WorkshopFormat.FORMATION_PROFESSIONNELS.value:
                for name in trained:
                    trained[name] += int(getattr(w, name) or 0)
            people = present_by_workshop[w.id] + int(w.anon_total)
            minutes += int(w.duration_min)
            anonymous += int(w.anon_total)
            children += int(w.anon_children)
            keys: dict[str, list[str]] = {
                "theme": list(dict.fromkeys(w.themes or [])),
                "format": [w.format],
                "month": [w.date.strftime("%Y-%m")],
                "structure": [_structure_key(w.organizer_structure_id, w.structure_name)],
                "commune": [w.commune or w.structure_commune or ""],
            }
            for split, values in keys.items():
                for value in values:
                    splits[split][value] = splits[split][value].plus(people, int(w.duration_min))

        returning = len(parents & seen_before)
        rc = ReussiteService(self._store).figures(
            start, end, department_code=department_code, structure_id=structure_id
        )
        resource = ParentRessourceService(self._store).figures(
            start, end, department_code=department_code, structure_id=structure_id
        )
        return DashboardFigures(
            start=start,
            end=end,
            structure_id=structure_id,
            workshops_held=len(workshops),
            parents_identified=len(parents),
            parents_anonymous=anonymous,
            first_time=len(parents) - returning,
            returning=returning,
            children=children,
            minutes=minutes,
            by_theme=dict(splits["theme"]),
            by_format=dict(splits["format"]),
            by_month=dict(splits["month"]),
            by_structure=dict(splits["structure"]),
            by_commune=dict(splits["commune"]),
            devices_handed_out=handed,
            devices_returned=returned,
            devices_lost=lost,
            pupils_equipped=pupils,
            parents_ressource=len(ressource),
            parents_ressource_recruited=resource.recruited,
            workshops_co_facilitated=resource.co_facilitated_workshops,
            rc_pupils=rc.pupils,
            rc_colleges=len(rc.colleges),
            rc_colleges_complete=rc.complete,
            **trained,
        )


# --- Helpers ---------------------------------------------------------------------------


def _scalar(conn: Connection, stmt: Any) -> int:
    return int(conn.execute(stmt).scalar_one())


def _parse_datetime(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _structure_key(structure_id: UUID | None, name: str | None) -> str:
    if structure_id is None:
        return ""
    return name or str(structure_id)  # a structure not pulled yet: its id


def _home_workshops(
    conn: Connection, when: ColumnElement[bool], *, limit: int | None
) -> tuple[HomeWorkshop, ...]:
    def count(status: RegistrationStatus) -> Any:
        return (
            select(func.count())
            .where(R.c.workshop_id == W.c.id, R.c.status == status.value, R.c.deleted.is_(False))
            .scalar_subquery()
        )

    stmt = (
        select(
            W.c.id,
            W.c.title,
            W.c.date,
            W.c.start_time,
            W.c.format,
            W.c.status,
            W.c.capacity,
            count(RegistrationStatus.REGISTERED).label("registered"),
            count(RegistrationStatus.WAITLIST).label("waitlisted"),
        )
        .where(W.c.deleted.is_(False), W.c.status != WorkshopStatus.CANCELLED.value, when)
        .order_by(W.c.date, W.c.start_time, W.c.title, W.c.id)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return tuple(
        HomeWorkshop(
            r.id,
            r.title,
            r.date,
            r.start_time,
            WorkshopFormat(r.format),
            WorkshopStatus(r.status),
            r.capacity,
            int(r.registered),
            int(r.waitlisted),
        )
        for r in conn.execute(stmt)
    )


def _local_day(value: datetime | None) -> date | None:
    return None if value is None else value.astimezone().date()


def _pupils_equipped(
    conn: Connection,
    start: date,
    end: date,
    structure_id: UUID | None,
    department_code: str | None = None,
) -> int:
    """Hand-outs of the period made for a pupil (named, or with a level or a school: a
    coordinator's copy has no names)."""
    low = datetime.combine(start - timedelta(days=1), time.min)
    high = datetime.combine(end + timedelta(days=2), time.min)
    where: list[ColumnElement[bool]] = [
        H.c.deleted.is_(False),
        H.c.handed_at >= low,
        H.c.handed_at < high,
        or_(
            H.c.pupil_last_name != "",
            H.c.pupil_first_name != "",
            H.c.pupil_level != "",
            H.c.pupil_school_id.is_not(None),
        ),
    ]
    if structure_id is not None:
        where.append(H.c.structure_id == structure_id)
    if department_code:
        where.append(H.c.department_code == department_code)
    return sum(
        1
        for (handed_at,) in conn.execute(select(H.c.handed_at).where(*where))
        if (day := _local_day(handed_at)) is not None and start <= day <= end
    )


def _devices(
    conn: Connection,
    start: date,
    end: date,
    structure_id: UUID | None,
    department_code: str | None = None,
) -> tuple[int, int, int]:
    """Devices handed out, returned and lost in the period (local calendar days)."""
    # Stored times are UTC: widen the SQL window by a day each side, then decide on the
    # local calendar day in Python.
    low = datetime.combine(start - timedelta(days=1), time.min)
    high = datetime.combine(end + timedelta(days=2), time.min)
    where: list[ColumnElement[bool]] = [
        H.c.deleted.is_(False),
        or_(
            and_(H.c.handed_at >= low, H.c.handed_at < high),
            and_(H.c.returned_at >= low, H.c.returned_at < high),
        ),
    ]
    if structure_id is not None:
        where.append(H.c.structure_id == structure_id)
    if department_code:
        where.append(H.c.department_code == department_code)
    handed = returned = lost = 0
    for h in conn.execute(
        select(H.c.handed_at, H.c.returned_at, H.c.end_reason, H.c.device_ids).where(*where)
    ):
        devices = len(h.device_ids or ())
        out_day = _local_day(h.handed_at)
        back_day = _local_day(h.returned_at)
        if out_day is not None and start <= out_day <= end:
            handed += devices
        if back_day is not None and start <= back_day <= end:
            if h.end_reason in _LOSS:
                lost += devices
            else:
                returned += devices
    return handed, returned, lost
