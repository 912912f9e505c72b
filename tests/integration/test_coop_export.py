"""Our activity export is La Coop de la médiation numérique's, header for header and value for
value, against tests/fixtures/coop/activites.toml (written from La Coop's source).

The export is generated on a real store through ``reports.exporter.export`` (what the CLI
and the Exports screen call), read back with openpyxl, and compared with what La Coop's
builder would write for the same activities: each expected value is taken from the
fixture's value lists, never from our own labels.
"""

from __future__ import annotations

import csv
import tomllib
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from mediator_app.core.entities import Attendance, Participant, Structure, Workshop, attendance_id
from mediator_app.core.enums import (
    AgeBand,
    Gender,
    Level,
    Material,
    PlaceType,
    SocialStatus,
    StructureKind,
    Theme,
    WorkshopFormat,
    WorkshopKind,
    label,
)
from mediator_app.local_store import Store, save_profile
from mediator_app.local_store.services.exports import COOP_SELF_COLUMNS, COOP_TEAM_COLUMNS
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.reports.exporter import export

FIXTURE = Path(__file__).parents[1] / "fixtures" / "coop" / "activites.toml"
COOP: dict[str, Any] = tomllib.loads(FIXTURE.read_text(encoding="utf-8"))
V: dict[str, dict[str, str]] = COOP["values"]
SEP = COOP["export"]["cell_separator"]
NOVEMBER = {"date_from": date(2026, 11, 1), "date_to": date(2026, 11, 30)}


def _pairs(enum: type[Any]) -> dict[str, str]:
    return {m.value: label(m) for m in enum}


@pytest.mark.parametrize(
    ("enum", "coop"),
    [
        (Theme, "thematique"),
        (Material, "materiel"),
        (Level, "niveau_atelier"),
        (WorkshopKind, "type_activite"),
        (PlaceType, "type_lieu"),
        (Gender, "genre"),
        (AgeBand, "tranche_age"),
        (SocialStatus, "statut_social"),
    ],
)
def test_our_values_and_labels_are_la_coops(enum: type[Any], coop: str) -> None:
    """Same values, same labels; themes in La Coop's order too."""
    assert _pairs(enum) == V[coop]
    if enum is Theme:
        assert list(_pairs(enum)) == list(V[coop])


def test_our_columns_are_la_coops_but_the_name_of_the_person() -> None:
    left_out = set(COOP["columns"]["left_out"])
    assert [c for c in COOP["columns"]["self"] if c not in left_out] == list(COOP_SELF_COLUMNS)
    assert [c for c in COOP["columns"]["team"] if c not in left_out] == list(COOP_TEAM_COLUMNS)


# --- a real store with every La Coop column filled --------------------------------------


def _activities(store: Store) -> tuple[Workshop, Workshop]:
    """A collective workshop (one identified parent, two anonymous) and an individual
    accompaniment at a distance, both held in November."""
    svc = WorkshopService(store)
    with store.write() as tx:
        college = tx.insert(
            Structure(
                name="Collège Jean Moulin",
                kind=StructureKind.COLLEGE,
                address="12 rue de la Paix",
                postcode="95200",
                commune="Sarcelles",
                insee_code="95585",
                department_code="95",
            )
        )
    atelier = svc.create(
        Workshop(
            format=WorkshopFormat.ATELIER,
            kind=WorkshopKind.COLLECTIF,
            title="Créer son compte ÉduConnect",
            date=date(2026, 11, 5),
            start_time=time(14, 0),
            duration_min=120,
            venue_structure_id=college.id,
            themes=(Theme.DIAGNOSTIC_NUMERIQUE, Theme.ETRANGERS_EUROPE, Theme.FAMILLE_SCOLARITE),
            materials=(Material.ORDINATEUR, Material.TABLETTE),
            level=Level.INTERMEDIAIRE,
            tags=("TNE Val-d’Oise", "Collège"),
            notes="Apporter les identifiants ÉduConnect.",
        )
    ).value
    individuel = svc.create(
        Workshop(
            format=WorkshopFormat.ACCOMPAGNEMENT_INDIVIDUEL,
            kind=WorkshopKind.INDIVIDUEL,
            title="Déclarer une association",
            date=date(2026, 11, 12),
            start_time=time(10, 0),
            duration_min=45,
            place_type=PlaceType.A_DISTANCE,
            commune="Garges-lès-Gonesse",
            themes=(Theme.ASSOCIATIONS,),
            materials=(Material.AUCUN,),
            level=Level.AVANCE,
        )
    ).value
    with store.write() as tx:
        awa = tx.insert(
            Participant(
                first_name="Awa",
                last_name="Traoré",
                phone="0612345678",
                commune="Sarcelles",
                gender=Gender.FEMININ,
                age_band=AgeBand.DE_25_39,
                social_status=SocialStatus.EN_EMPLOI,
            )
        )
        rose = tx.insert(Participant(first_name="Rose", last_name="Nguyen"))
        for w, p in ((atelier, awa), (individuel, rose)):
            tx.insert(
                Attendance(id=attendance_id(w.id, p.id), workshop_id=w.id, participant_id=p.id)
            )
    svc.set_anonymous_counts(atelier.id, total=2, gender_male=1, age_40_59=1, status_retired=1)
    return svc.mark_held(atelier.id).value, svc.mark_held(individuel.id).value


def _recorded(value: datetime | None) -> str:
    assert COOP["export"]["recorded_pattern"] == "dd/MM/yyyy 'à' HH:mm"
    return "" if value is None else value.astimezone().strftime("%d/%m/%Y à %H:%M")


def _expected(atelier: Workshop, individuel: Workshop, *, team: bool) -> list[dict[str, Any]]:
    """La Coop's rows for the two activities, most recent first, from the fixture's lists."""

    def activity(w: Workshop) -> dict[str, Any]:
        return {
            "Date": datetime.combine(w.date, time()),
            "Enregistré le": _recorded(w.created_at),
            "Dernière modification le": _recorded(w.updated_at),
            "Type": V["type_activite"][w.kind.value],
            "Canaux d’accompagnement": V["type_lieu"][w.place_type.value],
            "Durée (min)": w.duration_min,
            "Nom de l’atelier": w.title,
            "Matériel numérique utilisé": SEP.join(V["materiel"][m.value] for m in w.materials),
            "Thématique(s) d’accompagnement": SEP.join(V["thematique"][t.value] for t in w.themes),
            "Tags": SEP.join(w.tags),
            "Nom de la démarche administrative": "",
            "Niveau d’autonomie (ou de l’atelier)": (
                V["niveau_atelier_stars"][w.level.value] if w.level else ""
            ),
            "Bénéficiaire réorienté": "",
            "Structure de redirection": "",
            "Code postal du bénéficiaire": "",
            "Code Insee du bénéficiaire": "",
            "ID CRA": str(w.id),
            **(
                {
                    "Prénom du médiateur": "Amina",
                    "Nom du médiateur": "Test",
                    "Rôle": V["role"]["mediateur"],
                    "ID - Conum": "",
                }
                if team
                else {}
            ),
        }

    def person(commune: str, genre: str, age: str, statut: str) -> dict[str, str]:
        return {
            "Commune du bénéficiaire": commune,
            "Genre du bénéficiaire": V["genre"][genre],
            "Tranche d’âge du bénéficiaire": V["tranche_age"][age],
            "Statut du bénéficiaire": V["statut_social"][statut],
        }

    def notes(text: str) -> dict[str, str]:
        return {} if team else {"Notes supplémentaires": text}

    place = {"Nom du lieu": "Collège Jean Moulin", "Adresse": "12 rue de la Paix"}
    where = {"Commune": "Sarcelles", "Code postal": "95200", "Code Insee": "95585"}
    nowhere = {"Nom du lieu": "", "Adresse": "", "Commune": "Garges-lès-Gonesse"}
    nowhere |= {"Code postal": "", "Code Insee": ""}
    return [
        # The individual accompaniment (12 November) first: La Coop lists by date, newest first.
        {
            **activity(individuel),
            **nowhere,
            "Participants": 1,
            **person("", "non_communique", "non_communique", "non_communique"),
            **notes(""),
        },
        {
            **activity(atelier),
            **place,
            **where,
            "Participants": "1/3",
            **person("Sarcelles", "feminin", "vingt_cinq_trente_neuf", "en_emploi"),
            **notes(atelier.notes),
        },
        {
            **activity(atelier),
            **place,
            **where,
            "Participants": "2/3",
            **person("", "masculin", "quarante_cinquante_neuf", "retraite"),
            **notes(""),
        },
        {
            **activity(atelier),
            **place,
            **where,
            "Participants": "3/3",
            **person("", "non_communique", "non_communique", "non_communique"),
            **notes(""),
        },
    ]


def _sheet(path: Path) -> tuple[Any, list[list[Any]]]:
    wb = load_workbook(path)
    assert wb.sheetnames == [COOP["export"]["sheet"]]
    ws = wb[COOP["export"]["sheet"]]
    return ws, [list(r) for r in ws.iter_rows(values_only=True)]


def _table(ws: Any) -> tuple[list[str], list[list[Any]]]:
    """The Excel table La Coop writes: its header row and its data rows ('' for empty)."""
    table = ws.tables[COOP["export"]["table"]]
    assert table.autoFilter is not None and table.autoFilter.ref == table.ref
    cells = [[c.value for c in row] for row in ws[table.ref]]
    header = [str(v) for v in cells[0]]
    assert [c.name for c in table.tableColumns] == header
    return header, [["" if v is None else v for v in row] for row in cells[1:]]


def test_the_xlsx_is_la_coops_activity_export(store: Store, tmp_path: Path) -> None:
    atelier, individuel = _activities(store)
    out = tmp_path / "coop-numerique_accompagnements.xlsx"
    assert export(store, "workshops", "xlsx", out, **NOVEMBER) == 4

    ws, values = _sheet(out)
    meta = COOP["export"]
    assert values[0][0] == meta["metadata_title"] and ws["A1"].font.bold
    assert [r[0] for r in values[1:7]] == meta["metadata"]
    assert values[1][1] == "Test" and values[2][1] == "Amina"  # who exported
    assert values[3][1] == V["role"]["mediateur"] and values[4][1] == 4
    assert values[7] == [None] * len(values[7])
    assert values[8][0] == meta["filters_title"] and ws["A9"].font.bold
    filters = {r[0]: r[1] for r in values[9 : 9 + len(meta["filters"])]}
    assert list(filters) == meta["filters"]
    assert filters["Période"] == "01/11/2026 - 30/11/2026"
    assert {v for k, v in filters.items() if k != "Période"} == {meta["no_filter"]}

    header, rows = _table(ws)
    assert header == [c for c in COOP["columns"]["self"] if c not in COOP["columns"]["left_out"]]
    expected = _expected(atelier, individuel, team=False)
    assert [dict(zip(header, r, strict=True)) for r in rows] == expected
    date_cells = [row[0] for row in ws[ws.tables[meta["table"]].ref][1:]]
    assert {c.number_format for c in date_cells} == {meta["date_number_format"]}

    everything = " ".join(str(v) for r in values for v in r if v is not None)
    for identity in ("Awa", "Traoré", "Rose", "Nguyen", "0612345678"):
        assert identity not in everything


def test_a_coordinators_export_has_la_coops_team_columns(store: Store, tmp_path: Path) -> None:
    atelier, individuel = _activities(store)
    save_profile(
        store,
        {
            "display_name": "Camille Coordination",
            "actor_id": "1c0f4b7e-2d3a-4e5f-8a9b-0c1d2e3f4a5b",
            "department_code": "95",
            "role": "coordinator",
        },
    )
    out = tmp_path / "equipe.xlsx"
    assert export(store, "workshops", "xlsx", out, **NOVEMBER) == 4
    ws, values = _sheet(out)
    assert values[3][1] == "Coordinateur"
    header, rows = _table(ws)
    assert header == COOP["columns"]["team"]
    assert [dict(zip(header, r, strict=True)) for r in rows] == _expected(
        atelier, individuel, team=True
    )


def _as_csv_text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    return str(value)


def test_csv_and_xlsx_of_the_same_export_carry_the_same_rows(store: Store, tmp_path: Path) -> None:
    _activities(store)
    xlsx, csv_out = tmp_path / "activites.xlsx", tmp_path / "activites.csv"
    assert export(store, "workshops", "xlsx", xlsx, **NOVEMBER) == 4
    assert export(store, "workshops", "csv", csv_out, **NOVEMBER) == 4
    ws, _values = _sheet(xlsx)
    header, rows = _table(ws)
    with csv_out.open(encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh, delimiter=";"))
    assert lines[0] == header
    assert lines[1:] == [[_as_csv_text(v) for v in row] for row in rows]
