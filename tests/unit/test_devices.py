from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from mediator_app.core.entities import ConnectivityLine, Device
from mediator_app.core.enums import (
    DeviceCondition,
    DeviceStatus,
    DeviceType,
    LineEndReason,
    LineStatus,
)
from mediator_app.core.errors import BusinessRuleError, CancelledError, ValidationError
from mediator_app.local_store import Store
from mediator_app.local_store.schema import entity_tables, outbox
from mediator_app.local_store.services.devices import IMPORT_BATCH, DeviceFilter, DeviceService


def _laptop(serial: str = "5CD1234XYZ", tag: str = "TNE95-0001", **kw: object) -> Device:
    values: dict[str, object] = {
        "device_type": DeviceType.LAPTOP,
        "brand": "Dell",
        "model": "Latitude 3540",
        "serial_number": serial,
        "asset_tag": tag,
    }
    values.update(kw)
    return Device(**values)  # type: ignore[arg-type]


def _count(store: Store, table: str) -> int:
    t = entity_tables[table] if table != "outbox" else outbox
    with store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(t)).scalar_one())


def test_scanned_tag_is_cleaned_and_found(store: Store) -> None:
    svc = DeviceService(store)
    d = svc.add(_laptop(tag="  TNE95-0001\r\n")).value
    assert d.asset_tag == "TNE95-0001"
    assert d.department_code == "95" and d.owner_structure_id is not None
    found = svc.by_asset_tag("tne95-0001\r")
    assert found is not None and found.id == d.id
    assert svc.by_asset_tag("TNE95-9999") is None


def test_serial_and_tag_unique_with_message_naming_the_clash(store: Store) -> None:
    svc = DeviceService(store)
    svc.add(_laptop())
    with pytest.raises(ValidationError) as err:
        svc.add(_laptop(serial="5cd1234xyz", tag="TNE95-0002"))
    assert err.value.errors["serial_number"] == (
        "Le numéro de série « 5cd1234xyz » est déjà utilisé par l’équipement "
        "« TNE95-0001 » (Dell Latitude 3540)."
    )
    with pytest.raises(ValidationError) as err:
        svc.add(_laptop(serial="OTHER", tag="TNE95-0001\t"))
    assert "« TNE95-0001 »" in err.value.errors["asset_tag"]
    assert "5CD1234XYZ" in err.value.errors["asset_tag"]
    assert _count(store, "device") == 1


def test_deleted_device_frees_its_codes(store: Store) -> None:
    svc = DeviceService(store)
    d = svc.add(_laptop()).value
    svc.delete(d.id)
    again = svc.add(_laptop()).value
    assert again.id != d.id


def test_status_changes_and_list_filters(store: Store) -> None:
    svc = DeviceService(store)
    for i in range(6):
        svc.add(
            _laptop(
                serial=f"SN{i}",
                tag=f"TNE95-{i:04d}",
                device_type=DeviceType.BOX_4G if i % 3 == 0 else DeviceType.LAPTOP,
                brand="Huawei" if i % 3 == 0 else "Dell",
            )
        )
    d = svc.by_asset_tag("TNE95-0001")
    assert d is not None
    assert svc.set_status(d.id, DeviceStatus.IN_REPAIR).value.status is DeviceStatus.IN_REPAIR
    with pytest.raises(BusinessRuleError):
        svc.set_status(d.id, DeviceStatus.LOANED)
    page = svc.list(DeviceFilter(device_type=DeviceType.BOX_4G))
    assert page.total == 2 and [x.asset_tag for x in page.rows] == ["TNE95-0000", "TNE95-0003"]
    assert svc.list(DeviceFilter(status=DeviceStatus.IN_REPAIR)).total == 1
    assert svc.list(DeviceFilter(text="huawei")).total == 2
    assert svc.list(DeviceFilter(text="sn5")).total == 1
    assert svc.list(DeviceFilter(), limit=4).has_more
    assert svc.status_counts() == {DeviceStatus.IN_STOCK: 5, DeviceStatus.IN_REPAIR: 1}


CSV = (
    "\ufefftype;marque;modèle;numero_serie;numero_inventaire;imei;etat;date_acquisition;programme\n"
    "Ordinateur portable;Dell;Latitude 3540;SN-A;TNE95-0101;;neuf;01/09/2025;Réussite connectée\n"
    "box_4g;Huawei;B535;SN-B;TNE95-0102;861234567890123;bon;2025-09-15;Réussite connectée\n"
    "laptop;Dell;Latitude 3540;;TNE95-0103;;neuf;;\n"
    "tablette;Samsung;Tab A9;SN-D;TNE95-0104;12345;bon;31/02/2025;\n"
    "laptop;Dell;Latitude 3540;SN-A;TNE95-0105;;;;\n"
    "grille-pain;Dell;X;SN-F;TNE95-0106;;;;\n"
    "laptop;Lenovo;ThinkPad E14;SN-G;TNE95-0107;;usé;15/10/2025;\n"
)


def test_csv_import_keeps_good_rows_and_reports_bad_lines(store: Store) -> None:
    svc = DeviceService(store)
    svc.add(_laptop(serial="SN-OLD", tag="TNE95-0107"))
    report = svc.import_csv(CSV)
    assert report.rows_read == 7
    assert report.imported == 2
    assert report.errors == (
        "Ligne 4 : le numéro de série est obligatoire.",
        "Ligne 5 : la date d’acquisition « 31/02/2025 » n’est pas une date (jj/mm/aaaa).",
        "Ligne 5 : l’IMEI doit comporter 15 chiffres.",
        "Ligne 6 : le numéro de série « SN-A » figure déjà ligne 2.",
        "Ligne 7 : le type « grille-pain » est inconnu (ordinateur portable, tablette, "
        "box 4G, clé 4G, carte SIM ou accessoire).",
        "Ligne 8 : le numéro d’inventaire « TNE95-0107 » est déjà utilisé par un autre "
        "équipement (Dell Latitude 3540, n° de série SN-OLD).",
    )
    box = svc.by_asset_tag("TNE95-0102")
    assert box is not None
    assert box.device_type is DeviceType.BOX_4G and box.imei == "861234567890123"
    assert box.acquired_on == date(2025, 9, 15) and box.condition is DeviceCondition.GOOD
    first = svc.by_asset_tag("TNE95-0101")
    assert first is not None and first.acquired_on == date(2025, 9, 1)
    assert first.programme == "Réussite connectée"
    with store.read() as conn:
        kinds = conn.execute(select(outbox.c.entity, outbox.c.kind)).all()
    assert sorted(kinds) == [("device", "create")] * 3  # 1 added by hand + 2 imported


def test_csv_import_comma_file_and_missing_column(store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    svc = DeviceService(store)
    path = tmp_path / "parc.csv"
    path.write_bytes(
        "type,marque,modele,numero_serie,numero_inventaire\r\n"
        "Clé 4G,Alcatel,Link Key,SN-Z,TNE95-0900\r\n".encode("cp1252")
    )
    report = svc.import_csv(path)
    assert report.ok and report.imported == 1
    dongle = svc.by_asset_tag("TNE95-0900")
    assert dongle is not None and dongle.device_type is DeviceType.DONGLE_4G
    with pytest.raises(ValidationError) as err:
        svc.import_csv("type;marque\nlaptop;Dell\n")
    assert "numero_serie" in err.value.errors["file"]


def test_csv_import_in_batches_stops_between_two_when_cancelled(store: Store) -> None:
    svc = DeviceService(store)
    n = IMPORT_BATCH + 40
    rows = [f"tablette;Lenovo;M10;SN-{i:04d};TNE-{i:04d}\n" for i in range(n)]
    rows[IMPORT_BATCH + 3] = "tablette;Lenovo;M10;SN-0000;TNE-9999\n"  # a serial of batch 1
    text = "type;marque;modele;numero_serie;numero_inventaire\n" + "".join(rows)
    reported: list[tuple[int, int]] = []
    full = svc.import_csv(text, progress=lambda d, t: reported.append((d, t)))
    assert reported == [(IMPORT_BATCH, n), (n, n)]
    assert full.imported == n - 1 and not full.cancelled
    # A duplicate is caught across batches, by its line number in the file.
    assert full.errors == (
        f"Ligne {IMPORT_BATCH + 5} : le numéro de série « SN-0000 » figure déjà ligne 2.",
    )

    # Cancelled as soon as the first batch is reported: that batch stays, whole.
    reported.clear()
    other = text.replace("SN-", "XS-").replace("TNE-", "ENT-")
    partial = svc.import_csv(
        other,
        progress=lambda d, t: reported.append((d, t)),
        cancelled=lambda: bool(reported),
    )
    assert reported == [(IMPORT_BATCH, n)]
    assert partial.cancelled and partial.not_done == (IMPORT_BATCH + 2, n + 1)
    assert partial.imported == IMPORT_BATCH and partial.errors == ()
    with store.read() as conn:
        creates = conn.execute(
            select(outbox.c.entity).where(outbox.c.entity == "device", outbox.c.kind == "create")
        ).all()
    assert len(creates) == (n - 1) + IMPORT_BATCH  # each saved device, nothing half-done
    with pytest.raises(CancelledError):
        svc.import_csv(text, cancelled=lambda: True)  # before the first batch: nothing saved


def test_lines_terminate_and_ending_soon(store: Store) -> None:
    svc = DeviceService(store)
    box = svc.add(_laptop(device_type=DeviceType.BOX_4G)).value
    soon = svc.add_line(
        ConnectivityLine(
            operator="Orange",
            iccid="8933 0123 4567 8901 234",
            start_date=date(2025, 9, 1),
            end_date=date(2026, 1, 10),
            device_id=box.id,
        )
    ).value
    assert soon.iccid == "8933012345678901234"
    later = svc.add_line(
        ConnectivityLine(operator="SFR", start_date=date(2025, 9, 1), end_date=date(2026, 8, 31))
    ).value
    with pytest.raises(ValidationError) as err:
        svc.add_line(ConnectivityLine(operator="Free", iccid="8933012345678901234"))
    assert "déjà enregistré" in err.value.errors["iccid"]
    ending = svc.lines_ending_within(30, today=date(2025, 12, 20))
    assert [x.id for x in ending] == [soon.id]
    with pytest.raises(ValidationError):
        svc.terminate_line(later.id, date(2025, 1, 1), LineEndReason.AUTRE)  # before its start
    done = svc.terminate_line(soon.id, date(2025, 12, 31), LineEndReason.FIN_CONTRAT).value
    assert done.status is LineStatus.TERMINATED and done.end_date == date(2025, 12, 31)
    assert done.end_reason is LineEndReason.FIN_CONTRAT
    assert svc.lines_ending_within(30, today=date(2025, 12, 20)) == ()
    assert [x.id for x in svc.lines()] == [later.id]
