"""Rows for the exports: La Coop's activity layout (one row per accompaniment), attendance,
devices and hand-outs.

Nothing here identifies a family: La Coop's beneficiary name column is left out, and the
attendance export carries participant ids, never names or contacts. The one exception is the
hand-out export of the structure itself (``handout_rows(with_names=True)``): its own
families' names, which a coordinator's copy never holds and never shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, select

from mediator_app.core.entities import (
    COUNT_AGE_BANDS,
    COUNT_GENDERS,
    COUNT_STATUSES,
    AnonymousCounts,
    Device,
    Handout,
    Participant,
    Workshop,
)
from mediator_app.core.enums import (
    AgeBand,
    Gender,
    Level,
    Presence,
    SocialStatus,
    WorkshopFormat,
    WorkshopStatus,
    label,
)
from mediator_app.local_store.rows import entity_from_row
from mediator_app.local_store.schema import entity_tables
from mediator_app.local_store.services.view_filter import ViewFilter
from mediator_app.local_store.unit_of_work import Store

W = entity_tables["workshop"]
A = entity_tables["attendance"]
P = entity_tables["participant"]
AC = entity_tables["anonymous_counts"]
S = entity_tables["structure"]
D = entity_tables["device"]
H = entity_tables["handout"]
L = entity_tables["connectivity_line"]

#: La Coop de la médiation numérique's activity export, as its own builder writes it
#: (tests/fixtures/coop/activites.toml): sheet and table names, then the columns of a
#: mediator's own export and of a team's (a coordinator's, or one holding colleagues'
#: activities). Its « Bénéficiaire » column (the person's name, in a mediator's own export)
#: is left out on purpose: nothing exported here names a family.
COOP_SHEET = "Activités"
_COOP_DATES = ("Date", "Enregistré le", "Dernière modification le")
_COOP_MEDIATOR = ("Prénom du médiateur", "Nom du médiateur", "Rôle", "ID - Conum")
_COOP_ACTIVITY = (
    "Type",
    "Participants",
    "Canaux d’accompagnement",
    "Nom du lieu",
    "Adresse",
    "Commune",
    "Code postal",
    "Code Insee",
    "Durée (min)",
    "Nom de l’atelier",
    "Matériel numérique utilisé",
    "Thématique(s) d’accompagnement",
    "Tags",
    "Nom de la démarche administrative",
    "Niveau d’autonomie (ou de l’atelier)",
    "Bénéficiaire réorienté",
    "Structure de redirection",
    "Commune du bénéficiaire",
    "Code postal du bénéficiaire",
    "Code Insee du bénéficiaire",
    "Genre du bénéficiaire",
    "Tranche d’âge du bénéficiaire",
    "Statut du bénéficiaire",
)
COOP_SELF_COLUMNS = (*_COOP_DATES, *_COOP_ACTIVITY, "Notes supplémentaires", "ID CRA")
COOP_TEAM_COLUMNS = (*_COOP_DATES, *_COOP_MEDIATOR, *_COOP_ACTIVITY, "ID CRA")
#: La Coop's « Rôle » of a mediator who is not a conseiller numérique (this app does not
#: know who is one, so « ID - Conum » stays empty).
COOP_ROLE = "Médiateur"


@dataclass(frozen=True)
class CoopTable:
    """The rows of La Coop's activity export, in the order of ``columns``."""

    team: bool
    rows: list[tuple[Any, ...]]

    @property
    def columns(self) -> tuple[str, ...]:
        return COOP_TEAM_COLUMNS if self.team else COOP_SELF_COLUMNS


@dataclass(frozen=True)
class ExportFilter:
    date_from: date | None = None
    date_to: date | None = None
    structure_id: UUID | None = None
    owner_id: UUID | None = None
    department_code: str | None = None
    #: How the structure is named in the file's « Filtres » line.
    structure_name: str = ""

    @classmethod
    def of_view(cls, view: ViewFilter, structure_name: str = "") -> ExportFilter:
        """The export of a coordinator's view: its period, département and structure."""
        return cls(
            date_from=view.start,
            date_to=view.end,
            structure_id=view.structure_id,
            department_code=view.department_code,
            structure_name=structure_name if view.structure_id else "",
        )

    @property
    def view(self) -> ViewFilter:
        return ViewFilter(self.date_from, self.date_to, self.department_code, self.structure_id)

    def describe(self) -> str:
        parts = []
        if self.date_from or self.date_to:
            start = self.date_from.strftime("%d/%m/%Y") if self.date_from else "…"
            end = self.date_to.strftime("%d/%m/%Y") if self.date_to else "…"
            parts.append(f"période du {start} au {end}")
        if self.department_code:
            parts.append(f"département {self.department_code}")
        if self.structure_id:
            parts.append(
                f"structure « {self.structure_name} »"
                if self.structure_name
                else "une structure organisatrice"
            )
        if self.owner_id:
            parts.append("un·e médiateur·rice")
        return ", ".join(parts) or "aucun filtre"

    def where(self) -> list[ColumnElement[bool]]:
        out: list[ColumnElement[bool]] = [W.c.deleted.is_(False)]
        if self.date_from:
            out.append(W.c.date >= self.date_from)
        if self.date_to:
            out.append(W.c.date <= self.date_to)
        if self.structure_id:
            out.append(W.c.organizer_structure_id == self.structure_id)
        if self.owner_id:
            out.append(W.c.owner_id == self.owner_id)
        if self.department_code:
            out.append(W.c.department_code == self.department_code)
        return out


def _spread(counts: dict[Any, int], total: int, unknown: Any) -> list[Any]:
    """Anonymous breakdowns as one value per person, "non communiqué" for the rest."""
    out: list[Any] = []
    for value, n in counts.items():
        out.extend([value] * n)
    out.extend([unknown] * max(total - len(out), 0))
    return out[:total]


@dataclass(frozen=True)
class _Person:
    """What La Coop's export says of one accompanied person (never who they are)."""

    commune: str
    gender: Gender
    age_band: AgeBand
    status: SocialStatus


def _anonymous(counts: AnonymousCounts) -> list[_Person]:
    genders = _spread(
        {g: getattr(counts, f) for f, g in COUNT_GENDERS.items()},
        counts.total,
        Gender.NON_COMMUNIQUE,
    )
    ages = _spread(
        {b: getattr(counts, f) for f, b in COUNT_AGE_BANDS.items()},
        counts.total,
        AgeBand.NON_COMMUNIQUE,
    )
    statuses = _spread(
        {s: getattr(counts, f) for f, s in COUNT_STATUSES.items()},
        counts.total,
        SocialStatus.NON_COMMUNIQUE,
    )
    return [_Person("", g, a, s) for g, a, s in zip(genders, ages, statuses, strict=True)]


def _lines(values: Any) -> str:
    """Several values in one cell, one per line, as La Coop writes them."""
    return "\n".join(label(v) if hasattr(v, "value") else str(v) for v in values)


def _stars(level: Level | None) -> str:
    """La Coop writes a workshop's level as stars out of three: « 1/3 », « 2/3 », « 3/3 »."""
    return f"{tuple(Level).index(level) + 1}/{len(Level)}" if level else ""


def _coop_activity(w: Workshop, place: Any) -> tuple[Any, ...]:
    """The activity's columns, from « Canaux d’accompagnement » to « Structure de
    redirection » (the last three stay empty: this app records no administrative
    procedure and no referral)."""
    return (
        label(w.place_type),
        place["name"] if place is not None else "",
        place["address"] if place is not None else w.venue_address,
        w.commune or (place["commune"] if place is not None else ""),
        w.postcode or (place["postcode"] if place is not None else ""),
        w.insee_code or (place["insee_code"] if place is not None else ""),
        w.duration_min,
        w.title,
        _lines(w.materials),
        _lines(w.themes),
        _lines(w.tags),
        "",
        _stars(w.level),
        "",
        "",
    )


class ExportService:
    """Builds export rows from the local store (off the GUI thread)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def _structures(self) -> dict[UUID, Any]:
        with self._store.read() as conn:
            return {r["id"]: r for r in conn.execute(select(S)).mappings()}

    def held_workshops(self, flt: ExportFilter) -> list[Workshop]:
        with self._store.read() as conn:
            rows = (
                conn.execute(
                    select(W)
                    .where(*flt.where(), W.c.status == WorkshopStatus.HELD.value)
                    .order_by(W.c.date, W.c.start_time, W.c.id)
                )
                .mappings()
                .all()
            )
        return [entity_from_row(Workshop, r) for r in rows]

    def coop_table(
        self,
        flt: ExportFilter,
        cancelled: Callable[[], bool] = lambda: False,
        *,
        team: bool | None = None,
    ) -> CoopTable:
        """La Coop's activity rows of the held workshops: one row per accompaniment, most
        recent activity first, as La Coop lists them.

        Identified participants give one row each (their commune, gender, age band and
        status); anonymous counts give one row per person, spread over the declared
        breakdowns. Every row of an activity carries its id (« ID CRA ») and « Participants »
        says which of them it is (``1`` alone, else ``2/5``).

        ``team``: La Coop's team layout (mediator columns, no notes). By default it is the
        team layout unless this laptop's mediator exports only their own activities.
        """
        structures = self._structures()
        # A training of professionals accompanies no beneficiary: La Coop has no type for
        # it (its ``TypeActivite`` is individuel or collectif), so it is left out.
        workshops = [
            w
            for w in self.held_workshops(flt)
            if w.format is not WorkshopFormat.FORMATION_PROFESSIONNELS
        ]
        workshops.sort(key=lambda w: (w.date, w.start_time or time.min), reverse=True)
        if team is None:
            me = self._store.identity.actor_id
            team = self._store.identity.role in ("coordinator", "admin") or any(
                w.owner_id not in (None, me) for w in workshops
            )
        ids = [w.id for w in workshops]
        people: dict[UUID, list[Participant]] = {i: [] for i in ids}
        anon: dict[UUID, AnonymousCounts] = {}
        with self._store.read() as conn:
            for i in range(0, len(ids), 400):
                chunk = ids[i : i + 400]
                for r in conn.execute(
                    select(A.c.workshop_id, P)
                    .join(P, P.c.id == A.c.participant_id)
                    .where(
                        A.c.workshop_id.in_(chunk),
                        A.c.deleted.is_(False),
                        A.c.status == Presence.PRESENT.value,
                    )
                    .order_by(A.c.workshop_id, P.c.id)
                ).mappings():
                    people[r["workshop_id"]].append(entity_from_row(Participant, r))
                for r in conn.execute(
                    select(AC).where(AC.c.workshop_id.in_(chunk), AC.c.deleted.is_(False))
                ).mappings():
                    anon[r["workshop_id"]] = entity_from_row(AnonymousCounts, r)
        out: list[tuple[Any, ...]] = []
        for w in workshops:
            if cancelled():
                break
            persons = [
                _Person(
                    p.commune,
                    p.gender or Gender.NON_COMMUNIQUE,
                    p.age_band or AgeBand.NON_COMMUNIQUE,
                    p.social_status or SocialStatus.NON_COMMUNIQUE,
                )
                for p in people[w.id]
            ]
            counts = anon.get(w.id)
            if counts is not None and counts.total:
                persons += _anonymous(counts)
            place = structures.get(w.venue_structure_id) if w.venue_structure_id else None
            activity = _coop_activity(w, place)
            first, _, last = w.owner_name.strip().partition(" ")
            mediator = (first, last, COOP_ROLE, "") if team else ()
            n = len(persons)
            for idx, person in enumerate(persons, start=1):
                out.append(
                    (
                        w.date,
                        _coop_time(w.created_at),
                        "" if w.updated_at == w.created_at else _coop_time(w.updated_at),
                        *mediator,
                        label(w.kind),
                        1 if n == 1 else f"{idx}/{n}",
                        *activity,
                        person.commune,
                        "",
                        "",
                        label(person.gender),
                        label(person.age_band),
                        label(person.status),
                        *(() if team else (w.notes if idx == 1 else "",)),
                        str(w.id),
                    )
                )
        return CoopTable(team=team, rows=out)

    def attendance_rows(self, flt: ExportFilter) -> list[dict[str, Any]]:
        """Attendance lines: workshop date/title, participant id (never a name), status,
        children."""
        with self._store.read() as conn:
            rows = (
                conn.execute(
                    select(
                        W.c.date,
                        W.c.title,
                        W.c.id.label("workshop_id"),
                        A.c.participant_id,
                        A.c.status,
                        A.c.children_count,
                    )
                    .join(A, A.c.workshop_id == W.c.id)
                    .where(*flt.where(), A.c.deleted.is_(False))
                    .order_by(W.c.date, W.c.id, A.c.participant_id)
                )
                .mappings()
                .all()
            )
        return [dict(r) for r in rows]

    def device_rows(self, flt: ExportFilter | None = None) -> list[Device]:
        """The live devices (of the filter's département and holding structure; a stock
        has no period)."""
        scope = flt.view.scope(D, "owner_structure_id") if flt else []
        with self._store.read() as conn:
            rows = (
                conn.execute(
                    select(D).where(D.c.deleted.is_(False), *scope).order_by(D.c.asset_tag)
                )
                .mappings()
                .all()
            )
        return [entity_from_row(Device, r) for r in rows]

    def handout_rows(self, flt: ExportFilter, *, with_names: bool) -> list[HandoutExportRow]:
        """One line per hand-out handed in the period (local calendar day), oldest first;
        the family's and the pupil's names only ``with_names`` (the structure's own copy)."""
        where: list[ColumnElement[bool]] = [H.c.deleted.is_(False)]
        if flt.date_from:
            where.append(H.c.handed_at >= datetime.combine(flt.date_from - timedelta(1), time.min))
        if flt.date_to:
            where.append(H.c.handed_at < datetime.combine(flt.date_to + timedelta(2), time.min))
        if flt.structure_id:
            where.append(H.c.structure_id == flt.structure_id)
        if flt.department_code:
            where.append(H.c.department_code == flt.department_code)
        with self._store.read() as conn:
            handouts = [
                entity_from_row(Handout, r)
                for r in conn.execute(
                    select(H).where(*where).order_by(H.c.handed_at, H.c.id)
                ).mappings()
            ]
            devices = {
                r.id: r for r in conn.execute(select(D.c.id, D.c.asset_tag, D.c.device_type)).all()
            }
            schools = {
                r.id: r for r in conn.execute(select(S.c.id, S.c.name, S.c.uai, S.c.kind)).all()
            }
            guardians = (
                {
                    r.id: f"{r.first_name or ''} {r.last_name or ''}".strip()
                    for r in conn.execute(select(P.c.id, P.c.first_name, P.c.last_name)).all()
                }
                if with_names
                else {}
            )
            operators = dict(conn.execute(select(L.c.id, L.c.operator)).all())
        out = []
        for h in handouts:
            day = h.handed_at.astimezone().date()
            if (flt.date_from and day < flt.date_from) or (flt.date_to and day > flt.date_to):
                continue
            school = schools.get(h.pupil_school_id) if h.pupil_school_id else None
            owned = [devices[d] for d in h.device_ids if d in devices]
            out.append(
                HandoutExportRow(
                    handout=h,
                    handed_on=day,
                    school_name=school.name if school else "",
                    school_uai=(school.uai or "") if school else "",
                    asset_tags=tuple(d.asset_tag for d in owned),
                    device_types=tuple(str(d.device_type) for d in owned),
                    line_operator=operators.get(h.line_id, "") if h.line_id else "",
                    guardian_name=guardians.get(h.guardian_id, "") if h.guardian_id else "",
                    pupil_name=f"{h.pupil_first_name} {h.pupil_last_name}".strip()
                    if with_names
                    else "",
                )
            )
        return out


@dataclass(frozen=True)
class HandoutExportRow:
    """A hand-out with what its export line shows besides its own fields."""

    handout: Handout
    handed_on: date
    school_name: str
    school_uai: str
    asset_tags: tuple[str, ...]
    device_types: tuple[str, ...]
    line_operator: str
    guardian_name: str
    pupil_name: str


def _coop_time(value: datetime | None) -> str:
    """« 05/11/2026 à 14:03 », local time, as La Coop writes when a row was saved."""
    if value is None:
        return ""
    return value.astimezone().strftime("%d/%m/%Y à %H:%M")
