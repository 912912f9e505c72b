"""Partnerships, school targets and coverage on a real local store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from uuid import UUID, uuid4

import pytest

from mediator_app.core import programme, school_directory
from mediator_app.core.entities import (
    AnonymousCounts,
    Partnership,
    Structure,
    Workshop,
    structure_id_for_uai,
)
from mediator_app.core.enums import (
    InstalmentStatus,
    StructureKind,
    Theme,
    WorkshopFormat,
    WorkshopStatus,
)
from mediator_app.core.errors import BusinessRuleError, ValidationError
from mediator_app.core.validation import uai_check_letter
from mediator_app.local_store import Store, open_local_store, save_profile
from mediator_app.local_store.services.programme import ProgrammeService

YEAR = "2025-2026"


def _uai(n: int) -> str:
    digits = f"095{n:04d}"
    return digits + uai_check_letter(digits)


def _csv(rows: list[tuple[str, str, str, str]], *, sep: str = ";", eol: str = "\r\n") -> str:
    header = sep.join(
        [
            "Identifiant_de_l_etablissement",
            "Nom_etablissement",
            "Type_etablissement",
            "Nom_commune",
            "Code_postal",
            "Code_departement",
        ]
    )
    lines = [header]
    for uai, name, dept, postcode in rows:
        lines.append(sep.join([uai, name, "Ecole", "Sarcelles", postcode, dept]))
    return eol.join(lines) + eol


@pytest.fixture
def coord(tmp_path: Path) -> Iterator[Store]:
    st, _ = open_local_store(tmp_path / "coord")
    save_profile(
        st,
        {
            "display_name": "Claire Coordination",
            "actor_id": str(uuid4()),
            "department_code": "95",
            "role": "coordinator",
        },
    )
    yield st
    st.engine.dispose()


# --- Pure functions ---------------------------------------------------------------------


def test_school_years() -> None:
    assert programme.school_year_of(date(2025, 9, 1)) == "2025-2026"
    assert programme.school_year_of(date(2026, 8, 31)) == "2025-2026"
    assert programme.school_year_bounds("2025-2026") == (date(2025, 9, 1), date(2026, 8, 31))
    assert programme.valid_school_year("2025-2026")
    assert not programme.valid_school_year("2025-2027")
    assert not programme.valid_school_year("25-26")


def test_euros_both_ways() -> None:
    assert programme.euros(123456) == "1\u202f234,56\u00a0€"
    assert programme.parse_euros("1 234,56 €") == 123456
    assert programme.parse_euros("1234.5") == 123450
    assert programme.parse_euros("12,345") is None
    assert programme.parse_euros("abc") is None


def test_the_report_sentence() -> None:
    text = programme.programme_sentence(held=166, schools=54, partners=19, planned=324, target=110)
    assert text == (
        "166 ateliers réalisés dans 54 écoles par le biais de partenariats avec 19 structures "
        "de médiation numérique ; 324 programmés avec pour objectif de couvrir 110 écoles."
    )
    one = programme.programme_sentence(held=1, schools=1, partners=1, planned=0, target=0)
    assert one == (
        "1 atelier réalisé dans 1 école par le biais de partenariats avec 1 structure de "
        "médiation numérique."
    )


# --- The national directory's CSV --------------------------------------------------------


def test_directory_as_downloaded_and_as_a_spreadsheet_saves_it() -> None:
    rows = [(_uai(1), "École Jean Jaurès", "095", "95200"), (_uai(2), "École Curie", "95", "95200")]
    bom = ("\ufeff" + _csv(rows)).encode("utf-8")
    latin = _csv(rows, eol="\n").encode("cp1252")
    for data in (bom, latin):
        parsed = school_directory.parse(school_directory.decode(data))
        assert parsed.errors == []
        assert [(r.uai, r.name, r.department) for r in parsed.rows] == [
            (_uai(1), "École Jean Jaurès", "95"),
            (_uai(2), "École Curie", "95"),
        ]
        assert parsed.rows[0].kind is StructureKind.ECOLE


def test_directory_corsica_and_bad_lines_by_number() -> None:
    text = _csv(
        [
            ("2A00001", "x", "20", "20000"),  # bad UAI
            ("", "École sans code", "95", "95200"),
            (_uai(3), "", "95", "95200"),
            (_uai(4), "École d’Ajaccio", "20", "20090"),
            (_uai(5), "École de Bastia", "20", "20200"),
            (_uai(6), "École de Corte", "02B", "20250"),
        ]
    )
    parsed = school_directory.parse(text)
    assert [r.department for r in parsed.rows] == ["2A", "2B", "2B"]
    assert [e.split(" :")[0] for e in parsed.errors] == ["Ligne 2", "Ligne 3", "Ligne 4"]
    assert "nom manquant" in parsed.errors[2]
    missing = school_directory.parse("nom;commune\nÉcole;Cergy\n")
    assert missing.errors == ["Colonnes manquantes : UAI, département."]


# --- Targets and partnerships ---------------------------------------------------------------


def test_import_targets_refuses_other_departments_and_never_doubles(coord: Store) -> None:
    svc = ProgrammeService(coord)
    rows = [(_uai(i), f"École {i}", "95", "95200") for i in range(1, 6)]
    rows.append((_uai(9), "École de Laon", "02", "02000"))
    seen: list[tuple[int, int]] = []
    report = svc.import_targets(
        _csv(rows).encode(), YEAR, progress=lambda d, t: seen.append((d, t))
    ).value
    assert (report.added, report.updated) == (5, 0)
    assert report.errors == ("Ligne 7 : École de Laon est dans le département 02, pas dans le 95.",)
    assert seen[-1] == (6, 6)
    again = svc.import_targets(
        _csv([*rows[:2], (_uai(3), "École 3 bis", "95", "95200")]).encode(), YEAR
    )
    assert (again.value.added, again.value.updated) == (0, 1)
    targets = svc.targets(YEAR)
    assert len(targets) == 5
    assert {t.school_id for t in targets} == {structure_id_for_uai(_uai(i)) for i in range(1, 6)}
    assert "École 3 bis" in {t.school_name for t in targets}


def test_a_cancelled_import_writes_nothing(coord: Store) -> None:
    svc = ProgrammeService(coord)
    rows = [(_uai(i), f"École {i}", "95", "95200") for i in range(1, 80)]
    calls = iter(range(1000))
    report = svc.import_targets(
        _csv(rows).encode(), YEAR, cancelled=lambda: next(calls) >= 40
    ).value
    assert report.cancelled
    assert svc.targets(YEAR) == []


def test_only_coordinators_write_the_programme(store: Store) -> None:
    svc = ProgrammeService(store)
    with pytest.raises(BusinessRuleError, match="coordination"):
        svc.save_partnership(Partnership(school_year=YEAR, partner_structure_id=uuid4()))
    with pytest.raises(BusinessRuleError):
        svc.import_targets(b"", YEAR)


def test_partnership_rules(coord: Store) -> None:
    svc = ProgrammeService(coord)
    partner = uuid4()
    with pytest.raises(ValidationError) as err:
        svc.save_partnership(
            Partnership(school_year="2025", partner_structure_id=partner, objective_workshops=-1)
        )
    assert set(err.value.errors) == {"school_year", "objective_workshops"}
    p = svc.save_partnership(
        Partnership(school_year=YEAR, partner_structure_id=partner, subsidy_cents=900000)
    ).value
    assert p.department_code == "95"
    with pytest.raises(ValidationError, match="déjà une convention"):
        svc.save_partnership(Partnership(school_year=YEAR, partner_structure_id=partner))
    with pytest.raises(BusinessRuleError, match="ne se change pas"):
        svc.save_partnership(Partnership(**{**p.__dict__, "partner_structure_id": uuid4()}))
    with pytest.raises(ValidationError) as err:
        svc.add_instalment(p.id, due_on=date(2025, 10, 1), amount_cents=0)
    assert set(err.value.errors) == {"amount_cents"}
    first = svc.add_instalment(p.id, due_on=date(2025, 10, 1), amount_cents=450000).value
    svc.add_instalment(p.id, due_on=date(2026, 3, 1), amount_cents=450000)
    paid = svc.mark_paid(first.id, date(2025, 10, 12)).value
    assert paid.status is InstalmentStatus.VERSE
    follow = svc.coverage(YEAR).partners[0]
    assert (follow.planned_cents, follow.paid_cents) == (900000, 450000)
    assert len(follow.instalments) == 2


def _school(tx_store: Store, n: int) -> UUID:
    sid = structure_id_for_uai(_uai(n))
    with tx_store.write() as tx:
        tx.insert(
            Structure(
                id=sid,
                name=f"École {n}",
                kind=StructureKind.ECOLE,
                uai=_uai(n),
                department_code="95",
            )
        )
    return sid


def test_coverage_counts_schools_of_held_workshops_against_targets(coord: Store) -> None:
    """A hand-computed case: two partners, four schools, three targeted."""
    svc = ProgrammeService(coord)
    svc.import_targets(
        _csv([(_uai(i), f"École {i}", "95", "95200") for i in (1, 2, 3)]).encode(), YEAR
    )
    schools = {n: _school(coord, n) for n in (1, 2, 3, 4)}
    a, b, c = uuid4(), uuid4(), uuid4()
    for partner in (a, b):
        svc.save_partnership(
            Partnership(school_year=YEAR, partner_structure_id=partner, objective_workshops=4)
        )

    def workshop(org: UUID, school: int | None, day: date, status: WorkshopStatus) -> None:
        w = Workshop(
            format=WorkshopFormat.ATELIER,
            title="Atelier",
            date=day,
            themes=(Theme.PARENTALITE,),
            organizer_structure_id=org,
            commune="Sarcelles",
            school_id=schools[school] if school else None,
            status=status,
            department_code="95",
        )
        with coord.write() as tx:
            tx.insert(w)
            if status is WorkshopStatus.HELD:
                tx.insert(AnonymousCounts(workshop_id=w.id, total=6))

    held, planned = WorkshopStatus.HELD, WorkshopStatus.PLANNED
    workshop(a, 1, date(2025, 10, 2), held)
    workshop(a, 1, date(2025, 11, 5), held)  # the same school again
    workshop(a, 4, date(2025, 11, 6), held)  # a school outside the targets
    workshop(b, 2, date(2026, 1, 15), held)
    workshop(b, 3, date(2026, 2, 1), planned)  # planned: not reached yet
    workshop(c, 3, date(2026, 2, 2), held)  # no partnership: reached, not a partner
    workshop(a, None, date(2026, 3, 3), held)  # no school
    workshop(a, 2, date(2025, 6, 1), held)  # the previous school year
    cov = svc.coverage(YEAR)
    assert cov.workshops_held == 6 and cov.workshops_planned == 1
    assert cov.schools_reached == 4  # 1, 4, 2, 3
    assert (cov.schools_targeted, cov.targeted_reached) == (3, 3)
    assert cov.partners_active == 2 and cov.partnerships == 2
    assert cov.by_kind == {"ecole": 4}
    assert cov.by_month["2025-10"] == 1 and cov.by_month["2026-01"] == 2
    assert cov.by_month["2026-02"] == 3
    by_partner = {f.partnership.partner_structure_id: f for f in cov.partners}
    assert (by_partner[a].workshops_held, by_partner[a].schools_reached) == (4, 2)
    assert by_partner[a].targeted_schools_reached == 1
    assert by_partner[a].workshops_progress == 1.0
    assert (by_partner[b].workshops_held, by_partner[b].workshops_planned) == (1, 1)
    assert cov.sentence.startswith("6 ateliers réalisés dans 4 écoles")


@pytest.mark.parametrize(
    ("trainings", "cafes", "complete", "status"),
    [
        (1, 2, True, "Complet"),
        (3, 5, True, "Complet"),
        (1, 1, False, "Manque 1 café des parents"),
        (1, 0, False, "Manque 2 cafés des parents"),
        (0, 2, False, "Manque 1 atelier de formation"),
        (0, 1, False, "Manque 1 atelier de formation et 1 café des parents"),
        (0, 0, False, "Manque 1 atelier de formation et 2 cafés des parents"),
        # An extra training never stands for a café.
        (3, 1, False, "Manque 1 café des parents"),
    ],
)
def test_college_meetings_rule(trainings: int, cafes: int, complete: bool, status: str) -> None:
    m = programme.college_meetings(trainings=trainings, cafes=cafes)
    assert (m.complete, m.status) == (complete, status)
