"""Spreadsheet exports: La Coop's activity XLSX and CSV for French Excel.

XLSX: a header block (who exported, when, filters, total) above the table, multi-values
separated by line breaks inside cells, dates as real dates. CSV: the same table's rows,
semicolons, UTF-8 with a BOM so Excel reads accents, dates as dd/mm/yyyy.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mediator_app.core.entities import Device
from mediator_app.core.enums import DeviceType, label
from mediator_app.local_store.services.exports import (
    COOP_ROLE,
    COOP_SHEET,
    CoopTable,
    HandoutExportRow,
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

#: The hand-out export: one row per hand-out, figures and places, no one named…
HANDOUT_COLUMNS = (
    "Remis le",
    "Nature",
    "Programme",
    "Collège ou école de l’élève",
    "UAI",
    "Niveau",
    "Équipements",
    "Types d’équipement",
    "Nombre d’équipements",
    "Ligne de connexion",
    "Retour prévu le",
    "Rendu le",
    "Motif de fin",
    "ID remise",
)
#: … and, for the structure's own copy only, its families' names.
HANDOUT_NAME_COLUMNS = ("Famille (responsable légal)", "Élève")


def handout_table(
    rows: Sequence[HandoutExportRow], *, with_names: bool
) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """The hand-out export's header and rows (the same for the XLSX and the CSV)."""
    header = HANDOUT_COLUMNS + (HANDOUT_NAME_COLUMNS if with_names else ())
    out = []
    for r in rows:
        h = r.handout
        line: tuple[Any, ...] = (
            r.handed_on,
            label(h.nature),
            label(h.programme) if h.programme else "",
            r.school_name,
            r.school_uai,
            h.pupil_level,
            "\n".join(r.asset_tags),
            "\n".join(label(DeviceType(t)) for t in r.device_types),
            len(h.device_ids),
            r.line_operator or ("oui" if h.line_id else ""),
            h.expected_return,
            h.returned_at.astimezone().date() if h.returned_at else None,
            label(h.end_reason) if h.end_reason else "",
            str(h.id),
        )
        if with_names:
            line += (r.guardian_name, r.pupil_name)
        out.append(line)
    return header, out


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


PARENTS_RESSOURCE_COLUMNS = (
    "Parent Ressource",
    "Structure",
    "Recruté·e le",
    "Ateliers co-animés",
    "Dernier atelier co-animé",
    "Ateliers suivis",
)


def parents_ressource_table(rows: Sequence[Any]) -> list[tuple[Any, ...]]:
    """The structure's Parents Ressource (``ParentRessourceRow``), in the columns above."""
    return [
        (
            r.name,
            r.structure_name,
            r.since,
            r.co_facilitated,
            r.last_co_facilitated,
            r.attended,
        )
        for r in rows
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


#: La Coop's words for who exported (its « Rôle » of the export's author).
_COOP_EXPORTER_ROLES = {"coordinator": "Coordinateur", "admin": "Administrateur"}
#: La Coop's filter block, in its order; only the period is a filter here.
_COOP_FILTERS = (
    "Période",
    "Source",
    "Lieux d’accompagnement",
    "Communes",
    "Départements",
    "Type d’accompagnement",
    "Rôle",
    "Thématiques non administratives",
    "Thématiques administratives",
    "Tags",
)


def coop_file_name(day: date, fmt: str = "xlsx") -> str:
    """The name La Coop gives its activity export downloaded on ``day``
    (tests/fixtures/coop/activites.toml, ``file_name``); the CSV has the same stem."""
    return f"coop-numerique_accompagnements_{day.isoformat()}.{fmt}"


def coop_period(date_from: date | None, date_to: date | None) -> str:
    """La Coop's « Période » filter: « 01/11/2026 - 30/11/2026 », « - » without one."""
    if date_from is None and date_to is None:
        return "-"
    start = date_from.strftime("%d/%m/%Y") if date_from else "…"
    end = date_to.strftime("%d/%m/%Y") if date_to else "…"
    return f"{start} - {end}"


def write_coop_xlsx(
    path: Path,
    table: CoopTable,
    *,
    exported_by: str,
    exporter_role: str = "",
    period: str = "-",
    departments: str = "-",
    now: datetime | None = None,
) -> int:
    """La Coop de la médiation numérique's activity export, as its builder lays it out
    (tests/fixtures/coop/activites.toml): the sheet « Activités », its « Informations
    export » and « Filtres » blocks, then an Excel table « Activités » with a filter button
    on every column, one line per value inside a cell, dates as real dates. Returns the
    number of data rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    now = now or datetime.now()
    wb = Workbook()
    wb.properties.creator = "TNE Médiation"
    ws = wb.active
    assert ws is not None
    ws.title = COOP_SHEET
    first, _, last = exported_by.strip().partition(" ")
    block: list[list[Any]] = [
        ["Informations export"],
        ["Nom", last or "-"],
        ["Prénom", first or "-"],
        ["Rôle", _COOP_EXPORTER_ROLES.get(exporter_role, COOP_ROLE)],
        ["Total", len(table.rows)],
        ["Date d'export", now.strftime("%d/%m/%Y")],
        ["Heure d'export", now.strftime("%H:%M")],
        [],
        ["Filtres"],
        *(
            [name, {"Période": period, "Départements": departments}.get(name, "-")]
            for name in _COOP_FILTERS
        ),
        [],
        [],
    ]
    for row_number, line in enumerate(block, start=1):
        for column, value in enumerate(line, start=1):
            ws.cell(row=row_number, column=column, value=value)
        if line and line[0] in ("Informations export", "Filtres"):
            ws.cell(row=row_number, column=1).font = Font(bold=True)
    header_at = len(block) + 1
    for column, name in enumerate(table.columns, start=1):
        ws.cell(row=header_at, column=column, value=name)
    for offset, row in enumerate(table.rows, start=1):
        for column, value in enumerate(row, start=1):
            ws.cell(row=header_at + offset, column=column, value=_xlsx(value))
    last_row = header_at + max(len(table.rows), 1)  # a table needs a data row, even empty
    ref = f"A{header_at}:{get_column_letter(len(table.columns))}{last_row}"
    excel_table = Table(displayName=COOP_SHEET, ref=ref)
    excel_table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(excel_table)
    top = Alignment(wrap_text=True, vertical="top")
    widths: dict[int, int] = {}
    for r in ws.iter_rows():
        for cell in r:
            cell.alignment = top
            if cell.row > header_at and cell.column == 1 and isinstance(cell.value, date):
                cell.number_format = "dd/mm/yyyy"
            if cell.value is not None and cell.row >= header_at:
                longest = max(len(line) for line in _fr(cell.value).split("\n"))
                widths[cell.column] = max(widths.get(cell.column, 10), longest)
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = min(width, 60)
    wb.save(path)
    return len(table.rows)
