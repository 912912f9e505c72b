"""Handouts (*remises* and *prêts*) of devices to families, with the signed agreement.

Opening a handout is one user action and one transaction: the handout row (with the frozen
text of the agreement the parent signed, its SHA-256 and the signature PNG) and the status of
each device (loaned / handed out) are written together, with their outbox ops. Returning it
puts the devices back in stock (or lost / stolen).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Connection, select

from mediator_app.core import texts
from mediator_app.core.entities import (
    AgreementTemplate,
    ConnectivityLine,
    Device,
    Handout,
    Participant,
    Structure,
    new_id,
)
from mediator_app.core.enums import (
    DeviceCondition,
    DeviceStatus,
    EndReason,
    HandoutNature,
    HandoutProgramme,
    LineStatus,
    SignerCapacity,
    label,
)
from mediator_app.core.errors import BusinessRuleError, NotFoundError, ValidationError
from mediator_app.core.rules import fold
from mediator_app.core.validation import Errors, check, validate_handout
from mediator_app.local_store.rows import entity_from_row
from mediator_app.local_store.schema import entity_tables
from mediator_app.local_store.services.common import json_list_contains
from mediator_app.local_store.services.devices import device_caption, open_handout_of
from mediator_app.local_store.services.view_filter import ALL, ViewFilter
from mediator_app.local_store.unit_of_work import Result, Store, result

#: How a device's free « Programme » names Réussite Connectée, folded (``core.rules.fold``).
REUSSITE_FOLDED = fold(label(HandoutProgramme.REUSSITE_CONNECTEE))

H = entity_tables["handout"]
P = entity_tables["participant"]
D = entity_tables["device"]
T = entity_tables["agreement_template"]

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

#: Placeholders an agreement template may use, and what they stand for.
PLACEHOLDERS: dict[str, str] = {
    "famille": "nom du responsable légal",
    "eleve": "prénom et nom de l’élève",
    "niveau": "classe de l’élève",
    "etablissement": "établissement de l’élève",
    "equipements": "équipements remis, avec leur numéro d’inventaire",
    "accessoires": "accessoires remis",
    "connexion": "ligne de connexion",
    "nature": "prêt ou don",
    "date_remise": "date de la remise",
    "date_retour": "date de retour prévue",
    "structure": "structure qui remet le matériel",
    "signataire": "nom du signataire",
    "qualite": "qualité du signataire",
}

_PLACEHOLDER_RE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")


def agreement_sha256(text: str) -> str:
    """SHA-256 (hex) of an agreement text, as UTF-8 with ``\\n`` line endings."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def render_agreement(
    template: AgreementTemplate | str, values: Mapping[str, str]
) -> tuple[str, str]:
    """Fill the ``{{placeholder}}`` fields of an agreement template.

    Line endings are normalised to ``\\n`` so the same agreement hashes the same on every
    system.

    Args:
        template: The template (or its text).
        values: Text for each placeholder, e.g. ``{"famille": "Mme Diallo"}``.

    Returns:
        The frozen text and its SHA-256 (hex).

    Raises:
        BusinessRuleError: the template uses a placeholder with no value (French message
            naming it).
    """
    text = template.text if isinstance(template, AgreementTemplate) else template
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    unknown = sorted({m.group(1) for m in _PLACEHOLDER_RE.finditer(text)} - set(values))
    if unknown:
        names = ", ".join("{{" + u + "}}" for u in unknown)
        raise BusinessRuleError(
            texts.text(
                "Le modèle de convention contient un champ inconnu : {names}. Faites corriger le modèle par la coordination.",
                names=names,
            ),
            code="agreement_placeholder",
        )
    rendered = _PLACEHOLDER_RE.sub(lambda m: values[m.group(1)], text)
    return rendered, agreement_sha256(rendered)


@dataclass(frozen=True)
class HandoutDraft:
    """What the handout form holds before the parent signs.

    ``handout_id`` may be given to make the action idempotent (a second click finds the
    handout already saved).
    """

    nature: HandoutNature
    guardian_id: UUID | None
    device_ids: tuple[UUID, ...]
    handed_at: datetime
    agreement_template_id: UUID | None
    expected_return: date | None = None
    pupil_first_name: str = ""
    pupil_last_name: str = ""
    pupil_level: str = ""
    pupil_school_id: UUID | None = None
    accessories: tuple[str, ...] = ()
    line_id: UUID | None = None
    condition_out: DeviceCondition | None = None
    handout_id: UUID | None = None
    #: Réussite Connectée: then ``pupil_school_id`` (the pupil's collège) is required.
    programme: HandoutProgramme | None = None


@dataclass(frozen=True)
class HandoutRow:
    """A line of the handout lists: the handout, who holds it and the devices' tags."""

    handout: Handout
    guardian_name: str
    asset_tags: tuple[str, ...]

    def days_late(self, today: date) -> int:
        due = self.handout.expected_return
        if due is None or self.handout.returned_at is not None:
            return 0
        return max((today - due).days, 0)


def _fr_date(d: date | datetime | None) -> str:
    return "" if d is None else f"{d:%d/%m/%Y}"


def agreement_values(
    draft: HandoutDraft,
    *,
    guardian: Participant | None,
    devices: Sequence[Device],
    school: Structure | None,
    structure: Structure | None,
    line: ConnectivityLine | None,
    signer_name: str,
    signer_capacity: SignerCapacity | None,
) -> dict[str, str]:
    """The text of every placeholder of ``PLACEHOLDERS`` for a handout."""
    device_text = "\n".join(
        " ".join(
            x
            for x in (
                "-",
                label(d.device_type),
                d.brand,
                d.model,
                f"(n° d’inventaire {d.asset_tag}, n° de série {d.serial_number})",
            )
            if x
        )
        for d in devices
    )
    return {
        "famille": guardian.full_name if guardian else "",
        "eleve": f"{draft.pupil_first_name} {draft.pupil_last_name}".strip(),
        "niveau": draft.pupil_level,
        "etablissement": school.name if school else "",
        "equipements": device_text,
        "accessoires": ", ".join(draft.accessories) or "aucun",
        "connexion": (
            " ".join(
                x
                for x in (
                    line.operator,
                    line.data_plan,
                    f"(ligne {line.line_number or line.iccid})",
                )
                if x
            )
            if line
            else "aucune"
        ),
        "nature": label(draft.nature).lower(),
        "date_remise": _fr_date(draft.handed_at),
        "date_retour": (
            _fr_date(draft.expected_return)
            if draft.expected_return
            else "sans objet (le matériel est donné)"
        ),
        "structure": structure.name if structure else "",
        "signataire": signer_name.strip(),
        "qualite": label(signer_capacity).lower() if signer_capacity else "",
    }


class HandoutService:
    """Every user action on handouts."""

    def __init__(self, store: Store) -> None:
        self._store = store

    # --- the agreement --------------------------------------------------------------

    def _in_force(self, on: date | None) -> list[AgreementTemplate]:
        """Templates in force on a date for the user's département or national, the one
        ``current_template`` chooses last."""
        on = on or date.today()
        dept = self._store.identity.department_code
        with self._store.read() as conn:
            rows = conn.execute(select(T).where(T.c.deleted.is_(False))).mappings().all()
        found = [
            t
            for t in (entity_from_row(AgreementTemplate, r) for r in rows)
            if t.department_code in (dept, "")
            and (t.valid_from is None or t.valid_from <= on)
            and (t.valid_to is None or on <= t.valid_to)
        ]
        found.sort(key=lambda t: (t.department_code == dept, t.template_version))
        return found

    def current_template(self, on: date | None = None) -> AgreementTemplate | None:
        """The latest template version valid on a date for the user's département
        (a national template, without département, when there is none)."""
        found = self._in_force(on)
        return found[-1] if found else None

    def takes_part_in_reussite(self) -> bool:
        """Whether this laptop's structure takes part in Réussite Connectée: it has already
        handed out for the programme, or holds devices bought for it (their « Programme »
        names it, accents and case aside)."""
        structure_id = self._store.identity.structure_id
        programme = HandoutProgramme.REUSSITE_CONNECTEE.value
        with self._store.read() as conn:
            handed = conn.execute(
                select(H.c.id).where(H.c.deleted.is_(False), H.c.programme == programme).limit(1)
            ).first()
            if handed is not None:
                return True
            owned = [D.c.deleted.is_(False), D.c.programme != ""]
            if structure_id is not None:
                owned.append(D.c.owner_structure_id == structure_id)
            names = conn.execute(select(D.c.programme).where(*owned).distinct()).scalars()
            return any(fold(n) == REUSSITE_FOLDED for n in names)

    def templates(self, on: date | None = None) -> tuple[AgreementTemplate, ...]:
        """Every template in force on a date for the user's département (or national),
        the one ``current_template`` would choose first."""
        found = self._in_force(on)
        current = found[-1].id if found else None
        found.sort(key=lambda t: (t.id != current, t.title))
        return tuple(found)

    def preview_agreement(
        self,
        draft: HandoutDraft,
        *,
        signer_name: str = "",
        signer_capacity: SignerCapacity | None = None,
    ) -> tuple[str, str]:
        """The agreement text the parent reads before signing, and its SHA-256.

        Raises:
            ValidationError: the template or a device is missing. BusinessRuleError: the
                template has an unknown placeholder or is not in force.
        """
        with self._store.read() as conn:
            template = self._template(conn, draft)
            return render_agreement(
                template, self._values(conn, draft, signer_name, signer_capacity)
            )

    def _template(self, conn: Connection, draft: HandoutDraft) -> AgreementTemplate:
        if draft.agreement_template_id is None:
            raise ValidationError(
                {"agreement_template_id": texts.text("Choisissez le modèle de convention.")}
            )
        row = (
            conn.execute(
                select(T).where(T.c.id == draft.agreement_template_id, T.c.deleted.is_(False))
            )
            .mappings()
            .first()
        )
        if row is None:
            raise ValidationError(
                {"agreement_template_id": texts.text("Ce modèle de convention n’existe plus.")}
            )
        template = entity_from_row(AgreementTemplate, row)
        day = draft.handed_at.date()
        if (template.valid_from and day < template.valid_from) or (
            template.valid_to and day > template.valid_to
        ):
            raise BusinessRuleError(
                texts.text(
                    "La convention « {title} » (version {template_version}) n’est pas en vigueur le {day} : choisissez la version en cours.",
                    title=template.title,
                    template_version=template.template_version,
                    day=_fr_date(day),
                )
            )
        return template

    def _values(
        self,
        conn: Connection,
        draft: HandoutDraft,
        signer_name: str,
        signer_capacity: SignerCapacity | None,
    ) -> dict[str, str]:
        def fetch(cls: type[Any], row_id: UUID | None) -> Any:
            if row_id is None:
                return None
            table = entity_tables[cls.entity_name]
            row = conn.execute(select(table).where(table.c.id == row_id)).mappings().first()
            return None if row is None or row["deleted"] else entity_from_row(cls, row)

        return agreement_values(
            draft,
            guardian=fetch(Participant, draft.guardian_id),
            devices=[d for d in (fetch(Device, x) for x in draft.device_ids) if d is not None],
            school=fetch(Structure, draft.pupil_school_id),
            structure=fetch(Structure, self._store.identity.structure_id),
            line=fetch(ConnectivityLine, draft.line_id),
            signer_name=signer_name,
            signer_capacity=signer_capacity,
        )

    # --- actions ----------------------------------------------------------------------

    def open_handout(
        self,
        draft: HandoutDraft,
        *,
        signature_png: bytes | None,
        signer_name: str,
        signer_capacity: SignerCapacity | None,
        signed_at: datetime,
        shown_sha256: str | None = None,
    ) -> Result[Handout]:
        """Hand out or lend devices to a family, with the agreement they signed.

        One transaction writes the handout (frozen agreement text + SHA-256 + signature)
        and sets each device to *prêté* (loan) or *remis* (gift).

        Args:
            draft: What the form holds.
            signature_png: The signature drawn on screen (PNG bytes).
            signer_name: Who signed. signer_capacity: parent or guardian.
            signed_at: When they signed.
            shown_sha256: Hash of the text shown to the signer (``preview_agreement``); if
                given and the text would now differ, nothing is saved.

        Raises:
            ValidationError: a field is missing (guardian, device, expected return of a
                loan, signature, …); nothing saved.
            BusinessRuleError: a device is already with a family or not available (the
                message names its asset tag); the agreement changed since it was shown.
        """
        with self._store.write() as tx:
            if draft.handout_id is not None:
                existing = tx.get(Handout, draft.handout_id)
                if existing is not None:
                    return result(existing, tx)
            errors: Errors = {}
            if not signature_png or not signature_png.startswith(PNG_MAGIC):
                errors["signature_png"] = texts.text(
                    "La convention doit être signée par le responsable légal."
                )
            if not signer_name.strip():
                errors["signer_name"] = texts.text("Indiquez le nom de la personne qui signe.")
            if signer_capacity is None:
                errors["signer_capacity"] = texts.text(
                    "Indiquez si la personne signe comme parent ou tuteur."
                )
            if draft.guardian_id is not None and tx.get(Participant, draft.guardian_id) is None:
                errors["guardian_id"] = texts.text("Cette famille n’existe plus sur ce poste.")
            if len(set(draft.device_ids)) != len(draft.device_ids):
                errors["device_ids"] = texts.text("Un même équipement est choisi deux fois.")
            ident = self._store.identity
            handout = Handout(
                id=draft.handout_id or new_id(),
                nature=draft.nature,
                guardian_id=draft.guardian_id,
                pupil_first_name=draft.pupil_first_name.strip(),
                pupil_last_name=draft.pupil_last_name.strip(),
                pupil_level=draft.pupil_level.strip(),
                pupil_school_id=draft.pupil_school_id,
                programme=draft.programme,
                device_ids=draft.device_ids,
                accessories=tuple(a.strip() for a in draft.accessories if a.strip()),
                line_id=draft.line_id,
                handed_at=draft.handed_at,
                expected_return=draft.expected_return,
                condition_out=draft.condition_out,
                signature_png=signature_png,
                signer_name=signer_name.strip(),
                signer_capacity=signer_capacity,
                signed_at=signed_at,
                structure_id=ident.structure_id,
                department_code=ident.department_code,
            )
            for k, v in validate_handout(handout).items():
                errors.setdefault(k, v)
            check(errors)

            devices = [tx.require(Device, d) for d in draft.device_ids]
            for d in devices:
                if open_handout_of(tx.conn, d.id) is not None:
                    raise BusinessRuleError(
                        texts.text(
                            "L’équipement {device} est déjà chez une famille (prêt ou remise en cours) : enregistrez son retour avant de le confier à nouveau.",
                            device=device_caption(d),
                        )
                    )
                if d.status is not DeviceStatus.IN_STOCK:
                    raise BusinessRuleError(
                        texts.text(
                            "L’équipement {device} n’est pas disponible : {status}.",
                            device=device_caption(d),
                            status=texts.lower_first(texts.wording(label(d.status))),
                        )
                    )
            if draft.line_id is not None:
                line = tx.get(ConnectivityLine, draft.line_id)
                if line is None or line.status is not LineStatus.ACTIVE:
                    check({"line_id": "Cette ligne de connexion n’est pas active."})

            template = self._template(tx.conn, draft)
            text, sha = render_agreement(
                template, self._values(tx.conn, draft, signer_name, signer_capacity)
            )
            if shown_sha256 is not None and shown_sha256 != sha:
                raise BusinessRuleError(
                    texts.text(
                        "Le texte de la convention a changé depuis qu’il a été affiché : "
                        "relisez-le avec la famille et faites signer à nouveau."
                    )
                )
            handout = dataclasses.replace(
                handout,
                agreement_template_id=template.id,
                agreement_version=template.template_version,
                agreement_text=text,
                agreement_hash=sha,
            )
            saved = tx.insert(handout)
            status = (
                DeviceStatus.LOANED
                if draft.nature is HandoutNature.LOAN
                else DeviceStatus.HANDED_OUT
            )
            for d in devices:
                values: dict[str, Any] = {"status": status}
                if draft.condition_out is not None:
                    values["condition"] = draft.condition_out
                tx.update(d, **values)
            tx.audit("handout_open", "handout", saved.id, f"{len(devices)} équipement(s)")
            return result(saved, tx)

    def return_handout(
        self,
        handout_id: UUID,
        condition_in: DeviceCondition | None,
        end_reason: EndReason,
        returned_at: datetime,
    ) -> Result[Handout]:
        """Close a handout: the devices come back in stock, or are lost / stolen when the
        end reason is *perte* / *vol*.

        Raises:
            BusinessRuleError: already closed. ValidationError: returned before it was
                handed out. NotFoundError.
        """
        with self._store.write() as tx:
            old = tx.require(Handout, handout_id)
            if old.returned_at is not None:
                raise BusinessRuleError(
                    texts.text(
                        "Ce prêt est déjà clos depuis le {day}.",
                        day=_fr_date(old.returned_at),
                    )
                )
            values: dict[str, Any] = {
                "returned_at": returned_at,
                "condition_in": condition_in,
                "end_reason": end_reason,
            }
            check(validate_handout(dataclasses.replace(old, **values)))
            new = tx.update(old, **values)
            status = {
                EndReason.PERTE: DeviceStatus.LOST,
                EndReason.VOL: DeviceStatus.STOLEN,
            }.get(end_reason, DeviceStatus.IN_STOCK)
            for device_id in old.device_ids:
                d = tx.get(Device, device_id)
                if d is None:
                    continue
                dv: dict[str, Any] = {"status": status}
                if condition_in is not None:
                    dv["condition"] = condition_in
                tx.update(d, **dv)
            tx.audit("handout_return", "handout", handout_id, end_reason.value)
            return result(new, tx)

    # --- queries ------------------------------------------------------------------

    def get(self, handout_id: UUID) -> Handout | None:
        return self._store.fetch(Handout, handout_id)

    def _rows(
        self, *where: ColumnElement[bool], newest_first: bool = False
    ) -> tuple[HandoutRow, ...]:
        order = (
            (H.c.handed_at.desc(), H.c.id)
            if newest_first
            else (H.c.expected_return.is_(None), H.c.expected_return, H.c.handed_at, H.c.id)
        )
        with self._store.read() as conn:
            rows = (
                conn.execute(
                    select(H, P.c.first_name.label("_gf"), P.c.last_name.label("_gl"))
                    .outerjoin(P, P.c.id == H.c.guardian_id)
                    .where(H.c.deleted.is_(False), *where)
                    .order_by(*order)
                )
                .mappings()
                .all()
            )
            handouts = [(entity_from_row(Handout, r), r["_gf"], r["_gl"]) for r in rows]
            ids = {d for h, _, _ in handouts for d in h.device_ids}
            tags = (
                dict(conn.execute(select(D.c.id, D.c.asset_tag).where(D.c.id.in_(ids))).all())
                if ids
                else {}
            )
        return tuple(
            HandoutRow(
                h,
                f"{first or ''} {last or ''}".strip(),
                tuple(str(tags.get(d, "?")) for d in h.device_ids),
            )
            for h, first, last in handouts
        )

    def open_handouts(self) -> tuple[HandoutRow, ...]:
        """Loans and gifts not closed, soonest expected return first."""
        return self._rows(H.c.returned_at.is_(None))

    def open_loans(self, view: ViewFilter = ALL) -> tuple[HandoutRow, ...]:
        """Loans still out (gifts are not expected back), of the view's département and
        structure."""
        return self._rows(
            H.c.returned_at.is_(None),
            H.c.nature == HandoutNature.LOAN.value,
            *view.scope(H, "structure_id"),
        )

    def due_within(self, days: int, today: date | None = None) -> tuple[HandoutRow, ...]:
        """Loans still out whose expected return falls between today and ``days`` days."""
        today = today or date.today()
        return self._rows(
            H.c.returned_at.is_(None),
            H.c.nature == HandoutNature.LOAN.value,
            H.c.expected_return >= today,
            H.c.expected_return <= today + timedelta(days=days),
        )

    def overdue(self, today: date | None = None, view: ViewFilter = ALL) -> tuple[HandoutRow, ...]:
        """Loans not returned whose expected return is before today, most late first (of
        the view's département and structure)."""
        today = today or date.today()
        return self._rows(
            H.c.returned_at.is_(None),
            H.c.nature == HandoutNature.LOAN.value,
            H.c.expected_return < today,
            *view.scope(H, "structure_id"),
        )

    def by_participant(self, participant_id: UUID) -> tuple[HandoutRow, ...]:
        """Every handout of a family (open and closed), newest first."""
        return self._rows(H.c.guardian_id == participant_id, newest_first=True)

    def by_device(self, device_id: UUID) -> tuple[HandoutRow, ...]:
        """Every hand-out a device went out with (open and returned), newest first: the
        history of the device sheet."""
        return self._rows(json_list_contains(H, "device_ids", str(device_id)), newest_first=True)

    def require(self, handout_id: UUID) -> Handout:
        found = self.get(handout_id)
        if found is None:
            raise NotFoundError(texts.text("Ce prêt n’existe plus (il a peut-être été supprimé)."))
        return found
