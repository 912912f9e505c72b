"""The per-person export as a PDF (right of access): what the laptop holds about a parent,
laid out from ``PrivacyService.export_person`` data, for the person to read and keep."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mediator_app.core.enums import (
    AgeBand,
    ConsentMode,
    ConsentPurpose,
    DeviceCondition,
    EndReason,
    Gender,
    HandoutNature,
    Presence,
    RegistrationChannel,
    RegistrationStatus,
    SchoolLevel,
    SocialStatus,
    label,
)
from mediator_app.core.validation import format_phone
from mediator_app.reports.pdf import RGPD_NOTICE, esc, simple_document


def _day(value: Any) -> str:
    """ISO text (or None) as dd/mm/yyyy; times as dd/mm/yyyy à HH h MM."""
    if not value:
        return ""
    try:
        if isinstance(value, str) and "T" in value:
            moment = datetime.fromisoformat(value)
            return f"{moment:%d/%m/%Y à %H h %M}"
        day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
        return f"{day:%d/%m/%Y}"
    except ValueError:
        return str(value)


def _enum(cls: type[Any], value: Any) -> str:
    if value in (None, ""):
        return ""
    try:
        return label(cls(value))
    except ValueError:
        return str(value)


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], empty: str) -> str:
    if not rows:
        return f"<p><i>{esc(empty)}</i></p>"
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table class='grid' width='100%' cellspacing='0'><tr>{head}</tr>{body}</table>"


def _pairs(rows: Sequence[tuple[str, str]]) -> str:
    shown = [(k, v) for k, v in rows if v]
    return "".join(f"<p class='meta'><b>{esc(k)} :</b> {esc(v)}</p>" for k, v in shown)


def person_sections(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The (heading, HTML) sections of a person export."""
    p: Mapping[str, Any] = data.get("participant", {})
    children = []
    for child in p.get("children") or []:
        parts = [
            child.get("first_name") or "Enfant",
            _enum(SchoolLevel, child.get("school_level")),
        ]
        children.append(" – ".join(x for x in parts if x))
    identity = (
        _pairs(
            [
                ("Prénom", str(p.get("first_name") or "")),
                ("Nom", str(p.get("last_name") or "")),
                ("Téléphone", format_phone(p.get("phone"))),
                ("E-mail", str(p.get("email") or "")),
                ("Commune", str(p.get("commune") or "")),
                ("Genre", _enum(Gender, p.get("gender"))),
                ("Tranche d’âge", _enum(AgeBand, p.get("age_band"))),
                ("Situation", _enum(SocialStatus, p.get("social_status"))),
                ("Langues", ", ".join(p.get("languages") or [])),
                ("Besoin d’un·e interprète", "oui" if p.get("interpreter_needed") else ""),
                ("Enfants", " ; ".join(children)),
                ("Parent Ressource", "oui" if p.get("parent_resource") else ""),
                ("Dernier contact", _day(p.get("last_contact_at"))),
                ("Données conservées jusqu’au", _day(p.get("retention_until"))),
                ("Notes", str(p.get("notes") or "")),
                ("Fiche anonymisée", "oui" if p.get("anonymised") else ""),
            ]
        )
        or "<p><i>Aucune donnée d’identité.</i></p>"
    )
    consent: Mapping[str, Any] = data.get("consent", {})
    purposes = ", ".join(_enum(ConsentPurpose, x) for x in consent.get("purposes") or [])
    consent_html = (
        _pairs(
            [
                ("Date", _day(consent.get("date"))),
                ("Finalités", purposes),
                ("Recueilli", _enum(ConsentMode, consent.get("mode")).lower()),
                ("Version de la notice", str(consent.get("notice_version") or "")),
            ]
        )
        or "<p><i>Consentement non recueilli.</i></p>"
    )
    registrations = _table(
        ("Atelier", "Date", "Inscription", "Canal"),
        [
            (
                str(r.get("workshop_title") or ""),
                _day(r.get("workshop_date")),
                _enum(RegistrationStatus, r.get("status")),
                _enum(RegistrationChannel, r.get("channel")),
            )
            for r in data.get("registrations") or []
        ],
        "Aucune inscription.",
    )
    attendance = _table(
        ("Atelier", "Date", "Présence", "Enfants"),
        [
            (
                str(a.get("workshop_title") or ""),
                _day(a.get("workshop_date")),
                _enum(Presence, a.get("status")),
                str(a.get("children_count") or 0),
            )
            for a in data.get("attendance") or []
        ],
        "Aucune présence enregistrée.",
    )
    handouts = _table(
        ("Nature", "Remis le", "Retour prévu", "Rendu le", "État au retour", "Motif"),
        [
            (
                _enum(HandoutNature, h.get("nature")),
                _day(h.get("handed_at")),
                _day(h.get("expected_return")),
                _day(h.get("returned_at")),
                _enum(DeviceCondition, h.get("condition_in")),
                _enum(EndReason, h.get("end_reason")),
            )
            for h in data.get("handouts") or []
        ],
        "Aucun matériel remis ou prêté.",
    )
    sections = [
        ("Identité", identity),
        ("Consentement", consent_html),
        ("Inscriptions aux ateliers", registrations),
        ("Présences aux ateliers", attendance),
        ("Matériel remis ou prêté", handouts),
    ]
    merged = data.get("merged_records") or []
    if merged:
        sections.append(
            (
                "Fiches fusionnées dans celle-ci",
                _table(
                    ("Prénom", "Nom", "Commune"),
                    [
                        (
                            str(m.get("first_name") or ""),
                            str(m.get("last_name") or ""),
                            str(m.get("commune") or ""),
                        )
                        for m in merged
                    ],
                    "",
                ),
            )
        )
    sections.append(
        (
            "Vos droits",
            f"<p>{esc(RGPD_NOTICE)}</p><p class='small'>Export établi le "
            f"{esc(_day(data.get('exported_at')))} (format "
            f"{esc(data.get('format', ''))}, version {esc(data.get('format_version', ''))}).</p>",
        )
    )
    return sections


def person_pdf(path: Path, data: Mapping[str, Any]) -> int:
    """Write the PDF of a person export; returns the page count."""
    p: Mapping[str, Any] = data.get("participant", {})
    name = f"{p.get('first_name') or ''} {p.get('last_name') or ''}".strip()
    title = f"Données personnelles – {name}" if name else "Données personnelles"
    return simple_document(
        path,
        title=title,
        sections=person_sections(data),
        footer="Document établi avec TNE Médiation à la demande de la personne concernée.",
    )
