"""The Participants directory as a table model, paged in SQL (``PagedTableModel``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject

from mediator_app.core.validation import format_phone
from mediator_app.local_store.services.participants import ParticipantRow
from mediator_app.ui.core_labels import label
from mediator_app.ui.models.base import (
    FRENCH,
    ROW_ROLE,
    SORT_ROLE,
    AnyIndex,
    PagedTableModel,
    french_date,
    tr,
)

__all__ = [
    "FRENCH",
    "ROW_ROLE",
    "SORT_ROLE",
    "AnyIndex",
    "PagedTableModel",
    "ParticipantColumn",
    "ParticipantTableModel",
    "consent_text",
    "display_name",
    "french_date",
    "tr",
]


class ParticipantColumn(IntEnum):
    NAME = 0
    PHONE = 1
    COMMUNE = 2
    LAST_CONTACT = 3
    CONSENT = 4
    BADGE = 5


def consent_text(row: ParticipantRow) -> str:
    p = row.participant
    if p.consent_date is None:
        return tr("Non recueilli")
    day = french_date(p.consent_date)
    if p.consent_mode is None:
        return tr("Oui, le {day}").format(day=day)
    return tr("Oui ({how}), le {day}").format(how=label(p.consent_mode).lower(), day=day)


def display_name(row: ParticipantRow) -> str:
    p = row.participant
    if p.anonymised:
        return tr("Personne anonymisée")
    return f"{p.last_name.upper()} {p.first_name}".strip()


class ParticipantTableModel(PagedTableModel[ParticipantRow]):
    """The Parents directory: name, phone, commune, last contact, consent, badge."""

    def __init__(
        self, fetch_page: Callable[[int], None] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(
            (
                tr("Nom"),
                tr("Téléphone"),
                tr("Commune"),
                tr("Dernier contact"),
                tr("Consentement"),
                tr("Fiche"),
            ),
            fetch_page,
            parent,
        )

    def display(self, item: ParticipantRow, column: int) -> str:
        p = item.participant
        col = ParticipantColumn(column)
        if col is ParticipantColumn.NAME:
            return display_name(item)
        if col is ParticipantColumn.PHONE:
            return format_phone(p.phone) or (p.email or "")
        if col is ParticipantColumn.COMMUNE:
            return p.commune
        if col is ParticipantColumn.LAST_CONTACT:
            return french_date(p.last_contact_at)
        if col is ParticipantColumn.CONSENT:
            return consent_text(item)
        badges = []
        if p.anonymised:
            badges.append(tr("« anonymisé »"))
        if p.parent_resource:
            badges.append(tr("Parent Ressource"))
        return " · ".join(badges)

    def sort_key(self, item: ParticipantRow, column: int) -> Any:
        if ParticipantColumn(column) is ParticipantColumn.LAST_CONTACT:
            return (item.participant.last_contact_at or date.min).toordinal()
        return self.display(item, column).casefold()

    def tooltip(self, item: ParticipantRow, column: int) -> str | None:
        n = item.attended
        if n == 0:
            return tr("Aucun atelier suivi")
        if n == 1:
            return tr("1 atelier suivi")
        return tr("{n} ateliers suivis").format(n=n)
