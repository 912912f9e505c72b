"""French wording of entities, fields and values, for cards, exports and messages."""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from mediator_app.core.enums import label, label_wordings

ENTITY_LABELS: dict[str, str] = {
    "department": "département",
    "structure": "lieu",
    "actor": "intervenant·e",
    "agreement_template": "modèle de convention",
    "resource": "ressource",
    "workshop": "atelier",
    "anonymous_counts": "participants anonymes",
    "participant": "parent",
    "registration": "inscription",
    "attendance": "présence",
    "device": "équipement",
    "connectivity_line": "ligne internet",
    "handout": "remise de matériel",
    "sync_conflict": "élément à traiter",
}

FIELD_LABELS: dict[str, str] = {
    "title": "titre",
    "date": "date",
    "start_time": "heure de début",
    "duration_min": "durée (min)",
    "structure_id": "structure",
    "organizer_structure_id": "structure organisatrice",
    "venue_structure_id": "lieu",
    "venue_address": "adresse du lieu",
    "school_id": "école",
    "commune": "commune",
    "postcode": "code postal",
    "status": "statut",
    "capacity": "nombre de places",
    "notes": "notes",
    "signature_png": "signature",
    "themes": "thématiques",
    "tools": "outils abordés",
    "format": "format",
    "first_name": "prénom",
    "last_name": "nom",
    "phone": "téléphone",
    "email": "e-mail",
    "children_count": "nombre d’enfants",
    "review_status": "statut de validation",
    "review_comment": "commentaire de validation",
    "device_ids": "équipements",
    "guardian_id": "famille",
    "handed_at": "date de remise",
    "returned_at": "date de retour",
    "expected_return": "retour prévu",
    "serial_number": "numéro de série",
    "asset_tag": "numéro d’inventaire",
    "operator": "opérateur",
    "line_number": "numéro de ligne",
    "end_reason": "motif de fin",
    "total": "nombre total",
}


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name.replace("_", " "))


def entity_label(name: str) -> str:
    return ENTITY_LABELS.get(name, name)


EMPTY_VALUE = "(vide)"
YES = "oui"
NO = "non"


def wordings() -> tuple[str, ...]:
    """Every French wording of this module and of ``label()``, once each: what the
    interface translates at display time (its catalogue is checked against this list)."""
    texts = (
        *label_wordings(),
        *FIELD_LABELS.values(),
        *ENTITY_LABELS.values(),
        EMPTY_VALUE,
        YES,
        NO,
    )
    return tuple(dict.fromkeys(texts))


def display_value(value: Any) -> str:
    """A value as a person reads it (dates dd/mm/yyyy, enum labels, lists joined)."""
    if value is None or value == "" or value == () or value == []:
        return EMPTY_VALUE
    if isinstance(value, StrEnum):
        return label(value)
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, list | tuple):
        return ", ".join(display_value(v) for v in value)
    return str(value)


def workshop_place(
    place_type: Any,
    venue_name: str,
    venue_address: str,
    commune: str,
) -> str:
    """Where a workshop happens, as a person reads it: the venue's name (a directory
    structure) or its free address, then the commune when the name does not already say it;
    the place type ("À distance", "Domicile") when there is nothing else."""
    name = venue_name or venue_address
    if name and commune and commune not in name:
        return f"{name}, {commune}"
    return name or commune or label(place_type)


def masked_number(number: str, *, own: bool) -> str:
    """A SIM's line number as a list shows it: whole to the people of the structure that
    holds the line, otherwise only its last two digits (a number leads to the family who
    has the SIM). An empty number (stripped for coordinators) stays empty."""
    digits = "".join(c for c in number if c.isdigit())
    if own or not digits:
        return number.strip()
    return "•• •• •• •• " + digits[-2:]


#: The months in French, January first (documents and messages stay French).
FRENCH_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
