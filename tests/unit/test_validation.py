"""Every core validation rule answers in French, field by field."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from uuid import uuid4

import pytest

from mediator_app.core.entities import (
    AnonymousCounts,
    Handout,
    Participant,
    Registration,
    Structure,
    Workshop,
)
from mediator_app.core.enums import (
    HandoutNature,
    RegistrationStatus,
    StructureKind,
    Theme,
    WorkshopKind,
    WorkshopStatus,
)
from mediator_app.core.errors import ValidationError
from mediator_app.core.validation import (
    check,
    format_phone,
    normalise_phone,
    normalise_uai,
    uai_check_letter,
    validate,
    validate_anonymous_counts,
    validate_handout,
    validate_participant,
    validate_registration,
    validate_structure,
    validate_workshop,
)

PHONE_MESSAGE = "Ce numéro de téléphone n’est pas un numéro français valide."


def _workshop(**kw: object) -> Workshop:
    values: dict[str, object] = {
        "title": "Café des parents",
        "date": date(2026, 10, 6),
        "themes": (Theme.PARENTALITE,),
        "commune": "Pointe-à-Pitre",
    }
    values.update(kw)
    return Workshop(**values)  # type: ignore[arg-type]


# --- UAI -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0750655E", "0750655E"),  # a real Paris lycée
        (" 0750655e ", "0750655E"),
        ("0750 655 E", "0750655E"),
        ("0750655F", None),  # wrong check letter
        ("075065E", None),  # too short
        ("07506555E", None),  # too long
        ("ABCDEFGH", None),
        ("", None),
    ],
)
def test_uai_check_letter(raw: str, expected: str | None) -> None:
    assert normalise_uai(raw) == expected


def test_uai_letter_is_number_mod_23() -> None:
    assert uai_check_letter("0750655") == "E"  # 750655 = 23 x 32637 + 4 -> 5th letter
    assert uai_check_letter("0000000") == "A"
    assert uai_check_letter("0000022") == "Z"


def test_structure_with_bad_uai_gets_french_message() -> None:
    errors = validate_structure(Structure(name="Collège Jean Moulin", uai="0750655F"))
    assert set(errors) == {"uai"}
    assert errors["uai"].startswith("Le code UAI doit comporter 7 chiffres")
    assert (
        validate_structure(Structure(name="Lycée", kind=StructureKind.LYCEE, uai="0750655E")) == {}
    )


def test_uai_example_in_the_message_is_itself_valid() -> None:
    message = validate_structure(Structure(name="X", uai="1234567A"))["uai"]
    example = re.search(r"\b\d{7}[A-Z]\b", message)
    assert example is not None
    assert normalise_uai(example.group()) == example.group()


def test_structure_needs_a_name_and_postcode_shape() -> None:
    errors = validate_structure(Structure(name="  ", postcode="9500"))
    assert errors == {
        "name": "Indiquez le nom du lieu.",
        "postcode": "Le code postal doit comporter 5 chiffres.",
    }
    assert validate_structure(Structure(name="Médiathèque", postcode="2A004")) == {}


# --- Phones --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("06 12 34 56 78", "+33612345678"),
        ("06.12.34.56.78", "+33612345678"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("0033 6 12 34 56 78", "+33612345678"),
        ("+33 (0)6 12 34 56 78", "+33612345678"),
        ("01 23 45 67 89", "+33123456789"),
        # Guadeloupe (971): mobiles 0690/0691 and landlines 0590 are +590.
        ("0690 12 34 56", "+590690123456"),
        ("0691 98 76 54", "+590691987654"),
        ("0590 81 23 45", "+590590812345"),
        ("+590 690 12 34 56", "+590690123456"),
        ("00590 690 12 34 56", "+590690123456"),
        # Other overseas départements.
        ("0696 11 22 33", "+596696112233"),  # Martinique
        ("0694 11 22 33", "+594694112233"),  # Guyane
        ("0692 11 22 33", "+262692112233"),  # La Réunion
        ("0639 11 22 33", "+262639112233"),  # Mayotte
        ("+262 692 11 22 33", "+262692112233"),
    ],
)
def test_french_and_overseas_phones_normalise_to_e164(raw: str, e164: str) -> None:
    assert normalise_phone(raw) == e164


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "12345",
        "06 12 34 56",  # too short
        "06 12 34 56 78 9",  # too long
        "00 12 34 56 78",
        "+44 20 7946 0958",  # not French
        "+1 202 555 0143",
        "06 12 AB 56 78",
        "+33612345678x",
    ],
)
def test_invalid_phones_are_refused(raw: str) -> None:
    assert normalise_phone(raw) is None


def test_phone_display_form() -> None:
    assert format_phone("+33612345678") == "06 12 34 56 78"
    assert format_phone("+590690123456") == "06 90 12 34 56"
    assert format_phone(None) == ""


def test_participant_phone_must_be_normalised_e164() -> None:
    ok = Participant(last_name="Diallo", phone="+590690123456")
    assert validate_participant(ok) == {}
    for bad in ("0690 12 34 56", "+44 20 7946 0958", "12"):
        errors = validate_participant(Participant(last_name="Diallo", phone=bad))
        assert errors == {"phone": PHONE_MESSAGE}


def test_participant_rules() -> None:
    errors = validate_participant(
        Participant(email="pas-un-email", consent_date=date(2026, 1, 5), notes="x" * 501)
    )
    assert errors["last_name"] == "Indiquez au moins un nom ou un prénom."
    assert errors["email"] == "Cette adresse e-mail n’est pas valide."
    assert errors["consent_mode"] == "Indiquez comment le consentement a été recueilli."
    assert "500 caractères" in errors["notes"]
    # An anonymised participant has no identity left to check.
    assert validate_participant(Participant(anonymised=True)) == {}


def test_registration_contact_phone_and_waitlist_rank() -> None:
    errors = validate_registration(
        Registration(
            workshop_id=uuid4(),
            contact_name="",
            contact_phone="0612",
            status=RegistrationStatus.WAITLIST,
        )
    )
    assert errors == {
        "contact_name": "Indiquez le nom de la personne à inscrire.",
        "contact_phone": PHONE_MESSAGE,
        "waitlist_rank": "Une inscription en liste d’attente doit avoir un rang.",
    }


# --- Workshops and counts ------------------------------------------------------------


def test_anonymous_breakdown_above_total() -> None:
    counts = AnonymousCounts(
        workshop_id=uuid4(), total=4, gender_female=3, gender_male=2, age_25_39=5
    )
    errors = validate_anonymous_counts(counts)
    assert errors["gender"] == (
        "La répartition par genres (5) dépasse le total de participants anonymes (4)."
    )
    assert errors["age"] == (
        "La répartition par tranches d’âge (5) dépasse le total de participants anonymes (4)."
    )
    assert "status" not in errors
    fine = AnonymousCounts(workshop_id=uuid4(), total=4, gender_female=3)
    assert validate_anonymous_counts(fine) == {}
    assert fine.gender_unknown == 1


def test_anonymous_counts_range_and_already_accompanied() -> None:
    assert validate_anonymous_counts(AnonymousCounts(workshop_id=uuid4(), total=-1)) == {
        "total": "Le nombre doit être compris entre 0 et 10000."
    }
    errors = validate_anonymous_counts(
        AnonymousCounts(workshop_id=uuid4(), total=2, already_accompanied=3)
    )
    assert errors == {
        "already_accompanied": (
            "Le nombre de personnes déjà accompagnées ne peut pas dépasser le total."
        )
    }


def test_capacity_below_registered() -> None:
    errors = validate_workshop(_workshop(capacity=3), registered=5)
    assert errors == {
        "capacity": ("Il y a déjà 5 personnes inscrites : la capacité ne peut pas être inférieure.")
    }
    assert validate_workshop(_workshop(capacity=5), registered=5) == {}
    assert validate_workshop(_workshop(capacity=0))["capacity"] == (
        "Le nombre de places doit être d’au moins 1."
    )


def test_workshop_without_theme() -> None:
    assert validate_workshop(_workshop(themes=())) == {
        "themes": "Choisissez au moins une thématique."
    }


def test_held_collectif_needs_participants() -> None:
    held = _workshop(status=WorkshopStatus.HELD)
    assert validate_workshop(held) == {
        "status": (
            "Un atelier collectif réalisé doit avoir au moins un participant présent "
            "ou un nombre de participants anonymes."
        )
    }
    assert validate_workshop(held, identified_present=1) == {}
    assert validate_workshop(held, anonymous_total=3) == {}
    individual = _workshop(status=WorkshopStatus.HELD, kind=WorkshopKind.INDIVIDUEL, title="")
    assert validate_workshop(individual) == {}


def test_workshop_other_rules() -> None:
    errors = validate_workshop(
        _workshop(title=" ", date=date(2019, 12, 31), duration_min=0, commune="", postcode="95")
    )
    assert errors == {
        "title": "Donnez un titre à l’atelier.",
        "date": "La date doit être postérieure au 1er janvier 2020.",
        "duration_min": "La durée doit être comprise entre 1 minute et 24 heures.",
        "venue_structure_id": "Choisissez le lieu de l’atelier ou saisissez son adresse.",
        "postcode": "Le code postal doit comporter 5 chiffres.",
    }


# --- Handouts ------------------------------------------------------------------------


def test_loan_without_expected_return() -> None:
    handed = datetime(2026, 9, 15, 10, 0, tzinfo=UTC)
    loan = Handout(guardian_id=uuid4(), device_ids=(uuid4(),), handed_at=handed)
    assert validate_handout(loan) == {
        "expected_return": "Un prêt doit avoir une date de retour prévue."
    }
    gift = Handout(
        nature=HandoutNature.GIFT, guardian_id=uuid4(), device_ids=(uuid4(),), handed_at=handed
    )
    assert validate_handout(gift) == {}
    early = Handout(
        guardian_id=uuid4(),
        device_ids=(uuid4(),),
        handed_at=handed,
        expected_return=date(2026, 9, 1),
    )
    assert validate_handout(early) == {
        "expected_return": "La date de retour prévue doit suivre la date de remise."
    }


def test_handout_needs_family_and_device() -> None:
    errors = validate_handout(
        Handout(handed_at=datetime(2026, 9, 15, tzinfo=UTC), expected_return=date(2027, 6, 30))
    )
    assert errors == {
        "guardian_id": "Choisissez la famille (responsable légal).",
        "device_ids": "Choisissez au moins un équipement.",
    }


# --- check() -------------------------------------------------------------------------


def test_check_raises_validation_error_with_every_message() -> None:
    with pytest.raises(ValidationError) as err:
        check(validate(_workshop(themes=(), capacity=0)))
    assert set(err.value.errors) == {"themes", "capacity"}
    assert err.value.message.startswith("La fiche n’a pas été enregistrée :")
    assert "• Choisissez au moins une thématique." in err.value.message
    assert err.value.code == "validation"
    check({})  # nothing to report: no exception
