"""Account passwords (length, common ones, the e-mail) and the admin CLI's French refusals."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.live_server import sqlite_url
from tne_api.cli import main, structure_id_for_uai
from tne_api.passwords import (
    IS_EMAIL,
    TOO_COMMON,
    TOO_SHORT,
    TOO_SIMPLE,
    common_passwords,
    password_problem,
)

EMAIL = "amina.kaci@tne.test"


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("court-11car", TOO_SHORT),
        ("password1234", TOO_COMMON),
        ("Azertyuiop123!", TOO_COMMON),
        ("mot-de-passe-2026", TOO_COMMON),
        ("  motdepasse  12", TOO_COMMON),
        ("123456789012", TOO_SIMPLE),
        ("aaaaaaaaaaaaaa", TOO_SIMPLE),
        ("abcdabcdabcd", TOO_SIMPLE),
        (EMAIL, IS_EMAIL),
        (EMAIL.upper(), IS_EMAIL),
        ("amina.kaci2026!", IS_EMAIL),
        ("correct-horse-42", None),
        ("trois mots au hasard", None),
        ("Médiation-du-jeudi-soir", None),
    ],
)
def test_password_policy(password: str, problem: str | None) -> None:
    assert password_problem(password, EMAIL) == problem


def test_the_bundled_list_is_there_and_lower_case() -> None:
    words = common_passwords()
    assert len(words) > 150
    assert {"123456", "password", "azerty", "motdepasse", "soleil"} <= words
    assert all(w == w.lower() for w in words)


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TNE_API_ARGON2_TIME_COST", "1")
    monkeypatch.setenv("TNE_API_ARGON2_MEMORY_KIB", "1024")
    yield


def _create_user(url: str, *extra: str) -> int:
    return main(
        [
            "--database-url",
            url,
            "create-user",
            "--email",
            EMAIL,
            "--role",
            "mediator",
            "--department",
            "95",
            "--name",
            "Amina",
            *extra,
        ]
    )


def test_create_user_refuses_weak_passwords_in_french(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    cli_env: None,
) -> None:
    url = sqlite_url(tmp_path / "cli.sqlite3")
    assert main(["--database-url", url, "demo"]) == 0
    capsys.readouterr()
    structure = "--structure-uai", "0951399E"
    for password, words in (
        ("court", "au moins 12 caractères"),
        ("azertyuiop123", "trop courant"),
        (EMAIL, "adresse e-mail"),
    ):
        monkeypatch.setenv("TNE_API_PASSWORD", password)
        assert _create_user(url, *structure) == 1
        err = capsys.readouterr().err
        assert err.startswith("Erreur : ") and words in err, err
    monkeypatch.setenv("TNE_API_PASSWORD", "trois mots au hasard")
    assert _create_user(url, *structure) == 0
    assert "Compte créé" in capsys.readouterr().out


def test_create_user_refuses_a_structure_id_that_does_not_exist(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    cli_env: None,
) -> None:
    url = sqlite_url(tmp_path / "cli.sqlite3")
    assert main(["--database-url", url, "init-db"]) == 0
    monkeypatch.setenv("TNE_API_PASSWORD", "trois mots au hasard")
    missing = "5d2e0c3a-0000-4000-8000-000000000000"
    with pytest.raises(SystemExit) as exc:
        _create_user(url, "--structure-id", missing)
    assert f"Aucune structure avec l’identifiant {missing}" in str(exc.value.code)
    with pytest.raises(SystemExit) as exc:
        _create_user(url, "--structure-id", "pas-un-identifiant")
    assert "Identifiant de structure invalide" in str(exc.value.code)
    # An existing one is accepted.
    assert main(["--database-url", url, "demo"]) == 0
    existing = str(structure_id_for_uai("0951399E"))
    assert _create_user(url, "--structure-id", existing) == 0
