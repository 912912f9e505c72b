"""The admin CLI: init-db, import-structures (bad rows reported), demo, create-user, templates."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from mediator_app.core.validation import uai_check_letter
from tests.server.helpers import Client
from tests.support.live_server import live_server, sqlite_url
from tne_api import models
from tne_api.cli import main
from tne_api.db import Database


def _count(url: str, entity: str) -> int:
    db = Database(url)
    try:
        with db.read() as conn:
            t = models.SYNCED[entity]
            return int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one())
    finally:
        db.dispose()


def test_import_structures_keeps_good_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_url(tmp_path / "cli.sqlite3")
    good1 = "0951399" + uai_check_letter("0951399")
    good2 = "0950935" + uai_check_letter("0950935")
    csv = tmp_path / "annuaire.csv"
    csv.write_text(
        "Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Nom_commune;"
        "Code_postal;Code_commune;Code_departement\n"
        f"{good1};Collège Jean Moulin;Collège;Argenteuil;95100;95018;095\n"
        "0951399Z;Collège à la mauvaise lettre;Collège;Argenteuil;95100;95018;095\n"
        f";Sans code;Ecole;Cergy;95000;95127;095\n"
        f"{good2};Collège Paul Éluard;Collège;Garges-lès-Gonesse;95140;95268;095\n"
        f"{good2[:-1]}X;;Collège;Garges;95140;95268;\n",
        encoding="utf-8",
    )
    assert main(["--database-url", url, "import-structures", str(csv)]) == 0
    out, err = capsys.readouterr()
    assert "2 structure(s) importée(s), 3 ligne(s) refusée(s)" in out
    assert "Ligne 3 : code UAI « 0951399Z » invalide." in err
    assert "Ligne 4 :" in err and "Ligne 6 :" in err and "nom manquant" in err
    assert _count(url, "structure") == 2
    # Re-importing updates, never duplicates.
    assert main(["--database-url", url, "import-structures", str(csv)]) == 0
    assert _count(url, "structure") == 2


def test_demo_then_login_and_pull(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = sqlite_url(tmp_path / "demo.sqlite3")
    assert main(["--database-url", url, "demo"]) == 0
    out = capsys.readouterr().out
    assert "mediatrice.argenteuil@demo.tne.fr" in out and "demo-tne-95-essai" in out
    assert main(["--database-url", url, "demo"]) == 0  # idempotent
    with live_server(url) as server:
        med = Client(server.base_url, "mediatrice.argenteuil@demo.tne.fr", "demo-tne-95-essai")
        med.pull_all()
        kinds = {e for (e, _) in med.state}
        assert {"department", "structure", "actor", "agreement_template"} <= kinds
        template = next(ch for (e, _), ch in med.state.items() if e == "agreement_template")
        assert len(template["data"]["text_sha256"]) == 64


def test_create_user_and_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = sqlite_url(tmp_path / "u.sqlite3")
    assert main(["--database-url", url, "demo"]) == 0
    uai = "0951399" + uai_check_letter("0951399")
    monkeypatch.setenv("TNE_API_PASSWORD", "un-mot-de-passe")
    args = [
        "--database-url",
        url,
        "create-user",
        "--email",
        "new@demo.tne.fr",
        "--role",
        "mediator",
    ]
    assert main([*args, "--structure-uai", uai, "--department", "95", "--name", "Nouvelle"]) == 0
    assert main([*args, "--structure-uai", uai, "--department", "95", "--name", "Doublon"]) == 1
    tpl = tmp_path / "convention.md"
    tpl.write_text("---\ntitle: Convention 2026\nversion: 3\n---\nTexte de la convention.\n")
    assert main(["--database-url", url, "create-agreement-template", str(tpl)]) == 0
    assert _count(url, "agreement_template") == 2
