"""Devices (*équipements*) and connectivity lines: inventory, status changes, CSV import.

Serial numbers and asset tags are unique among live (not deleted) devices; the asset tag is
usually typed by a USB barcode scanner, which sends the code followed by Enter (CR/LF) and
sometimes leading spaces or a tab, so every tag or serial is cleaned by ``clean_code`` before
it is compared or saved. Comparisons are case-insensitive ("tne95-0001" is "TNE95-0001").
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Connection, func, select

from mediator_app.core import rules, texts
from mediator_app.core.entities import ConnectivityLine, Device, Handout
from mediator_app.core.enums import (
    DeviceCondition,
    DeviceStatus,
    DeviceType,
    LineEndReason,
    LineStatus,
    LineType,
    label,
)
from mediator_app.core.errors import BusinessRuleError, CancelledError, ValidationError
from mediator_app.core.validation import Errors, check, validate_device, validate_line
from mediator_app.local_store.rows import entity_from_row
from mediator_app.local_store.schema import entity_tables
from mediator_app.local_store.services.common import Page, json_list_contains, like_any
from mediator_app.local_store.services.view_filter import ALL, ViewFilter
from mediator_app.local_store.unit_of_work import Identity, Result, Store, Tx, result

D = entity_tables["device"]
L = entity_tables["connectivity_line"]
H = entity_tables["handout"]
P = entity_tables["participant"]

#: Keyword meaning "leave the hand-out link as it is" (``None`` unlinks).
KEEP = object()
#: Devices saved per transaction by the CSV import (a cancel stops between two batches).
IMPORT_BATCH = 200

#: Statuses a person may set by hand; loaned / handed out follow the handouts.
MANUAL_STATUSES = frozenset(
    {
        DeviceStatus.IN_STOCK,
        DeviceStatus.IN_REPAIR,
        DeviceStatus.LOST,
        DeviceStatus.STOLEN,
        DeviceStatus.RETIRED,
    }
)

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_code(value: str | None) -> str:
    """A serial number or asset tag as scanned, without control characters (CR, LF, tab)
    or surrounding spaces."""
    return _CONTROL.sub("", value or "").strip()


def _fold(text: str) -> str:
    """Lower-case, accent-free, ``_``-joined form used to match CSV headers and values."""
    bare = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).casefold()
    return re.sub(r"[^a-z0-9]+", "_", bare).strip("_")


def device_caption(d: Device) -> str:
    """How a device is named in messages: its asset tag, then brand and model."""
    what = " ".join(x for x in (d.brand, d.model) if x)
    return f"« {d.asset_tag} »" + (f" ({what})" if what else "")


@dataclass(frozen=True)
class DeviceFilter:
    """Filters of the inventory list; ``None`` / empty means "any"."""

    text: str = ""
    device_type: DeviceType | None = None
    status: DeviceStatus | None = None
    structure_id: UUID | None = None


@dataclass(frozen=True)
class LineRow:
    """A line of the « Lignes de connexion » list: the line, the device it sits in (its
    asset tag) and the hand-out it was lent with (the family's name, for the structure's
    own people; the list decides what to show)."""

    line: ConnectivityLine
    device_tag: str = ""
    handout_id: UUID | None = None
    handout_family: str = ""
    handout_open: bool = False


@dataclass(frozen=True)
class LineCounts:
    """How many lines a structure holds, for the coordinator's stock view (counts only:
    no operator's number, no SIM)."""

    structure_id: UUID | None
    active: int
    ending_soon: int
    past_end: int


@dataclass(frozen=True)
class ImportReport:
    """What a CSV import did: good lines are saved, bad lines are listed in French."""

    rows_read: int
    imported: int
    device_ids: tuple[UUID, ...]
    errors: tuple[str, ...]
    changes: frozenset[str] = frozenset()
    #: Cancelled part-way: the first and last line numbers of the file not dealt with.
    not_done: tuple[int, int] | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def cancelled(self) -> bool:
        return self.not_done is not None


def _find_by_code(conn: Connection, column: str, code: str, exclude: UUID | None) -> Device | None:
    where: list[ColumnElement[bool]] = [
        D.c.deleted.is_(False),
        func.upper(D.c[column]) == code.upper(),
    ]
    if exclude is not None:
        where.append(D.c.id != exclude)
    row = conn.execute(select(D).where(*where).limit(1)).mappings().first()
    return None if row is None else entity_from_row(Device, row)


def _unique_errors(conn: Connection, d: Device) -> Errors:
    errors: Errors = {}
    if d.serial_number:
        other = _find_by_code(conn, "serial_number", d.serial_number, d.id)
        if other is not None:
            errors["serial_number"] = texts.text(
                "Le numéro de série « {serial_number} » est déjà utilisé par l’équipement {device}.",
                serial_number=d.serial_number,
                device=device_caption(other),
            )
    if d.asset_tag:
        other = _find_by_code(conn, "asset_tag", d.asset_tag, d.id)
        if other is not None:
            errors["asset_tag"] = texts.text(
                "Le numéro d’inventaire « {asset_tag} » est déjà utilisé par un autre équipement ({model}, n° de série {serial_number}).",
                asset_tag=d.asset_tag,
                model=" ".join(x for x in (other.brand, other.model) if x)
                or texts.text("sans modèle"),
                serial_number=other.serial_number,
            )
    return errors


def _cleaned(d: Device) -> Device:
    return dataclasses.replace(
        d,
        serial_number=clean_code(d.serial_number),
        asset_tag=clean_code(d.asset_tag),
        imei=clean_code(d.imei).replace(" ", "") or None,
        brand=d.brand.strip(),
        model=d.model.strip(),
        programme=d.programme.strip(),
    )


def open_handout_of(conn: Connection, device_id: UUID) -> UUID | None:
    """The id of the handout holding a device, if any: ``core.rules.holds_devices`` (any
    loan or gift not closed by a return), the server's definition too."""
    rows = conn.execute(
        select(H.c.id, H.c.returned_at).where(
            H.c.deleted.is_(False), json_list_contains(H, "device_ids", str(device_id))
        )
    )
    return next((r.id for r in rows if rules.holds_devices(r.returned_at)), None)


class DeviceService:
    """Every user action on the device inventory and connectivity lines."""

    def __init__(self, store: Store) -> None:
        self._store = store

    # --- devices ------------------------------------------------------------------

    def _validated(self, tx: Tx, d: Device) -> None:
        errors = validate_device(d)
        for k, v in _unique_errors(tx.conn, d).items():
            errors.setdefault(k, v)
        check(errors)

    def add(self, device: Device) -> Result[Device]:
        """Add a device to the inventory (owner structure and département default to the
        user's).

        Raises:
            ValidationError: a field is missing or invalid, or the serial number / asset tag
                is already used by a live device (the message names it); nothing saved.
        """
        ident = self._store.identity
        d = _cleaned(
            dataclasses.replace(
                device,
                owner_structure_id=device.owner_structure_id or ident.structure_id,
                department_code=device.department_code or ident.department_code,
            )
        )
        with self._store.write() as tx:
            self._validated(tx, d)
            return result(tx.insert(d), tx)

    def update(self, device_id: UUID, **values: Any) -> Result[Device]:
        """Change fields of a device (not its status: see ``set_status`` and handouts).

        Raises:
            ValidationError, NotFoundError, BusinessRuleError (status given).
        """
        if "status" in values:
            raise BusinessRuleError(
                texts.text(
                    "Le statut d’un équipement se change avec « Changer le statut » ou par un prêt."
                )
            )
        with self._store.write() as tx:
            old = tx.require(Device, device_id)
            new = _cleaned(dataclasses.replace(old, **values))
            self._validated(tx, new)
            keys = set(values) | {
                "serial_number",
                "asset_tag",
                "imei",
                "brand",
                "model",
                "programme",
            }
            changed = {k: getattr(new, k) for k in keys}
            return result(tx.update(old, **changed), tx)

    def set_status(self, device_id: UUID, status: DeviceStatus, note: str = "") -> Result[Device]:
        """Send a device to repair, declare it lost/stolen, retire it, or put it back in
        stock. Loaned / handed-out statuses only come from handouts.

        Raises:
            BusinessRuleError: the status cannot be set by hand, or the device is with a
                family (record the return first).
            NotFoundError.
        """
        if status not in MANUAL_STATUSES:
            raise BusinessRuleError(
                texts.text(
                    "Le statut « {status} » est donné par une remise ou un prêt, pas à la main.",
                    status=texts.wording(label(status)),
                )
            )
        with self._store.write() as tx:
            old = tx.require(Device, device_id)
            if old.status is status:
                return result(old, tx)
            if open_handout_of(tx.conn, device_id) is not None:
                raise BusinessRuleError(
                    texts.text(
                        "L’équipement {device} est chez une famille : enregistrez d’abord son retour (ou sa perte / son vol) dans le prêt.",
                        device=device_caption(old),
                    )
                )
            values: dict[str, Any] = {"status": status}
            if note.strip():
                values["notes"] = (old.notes + "\n" + note.strip()).strip()
            new = tx.update(old, **values)
            tx.audit("device_status", "device", device_id, status.value)
            return result(new, tx)

    def delete(self, device_id: UUID) -> Result[Device]:
        """Remove a device entered by mistake (never one that was lent)."""
        with self._store.write() as tx:
            old = tx.require(Device, device_id)
            used = tx.conn.execute(
                select(func.count())
                .select_from(H)
                .where(H.c.deleted.is_(False), json_list_contains(H, "device_ids", str(old.id)))
            ).scalar_one()
            if used:
                raise BusinessRuleError(
                    texts.text(
                        "L’équipement {device} a un historique de prêts : réformez-le plutôt que de le supprimer.",
                        device=device_caption(old),
                    )
                )
            return result(tx.delete(old), tx)

    # --- queries ------------------------------------------------------------------

    def get(self, device_id: UUID) -> Device | None:
        return self._store.fetch(Device, device_id)

    def by_asset_tag(self, scanned: str) -> Device | None:
        """The live device with this asset tag (as read by the barcode scanner), if any."""
        tag = clean_code(scanned)
        if not tag:
            return None
        with self._store.read() as conn:
            return _find_by_code(conn, "asset_tag", tag, None)

    def list(self, flt: DeviceFilter, *, offset: int = 0, limit: int = 100) -> Page[Device]:
        """A page of the inventory, ordered by asset tag, paged in SQL."""
        where: list[ColumnElement[bool]] = [D.c.deleted.is_(False)]
        if flt.text.strip():
            where.append(
                like_any(D, ("brand", "model", "serial_number", "asset_tag"), clean_code(flt.text))
            )
        if flt.device_type:
            where.append(D.c.device_type == flt.device_type.value)
        if flt.status:
            where.append(D.c.status == flt.status.value)
        if flt.structure_id:
            where.append(D.c.owner_structure_id == flt.structure_id)
        with self._store.read() as conn:
            total = conn.execute(select(func.count()).select_from(D).where(*where)).scalar_one()
            rows = (
                conn.execute(
                    select(D)
                    .where(*where)
                    .order_by(D.c.asset_tag, D.c.id)
                    .offset(offset)
                    .limit(limit)
                )
                .mappings()
                .all()
            )
        return Page(tuple(entity_from_row(Device, r) for r in rows), int(total), offset, limit)

    def status_counts(self, view: ViewFilter = ALL) -> dict[DeviceStatus, int]:
        """How many live devices are in each status (the stock dashboard), of the view's
        département and holding structure (a stock has no period)."""
        with self._store.read() as conn:
            rows = conn.execute(
                select(D.c.status, func.count())
                .where(D.c.deleted.is_(False), *view.scope(D, "owner_structure_id"))
                .group_by(D.c.status)
            ).all()
        return {DeviceStatus(s): int(n) for s, n in rows}

    # --- CSV import ---------------------------------------------------------------

    def import_csv(
        self,
        source: Path | str | bytes,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportReport:
        """Import devices from a CSV file (path) or its content (text or bytes).

        Columns (header row, any order, accents and case ignored): ``type``, ``marque``,
        ``modele``, ``numero_serie``, ``numero_inventaire``, ``imei``, ``etat``,
        ``date_acquisition`` (dd/mm/yyyy or ISO), ``programme``. Separated by ``;`` or
        ``,``; UTF-8 with or without BOM (Windows-1252 is accepted too, as Excel writes it).

        Good lines are saved ``IMPORT_BATCH`` at a time, each batch in one transaction; each
        bad line is reported as "Ligne N : …" and skipped. Line numbers count the header as
        line 1. ``progress(done, total)`` is called after each batch. When ``cancelled()``
        turns true, the import stops between two batches: what was saved stays (whole
        batches, never half of one) and the report says which lines were not dealt with
        (``not_done``).

        Raises:
            ValidationError: the file cannot be read or lacks a required column (nothing
                saved).
            CancelledError: cancelled before the first batch was saved (nothing saved).
        """
        errors: list[str] = []
        table = _read_table(source, _HEADER_ALIASES, _REQUIRED_COLUMNS, _COLUMNS)
        rows_read = len(table)
        saved: list[UUID] = []
        changes: set[str] = set()
        seen_serial: dict[str, int] = {}
        seen_tag: dict[str, int] = {}
        not_done: tuple[int, int] | None = None
        for start in range(0, rows_read, IMPORT_BATCH):
            if cancelled is not None and cancelled():
                if start == 0:
                    raise CancelledError(texts.text("Import annulé : rien n’a été enregistré."))
                not_done = (table[start][0], table[-1][0])
                break
            batch = table[start : start + IMPORT_BATCH]
            with self._store.write() as tx:
                kept = 0
                for line_no, cells in batch:
                    device, problems = _parse_row(cells, self._store.identity)
                    if device is not None and not problems:
                        for seen, value, what in (
                            (seen_serial, device.serial_number, "le numéro de série"),
                            (seen_tag, device.asset_tag, "le numéro d’inventaire"),
                        ):
                            first = seen.get(value.upper())
                            if first is not None:
                                problems.append(f"{what} « {value} » figure déjà ligne {first}.")
                        if not problems:
                            problems = [
                                _lower_first(m) for m in _unique_errors(tx.conn, device).values()
                            ]
                    if problems or device is None:
                        errors.extend(f"Ligne {line_no} : {p}" for p in problems)
                        continue
                    seen_serial[device.serial_number.upper()] = line_no
                    seen_tag[device.asset_tag.upper()] = line_no
                    saved.append(tx.insert(device).id)
                    kept += 1
                if kept:
                    tx.audit("device_import", "device", None, f"{kept} équipements")
                changes |= tx.changes
            if progress is not None:
                progress(min(start + IMPORT_BATCH, rows_read), rows_read)
        errors.sort(key=_line_key)
        return ImportReport(
            rows_read, len(saved), tuple(saved), tuple(errors), frozenset(changes), not_done
        )

    # --- connectivity lines ---------------------------------------------------------

    def _line_validated(self, tx: Tx, line: ConnectivityLine) -> None:
        errors = validate_line(line)
        for k, v in _line_store_errors(tx.conn, line).items():
            errors.setdefault(k, v)
        check(errors)

    def add_line(
        self, line: ConnectivityLine, *, handout_id: UUID | None = None
    ) -> Result[ConnectivityLine]:
        """Record a data line (SIM or 4G box plan), optionally attached to a hand-out in
        the same transaction.

        Raises:
            ValidationError: operator missing, bad ICCID or number, dates reversed, ICCID
                already used, hand-out closed.
        """
        ident = self._store.identity
        new = _cleaned_line(
            dataclasses.replace(
                line,
                structure_id=line.structure_id or ident.structure_id,
                department_code=line.department_code or ident.department_code,
            )
        )
        with self._store.write() as tx:
            self._line_validated(tx, new)
            saved = tx.insert(new)
            if handout_id is not None:
                self._link_handout(tx, saved, handout_id)
            return result(saved, tx)

    def update_line(
        self, line_id: UUID, *, handout_id: UUID | object | None = KEEP, **values: Any
    ) -> Result[ConnectivityLine]:
        """Change fields of a line; ``handout_id`` attaches it to a hand-out (``None``
        detaches it, ``KEEP`` leaves the link alone). Only the fields given travel.

        Raises:
            ValidationError, NotFoundError.
        """
        if "iccid" in values:
            values["iccid"] = clean_code(values["iccid"]).replace(" ", "")
        for name in ("operator", "line_number", "data_plan"):
            if name in values:
                values[name] = str(values[name]).strip()
        with self._store.write() as tx:
            old = tx.require(ConnectivityLine, line_id)
            self._line_validated(tx, dataclasses.replace(old, **values))
            changed = {k: v for k, v in values.items() if getattr(old, k) != v}
            new = tx.update(old, **changed) if changed else old
            if handout_id is not KEEP:
                assert handout_id is None or isinstance(handout_id, UUID)
                self._link_handout(tx, new, handout_id)
            return result(new, tx)

    def terminate_line(
        self, line_id: UUID, on: date, reason: LineEndReason
    ) -> Result[ConnectivityLine]:
        """End a line on a date, for a reason (fin de contrat, perte, résiliation,
        restitution, autre); the hand-out it was attached to keeps its history.

        Raises:
            ValidationError: the date is before the line's start. NotFoundError.
        """
        with self._store.write() as tx:
            old = tx.require(ConnectivityLine, line_id)
            values: dict[str, Any] = {
                "status": LineStatus.TERMINATED,
                "end_date": on,
                "end_reason": reason,
            }
            self._line_validated(tx, dataclasses.replace(old, **values))
            new = tx.update(old, **values)
            tx.audit("line_end", "connectivity_line", line_id, reason.value)
            return result(new, tx)

    def _link_handout(self, tx: Tx, line: ConnectivityLine, handout_id: UUID | None) -> None:
        """Attach ``line`` to one hand-out (``None``: to none). The link is the hand-out's
        ``line_id``, what the hand-out wizard writes; an earlier open hand-out holding the
        line lets it go."""
        current = tx.conn.execute(
            select(H.c.id).where(
                H.c.deleted.is_(False), H.c.line_id == line.id, H.c.returned_at.is_(None)
            )
        ).all()
        for (hid,) in current:
            if hid != handout_id:
                tx.update(tx.require(Handout, hid), line_id=None)
        if handout_id is None:
            return
        handout = tx.get(Handout, handout_id)
        if handout is None or handout.returned_at is not None:
            check({"handout_id": "Ce prêt est terminé ou n’existe plus : choisissez-en un autre."})
            return
        if line.status is not LineStatus.ACTIVE:
            check({"handout_id": "Seule une ligne active peut être rattachée à un prêt."})
        if handout.line_id != line.id:
            tx.update(handout, line_id=line.id)

    def get_line(self, line_id: UUID) -> ConnectivityLine | None:
        return self._store.fetch(ConnectivityLine, line_id)

    def lines(self, *, include_terminated: bool = False) -> tuple[ConnectivityLine, ...]:
        """Every line, soonest end first (lines without end date last)."""
        where: list[ColumnElement[bool]] = [L.c.deleted.is_(False)]
        if not include_terminated:
            where.append(L.c.status != LineStatus.TERMINATED.value)
        with self._store.read() as conn:
            rows = (
                conn.execute(
                    select(L).where(*where).order_by(L.c.end_date.is_(None), L.c.end_date, L.c.id)
                )
                .mappings()
                .all()
            )
        return tuple(entity_from_row(ConnectivityLine, r) for r in rows)

    def lines_ending_within(
        self, days: int, today: date | None = None
    ) -> tuple[ConnectivityLine, ...]:
        """Lines still running whose end date falls within ``days`` days from ``today``
        (already-ended lines not yet terminated are included: they need attention too)."""
        today = today or date.today()
        with self._store.read() as conn:
            rows = (
                conn.execute(
                    select(L)
                    .where(
                        L.c.deleted.is_(False),
                        L.c.status != LineStatus.TERMINATED.value,
                        L.c.end_date.is_not(None),
                        L.c.end_date <= today + timedelta(days=days),
                    )
                    .order_by(L.c.end_date, L.c.id)
                )
                .mappings()
                .all()
            )
        return tuple(entity_from_row(ConnectivityLine, r) for r in rows)

    def line_rows(self, *, include_terminated: bool = True) -> tuple[LineRow, ...]:
        """The lines with their device and hand-out, for the « Lignes de connexion »
        list (ended lines last)."""
        found = self.lines(include_terminated=include_terminated)
        ids = [ln.id for ln in found]
        device_ids = {ln.device_id for ln in found if ln.device_id is not None}
        with self._store.read() as conn:
            tags = (
                dict(
                    conn.execute(select(D.c.id, D.c.asset_tag).where(D.c.id.in_(device_ids))).all()
                )
                if device_ids
                else {}
            )
            held = (
                conn.execute(
                    select(H.c.id, H.c.line_id, H.c.returned_at, P.c.first_name, P.c.last_name)
                    .outerjoin(P, P.c.id == H.c.guardian_id)
                    .where(H.c.deleted.is_(False), H.c.line_id.in_(ids))
                    .order_by(H.c.handed_at)
                ).all()
                if ids
                else []
            )
        by_line: dict[UUID, Any] = {}
        for r in held:  # the latest hand-out wins, an open one before a closed one
            prev = by_line.get(r.line_id)
            if prev is None or prev.returned_at is not None or r.returned_at is None:
                by_line[r.line_id] = r
        rows = []
        for ln in found:
            h = by_line.get(ln.id)
            rows.append(
                LineRow(
                    ln,
                    str(tags.get(ln.device_id, "")) if ln.device_id else "",
                    h.id if h is not None else None,
                    f"{h.first_name or ''} {h.last_name or ''}".strip() if h is not None else "",
                    h is not None and h.returned_at is None,
                )
            )
        ended = LineStatus.TERMINATED
        return tuple(sorted(rows, key=lambda r: r.line.status is ended))

    def lines_of_device(self, device_id: UUID) -> tuple[ConnectivityLine, ...]:
        """The lines sitting in a device (a 4G box's plan), running ones first."""
        with self._store.read() as conn:
            rows = (
                conn.execute(
                    select(L)
                    .where(L.c.deleted.is_(False), L.c.device_id == device_id)
                    .order_by(L.c.status == LineStatus.TERMINATED.value, L.c.start_date)
                )
                .mappings()
                .all()
            )
        return tuple(entity_from_row(ConnectivityLine, r) for r in rows)

    def line_counts(
        self, days: int, today: date | None = None, view: ViewFilter = ALL
    ) -> tuple[LineCounts, ...]:
        """Per structure: lines running, those ending within ``days`` days, those past their
        end date and not yet ended — figures only, for the coordination (of the view's
        département and structure)."""
        today = today or date.today()
        with self._store.read() as conn:
            rows = conn.execute(
                select(L.c.structure_id, L.c.end_date).where(
                    L.c.deleted.is_(False),
                    L.c.status != LineStatus.TERMINATED.value,
                    *view.scope(L, "structure_id"),
                )
            ).all()
        counts: dict[UUID | None, list[int]] = {}
        for structure_id, end in rows:
            c = counts.setdefault(structure_id, [0, 0, 0])
            c[0] += 1
            if end is not None and end < today:
                c[2] += 1
            elif end is not None and end <= today + timedelta(days=days):
                c[1] += 1
        return tuple(
            LineCounts(k, *v) for k, v in sorted(counts.items(), key=lambda kv: str(kv[0]))
        )

    def import_lines_csv(
        self,
        source: Path | str | bytes,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportReport:
        """Import the operator's list of lines from a CSV file (path) or its content.

        Columns (header row, any order, accents and case ignored): ``operateur``
        (required), ``numero_ligne`` and/or ``iccid`` (one of them required), ``type`` (SIM
        data, box 4G, autre), ``forfait``, ``date_debut``, ``date_fin`` (dd/mm/yyyy or
        ISO), ``numero_inventaire`` (the device the SIM sits in). ``;`` or ``,``; UTF-8 with
        or without BOM, or Latin-1 / Windows-1252; CRLF or LF.

        Good lines are saved together in one transaction; each bad line is reported as
        "Ligne N : …" (the header is line 1). ``progress(done, total)`` is called as lines
        are read; when ``cancelled()`` turns true, nothing is saved.

        Raises:
            ValidationError: unreadable file, empty, or a required column missing.
            CancelledError: cancelled (nothing saved).
        """

        def stop() -> None:
            if cancelled is not None and cancelled():
                raise CancelledError(texts.text("Import annulé : rien n’a été enregistré."))

        table = _read_table(source, _LINE_ALIASES, _LINE_REQUIRED, _LINE_COLUMNS)
        total = len(table)
        ident = self._store.identity
        parsed: list[tuple[int, ConnectivityLine, str]] = []
        errors: list[str] = []
        for n, (line_no, cells) in enumerate(table, 1):
            stop()
            line, tag, problems = _parse_line_row(cells, ident)
            if problems:
                errors.extend(f"Ligne {line_no} : {p}" for p in problems)
            else:
                assert line is not None
                parsed.append((line_no, line, tag))
            if progress is not None and (n % 50 == 0 or n == total):
                progress(n, total)
        saved: list[UUID] = []
        with self._store.write() as tx:
            seen: dict[tuple[str, str], int] = {}
            for line_no, line, tag in parsed:
                stop()
                problems = []
                for key, value, what in (
                    ("iccid", line.iccid, "l’ICCID"),
                    ("number", _digits(line.line_number), "le numéro de ligne"),
                ):
                    first = seen.get((key, value)) if value else None
                    if first is not None:
                        problems.append(f"{what} « {value} » figure déjà ligne {first}.")
                if tag:
                    device = _find_by_code(tx.conn, "asset_tag", tag, None)
                    if device is None:
                        problems.append(f"aucun équipement ne porte le n° d’inventaire « {tag} ».")
                    else:
                        line = dataclasses.replace(line, device_id=device.id)
                if not problems:
                    problems = [_lower_first(m) for m in _line_store_errors(tx.conn, line).values()]
                if problems:
                    errors.extend(f"Ligne {line_no} : {p}" for p in problems)
                    continue
                seen[("iccid", line.iccid)] = line_no
                seen[("number", _digits(line.line_number))] = line_no
                saved.append(tx.insert(line).id)
            if saved:
                tx.audit("line_import", "connectivity_line", None, f"{len(saved)} lignes")
            changes = frozenset(tx.changes)
        errors.sort(key=_line_key)
        return ImportReport(total, len(saved), tuple(saved), tuple(errors), changes)


# --- CSV helpers ----------------------------------------------------------------------

_COLUMNS = (
    "type",
    "marque",
    "modele",
    "numero_serie",
    "numero_inventaire",
    "imei",
    "etat",
    "date_acquisition",
    "programme",
)
_REQUIRED_COLUMNS = ("numero_serie", "numero_inventaire")
_HEADER_ALIASES = {
    "numero_de_serie": "numero_serie",
    "n_serie": "numero_serie",
    "serie": "numero_serie",
    "numero_d_inventaire": "numero_inventaire",
    "n_inventaire": "numero_inventaire",
    "inventaire": "numero_inventaire",
    "etiquette": "numero_inventaire",
    "date_d_acquisition": "date_acquisition",
    "modele_": "modele",
}
_TYPES: dict[str, DeviceType] = {
    **{t.value: t for t in DeviceType},
    **{_fold(label(t)): t for t in DeviceType},
    "ordinateur_portable": DeviceType.LAPTOP,
    "ordinateur": DeviceType.LAPTOP,
    "portable": DeviceType.LAPTOP,
    "pc": DeviceType.LAPTOP,
    "pc_portable": DeviceType.LAPTOP,
    "tablette": DeviceType.TABLET,
    "box": DeviceType.BOX_4G,
    "box_4g": DeviceType.BOX_4G,
    "routeur_4g": DeviceType.BOX_4G,
    "cle_4g": DeviceType.DONGLE_4G,
    "carte_sim": DeviceType.SIM,
    "sim": DeviceType.SIM,
    "accessoire": DeviceType.ACCESSORY,
}
_CONDITIONS: dict[str, DeviceCondition] = {
    **{c.value: c for c in DeviceCondition},
    **{_fold(label(c)): c for c in DeviceCondition},
    "bon": DeviceCondition.GOOD,
    "hors_service": DeviceCondition.BROKEN,
    "hs": DeviceCondition.BROKEN,
}


def parse_date(text: str) -> date | None:
    """``dd/mm/yyyy`` (also ``dd-mm-yyyy``, ``dd.mm.yyyy``) or ISO ``yyyy-mm-dd``."""
    value = text.strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _parse_row(cells: Mapping[str, str], ident: Identity) -> tuple[Device | None, list[str]]:
    problems: list[str] = []
    get: Callable[[str], str] = lambda name: (cells.get(name) or "").strip()  # noqa: E731
    serial = clean_code(get("numero_serie"))
    tag = clean_code(get("numero_inventaire"))
    if not serial:
        problems.append("le numéro de série est obligatoire.")
    if not tag:
        problems.append("le numéro d’inventaire est obligatoire.")
    dtype: DeviceType | None = DeviceType.LAPTOP
    if get("type"):
        dtype = _TYPES.get(_fold(get("type")))
        if dtype is None:
            problems.append(
                f"le type « {get('type')} » est inconnu (ordinateur portable, tablette, "
                "box 4G, clé 4G, carte SIM ou accessoire)."
            )
    else:
        problems.append("le type est obligatoire.")
    condition: DeviceCondition | None = DeviceCondition.NEW
    if get("etat"):
        condition = _CONDITIONS.get(_fold(get("etat")))
        if condition is None:
            problems.append(
                f"l’état « {get('etat')} » est inconnu (neuf, bon, usé ou hors service)."
            )
    acquired: date | None = None
    if get("date_acquisition"):
        acquired = parse_date(get("date_acquisition"))
        if acquired is None:
            problems.append(
                f"la date d’acquisition « {get('date_acquisition')} » n’est pas une date "
                "(jj/mm/aaaa)."
            )
    device = Device(
        device_type=dtype or DeviceType.LAPTOP,
        brand=get("marque"),
        model=get("modele"),
        serial_number=serial,
        asset_tag=tag,
        imei=clean_code(get("imei")).replace(" ", "") or None,
        condition=condition or DeviceCondition.NEW,
        programme=get("programme"),
        acquired_on=acquired,
        owner_structure_id=ident.structure_id,
        department_code=ident.department_code,
    )
    for field_name, message in validate_device(device).items():
        if field_name not in ("serial_number", "asset_tag"):
            problems.append(_lower_first(message))
    return (None, problems) if problems else (device, [])


def _read_text(source: Path | str | bytes) -> str:
    if isinstance(source, str) and "\n" not in source and "\r" not in source:
        candidate = Path(source)
        if candidate.suffix.lower() in (".csv", ".txt") or candidate.is_file():
            source = candidate
    if isinstance(source, Path):
        path = source
        try:
            source = path.read_bytes()
        except OSError as exc:
            raise ValidationError(
                {
                    "file": texts.text(
                        "Le fichier « {name} » ne peut pas être lu ({strerror}).",
                        name=path.name,
                        strerror=exc.strerror,
                    )
                }
            ) from exc
    if isinstance(source, bytes):
        try:
            return source.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Excel on Windows saves "CSV (séparateur : point-virgule)" in Windows-1252.
            return source.decode("cp1252", errors="replace")
    return source.removeprefix("\ufeff")


def _lower_first(message: str) -> str:
    return message[:1].lower() + message[1:] if message else message


def _line_key(message: str) -> int:
    m = re.match(r"Ligne (\d+)", message)
    return int(m.group(1)) if m else 0


# --- connectivity lines: checks and CSV -----------------------------------------------


def _digits(number: str) -> str:
    return "".join(c for c in number if c.isdigit())


def _cleaned_line(line: ConnectivityLine) -> ConnectivityLine:
    return dataclasses.replace(
        line,
        operator=line.operator.strip(),
        iccid=clean_code(line.iccid).replace(" ", ""),
        line_number=line.line_number.strip(),
        data_plan=line.data_plan.strip(),
    )


def _line_store_errors(conn: Connection, line: ConnectivityLine) -> Errors:
    """What the store says of a line: its ICCID used by another live line, its number
    by another running line, its device gone. (``validate_line`` is the rest, the same on the server.)"""
    errors: Errors = {}
    if line.iccid:
        other = conn.execute(
            select(L.c.id).where(L.c.deleted.is_(False), L.c.iccid == line.iccid, L.c.id != line.id)
        ).first()
        if other is not None:
            errors["iccid"] = texts.text(
                "L’ICCID « {iccid} » est déjà enregistré pour une autre ligne.", iccid=line.iccid
            )
    digits = _digits(line.line_number)
    if digits and line.status is not LineStatus.TERMINATED:
        numbers = conn.execute(
            select(L.c.line_number).where(
                L.c.deleted.is_(False),
                L.c.status != LineStatus.TERMINATED.value,
                L.c.line_number != "",
                L.c.id != line.id,
            )
        ).scalars()
        if any(_digits(n) == digits for n in numbers):
            errors["line_number"] = texts.text(
                "Le numéro de ligne « {line_number} » est déjà enregistré pour une autre ligne en cours.",
                line_number=line.line_number,
            )
    if line.device_id is not None:
        found = conn.execute(
            select(D.c.id).where(D.c.id == line.device_id, D.c.deleted.is_(False))
        ).first()
        if found is None:
            errors["device_id"] = texts.text("L’équipement choisi n’existe plus.")
    return errors


_LINE_COLUMNS = (
    "operateur",
    "numero_ligne",
    "iccid",
    "type",
    "forfait",
    "date_debut",
    "date_fin",
    "numero_inventaire",
)
_LINE_REQUIRED = ("operateur",)
_LINE_ALIASES = {
    "operator": "operateur",
    "numero": "numero_ligne",
    "numero_de_ligne": "numero_ligne",
    "n_ligne": "numero_ligne",
    "ligne": "numero_ligne",
    "msisdn": "numero_ligne",
    "telephone": "numero_ligne",
    "numero_sim": "iccid",
    "n_sim": "iccid",
    "sim": "iccid",
    "offre": "forfait",
    "plan": "forfait",
    "debut": "date_debut",
    "date_de_debut": "date_debut",
    "date_d_activation": "date_debut",
    "activation": "date_debut",
    "fin": "date_fin",
    "date_de_fin": "date_fin",
    "fin_d_engagement": "date_fin",
    "fin_engagement": "date_fin",
    "date_fin_engagement": "date_fin",
    "numero_d_inventaire": "numero_inventaire",
    "n_inventaire": "numero_inventaire",
    "n_d_inventaire": "numero_inventaire",
    "no_inventaire": "numero_inventaire",
    "inventaire": "numero_inventaire",
    "equipement": "numero_inventaire",
}
_LINE_TYPES: dict[str, LineType] = {
    **{t.value: t for t in LineType},
    **{_fold(label(t)): t for t in LineType},
    "sim": LineType.SIM_DATA,
    "carte_sim": LineType.SIM_DATA,
    "data": LineType.SIM_DATA,
    "box": LineType.BOX_4G,
    "box_4g": LineType.BOX_4G,
    "routeur_4g": LineType.BOX_4G,
}


def _read_table(
    source: Path | str | bytes,
    aliases: Mapping[str, str],
    required: tuple[str, ...],
    columns: tuple[str, ...],
) -> list[tuple[int, dict[str, str]]]:
    """The rows of a labelled CSV, each with its line number (the header is line 1) and
    its cells by folded column name. ``;`` or ``,``, whichever the header uses most.

    Raises:
        ValidationError: unreadable or empty file, required column missing.
    """
    text = _read_text(source)
    header_line = next((ln for ln in text.splitlines() if ln.strip()), "")
    delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header: list[str] | None = None
    out: list[tuple[int, dict[str, str]]] = []
    for raw in reader:
        if not any(cell.strip() for cell in raw):
            continue
        if header is None:
            header = [aliases.get(_fold(h), _fold(h)) for h in raw]
            missing = [c for c in required if c not in header]
            if missing:
                raise ValidationError(
                    {
                        "file": texts.text(
                            "Colonnes manquantes dans le fichier : {missing}. "
                            "Colonnes attendues : {columns}.",
                            missing=", ".join(missing),
                            columns=", ".join(columns),
                        )
                    }
                )
            continue
        out.append(
            (reader.line_num, {h: (raw[i] if i < len(raw) else "") for i, h in enumerate(header)})
        )
    if header is None:
        raise ValidationError({"file": texts.text("Le fichier est vide.")})
    return out


def _parse_line_row(
    cells: Mapping[str, str], ident: Identity
) -> tuple[ConnectivityLine | None, str, list[str]]:
    problems: list[str] = []
    get: Callable[[str], str] = lambda name: (cells.get(name) or "").strip()  # noqa: E731
    if not get("numero_ligne") and not get("iccid"):
        problems.append("indiquez le numéro de ligne ou l’ICCID de la carte SIM.")
    line_type: LineType | None = LineType.SIM_DATA
    if get("type"):
        line_type = _LINE_TYPES.get(_fold(get("type")))
        if line_type is None:
            problems.append(f"le type « {get('type')} » est inconnu (SIM data, box 4G ou autre).")
    dates: dict[str, date | None] = {}
    for column, what in (("date_debut", "de début"), ("date_fin", "de fin")):
        dates[column] = None
        if get(column):
            dates[column] = parse_date(get(column))
            if dates[column] is None:
                problems.append(
                    f"la date {what} « {get(column)} » n’est pas une date (jj/mm/aaaa)."
                )
    line = _cleaned_line(
        ConnectivityLine(
            operator=get("operateur"),
            line_type=line_type or LineType.SIM_DATA,
            iccid=get("iccid"),
            line_number=get("numero_ligne"),
            data_plan=get("forfait"),
            start_date=dates["date_debut"],
            end_date=dates["date_fin"],
            structure_id=ident.structure_id,
            department_code=ident.department_code,
        )
    )
    problems.extend(_lower_first(m) for m in validate_line(line).values())
    tag = clean_code(get("numero_inventaire"))
    return (None, tag, problems) if problems else (line, tag, [])
