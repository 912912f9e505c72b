"""The ``mediator-app`` command line, in-process and as a real process."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from mediator_app.cli import main
from mediator_app.core.entities import ENTITIES, Participant, Workshop
from mediator_app.core.enums import Theme
from mediator_app.local_store import Store, open_local_store
from mediator_app.local_store.db import head_revision
from mediator_app.local_store.services.participants import ParticipantService
from mediator_app.local_store.services.workshops import WorkshopService

ROOT = Path(__file__).resolve().parents[2]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def test_self_test_in_process(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _err = _run(capsys, "--data-dir", str(data_dir), "self-test")
    report = json.loads(out)
    assert code == 0
    assert report["ok"] is True
    store = report["checks"]["store"]
    assert store["quick_check"] == "ok" and store["integrity_check"] == "ok"
    assert store["journal_mode"] == "wal"
    assert store["schema_revision"] == store["head_revision"] == head_revision()
    qt = report["checks"]["qt_translations"]
    assert qt["ok"] is True and qt["qtbase_fr"].endswith("qtbase_fr.qm")
    assert Path(qt["qtbase_fr"]).exists()
    keyring = report["checks"]["keyring"]
    assert keyring["backend"] == "mediator_app.sync.memory_keyring.MemoryKeyring"
    assert (data_dir / "mediation.sqlite3").exists()


def test_self_test_fails_on_a_newer_database(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    store, _ = open_local_store(data_dir)
    store.engine.dispose()
    con = sqlite3.connect(data_dir / "mediation.sqlite3")
    con.execute("UPDATE alembic_version SET version_num = 'zzzz_newer'")
    con.commit()
    con.close()
    code, out, _err = _run(capsys, "self-test")  # data dir from MEDIATOR_DATA_DIR
    report = json.loads(out)
    assert code == 1
    assert report["ok"] is False
    assert report["checks"]["store"]["read_only"] is True
    assert "lecture seule" in report["checks"]["store"]["read_only_reason"]


def test_self_test_as_a_real_process(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mediator_app", "--data-dir", str(tmp_path / "d"), "self-test"],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["ok"] is True
    assert report["checks"]["data_dir"]["path"] == str((tmp_path / "d").absolute())


def test_headless_commands_never_import_qt(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from mediator_app.cli import main\n"
        f"code = main(['--data-dir', {str(tmp_path / 'd')!r}, 'status', '--json'])\n"
        "assert 'PySide6' not in sys.modules, 'Qt was imported'\n"
        "sys.exit(code)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["read_only"] is False


def test_status_json_shape(
    capsys: pytest.CaptureFixture[str], store: Store, data_dir: Path
) -> None:
    svc = WorkshopService(store)
    for day in (5, 6):
        svc.create(
            Workshop(title="Atelier ENT", date=date(2026, 10, day), themes=(Theme.PARENTALITE,))
        )
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE outbox SET state = 'parked' WHERE client_seq = 1")
        conn.exec_driver_sql(
            "INSERT INTO sync_state (key, value) VALUES ('last_sync_at', "
            "'\"2026-10-06T08:30:00+00:00\"')"
        )
    store.engine.dispose()

    code, out, _err = _run(capsys, "--data-dir", str(data_dir), "status", "--json")
    assert code == 0
    status = json.loads(out)
    assert set(status) >= {
        "counts",
        "outbox",
        "open_attention_items",
        "schema",
        "read_only",
        "last_sync_at",
        "data_dir",
    }
    assert set(status["counts"]) == set(ENTITIES)
    assert status["counts"]["workshop"] == 2
    assert status["counts"]["participant"] == 0
    assert status["outbox"] == {"pending": 1, "parked": 1}
    assert status["open_attention_items"] == 0
    assert status["schema"] == {"revision": head_revision(), "head": head_revision()}
    assert status["read_only"] is False
    assert status["last_sync_at"] == "2026-10-06T08:30:00+00:00"


def test_status_human_readable_is_french(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, _err = _run(capsys, "--data-dir", str(data_dir), "status")
    assert code == 0
    assert "Ateliers : 0" in out
    assert "Dernière synchronisation : jamais" in out


def test_backup_writes_a_sound_copy(capsys: pytest.CaptureFixture[str], store: Store) -> None:
    WorkshopService(store).create(
        Workshop(title="Atelier", date=date(2026, 10, 5), themes=(Theme.EMAIL,))
    )
    code, out, _err = _run(capsys, "backup")
    assert code == 0
    result = json.loads(out)
    out_file = Path(result["backup"])
    assert out_file.parent.name == "backups"
    assert out_file.name.startswith("manuelle-")
    con = sqlite3.connect(out_file)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM workshop").fetchone()[0] == 1
    finally:
        con.close()


def test_backup_to_chosen_file(
    capsys: pytest.CaptureFixture[str], store: Store, tmp_path: Path
) -> None:
    target = tmp_path / "cle-usb" / "sauvegarde.sqlite3"
    code, out, _err = _run(capsys, "backup", "--out", str(target))
    assert code == 0
    assert json.loads(out)["backup"] == str(target)
    assert target.exists()


def test_known_error_prints_french_and_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = _run(capsys, "--data-dir", str(tmp_path / "vide"), "backup")
    assert code == 2
    assert out == ""
    assert err.startswith("Aucune donnée à sauvegarder")
    assert "Traceback" not in err


def test_damaged_store_is_a_known_error(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "mediation.sqlite3").write_bytes(b"\x00garbage" * 500)
    code, _out, err = _run(capsys, "status", "--json")
    assert code == 2
    assert "illisible" in err


def test_bad_arguments_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["purge-retention", "--today", "31/12/2026"])
    assert exc.value.code == 2
    assert "date invalide" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["export-person", "pas-un-uuid", "--out", "x.json"])


def test_export_person_then_purge_retention(
    capsys: pytest.CaptureFixture[str], store: Store, tmp_path: Path
) -> None:
    person = (
        ParticipantService(store)
        .create(Participant(first_name="Nadia", last_name="Belkacem", phone="06 12 34 56 78"))
        .value
    )
    target = tmp_path / "exports" / "nadia.json"
    code, out, _err = _run(capsys, "export-person", str(person.id), "--out", str(target))
    assert code == 0, _err
    assert json.loads(out)["out"] == str(target)
    exported = target.read_text(encoding="utf-8")
    assert "Belkacem" in exported and "+33612345678" in exported

    # Nothing is due yet; far in the future, the retention period is over.
    code, out, _err = _run(capsys, "purge-retention", "--today", date.today().isoformat())
    assert (code, json.loads(out)["anonymised"]) == (0, 0)
    code, out, _err = _run(capsys, "purge-retention", "--today", "2099-01-01")
    assert (code, json.loads(out)["anonymised"]) == (0, 1)
    again = ParticipantService(store).get(person.id)
    assert again is not None and again.anonymised and again.last_name == ""


def test_export_of_unknown_person_is_a_known_error(
    capsys: pytest.CaptureFixture[str], store: Store, tmp_path: Path
) -> None:
    code, _out, err = _run(
        capsys,
        "export-person",
        "00000000-0000-4000-8000-000000000000",
        "--out",
        str(tmp_path / "x.json"),
    )
    assert code == 2
    assert "n’existe plus" in err
    assert not (tmp_path / "x.json").exists()


def test_demo_data_fills_the_store_once(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, err = _run(capsys, "demo-data", "--seed", "2", "--scale", "test")
    assert code == 0, err
    report = json.loads(out)
    assert report["ok"] is True and report["seed"] == 2 and report["scale"] == "test"
    assert report["rows"]["workshop"] > 0
    assert "workshop" in err  # progress goes to stderr, the report to stdout

    code, out, _err = _run(capsys, "status", "--json")
    status = json.loads(out)
    assert status["counts"]["workshop"] == report["rows"]["workshop"]
    assert status["outbox"]["pending"] == report["pending_ops"] > 0

    code, out, err = _run(capsys, "demo-data", "--scale", "test")
    assert code == 2 and out == ""
    assert "déjà présentes" in err
