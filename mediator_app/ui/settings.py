"""Typed preferences over an INI ``QSettings``: each key, its type and default declared once.

INI values come back as strings (``"24"``) or, for binary ones, as ``QByteArray``; ``get``
converts them to the declared type and falls back to the default on anything unreadable, so a
hand-edited file never crashes the application. Secrets never go here (keyring only), nor
personal data.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from mediator_app.ui.i18n import LANGUAGES as I18N_LANGUAGES

log = logging.getLogger(__name__)

T = TypeVar("T", int, str, bool, QByteArray)


@dataclass(frozen=True)
class Key(Generic[T]):
    """One preference: where it lives in the INI file, its type, its default and bounds."""

    name: str
    type: type[T]
    default: T
    minimum: int | None = None
    maximum: int | None = None


RETENTION_MONTHS = Key("donnees/duree_conservation_mois", int, 24, minimum=1, maximum=120)
SMALL_COUNT_THRESHOLD = Key("bilan/seuil_petits_effectifs", int, 5, minimum=1, maximum=50)
LANGUAGE = Key("interface/langue", str, "fr")
LAST_SECTION = Key("fenetre/section", str, "accueil")
WINDOW_GEOMETRY = Key("fenetre/geometrie", QByteArray, QByteArray())

ALL_KEYS: tuple[Key[Any], ...] = (
    RETENTION_MONTHS,
    SMALL_COUNT_THRESHOLD,
    LANGUAGE,
    LAST_SECTION,
    WINDOW_GEOMETRY,
)

#: Languages offered in Paramètres (code, name in that language); applied at the next start.
LANGUAGES: tuple[tuple[str, str], ...] = I18N_LANGUAGES


def _convert(key: Key[Any], raw: object) -> Any:
    if key.type is QByteArray:
        return raw if isinstance(raw, QByteArray) else key.default
    if key.type is bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("true", "1", "oui", "yes"):
            return True
        if text in ("false", "0", "non", "no"):
            return False
        raise ValueError(text)
    if key.type is int:
        value = int(str(raw).strip())
        if key.minimum is not None and value < key.minimum:
            raise ValueError(value)
        if key.maximum is not None and value > key.maximum:
            raise ValueError(value)
        return value
    return str(raw)


class Preferences:
    """Read and write the declared preferences of one INI file."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    @classmethod
    def at(cls, ini_file: Path) -> Preferences:
        """Preferences stored in ``ini_file`` (created on first write)."""
        return cls(QSettings(str(ini_file), QSettings.Format.IniFormat))

    @property
    def qsettings(self) -> QSettings:
        return self._settings

    def get(self, key: Key[T]) -> T:
        raw = self._settings.value(key.name)
        if raw is None:
            return key.default
        try:
            value: T = _convert(key, raw)
        except (TypeError, ValueError):
            log.warning("unreadable preference %s; using its default", key.name)
            return key.default
        return value

    def set(self, key: Key[T], value: T) -> None:
        checked = _convert(key, value)  # the same bounds as when reading
        self._settings.setValue(key.name, checked)

    def sync(self) -> None:
        """Write pending changes to the INI file now."""
        self._settings.sync()

    # --- typed shortcuts ------------------------------------------------------------

    @property
    def retention_months(self) -> int:
        return self.get(RETENTION_MONTHS)

    @retention_months.setter
    def retention_months(self, value: int) -> None:
        self.set(RETENTION_MONTHS, value)

    @property
    def small_count_threshold(self) -> int:
        return self.get(SMALL_COUNT_THRESHOLD)

    @small_count_threshold.setter
    def small_count_threshold(self, value: int) -> None:
        self.set(SMALL_COUNT_THRESHOLD, value)

    @property
    def language(self) -> str:
        return self.get(LANGUAGE)

    @language.setter
    def language(self, value: str) -> None:
        self.set(LANGUAGE, value)

    @property
    def last_section(self) -> str:
        return self.get(LAST_SECTION)

    @last_section.setter
    def last_section(self, value: str) -> None:
        self.set(LAST_SECTION, value)

    @property
    def window_geometry(self) -> QByteArray:
        return self.get(WINDOW_GEOMETRY)

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self.set(WINDOW_GEOMETRY, value)
