"""The annual report's figures, built through the real sync path.

« 166 ateliers dans 54 écoles des deux départements … par le biais de partenariats avec 19
structures de médiation numérique et 324 sont programmés … avec pour objectif de couvrir à
terme 110 écoles. » Mediators of 19 partner structures in the Val-d'Oise and the Aisne push
their workshops to the real ``tne_api``; each département's coordinator imports the target
schools from the national directory's CSV and records the conventions, then syncs; the
coordinator's bilan (read back from the PDF) and the national view state those numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from uuid import UUID

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from mediator_app.core.entities import Participant, Partnership, Workshop, structure_id_for_uai
from mediator_app.core.enums import PartnershipStatus, Theme, WorkshopFormat
from mediator_app.core.validation import uai_check_letter
from mediator_app.local_store.services.programme import ProgrammeService
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.reports import exporter
from tests.support.clients import Client, make_client
from tests.support.live_server import LiveServer

PASSWORD = "correct-horse-42"
YEAR = "2025-2026"


@dataclass(frozen=True)
class Shape:
    """One département's part of the report, as a hand computation."""

    code: str
    partners: int
    held: int
    planned: int
    schools_reached: int
    targets: int


SHAPES = (
    Shape("95", partners=11, held=100, planned=200, schools_reached=32, targets=65),
    Shape("02", partners=8, held=66, planned=124, schools_reached=22, targets=45),
)


def _uai(dept: str, n: int) -> str:
    digits = f"{dept.zfill(3)}{n:04d}"
    return digits + uai_check_letter(digits)


def _directory_csv(shape: Shape) -> bytes:
    """The national directory's export as downloaded: labelled header, ``;``, BOM, CRLF."""
    lines = [
        "Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Nom_commune;"
        "Code_postal;Code_departement"
    ]
    for n in range(shape.targets):
        lines.append(
            f"{_uai(shape.code, n)};École {shape.code}-{n};Ecole;Commune {n};"
            f"{shape.code.zfill(2)}000;{shape.code.zfill(3)}"
        )
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def _split(total: int, parts: int) -> list[int]:
    """``total`` spread over ``parts`` as evenly as possible (the first get one more)."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


@pytest.mark.slow  # a long journey: not in `make test-fast`
def test_the_report_figures_through_the_real_sync_path(server: LiveServer, tmp_path: Path) -> None:
    laptops: list[Client] = []
    try:
        partners: dict[str, list[UUID]] = {}
        for shape in SHAPES:
            server.ensure_department(shape.code)
            for n in range(shape.targets):
                uai = _uai(shape.code, n)
                server.create_structure(
                    f"École {shape.code}-{n}",
                    department_code=shape.code,
                    uai=uai,
                    kind="ecole",
                    structure_id=structure_id_for_uai(uai),
                )
            partners[shape.code] = [
                server.create_structure(
                    f"Association {shape.code}-{i}", department_code=shape.code, kind="association"
                )
                for i in range(shape.partners)
            ]
            server.create_user(
                f"coord{shape.code}@tne.test", PASSWORD, "coordinator", department_code=shape.code
            )
        server.create_user("gip@tne.test", PASSWORD, "admin")

        # The mediators of each partner push their workshops: held ones (with the parents
        # counted) in the schools reached, planned ones for later in the year.
        for shape in SHAPES:
            held = _split(shape.held, shape.partners)
            planned = _split(shape.planned, shape.partners)
            reached = [
                structure_id_for_uai(_uai(shape.code, n)) for n in range(shape.schools_reached)
            ]
            k = 0
            for i, partner in enumerate(partners[shape.code]):
                email = f"med{shape.code}-{i}@tne.test"
                server.create_user(
                    email, PASSWORD, "mediator", structure_id=partner, department_code=shape.code
                )
                laptop = make_client(tmp_path, f"med{shape.code}-{i}")
                laptops.append(laptop)
                laptop.login(server.base_url, email, PASSWORD)
                svc = WorkshopService(laptop.store)
                for j in range(held[i] + planned[i]):
                    is_held = j < held[i]
                    school = reached[k % len(reached)]
                    if is_held:
                        k += 1
                    w = svc.create(
                        Workshop(
                            format=WorkshopFormat.ATELIER
                            if j % 3
                            else WorkshopFormat.CAFE_DES_PARENTS,
                            title=f"Atelier {j}",
                            date=date(2025, 9, 15) + timedelta(days=(j * 7) % 180),
                            themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
                            venue_structure_id=school,
                            school_id=school,
                            department_code=shape.code,
                        )
                    ).value
                    if is_held:
                        svc.set_anonymous_counts(w.id, total=7)
                        svc.mark_held(w.id)
                if i == 0:
                    with laptop.store.write() as tx:
                        tx.insert(Participant(first_name="Fatou", last_name="Diallo"))
                report = laptop.sync()
                while laptop.outbox("pending"):
                    report = laptop.sync()
                assert report.parked == 0 and laptop.outbox("parked") == []

        # Each coordinator imports the département's target schools and records the
        # conventions, offline first, then syncs.
        coordinators: dict[str, Client] = {}
        for shape in SHAPES:
            coord = make_client(tmp_path, f"coord{shape.code}")
            laptops.append(coord)
            coord.login(server.base_url, f"coord{shape.code}@tne.test", PASSWORD)
            coordinators[shape.code] = coord
            programme = ProgrammeService(coord.store)
            imported = programme.import_targets(_directory_csv(shape), YEAR).value
            assert (imported.added, imported.errors) == (shape.targets, ())
            for i, partner in enumerate(partners[shape.code]):
                p = programme.save_partnership(
                    Partnership(
                        school_year=YEAR,
                        partner_structure_id=partner,
                        title=f"Convention {shape.code}-{i}",
                        status=PartnershipStatus.SIGNEE,
                        objective_workshops=30,
                        objective_schools=5,
                        subsidy_cents=1_000_000,
                    )
                ).value
                programme.add_instalment(
                    p.id, due_on=date(2025, 10, 1), amount_cents=600_000, paid_on=date(2025, 10, 3)
                )
                programme.add_instalment(p.id, due_on=date(2026, 3, 1), amount_cents=400_000)
            assert coord.sync().parked == 0
            assert coord.outbox("parked") == []

        # Each coordinator's figures, and the bilan stating them.
        for shape in SHAPES:
            coord = coordinators[shape.code]
            coord.sync()
            cov = ProgrammeService(coord.store).coverage(YEAR, department_code=shape.code)
            assert cov.workshops_held == shape.held
            assert cov.workshops_planned == shape.planned
            assert cov.schools_reached == shape.schools_reached
            assert (cov.schools_targeted, cov.targeted_reached) == (
                shape.targets,
                shape.schools_reached,
            )
            assert cov.partners_active == shape.partners == cov.partnerships
            follow = cov.partners[0]
            assert (follow.planned_cents, follow.paid_cents) == (1_000_000, 600_000)
            out = tmp_path / f"bilan-{shape.code}.pdf"
            exporter.export(coord.store, "bilan", "pdf", out, date(2025, 9, 1), date(2026, 8, 31))
            text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(out).pages))
            assert (
                f"{shape.held} ateliers réalisés dans {shape.schools_reached} écoles par le biais "
                f"de partenariats avec {shape.partners} structures de médiation numérique ; "
                f"{shape.planned} programmés avec pour objectif de couvrir {shape.targets} écoles."
            ) in text
            # Families stay with their structure.
            assert {(p["first_name"], p["last_name"]) for p in coord.rows("participant")} <= {
                ("", "")
            }

        # A partner's mediator reads their own convention, and no target list.
        mediator = laptops[0]
        mediator.sync()
        mine = mediator.rows("partnership")
        assert len(mine) == 1 and mine[0]["partner_structure_id"] == partners["95"][0]
        assert mediator.rows("school_target") == []

        # The national team: both départements side by side and summed, no identifiers.
        gip = make_client(tmp_path, "gip")
        laptops.append(gip)
        gip.login(server.base_url, "gip@tne.test", PASSWORD)
        gip.sync()
        national = ProgrammeService(gip.store).coverage(YEAR)
        assert (
            national.workshops_held,
            national.schools_reached,
            national.partners_active,
            national.workshops_planned,
            national.schools_targeted,
        ) == (166, 54, 19, 324, 110)
        by_department = ProgrammeService(gip.store).coverage_by_department(YEAR)
        assert [(c.department_code, c.workshops_held) for c in by_department] == [
            ("02", 66),
            ("95", 100),
        ]
        people = gip.rows("participant")
        assert len(people) == 2
        assert {(p["first_name"], p["last_name"], p["phone"]) for p in people} == {("", "", None)}
        out = tmp_path / "bilan-national.pdf"
        exporter.export(gip.store, "bilan", "pdf", out, date(2025, 9, 1), date(2026, 8, 31))
        text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(out).pages))
        assert "166 ateliers réalisés dans 54 écoles" in text
        assert "couvrir 110 écoles" in text
        # The national spreadsheet: one row per partner, a total per département.
        xlsx = tmp_path / "partenariats.xlsx"
        exporter.export(gip.store, "programme", "xlsx", xlsx, None, date(2026, 8, 31))
        sheet = load_workbook(xlsx)["Partenariats"]
        rows = [r for r in sheet.iter_rows(values_only=True) if r and r[0] in ("02", "95")]
        totals = {r[0]: r for r in rows if r[1] == "Total"}
        assert len(rows) == 19 + 2
        assert (totals["95"][3], totals["95"][5], totals["95"][6], totals["95"][7]) == (
            100,
            200,
            32,
            65,
        )
        assert (totals["02"][3], totals["02"][5], totals["02"][6], totals["02"][7]) == (
            66,
            124,
            22,
            45,
        )
        assert sum(r[10] for r in rows if r[1] != "Total") == 19 * 6000
    finally:
        for laptop in laptops:
            laptop.close()
