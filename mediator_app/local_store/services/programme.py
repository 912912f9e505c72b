"""Partnerships, school targets and coverage: the coordinator's follow-up of the programme.

Coordinators write partnerships (with their instalments) and import the schools their
département aims to cover; a partner's mediators read their own convention. Coverage counts
the schools with at least one held workshop in the school year (the workshop's *school*, not
its venue). docs/architecture.md, « Partenariats et couverture », has the definitions.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from sqlalchemy import func, select

from mediator_app.core import programme, rules, school_directory, texts
from mediator_app.core.entities import (
    Partnership,
    PartnershipInstalment,
    SchoolTarget,
    school_target_id,
    structure_id_for_uai,
)
from mediator_app.core.enums import InstalmentStatus, StructureKind, WorkshopStatus
from mediator_app.core.errors import BusinessRuleError, ValidationError
from mediator_app.core.validation import check
from mediator_app.local_store.rows import entity_from_row
from mediator_app.local_store.schema import entity_tables
from mediator_app.local_store.unit_of_work import Result, Store, Tx, result

W = entity_tables["workshop"]
S = entity_tables["structure"]
PA = entity_tables["partnership"]
DEP = entity_tables["department"]
PI = entity_tables["partnership_instalment"]
T = entity_tables["school_target"]


@dataclass(frozen=True)
class PartnerFollowUp:
    """One partner's convention against what it did in the school year."""

    partnership: Partnership
    partner_name: str
    workshops_held: int
    workshops_planned: int
    schools_reached: int
    targeted_schools_reached: int
    planned_cents: int
    paid_cents: int
    instalments: tuple[PartnershipInstalment, ...]

    @property
    def workshops_progress(self) -> float | None:
        goal = self.partnership.objective_workshops
        return None if goal <= 0 else self.workshops_held / goal

    @property
    def schools_progress(self) -> float | None:
        goal = self.partnership.objective_schools
        return None if goal <= 0 else self.schools_reached / goal


@dataclass(frozen=True)
class Coverage:
    """The programme's figures for one département and school year."""

    school_year: str
    department_code: str
    workshops_held: int
    workshops_planned: int
    schools_reached: int
    schools_targeted: int
    targeted_reached: int
    partners_active: int
    partnerships: int
    by_kind: dict[str, int] = field(default_factory=dict)
    #: "2025-09" → targeted schools reached so far (cumulative).
    by_month: dict[str, int] = field(default_factory=dict)
    partners: tuple[PartnerFollowUp, ...] = ()

    @property
    def ratio(self) -> float | None:
        return None if not self.schools_targeted else self.targeted_reached / self.schools_targeted

    @property
    def sentence(self) -> str:
        return programme.programme_sentence(
            held=self.workshops_held,
            schools=self.schools_reached,
            partners=self.partners_active,
            planned=self.workshops_planned,
            target=self.schools_targeted,
        )


@dataclass(frozen=True)
class TargetImport:
    """What an import of target schools did."""

    added: int
    updated: int
    errors: tuple[str, ...]
    cancelled: bool = False


class _Cancelled(Exception):
    pass


class ProgrammeService:
    """Every action on partnerships and school targets, and the coverage figures."""

    def __init__(self, store: Store) -> None:
        self._store = store

    # --- writing (coordinators) ---------------------------------------------------------

    def _require_writer(self) -> None:
        if not rules.programme_write_allowed(self._store.identity.role):
            raise BusinessRuleError(rules.PROGRAMME_WRITERS_MESSAGE)

    def save_partnership(self, p: Partnership) -> Result[Partnership]:
        """Create or update a partnership (département filled from the coordinator).

        Raises:
            BusinessRuleError: not a coordinator. ValidationError: a bad field.
        """
        self._require_writer()
        dept = p.department_code or self._store.identity.department_code
        p = dataclasses.replace(p, department_code=dept, title=p.title.strip())
        check(programme.validate_partnership(p))
        with self._store.write() as tx:
            old = tx.get(Partnership, p.id)
            if old is None:
                same = tx.conn.execute(
                    select(PA.c.id).where(
                        PA.c.deleted.is_(False),
                        PA.c.partner_structure_id == p.partner_structure_id,
                        PA.c.school_year == p.school_year,
                    )
                ).first()
                if same is not None:
                    raise ValidationError(
                        {
                            "partner_structure_id": texts.text(
                                "Cette structure a déjà une convention pour l’année scolaire {school_year}.",
                                school_year=p.school_year,
                            )
                        }
                    )
                return result(tx.insert(p), tx)
            if (old.partner_structure_id, old.department_code) != (
                p.partner_structure_id,
                p.department_code,
            ):
                raise BusinessRuleError(
                    texts.text(
                        "La structure partenaire d’une convention ne se change pas : "
                        "créez une nouvelle convention."
                    )
                )
            values = {
                f.name: getattr(p, f.name)
                for f in dataclasses.fields(Partnership)
                if f.name
                not in ("id", "version", "deleted", "sync_state", "created_at", "updated_at")
                and f.name != "updated_by"
                and getattr(p, f.name) != getattr(old, f.name)
            }
            return result(tx.update(old, **values) if values else old, tx)

    def delete_partnership(self, partnership_id: UUID) -> Result[Partnership]:
        """Delete a partnership and its instalments (one transaction)."""
        self._require_writer()
        with self._store.write() as tx:
            old = tx.require(Partnership, partnership_id)
            for inst in self._instalments(tx, partnership_id):
                tx.delete(inst)
            return result(tx.delete(old), tx)

    def add_instalment(
        self,
        partnership_id: UUID,
        *,
        due_on: date,
        amount_cents: int,
        label: str = "",
        paid_on: date | None = None,
    ) -> Result[PartnershipInstalment]:
        self._require_writer()
        with self._store.write() as tx:
            p = tx.require(Partnership, partnership_id)
            inst = PartnershipInstalment(
                partnership_id=p.id,
                department_code=p.department_code,
                partner_structure_id=p.partner_structure_id,
                label=label.strip(),
                due_on=due_on,
                amount_cents=amount_cents,
                status=InstalmentStatus.VERSE if paid_on else InstalmentStatus.PREVU,
                paid_on=paid_on,
            )
            check(programme.validate_instalment(inst))
            return result(tx.insert(inst), tx)

    def mark_paid(self, instalment_id: UUID, on: date) -> Result[PartnershipInstalment]:
        self._require_writer()
        with self._store.write() as tx:
            old = tx.require(PartnershipInstalment, instalment_id)
            return result(tx.update(old, status=InstalmentStatus.VERSE, paid_on=on), tx)

    def delete_instalment(self, instalment_id: UUID) -> Result[PartnershipInstalment]:
        self._require_writer()
        with self._store.write() as tx:
            return result(tx.delete(tx.require(PartnershipInstalment, instalment_id)), tx)

    def import_targets(
        self,
        data: bytes,
        school_year: str,
        *,
        progress: Callable[[int, int], None] = lambda done, total: None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> Result[TargetImport]:
        """Import the département's target schools from the national directory's CSV.

        Lines of another département are refused by line number (with the directory's own
        errors); a school
        already targeted this year is updated, never doubled. Nothing is written when
        cancelled.

        Raises:
            BusinessRuleError: not a coordinator. ValidationError: bad school year.
        """
        self._require_writer()
        if not programme.valid_school_year(school_year):
            raise ValidationError(
                {"school_year": texts.text("Indiquez l’année scolaire sous la forme 2025-2026.")}
            )
        dept = self._store.identity.department_code
        parsed = school_directory.parse(school_directory.decode(data))
        errors = list(parsed.errors)
        try:
            with self._store.write() as tx:
                return result(
                    self._write_targets(
                        tx, parsed.rows, school_year, dept, errors, progress, cancelled
                    ),
                    tx,
                )
        except _Cancelled:
            return Result(TargetImport(0, 0, tuple(errors), cancelled=True))

    @staticmethod
    def _write_targets(
        tx: Tx,
        rows: list[school_directory.DirectoryRow],
        school_year: str,
        dept: str,
        errors: list[str],
        progress: Callable[[int, int], None],
        cancelled: Callable[[], bool],
    ) -> TargetImport:
        added = updated = 0
        total = len(rows)
        for n, row in enumerate(rows, start=1):
            if cancelled():
                raise _Cancelled
            if n % 50 == 0 or n == total:
                progress(n, total)
            if dept and row.department != dept:
                errors.append(
                    f"Ligne {row.line} : {row.name} est dans le département "
                    f"{row.department}, pas dans le {dept}."
                )
                continue
            target = SchoolTarget(
                id=school_target_id(school_year, row.uai),
                department_code=row.department,
                school_year=school_year,
                uai=row.uai,
                school_id=structure_id_for_uai(row.uai),
                school_name=row.name,
                commune=row.commune,
            )
            old = tx.get(SchoolTarget, target.id, include_deleted=True)
            if old is None:
                tx.insert(target)
                added += 1
            elif old.deleted:
                errors.append(
                    f"Ligne {row.line} : {row.name} a été retirée des écoles ciblées "
                    f"en {school_year} ; elle n’est pas ajoutée à nouveau."
                )
            elif (old.school_name, old.commune) != (row.name, row.commune):
                tx.update(old, school_name=row.name, commune=row.commune)
                updated += 1
        return TargetImport(added, updated, tuple(errors))

    def remove_target(self, target_id: UUID) -> Result[SchoolTarget]:
        self._require_writer()
        with self._store.write() as tx:
            return result(tx.delete(tx.require(SchoolTarget, target_id)), tx)

    # --- reading -------------------------------------------------------------------------

    @staticmethod
    def _instalments(tx: Tx, partnership_id: UUID) -> list[PartnershipInstalment]:
        rows = tx.conn.execute(
            select(PI).where(PI.c.partnership_id == partnership_id, PI.c.deleted.is_(False))
        ).mappings()
        return [entity_from_row(PartnershipInstalment, r) for r in rows]

    def partnerships(self, school_year: str) -> list[Partnership]:
        with self._store.read() as conn:
            rows = conn.execute(
                select(PA)
                .where(PA.c.deleted.is_(False), PA.c.school_year == school_year)
                .order_by(PA.c.title, PA.c.id)
            ).mappings()
            return [entity_from_row(Partnership, r) for r in rows]

    def targets(self, school_year: str) -> list[SchoolTarget]:
        with self._store.read() as conn:
            rows = conn.execute(
                select(T)
                .where(T.c.deleted.is_(False), T.c.school_year == school_year)
                .order_by(T.c.commune, T.c.school_name, T.c.uai)
            ).mappings()
            return [entity_from_row(SchoolTarget, r) for r in rows]

    def school_years(self) -> list[str]:
        """The school years with partnerships, targets or workshops, newest first (the
        current one always in)."""
        years = {programme.school_year_of(date.today())}
        with self._store.read() as conn:
            for table in (PA, T):
                years |= set(
                    conn.execute(
                        select(table.c.school_year).distinct().where(table.c.deleted.is_(False))
                    ).scalars()
                )
            first, last = conn.execute(
                select(func.min(W.c.date), func.max(W.c.date)).where(W.c.deleted.is_(False))
            ).one()
        if first is not None and last is not None:
            for y in range(
                int(programme.school_year_of(first)[:4]),
                int(programme.school_year_of(last)[:4]) + 1,
            ):
                years.add(f"{y}-{y + 1}")
        return sorted(years, reverse=True)

    def department_names(self) -> dict[str, str]:
        """Code → name of the départements this laptop holds."""
        with self._store.read() as conn:
            return {
                r.code: r.name
                for r in conn.execute(
                    select(DEP.c.code, DEP.c.name).where(DEP.c.deleted.is_(False))
                ).all()
            }

    def coverage_by_department(
        self, school_year: str, *, partner_structure_id: UUID | None = None
    ) -> list[Coverage]:
        """The figures of each département this laptop holds, side by side (the national
        view), in département order (of one partner structure's, when given)."""
        with self._store.read() as conn:
            codes: set[str] = set()
            for table in (W, PA, T):
                codes |= {
                    c
                    for c in conn.execute(
                        select(table.c.department_code).distinct().where(table.c.deleted.is_(False))
                    ).scalars()
                    if c
                }
        return [
            self.coverage(school_year, department_code=c, partner_structure_id=partner_structure_id)
            for c in sorted(codes)
        ]

    def coverage(
        self,
        school_year: str,
        *,
        department_code: str | None = None,
        partner_structure_id: UUID | None = None,
    ) -> Coverage:
        """The programme's figures of one school year (see the module docstring). With
        ``partner_structure_id``: that partner's workshops and convention only (the
        targeted schools stay the département's)."""
        start, end = programme.school_year_bounds(school_year)
        where = [W.c.deleted.is_(False), W.c.date >= start, W.c.date <= end]
        if department_code:
            where.append(W.c.department_code == department_code)
        if partner_structure_id is not None:
            where.append(W.c.organizer_structure_id == partner_structure_id)
        with self._store.read() as conn:
            workshops = conn.execute(
                select(
                    W.c.id,
                    W.c.date,
                    W.c.status,
                    W.c.school_id,
                    W.c.organizer_structure_id,
                    S.c.kind.label("school_kind"),
                )
                .select_from(W.outerjoin(S, S.c.id == W.c.school_id))
                .where(*where)
            ).all()
            pwhere = [PA.c.deleted.is_(False), PA.c.school_year == school_year]
            twhere = [T.c.deleted.is_(False), T.c.school_year == school_year]
            if department_code:
                pwhere.append(PA.c.department_code == department_code)
                twhere.append(T.c.department_code == department_code)
            if partner_structure_id is not None:
                pwhere.append(PA.c.partner_structure_id == partner_structure_id)
            partnerships = [
                entity_from_row(Partnership, r)
                for r in conn.execute(select(PA).where(*pwhere)).mappings()
            ]
            targets = {r.school_id for r in conn.execute(select(T.c.school_id).where(*twhere))}
            instalments: dict[UUID, list[PartnershipInstalment]] = defaultdict(list)
            ids = [p.id for p in partnerships]
            if ids:
                for r in conn.execute(
                    select(PI).where(PI.c.deleted.is_(False), PI.c.partnership_id.in_(ids))
                ).mappings():
                    inst = entity_from_row(PartnershipInstalment, r)
                    instalments[inst.partnership_id].append(inst)
            names = dict(
                conn.execute(
                    select(S.c.id, S.c.name).where(
                        S.c.id.in_([p.partner_structure_id for p in partnerships])
                    )
                ).all()
            )

        held = [w for w in workshops if w.status == WorkshopStatus.HELD.value]
        planned = [w for w in workshops if w.status == WorkshopStatus.PLANNED.value]
        reached = {w.school_id for w in held if w.school_id is not None}
        by_kind: dict[str, int] = defaultdict(int)
        kinds = {w.school_id: w.school_kind for w in held if w.school_id is not None}
        for school in reached:
            by_kind[kinds.get(school) or StructureKind.AUTRE.value] += 1
        first_held: dict[UUID, date] = {}
        for w in sorted(held, key=lambda w: w.date):
            if w.school_id in targets:
                first_held.setdefault(w.school_id, w.date)
        by_month: dict[str, int] = {}
        month, last = start, max(start, min(end, date.today()))
        while month <= last:
            key = f"{month:%Y-%m}"
            by_month[key] = sum(1 for d in first_held.values() if f"{d:%Y-%m}" <= key)
            month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
        partner_ids = {p.partner_structure_id for p in partnerships}
        active = {w.organizer_structure_id for w in held} & partner_ids
        follow = []
        for p in sorted(partnerships, key=lambda p: names.get(p.partner_structure_id) or ""):
            mine = [w for w in workshops if w.organizer_structure_id == p.partner_structure_id]
            mine_held = [w for w in mine if w.status == WorkshopStatus.HELD.value]
            schools = {w.school_id for w in mine_held if w.school_id is not None}
            insts = sorted(instalments[p.id], key=lambda i: (i.due_on, str(i.id)))
            follow.append(
                PartnerFollowUp(
                    partnership=p,
                    partner_name=names.get(p.partner_structure_id) or p.title or "Structure",
                    workshops_held=len(mine_held),
                    workshops_planned=sum(
                        1 for w in mine if w.status == WorkshopStatus.PLANNED.value
                    ),
                    schools_reached=len(schools),
                    targeted_schools_reached=len(schools & targets),
                    planned_cents=p.subsidy_cents,
                    paid_cents=sum(
                        i.amount_cents for i in insts if i.status is InstalmentStatus.VERSE
                    ),
                    instalments=tuple(insts),
                )
            )
        return Coverage(
            school_year=school_year,
            department_code=department_code or self._store.identity.department_code,
            workshops_held=len(held),
            workshops_planned=len(planned),
            schools_reached=len(reached),
            schools_targeted=len(targets),
            targeted_reached=len(reached & targets),
            partners_active=len(active),
            partnerships=len(partnerships),
            by_kind=dict(by_kind),
            by_month=by_month,
            partners=tuple(follow),
        )
