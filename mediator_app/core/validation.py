"""Validation rules, each returning French messages per field.

``validate_*`` functions return ``{field: message}`` (empty when valid); ``check()`` raises
``ValidationError`` with them. The same rules run on the client before saving and on the
server before applying a pushed op.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date

from mediator_app.core import texts
from mediator_app.core.entities import (
    AnonymousCounts,
    Attendance,
    ConnectivityLine,
    Device,
    Entity,
    Handout,
    Participant,
    Registration,
    Structure,
    Workshop,
)
from mediator_app.core.enums import (
    HandoutNature,
    HandoutProgramme,
    LineStatus,
    PlaceType,
    Presence,
    RegistrationStatus,
    WorkshopFormat,
    WorkshopKind,
)
from mediator_app.core.errors import ValidationError
from mediator_app.core.rules import (
    anonymous_breakdown_errors,
    capacity_errors,
    consent_errors,
    held_errors,
    trained_professionals_errors,
)

Errors = dict[str, str]

UAI_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
_UAI_RE = re.compile(r"^(\d{7}|\d{3}[0-9A-Z]\d{3})([A-Z])$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_POSTCODE_RE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
#: A SIM's number as the operator lists it: national or international, 6 to 15 digits.
_LINE_NUMBER_RE = re.compile(r"\+?\d{6,15}")

# Overseas numbering: the national prefix of the line decides the country code.
# Guadeloupe and the French Antilles share the "0590/0690/0691" plans under +590.
_OVERSEAS_PREFIXES: dict[str, str] = {
    "0590": "590",
    "0690": "590",
    "0691": "590",
    "0596": "596",
    "0696": "596",
    "0697": "596",
    "0594": "594",
    "0694": "594",
    "0262": "262",
    "0263": "262",
    "0692": "262",
    "0693": "262",
    "0269": "262",
    "0639": "262",
    "0508": "508",
}
_OVERSEAS_CODES = {"590", "596", "594", "262", "508", "269", "687", "689", "681"}


def uai_check_letter(digits: str) -> str:
    """The check letter of a 7-character UAI number (number mod 23)."""
    number = int(digits.replace("A", "0").replace("B", "0"))
    return UAI_LETTERS[number % 23]


def normalise_uai(value: str) -> str | None:
    """Upper-case a UAI and check its letter; ``None`` if it is not a valid UAI."""
    uai = value.strip().upper().replace(" ", "")
    m = _UAI_RE.match(uai)
    if not m:
        return None
    digits, letter = m.groups()
    if not digits.isdigit():
        return uai  # Corsican codes (e.g. 620xxxx or 2Axxxxx) are accepted as written.
    return uai if uai_check_letter(digits) == letter else None


def normalise_phone(value: str) -> str | None:
    """Normalise a French phone number to E.164 (``+33612345678``).

    Accepts national forms ("06 12 34 56 78", "06.12.34.56.78"), international forms
    ("+33 6 12…", "0033 6…") and overseas numbers (Guadeloupe "0690 12 34 56" ->
    "+590690123456"). Returns ``None`` when the text is not a French phone number.
    """
    raw = value.strip()
    if not raw:
        return None
    digits = re.sub(r"[\s.\-()/]", "", raw)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith("+"):
        body = digits[1:]
        if not body.isdigit():
            return None
        if body.startswith("33") and len(body) == 11 and body[2] != "0":
            return "+" + body
        if body.startswith("330") and len(body) == 12:
            return "+33" + body[3:]
        if body[:3] in _OVERSEAS_CODES and len(body) == 12:
            return "+" + body
        return None
    if not digits.isdigit() or len(digits) != 10 or not digits.startswith("0"):
        return None
    if digits[1] == "0":
        return None
    code = _OVERSEAS_PREFIXES.get(digits[:4])
    if code is not None:
        return f"+{code}{digits[1:]}"
    return "+33" + digits[1:]


def format_phone(e164: str | None) -> str:
    """A national display form of an E.164 number ("06 12 34 56 78")."""
    if not e164:
        return ""
    national = None
    if e164.startswith("+33") and len(e164) == 12:
        national = "0" + e164[3:]
    elif len(e164) == 13 and e164[1:4] in _OVERSEAS_CODES:
        national = "0" + e164[4:]
    if national is None:
        return e164
    return " ".join(national[i : i + 2] for i in range(0, 10, 2))


def validate_structure(s: Structure) -> Errors:
    errors: Errors = {}
    if not s.name.strip():
        errors["name"] = texts.text("Indiquez le nom du lieu.")
    if s.uai and normalise_uai(s.uai) is None:
        errors["uai"] = texts.text(
            "Le code UAI doit comporter 7 chiffres suivis d’une lettre de contrôle "
            "(par exemple 0950001K)."
        )
    if s.postcode and not _POSTCODE_RE.match(s.postcode):
        errors["postcode"] = texts.text("Le code postal doit comporter 5 chiffres.")
    return errors


def validate_workshop(
    w: Workshop,
    *,
    registered: int = 0,
    identified_present: int = 0,
    anonymous_total: int = 0,
    capacity_before: int | None = None,
    today: date | None = None,
) -> Errors:
    """Rules of a workshop; counts (and the capacity the stored row had) are passed in by
    the side that knows them (docs/architecture.md, « Où vit chaque règle »)."""
    errors: Errors = {}
    if w.kind is WorkshopKind.COLLECTIF and not w.title.strip():
        errors["title"] = texts.text("Donnez un titre à l’atelier.")
    if not w.themes:
        errors["themes"] = texts.text("Choisissez au moins une thématique.")
    if w.date < date(2020, 1, 1):
        errors["date"] = texts.text("La date doit être postérieure au 1er janvier 2020.")
    if not 1 <= w.duration_min <= 23 * 60 + 59:
        errors["duration_min"] = texts.text(
            "La durée doit être comprise entre 1 minute et 24 heures."
        )
    errors.update(capacity_errors(w.capacity, registered, before=capacity_before))
    if (
        w.place_type is PlaceType.LIEU_ACTIVITE
        and w.venue_structure_id is None
        and not w.venue_address.strip()
        and not w.commune.strip()
    ):
        errors["venue_structure_id"] = texts.text(
            "Choisissez le lieu de l’atelier ou saisissez son adresse."
        )
    if w.place_type in (PlaceType.DOMICILE, PlaceType.AUTRE) and not w.commune.strip():
        errors["commune"] = texts.text("Indiquez la commune.")
    if w.postcode and not _POSTCODE_RE.match(w.postcode):
        errors["postcode"] = texts.text("Le code postal doit comporter 5 chiffres.")
    errors.update(
        held_errors(
            w.status,
            w.kind,
            identified_present=identified_present,
            anonymous_total=anonymous_total,
            on=w.date,
            today=today,
            trained_total=w.trained_total
            if w.format is WorkshopFormat.FORMATION_PROFESSIONNELS
            else 0,
        )
    )
    errors.update(
        trained_professionals_errors(
            w.format,
            {name: getattr(w, name) for name, _ in w.TRAINED_ROLES},
            dict(w.TRAINED_ROLES),
        )
    )
    return errors


def validate_anonymous_counts(c: AnonymousCounts) -> Errors:
    return anonymous_breakdown_errors(c)


def validate_participant(p: Participant, *, today: date | None = None) -> Errors:
    """Rules of a parent's record; the consent date is checked against ``today`` when the
    caller knows it."""
    errors: Errors = {}
    if p.anonymised:
        return errors
    if not (p.first_name.strip() or p.last_name.strip()):
        errors["last_name"] = texts.text("Indiquez au moins un nom ou un prénom.")
    if p.phone and (normalise_phone(p.phone) != p.phone):
        errors["phone"] = texts.text("Ce numéro de téléphone n’est pas un numéro français valide.")
    if p.email and not _EMAIL_RE.match(p.email):
        errors["email"] = texts.text("Cette adresse e-mail n’est pas valide.")
    errors.update(
        consent_errors(
            purposes=p.consent_purposes,
            notice_version=p.notice_version,
            on=p.consent_date,
            today=today,
            require_notice=False,
        )
    )
    if p.parent_resource_since is not None:
        if not p.parent_resource:
            errors["parent_resource_since"] = texts.text(
                "La date de recrutement ne concerne qu’un Parent Ressource."
            )
        elif today is not None and p.parent_resource_since > today:
            errors["parent_resource_since"] = texts.text(
                "La date de recrutement ne peut pas être future."
            )
    if p.consent_date is not None and p.consent_mode is None:
        errors["consent_mode"] = texts.text("Indiquez comment le consentement a été recueilli.")
    if len(p.notes) > 500:
        errors["notes"] = texts.text(
            "Les notes sont limitées à 500 caractères : notez seulement ce qui est "
            "nécessaire au suivi, sans jugement ni donnée sensible."
        )
    return errors


def validate_registration(r: Registration) -> Errors:
    errors: Errors = {}
    if r.participant_id is None and not r.contact_name.strip():
        errors["contact_name"] = texts.text("Indiquez le nom de la personne à inscrire.")
    if r.contact_phone and normalise_phone(r.contact_phone) != r.contact_phone:
        errors["contact_phone"] = texts.text(
            "Ce numéro de téléphone n’est pas un numéro français valide."
        )
    if r.status is RegistrationStatus.WAITLIST and r.waitlist_rank is None:
        errors["waitlist_rank"] = texts.text(
            "Une inscription en liste d’attente doit avoir un rang."
        )
    return errors


def validate_device(d: Device) -> Errors:
    errors: Errors = {}
    if not d.serial_number.strip():
        errors["serial_number"] = texts.text("Indiquez le numéro de série.")
    if not d.asset_tag.strip():
        errors["asset_tag"] = texts.text("Indiquez le numéro d’inventaire (étiquette).")
    if d.imei and not re.fullmatch(r"\d{15}", d.imei):
        errors["imei"] = texts.text("L’IMEI doit comporter 15 chiffres.")
    return errors


def validate_line(line: ConnectivityLine) -> Errors:
    errors: Errors = {}
    if not line.operator.strip():
        errors["operator"] = texts.text("Indiquez l’opérateur.")
    if line.iccid and not re.fullmatch(r"\d{18,22}", line.iccid):
        errors["iccid"] = texts.text("L’ICCID doit comporter entre 18 et 22 chiffres.")
    if line.line_number and not _LINE_NUMBER_RE.fullmatch(re.sub(r"[\s.\-]", "", line.line_number)):
        errors["line_number"] = texts.text(
            "Le numéro de ligne doit comporter entre 6 et 15 chiffres."
        )
    if line.start_date and line.end_date and line.end_date < line.start_date:
        errors["end_date"] = texts.text("La date de fin doit suivre la date de début.")
    # An ended line says when and why (both laptops and the server read the same row).
    if line.status is LineStatus.TERMINATED:
        if line.end_date is None:
            errors.setdefault("end_date", texts.text("Indiquez la date de fin de la ligne."))
        if line.end_reason is None:
            errors["end_reason"] = texts.text("Indiquez pourquoi la ligne se termine.")
    elif line.end_reason is not None:
        errors["end_reason"] = texts.text("Seule une ligne terminée a un motif de fin.")
    return errors


def validate_handout(h: Handout) -> Errors:
    errors: Errors = {}
    if h.guardian_id is None:
        errors["guardian_id"] = texts.text("Choisissez la famille (responsable légal).")
    if not h.device_ids:
        errors["device_ids"] = texts.text("Choisissez au moins un équipement.")
    if h.nature is HandoutNature.LOAN and h.expected_return is None:
        errors["expected_return"] = texts.text("Un prêt doit avoir une date de retour prévue.")
    if h.expected_return is not None and h.expected_return < h.handed_at.date():
        errors["expected_return"] = texts.text(
            "La date de retour prévue doit suivre la date de remise."
        )
    if h.returned_at is not None and h.returned_at < h.handed_at:
        errors["returned_at"] = texts.text("La date de retour doit suivre la date de remise.")
    if h.programme is HandoutProgramme.REUSSITE_CONNECTEE and h.pupil_school_id is None:
        # The programme is counted per collège: a hand-out without one counts nowhere.
        errors["pupil_school_id"] = texts.text(
            "Indiquez le collège de l’élève : Réussite Connectée se suit par collège."
        )
    return errors


def validate_attendance(a: Attendance) -> Errors:
    errors: Errors = {}
    if a.co_facilitated and a.status is not Presence.PRESENT:
        errors["co_facilitated"] = texts.text(
            "Un Parent Ressource qui co-anime l’atelier y est présent."
        )
    return errors


_VALIDATORS: Mapping[type[Entity], Callable[..., Errors]] = {
    Structure: validate_structure,
    Workshop: validate_workshop,
    AnonymousCounts: validate_anonymous_counts,
    Participant: validate_participant,
    Registration: validate_registration,
    Device: validate_device,
    ConnectivityLine: validate_line,
    Handout: validate_handout,
    Attendance: validate_attendance,
}


def validate(entity: Entity) -> Errors:
    """Run the stand-alone rules of any entity (rules needing counts use their defaults)."""
    fn = _VALIDATORS.get(type(entity))
    return fn(entity) if fn else {}


def check(errors: Errors) -> None:
    """Raise ``ValidationError`` when ``errors`` is not empty."""
    if errors:
        raise ValidationError(errors)
