"""The national view over two départements, built through the real sync path.

The mediators of a partner in the Val-d'Oise (95) and in the Aisne (02) push families (with
names, phones, e-mails), registrations by phone, hand-outs signed by name and a SIM card to
the real ``tne_api``. The national team's laptop pulls everything and must hold none of those
identifiers; its national PDF and XLSX give each département's figures and the national total,
checked against the hand computation below. The Aisne's counts are small: they are masked
« < 5 » the same way on the coordinator's dashboard, in the coordinator's bilan, in the
national PDF and in the national XLSX (``core.masking``).
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from openpyxl import load_workbook
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from mediator_app.core.entities import (
    ConnectivityLine,
    Device,
    Handout,
    Participant,
    Registration,
    Workshop,
    structure_id_for_uai,
)
from mediator_app.core.enums import DeviceType, EndReason, HandoutNature, Theme, WorkshopFormat
from mediator_app.core.validation import uai_check_letter
from mediator_app.local_store.db import DB_FILENAME
from mediator_app.local_store.services.attendance import AttendanceService
from mediator_app.local_store.services.queries import QueryService
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.reports import exporter
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.pages.coordination import CoordinationPage
from mediator_app.ui.tasks import TaskRunner
from tests.support.clients import Client, make_client
from tests.support.live_server import LiveServer
from tests.support.pdftext import pdf_text

PASSWORD = "correct-horse-42"
START, END = date(2025, 9, 1), date(2026, 8, 31)
FAMILIES = 6
#: What a family or a line says of itself; none may reach the national team's laptop.
IDENTIFIERS = (
    "Diallo",
    "Fatou",
    "+336123456",
    "@famille.example",
    "Moussa",
    "Aminata",
    "8933150319",
    "0699887766",
    "Kevin Martin",
)

#: The hand computation. 95: three held workshops of 90 min with 4 anonymous parents each,
#: the six families at the first, three of them at the second; six devices lent (one each),
#: one returned; one planned workshop. 02: one held workshop of 60 min with 2 anonymous
#: parents; one device lent, none returned.
EXPECTED = {
    "95": {
        "workshops_held": 3,
        "parents_reached": 18,
        "parents_identified": 6,
        "parents_anonymous": 12,
        "first_time": 6,
        "returning": 0,
        "hours": 4.5,
        "devices_handed_out": 6,
        "devices_returned": 1,
        "pupils_equipped": 6,
        "workshops_planned": 1,
        "schools_reached": 1,
    },
    "02": {
        "workshops_held": 1,
        "parents_reached": 2,
        "parents_identified": 0,
        "parents_anonymous": 2,
        "first_time": 0,
        "returning": 0,
        "hours": 1.0,
        "devices_handed_out": 1,
        "devices_returned": 0,
        "pupils_equipped": 0,
        "workshops_planned": 0,
        "schools_reached": 1,
    },
}
TOTAL = {k: EXPECTED["95"][k] + EXPECTED["02"][k] for k in EXPECTED["95"]}
PEOPLE = {
    "parents_reached",
    "parents_identified",
    "parents_anonymous",
    "first_time",
    "returning",
    "devices_handed_out",
    "devices_returned",
    "pupils_equipped",
}


def masked(key: str, n: float) -> Any:
    """The hand rule: a count of families between 1 and 4 is « < 5 »."""
    return "< 5" if key in PEOPLE and 0 < n < 5 else n


def _uai(dept: str) -> str:
    digits = f"{dept.zfill(3)}0001"
    return digits + uai_check_letter(digits)


def _sync_all(laptop: Client) -> None:
    report = laptop.sync()
    while laptop.outbox("pending"):
        report = laptop.sync()
    parked = laptop.outbox("parked")
    assert report.parked == 0 and parked == [], str(
        {
            k: v
            for k, v in parked[0].items()
            if k not in ("payload", "set", "base", "op_id", "row_id")
        }
    )


def _push_95(laptop: Client, partner: UUID, school: UUID) -> None:
    with laptop.store.write() as tx:
        families = [
            tx.insert(
                Participant(
                    first_name="Fatou",
                    last_name=f"Diallo{k}",
                    phone=f"+3361234560{k}",
                    email=f"fatou{k}@famille.example",
                    structure_id=partner,
                    department_code="95",
                )
            )
            for k in range(FAMILIES)
        ]
        line = tx.insert(
            ConnectivityLine(
                operator="Opérateur 4G",
                iccid="89331503190000000017",
                line_number="0699887766",
                structure_id=partner,
                department_code="95",
            )
        )
        for k, family in enumerate(families):
            device = tx.insert(
                Device(
                    device_type=DeviceType.LAPTOP,
                    serial_number=f"SN-95-{k}",
                    asset_tag=f"TNE-95-{k}",
                    owner_structure_id=partner,
                    department_code="95",
                )
            )
            handed = datetime(2025, 10, 2, 14, 0, tzinfo=UTC) + timedelta(days=k)
            tx.insert(
                Handout(
                    nature=HandoutNature.LOAN,
                    guardian_id=family.id,
                    pupil_first_name="Moussa",
                    pupil_last_name=f"Diallo{k}",
                    pupil_level="CM2",
                    device_ids=(device.id,),
                    line_id=line.id if k == 0 else None,
                    handed_at=handed,
                    expected_return=date(2026, 7, 3),
                    returned_at=handed + timedelta(days=30) if k == 0 else None,
                    end_reason=EndReason.FIN_SCOLARITE if k == 0 else None,
                    signer_name=f"Fatou Diallo{k}",
                    structure_id=partner,
                    department_code="95",
                )
            )
    svc = WorkshopService(laptop.store)
    attendance = AttendanceService(laptop.store)
    for n, present in enumerate((FAMILIES, 3, 0)):
        w = svc.create(
            Workshop(
                format=WorkshopFormat.ATELIER,
                title=f"Atelier {n}",
                date=date(2025, 11, 3) + timedelta(days=7 * n),
                duration_min=90,
                themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
                venue_structure_id=school,
                school_id=school,
                department_code="95",
            )
        ).value
        svc.set_anonymous_counts(w.id, total=4)
        for family in families[:present]:
            attendance.mark(w.id, family.id)
        svc.mark_held(w.id)
    planned = svc.create(
        Workshop(
            format=WorkshopFormat.CAFE_DES_PARENTS,
            title="Café prévu",
            date=date(2026, 5, 4),
            themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
            venue_structure_id=school,
            school_id=school,
            department_code="95",
        )
    ).value
    with laptop.store.write() as tx:
        tx.insert(
            Registration(
                workshop_id=planned.id, contact_name="Aminata Koné", contact_phone="+33612345699"
            )
        )


def _push_02(laptop: Client, partner: UUID, school: UUID) -> None:
    with laptop.store.write() as tx:
        family = tx.insert(
            Participant(
                first_name="Kevin",
                last_name="Martin",
                phone="+33612345698",
                structure_id=partner,
                department_code="02",
            )
        )
        device = tx.insert(
            Device(
                device_type=DeviceType.TABLET,
                serial_number="SN-02-0",
                asset_tag="TNE-02-0",
                owner_structure_id=partner,
                department_code="02",
            )
        )
        tx.insert(
            Handout(
                nature=HandoutNature.LOAN,
                guardian_id=family.id,
                device_ids=(device.id,),
                handed_at=datetime(2025, 10, 6, 9, 0, tzinfo=UTC),
                expected_return=date(2026, 7, 3),
                signer_name="Kevin Martin",
                structure_id=partner,
                department_code="02",
            )
        )
    svc = WorkshopService(laptop.store)
    w = svc.create(
        Workshop(
            format=WorkshopFormat.CAFE_DES_PARENTS,
            title="Café",
            date=date(2025, 12, 1),
            duration_min=60,
            themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
            venue_structure_id=school,
            school_id=school,
            department_code="02",
        )
    ).value
    svc.set_anonymous_counts(w.id, total=2)
    svc.mark_held(w.id)


def _texts_in_store(path: Path) -> str:
    """Every text and blob of every table of a laptop's SQLite file, one string."""
    out: list[str] = []
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for v in row:
                    if isinstance(v, bytes):
                        out.append(v.decode("utf-8", "replace"))
                    elif v is not None:
                        out.append(str(v))
    return "\n".join(out)


def test_national_view_figures_masking_and_no_identifiers(
    server: LiveServer, tmp_path: Path, qtbot: QtBot
) -> None:
    laptops: list[Client] = []
    try:
        schools, partners = {}, {}
        for code, name in (("95", "Val-d'Oise"), ("02", "Aisne")):
            server.ensure_department(code, name)
            schools[code] = server.create_structure(
                f"École {code}",
                department_code=code,
                uai=_uai(code),
                kind="ecole",
                structure_id=structure_id_for_uai(_uai(code)),
            )
            partners[code] = server.create_structure(
                f"Association {code}", department_code=code, kind="association"
            )
            server.create_user(
                f"med{code}@tne.test",
                PASSWORD,
                "mediator",
                structure_id=partners[code],
                department_code=code,
            )
            server.create_user(
                f"coord{code}@tne.test", PASSWORD, "coordinator", department_code=code
            )
        server.create_user("gip@tne.test", PASSWORD, "admin")
        for code, push in (("95", _push_95), ("02", _push_02)):
            med = make_client(tmp_path, f"med{code}")
            laptops.append(med)
            med.login(server.base_url, f"med{code}@tne.test", PASSWORD)
            push(med, partners[code], schools[code])
            _sync_all(med)
            # The structure's own copy holds its families' names (the check below is real).
            assert code != "95" or "Diallo0" in _texts_in_store(
                tmp_path / f"med{code}" / DB_FILENAME
            )

        gip = make_client(tmp_path, "gip")
        laptops.append(gip)
        gip.login(server.base_url, "gip@tne.test", PASSWORD)
        _sync_all(gip)
        assert len(gip.rows("participant")) == FAMILIES + 1
        assert len(gip.rows("handout")) == FAMILIES + 1
        assert len(gip.rows("connectivity_line")) == 1
        assert len(gip.rows("registration")) == 1
        stored = _texts_in_store(tmp_path / "gip" / DB_FILENAME)
        leaked = [s for s in IDENTIFIERS if s in stored]
        assert leaked == []

        # The national XLSX: one row per département, the total last.
        xlsx = tmp_path / "national.xlsx"
        rows = exporter.export(gip.store, "national", "xlsx", xlsx, START, END)
        assert rows == 3
        sheet = load_workbook(xlsx)["Vue nationale"]
        values = [r for r in sheet.iter_rows(values_only=True)]
        head = next(i for i, r in enumerate(values) if r and r[0] == "Département")
        header = list(values[head])
        by_code = {r[0]: r for r in values[head + 1 :] if r and r[0]}
        assert list(by_code) == ["02", "95", "Total national"]
        assert by_code["95"][1] == "Val-d'Oise" and by_code["02"][1] == "Aisne"
        labels = {
            "workshops_held": "Ateliers réalisés",
            "parents_reached": "Parents touchés",
            "parents_identified": "dont parents identifiés",
            "parents_anonymous": "dont participants anonymes",
            "first_time": "Première venue",
            "returning": "Déjà venus",
            "hours": "Heures d’atelier",
            "devices_handed_out": "Équipements remis",
            "devices_returned": "Équipements rendus",
            "pupils_equipped": "Élèves équipés",
            "workshops_planned": "Ateliers programmés",
            "schools_reached": "Écoles atteintes",
        }
        for code, expected in (*EXPECTED.items(), ("Total national", TOTAL)):
            row = by_code[code]
            got = {k: row[header.index(label)] for k, label in labels.items()}
            assert got == {k: masked(k, v) for k, v in expected.items()}, code

        # The national PDF: the same figures, départements side by side, the total last.
        pdf = tmp_path / "national.pdf"
        exporter.export(gip.store, "national", "pdf", pdf, START, END)
        text = re.sub(r"\s+", " ", pdf_text(pdf))
        assert "Vue nationale du volet parentalité" in text
        assert "02 — Aisne" in text and "95 — Val-d'Oise" in text

        def cell(v: Any) -> str:
            return f"{v:.1f}".replace(".", ",") if isinstance(v, float) else str(v)

        for key, label in labels.items():
            shown = " ".join(
                cell(masked(key, e[key])) for e in (EXPECTED["02"], EXPECTED["95"], TOTAL)
            )
            assert f"{label} {shown}" in text, label
        for s in IDENTIFIERS:
            assert s not in text

        # The national team's dashboard: the same cells as the PDF, below its figures.
        runner = TaskRunner()
        try:
            ctx = AppContext(gip.store, Services.of(gip.store), runner)
            page = CoordinationPage(ctx, health_fetcher=lambda: None, today=lambda: END)  # type: ignore[arg-type, return-value]
            qtbot.addWidget(page)
            tab = page.national
            assert tab is not None
            page._dash_period.set_custom(START, END)
            qtbot.waitUntil(lambda: tab.figures is not None and tab.model.rowCount() > 0)
            titles = [tab.model.horizontalHeaderItem(c).text() for c in range(4)]
            assert titles == ["Indicateur", "02 — Aisne", "95 — Val-d'Oise", "Total national"]
            rows = {tab.cell(r, 0): r for r in range(tab.model.rowCount())}
            for key, label in labels.items():
                got = [tab.cell(rows[label], c) for c in (1, 2, 3)]
                assert got == [
                    cell(masked(key, e[key])) for e in (EXPECTED["02"], EXPECTED["95"], TOTAL)
                ], label

            # The filters: one département, then one partner structure.
            bar = page.dash_filter
            assert not bar.department.isHidden()  # shown to the national team
            qtbot.waitUntil(lambda: bar.department.findData("02") > 0)
            assert bar.department.itemText(bar.department.findData("02")) == "02 — Aisne"
            bar.department.setCurrentIndex(bar.department.findData("02"))
            qtbot.waitUntil(
                lambda: (
                    page.dashboard_figures is not None
                    and page.dashboard_figures.workshops_held == EXPECTED["02"]["workshops_held"]
                )
            )
            assert page.dashboard_figures == QueryService(gip.store).dashboard(
                START, END, department_code="02"
            )
            value = page.findChild(QLabel, "dash_parents_value")
            assert value is not None and value.text() == "< 5"
            bar.department.setCurrentIndex(0)
            assert bar.partner.findText("Association 95") > 0
            bar.partner.setCurrentIndex(bar.partner.findText("Association 95"))
            qtbot.waitUntil(
                lambda: (
                    page.dashboard_figures is not None
                    and page.dashboard_figures.structure_id == partners["95"]
                )
            )
            assert page.dashboard_figures.workshops_held == EXPECTED["95"]["workshops_held"]
            assert page.dashboard_figures.parents_reached == EXPECTED["95"]["parents_reached"]
            assert bar.partner.currentText() == "Association 95"  # kept after the reload
            assert bar.value().structure_id == partners["95"]
        finally:
            runner.shutdown()

        # The Aisne's coordinator: dashboard and bilan mask the same small counts.
        coord = make_client(tmp_path, "coord02")
        laptops.append(coord)
        coord.login(server.base_url, "coord02@tne.test", PASSWORD)
        _sync_all(coord)
        bilan = tmp_path / "bilan-02.pdf"
        exporter.export(coord.store, "bilan", "pdf", bilan, START, END)
        btext = re.sub(r"\s+", " ", pdf_text(bilan))
        assert "Parents touchés < 5" in btext
        assert "Équipements remis < 5" in btext
        assert "Équipements rendus 0" in btext
        assert "Ateliers réalisés 1" in btext
        runner = TaskRunner()
        try:
            ctx = AppContext(coord.store, Services.of(coord.store), runner)
            page = CoordinationPage(ctx, health_fetcher=lambda: None, today=lambda: END)  # type: ignore[arg-type, return-value]
            qtbot.addWidget(page)
            page._dash_period.set_custom(START, END)
            qtbot.waitUntil(lambda: page.dashboard_figures is not None, timeout=20000)

            def shown_on_screen(key: str) -> str:
                label = page.findChild(QLabel, f"dash_{key}_value")
                assert label is not None
                return label.text()

            assert shown_on_screen("workshops") == "1"
            assert shown_on_screen("parents") == "< 5"
            assert shown_on_screen("devices_out") == "< 5"
            assert shown_on_screen("devices_back") == "0"
        finally:
            runner.shutdown()
    finally:
        for laptop in laptops:
            laptop.close()
