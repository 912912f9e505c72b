"""``mediator-app``: the graphical application by default, headless sub-commands otherwise.

Headless commands never import Qt (``self-test`` only tries to, to check the French
translations), so they run on a server, over SSH or in CI. A ``KnownError`` prints its French
message on stderr and exits with code 2; a failed self-test exits with code 1.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from mediator_app.core.errors import KnownError, ReadOnlyStoreError, StorageError
from mediator_app.paths import AppPaths

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_KNOWN_ERROR = 2

log = logging.getLogger(__name__)

#: French names of the entities, for the human-readable ``status``.
ENTITY_LABELS = {
    "department": "Départements",
    "structure": "Lieux et structures",
    "actor": "Intervenants",
    "agreement_template": "Modèles de convention",
    "resource": "Ressources",
    "workshop": "Ateliers",
    "anonymous_counts": "Comptages anonymes",
    "participant": "Participants",
    "registration": "Inscriptions",
    "attendance": "Présences",
    "device": "Équipements",
    "connectivity_line": "Lignes de connexion",
    "handout": "Remises et prêts",
    "sync_conflict": "Conflits",
}


# --- argument parsing -------------------------------------------------------------------


def _uuid(value: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"identifiant invalide : {value!r}") from None


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"date invalide (AAAA-MM-JJ attendu) : {value!r}"
        ) from None


def _attach_flags(parser: argparse.ArgumentParser) -> None:
    """The answer to « Rattacher … au compte de … ? » (asked only for work typed offline)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--rattacher",
        dest="attach",
        action="store_const",
        const=True,
        help="envoyer avec ce compte ce qui a été saisi hors connexion",
    )
    group.add_argument(
        "--garder-a-part",
        dest="attach",
        action="store_const",
        const=False,
        help="garder à part ce qui a été saisi hors connexion (un nouveau dossier pour le compte)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mediator-app",
        description="TNE Médiation — ateliers, présences et prêts de matériel, même hors connexion.",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DOSSIER",
        help="dossier des données (par défaut : $MEDIATOR_DATA_DIR ou le dossier de l’utilisateur)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE")

    status = sub.add_parser("status", help="état des données locales et de la synchronisation")
    status.add_argument("--json", action="store_true", help="sortie JSON")

    demo = sub.add_parser("demo-data", help="remplir les données locales avec une démonstration")
    demo.add_argument("--seed", type=int, default=1, help="graine du générateur (défaut : 1)")
    demo.add_argument(
        "--scale",
        choices=("test", "demo", "bench"),
        default="demo",
        help="volume : test (minuscule), demo (~600 ateliers) ou bench (20 000 ateliers)",
    )

    backup = sub.add_parser("backup", help="copie de sauvegarde des données locales")
    backup.add_argument("--out", type=Path, metavar="FICHIER", help="fichier de destination")

    export = sub.add_parser("export-person", help="exporter les données d’une personne (RGPD)")
    export.add_argument("person_id", type=_uuid, metavar="ID")
    export.add_argument("--out", type=Path, required=True, metavar="FICHIER.json")

    purge = sub.add_parser(
        "purge-retention", help="anonymiser les personnes au-delà de la durée de conservation"
    )
    purge.add_argument("--today", type=_day, metavar="AAAA-MM-JJ", help="date de référence")

    sub.add_parser("self-test", help="vérifier l’installation et les données")

    login = sub.add_parser("login", help="se connecter au serveur TNE (une fois par poste)")
    login.add_argument("--server", required=True, metavar="URL", help="adresse du serveur")
    login.add_argument("--email", required=True, metavar="E-MAIL")
    _attach_flags(login)
    sub.add_parser("logout", help="se déconnecter (les modifications restent sur ce poste)")
    sync = sub.add_parser("sync", help="synchroniser maintenant avec le serveur")
    sync.add_argument("--json", action="store_true", help="sortie JSON")
    sync.add_argument(
        "--server",
        metavar="URL",
        help="se connecter d’abord à ce serveur (sinon celui de la dernière connexion)",
    )
    sync.add_argument("--email", metavar="E-MAIL", help="compte à utiliser pour se connecter")
    _attach_flags(sync)

    exp = sub.add_parser("export", help="exporter les ateliers, présences, matériel ou bilan")
    exp.add_argument(
        "--what",
        required=True,
        choices=("workshops", "attendance", "devices", "handouts", "bilan", "programme"),
    )
    exp.add_argument("--format", required=True, choices=("xlsx", "csv", "pdf"))
    exp.add_argument("--out", required=True, type=Path, metavar="FICHIER")
    exp.add_argument("--from", dest="date_from", type=_day, metavar="AAAA-MM-JJ")
    exp.add_argument("--to", dest="date_to", type=_day, metavar="AAAA-MM-JJ")
    return parser


# --- helpers ----------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    """Plain JSON for what services return (dataclasses, dates, UUIDs, paths, sets)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _jsonable(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_jsonable(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, UUID | Path):
        return str(value)
    return value


def _print_json(data: Any) -> None:
    print(json.dumps(_jsonable(data), ensure_ascii=False, indent=2, sort_keys=True))


def _progress(done: int, total: int, message: str) -> None:
    print(message or f"{done}/{total}", file=sys.stderr, flush=True)


def _open(paths: AppPaths, *, write: bool = False) -> tuple[Any, Any]:
    """The store in use in the data folder (one per account: ``sync.accounts``);
    ``write``: for a command that changes it, refused at once (French message) when the
    store is read-only (a read-only folder, or data of a newer version), before anything is
    tried.

    Raises:
        ReadOnlyStoreError, StorageError.
    """
    store, info = _open_in(paths, write=write)[1:]
    return store, info


def _open_in(paths: AppPaths, *, write: bool = False) -> tuple[Path, Any, Any]:
    """``_open``, with the folder of the store."""
    from mediator_app.sync.accounts import open_active

    paths.ensure()
    folder, store, info = open_active(paths)
    if write and info.read_only:
        store.engine.dispose()
        raise ReadOnlyStoreError(f"Commande impossible : {info.read_only_reason}")
    return folder, store, info


# --- commands ---------------------------------------------------------------------------


def _cmd_status(paths: AppPaths, args: argparse.Namespace) -> int:
    from mediator_app.local_store.status import store_status

    store, info = _open(paths)
    try:
        status = store_status(store, info)
    finally:
        store.engine.dispose()
    if args.json:
        _print_json({"data_dir": paths.data_dir, **status.to_json()})
        return EXIT_OK
    print(f"Dossier des données : {paths.data_dir}")
    for name, count in status.counts.items():
        print(f"  {ENTITY_LABELS.get(name, name)} : {count}")
    print(f"Modifications en attente de connexion : {status.pending_ops}")
    print(f"Modifications mises de côté : {status.parked_ops}")
    print(f"Éléments à traiter : {status.open_attention_items}")
    print(f"Schéma : {status.schema_revision} (attendu : {status.head_revision})")
    print(f"Dernière synchronisation : {status.last_sync_at or 'jamais'}")
    if status.read_only:
        print(f"Lecture seule : {status.read_only_reason}")
    return EXIT_OK


def _cmd_demo_data(paths: AppPaths, args: argparse.Namespace) -> int:
    from mediator_app.local_store import demo_data

    store, _info = _open(paths, write=True)
    try:
        report = demo_data.generate(store, seed=args.seed, scale=args.scale, progress=_progress)
    finally:
        store.engine.dispose()
    _print_json({"ok": not report.cancelled, **dataclasses.asdict(report)})
    return EXIT_OK


def _cmd_backup(paths: AppPaths, args: argparse.Namespace) -> int:
    from mediator_app.local_store.db import backup, quick_check
    from mediator_app.sync.accounts import AccountStores

    folder = AccountStores(paths).active_dir()  # the store in use: one per account
    database = folder / paths.database.name
    if not database.exists():
        raise StorageError(f"Aucune donnée à sauvegarder dans « {paths.data_dir} ».")
    out: Path = args.out or (
        folder / paths.backups_dir.name / f"manuelle-{datetime.now(UTC):%Y%m%d-%H%M%S}.sqlite3"
    )
    try:
        dest = backup(database, out.expanduser().absolute())
        check = quick_check(dest)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(f"La sauvegarde n’a pas pu être écrite : {exc}") from exc
    if check != "ok":
        raise StorageError("La copie de sauvegarde est endommagée ; réessayez.")
    _print_json({"ok": True, "backup": dest, "bytes": dest.stat().st_size})
    return EXIT_OK


def _cmd_export_person(paths: AppPaths, args: argparse.Namespace) -> int:
    from mediator_app.local_store.services.privacy import PrivacyService

    store, _info = _open(paths)
    try:
        exported = PrivacyService(store).export_person(args.person_id)
    finally:
        store.engine.dispose()
    out: Path = args.out.expanduser().absolute()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(
            json.dumps(_jsonable(exported), ensure_ascii=False, indent=2, sort_keys=True),
            encoding="utf-8",
        )
    except OSError as exc:
        raise StorageError(f"Le fichier d’export n’a pas pu être écrit : {exc}") from exc
    _print_json({"ok": True, "out": out})
    return EXIT_OK


def _cmd_purge_retention(paths: AppPaths, args: argparse.Namespace) -> int:
    from mediator_app.local_store.services.privacy import PrivacyService

    store, _info = _open(paths, write=True)
    try:
        outcome = PrivacyService(store).anonymise_expired(today=args.today)
    finally:
        store.engine.dispose()
    _print_json({"ok": True, "anonymised": outcome.value})
    return EXIT_OK


def _check_data_dir_writable(paths: AppPaths) -> dict[str, Any]:
    try:
        with tempfile.NamedTemporaryFile(dir=paths.data_dir, prefix=".ecriture-", delete=True):
            pass
    except OSError as exc:
        return {"ok": False, "error": str(exc)}
    return {"ok": True}


def _check_store(paths: AppPaths) -> dict[str, Any]:
    try:
        store, info = _open(paths)
    except KnownError as exc:
        return {"ok": False, "error": exc.message}
    try:
        with store.read() as conn:  # the store's own connection: read-only ones too
            integrity = "; ".join(str(r[0]) for r in conn.exec_driver_sql("PRAGMA integrity_check"))
            journal = str(conn.exec_driver_sql("PRAGMA journal_mode").scalar())
            quick = "; ".join(str(r[0]) for r in conn.exec_driver_sql("PRAGMA quick_check"))
    finally:
        store.engine.dispose()
    ok = (
        quick == "ok"
        and integrity == "ok"
        and not info.read_only
        and info.schema_revision == info.head_revision
    )
    return {
        "ok": ok,
        "path": info.path,
        "quick_check": quick,
        "integrity_check": integrity,
        "journal_mode": journal,
        "schema_revision": info.schema_revision,
        "head_revision": info.head_revision,
        "migrated_from": info.migrated_from,
        "read_only": info.read_only,
        "read_only_reason": info.read_only_reason,
    }


def _check_qt_translations() -> dict[str, Any]:
    try:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import QLibraryInfo, QTranslator
    except ImportError as exc:
        # A headless install without Qt can still sync and export: not a failure here.
        return {"ok": True, "skipped": True, "reason": f"PySide6 indisponible : {exc}"}
    from mediator_app.ui.i18n import check_catalogues

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    catalogue = folder / "qtbase_fr.qm"
    loaded = catalogue.exists() and QTranslator().load("qtbase_fr", str(folder))
    ours = check_catalogues()  # the interface's other languages (make i18n)
    return {
        "ok": bool(loaded) and all(c.loaded for c in ours),
        "pyside6": pyside_version,
        "translations_path": folder,
        "qtbase_fr": catalogue if catalogue.exists() else None,
        "app_catalogues": {c.language: c.path if c.loaded else None for c in ours},
    }


def _check_keyring() -> dict[str, Any]:
    try:
        import keyring
        from keyring.backends import fail
    except ImportError as exc:  # pragma: no cover - keyring is a hard dependency
        return {"ok": False, "error": str(exc)}
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__qualname__}"
    # Without a secure keyring the app still works: tokens stay in memory only.
    return {"ok": True, "backend": name, "secure": not isinstance(backend, fail.Keyring)}


def run_self_test(paths: AppPaths) -> dict[str, Any]:
    """Every check of ``self-test``, as JSON-ready data with an overall ``ok``."""
    paths.ensure()
    checks: dict[str, dict[str, Any]] = {
        "data_dir": {"path": paths.data_dir, **_check_data_dir_writable(paths)},
        "store": _check_store(paths),
        "qt_translations": _check_qt_translations(),
        "keyring": _check_keyring(),
    }
    return {
        "ok": all(bool(c.get("ok")) for c in checks.values()),
        "python": sys.version.split()[0],
        "checks": checks,
    }


def _cmd_self_test(paths: AppPaths, _args: argparse.Namespace) -> int:
    report = run_self_test(paths)
    _print_json(report)
    return EXIT_OK if report["ok"] else EXIT_FAILED


def _cmd_login(paths: AppPaths, args: argparse.Namespace) -> int:
    import getpass

    folder, store, _info = _open_in(paths, write=True)  # read-only refused before the prompt
    try:
        switcher = _switcher(paths, folder, store)
        plan = switcher.plan(args.server, args.email)
        attach = _attach_answer(plan, args)
        password = os.environ.get("MEDIATOR_PASSWORD") or getpass.getpass("Mot de passe : ")
        info = switcher.sign_in(plan, password, attach=attach)
    finally:
        store.engine.dispose()
    print(f"Connecté·e : {info.display_name or info.email} ({info.role}).")
    if info.store_dir is not None and info.store_dir != folder:
        print(
            "Ce compte a ses propres données sur ce poste : les prochaines commandes les utilisent."
        )
    if info.warning:
        print(info.warning, file=sys.stderr)
    return EXIT_OK


def _switcher(paths: AppPaths, folder: Path, store: Any) -> Any:
    from mediator_app.sync.accounts import AccountStores, StoreSwitcher

    return StoreSwitcher(AccountStores(paths), folder, store)


def _attach_answer(plan: Any, args: argparse.Namespace) -> bool:
    """« Rattacher » or « Garder à part », said on the command line when it is asked."""
    from mediator_app.core.errors import BusinessRuleError
    from mediator_app.sync.accounts import LoginRoute

    if plan.route is not LoginRoute.ASK:
        return False
    if args.attach is None:
        raise BusinessRuleError(
            f"{plan.question()} Relancez avec --rattacher pour les envoyer avec ce compte, "
            "ou --garder-a-part pour les laisser sur ce poste, à part (rien n’est perdu).",
            code="attach_question",
        )
    return bool(args.attach)


def _cmd_logout(paths: AppPaths, _args: argparse.Namespace) -> int:
    from mediator_app.sync.session import SessionManager

    store, _info = _open(paths, write=True)
    try:
        SessionManager(store).logout()
    finally:
        store.engine.dispose()
    print("Déconnecté·e. Les modifications non envoyées restent sur ce poste.")
    return EXIT_OK


def _cmd_sync(paths: AppPaths, args: argparse.Namespace) -> int:
    from mediator_app.local_store import open_local_store
    from mediator_app.sync.engine import SyncEngine
    from mediator_app.sync.session import SessionManager

    folder, store, _info = _open_in(paths, write=True)
    try:
        session = SessionManager(store)
        if args.server:
            # Sign in first, on the account's own store (sync.accounts): the folder in use
            # when it is this store's account, another one otherwise.
            signed = _sign_in_for_sync(session, args, _switcher(paths, folder, store))
            if signed is not None and signed != folder:
                store.engine.dispose()
                store, _info = open_local_store(signed)
                session = SessionManager(store)
        elif not session.is_signed_in():
            # No stored token (no keyring on this machine, or never signed in): sign in
            # within this run, with MEDIATOR_PASSWORD or a prompt.
            _sign_in_for_sync(session, args, None)
        engine = SyncEngine(store, session.client())
        report = engine.sync(progress=None if args.json else _sync_progress)
    finally:
        store.engine.dispose()
    if args.json:
        _print_json({"ok": True, **report.as_dict()})
        return EXIT_OK
    moved = (
        f"{report.pushed} modification(s) envoyée(s), {report.pulled} reçue(s), "
        f"{report.parked} mise(s) de côté, {report.conflicts} conflit(s)"
        + (f", {report.notices} avis à lire dans « À traiter »" if report.notices else "")
    )
    if report.complete:
        print(f"Synchronisé : {moved}.")
    else:
        # Never "Synchronisé" while the server still has pages for this laptop.
        print(f"Synchronisation incomplète : {moved} ; la suite au prochain essai.")
    if report.restored:
        print(
            f"Le serveur a été restauré depuis une sauvegarde : ce poste lui a renvoyé "
            f"{report.restored} fiche(s) ou modification(s) qu’il n’avait plus."
        )
    return EXIT_OK


def _sign_in_for_sync(session: Any, args: argparse.Namespace, switcher: Any) -> Path | None:
    """Sign in within this run; with ``switcher``, on the account's own store (its folder
    is returned)."""
    import getpass

    from mediator_app.core.errors import AuthenticationError

    known = session.account()
    server = args.server or (known[0] if known else None)
    email = args.email or (known[1] if known else None)
    if not server or not email:
        raise AuthenticationError(
            "Aucune connexion enregistrée sur ce poste : indiquez --server et --email "
            "(le mot de passe est demandé, ou lu dans MEDIATOR_PASSWORD)."
        )
    plan = switcher.plan(server, email) if switcher is not None else None
    attach = _attach_answer(plan, args) if plan is not None else False
    password = os.environ.get("MEDIATOR_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise AuthenticationError(
                "Ce poste ne garde pas la connexion (pas de trousseau sécurisé) : donnez le "
                "mot de passe dans la variable MEDIATOR_PASSWORD, ou lancez la commande "
                "dans un terminal pour le saisir."
            )
        password = getpass.getpass("Mot de passe : ")
    if switcher is not None:
        info = switcher.sign_in(plan, password, attach=attach)
    else:
        info = session.login(server, email, password)
    print(f"Connecté·e : {info.display_name or info.email}.", file=sys.stderr)
    return info.store_dir  # type: ignore[no-any-return]


def _sync_progress(stage: str, done: int, total: int) -> None:
    what = "envoi" if stage == "push" else "réception"
    print(f"{what} : {done}/{total}", file=sys.stderr, flush=True)


def _cmd_export(paths: AppPaths, args: argparse.Namespace) -> int:
    from mediator_app.reports.exporter import export

    store, _info = _open(paths)
    try:
        count = export(store, args.what, args.format, args.out, args.date_from, args.date_to)
    finally:
        store.engine.dispose()
    print(f"{count} ligne(s) exportée(s) dans {args.out}")
    return EXIT_OK


def _cmd_gui(paths: AppPaths, _args: argparse.Namespace) -> int:
    from mediator_app.ui import qt_platform

    problem = qt_platform.check()  # before Qt stops the process with an English message
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_KNOWN_ERROR
    from mediator_app.app import run  # the widgets are imported only here.

    return run(paths)


_COMMANDS: dict[str | None, Callable[[AppPaths, argparse.Namespace], int]] = {
    None: _cmd_gui,
    "status": _cmd_status,
    "demo-data": _cmd_demo_data,
    "backup": _cmd_backup,
    "export-person": _cmd_export_person,
    "purge-retention": _cmd_purge_retention,
    "self-test": _cmd_self_test,
    "login": _cmd_login,
    "logout": _cmd_logout,
    "sync": _cmd_sync,
    "export": _cmd_export,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``mediator-app``; returns the process exit code."""
    args = build_parser().parse_args(argv)
    paths = AppPaths.resolve(args.data_dir)
    if args.command is not None and not logging.getLogger().handlers:
        logging.basicConfig(
            level=os.environ.get("MEDIATOR_LOG_LEVEL", "WARNING").upper(),
            format="%(levelname)s %(name)s: %(message)s",
            stream=sys.stderr,
        )
    try:
        return _COMMANDS[args.command](paths, args)
    except KnownError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_KNOWN_ERROR
    except (OSError, sqlite3.Error, _db_errors()) as exc:
        # The disk or the file, not a bug of ours: a French sentence, never a traceback.
        log.info("storage failure: %s", type(exc).__name__)
        print(STORAGE_FAILED, file=sys.stderr)
        return EXIT_KNOWN_ERROR


STORAGE_FAILED = (
    "Les données locales n’ont pas pu être lues ou écrites (dossier en lecture seule, disque "
    "plein ou retiré ?). Rien n’a été perdu : vérifiez le dossier des données, puis réessayez."
)


def _db_errors() -> type[Exception]:
    """SQLAlchemy's wrapper of driver errors (imported late: headless commands stay light)."""
    from sqlalchemy.exc import DBAPIError

    return DBAPIError
