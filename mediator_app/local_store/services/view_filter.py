"""What a coordinator's view is narrowed to, one model for every view of the coordination
page and its exports (docs/architecture.md « The coordination page »)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Table


@dataclass(frozen=True)
class ViewFilter:
    """A period (``None``: all dates), a département (the national team's choice;
    ``None``: all) and a partner structure (the organiser of the workshops, the holder of
    devices, loans and lines; ``None``: all)."""

    start: date | None = None
    end: date | None = None
    department_code: str | None = None
    structure_id: UUID | None = None

    def scope(self, table: Table, structure_column: str) -> list[ColumnElement[bool]]:
        """The département and structure conditions on ``table`` (the period is each
        query's own: a workshop's day, a hand-out's, none for a stock)."""
        out: list[ColumnElement[bool]] = []
        if self.department_code:
            out.append(table.c.department_code == self.department_code)
        if self.structure_id is not None:
            column: Any = table.c[structure_column]
            out.append(column == self.structure_id)
        return out


ALL = ViewFilter()
