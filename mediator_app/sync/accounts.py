"""One account per store: which local store of the data folder each account uses.

A data folder holds one store per account (server address + e-mail). The store found at
the root of the folder (the layout of earlier versions) stays the store of the account that
already signed in to it, or the offline store when nobody has; every other account gets its
own sub-folder ``comptes/<key>/`` (store, backups, exports). ``comptes.json`` at the root
says which store opens at start and which folder belongs to which account; without it the
root store opens, as before, so an existing laptop keeps its data and its outbox untouched.

Signing in goes through ``plan_login`` then ``sign_in``: the account's own store is used,
never another account's, so an outbox is only ever pushed with its own account's tokens.
A store used « hors connexion » (a profile typed on this laptop, no account yet) that holds
local work is attached to the first account only when the person said so
(``LoginRoute.ASK``); kept apart, it stays in its folder and the account gets a fresh store.
See docs/architecture.md, « Un compte, un magasin local ».
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from mediator_app.core import texts
from mediator_app.core.errors import KnownError, StorageError
from mediator_app.local_store import Store, open_local_store
from mediator_app.local_store.schema import entity_tables, outbox
from mediator_app.local_store.state import get_state
from mediator_app.paths import AppPaths
from mediator_app.sync.api_client import check_server_url
from mediator_app.sync.session import SessionInfo, SessionManager

log = logging.getLogger(__name__)

INDEX_FILENAME = "comptes.json"
ACCOUNTS_DIRNAME = "comptes"
#: A peer-written file is bounded too: the index of a laptop is a few hundred bytes.
MAX_INDEX_BYTES = 256 * 1024
ROOT = "."


def account_key(server_url: str, email: str) -> str:
    """The identity of an account on this laptop: its server and its e-mail (case-folded)."""
    return f"{server_url.rstrip('/')}|{email.strip().lower()}"


def store_account(store: Store) -> str | None:
    """The account a store belongs to (``account_key``), None for an offline or new one."""
    with store.read() as conn:
        profile = get_state(conn, "profile", {}) or {}
    if profile.get("server_url") and profile.get("email"):
        return account_key(str(profile["server_url"]), str(profile["email"]))
    return None


@dataclass(frozen=True)
class LocalWork:
    """What was typed in a store and never reached a server."""

    workshops: int
    participants: int
    pending_ops: int

    @property
    def any(self) -> bool:
        return bool(self.workshops or self.participants or self.pending_ops)


def local_work(store: Store) -> LocalWork:
    """Workshops and participants never synced (live ones), and the ops waiting to leave."""
    counts: list[int] = []
    with store.read() as conn:
        for name in ("workshop", "participant"):
            t = entity_tables[name]
            counts.append(
                int(
                    conn.execute(
                        select(func.count())
                        .select_from(t)
                        .where(t.c.server_version == 0, t.c.deleted.is_(False))
                    ).scalar_one()
                )
            )
        pending = int(
            conn.execute(
                select(func.count())
                .select_from(outbox)
                .where(outbox.c.state.in_(("pending", "inflight")))
            ).scalar_one()
        )
    return LocalWork(counts[0], counts[1], pending)


@dataclass
class _Index:
    active: str = ROOT
    accounts: dict[str, str] = field(default_factory=dict)
    offline: list[str] = field(default_factory=list)


class AccountStores:
    """The stores of one data folder and the account each belongs to (``comptes.json``)."""

    def __init__(self, paths: AppPaths) -> None:
        self.paths = paths

    # --- the index ------------------------------------------------------------------

    @property
    def index_file(self) -> Path:
        return self.paths.data_dir / INDEX_FILENAME

    def _read(self) -> _Index:
        try:
            with self.index_file.open("rb") as fh:
                raw = fh.read(MAX_INDEX_BYTES + 1)
        except FileNotFoundError:
            return _Index()
        except OSError as exc:
            raise StorageError(
                texts.text(
                    "La liste des comptes de ce poste n’a pas pu être lue : vérifiez le dossier "
                    "des données, puis relancez TNE Médiation."
                )
            ) from exc
        try:
            if len(raw) > MAX_INDEX_BYTES:
                raise ValueError("too long")
            data = json.loads(raw.decode("utf-8"))
            index = _Index(
                active=self._relative(str(data.get("active", ROOT))),
                accounts={
                    str(k): self._relative(str(v))
                    for k, v in dict(data.get("accounts", {})).items()
                },
                offline=[self._relative(str(v)) for v in list(data.get("offline", []))],
            )
        except (ValueError, TypeError, AttributeError):
            # A damaged index: the root store opens (nothing is lost, sub-folders stay).
            log.warning("accounts index unreadable: the root store opens")
            return _Index()
        return index

    @staticmethod
    def _relative(value: str) -> str:
        """Only the root or a folder of ``comptes/``: never a path out of the data folder."""
        if value == ROOT:
            return ROOT
        parts = Path(value).parts
        if len(parts) == 2 and parts[0] == ACCOUNTS_DIRNAME and parts[1] not in ("..", "."):
            return f"{ACCOUNTS_DIRNAME}/{parts[1]}"
        raise ValueError("outside the data folder")

    def _write(self, index: _Index) -> None:
        data = {"active": index.active, "accounts": index.accounts, "offline": index.offline}
        tmp = self.index_file.with_suffix(".tmp")
        try:
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
            os.replace(tmp, self.index_file)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise StorageError(
                texts.text(
                    "La liste des comptes de ce poste n’a pas pu être enregistrée (dossier en "
                    "lecture seule, disque plein ?). Rien n’a été perdu."
                )
            ) from exc

    def _rel(self, folder: Path) -> str:
        folder = folder.absolute()
        if folder == self.paths.data_dir:
            return ROOT
        return self._relative(folder.relative_to(self.paths.data_dir).as_posix())

    def _abs(self, rel: str) -> Path:
        return self.paths.data_dir if rel == ROOT else self.paths.data_dir / rel

    # --- questions ------------------------------------------------------------------

    def active_dir(self) -> Path:
        """The folder of the store to open at start (the root one until another is used)."""
        return self._abs(self._read().active)

    def folder_of(self, server_url: str, email: str) -> Path | None:
        rel = self._read().accounts.get(account_key(server_url, email))
        return None if rel is None else self._abs(rel)

    def offline_dirs(self) -> list[Path]:
        """Stores used « hors connexion » and kept apart from any account."""
        return [self._abs(rel) for rel in self._read().offline]

    def new_folder(self, server_url: str, email: str) -> Path:
        """A folder no store uses yet for this account (``comptes/<key>``)."""
        digest = hashlib.sha256(account_key(server_url, email).encode("utf-8")).hexdigest()
        base = self.paths.data_dir / ACCOUNTS_DIRNAME
        for n in range(1000):
            candidate = base / (digest[:16] if n == 0 else f"{digest[:16]}-{n}")
            if not (candidate / "mediation.sqlite3").exists():
                return candidate
        raise StorageError(texts.text("Trop de dossiers de comptes sur ce poste."))

    # --- changes --------------------------------------------------------------------

    def remember(self, folder: Path, store: Store, *, active: bool | None = None) -> None:
        """Record whom the store of ``folder`` belongs to (an account, or nobody yet), and
        make it the one opened at start when ``active``."""
        index = self._read()
        rel = self._rel(folder)
        key = store_account(store)
        changed = False
        if key is not None:
            if index.accounts.get(key) != rel:
                index.accounts[key] = rel
                changed = True
            if rel in index.offline:
                index.offline.remove(rel)
                changed = True
        if active and index.active != rel:
            index.active = rel
            changed = True
        if changed or (active and not self.index_file.exists()):
            self._write(index)

    def keep_apart(self, folder: Path) -> None:
        """The offline store of ``folder`` stays on its own, listed to be opened again."""
        index = self._read()
        rel = self._rel(folder)
        if rel not in index.offline:
            index.offline.append(rel)
            self._write(index)

    def set_active(self, folder: Path) -> None:
        index = self._read()
        rel = self._rel(folder)
        if index.active != rel:
            index.active = rel
            self._write(index)


class LoginRoute(Enum):
    HERE = "here"  # this store is the account's (or a new, empty one)
    OTHER_STORE = "other_store"  # the account has (or gets) its own store
    ASK = "ask"  # an offline store with local work: attach it, or keep it apart


@dataclass(frozen=True)
class LoginPlan:
    route: LoginRoute
    server_url: str
    email: str
    #: The store used when not here (and when offline work is kept apart).
    target: Path | None
    work: LocalWork

    def question(self) -> str:
        """The French question of ``LoginRoute.ASK`` (the command line's; the window
        words it the same way, through its translations)."""
        return attach_question(self.work, self.email)


def attach_question(work: LocalWork, who: str) -> str:
    """« Rattacher les 3 ateliers et 12 participants saisis hors connexion au compte de … ? »

    One template per case (singular « 1 atelier … saisi », plural « les 3 ateliers »): a
    translation cannot re-do the French agreement."""
    w, p = work.workshops, work.participants
    if not (w or p):
        return texts.text(
            "Rattacher les modifications saisies hors connexion au compte de {who}\u00a0?",
            who=who,
        )
    if w and p:
        if w == 1 and p == 1:
            return texts.text(
                "Rattacher 1 atelier et 1 participant saisis hors connexion au compte de "
                "{who}\u00a0?",
                who=who,
            )
        if w == 1:
            return texts.text(
                "Rattacher 1 atelier et {participants} participants saisis hors connexion au "
                "compte de {who}\u00a0?",
                participants=p,
                who=who,
            )
        if p == 1:
            return texts.text(
                "Rattacher les {workshops} ateliers et 1 participant saisis hors connexion au "
                "compte de {who}\u00a0?",
                workshops=w,
                who=who,
            )
        return texts.text(
            "Rattacher les {workshops} ateliers et {participants} participants saisis hors "
            "connexion au compte de {who}\u00a0?",
            workshops=w,
            participants=p,
            who=who,
        )
    if w == 1:
        return texts.text(
            "Rattacher 1 atelier saisi hors connexion au compte de {who}\u00a0?", who=who
        )
    if w:
        return texts.text(
            "Rattacher les {workshops} ateliers saisis hors connexion au compte de {who}\u00a0?",
            workshops=w,
            who=who,
        )
    if p == 1:
        return texts.text(
            "Rattacher 1 participant saisi hors connexion au compte de {who}\u00a0?", who=who
        )
    return texts.text(
        "Rattacher les {participants} participants saisis hors connexion au compte de {who}\u00a0?",
        participants=p,
        who=who,
    )


class StoreSwitcher:
    """Sign-in that follows « un compte, un magasin » for the store of ``folder``."""

    def __init__(
        self, stores: AccountStores, folder: Path, store: Store, **client_options: Any
    ) -> None:
        self.stores = stores
        self.folder = folder.absolute()
        self.store = store
        self.client_options = client_options

    def plan(self, server_url: str, email: str) -> LoginPlan:
        """Where ``email`` on ``server_url`` signs in (reads the store: database lane).

        Raises:
            KnownError: the server address is not acceptable.
        """
        server_url = check_server_url(server_url)
        email = email.strip()
        key = account_key(server_url, email)
        owner = store_account(self.store)
        known = self.stores.folder_of(server_url, email)
        nothing = LocalWork(0, 0, 0)
        if owner == key:
            return LoginPlan(LoginRoute.HERE, server_url, email, None, nothing)
        target = known if known is not None and known != self.folder else None
        if owner is not None:
            target = target or self.stores.new_folder(server_url, email)
            return LoginPlan(LoginRoute.OTHER_STORE, server_url, email, target, nothing)
        with self.store.read() as conn:
            profile = get_state(conn, "profile", {}) or {}
        work = local_work(self.store)
        if target is not None:
            # The account already has its store here: it opens; offline work, if any, stays
            # apart (listed, to be opened again), never merged behind anyone's back.
            return LoginPlan(LoginRoute.OTHER_STORE, server_url, email, target, work)
        if profile and work.any:
            target = self.stores.new_folder(server_url, email)
            return LoginPlan(LoginRoute.ASK, server_url, email, target, work)
        return LoginPlan(LoginRoute.HERE, server_url, email, None, work)

    def sign_in(self, plan: LoginPlan, password: str, *, attach: bool = False) -> SessionInfo:
        """Sign in on the store the plan names; ``attach``: the answer to ``ASK``
        (« Rattacher »). The store signed in becomes the one opened at start; its folder is
        ``info.store_dir``.

        Raises:
            AuthenticationError, NetworkUnavailableError, KnownError.
        """
        here = plan.route is LoginRoute.HERE or (plan.route is LoginRoute.ASK and attach)
        if here:
            info = SessionManager(self.store, **self.client_options).login(
                plan.server_url, plan.email, password
            )
            self.stores.remember(self.folder, self.store, active=True)
            info.store_dir = self.folder
            log.info("signed in on the store in use (route %s)", plan.route.value)
            return info
        assert plan.target is not None
        folder = plan.target
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                texts.text(
                    "Le dossier du compte ne peut pas être créé dans le dossier des données."
                )
            ) from exc
        store, info_open = open_local_store(folder)
        try:
            if info_open.read_only:
                raise KnownError(info_open.read_only_reason, code="read_only")
            info = SessionManager(store, **self.client_options).login(
                plan.server_url, plan.email, password
            )
            if plan.route is LoginRoute.ASK or plan.work.any:
                self.stores.keep_apart(self.folder)
            self.stores.remember(self.folder, self.store)
            self.stores.remember(folder, store, active=True)
        finally:
            store.engine.dispose()
        info.store_dir = folder
        log.info("signed in on the account's own store (route %s)", plan.route.value)
        return info


def open_active(paths: AppPaths, **open_options: Any) -> tuple[Path, Store, Any]:
    """The folder, store and ``StoreInfo`` of the store to open at start, its owner
    recorded (a store of the earlier layout is adopted as it is)."""
    stores = AccountStores(paths)
    folder = stores.active_dir()
    if folder != paths.data_dir:
        folder.mkdir(parents=True, exist_ok=True)
    store, info = open_local_store(folder, **open_options)
    if not info.read_only:
        with contextlib.suppress(StorageError):  # a read-only index: open all the same
            stores.remember(folder, store)
    return folder, store, info
