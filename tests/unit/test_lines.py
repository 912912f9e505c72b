"""Connectivity lines on a real store: create, edit, link to a hand-out, end with a reason
(what the outbox sends), the operator's CSV read from real files (UTF-8 with BOM and
Latin-1, ``;`` and ``,``, CRLF) with refused lines by number, and the counts the
coordination sees."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from mediator_app.core.entities import AgreementTemplate, ConnectivityLine, Device, Participant
from mediator_app.core.enums import (
    DeviceType,
    HandoutNature,
    LineEndReason,
    LineStatus,
    LineType,
    SignerCapacity,
)
from mediator_app.core.errors import CancelledError, ValidationError
from mediator_app.core.labels import masked_number
from mediator_app.core.validation import validate_line
from mediator_app.local_store import Store
from mediator_app.local_store.schema import outbox
from mediator_app.local_store.services.devices import DeviceService
from mediator_app.local_store.services.handouts import HandoutDraft, HandoutService

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
HANDED = datetime(2026, 9, 14, 9, 30, tzinfo=UTC)


def _ops(store: Store, row_id: object) -> list[dict[str, object]]:
    with store.read() as conn:
        rows = conn.execute(
            select(outbox.c.kind, outbox.c.changes)
            .where(outbox.c.row_id == row_id)
            .order_by(outbox.c.client_seq)
        ).all()
    return [
        {"kind": k, **(json.loads(c) if isinstance(c, str) else dict(c or {}))} for k, c in rows
    ]


def _loan(store: Store) -> tuple[Device, object]:
    devices = DeviceService(store)
    box = devices.add(
        Device(device_type=DeviceType.BOX_4G, serial_number="BX-1", asset_tag="TNE95-B001")
    ).value
    with store.write() as tx:
        guardian = tx.insert(Participant(first_name="Fatou", last_name="Diallo"))
        template = tx.insert(
            AgreementTemplate(
                title="Convention",
                text="Famille : {{famille}}\n",
                valid_from=date(2025, 8, 1),
                department_code="95",
            )
        )
    handout = (
        HandoutService(store)
        .open_handout(
            HandoutDraft(
                nature=HandoutNature.LOAN,
                guardian_id=guardian.id,
                device_ids=(box.id,),
                handed_at=HANDED,
                agreement_template_id=template.id,
                expected_return=date(2027, 7, 3),
            ),
            signature_png=PNG,
            signer_name="Fatou Diallo",
            signer_capacity=SignerCapacity.PARENT,
            signed_at=HANDED,
        )
        .value
    )
    return box, handout.id


def test_create_edit_and_end_a_line_with_its_reason(store: Store) -> None:
    svc = DeviceService(store)
    line = svc.add_line(
        ConnectivityLine(
            operator=" Orange ",
            line_number="07 00 11 22 33",
            iccid="8933 0123 4567 8901 234",
            data_plan="Data 100 Go",
            start_date=date(2026, 9, 1),
            end_date=date(2027, 8, 31),
        )
    ).value
    assert line.operator == "Orange" and line.iccid == "8933012345678901234"
    assert line.structure_id == store.identity.structure_id
    edited = svc.update_line(line.id, data_plan="Data 200 Go", end_date=date(2027, 6, 30)).value
    assert (edited.data_plan, edited.end_date) == ("Data 200 Go", date(2027, 6, 30))
    # Not sent yet: the edit joins the queued create (one op for the new line).
    (op,) = _ops(store, line.id)
    assert op["kind"] == "create" and op["data_plan"] == "Data 200 Go"
    with pytest.raises(ValidationError) as err:
        svc.terminate_line(line.id, date(2026, 8, 1), LineEndReason.PERTE)
    assert "suivre la date de début" in err.value.errors["end_date"]
    ended = svc.terminate_line(line.id, date(2027, 1, 15), LineEndReason.PERTE).value
    assert ended.status is LineStatus.TERMINATED
    assert (ended.end_date, ended.end_reason) == (date(2027, 1, 15), LineEndReason.PERTE)
    assert svc.get_line(line.id) == ended
    (op,) = _ops(store, line.id)
    assert (op["status"], op["end_date"], op["end_reason"]) == ("resiliee", "2027-01-15", "perte")
    assert svc.lines() == ()
    assert [r.line.id for r in svc.line_rows()] == [line.id]


def test_the_rules_of_an_ended_line_are_the_core_s() -> None:
    ended = ConnectivityLine(operator="SFR", status=LineStatus.TERMINATED)
    errors = validate_line(ended)
    assert errors["end_date"] == "Indiquez la date de fin de la ligne."
    assert errors["end_reason"] == "Indiquez pourquoi la ligne se termine."
    running = ConnectivityLine(operator="SFR", end_reason=LineEndReason.AUTRE)
    assert validate_line(running) == {"end_reason": "Seule une ligne terminée a un motif de fin."}
    assert "line_number" in validate_line(ConnectivityLine(operator="SFR", line_number="07 AB"))
    assert validate_line(ConnectivityLine(operator="SFR", line_number="+33 7 00 11 22 33")) == {}


def test_a_line_is_linked_to_a_device_and_a_hand_out(store: Store) -> None:
    svc = DeviceService(store)
    box, handout_id = _loan(store)
    line = svc.add_line(
        ConnectivityLine(operator="Bouygues", line_number="0700112233", device_id=box.id),
        handout_id=handout_id,  # type: ignore[arg-type]
    ).value
    (row,) = svc.line_rows()
    assert (row.device_tag, row.handout_id, row.handout_family) == (
        "TNE95-B001",
        handout_id,
        "Fatou Diallo",
    )
    assert row.handout_open
    assert HandoutService(store).require(handout_id).line_id == line.id  # type: ignore[arg-type]
    assert svc.lines_of_device(box.id) == (line,)
    svc.update_line(line.id, handout_id=None)
    assert HandoutService(store).require(handout_id).line_id is None  # type: ignore[arg-type]
    assert svc.line_rows()[0].handout_id is None
    ended = svc.terminate_line(line.id, date.today(), LineEndReason.RESTITUTION).value
    with pytest.raises(ValidationError) as err:
        svc.update_line(ended.id, handout_id=handout_id)
    assert "ligne active" in err.value.errors["handout_id"]


def test_masked_numbers() -> None:
    assert masked_number("07 00 11 22 33", own=True) == "07 00 11 22 33"
    assert masked_number("07 00 11 22 33", own=False) == "•• •• •• •• 33"
    assert masked_number("", own=False) == ""


LINES_CSV = (
    "Opérateur;Numéro de ligne;ICCID;Type;Forfait;Date de début;Date de fin;N° d'inventaire\r\n"
    "Orange;07 00 00 00 01;89330123456789012341;SIM data;Data 50 Go;01/09/2026;31/08/2027;\r\n"
    ";07 00 00 00 02;;;;;;\r\n"
    "Orange;07 00 00 00 03;12;box 4G;;01/09/2026;31/13/2027;\r\n"
    "Bouygues Télécom;07 00 00 00 04;;Box 4G;Illimité;2026-09-01;2027-08-31;TNE95-B001\r\n"
    "Orange;07 00 00 00 01;;;;;;\r\n"
    "SFR;;;;;;;\r\n"
    "Free;07 00 00 00 07;;autre;;;;TNE95-XXXX\r\n"
)


def test_import_the_operator_s_list_keeps_good_lines_and_numbers_the_bad(
    store: Store, tmp_path: Path
) -> None:
    svc = DeviceService(store)
    box = svc.add(
        Device(device_type=DeviceType.BOX_4G, serial_number="BX-1", asset_tag="TNE95-B001")
    ).value
    path = tmp_path / "lignes-operateur.csv"
    path.write_bytes(LINES_CSV.encode("utf-8-sig"))
    seen: list[tuple[int, int]] = []
    report = svc.import_lines_csv(path, progress=lambda d, t: seen.append((d, t)))
    assert (report.rows_read, report.imported) == (7, 2)
    assert report.errors == (
        "Ligne 3 : indiquez l’opérateur.",
        "Ligne 4 : la date de fin « 31/13/2027 » n’est pas une date (jj/mm/aaaa).",
        "Ligne 4 : l’ICCID doit comporter entre 18 et 22 chiffres.",
        "Ligne 6 : le numéro de ligne « 0700000001 » figure déjà ligne 2.",
        "Ligne 7 : indiquez le numéro de ligne ou l’ICCID de la carte SIM.",
        "Ligne 8 : aucun équipement ne porte le n° d’inventaire « TNE95-XXXX ».",
    )
    assert seen[-1] == (7, 7)
    saved = {ln.line_number: ln for ln in svc.lines()}
    assert set(saved) == {"07 00 00 00 01", "07 00 00 00 04"}
    orange, bouygues = saved["07 00 00 00 01"], saved["07 00 00 00 04"]
    assert (orange.operator, orange.end_date) == ("Orange", date(2027, 8, 31))
    assert orange.iccid == "89330123456789012341" and orange.line_type is LineType.SIM_DATA
    assert bouygues.operator == "Bouygues Télécom" and bouygues.line_type is LineType.BOX_4G
    assert bouygues.device_id == box.id and bouygues.data_plan == "Illimité"
    # The same file again: nothing doubles (the ICCID, the number are already known).
    again = svc.import_lines_csv(path)
    assert again.imported == 0 and len(svc.lines()) == 2
    assert "Ligne 5 : le numéro de ligne « 07 00 00 00 04 » est déjà enregistré" in " ".join(
        again.errors
    )


def test_import_a_latin_1_file_with_commas_and_lf(store: Store, tmp_path: Path) -> None:
    svc = DeviceService(store)
    path = tmp_path / "export-operateur-latin1.csv"
    text = (
        "operateur,numero_ligne,forfait,date_fin\n"
        "Société Réseau,0700000011,Forfait éducatif,30/06/2027\n"
        "Société Réseau,07000,Forfait éducatif,30/06/2027\n"
    )
    path.write_bytes(text.encode("latin-1"))
    report = svc.import_lines_csv(path)
    assert (report.rows_read, report.imported) == (2, 1)
    assert report.errors == ("Ligne 3 : le numéro de ligne doit comporter entre 6 et 15 chiffres.",)
    (line,) = svc.lines()
    assert (line.operator, line.data_plan) == ("Société Réseau", "Forfait éducatif")


def test_import_refuses_a_file_without_operator_and_cancel_saves_nothing(
    store: Store, tmp_path: Path
) -> None:
    svc = DeviceService(store)
    path = tmp_path / "sans-operateur.csv"
    path.write_text("numero_ligne;forfait\n0700000001;Data\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        svc.import_lines_csv(path)
    assert "operateur" in err.value.errors["file"]
    good = tmp_path / "bon.csv"
    good.write_text(
        "operateur;numero_ligne\n" + "".join(f"Orange;07000000{i:02d}\n" for i in range(60)),
        encoding="utf-8",
    )
    calls: list[int] = []
    with pytest.raises(CancelledError):
        svc.import_lines_csv(
            good, progress=lambda d, _t: calls.append(d), cancelled=lambda: bool(calls)
        )
    assert calls == [50] and svc.lines() == ()


def test_line_counts_per_structure_have_no_numbers(store: Store) -> None:
    svc = DeviceService(store)
    today = date(2026, 11, 1)
    ends = (date(2026, 10, 1), date(2026, 11, 20), date(2027, 6, 30), None)
    for n, end in enumerate(ends):
        svc.add_line(ConnectivityLine(operator="Orange", line_number=f"070000000{n}", end_date=end))
    ended = svc.add_line(ConnectivityLine(operator="SFR")).value
    svc.terminate_line(ended.id, today, LineEndReason.RESILIATION)
    (counts,) = svc.line_counts(30, today)
    assert (counts.structure_id, counts.active, counts.ending_soon, counts.past_end) == (
        store.identity.structure_id,
        4,
        1,
        1,
    )
    assert not any(isinstance(v, str) for v in vars(counts).values())
