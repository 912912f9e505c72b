"""Spreadsheet exports: La Coop's XLSX layout and CSV for French Excel.

XLSX: a header block (who exported, when, filters, total) above the table, multi-values
separated by line breaks inside cells, dates as real dates. CSV: semicolons, UTF-8 with a
BOM so Excel reads accents, dates as dd/mm/yyyy.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mediator_app.core.entities import Device, Workshop
from mediator_app.core.enums import label
from mediator_app.local_store.services.exports import COOP_COLUMNS

WORKSHOP_COLUMNS = (
    "Date",
    "Heure",
    "Titre",
    "Format",
    "Type",
    "Statut",
    "Durée (min)",
    "Commune",
    "Thématiques",
    "Outils abordés",
    "Places",
    "Validation",
    "Médiateur",
    "ID",
)
ATTENDANCE_COLUMNS = (
    "Date",
    "Atelier",
    "ID atelier",
    "ID participant",
    "Présence",
    "Enfants présents",
)
DEVICE_COLUMNS = (
    "Numéro d'inventaire",
    "Type",
    "Marque",
    "Modèle",
    "Numéro de série",
    "État",
    "Statut",
    "Programme",
    "Acquis le",
)


def _fr(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if hasattr(value, "value") and isinstance(getattr(value, "value", None), str):
        return label(value)
    return str(value)


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> int:
    """A CSV for French Excel; returns the number of data rows."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        out.writerow(header)
        for row in rows:
            out.writerow([_fr(v) for v in row])
    return len(rows)


def workshop_table(workshops: Sequence[Workshop]) -> list[tuple[Any, ...]]:
    return [
        (
            w.date,
            w.start_time.strftime("%H:%M") if w.start_time else "",
            w.title,
            label(w.format),
            label(w.kind),
            label(w.status),
            w.duration_min,
            w.commune,
            ", ".join(label(t) for t in w.themes),
            ", ".join(label(t) for t in w.tools),
            w.capacity if w.capacity is not None else "",
            label(w.review_status),
            w.owner_name,
            str(w.id),
        )
        for w in workshops
    ]


def attendance_table(rows: Sequence[dict[str, Any]]) -> list[tuple[Any, ...]]:
    from mediator_app.core.enums import Presence

    return [
        (
            r["date"],
            r["title"],
            str(r["workshop_id"]),
            str(r["participant_id"]),
            label(Presence(r["status"])),
            r["children_count"],
        )
        for r in rows
    ]


def device_table(devices: Sequence[Device]) -> list[tuple[Any, ...]]:
    return [
        (
            d.asset_tag,
            label(d.device_type),
            d.brand,
            d.model,
            d.serial_number,
            label(d.condition),
            label(d.status),
            d.programme,
            d.acquired_on,
        )
        for d in devices
    ]


def write_xlsx(
    path: Path,
    *,
    title: str,
    exported_by: str,
    filters: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    sheet: str = "Accompagnements",
) -> int:
    """An XLSX with the header block above the table; returns the number of data rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    now = datetime.now()
    meta = [
        (title,),
        ("Exporté par", exported_by),
        ("Exporté le", now.strftime("%d/%m/%Y %H:%M")),
        ("Filtres", filters),
        ("Total", len(rows)),
        (),
    ]
    for line in meta:
        ws.append(list(line))
    ws["A1"].font = Font(bold=True, size=14)
    first = len(meta) + 1
    ws.append(list(header))
    for cell in ws[first]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        ws.append([_xlsx(v) for v in row])
    for r in ws.iter_rows(min_row=first + 1):
        for cell in r:
            if isinstance(cell.value, str) and "\n" in cell.value:
                cell.alignment = wrap
            elif isinstance(cell.value, datetime):
                cell.number_format = "DD/MM/YYYY HH:MM"
            elif isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
    for i, name in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(12, min(40, len(name) + 4))
    ws.freeze_panes = ws.cell(row=first + 1, column=1)
    wb.save(path)
    return len(rows)


def _xlsx(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, date | datetime | int | float):
        return value
    return str(value)


def write_coop_xlsx(
    path: Path, rows: Sequence[Sequence[Any]], *, exported_by: str, filters: str
) -> int:
    """La Coop de la médiation numérique's activity layout (one row per accompaniment)."""
    return write_xlsx(
        path,
        title="Export des accompagnements — TNE Médiation",
        exported_by=exported_by,
        filters=filters,
        header=COOP_COLUMNS,
        rows=rows,
    )
