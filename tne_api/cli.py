"""``tne-api``: the admin command line of the central API.

Every write goes through ``SyncService`` (the same path as pushes), so it bumps the counter
and reaches the clients by pull.
"""

from __future__ import annotations

import argparse
import getpass
import hashlib
import os
import sys
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from uuid import UUID

import sqlalchemy as sa

from mediator_app.core import school_directory
from mediator_app.core.entities import TNE_NAMESPACE, structure_id_for_uai
from mediator_app.core.enums import Role
from mediator_app.core.school_directory import normalise_department
from mediator_app.core.validation import uai_check_letter
from tne_api import models
from tne_api.auth import AuthService, NewUser, normalise_email
from tne_api.db import Database, init_db, new_epoch
from tne_api.service import SyncService
from tne_api.settings import Settings

#: The 12 T.N.E départements (DESIGN.md §1) and a few neighbours used by imports.
DEPARTMENTS: dict[str, str] = {
    "02": "Aisne",
    "13": "Bouches-du-Rhône",
    "18": "Cher",
    "25": "Doubs",
    "29": "Finistère",
    "2A": "Corse-du-Sud",
    "34": "Hérault",
    "38": "Isère",
    "86": "Vienne",
    "88": "Vosges",
    "95": "Val-d'Oise",
    "971": "Guadeloupe",
}


@dataclass
class ImportReport:
    """What an import did: rows written and French messages for the rows refused."""

    imported: int
    errors: list[str]


def import_structures(sync: SyncService, auth: AuthService, text: str) -> ImportReport:
    """Import structures from the national school directory's CSV text
    (``core.school_directory``). Bad rows are reported with their line number and skipped;
    good rows are kept.
    """
    parsed = school_directory.parse(text)
    imported = 0
    errors = list(parsed.errors)
    departments_seen: set[str] = set()
    for row in parsed.rows:
        try:
            if row.department not in departments_seen:
                auth.ensure_department(
                    row.department, DEPARTMENTS.get(row.department, f"Département {row.department}")
                )
                departments_seen.add(row.department)
            sync.server_upsert(
                "structure",
                structure_id_for_uai(row.uai),
                {
                    "name": row.name,
                    "kind": row.kind.value,
                    "uai": row.uai,
                    "commune": row.commune,
                    "postcode": row.postcode,
                    "insee_code": row.insee,
                    "department_code": row.department,
                    "proposed": False,
                },
            )
            imported += 1
        except ValueError as exc:
            errors.append(f"Ligne {row.line} : {exc}")
    return ImportReport(imported, errors)


def _uai(digits: str) -> str:
    return digits + uai_check_letter(digits)


#: Demo structures of the Val-d'Oise: (UAI digits, name, kind, commune, postcode, INSEE).
DEMO_STRUCTURES = (
    ("0951399", "Collège Jean Moulin", "college", "Argenteuil", "95100", "95018"),
    ("0950935", "Collège Paul Éluard", "college", "Garges-lès-Gonesse", "95140", "95268"),
    ("0951122", "École élémentaire Victor Hugo", "ecole", "Sarcelles", "95200", "95585"),
    ("", "Centre social Les Tilleuls", "centre_social", "Cergy", "95000", "95127"),
    ("", "Association Médiation 95", "association", "Cergy", "95000", "95127"),
    ("", "Association Les Connectés", "association", "Sarcelles", "95200", "95585"),
)

DEMO_PASSWORD = "demo-tne-95-essai"

# Placeholders are the client's ``{{name}}`` fields (local_store.services.handouts).
DEMO_TEMPLATE = """Convention de prêt de matériel informatique — Réussite Connectée

Entre {{structure}} et {{famille}}, responsable légal de {{eleve}} ({{niveau}}, {{etablissement}}).

{{structure}} remet à la famille, le {{date_remise}}, au titre d’un {{nature}} : {{equipements}}.
Accessoires : {{accessoires}}. Connexion : {{connexion}}.

Le matériel reste la propriété du Département. Il est destiné au travail scolaire de l’élève.
La famille s’engage à en prendre soin, à ne pas le céder et à le rendre en bon état
au plus tard le {{date_retour}}, ou dès que l’élève quitte l’établissement.
En cas de perte, de vol ou de panne, la famille prévient l’établissement sans attendre.

Signé par {{signataire}}, {{qualite}}.
"""


def create_demo(sync: SyncService, auth: AuthService) -> list[tuple[str, str, str]]:
    """A small populated Val-d'Oise; returns ``(role, email, password)`` of the accounts."""
    auth.ensure_department("95", DEPARTMENTS["95"])
    structures: list[UUID] = []
    for digits, name, kind, commune, postcode, insee in DEMO_STRUCTURES:
        uai = _uai(digits) if digits else None
        sid = structure_id_for_uai(uai) if uai else uuid.uuid5(TNE_NAMESPACE, f"demo:{name}")
        sync.server_upsert(
            "structure",
            sid,
            {
                "name": name,
                "kind": kind,
                "uai": uai,
                "commune": commune,
                "postcode": postcode,
                "insee_code": insee,
                "department_code": "95",
            },
        )
        structures.append(sid)
    accounts = [
        ("coordinator", "coordination95@demo.tne.fr", "Camille Coordination", None),
        # Partners deliver in schools: the mediators work for associations and hold their
        # workshops in the collèges and écoles above (docs/architecture.md, "Workshops").
        ("mediator", "mediatrice.argenteuil@demo.tne.fr", "Amina Médiatrice", structures[4]),
        ("mediator", "mediateur.garges@demo.tne.fr", "Karim Médiateur", structures[4]),
        ("mediator", "mediatrice.sarcelles@demo.tne.fr", "Léa Médiatrice", structures[5]),
        ("family_referent", "referente.cergy@demo.tne.fr", "Sophie Référente", structures[3]),
    ]
    out = []
    with sync.db.read() as conn:
        existing = {r[0] for r in conn.execute(sa.select(models.users.c.email))}
    for role, email, name, structure in accounts:
        if email not in existing:
            auth.create_user(
                NewUser(
                    email=email,
                    password=DEMO_PASSWORD,
                    role=Role(role),
                    display_name=name,
                    department_code="95",
                    structure_id=structure,
                )
            )
        out.append((role, email, DEMO_PASSWORD))
    create_agreement_template(
        sync,
        DEMO_TEMPLATE,
        title="Convention de prêt — Réussite Connectée",
        version=1,
        department_code="95",
        valid_from=date(2025, 9, 1),
    )
    return out


def create_agreement_template(
    sync: SyncService,
    text: str,
    *,
    title: str,
    version: int,
    department_code: str = "",
    language: str = "fr",
    valid_from: date | None = None,
) -> UUID:
    """Publish a *convention de prêt* template (id derived from title and version)."""
    tid = uuid.uuid5(TNE_NAMESPACE, f"agreement_template:{department_code}:{title}:{version}")
    sync.server_upsert(
        "agreement_template",
        tid,
        {
            "template_version": version,
            "title": title,
            "text": text,
            "language": language,
            "valid_from": valid_from.isoformat() if valid_from else None,
            "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
            "department_code": department_code,
        },
    )
    return tid


def parse_front_matter(raw: str) -> tuple[dict[str, str], str]:
    """``---``-delimited ``key: value`` front matter, and the text after it."""
    if not raw.startswith("---"):
        return {}, raw
    lines = raw.splitlines(keepends=True)
    meta: dict[str, str] = {}
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return meta, "".join(lines[i + 1 :]).lstrip("\n")
        if ":" in line:
            key, value = line.split(":", 1)
            meta[key.strip().lower()] = value.strip()
    return {}, raw


def _services(args: argparse.Namespace) -> tuple[Settings, Database, SyncService, AuthService]:
    settings = Settings.from_env()
    if args.database_url:
        settings = settings.with_(database_url=args.database_url)
    db = Database(settings.database_url)
    init_db(db)
    sync = SyncService(db, settings)
    return settings, db, sync, AuthService(sync, settings)


@dataclass(frozen=True)
class DeviceRow:
    """One registered device, as ``list-devices`` prints it."""

    client_id: UUID
    email: str
    device_name: str
    app_version: str
    last_seen_at: str
    revoked: bool


def list_devices(db: Database, email: str | None = None) -> list[DeviceRow]:
    """The registered devices (of the account ``email`` when given), most recently seen
    first: what the administrator revokes with ``revoke-device`` when an account has
    reached its most devices (``TNE_API_MAX_DEVICES_PER_USER``)."""
    sc, u = models.sync_client.c, models.users.c
    q = (
        sa.select(
            sc.client_id, u.email, sc.device_name, sc.app_version, sc.last_seen_at, sc.revoked
        )
        .join(models.users, u.id == sc.user_id)
        .order_by(sc.revoked, sc.last_seen_at.desc(), sc.created_at.desc())
    )
    if email:
        q = q.where(u.email == normalise_email(email))
    with db.read() as conn:
        rows = conn.execute(q).all()
    return [
        DeviceRow(
            client_id=UUID(str(r[0])),
            email=r[1],
            device_name=r[2] or "(sans nom)",
            app_version=r[3],
            last_seen_at=r[4].strftime("%d/%m/%Y %H:%M") if r[4] is not None else "jamais",
            revoked=bool(r[5]),
        )
        for r in rows
    ]


def _resolve_structure(db: Database, uai: str | None, structure_id: str | None) -> UUID | None:
    table = models.SYNCED["structure"]
    if structure_id:
        try:
            sid = UUID(structure_id)
        except ValueError:
            raise SystemExit(f"Identifiant de structure invalide : {structure_id}.") from None
        with db.read() as conn:
            found = conn.execute(
                sa.select(table.c.id).where(table.c.id == sid, table.c.deleted.is_(False))
            ).scalar()
        if found is None:
            raise SystemExit(
                f"Aucune structure avec l’identifiant {structure_id} : importez-la d’abord "
                "(import-structures) ou indiquez son code UAI (--structure-uai)."
            )
        return sid
    if not uai:
        return None
    with db.read() as conn:
        found = conn.execute(sa.select(table.c.id).where(table.c.uai == uai.upper())).scalar()
    if found is None:
        raise SystemExit(f"Aucune structure avec le code UAI {uai}.")
    return UUID(str(found))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``tne-api``."""
    parser = argparse.ArgumentParser(prog="tne-api", description="Administration de l’API T.N.E.")
    parser.add_argument("--database-url", help="URL de la base (sinon TNE_API_DATABASE_URL)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init-db", help="créer ou migrer la base")
    p = sub.add_parser("create-user", help="créer un compte")
    p.add_argument("--email", required=True)
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--structure-uai")
    p.add_argument("--structure-id")
    p.add_argument("--department", default="")
    p.add_argument("--name", required=True)
    p = sub.add_parser("import-structures", help="importer des structures (CSV de l’annuaire)")
    p.add_argument("file", type=Path)
    p = sub.add_parser("create-agreement-template", help="publier une convention de prêt")
    p.add_argument("file", type=Path)
    p.add_argument("--title")
    p.add_argument("--version", type=int)
    p.add_argument("--department", default="")
    p.add_argument("--language", default="fr")
    p = sub.add_parser("list-devices", help="lister les appareils enregistrés")
    p.add_argument("--email", help="seulement ceux de ce compte")
    p = sub.add_parser("revoke-device", help="révoquer un appareil")
    p.add_argument("client_id")
    sub.add_parser("new-epoch", help="après une restauration : forcer la resynchronisation")
    sub.add_parser("demo", help="créer un Val-d’Oise de démonstration")
    p = sub.add_parser("serve", help="lancer le serveur")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)

    settings, db, sync, auth = _services(args)
    try:
        return _run(args, settings, db, sync, auth)
    finally:
        db.dispose()


def _run(
    args: argparse.Namespace,
    settings: Settings,
    db: Database,
    sync: SyncService,
    auth: AuthService,
) -> int:
    cmd = args.command
    if cmd == "init-db":
        print("Base de données prête.")
        return 0
    if cmd == "create-user":
        password = os.environ.get("TNE_API_PASSWORD") or ""
        if not password:
            password = getpass.getpass("Mot de passe : ")
            if getpass.getpass("Confirmez : ") != password:
                print("Les mots de passe ne correspondent pas.", file=sys.stderr)
                return 1
        try:
            user = auth.create_user(
                NewUser(
                    email=args.email,
                    password=password,
                    role=Role(args.role),
                    display_name=args.name,
                    department_code=normalise_department(args.department),
                    structure_id=_resolve_structure(db, args.structure_uai, args.structure_id),
                )
            )
        except ValueError as exc:
            print(f"Erreur : {exc}", file=sys.stderr)
            return 1
        print(f"Compte créé (identifiant {user['actor_id']}).")
        return 0
    if cmd == "import-structures":
        report = import_structures(sync, auth, school_directory.decode(args.file.read_bytes()))
        for line in report.errors:
            print(line, file=sys.stderr)
        print(
            f"{report.imported} structure(s) importée(s), {len(report.errors)} ligne(s) refusée(s)."
        )
        return 0 if report.imported or not report.errors else 1
    if cmd == "create-agreement-template":
        meta, text = parse_front_matter(args.file.read_text(encoding="utf-8"))
        title = args.title or meta.get("title") or args.file.stem
        version = args.version or int(meta.get("version") or 1)
        tid = create_agreement_template(
            sync,
            text,
            title=title,
            version=version,
            department_code=normalise_department(args.department or meta.get("department", "")),
            language=args.language,
        )
        print(f"Convention publiée (identifiant {tid}, version {version}).")
        return 0
    if cmd == "list-devices":
        devices = list_devices(db, args.email)
        if not devices:
            print("Aucun appareil enregistré.")
            return 0
        for d in devices:
            state = "révoqué" if d.revoked else "actif"
            print(
                f"{d.client_id}  {state:8} {d.email:40} {d.device_name[:30]:30} "
                f"v{d.app_version:10} vu le {d.last_seen_at}"
            )
        active = sum(not d.revoked for d in devices)
        print(
            f"{active} appareil(s) actif(s) ; au plus {settings.max_devices_per_user} par "
            "compte. Révoquer : tne-api revoke-device <identifiant>."
        )
        return 0
    if cmd == "revoke-device":
        try:
            client_id = UUID(args.client_id)
        except ValueError:
            print(
                f"Identifiant d’appareil invalide : {args.client_id} (voir list-devices).",
                file=sys.stderr,
            )
            return 1
        if not auth.revoke_device(client_id):
            print("Appareil inconnu.", file=sys.stderr)
            return 1
        print("Appareil révoqué.")
        return 0
    if cmd == "new-epoch":
        print(f"Nouvelle époque : {new_epoch(db)}")
        return 0
    if cmd == "demo":
        accounts = create_demo(sync, auth)
        print("Démonstration Val-d’Oise (95) prête. Comptes :")
        for role, email, password in accounts:
            print(f"  {role:16} {email:40} {password}")
        return 0
    if cmd == "serve":
        return _serve(settings, args.host, args.port, args.workers)
    return 2


def _serve(settings: Settings, host: str, port: int, workers: int) -> int:
    if workers > 1:
        from tne_api import serving

        os.environ["TNE_API_DATABASE_URL"] = settings.database_url
        return serving.serve("tne_api.app:create_app_from_env", host, port, workers)
    import uvicorn

    from tne_api.app import create_app

    # The app reads X-Forwarded-For itself, from TNE_API_TRUSTED_PROXIES only
    # (tne_api.addresses): uvicorn must hand it the real TCP peer.
    uvicorn.run(create_app(settings), host=host, port=port, proxy_headers=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
