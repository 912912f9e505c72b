"""Réussite Connectée and the Parents Ressource, built through the real sync path.

« 300 collégiens … dans 20 collèges … un ordinateur et une connexion aux élèves qui en sont
dépourvus … trois rendez-vous dans chaque collège : un atelier de formation aux outils
numériques utilisés par le collège et deux rencontres cafés des parents ». A mediator's
laptop pushes the hand-outs, workshops and Parents Ressource to the real ``tne_api``; the
coordinator syncs and reads the per-collège table, the dashboard's figures, the bilan PDF
and the hand-out export — with no name anywhere in their copy. Every expected figure is a
hand computation from the fixture's shape below.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from uuid import UUID

import pytest
from openpyxl import load_workbook

from mediator_app.core.entities import (
    ConnectivityLine,
    Device,
    Handout,
    Participant,
    Workshop,
    structure_id_for_uai,
)
from mediator_app.core.enums import (
    DeviceType,
    EndReason,
    HandoutNature,
    HandoutProgramme,
    Theme,
    WorkshopFormat,
)
from mediator_app.core.validation import uai_check_letter
from mediator_app.local_store.services.parents_ressource import ParentRessourceService
from mediator_app.local_store.services.queries import QueryService
from mediator_app.local_store.services.reussite import ReussiteService
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.reports import exporter
from tests.support.clients import Client, make_client
from tests.support.live_server import LiveServer
from tests.support.pdftext import pdf_text

PASSWORD = "correct-horse-42"
YEAR = "2025-2026"
START, END = date(2025, 9, 1), date(2026, 8, 31)
COLLEGES = 20
PUPILS = 15  # per collège: 20 × 15 = 300


@dataclass(frozen=True)
class College:
    """One collège of the fixture, as a hand computation."""

    n: int

    @property
    def uai(self) -> str:
        digits = f"095{9000 + self.n:04d}"
        return digits + uai_check_letter(digits)

    @property
    def name(self) -> str:
        return f"Collège Réussite {self.n:02d}"

    @property
    def with_line(self) -> int:
        """Every third pupil (j = 0, 3, 6, 9, 12) also gets a 4G line: 5 per collège."""
        return len(range(0, PUPILS, 3))

    @property
    def returned(self) -> int:
        """Pupils 0 … (n % 3) − 1 give their laptop back at the end of their schooling."""
        return self.n % 3

    @property
    def lost(self) -> int:
        """In collèges 0, 5, 10, 15 the last pupil lost their laptop."""
        return 1 if self.n % 5 == 0 else 0

    @property
    def trainings(self) -> int:
        """Collèges 3, 7, 11, 15, 19 have not held their training yet."""
        return 0 if self.n % 4 == 3 else 1

    @property
    def cafes(self) -> int:
        """Collèges 0-13 held both cafés, 14-17 one, 18-19 none."""
        return 2 if self.n < 14 else 1 if self.n < 18 else 0

    @property
    def status(self) -> str:
        missing = []
        if self.trainings == 0:
            missing.append("1 atelier de formation")
        if self.cafes == 1:
            missing.append("1 café des parents")
        if self.cafes == 0:
            missing.append("2 cafés des parents")
        return "Manque " + " et ".join(missing) if missing else "Complet"


SHAPE = [College(n) for n in range(COLLEGES)]
#: The hand computation of the totals.
TOTAL_LINES = sum(c.with_line for c in SHAPE)  # 100
TOTAL_RETURNED = sum(c.returned for c in SHAPE)  # 7 × 1 + 6 × 2 = 19
TOTAL_LOST = sum(c.lost for c in SHAPE)  # 4
COMPLETE = [c for c in SHAPE if c.status == "Complet"]  # 0-13 except 3, 7, 11: 11


def _sync_all(laptop: Client) -> None:
    report = laptop.sync()
    while laptop.outbox("pending"):
        report = laptop.sync()
    assert report.parked == 0 and laptop.outbox("parked") == []


def _handed(n: int, j: int) -> datetime:
    return datetime(2025, 10, 1, 14, 0, tzinfo=UTC) + timedelta(days=n, minutes=j)


def _push_programme(laptop: Client, structure: UUID) -> list[UUID]:
    """The mediator's year: per collège 15 families, their hand-outs, the meetings held;
    three Parents Ressource, two of whom co-facilitate. Returns the Parents Ressource."""
    with laptop.store.write() as tx:
        for c in SHAPE:
            school = structure_id_for_uai(c.uai)
            for j in range(PUPILS):
                family = tx.insert(
                    Participant(
                        first_name="Awa",
                        last_name=f"Famille{c.n:02d}{j:02d}",
                        structure_id=structure,
                        department_code="95",
                    )
                )
                laptop_device = tx.insert(
                    Device(
                        device_type=DeviceType.LAPTOP,
                        serial_number=f"SN-{c.n:02d}-{j:02d}",
                        asset_tag=f"RC-{c.n:02d}-{j:02d}",
                        owner_structure_id=structure,
                        department_code="95",
                    )
                )
                line = (
                    tx.insert(
                        ConnectivityLine(
                            operator="Opérateur 4G",
                            structure_id=structure,
                            department_code="95",
                        )
                    )
                    if j % 3 == 0
                    else None
                )
                handed = _handed(c.n, j)
                back, reason = None, None
                if j < c.returned:
                    back, reason = handed + timedelta(days=90), EndReason.FIN_SCOLARITE
                elif j == PUPILS - 1 and c.lost:
                    back, reason = handed + timedelta(days=60), EndReason.PERTE
                tx.insert(
                    Handout(
                        nature=HandoutNature.LOAN,
                        programme=HandoutProgramme.REUSSITE_CONNECTEE,
                        guardian_id=family.id,
                        pupil_first_name="Moussa",
                        pupil_last_name=f"Famille{c.n:02d}{j:02d}",
                        pupil_level="4e",
                        pupil_school_id=school,
                        device_ids=(laptop_device.id,),
                        line_id=line.id if line else None,
                        handed_at=handed,
                        expected_return=date(2026, 7, 3),
                        returned_at=back,
                        end_reason=reason,
                        signer_name=f"Awa Famille{c.n:02d}{j:02d}",
                        structure_id=structure,
                        department_code="95",
                    )
                )
        resources = [
            tx.insert(
                Participant(
                    first_name="Parent",
                    last_name=f"Ressource{k}",
                    parent_resource=True,
                    parent_resource_since=date(2025, 9, 10 + k),
                    structure_id=structure,
                    department_code="95",
                )
            ).id
            for k in range(3)
        ]
    svc = WorkshopService(laptop.store)
    held: list[UUID] = []
    for c in SHAPE:
        school = structure_id_for_uai(c.uai)
        kinds = [WorkshopFormat.ATELIER] * c.trainings + [WorkshopFormat.CAFE_DES_PARENTS] * c.cafes
        for k, fmt in enumerate(kinds):
            w = svc.create(
                Workshop(
                    format=fmt,
                    title=f"{fmt.value} {c.n}",
                    date=date(2025, 11, 3) + timedelta(days=7 * k + c.n),
                    themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
                    venue_structure_id=school,
                    school_id=school,
                    department_code="95",
                )
            ).value
            svc.set_anonymous_counts(w.id, total=6)
            svc.mark_held(w.id)
            held.append(w.id)
        # A planned café never counts for the rule.
        svc.create(
            Workshop(
                format=WorkshopFormat.CAFE_DES_PARENTS,
                title=f"Café prévu {c.n}",
                date=date(2026, 5, 4),
                themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
                venue_structure_id=school,
                school_id=school,
                department_code="95",
            )
        )
    pr = ParentRessourceService(laptop.store)
    # Parent Ressource 0 co-facilitates 3 workshops, 1 co-facilitates one of those and one
    # more; Parent Ressource 2 only attends one: 4 workshops co-facilitated, 3 mobilised.
    for w in held[:3]:
        pr.set_co_facilitated(w, resources[0])
    pr.set_co_facilitated(held[2], resources[1])
    pr.set_co_facilitated(held[3], resources[1])
    from mediator_app.local_store.services.attendance import AttendanceService

    AttendanceService(laptop.store).mark(held[4], resources[2])
    return resources


def _check_colleges(laptop: Client) -> None:
    rc = ReussiteService(laptop.store).school_year(YEAR, department_code="95")
    by_name = {c.name: c for c in rc.colleges}
    assert sorted(by_name) == sorted(c.name for c in SHAPE)
    for c in SHAPE:
        line = by_name[c.name]
        assert (line.uai, line.pupils, line.devices, line.lines) == (
            c.uai,
            PUPILS,
            PUPILS,
            c.with_line,
        )
        assert (line.returned, line.lost) == (c.returned, c.lost)
        assert (line.meetings.trainings, line.meetings.cafes) == (c.trainings, c.cafes)
        assert line.status == c.status
    assert (rc.pupils, rc.devices, rc.lines, rc.returned, rc.lost) == (
        300,
        300,
        100,
        19,
        4,
    )
    assert (TOTAL_LINES, TOTAL_RETURNED, TOTAL_LOST, len(COMPLETE)) == (100, 19, 4, 11)
    assert rc.complete == len(COMPLETE) == 11
    # Missing: 5 trainings; cafés 4 × 1 + 2 × 2 = 8.
    assert (rc.trainings_missing, rc.cafes_missing) == (5, 8)


@pytest.mark.slow  # a long journey: not in `make test-fast`
def test_reussite_connectee_and_parents_ressource_through_the_real_sync_path(
    server: LiveServer, tmp_path: Path
) -> None:
    laptops: list[Client] = []
    try:
        server.ensure_department("95")
        for c in SHAPE:
            server.create_structure(
                c.name,
                department_code="95",
                uai=c.uai,
                kind="college",
                structure_id=structure_id_for_uai(c.uai),
            )
        partner = server.create_structure(
            "Association Médiation RC", department_code="95", kind="association"
        )
        server.create_user(
            "med-rc@tne.test", PASSWORD, "mediator", structure_id=partner, department_code="95"
        )
        server.create_user("coord-rc@tne.test", PASSWORD, "coordinator", department_code="95")

        mediator = make_client(tmp_path, "med-rc")
        laptops.append(mediator)
        mediator.login(server.base_url, "med-rc@tne.test", PASSWORD)
        mediator.sync()
        resources = _push_programme(mediator, partner)
        _sync_all(mediator)
        _check_colleges(mediator)

        # The structure's own list of its Parents Ressource.
        rows = {r.name: r for r in ParentRessourceService(mediator.store).rows()}
        assert [(rows[f"Parent Ressource{k}"].co_facilitated) for k in range(3)] == [3, 2, 0]
        assert rows["Parent Ressource0"].since == date(2025, 9, 10)
        assert rows["Parent Ressource2"].attended == 1

        # The structure's export names its own families.
        mine = tmp_path / "remises-structure.csv"
        assert exporter.export(mediator.store, "handouts", "csv", mine, START, END) == 300
        with mine.open(encoding="utf-8-sig", newline="") as fh:
            lines = list(csv.reader(fh, delimiter=";"))
        assert lines[0][-2:] == ["Famille (responsable légal)", "Élève"]
        assert "Awa Famille0000" in {r[-2] for r in lines[1:]}

        coord = make_client(tmp_path, "coord-rc")
        laptops.append(coord)
        coord.login(server.base_url, "coord-rc@tne.test", PASSWORD)
        _sync_all(coord)

        # The coordinator's per-collège table, from what the server let them pull.
        _check_colleges(coord)
        handouts = coord.rows("handout")
        assert len(handouts) == 300
        assert {
            (h["pupil_first_name"], h["pupil_last_name"], h["signer_name"]) for h in handouts
        } == {("", "", "")}
        assert {p["last_name"] for p in coord.rows("participant")} == {""}

        # The dashboard's figures.
        f = QueryService(coord.store).dashboard(START, END)
        assert (f.rc_pupils, f.rc_colleges, f.rc_colleges_complete) == (300, 20, 11)
        assert (f.devices_handed_out, f.devices_returned, f.devices_lost) == (300, 19, 4)
        assert (f.parents_ressource, f.parents_ressource_recruited) == (3, 3)
        assert f.workshops_co_facilitated == 4
        held = sum(c.trainings + c.cafes for c in SHAPE)  # 15 + 14×2 + 4 = 47
        assert f.workshops_held == held == 47
        prf = ParentRessourceService(coord.store).figures(START, END)
        assert (prf.co_facilitators, prf.recruited_in_period) == (2, 3)
        assert resources  # the mediator's ids reached the coordinator as rows
        assert {
            UUID(str(p["id"])) for p in coord.rows("participant") if p["parent_resource"]
        } == set(resources)

        # The bilan PDF, read back as text.
        out = tmp_path / "bilan-rc.pdf"
        exporter.export(coord.store, "bilan", "pdf", out, START, END)
        text = re.sub(r"\s+", " ", pdf_text(out))
        assert "Réussite Connectée — par collège" in text
        assert (
            "300 élèves équipés dans 20 collèges ; 11 collèges ont tenu leurs trois rendez-vous"
        ) in text
        # 3 people: below the bilan's threshold of 5, masked like any small count.
        assert "Parents Ressource mobilisés < 5" in text
        assert "Parents Ressource recrutés < 5" in text
        assert "Ateliers co-animés par un Parent Ressource 4" in text
        assert "Élèves équipés (Réussite Connectée) 300" in text
        # One row per collège in name order (a row may break across a page: the figures and
        # the status are matched, then the names): pupils, devices, lines, returned, lost
        # (people: masked « < 5 » under 5, 0 shown), trainings, cafés, the rule's status.
        section = text[text.index("Réussite Connectée — par collège") : text.index("Total 300")]
        found = re.findall(
            r"((?:\d+|< 5)(?: (?:\d+|< 5)){4} \d \d) (Complet|Manque .*?)"
            r"(?= Collège| Bilan|$)",
            section.rstrip(),
        )

        def masked(n: int) -> str:
            return str(n) if n == 0 or n >= 5 else "< 5"

        assert found == [
            (
                f"{PUPILS} {PUPILS} {c.with_line} {masked(c.returned)} {masked(c.lost)} "
                f"{c.trainings} {c.cafes}",
                c.status,
            )
            for c in SHAPE
        ]
        assert all(f"Réussite {c.n:02d}" in section for c in SHAPE)
        assert "Total 300 300 100 19 < 5 15 32 11 collèges au complet sur 20" in text
        assert "Famille" not in text and "Moussa" not in text

        # The coordinator's export: one row per hand-out, no name column, no name.
        xlsx = tmp_path / "remises-coordination.xlsx"
        assert exporter.export(coord.store, "handouts", "xlsx", xlsx, START, END) == 300
        sheet = load_workbook(xlsx)["Remises"]
        values = [r for r in sheet.iter_rows(values_only=True)]
        header_at = next(i for i, r in enumerate(values) if r and r[0] == "Remis le")
        header, data = values[header_at], values[header_at + 1 :]
        assert "Famille (responsable légal)" not in header and "Élève" not in header
        assert len(data) == 300
        col = {name: i for i, name in enumerate(header)}
        per_college: dict[str, int] = {}
        for r in data:
            per_college[r[col["Collège ou école de l’élève"]]] = (
                per_college.get(r[col["Collège ou école de l’élève"]], 0) + 1
            )
            assert r[col["Programme"]] == "Réussite Connectée"
        assert per_college == {c.name: PUPILS for c in SHAPE}
        assert sum(1 for r in data if r[col["Ligne de connexion"]]) == 100
        assert sum(1 for r in data if r[col["Motif de fin"]] == "Perte") == 4
        assert sum(1 for r in data if r[col["Motif de fin"]] == "Fin de scolarité") == 19
        flat = " ".join(str(v) for r in values for v in r if v is not None)
        assert "Famille" not in flat and "Moussa" not in flat and "Awa" not in flat
        # The CSV carries the same rows.
        csv_out = tmp_path / "remises-coordination.csv"
        exporter.export(coord.store, "handouts", "csv", csv_out, START, END)
        with csv_out.open(encoding="utf-8-sig", newline="") as fh:
            csv_rows = list(csv.reader(fh, delimiter=";"))
        assert tuple(csv_rows[0]) == header
        assert sorted(r[col["ID remise"]] for r in csv_rows[1:]) == sorted(
            str(r[col["ID remise"]]) for r in data
        )
    finally:
        for laptop in laptops:
            laptop.close()
