"""What the support team may see: scrubbed text, the names to redact, the support ZIP.

No Qt here, so the same scrubbing serves the crash dialog, the « Rapport pour le support »
of *Paramètres* and, later, a command line. Everything that leaves the laptop through these
functions goes through ``scrub``: e-mail addresses, phone numbers, quoted strings, the names
known to the store and the user's own folders are replaced by placeholders.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import re
import sys
import zipfile
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mediator_app import __version__
from mediator_app.paths import AppPaths

EMAIL_MARK = "<e-mail>"
PHONE_MARK = "<téléphone>"
TEXT_MARK = "<texte>"
NAME_MARK = "<nom>"
DATA_DIR_MARK = "<dossier des données>"
HOME_MARK = "~"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# French and international numbers (06 12 34 56 78, 06.12.34.56.78, +33 6 12 34 56 78,
# 0612345678), not dates nor times: a timestamp must survive.
_PHONE = re.compile(
    r"(?<![\w.+])(?:(?:(?:\+|00)\d{2,3}[\s.-]?(?:\(0\)[\s.-]?)?[1-9]|0[1-9])(?:[\s.-]?\d{2}){4}"
    r"|\+\d[\d\s.-]{7,16}\d)(?!\w)"
)
# 'x', "x", « x », “x”, ‘x’ (one line at a time, so a traceback's quotes cannot swallow it).
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|«[^»\n]*»|“[^”\n]*”|‘[^’\n]*’")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
#: Shorter words are not redacted on their own (« de », « Li » would hit every line).
MIN_NAME_LENGTH = 3


def app_version() -> str:
    """The version of the application (``mediator_app.__version__``, the project's one
    version string)."""
    return __version__


def name_words(names: Iterable[str]) -> frozenset[str]:
    """The case-folded words of ``names`` that ``scrub`` redacts wherever they appear."""
    words: set[str] = set()
    for name in names:
        for word in _WORD.findall(name or ""):
            if len(word) >= MIN_NAME_LENGTH:
                words.add(word.casefold())
    return frozenset(words)


def scrub(
    text: str,
    names: Iterable[str] | frozenset[str] = (),
    *,
    quoted: bool = True,
    folders: Iterable[Path] = (),
) -> str:
    """``text`` without personal data.

    Removes e-mail addresses, phone numbers, quoted strings (``quoted``), every word of the
    ``names`` (whole words, case-insensitive: pass ``name_words(...)`` once for many calls)
    and the ``folders`` (the data directory and the home folder, which may hold the user's
    name).
    """
    for folder, mark in _folder_marks(folders):
        text = text.replace(folder, mark)
    text = _EMAIL.sub(EMAIL_MARK, text)
    if quoted:
        text = _QUOTED.sub(TEXT_MARK, text)
    text = _PHONE.sub(PHONE_MARK, text)
    words = names if isinstance(names, frozenset) else name_words(names)
    if words:
        text = _WORD.sub(
            lambda m: NAME_MARK if m.group(0).casefold() in words else m.group(0), text
        )
    return text


def _folder_marks(folders: Iterable[Path]) -> list[tuple[str, str]]:
    marks: list[tuple[str, str]] = []
    home = str(Path.home())
    for folder in folders:
        marks.append((str(folder), DATA_DIR_MARK))
    if len(home) > 1:
        marks.append((home, HOME_MARK))
    # Longest first, so the data dir inside the home folder is replaced as a whole.
    return sorted(marks, key=lambda pair: len(pair[0]), reverse=True)


def known_names(store: Any) -> frozenset[str]:
    """The words of every person's name the store holds (participants, children, contacts,
    pupils, signers, actors, the profile), for ``scrub``.

    ``store`` is a ``mediator_app.local_store.Store``; read on the caller's thread.
    """
    from sqlalchemy import select

    from mediator_app.local_store.schema import entity_tables
    from mediator_app.local_store.state import get_state

    columns = {
        "participant": ("first_name", "last_name", "children"),
        "registration": ("contact_name",),
        "handout": ("pupil_first_name", "pupil_last_name", "signer_name"),
        "actor": ("display_name",),
        "workshop": ("owner_name",),
        "sync_conflict": ("author_name",),
    }
    names: list[str] = []
    with store.engine.connect() as conn:
        for table_name, cols in columns.items():
            table = entity_tables[table_name]
            for row in conn.execute(select(*(table.c[c] for c in cols))):
                for value in row:
                    if isinstance(value, list):  # children: [{"first_name": ...}, ...]
                        names.extend(
                            str(child.get("first_name") or "")
                            for child in value
                            if isinstance(child, dict)
                        )
                    elif isinstance(value, str):
                        names.append(value)
        profile = get_state(conn, "profile", {}) or {}
        if isinstance(profile, dict):
            names.extend(str(profile.get(k) or "") for k in ("display_name", "email"))
    return name_words(names)


def environment() -> dict[str, str]:
    """Versions and system, for a report (nothing personal)."""
    info = {
        "application": app_version(),
        "os": platform.platform(terse=True),
        "python": sys.version.split()[0],
    }
    try:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        info["pyside6"] = pyside_version
        info["qt"] = qVersion()
    except ImportError:  # pragma: no cover - the GUI always has Qt
        pass
    return info


def _scrub_json(value: Any, names: frozenset[str], folders: tuple[Path, ...]) -> Any:
    if isinstance(value, dict):
        return {k: _scrub_json(v, names, folders) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub_json(v, names, folders) for v in value]
    if isinstance(value, str):
        return scrub(value, names, quoted=False, folders=folders)
    return value


def write_support_zip(
    paths: AppPaths,
    store: Any,
    dest: Path,
    *,
    self_test: Callable[[AppPaths], dict[str, Any]] | None = None,
) -> Path:
    """Write the support ZIP to ``dest`` and return it.

    Inside: ``LISEZMOI.txt``; ``status.json`` (versions and the store's counts, as
    ``status --json``); ``self-test.json`` (``mediator_app.cli.run_self_test`` unless
    ``self_test`` is given); ``logs/`` (every rotated log file). All of it scrubbed with the
    names ``store`` (an open ``Store``) knows. Raises ``StorageError`` when it cannot be
    written. Slow: run it off the GUI thread.
    """
    from mediator_app.core.errors import StorageError
    from mediator_app.local_store.db import StoreInfo
    from mediator_app.local_store.status import store_status

    if self_test is None:
        from mediator_app.cli import run_self_test

        self_test = run_self_test
    names = known_names(store)
    folders = (paths.data_dir,)
    tested = json.loads(json.dumps(self_test(paths), default=str))
    checked = tested.get("checks", {}).get("store", {})
    info = StoreInfo(
        path=paths.database,
        read_only=bool(checked.get("read_only")),
        read_only_reason=str(checked.get("read_only_reason") or ""),
        schema_revision=checked.get("schema_revision"),
        head_revision=str(checked.get("head_revision") or ""),
        migrated_from=None,
        backup_path=None,
        quick_check=str(checked.get("quick_check") or ""),
    )
    status = {"environment": environment(), **store_status(store, info).to_json()}
    partial = dest.with_name(dest.name + ".partiel")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("LISEZMOI.txt", _README.format(when=datetime.now(UTC).isoformat()))
            for name, data in (("status.json", status), ("self-test.json", tested)):
                archive.writestr(
                    name,
                    json.dumps(_scrub_json(data, names, folders), ensure_ascii=False, indent=2),
                )
            for log_file in _log_files(paths):
                text = log_file.read_text(encoding="utf-8", errors="replace")
                archive.writestr(f"logs/{log_file.name}", scrub(text, names, folders=folders))
        os.replace(partial, dest)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise StorageError(
            f"Le rapport pour le support n’a pas pu être écrit : {exc.strerror or exc}"
        ) from exc
    return dest


def _log_files(paths: AppPaths) -> list[Path]:
    if not paths.logs_dir.is_dir():
        return []
    prefix = paths.log_file.name
    return sorted(f for f in paths.logs_dir.iterdir() if f.is_file() and f.name.startswith(prefix))


_README = """Rapport pour le support de TNE Médiation ({when}).

Il contient le journal technique, les nombres d’éléments enregistrés et le résultat de
l’auto-test. Les noms, adresses e-mail, numéros de téléphone et dossiers personnels ont été
remplacés par <nom>, <e-mail>, <téléphone> et <dossier des données>.
"""
