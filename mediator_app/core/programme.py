"""The département's programme: school years, partnerships, coverage (pure functions).

docs/architecture.md, « Partenariats et couverture », says how the figures are counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from mediator_app.core import texts
from mediator_app.core.entities import Partnership, PartnershipInstalment
from mediator_app.core.enums import InstalmentStatus, StructureKind

Errors = dict[str, str]

_YEAR_RE = re.compile(r"^(\d{4})-(\d{4})$")

#: Bounds of the objectives and amounts a convention may hold.
MAX_OBJECTIVE = 100_000
MAX_CENTS = 100_000_000_00  # 100 million euros


def proposes_reussite(school_kind: StructureKind | None, structure_takes_part: bool) -> bool:
    """A hand-out is proposed for Réussite Connectée when the pupil's school is a collège
    and the structure takes part in the programme (docs/architecture.md, « Réussite
    Connectée »); the mediator may always untick it."""
    return structure_takes_part and school_kind is StructureKind.COLLEGE


def school_year_of(day: date) -> str:
    """``date(2025, 9, 1)`` → ``"2025-2026"``: a school year runs from 1 September."""
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}-{start + 1}"


def school_year_bounds(year: str) -> tuple[date, date]:
    """First and last day of a school year (1 September – 31 August)."""
    m = _YEAR_RE.match(year)
    if m is None:
        raise ValueError(year)
    start = int(m.group(1))
    return date(start, 9, 1), date(start + 1, 8, 31)


def valid_school_year(year: str) -> bool:
    m = _YEAR_RE.match(year)
    return m is not None and int(m.group(2)) == int(m.group(1)) + 1


def validate_partnership(p: Partnership) -> Errors:
    errors: Errors = {}
    if not valid_school_year(p.school_year):
        errors["school_year"] = texts.text("Indiquez l’année scolaire sous la forme 2025-2026.")
    for name in ("objective_workshops", "objective_schools", "objective_trained"):
        value = getattr(p, name)
        if not 0 <= value <= MAX_OBJECTIVE:
            errors[name] = texts.text(
                "L’objectif doit être compris entre 0 et {max_objective}.",
                max_objective=MAX_OBJECTIVE,
            )
    if not 0 <= p.subsidy_cents <= MAX_CENTS:
        errors["subsidy_cents"] = texts.text("Le montant de la subvention n’est pas valide.")
    if len(p.notes) > 2000:
        errors["notes"] = texts.text("Les notes sont limitées à 2 000 caractères.")
    if len(p.documents) > 2000:
        errors["documents"] = texts.text(
            "Les références des documents sont limitées à 2 000 caractères."
        )
    return errors


def validate_instalment(i: PartnershipInstalment) -> Errors:
    errors: Errors = {}
    if not 0 < i.amount_cents <= MAX_CENTS:
        errors["amount_cents"] = texts.text("Indiquez un montant supérieur à 0 €.")
    if i.status is InstalmentStatus.VERSE and i.paid_on is None:
        errors["paid_on"] = texts.text("Indiquez la date du versement.")
    if i.status is InstalmentStatus.PREVU and i.paid_on is not None:
        errors["status"] = texts.text("Un versement daté est « versé ».")
    return errors


def euros(cents: int) -> str:
    """``123456`` → ``"1 234,56 €"`` (French grouping, non-breaking spaces)."""
    whole, rest = divmod(abs(cents), 100)
    grouped = f"{whole:,}".replace(",", "\u202f")
    sign = "-" if cents < 0 else ""
    return f"{sign}{grouped},{rest:02d}\u00a0€"


def parse_euros(text: str) -> int | None:
    """``"1 234,56"`` / ``"1234.5 €"`` → cents; ``None`` when it is not an amount."""
    cleaned = re.sub(r"[\s\u00a0\u202f€]", "", text).replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d{1,2})?", cleaned):
        return None
    whole, _, frac = cleaned.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n <= 1 else many}"


def programme_sentence(*, held: int, schools: int, partners: int, planned: int, target: int) -> str:
    """The annual report's kind of sentence, from the figures."""
    text = (
        f"{_plural(held, 'atelier réalisé', 'ateliers réalisés')} dans "
        f"{_plural(schools, 'école', 'écoles')} par le biais de partenariats avec "
        f"{_plural(partners, 'structure', 'structures')} de médiation numérique"
    )
    if planned or target:
        text += f" ; {_plural(planned, 'programmé', 'programmés')}"
        if target:
            text += f" avec pour objectif de couvrir {_plural(target, 'école', 'écoles')}"
    return text + "."


# --- Réussite Connectée: three meetings in each collège -----------------------------------

#: « trois rendez-vous dans chaque collège : un atelier de formation aux outils numériques
#: utilisés par le collège et deux rencontres cafés des parents » (the annual report).
RC_TRAININGS_REQUIRED = 1
RC_CAFES_REQUIRED = 2


@dataclass(frozen=True)
class CollegeMeetings:
    """Where a collège stands against the programme's three meetings."""

    trainings: int
    cafes: int

    @property
    def trainings_missing(self) -> int:
        return max(RC_TRAININGS_REQUIRED - self.trainings, 0)

    @property
    def cafes_missing(self) -> int:
        return max(RC_CAFES_REQUIRED - self.cafes, 0)

    @property
    def complete(self) -> bool:
        return not (self.trainings_missing or self.cafes_missing)

    @property
    def status(self) -> str:
        """« Complet », « Manque 1 café des parents », « Manque 1 atelier de formation et
        2 cafés des parents »…"""
        if self.complete:
            return "Complet"
        missing = []
        if self.trainings_missing:
            missing.append(
                _plural(self.trainings_missing, "atelier de formation", "ateliers de formation")
            )
        if self.cafes_missing:
            missing.append(_plural(self.cafes_missing, "café des parents", "cafés des parents"))
        return "Manque " + " et ".join(missing)


def college_meetings(*, trainings: int, cafes: int) -> CollegeMeetings:
    """The rule « par collège : 1 atelier de formation + 2 cafés des parents », from the
    held workshops of the collège (an extra workshop of one kind never stands for the
    other)."""
    return CollegeMeetings(trainings=max(trainings, 0), cafes=max(cafes, 0))
