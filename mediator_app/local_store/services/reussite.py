"""Réussite Connectée, per collège: pupils equipped, devices, lines, returns, losses and
the three meetings of each collège.

« 300 collégiens … dans 20 collèges … trois rendez-vous dans chaque collège : un atelier de
formation aux outils numériques utilisés par le collège et deux rencontres cafés des
parents ». docs/architecture.md, « Réussite Connectée », has the definitions:

- a hand-out counts when it belongs to the programme (``programme = reussite_connectee``)
  and was handed in the period (local calendar day); its collège is the pupil's
  (``pupil_school_id``); one hand-out is one pupil equipped;
- devices = the devices of those hand-outs, lines = those with a connectivity line;
  returned / lost = the devices of those hand-outs closed for another reason than loss or
  theft / as lost (``perte``) or stolen (``vol``);
- meetings = held workshops of the period whose *school* is the collège: a format
  ``atelier`` is the training, a ``café des parents`` a café; the rule is
  ``core.programme.college_meetings``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from uuid import UUID

from sqlalchemy import ColumnElement, select

from mediator_app.core import programme
from mediator_app.core.enums import (
    EndReason,
    HandoutProgramme,
    WorkshopFormat,
    WorkshopStatus,
)
from mediator_app.local_store.schema import entity_tables
from mediator_app.local_store.unit_of_work import Store

H = entity_tables["handout"]
W = entity_tables["workshop"]
S = entity_tables["structure"]
_LOSS = {EndReason.PERTE.value, EndReason.VOL.value}


@dataclass(frozen=True)
class CollegeLine:
    """One collège of the programme in the period."""

    school_id: UUID
    name: str
    uai: str
    commune: str
    department_code: str
    pupils: int
    devices: int
    lines: int
    returned: int
    lost: int
    meetings: programme.CollegeMeetings

    @property
    def status(self) -> str:
        return self.meetings.status


@dataclass(frozen=True)
class ReussiteFigures:
    """The programme's figures of a period, per collège and in total."""

    start: date
    end: date
    colleges: tuple[CollegeLine, ...] = ()
    #: Programme hand-outs without a collège known to this laptop (never silently dropped).
    unplaced: int = 0
    by_department: dict[str, int] = field(default_factory=dict)

    @property
    def pupils(self) -> int:
        return sum(c.pupils for c in self.colleges) + self.unplaced

    @property
    def devices(self) -> int:
        return sum(c.devices for c in self.colleges)

    @property
    def lines(self) -> int:
        return sum(c.lines for c in self.colleges)

    @property
    def returned(self) -> int:
        return sum(c.returned for c in self.colleges)

    @property
    def lost(self) -> int:
        return sum(c.lost for c in self.colleges)

    @property
    def complete(self) -> int:
        """Collèges that held their three meetings."""
        return sum(1 for c in self.colleges if c.meetings.complete)

    @property
    def trainings_missing(self) -> int:
        return sum(c.meetings.trainings_missing for c in self.colleges)

    @property
    def cafes_missing(self) -> int:
        return sum(c.meetings.cafes_missing for c in self.colleges)


def _local_day(value: datetime | None) -> date | None:
    return None if value is None else value.astimezone().date()


class ReussiteService:
    """Read-only figures of Réussite Connectée (coordinators, mediators, the national team)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def school_year(self, year: str, *, department_code: str | None = None) -> ReussiteFigures:
        start, end = programme.school_year_bounds(year)
        return self.figures(start, end, department_code=department_code)

    def figures(
        self,
        start: date,
        end: date,
        *,
        department_code: str | None = None,
        structure_id: UUID | None = None,
    ) -> ReussiteFigures:
        """Per collège, the hand-outs of ``start``..``end`` (of one structure's, when
        given) and the meetings held there."""
        # Stored times are UTC: widen the SQL window by a day each side, then decide on the
        # local calendar day (as the dashboard does).
        low = datetime.combine(start - timedelta(days=1), time.min)
        high = datetime.combine(end + timedelta(days=2), time.min)
        where: list[ColumnElement[bool]] = [
            H.c.deleted.is_(False),
            H.c.programme == HandoutProgramme.REUSSITE_CONNECTEE.value,
            H.c.handed_at >= low,
            H.c.handed_at < high,
        ]
        if department_code:
            where.append(H.c.department_code == department_code)
        if structure_id is not None:
            where.append(H.c.structure_id == structure_id)
        with self._store.read() as conn:
            handouts = [
                h
                for h in conn.execute(
                    select(
                        H.c.pupil_school_id,
                        H.c.device_ids,
                        H.c.line_id,
                        H.c.handed_at,
                        H.c.returned_at,
                        H.c.end_reason,
                    ).where(*where)
                ).all()
                if (day := _local_day(h.handed_at)) is not None and start <= day <= end
            ]
            ids = {h.pupil_school_id for h in handouts if h.pupil_school_id is not None}
            schools = {
                r.id: r
                for r in conn.execute(
                    select(S.c.id, S.c.name, S.c.uai, S.c.commune, S.c.department_code).where(
                        S.c.id.in_(list(ids))
                    )
                ).all()
            }
            meetings = (
                conn.execute(
                    select(W.c.school_id, W.c.format).where(
                        W.c.deleted.is_(False),
                        W.c.status == WorkshopStatus.HELD.value,
                        W.c.date >= start,
                        W.c.date <= end,
                        W.c.school_id.in_(list(ids)),
                        W.c.format.in_(
                            [WorkshopFormat.ATELIER.value, WorkshopFormat.CAFE_DES_PARENTS.value]
                        ),
                    )
                ).all()
                if ids
                else []
            )
        trainings: dict[UUID, int] = defaultdict(int)
        cafes: dict[UUID, int] = defaultdict(int)
        for m in meetings:
            if m.format == WorkshopFormat.ATELIER.value:
                trainings[m.school_id] += 1
            else:
                cafes[m.school_id] += 1
        counts: dict[UUID, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
        unplaced = 0
        for h in handouts:
            if h.pupil_school_id not in schools:
                unplaced += 1
                continue
            c = counts[h.pupil_school_id]
            devices = len(h.device_ids or ())
            c[0] += 1
            c[1] += devices
            c[2] += h.line_id is not None
            if h.returned_at is not None:
                c[4 if h.end_reason in _LOSS else 3] += devices
        lines = []
        by_department: dict[str, int] = defaultdict(int)
        for school_id, (pupils, devices, with_line, returned, lost) in counts.items():
            s = schools[school_id]
            by_department[s.department_code or ""] += pupils
            lines.append(
                CollegeLine(
                    school_id=school_id,
                    name=s.name,
                    uai=s.uai or "",
                    commune=s.commune or "",
                    department_code=s.department_code or "",
                    pupils=pupils,
                    devices=devices,
                    lines=with_line,
                    returned=returned,
                    lost=lost,
                    meetings=programme.college_meetings(
                        trainings=trainings[school_id], cafes=cafes[school_id]
                    ),
                )
            )
        lines.sort(key=lambda c: (c.department_code, c.commune, c.name, str(c.school_id)))
        return ReussiteFigures(
            start=start,
            end=end,
            colleges=tuple(lines),
            unplaced=unplaced,
            by_department=dict(by_department),
        )
