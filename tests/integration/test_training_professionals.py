"""Professionals trained, by role, through the real sync path.

A mediator of a partner association records two held « Formation de professionnels » with
their role counts (and a planned one, and an ordinary atelier, which count nobody), then
syncs to the real ``tne_api``. The département's coordinator and the national team pull;
the coordinator's dashboard query, the bilan PDF (read back) and the national XLSX give the
totals computed by hand below, small counts masked « < 5 » (``core.masking``). La Coop's
export of the mediator leaves the trainings out (no beneficiary activity).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from mediator_app.core.entities import Workshop
from mediator_app.core.enums import Theme, WorkshopFormat
from mediator_app.local_store.services.attendance import AttendanceService
from mediator_app.local_store.services.exports import ExportFilter, ExportService
from mediator_app.local_store.services.queries import QueryService
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.reports import exporter
from tests.support.clients import Client, make_client
from tests.support.live_server import LiveServer
from tests.support.pdftext import pdf_text

PASSWORD = "correct-horse-42"
START, END = date(2026, 9, 1), date(2026, 12, 31)
FORMATION = WorkshopFormat.FORMATION_PROFESSIONNELS

#: (day, held, role counts) of the trainings the mediator records.
TRAININGS: tuple[tuple[date, bool, dict[str, int]], ...] = (
    (
        date(2026, 10, 6),
        True,
        {"trained_teachers": 14, "trained_educators": 2, "trained_social_workers": 3},
    ),
    (date(2026, 11, 17), True, {"trained_teachers": 6, "trained_volunteers": 2}),
    # Planned, not held yet: counted nowhere.
    (date(2026, 12, 15), False, {"trained_teachers": 40}),
)
#: By hand: the held trainings' sums.
EXPECTED = {
    "trained_professionals": 27,
    "trained_teachers": 20,
    "trained_educators": 2,
    "trained_social_workers": 3,
    "trained_public_agents": 0,
    "trained_volunteers": 2,
    "trained_others": 0,
}
LABELS = {
    "trained_professionals": "Professionnels formés",
    "trained_teachers": "dont enseignants",
    "trained_educators": "dont animateurs, éducateurs",
    "trained_social_workers": "dont travailleurs sociaux",
    "trained_public_agents": "dont agents de collectivité",
    "trained_volunteers": "dont bénévoles",
    "trained_others": "dont autres professionnels",
}


def masked(n: int) -> Any:
    """The hand rule: a count of people between 1 and 4 is « < 5 »."""
    return "< 5" if 0 < n < 5 else n


def _sync_all(laptop: Client) -> None:
    report = laptop.sync()
    while laptop.outbox("pending"):
        report = laptop.sync()
    assert report.parked == 0 and laptop.outbox("parked") == []


def test_professionals_trained_reach_dashboard_bilan_and_national_view(
    server: LiveServer, tmp_path: Path
) -> None:
    server.ensure_department("95", "Val-d'Oise")
    partner = server.create_structure(
        "Association Médiation 95", department_code="95", kind="association"
    )
    server.create_user(
        "med@tne.test", PASSWORD, "mediator", structure_id=partner, department_code="95"
    )
    server.create_user("coord@tne.test", PASSWORD, "coordinator", department_code="95")
    server.create_user("gip@tne.test", PASSWORD, "admin")
    laptops: list[Client] = []
    try:
        med = make_client(tmp_path, "med")
        laptops.append(med)
        med.login(server.base_url, "med@tne.test", PASSWORD)
        _sync_all(med)
        svc = WorkshopService(med.store)
        ids = []
        for day, held, counts in TRAININGS:
            w = svc.create(
                Workshop(
                    format=FORMATION,
                    title="Former les équipes aux outils de l’ENT",
                    date=day,
                    themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
                    venue_structure_id=partner,
                    **counts,
                )
            ).value
            if held:
                # Nobody marked present: the professionals counted are who took part.
                svc.mark_held(w.id)
            ids.append(w.id)
        atelier = svc.create(
            Workshop(
                format=WorkshopFormat.ATELIER,
                title="Suivre la scolarité sur l’ENT",
                date=date(2026, 10, 8),
                themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
                venue_structure_id=partner,
            )
        ).value
        AttendanceService(med.store).mark_walk_in(atelier.id, "Awa", "Koné")
        svc.mark_held(atelier.id)
        _sync_all(med)
        # The structure's own figures, before anyone else pulls.
        mine = QueryService(med.store).dashboard(START, END)
        assert {k: getattr(mine, k) for k in EXPECTED} == EXPECTED
        # La Coop's export: the atelier's one accompaniment, no training.
        coop = ExportService(med.store).coop_table(ExportFilter(START, END))
        assert len(coop.rows) == 1

        # The coordinator pulls the counts (figures, not identifiers).
        coord = make_client(tmp_path, "coord")
        laptops.append(coord)
        coord.login(server.base_url, "coord@tne.test", PASSWORD)
        _sync_all(coord)
        pulled = {r["id"]: r for r in coord.rows("workshop")}
        for wid, (_day, _held, counts) in zip(ids, TRAININGS, strict=True):
            row = pulled[wid]
            assert row["format"] == FORMATION.value
            assert {k: row[k] for k in counts} == counts
        figures = QueryService(coord.store).dashboard(START, END)
        assert {k: getattr(figures, k) for k in EXPECTED} == EXPECTED
        assert figures.workshops_held == 3 and figures.parents_reached == 1

        # The bilan PDF, read back: the same totals, small ones masked.
        bilan = tmp_path / "bilan.pdf"
        exporter.export(coord.store, "bilan", "pdf", bilan, START, END)
        text = re.sub(r"\s+", " ", pdf_text(bilan))
        for key, label in LABELS.items():
            assert f"{label} {masked(EXPECTED[key])}" in text, label

        # The national XLSX: the département's line and the national total.
        gip = make_client(tmp_path, "gip")
        laptops.append(gip)
        gip.login(server.base_url, "gip@tne.test", PASSWORD)
        _sync_all(gip)
        xlsx = tmp_path / "national.xlsx"
        exporter.export(gip.store, "national", "xlsx", xlsx, START, END)
        values = list(load_workbook(xlsx)["Vue nationale"].iter_rows(values_only=True))
        head = next(i for i, r in enumerate(values) if r and r[0] == "Département")
        header = list(values[head])
        by_code = {r[0]: r for r in values[head + 1 :] if r and r[0]}
        for code in ("95", "Total national"):
            got = {k: by_code[code][header.index(label)] for k, label in LABELS.items()}
            assert got == {k: masked(v) for k, v in EXPECTED.items()}, code
    finally:
        for laptop in laptops:
            laptop.close()
