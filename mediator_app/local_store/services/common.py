"""Pieces shared by the services: paging and simple filters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import ColumnElement, String, Table, cast, or_

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list query and the total number of matching rows."""

    rows: tuple[T, ...]
    total: int
    offset: int
    limit: int

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.rows) < self.total


def like_any(table: Table, columns: tuple[str, ...], text: str) -> ColumnElement[bool]:
    """Case-insensitive "contains" over some text columns (SQLite LIKE is ASCII-insensitive)."""
    pattern = f"%{text.strip()}%"
    return or_(*(table.c[c].ilike(pattern) for c in columns))


def json_list_contains(table: Table, column: str, value: str) -> ColumnElement[bool]:
    """A JSON list column holds ``value`` (lists are stored as JSON text)."""
    return cast(table.c[column], String).like(f'%"{value}"%')
