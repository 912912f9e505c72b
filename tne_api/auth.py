"""Accounts, opaque tokens and login rate limiting.

Tokens are ``secrets.token_urlsafe`` strings; only their SHA-256 is stored. Failed logins are
counted in the database (so the limit holds across workers). Nothing here logs an email, a
name, a password or a token.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import uuid
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import cache
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.engine import RowMapping

from mediator_app.core.entities import department_id
from mediator_app.core.enums import Role
from tne_api import models
from tne_api.db import as_utc, utcnow
from tne_api.errors import NotAuthenticated, TooManyAttempts
from tne_api.passwords import password_problem
from tne_api.principal import Principal
from tne_api.service import SyncService, audit
from tne_api.settings import Settings

log = logging.getLogger(__name__)

BAD_CREDENTIALS = "Adresse e-mail ou mot de passe incorrect."
TOO_MANY = "Trop de tentatives de connexion : réessayez dans quelques minutes."
SESSION_EXPIRED = "Votre session a expiré : reconnectez-vous."
OTHER_DEVICE = "Cette session a été ouverte sur un autre poste : reconnectez-vous depuis celui-ci."


def token_hash(token: str) -> str:
    """SHA-256 (hex) of an opaque token: what the database keeps."""
    return hashlib.sha256(token.encode()).hexdigest()


def account_hash(email: str) -> str:
    """SHA-256 of a normalised email, to count failed logins without storing the address."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def normalise_email(email: str) -> str:
    """Lower-cased, trimmed email."""
    return email.strip().lower()


@dataclass(frozen=True)
class NewUser:
    """What ``create_user`` needs.

    Attributes:
        email: Login (unique, case-insensitive).
        password: Clear password (hashed with argon2id, never stored).
        role: Role of the account.
        display_name: Name shown to colleagues.
        department_code: Département ("95"); "" for a national admin.
        structure_id: Structure (required for mediators and family referents).
    """

    email: str
    password: str
    role: Role
    display_name: str
    department_code: str = ""
    structure_id: UUID | None = None


class AuthService:
    """Login, refresh, logout, token checks and account creation.

    Args:
        sync: The sync service (actor rows are synced reference data).
        settings: Server settings.
    """

    def __init__(self, sync: SyncService, settings: Settings) -> None:
        self.sync = sync
        self.db = sync.db
        self.settings = settings
        self._hasher = PasswordHasher(
            time_cost=settings.argon2_time_cost,
            memory_cost=settings.argon2_memory_kib,
            parallelism=1,
        )
        # Verified when the account does not exist, so both cases take the same time.
        self._dummy_hash = self._hasher.hash(secrets.token_urlsafe(16))

    # --- accounts -------------------------------------------------------------------

    def create_user(self, new: NewUser) -> dict[str, Any]:
        """Create an account and its public ``actor`` row.

        Returns:
            ``{"user_id", "actor_id", "email", "role"}``.

        Raises:
            ValueError: bad input or email already used (French message).
        """
        email = normalise_email(new.email)
        if "@" not in email:
            raise ValueError("Adresse e-mail invalide.")
        problem = password_problem(new.password, email)
        if problem:
            raise ValueError(problem)
        if new.role in (Role.MEDIATOR, Role.FAMILY_REFERENT) and new.structure_id is None:
            raise ValueError(
                "Un·e médiateur·rice ou référent·e doit être rattaché·e à une structure."
            )
        if new.role is not Role.ADMIN and not new.department_code:
            raise ValueError("Indiquez le département du compte.")
        with self.db.read() as conn:
            if conn.execute(
                sa.select(models.users.c.id).where(models.users.c.email == email)
            ).first():
                raise ValueError("Un compte existe déjà avec cette adresse e-mail.")
            if new.structure_id is not None:
                st = models.SYNCED["structure"].c
                found = conn.execute(
                    sa.select(st.id).where(st.id == new.structure_id, st.deleted.is_(False))
                ).first()
                if found is None:
                    raise ValueError(f"Aucune structure avec l’identifiant {new.structure_id}.")
        user_id, actor_id = uuid.uuid4(), uuid.uuid4()
        self.sync.server_upsert(
            "actor",
            actor_id,
            {
                "display_name": new.display_name,
                "role": new.role.value,
                "structure_id": str(new.structure_id) if new.structure_id else None,
                "department_code": new.department_code,
            },
        )
        with self.db.write() as conn:
            conn.execute(
                models.users.insert().values(
                    id=user_id,
                    email=email,
                    password_hash=self._hasher.hash(new.password),
                    role=new.role.value,
                    display_name=new.display_name,
                    structure_id=new.structure_id,
                    department_code=new.department_code,
                    actor_id=actor_id,
                    active=True,
                    created_at=utcnow(),
                )
            )
            audit(conn, _principal_of_ids(user_id, actor_id, new), None, "user_created")
        return {"user_id": user_id, "actor_id": actor_id, "email": email, "role": new.role}

    def ensure_department(self, code: str, name: str) -> None:
        """Create the ``department`` reference row if it is missing."""
        with self.db.read() as conn:
            table = models.SYNCED["department"]
            if conn.execute(sa.select(table.c.id).where(table.c.code == code)).first():
                return
        self.sync.server_upsert("department", department_id(code), {"code": code, "name": name})

    # --- login ----------------------------------------------------------------------

    def login(
        self, email: str, password: str, device_id: str | None, address: str
    ) -> dict[str, Any]:
        """Check credentials and issue tokens.

        The attempt is counted *before* the password is checked (``_reserve``), as a
        failure that a right password turns into a success afterwards: parallel guesses
        all count, so no more than the limit ever reach the password check.

        Raises:
            NotAuthenticated: wrong credentials; TooManyAttempts: too many failures (with Retry-After).
        """
        email = normalise_email(email)
        attempt = self._reserve(account_hash(email), address[:64])
        with self.db.read() as conn:
            user = (
                conn.execute(sa.select(models.users).where(models.users.c.email == email))
                .mappings()
                .first()
            )
        ok = False
        try:
            ok = self._hasher.verify(user["password_hash"] if user else self._dummy_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        ok = ok and user is not None and bool(user["active"])
        if not ok or user is None:
            log.info("login refused")
            raise _Refused()
        with self.db.write() as conn:
            la = models.login_attempt.c
            conn.execute(
                sa.update(models.login_attempt).where(la.id == attempt).values(success=True)
            )
            return self._issue(conn, user, device_id)

    def _reserve(self, account: str, address: str) -> int:
        """Count this attempt as a failure now, unless the account or the address already
        has its limit of failures in the window (429). Returns the attempt's id.

        Check and insert are one transaction that holds the lock of both counters
        (SQLite: ``BEGIN IMMEDIATE``, one writer at a time; PostgreSQL: transaction
        advisory locks taken in a fixed order), so two attempts never both see the last
        free place.
        """
        la = models.login_attempt.c
        window = self.settings.login_window_s
        with self.db.write() as conn:
            if not self.db.is_sqlite:
                for key in sorted({_lock_key("account", account), _lock_key("address", address)}):
                    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(key)))
            now = utcnow()  # once the lock is held: no attempt counted later is older
            since = now - timedelta(seconds=window)
            for column, value, limit in (
                (la.account_hash, account, self.settings.login_max_per_account),
                (la.address, address, self.settings.login_max_per_address),
            ):
                count, oldest = conn.execute(
                    sa.select(sa.func.count(), sa.func.min(la.at)).where(
                        column == value, la.success.is_(False), la.at > since
                    )
                ).one()
                if count >= limit:
                    wait = window
                    if oldest is not None:
                        elapsed = (now - as_utc(oldest)).total_seconds()
                        wait = min(window, max(1, int(window - elapsed) + 1))
                    raise TooManyAttempts(TOO_MANY, headers={"Retry-After": str(wait)})
            inserted = conn.execute(
                models.login_attempt.insert().values(
                    at=now, account_hash=account, address=address, success=False
                )
            )
            pk = inserted.inserted_primary_key
            assert pk is not None
            return int(pk[0])

    def _issue(
        self,
        conn: sa.Connection,
        user: RowMapping,
        device_id: str | None,
        client_id: UUID | None = None,
        *,
        family: str | None = None,
    ) -> dict[str, Any]:
        """A new access token and a new refresh token, in ``conn``'s transaction.

        ``family`` is the family of the refresh token being replaced (a refresh); a login
        starts a new family.
        """
        now = utcnow()
        access = secrets.token_urlsafe(32)
        refresh = secrets.token_urlsafe(48)
        refresh_hash = token_hash(refresh)
        if client_id is None and device_id:
            sc = models.sync_client.c
            client_id = conn.execute(
                sa.select(sc.client_id).where(sc.user_id == user["id"], sc.device_id == device_id)
            ).scalar()
        conn.execute(
            models.refresh_token.insert().values(
                token_hash=refresh_hash,
                user_id=user["id"],
                device_id=device_id,
                client_id=client_id,
                expires_at=now + timedelta(seconds=self.settings.refresh_ttl_s),
                revoked=False,
                created_at=now,
                family_id=family or refresh_hash,
                rotated_at=None,
            )
        )
        conn.execute(
            models.access_token.insert().values(
                token_hash=token_hash(access),
                user_id=user["id"],
                refresh_hash=refresh_hash,
                client_id=client_id,
                device_id=device_id,
                expires_at=now + timedelta(seconds=self.settings.access_ttl_s),
                revoked=False,
                created_at=now,
            )
        )
        return {
            "access_token": access,
            "refresh_token": refresh,
            "token_type": "bearer",
            "expires_in": self.settings.access_ttl_s,
            "user": {
                "id": str(user["actor_id"]),
                "email": user["email"],
                "display_name": user["display_name"],
                "role": user["role"],
                "structure_id": str(user["structure_id"]) if user["structure_id"] else None,
                "department_code": user["department_code"],
            },
        }

    def refresh(self, refresh: str) -> dict[str, Any]:
        """Rotate a refresh token: a new access token and a new refresh token of the same
        family; the presented one stops working.

        A refresh token presented again after it was replaced means two parties hold the
        family (a copied token): the whole family is revoked, with its access tokens, and
        the device signs in again.

        Raises:
            NotAuthenticated: when the token is unknown, replaced, revoked or expired.
        """
        h = token_hash(refresh)
        rt = models.refresh_token.c
        now = utcnow()
        reused = False
        with self.db.write() as conn:
            row = (
                conn.execute(
                    sa.select(models.refresh_token).where(rt.token_hash == h).with_for_update()
                )
                .mappings()
                .first()
            )
            if row is None:
                raise NotAuthenticated(SESSION_EXPIRED)
            if row["rotated_at"] is not None:
                reused = True
                self._revoke_family(conn, row["family_id"])
                audit(
                    conn,
                    Principal(row["user_id"], None, Role.ADMIN, None, ""),
                    row["client_id"],
                    "refresh_reused",
                )
            else:
                if row["revoked"] or as_utc(row["expires_at"]) <= now:
                    raise NotAuthenticated(SESSION_EXPIRED)
                user = (
                    conn.execute(sa.select(models.users).where(models.users.c.id == row["user_id"]))
                    .mappings()
                    .first()
                )
                if user is None or not user["active"]:
                    raise NotAuthenticated(SESSION_EXPIRED)
                if row["client_id"] is not None and self._client_revoked(conn, row["client_id"]):
                    raise NotAuthenticated(SESSION_EXPIRED)
                conn.execute(
                    sa.update(models.refresh_token)
                    .where(rt.token_hash == h)
                    .values(revoked=True, rotated_at=now)
                )
                out = self._issue(
                    conn, user, row["device_id"], row["client_id"], family=row["family_id"]
                )
        if reused:
            # Committed above: the family stays revoked whatever happens next.
            log.warning("a replaced refresh token was presented again; its family is revoked")
            raise NotAuthenticated(SESSION_EXPIRED)
        return out

    @staticmethod
    def _revoke_family(conn: sa.Connection, family: str) -> None:
        """Revoke every refresh token of ``family`` and every access token issued with one."""
        rt, at = models.refresh_token.c, models.access_token.c
        conn.execute(
            sa.update(models.refresh_token).where(rt.family_id == family).values(revoked=True)
        )
        conn.execute(
            sa.update(models.access_token)
            .where(at.refresh_hash.in_(sa.select(rt.token_hash).where(rt.family_id == family)))
            .values(revoked=True)
        )

    def logout(self, access: str | None, refresh: str | None) -> None:
        """Revoke the given tokens: the refresh token's whole family (the tokens it replaced
        and their access tokens) and the bearer access token."""
        with self.db.write() as conn:
            at, rt = models.access_token.c, models.refresh_token.c
            hashes = []
            if access:
                ah = token_hash(access)
                row = conn.execute(sa.select(at.refresh_hash).where(at.token_hash == ah)).first()
                conn.execute(
                    sa.update(models.access_token).where(at.token_hash == ah).values(revoked=True)
                )
                if row is not None and row[0] and not refresh:
                    hashes.append(row[0])
            if refresh:
                hashes.append(token_hash(refresh))
            for rh in hashes:
                family = conn.execute(sa.select(rt.family_id).where(rt.token_hash == rh)).scalar()
                if family is not None:
                    self._revoke_family(conn, family)

    @staticmethod
    def _client_revoked(conn: sa.Connection, client_id: UUID) -> bool:
        sc = models.sync_client.c
        return bool(conn.execute(sa.select(sc.revoked).where(sc.client_id == client_id)).scalar())

    def authenticate(self, access: str) -> Principal:
        """The principal of a bearer access token, with the device it was issued for.

        Raises:
            NotAuthenticated: when the token is unknown, revoked or expired.
        """
        # One statement (the token, its account and its device's revocation): one round
        # trip per request.
        with self.db.lookup() as conn:
            row = (
                conn.execute(_token_principal(), {"token_hash": token_hash(access)})
                .mappings()
                .first()
            )
        if row is None or row["revoked"] or not row["active"] or row["client_revoked"]:
            raise NotAuthenticated(SESSION_EXPIRED)
        if as_utc(row["expires_at"]) <= utcnow():
            raise NotAuthenticated(SESSION_EXPIRED)
        return Principal(
            user_id=row["id"],
            actor_id=row["actor_id"],
            role=Role(row["role"]),
            structure_id=row["structure_id"],
            department_code=row["department_code"],
            display_name=row["display_name"],
            device_id=row["device_id"],
            bound=True,
        )

    def bind_device(self, access: str, p: Principal, device_id: str) -> Principal:
        """``p`` for a request made as ``device_id`` (a device registration).

        A token issued for a device works for that device only (401 otherwise). A token
        issued without one (a login without ``device_id``) is bound here to the first device
        it registers, with its refresh token, and from then on works for it only.

        Raises:
            NotAuthenticated: when the token was issued for another device.
        """
        if p.device_id is None:
            at, rt = models.access_token.c, models.refresh_token.c
            ah = token_hash(access)
            with self.db.write() as conn:
                conn.execute(
                    sa.update(models.access_token)
                    .where(at.token_hash == ah, at.device_id.is_(None))
                    .values(device_id=device_id)
                )
                refresh_hash = sa.select(at.refresh_hash).where(at.token_hash == ah)
                conn.execute(
                    sa.update(models.refresh_token)
                    .where(rt.token_hash.in_(refresh_hash), rt.device_id.is_(None))
                    .values(device_id=device_id)
                )
                bound = conn.execute(sa.select(at.device_id).where(at.token_hash == ah)).scalar()
            p = replace(p, device_id=bound)
        if p.device_id != device_id:
            raise NotAuthenticated(OTHER_DEVICE, headers={"WWW-Authenticate": "Bearer"})
        return p

    def revoke_device(self, client_id: UUID) -> bool:
        """Revoke a device and every token bound to it; ``False`` if it does not exist."""
        with self.db.write() as conn:
            sc = models.sync_client.c
            row = conn.execute(
                sa.select(sc.user_id, sc.device_id).where(sc.client_id == client_id)
            ).first()
            if row is None:
                return False
            conn.execute(
                sa.update(models.sync_client).where(sc.client_id == client_id).values(revoked=True)
            )
            rt, at = models.refresh_token.c, models.access_token.c
            conn.execute(
                sa.update(models.refresh_token)
                .where(
                    sa.or_(
                        rt.client_id == client_id,
                        sa.and_(rt.user_id == row[0], rt.device_id == row[1]),
                    )
                )
                .values(revoked=True)
            )
            device_refresh = sa.select(rt.token_hash).where(
                rt.user_id == row[0], rt.device_id == row[1]
            )
            conn.execute(
                sa.update(models.access_token)
                .where(sa.or_(at.client_id == client_id, at.refresh_hash.in_(device_refresh)))
                .values(revoked=True)
            )
            audit(conn, Principal(row[0], None, Role.ADMIN, None, ""), client_id, "device_revoked")
        return True


def _lock_key(kind: str, value: str) -> int:
    """A signed 64-bit key for ``pg_advisory_xact_lock`` naming one login counter."""
    digest = hashlib.sha256(f"tne-login:{kind}:{value}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class _Refused(NotAuthenticated):
    def __init__(self) -> None:
        super().__init__(BAD_CREDENTIALS, headers={"WWW-Authenticate": "Bearer"})


def _principal_of_ids(user_id: UUID, actor_id: UUID, new: NewUser) -> Principal:
    return Principal(user_id, actor_id, new.role, new.structure_id, new.department_code)


@cache
def _token_principal() -> sa.Select[Any]:
    """The access token ``:token_hash``, its account and its device's revocation
    (``AuthService.authenticate``; built once, its value a parameter)."""
    at = models.access_token.c
    u = models.users.c
    sc = models.sync_client.c
    return (
        sa.select(
            at.expires_at,
            at.revoked,
            at.client_id,
            at.device_id,
            u.id,
            u.actor_id,
            u.role,
            u.structure_id,
            u.department_code,
            u.display_name,
            u.active,
            sc.revoked.label("client_revoked"),
        )
        .join(models.users, models.users.c.id == at.user_id)
        .outerjoin(models.sync_client, sc.client_id == at.client_id)
        .where(at.token_hash == sa.bindparam("token_hash"))
    )
