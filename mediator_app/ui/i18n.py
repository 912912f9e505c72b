"""The interface's language: our catalogues and Qt's own, installed at start.

The source strings are French (``self.tr("Accueil")``); ``make i18n`` extracts them into
``resources/translations/tne_mediation_<lang>.ts`` (``pyside6-lupdate``), compiles the
translations to ``.qm`` (``pyside6-lrelease``, committed so a checkout runs without the Qt
tools) and prints how many strings are still untranslated (``python -m
mediator_app.ui.i18n --report FILE.ts``). French needs no catalogue of ours, only Qt's
``qtbase_fr`` (« Annuler »…). See docs/translations.md.
"""

from __future__ import annotations

import argparse
import logging
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

CATALOGUE = "tne_mediation"
TRANSLATIONS_DIR = Path(__file__).resolve().parents[1] / "resources" / "translations"
DEFAULT_LANGUAGE = "fr"

#: The languages offered in Paramètres: code, name in that language.
LANGUAGES: tuple[tuple[str, str], ...] = (("fr", "Français"), ("en", "English"))
LOCALES = {
    "fr": QLocale(QLocale.Language.French, QLocale.Country.France),
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
}


def ui_locale() -> QLocale:
    """The locale of the interface's language, for the dates and numbers it shows: the one
    ``install_language`` set as the default, French when none of ours is (tests, a bare
    ``QApplication``). Exports and PDFs do not use it: they stay French."""
    current = QLocale().name()
    for locale in LOCALES.values():
        if locale.name() == current:
            return locale
    return LOCALES[DEFAULT_LANGUAGE]


def language_codes() -> tuple[str, ...]:
    return tuple(code for code, _name in LANGUAGES)


def qt_translations_dir() -> Path:
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def install_language(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the catalogues of ``language`` (ours unless French, and Qt's ``qtbase``).

    Sets the default ``QLocale`` too. An unknown code falls back to French. Returns the
    installed translators: they must live as long as the application (remove them with
    ``app.removeTranslator`` when done).
    """
    if language not in language_codes():
        log.warning("unknown interface language %r: French instead", language)
        language = DEFAULT_LANGUAGE
    QLocale.setDefault(LOCALES[language])
    installed: list[QTranslator] = []
    wanted = [(f"qtbase_{language}", qt_translations_dir())]
    if language != DEFAULT_LANGUAGE:
        wanted.insert(0, (f"{CATALOGUE}_{language}", TRANSLATIONS_DIR))
    for name, folder in wanted:
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("catalogue %s not found", name)
    return installed


@dataclass(frozen=True)
class CatalogueCheck:
    """One of our compiled catalogues, as found by ``check_catalogues``."""

    language: str
    path: Path | None
    loaded: bool


def check_catalogues() -> list[CatalogueCheck]:
    """Our ``.qm`` catalogues (every offered language but French) and whether they load."""
    checks: list[CatalogueCheck] = []
    for code in language_codes():
        if code == DEFAULT_LANGUAGE:
            continue
        path = TRANSLATIONS_DIR / f"{CATALOGUE}_{code}.qm"
        loaded = path.is_file() and QTranslator().load(str(path))
        checks.append(CatalogueCheck(code, path if path.is_file() else None, loaded))
    return checks


@dataclass(frozen=True)
class TsCount:
    """Messages of a ``.ts`` file."""

    total: int
    unfinished: int

    @property
    def finished(self) -> int:
        return self.total - self.unfinished


def count_ts(ts_file: Path) -> TsCount:
    """Count the messages of ``ts_file`` and the untranslated ones (``type="unfinished"``,
    obsolete and vanished ones left out)."""
    root = ET.parse(ts_file).getroot()
    total = unfinished = 0
    for message in root.iter("message"):
        translation = message.find("translation")
        kind = translation.get("type", "") if translation is not None else "unfinished"
        if kind in ("obsolete", "vanished"):
            continue
        total += 1
        if kind == "unfinished" or translation is None or not (translation.text or "").strip():
            if message.get("numerus") == "yes" and translation is not None:
                forms = [f.text for f in translation.iter("numerusform")]
                if kind != "unfinished" and forms and all(forms):
                    continue
            unfinished += 1
    return TsCount(total, unfinished)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m mediator_app.ui.i18n --report FILE.ts…``: the untranslated counts."""
    parser = argparse.ArgumentParser(prog="python -m mediator_app.ui.i18n")
    parser.add_argument("--report", nargs="+", type=Path, metavar="FILE.ts", required=True)
    args = parser.parse_args(argv)
    for ts_file in args.report:
        count = count_ts(ts_file)
        sys.stdout.write(
            f"{ts_file.name}: {count.finished}/{count.total} translated, "
            f"{count.unfinished} untranslated\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
