"""Small counts hidden, one rule for every figure shown beyond a structure: the coordinator's
dashboard, the bilan PDF, the exports and the national view (docs/architecture.md,
« Petits effectifs masqués »).

A count of people (parents, children, pupils, professionals trained) or of what goes to one family (devices) between
1 and ``threshold - 1`` is shown « < 5 », so that no family can be singled out; 0 and counts
at or above the threshold are shown. Counts of workshops, hours, schools and collèges name
no family and are never masked. Which figure is which is :data:`INDICATORS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

DEFAULT_THRESHOLD = 5
MIN_THRESHOLD = 1
MAX_THRESHOLD = 50


def is_masked(n: int, threshold: int) -> bool:
    """Whether ``n`` is hidden: 1 ≤ n < threshold."""
    return 0 < n < threshold


def masked_count(n: int, threshold: int, fmt: Callable[[int], str] = str) -> str:
    """``n`` as shown: « < 5 » when hidden, else ``fmt(n)`` (the screens' French digits)."""
    return f"< {fmt(threshold)}" if is_masked(n, threshold) else fmt(n)


def masked_cell(n: int, threshold: int) -> int | str:
    """``n`` for a spreadsheet cell: the number itself, or the text « < 5 » when hidden."""
    return masked_count(n, threshold) if is_masked(n, threshold) else n


class Indicator(NamedTuple):
    """One figure of the dashboard: its attribute, its French label and whether it counts
    families (then it is masked)."""

    key: str
    label: str
    people: bool


#: The figures every view of a period shows, in order (``DashboardFigures`` attributes).
INDICATORS: tuple[Indicator, ...] = (
    Indicator("workshops_held", "Ateliers réalisés", False),
    Indicator("parents_reached", "Parents touchés", True),
    Indicator("parents_identified", "dont parents identifiés", True),
    Indicator("parents_anonymous", "dont participants anonymes", True),
    Indicator("first_time", "Première venue", True),
    Indicator("returning", "Déjà venus", True),
    Indicator("children", "Enfants présents", True),
    Indicator("hours", "Heures d’atelier", False),
    Indicator("devices_handed_out", "Équipements remis", True),
    Indicator("devices_returned", "Équipements rendus", True),
    Indicator("devices_lost", "Équipements perdus ou volés", True),
    Indicator("pupils_equipped", "Élèves équipés", True),
    Indicator("parents_ressource", "Parents Ressource mobilisés", True),
    Indicator("parents_ressource_recruited", "Parents Ressource recrutés", True),
    Indicator("workshops_co_facilitated", "Ateliers co-animés par un Parent Ressource", False),
    Indicator("rc_pupils", "Élèves équipés (Réussite Connectée)", True),
    Indicator("rc_colleges", "Collèges Réussite Connectée", False),
    Indicator("rc_colleges_complete", "dont collèges au complet (1 atelier + 2 cafés)", False),
    # Professionals trained are people too: a « 1 travailleur social » of one commune names
    # someone, so they are masked like families (docs/architecture.md, « Professionnels
    # formés »). Labels follow ``Workshop.TRAINED_ROLES``.
    Indicator("trained_professionals", "Professionnels formés", True),
    Indicator("trained_teachers", "dont enseignants", True),
    Indicator("trained_educators", "dont animateurs, éducateurs", True),
    Indicator("trained_social_workers", "dont travailleurs sociaux", True),
    Indicator("trained_public_agents", "dont agents de collectivité", True),
    Indicator("trained_volunteers", "dont bénévoles", True),
    Indicator("trained_others", "dont autres professionnels", True),
)

PEOPLE_FIGURES = frozenset(i.key for i in INDICATORS if i.people)


def shown(key: str, n: int, threshold: int, fmt: Callable[[int], str] = str) -> str:
    """Figure ``key`` as shown: masked when it counts families (:data:`PEOPLE_FIGURES`)."""
    return masked_count(n, threshold, fmt) if key in PEOPLE_FIGURES else fmt(n)
