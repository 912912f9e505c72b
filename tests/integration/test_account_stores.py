"""One account per store on one laptop, against the real server (docs/architecture.md,
« Un compte, un magasin local »).

Every sign-in, sign-out and sync goes through ``mediator-app`` (``cli.main``) on one data
folder, as a mediator would from a terminal; what each person sees is read with the
services on the store the application opens at start (``open_active``).
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest

from mediator_app.cli import main
from mediator_app.core.entities import Participant
from mediator_app.local_store import Store, open_local_store, save_profile
from mediator_app.local_store.services.participants import ParticipantFilter, ParticipantService
from mediator_app.local_store.services.workshops import WorkshopFilter, WorkshopService
from mediator_app.paths import AppPaths
from mediator_app.sync.accounts import AccountStores, open_active
from tests.support.live_server import LiveServer
from tests.support.sync_checks import server_wire_rows
from tests.support.workload import new_workshop

PASSWORD = "correct-horse-42"
AMINA = "amina@asso-s1.test"
BRUNO = "bruno@centre-s2.test"


@pytest.fixture
def structures(server: LiveServer) -> tuple[uuid.UUID, uuid.UUID]:
    s1 = server.create_structure("Association Médiation 95")
    s2 = server.create_structure("Centre social Les Doucettes")
    server.create_user(AMINA, PASSWORD, "mediator", structure_id=s1, display_name="Amina")
    server.create_user(BRUNO, PASSWORD, "mediator", structure_id=s2, display_name="Bruno")
    return s1, s2


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDIATOR_PASSWORD", PASSWORD)


class _Opened:
    """The store the application opens at start on ``data_dir``, closed after use."""

    def __init__(self, data_dir: Path) -> None:
        self.paths = AppPaths(data_dir.absolute())

    def __enter__(self) -> Store:
        self.paths.ensure()
        _folder, self.store, _info = open_active(self.paths)
        return self.store

    def __exit__(self, *_exc: object) -> None:
        self.store.engine.dispose()


def _cli(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def _names(store: Store) -> set[str]:
    page = ParticipantService(store).search(ParticipantFilter(), limit=1000)
    found = {row.participant.last_name for row in page.rows}
    # The text search goes through the same rows: a name typed in the search box too.
    for name in ("Diallo", "Martin", "Nguyen", "Offline"):
        if ParticipantService(store).search(ParticipantFilter(text=name)).rows:
            found.add(name)
    return found


def _new_family(store: Store, last_name: str) -> uuid.UUID:
    result = ParticipantService(store).create(
        Participant(first_name="Fatou", last_name=last_name, phone="+33612345678")
    )
    return result.value.id


def _server_names(server: LiveServer, structure: uuid.UUID) -> set[str]:
    rows = server_wire_rows(server, "participant", structure_id=structure)
    return {str(r["last_name"]) for r in rows.values()}


def _parked(store: Store) -> int:
    from mediator_app.local_store.status import sync_status

    return sync_status(store).parked


def test_another_account_on_the_same_laptop_gets_its_own_store(
    server: LiveServer, structures: tuple[uuid.UUID, uuid.UUID], data_dir: Path, tmp_path: Path
) -> None:
    s1, s2 = structures
    # Amina (structure S1) signs in, types a family, syncs.
    assert _cli(data_dir, "login", "--server", server.base_url, "--email", AMINA) == 0
    with _Opened(data_dir) as store:
        diallo = _new_family(store, "Diallo")
        WorkshopService(store).create(new_workshop("Atelier Pronote"))
    assert _cli(data_dir, "sync") == 0
    assert _server_names(server, s1) == {"Diallo"}
    # She types one more family, and signs out before any sync.
    with _Opened(data_dir) as store:
        martin = _new_family(store, "Martin")
    assert _cli(data_dir, "logout") == 0

    # Bruno (structure S2) signs in on the same laptop, same data folder.
    assert _cli(data_dir, "login", "--server", server.base_url, "--email", BRUNO) == 0
    with _Opened(data_dir) as store:
        assert store.identity.structure_id == s2
        assert _names(store) == set(), "Bruno must see none of Amina's families"
        assert WorkshopService(store).list(WorkshopFilter()).total == 0
        assert WorkshopService(store).list(WorkshopFilter(text="Pronote")).total == 0
        nguyen = _new_family(store, "Nguyen")
    # Bruno's exports hold none of Amina's rows either.
    out = tmp_path / "presences.csv"
    assert (
        _cli(data_dir, "export", "--what", "attendance", "--format", "csv", "--out", str(out)) == 0
    )
    assert "Diallo" not in out.read_text(encoding="utf-8")
    assert _cli(data_dir, "sync") == 0
    with _Opened(data_dir) as store:
        assert _names(store) == {"Nguyen"}
        assert _parked(store) == 0
    assert _server_names(server, s2) == {"Nguyen"}
    assert _server_names(server, s1) == {"Diallo"}, "Bruno's sync never sent Amina's work"
    assert _cli(data_dir, "logout") == 0

    # Amina comes back: her store opens, and what she typed before signing out leaves now,
    # under her account, with nothing parked.
    assert _cli(data_dir, "login", "--server", server.base_url, "--email", AMINA) == 0
    with _Opened(data_dir) as store:
        assert store.identity.structure_id == s1
        assert _names(store) == {"Diallo", "Martin"}
    assert _cli(data_dir, "sync") == 0
    with _Opened(data_dir) as store:
        assert _parked(store) == 0
        assert _names(store) == {"Diallo", "Martin"}
    assert _server_names(server, s1) == {"Diallo", "Martin"}
    server_ids = set(server_wire_rows(server, "participant", structure_id=s1))
    assert {diallo, martin} <= server_ids
    assert nguyen in set(server_wire_rows(server, "participant", structure_id=s2))


def _offline_laptop(data_dir: Path) -> None:
    """« Continuer hors connexion », then a workshop and a family typed offline."""
    with _Opened(data_dir) as store:
        save_profile(
            store,
            {"display_name": "Amina", "structure_name": "Association", "role": "mediator"},
        )
        _new_family(store, "Offline")
        WorkshopService(store).create(new_workshop("Atelier hors connexion"))


def test_offline_work_is_attached_only_when_asked(
    server: LiveServer,
    structures: tuple[uuid.UUID, uuid.UUID],
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    s1, _s2 = structures
    _offline_laptop(data_dir)
    # Nothing moves without an answer: the question, in French, and no sign-in.
    assert _cli(data_dir, "login", "--server", server.base_url, "--email", AMINA) == 2
    err = capsys.readouterr().err
    assert f"Rattacher 1 atelier et 1 participant saisis hors connexion au compte de {AMINA}" in err
    assert "--garder-a-part" in err
    with _Opened(data_dir) as store:
        assert store.identity.structure_id is None
    assert (
        _cli(data_dir, "login", "--server", server.base_url, "--email", AMINA, "--rattacher") == 0
    )
    assert _cli(data_dir, "sync") == 0
    assert _server_names(server, s1) == {"Offline"}
    titles = {
        str(r["title"]) for r in server_wire_rows(server, "workshop", structure_id=s1).values()
    }
    assert titles == {"Atelier hors connexion"}
    with _Opened(data_dir) as store:
        assert _parked(store) == 0
    assert AccountStores(AppPaths(data_dir.absolute())).offline_dirs() == []


def test_offline_work_kept_apart_stays_on_the_laptop(
    server: LiveServer, structures: tuple[uuid.UUID, uuid.UUID], data_dir: Path
) -> None:
    s1, _s2 = structures
    _offline_laptop(data_dir)
    args = ("sync", "--server", server.base_url, "--email", AMINA, "--garder-a-part")
    assert _cli(data_dir, *args) == 0
    assert _server_names(server, s1) == set()
    with _Opened(data_dir) as store:  # the account's fresh store
        assert store.identity.structure_id == s1
        assert _names(store) == set()
    offline = AccountStores(AppPaths(data_dir.absolute())).offline_dirs()
    assert offline == [data_dir.absolute()]
    kept, _info = open_local_store(offline[0])
    try:
        assert _names(kept) == {"Offline"}
        assert kept.identity.structure_id is None
        assert WorkshopService(kept).list(WorkshopFilter()).total == 1
    finally:
        kept.engine.dispose()
    # A later sync of the account still sends none of it.
    assert _cli(data_dir, "sync") == 0
    assert _server_names(server, s1) == set()


def test_a_laptop_of_the_single_store_layout_keeps_its_data(
    server: LiveServer, structures: tuple[uuid.UUID, uuid.UUID], data_dir: Path
) -> None:
    s1, s2 = structures
    # Today's layout: the store at the root of the data folder, signed in, no index.
    store, _info = open_local_store(data_dir)
    try:
        from mediator_app.sync.engine import SyncEngine
        from mediator_app.sync.session import SessionManager

        session = SessionManager(store)
        session.login(server.base_url, AMINA, PASSWORD)
        _new_family(store, "Diallo")
        SyncEngine(store, session.client()).sync()
        _new_family(store, "Martin")  # waits in the outbox
    finally:
        store.engine.dispose()
    assert not (data_dir / "comptes.json").exists()

    # The new version starts on it: same store, same outbox, same sign-in.
    with _Opened(data_dir) as store:
        assert _names(store) == {"Diallo", "Martin"}
    assert _cli(data_dir, "sync") == 0
    assert _server_names(server, s1) == {"Diallo", "Martin"}
    # Another account then gets its own folder; the root store stays Amina's.
    assert _cli(data_dir, "login", "--server", server.base_url, "--email", BRUNO) == 0
    assert (data_dir / "mediation.sqlite3").exists()
    with _Opened(data_dir) as store:
        assert store.identity.structure_id == s2 and _names(store) == set()
    assert _cli(data_dir, "login", "--server", server.base_url, "--email", AMINA) == 0
    stores = AccountStores(AppPaths(data_dir.absolute()))
    assert stores.active_dir() == data_dir.absolute()
    with _Opened(data_dir) as store:
        assert _names(store) == {"Diallo", "Martin"}


def test_the_index_never_points_out_of_the_data_folder(data_dir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    data_dir.mkdir(parents=True)
    (data_dir / "comptes.json").write_text(
        '{"active": "../ailleurs", "accounts": {}}', encoding="utf-8"
    )
    assert AccountStores(AppPaths(data_dir.absolute())).active_dir() == data_dir.absolute()
    (data_dir / "comptes.json").write_bytes(b"{" * 300_000)
    assert AccountStores(AppPaths(data_dir.absolute())).active_dir() == data_dir.absolute()
    shutil.rmtree(elsewhere)


def test_copied_folders_follow_the_data_folder(data_dir: Path, tmp_path: Path) -> None:
    """The index holds relative folders: a data folder copied elsewhere (a backup) opens
    its own stores, never the original's."""
    paths = AppPaths(data_dir.absolute()).ensure()
    stores = AccountStores(paths)
    folder = stores.new_folder("https://tne.exemple.fr", AMINA)
    folder.mkdir(parents=True)
    stores.set_active(folder)
    copy = tmp_path / "copie"
    shutil.copytree(data_dir, copy)
    assert AccountStores(AppPaths(copy)).active_dir() == copy / folder.relative_to(data_dir)


def test_a_store_never_signs_in_another_account_of_its_server(
    server: LiveServer, structures: tuple[uuid.UUID, uuid.UUID], data_dir: Path
) -> None:
    """The last guard, under the route: a caller that signs Bruno in on Amina's store is
    refused before anything is saved, so her outbox never leaves with his tokens."""
    from mediator_app.core.errors import AuthenticationError
    from mediator_app.sync.session import SessionManager

    s1, _s2 = structures
    store, _info = open_local_store(data_dir)
    try:
        session = SessionManager(store)
        session.login(server.base_url, AMINA, PASSWORD)
        _new_family(store, "Martin")
        session.logout()
        with pytest.raises(AuthenticationError) as refused:
            SessionManager(store).login(server.base_url, BRUNO, PASSWORD)
        assert refused.value.code == "other_account"
        assert "autre compte" in refused.value.message
        assert store.identity.structure_id == s1
        assert SessionManager(store).account() == (server.base_url, AMINA)
        assert not SessionManager(store).is_signed_in()
    finally:
        store.engine.dispose()
    assert _server_names(server, s1) == set()
