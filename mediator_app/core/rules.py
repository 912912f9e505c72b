"""The rulebook: every decision the laptop and the server both take, as pure functions.

The client services (``mediator_app.local_store.services``) and the server's push
(``tne_api.service``) call these functions with plain inputs they each read from their own
store; neither side keeps a copy of a rule. docs/architecture.md (« Où vit chaque règle »)
lists them, and ``tests/integration/test_shared_rules.py`` feeds one table of cases to both
sides over real HTTP.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from mediator_app.core import texts
from mediator_app.core.entities import AnonymousCounts
from mediator_app.core.enums import (
    ConsentPurpose,
    Presence,
    RegistrationChannel,
    RegistrationStatus,
    ReviewStatus,
    Role,
    WorkshopFormat,
    WorkshopKind,
    WorkshopStatus,
)

Errors = dict[str, str]

# --- Places, waitlist, arrival ------------------------------------------------------------


def places_left(capacity: int | None, registered: int) -> int | None:
    """Places still free (``None``: the workshop has no limit). Never negative: walk-ins may
    take a workshop past its capacity."""
    return None if capacity is None else max(capacity - registered, 0)


def is_full(capacity: int | None, registered: int) -> bool:
    return capacity is not None and registered >= capacity


def next_waitlist_rank(ranks: Iterable[int | None]) -> int:
    """The rank a newly waitlisted person gets: one after the last one waiting."""
    return max((r for r in ranks if r is not None), default=0) + 1


def is_on_site(channel: RegistrationChannel | str | None) -> bool:
    """Whether a registration was taken from a person who is in the room (*sur place*)."""
    return channel == RegistrationChannel.SUR_PLACE


@dataclass(frozen=True)
class Arrival:
    """Where a new registration lands."""

    status: RegistrationStatus
    waitlist_rank: int | None

    @property
    def waitlisted(self) -> bool:
        return self.status is RegistrationStatus.WAITLIST


def arrival(
    *,
    capacity: int | None,
    registered: int,
    channel: RegistrationChannel | str | None,
    waitlist_ranks: Iterable[int | None] = (),
) -> Arrival:
    """A registration arriving at a workshop with ``registered`` other people registered.

    Registered while places are left; at a full workshop, waitlisted at the next rank —
    except a person registered on site (a walk-in): they are in the room, so they are
    registered even past the capacity, on the laptop and on the server alike.
    """
    if is_full(capacity, registered) and not is_on_site(channel):
        return Arrival(RegistrationStatus.WAITLIST, next_waitlist_rank(waitlist_ranks))
    return Arrival(RegistrationStatus.REGISTERED, None)


def capacity_errors(capacity: int | None, registered: int, *, before: int | None) -> Errors:
    """The number of places: at least 1, and never lowered under the people registered.

    ``before`` is the capacity the row had (``None`` for a new row). Only a change of the
    capacity is checked against the registrations: walk-ins may have taken the workshop
    past its capacity, and marking it held must still work.
    """
    if capacity is None:
        return {}
    if capacity < 1:
        return {"capacity": texts.text("Le nombre de places doit être d’au moins 1.")}
    if capacity < registered and capacity != before:
        return {
            "capacity": (
                texts.text(
                    "Il y a déjà {registered} personnes inscrites : la capacité ne peut pas être inférieure.",
                    registered=registered,
                )
            )
        }
    return {}


# --- A held workshop ----------------------------------------------------------------------

HELD_WITHOUT_ANYONE = texts.text(
    "Un atelier collectif réalisé doit avoir au moins un participant présent "
    "ou un nombre de participants anonymes."
)


def held_errors(
    status: WorkshopStatus,
    kind: WorkshopKind,
    *,
    identified_present: int,
    anonymous_total: int,
    on: date | None = None,
    today: date | None = None,
    trained_total: int = 0,
) -> Errors:
    """A workshop marked held has taken place: not after ``today`` (when the caller knows
    it), and, when collective, with someone in it — a parent marked present, an
    anonymous count, or (a training of professionals) a professional counted."""
    if status is WorkshopStatus.HELD and on is not None and today is not None and on > today:
        return {
            "status": texts.text(
                "Cet atelier est prévu le {on} : il ne peut pas encore être marqué comme réalisé.",
                on=format(on, "%d/%m/%Y"),
            )
        }
    if (
        status is WorkshopStatus.HELD
        and kind is WorkshopKind.COLLECTIF
        and identified_present < 1
        and anonymous_total < 1
        and trained_total < 1
    ):
        return {"status": HELD_WITHOUT_ANYONE}
    return {}


# --- Professionals trained -------------------------------------------------------------

#: Said when role counts are typed on a workshop of another format.
TRAINED_OTHER_FORMAT = texts.text(
    "Les professionnels formés ne se comptent que pour une « Formation de professionnels »."
)


def trained_professionals_errors(
    fmt: WorkshopFormat | str, counts: Mapping[str, int], labels: Mapping[str, str]
) -> Errors:
    """Professionals trained, by role (``counts``: field → number, ``labels``: field → its
    French name): each a whole number from 0 to ``core.limits.MAX_TRAINED_PER_ROLE``, and
    none but on a « Formation de professionnels »."""
    # Imported here: core.limits reads the wire specs, which read this module.
    from mediator_app.core.limits import MAX_TRAINED_PER_ROLE

    errors: Errors = {}
    for name, value in counts.items():
        if isinstance(value, bool) or not isinstance(value, int):
            errors[name] = texts.text(
                "{role} : indiquez un nombre entier.",
                role=texts.wording(labels.get(name, name)),
            )
        elif not 0 <= value <= MAX_TRAINED_PER_ROLE:
            errors[name] = texts.text(
                "{role} : le nombre doit être compris entre 0 et {max}.",
                role=texts.wording(labels.get(name, name)),
                max=f"{MAX_TRAINED_PER_ROLE:,}".replace(",", "\u202f"),
            )
    if errors:
        return errors
    if fmt != WorkshopFormat.FORMATION_PROFESSIONNELS:
        for name, value in counts.items():
            if value:
                errors[name] = TRAINED_OTHER_FORMAT
    return errors


# --- Anonymous counts -----------------------------------------------------------------

#: The largest count of people a workshop form accepts.
MAX_COUNT = 10_000


def anonymous_breakdown_errors(c: AnonymousCounts) -> Errors:
    """Counts of people not identified: each between 0 and ``MAX_COUNT``, and no
    breakdown (genders, ages, statuses, already accompanied) adding up past the total."""
    errors: Errors = {}
    for name in (
        "total",
        "already_accompanied",
        "children_present",
        *c.GENDER_FIELDS,
        *c.AGE_FIELDS,
        *c.STATUS_FIELDS,
    ):
        value = int(getattr(c, name))
        if value < 0 or value > MAX_COUNT:
            errors[name] = texts.text(
                "Le nombre doit être compris entre 0 et {max_count}.", max_count=MAX_COUNT
            )
    if errors:
        return errors
    if c.already_accompanied > c.total:
        errors["already_accompanied"] = texts.text(
            "Le nombre de personnes déjà accompagnées ne peut pas dépasser le total."
        )
    # One template per breakdown: « par genres » has no word-for-word translation.
    total = c.total
    declared = sum(int(getattr(c, n)) for n in c.GENDER_FIELDS)
    if declared > total:
        errors["gender"] = texts.text(
            "La répartition par genres ({declared}) dépasse le total de participants "
            "anonymes ({total}).",
            declared=declared,
            total=total,
        )
    declared = sum(int(getattr(c, n)) for n in c.AGE_FIELDS)
    if declared > total:
        errors["age"] = texts.text(
            "La répartition par tranches d’âge ({declared}) dépasse le total de "
            "participants anonymes ({total}).",
            declared=declared,
            total=total,
        )
    declared = sum(int(getattr(c, n)) for n in c.STATUS_FIELDS)
    if declared > total:
        errors["status"] = texts.text(
            "La répartition par statuts ({declared}) dépasse le total de participants "
            "anonymes ({total}).",
            declared=declared,
            total=total,
        )
    return errors


# --- Devices ------------------------------------------------------------------------------


def holds_devices(returned_at: datetime | str | None) -> bool:
    """Whether a hand-out keeps its devices away from the stock: any hand-out (loan or gift)
    not closed by a return. The same definition decides "déjà chez une famille" on the
    laptop and the server's refusal of a second hand-out of the same device."""
    return returned_at is None


def devices_out(device_ids: Iterable[UUID | str], returned_at: datetime | str | None) -> set[UUID]:
    """The devices a hand-out holds (empty once returned)."""
    if not holds_devices(returned_at):
        return set()
    return {d if isinstance(d, UUID) else UUID(str(d)) for d in device_ids}


# --- Consent ------------------------------------------------------------------------------


def consent_errors(
    *,
    purposes: Sequence[ConsentPurpose | str],
    notice_version: str,
    on: date | None,
    today: date | None,
    require_notice: bool = True,
) -> Errors:
    """A recorded consent: at least one purpose, a date that is not in the future (checked
    when ``today`` is known) and — when the consent is being recorded (``require_notice``)
    — the version of the notice handed over. A stored row is not refused for a missing
    notice version: records from before it was asked for must still sync."""
    if on is None and not purposes:
        return {}
    errors: Errors = {}
    if not purposes:
        errors["consent_purposes"] = texts.text("Cochez au moins une finalité du consentement.")
    if require_notice and not notice_version.strip():
        errors["notice_version"] = texts.text(
            "Indiquez la version de la notice d’information remise."
        )
    if on is None:
        errors["consent_date"] = texts.text("Indiquez la date du consentement.")
    elif today is not None and on > today:
        errors["consent_date"] = texts.text(
            "La date du consentement ne peut pas être dans le futur."
        )
    return errors


# --- Who may write which field ------------------------------------------------------------

#: The review decision: only the département's coordinators (and admins) take it. The
#: organiser may only send a workshop back to « à relire » (a correction made).
REVIEW_DECISION_FIELDS: dict[str, frozenset[str]] = {
    "workshop": frozenset({"review_status", "review_comment"}),
}

REVIEW_DECISION_MESSAGE = texts.text(
    "Seul·e la coordination du département peut valider un atelier ou le renvoyer pour correction."
)


def review_write_allowed(role: Role | str, entity: str, values: Mapping[str, Any]) -> bool:
    """Whether ``role`` may write these review-field ``values`` (wire or entity form).

    Coordinators and admins take the review decision. Anyone else may only leave it
    untouched or put the workshop back to « à relire » with no comment of their own.
    """
    if role in (Role.COORDINATOR, Role.ADMIN):
        return True
    fields = REVIEW_DECISION_FIELDS.get(entity, frozenset())
    for name in fields & set(values):
        value = values[name]
        if name == "review_status" and value != ReviewStatus.TO_REVIEW:
            return False
        if name == "review_comment" and value:
            return False
    return True


PROGRAMME_WRITERS_MESSAGE = texts.text(
    "Seule la coordination du département peut modifier les partenariats et les écoles ciblées."
)


def programme_write_allowed(role: Role | str) -> bool:
    """Partnerships, their instalments and school targets are the coordinators' (and the
    national team's); a partner's mediators read their own convention."""
    return role in (Role.COORDINATOR, Role.ADMIN)


# --- Names --------------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[\s\-'’.]+")


# --- Parents Ressource ----------------------------------------------------------------------


def co_facilitates(status: Presence | str | None, co_facilitated: bool | None) -> bool:
    """Whether an attendance still counts as a Parent Ressource co-facilitating: only a
    parent in the room co-facilitates, so one marked absent or excused no longer does
    (the laptop says so when it clears it; the server clears it when two laptops' marks
    meet: docs/architecture.md, « Parents Ressource »)."""
    return bool(co_facilitated) and status == Presence.PRESENT


def fold(text: str) -> str:
    """A name folded for comparison: no accents, case-folded, separators collapsed.

    ``"  Éloïse-Marie  D’Arc"`` and ``"eloise marie d arc"`` fold to the same text.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", bare.casefold()).strip()
