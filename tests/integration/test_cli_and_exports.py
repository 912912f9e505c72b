"""Headless CLI against the real server: login, sync, status, exports read back."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from mediator_app.cli import main
from mediator_app.core.entities import Participant, Workshop
from mediator_app.core.enums import Gender, Theme, WorkshopFormat
from mediator_app.local_store import open_local_store
from mediator_app.local_store.services.attendance import AttendanceService
from mediator_app.local_store.services.exports import COOP_TEAM_COLUMNS
from mediator_app.local_store.services.participants import ParticipantService
from mediator_app.local_store.services.workshops import WorkshopService
from tests.support.live_server import live_server, sqlite_url
from tests.support.pdftext import pdf_text

PASSWORD = "correct-horse-42"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def _mediator_week(data_dir: Path) -> None:
    store, _ = open_local_store(data_dir)
    try:
        ws = WorkshopService(store)
        people = ParticipantService(store)
        for day, title, n_people, anon in (
            (3, "Café des parents Pronote", 3, 4),
            (10, "Atelier contrôle parental", 2, 0),
        ):
            w = ws.create(
                Workshop(
                    format=WorkshopFormat.CAFE_DES_PARENTS,
                    title=title,
                    date=date(2026, 11, day),
                    themes=(Theme.PARENTALITE,),
                    commune="Garges-lès-Gonesse",
                )
            ).value
            for i in range(n_people):
                p = people.create(
                    Participant(
                        first_name=f"Prénom{day}{i}",
                        last_name=f"Famille{day}{i}",
                        gender=Gender.FEMININ,
                    )
                ).value
                AttendanceService(store).mark(w.id, p.id)
            if anon:
                ws.set_anonymous_counts(w.id, total=anon, gender_male=2)
            ws.mark_held(w.id)
    finally:
        store.engine.dispose()


def test_login_sync_status_and_coordinator_exports(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    qapp: object,
) -> None:
    with live_server(sqlite_url(tmp_path / "server.sqlite3")) as server:
        s1 = server.create_structure("Collège Jean Moulin")
        server.create_user(
            "m@tne.test", PASSWORD, "mediator", structure_id=s1, display_name="Nadia Médiatrice"
        )
        server.create_user("c@tne.test", PASSWORD, "coordinator", display_name="Claire Coord")
        med, coord = tmp_path / "med", tmp_path / "coord"
        _mediator_week(med)  # offline, before any login

        monkeypatch.setenv("MEDIATOR_PASSWORD", "wrong")
        code, _ = _run(
            capsys,
            "--data-dir",
            str(med),
            "login",
            "--server",
            server.base_url,
            "--email",
            "m@tne.test",
        )
        assert code == 2  # French message on stderr, nothing else changes
        monkeypatch.setenv("MEDIATOR_PASSWORD", PASSWORD)
        assert (
            _run(
                capsys,
                "--data-dir",
                str(med),
                "login",
                "--server",
                server.base_url,
                "--email",
                "m@tne.test",
            )[0]
            == 0
        )
        code, out = _run(capsys, "--data-dir", str(med), "sync", "--json")
        assert code == 0
        report = json.loads(out)
        assert report["ok"] is True and report["pushed"] > 0 and report["parked"] == 0
        code, out = _run(capsys, "--data-dir", str(med), "status", "--json")
        status = json.loads(out)
        assert status["outbox"]["pending"] == 0 and status["last_sync_at"]

        assert (
            _run(
                capsys,
                "--data-dir",
                str(coord),
                "login",
                "--server",
                server.base_url,
                "--email",
                "c@tne.test",
            )[0]
            == 0
        )
        assert _run(capsys, "--data-dir", str(coord), "sync")[0] == 0

    xlsx = tmp_path / "activites.xlsx"
    code, _ = _run(
        capsys,
        "--data-dir",
        str(coord),
        "export",
        "--what",
        "workshops",
        "--format",
        "xlsx",
        "--out",
        str(xlsx),
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
    )
    assert code == 0
    values = [[c.value for c in r] for r in load_workbook(xlsx)["Activités"].iter_rows()]
    header_at = next(i for i, r in enumerate(values) if r[0] == "Date")
    assert tuple(values[header_at]) == COOP_TEAM_COLUMNS  # a coordinator's export
    data = values[header_at + 1 :]
    assert len(data) == 3 + 4 + 2  # identified + anonymous, one row per accompaniment
    mediator = [COOP_TEAM_COLUMNS.index(c) for c in ("Prénom du médiateur", "Nom du médiateur")]
    assert {tuple(r[i] for i in mediator) for r in data} == {("Nadia", "Médiatrice")}
    flat = " ".join(str(v) for r in values for v in r)
    assert not re.search(r"(Famille|Prénom)\d", flat)  # the participants' names

    csv_out = tmp_path / "ateliers.csv"
    assert (
        _run(
            capsys,
            "--data-dir",
            str(coord),
            "export",
            "--what",
            "workshops",
            "--format",
            "csv",
            "--out",
            str(csv_out),
        )[0]
        == 0
    )
    raw = csv_out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b";" in raw.splitlines()[0]
    assert "03/11/2026" in raw.decode("utf-8-sig")

    bilan = tmp_path / "bilan.pdf"
    assert (
        _run(
            capsys,
            "--data-dir",
            str(coord),
            "export",
            "--what",
            "bilan",
            "--format",
            "pdf",
            "--out",
            str(bilan),
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
        )[0]
        == 0
    )
    text = " ".join(pdf_text(bilan).split())
    assert "Bilan du volet parentalité" in text
    assert "Ateliers réalisés 2" in text
    assert "Parents touchés 9" in text
    assert "Famille" not in text


def test_cli_sync_signs_in_within_the_run_when_no_keyring_can_keep_the_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a machine without a Secret Service, ``login`` cannot outlive its process: ``sync``
    signs in itself (MEDIATOR_PASSWORD, or a French message saying how)."""
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        _sync_without_keyring(tmp_path, capsys, monkeypatch)
    finally:
        keyring.set_keyring(previous)


def _sync_without_keyring(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "laptop"
    with live_server(sqlite_url(tmp_path / "server.sqlite3")) as server:
        structure = server.create_structure("Collège Paul Éluard")
        server.create_user("m@tne.test", PASSWORD, "mediator", structure_id=structure)
        _mediator_week(data_dir)
        monkeypatch.setenv("MEDIATOR_PASSWORD", PASSWORD)
        code, _ = _run(
            capsys,
            "--data-dir",
            str(data_dir),
            "login",
            "--server",
            server.base_url,
            "--email",
            "m@tne.test",
        )
        assert code == 0
        # The documented headless flow: the next run has no token, and signs in itself.
        code, out = _run(capsys, "--data-dir", str(data_dir), "sync")
        assert code == 0, out
        assert "envoyée(s)" in out and "0 mise(s) de côté" in out
        # Without a password and without a terminal: a French message, nothing lost.
        monkeypatch.delenv("MEDIATOR_PASSWORD")
        monkeypatch.setattr("sys.stdin", io.StringIO())
        code = main(["--data-dir", str(data_dir), "sync"])
        err = capsys.readouterr().err
        assert code != 0
        assert "MEDIATOR_PASSWORD" in err and "Traceback" not in err
