"""The coordinator's review of workshops: validate, or send back with a comment.

The mediator sees the comment and the « à corriger » badge after their next sync; their
correction puts the workshop back in the queue (``WorkshopService.update``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from uuid import UUID

from sqlalchemy import func, select

from mediator_app.core import rules, texts
from mediator_app.core.entities import Workshop
from mediator_app.core.enums import ReviewStatus
from mediator_app.core.errors import BusinessRuleError, ValidationError
from mediator_app.local_store.schema import entity_tables
from mediator_app.local_store.services.common import Page
from mediator_app.local_store.services.workshops import (
    WorkshopFilter,
    WorkshopRow,
    WorkshopService,
)
from mediator_app.local_store.unit_of_work import Result, Store, result

W = entity_tables["workshop"]
S = entity_tables["structure"]

COORDINATORS_ONLY = rules.REVIEW_DECISION_MESSAGE


@dataclass(frozen=True)
class ReviewChoices:
    """What the review filters offer: the workshops' owners and the known places."""

    owners: tuple[tuple[UUID, str], ...]
    structures: tuple[tuple[UUID, str], ...]

    @cached_property
    def _names(self) -> dict[UUID, str]:
        return dict(self.structures)

    def structure_name(self, structure_id: UUID | None) -> str:
        return self._names.get(structure_id, "") if structure_id else ""


@dataclass(frozen=True)
class ReviewCounts:
    to_review: int
    needs_correction: int
    validated: int


class ReviewService:
    """Review queue actions (coordinators)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._workshops = WorkshopService(store)

    def _require_coordinator(self) -> None:
        decision = {"review_status": ReviewStatus.VALIDATED}
        if not rules.review_write_allowed(self._store.identity.role, "workshop", decision):
            raise BusinessRuleError(COORDINATORS_ONLY)

    def queue(self, flt: WorkshopFilter, *, offset: int = 0, limit: int = 100) -> Page[WorkshopRow]:
        """The département's workshops matching the filter (review status included)."""
        return self._workshops.list(flt, offset=offset, limit=limit)

    def counts(self, flt: WorkshopFilter | None = None) -> ReviewCounts:
        base = flt or WorkshopFilter()

        def n(status: ReviewStatus) -> int:
            return self._workshops.list(replace(base, review_status=status), limit=1).total

        return ReviewCounts(
            n(ReviewStatus.TO_REVIEW), n(ReviewStatus.NEEDS_CORRECTION), n(ReviewStatus.VALIDATED)
        )

    def choices(self) -> ReviewChoices:
        """Owners of the workshops on this laptop (mediators, by name) and the places,
        both sorted by name, for the queue's filters."""
        with self._store.read() as conn:
            owners = conn.execute(
                select(W.c.owner_id, func.max(W.c.owner_name))
                .where(W.c.deleted.is_(False), W.c.owner_id.is_not(None))
                .group_by(W.c.owner_id)
            ).all()
            places = conn.execute(select(S.c.id, S.c.name).where(S.c.deleted.is_(False))).all()
        return ReviewChoices(
            owners=tuple(
                sorted(
                    ((o, str(n or "")) for o, n in owners), key=lambda x: (x[1].casefold(), x[0])
                )
            ),
            structures=tuple(
                sorted(
                    ((i, str(n or "")) for i, n in places), key=lambda x: (x[1].casefold(), x[0])
                )
            ),
        )

    def validate(self, workshop_id: UUID) -> Result[Workshop]:
        self._require_coordinator()
        with self._store.write() as tx:
            old = tx.require(Workshop, workshop_id)
            return result(
                tx.update(old, review_status=ReviewStatus.VALIDATED, review_comment=""), tx
            )

    def send_back(self, workshop_id: UUID, comment: str) -> Result[Workshop]:
        """Send a workshop back for correction; the comment tells the mediator what to fix.

        Raises:
            ValidationError: the comment is empty.
        """
        self._require_coordinator()
        if not comment.strip():
            raise ValidationError(
                {
                    "review_comment": texts.text(
                        "Expliquez ce qu’il faut corriger : le commentaire est "
                        "envoyé au·à la médiateur·rice."
                    )
                }
            )
        with self._store.write() as tx:
            old = tx.require(Workshop, workshop_id)
            return result(
                tx.update(
                    old, review_status=ReviewStatus.NEEDS_CORRECTION, review_comment=comment.strip()
                ),
                tx,
            )
