from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import select

from mediator_app.core.entities import AgreementTemplate, Device, Participant
from mediator_app.core.enums import (
    DeviceCondition,
    DeviceStatus,
    DeviceType,
    EndReason,
    HandoutNature,
    SignerCapacity,
)
from mediator_app.core.errors import BusinessRuleError, ValidationError
from mediator_app.local_store import Store
from mediator_app.local_store.schema import outbox
from mediator_app.local_store.services.devices import DeviceService
from mediator_app.local_store.services.handouts import (
    HandoutDraft,
    HandoutService,
    render_agreement,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
TEMPLATE_TEXT = (
    "Convention de prêt\r\n"
    "Famille : {{famille}} — élève : {{ eleve }}\n"
    "Matériel :\n{{equipements}}\n"
    "Retour prévu le {{date_retour}}.\n"
)
HANDED = datetime(2025, 9, 15, 9, 30, tzinfo=UTC)


def test_render_agreement_fills_and_hashes() -> None:
    text, sha = render_agreement(
        TEMPLATE_TEXT,
        {
            "famille": "Fatou Diallo",
            "eleve": "Moussa Diallo",
            "equipements": "- PC",
            "date_retour": "03/07/2026",
        },
    )
    assert text == (
        "Convention de prêt\nFamille : Fatou Diallo — élève : Moussa Diallo\n"
        "Matériel :\n- PC\nRetour prévu le 03/07/2026.\n"
    )
    assert sha == hashlib.sha256(text.encode("utf-8")).hexdigest()
    with pytest.raises(BusinessRuleError) as err:
        render_agreement("Bonjour {{famille}}, {{adresse}}", {"famille": "X"})
    assert "{{adresse}}" in err.value.message


def _setup(store: Store) -> tuple[UUID, list[Device], UUID]:
    with store.write() as tx:
        guardian = tx.insert(Participant(first_name="Fatou", last_name="Diallo"))
        template = tx.insert(
            AgreementTemplate(
                title="Convention de prêt Réussite connectée",
                text=TEMPLATE_TEXT,
                valid_from=date(2025, 8, 1),
                department_code="95",
            )
        )
    devices = DeviceService(store)
    laptops = [
        devices.add(
            Device(
                device_type=DeviceType.LAPTOP,
                brand="Dell",
                model="Latitude 3540",
                serial_number=f"SN{i}",
                asset_tag=f"TNE95-000{i}",
            )
        ).value
        for i in range(1, 4)
    ]
    return guardian.id, laptops, template.id


def _draft(guardian: UUID, devices: list[Device], template: UUID, **kw: object) -> HandoutDraft:
    values: dict[str, object] = dict(
        nature=HandoutNature.LOAN,
        guardian_id=guardian,
        device_ids=tuple(d.id for d in devices),
        handed_at=HANDED,
        agreement_template_id=template,
        expected_return=date(2026, 7, 3),
        pupil_first_name="Moussa",
        pupil_last_name="Diallo",
        pupil_level="4e",
    )
    values.update(kw)
    return HandoutDraft(**values)  # type: ignore[arg-type]


def _sign(svc: HandoutService, draft: HandoutDraft, **kw: object):  # type: ignore[no-untyped-def]
    values: dict[str, object] = dict(
        signature_png=PNG,
        signer_name="Fatou Diallo",
        signer_capacity=SignerCapacity.PARENT,
        signed_at=HANDED,
    )
    values.update(kw)
    return svc.open_handout(draft, **values)  # type: ignore[arg-type]


def test_open_loan_freezes_agreement_and_loans_devices_in_one_action(store: Store) -> None:
    guardian, laptops, template = _setup(store)
    svc = HandoutService(store)
    draft = _draft(guardian, laptops[:2], template)
    shown_text, shown_sha = svc.preview_agreement(draft)
    res = _sign(svc, draft, shown_sha256=shown_sha)
    h = res.value
    assert res.changes == {"handout", "device"}
    assert h.agreement_text == shown_text and h.agreement_hash == shown_sha
    assert "Fatou Diallo" in h.agreement_text and "TNE95-0001" in h.agreement_text
    assert "Retour prévu le 03/07/2026." in h.agreement_text
    assert h.agreement_template_id == template and h.agreement_version == 1
    statuses = {
        d.asset_tag: d.status for d in (DeviceService(store).get(x.id) for x in laptops) if d
    }
    assert statuses == {
        "TNE95-0001": DeviceStatus.LOANED,
        "TNE95-0002": DeviceStatus.LOANED,
        "TNE95-0003": DeviceStatus.IN_STOCK,
    }
    with store.read() as conn:
        ops = conn.execute(
            select(outbox.c.entity, outbox.c.kind).where(outbox.c.entity == "handout")
        ).all()
    assert ops == [("handout", "create")]


def test_loan_needs_expected_return_and_a_signature(store: Store) -> None:
    guardian, laptops, template = _setup(store)
    svc = HandoutService(store)
    with pytest.raises(ValidationError) as err:
        _sign(
            svc, _draft(guardian, laptops[:1], template, expected_return=None), signature_png=None
        )
    assert err.value.errors["expected_return"] == "Un prêt doit avoir une date de retour prévue."
    assert "signature_png" in err.value.errors
    assert svc.open_handouts() == ()
    device = DeviceService(store).get(laptops[0].id)
    assert device is not None and device.status is DeviceStatus.IN_STOCK
    gift = _sign(
        svc,
        _draft(guardian, laptops[:1], template, nature=HandoutNature.GIFT, expected_return=None),
    )
    assert "sans objet" in gift.value.agreement_text
    device = DeviceService(store).get(laptops[0].id)
    assert device is not None and device.status is DeviceStatus.HANDED_OUT


def test_one_open_handout_per_device(store: Store) -> None:
    guardian, laptops, template = _setup(store)
    svc = HandoutService(store)
    _sign(svc, _draft(guardian, laptops[:1], template))
    with pytest.raises(BusinessRuleError) as err:
        _sign(svc, _draft(guardian, [laptops[2], laptops[0]], template))
    assert "« TNE95-0001 »" in err.value.message
    assert "déjà chez une famille" in err.value.message
    # nothing of the refused handout was written: the third laptop is still in stock
    third = DeviceService(store).get(laptops[2].id)
    assert third is not None and third.status is DeviceStatus.IN_STOCK
    assert len(svc.open_handouts()) == 1


def test_agreement_changed_since_shown_is_refused(store: Store) -> None:
    guardian, laptops, template = _setup(store)
    svc = HandoutService(store)
    _text, sha = svc.preview_agreement(_draft(guardian, laptops[:1], template))
    with pytest.raises(BusinessRuleError):
        _sign(svc, _draft(guardian, laptops[:2], template), shown_sha256=sha)


def test_return_flow_statuses(store: Store) -> None:
    guardian, laptops, template = _setup(store)
    svc = HandoutService(store)
    devices = DeviceService(store)
    first = _sign(svc, _draft(guardian, laptops[:1], template)).value
    second = _sign(svc, _draft(guardian, laptops[1:2], template)).value
    back = datetime(2026, 6, 30, 16, 0, tzinfo=UTC)
    closed = svc.return_handout(first.id, DeviceCondition.WORN, EndReason.FIN_SCOLARITE, back).value
    assert closed.returned_at == back and closed.end_reason is EndReason.FIN_SCOLARITE
    d1 = devices.get(laptops[0].id)
    assert (
        d1 is not None
        and d1.status is DeviceStatus.IN_STOCK
        and d1.condition is DeviceCondition.WORN
    )
    svc.return_handout(second.id, None, EndReason.VOL, back)
    d2 = devices.get(laptops[1].id)
    assert d2 is not None and d2.status is DeviceStatus.STOLEN
    with pytest.raises(BusinessRuleError):
        svc.return_handout(first.id, None, EndReason.AUTRE, back)
    # a returned laptop can be lent again
    again = _sign(
        svc,
        _draft(guardian, laptops[:1], template, handed_at=back, expected_return=date(2027, 7, 2)),
    )
    assert again.value.id != first.id
    assert svc.by_participant(guardian)[0].handout.id == again.value.id
    assert len(svc.by_participant(guardian)) == 3


def test_overdue_and_due_lists(store: Store) -> None:
    guardian, laptops, template = _setup(store)
    svc = HandoutService(store)
    late = _sign(
        svc, _draft(guardian, laptops[:1], template, expected_return=date(2026, 1, 31))
    ).value
    soon = _sign(
        svc, _draft(guardian, laptops[1:2], template, expected_return=date(2026, 2, 20))
    ).value
    _sign(svc, _draft(guardian, laptops[2:], template, expected_return=date(2026, 7, 3)))
    today = date(2026, 2, 10)
    overdue = svc.overdue(today)
    assert [r.handout.id for r in overdue] == [late.id]
    assert overdue[0].guardian_name == "Fatou Diallo" and overdue[0].asset_tags == ("TNE95-0001",)
    assert overdue[0].days_late(today) == 10
    assert [r.handout.id for r in svc.due_within(14, today)] == [soon.id]
    svc.return_handout(late.id, None, EndReason.AUTRE, datetime(2026, 2, 11, tzinfo=UTC))
    assert svc.overdue(date(2026, 2, 12)) == ()
    assert len(svc.open_loans()) == 2


def test_templates_in_force_put_the_current_one_first(store: Store) -> None:
    def template(title: str, dept: str, version: int, **kw: Any) -> AgreementTemplate:
        return AgreementTemplate(
            title=title, text="x", template_version=version, department_code=dept, **kw
        )

    with store.write() as tx:
        national = tx.insert(template("A national", "", 3))
        local_v1 = tx.insert(template("B local v1", "95", 1))
        local_v2 = tx.insert(template("C local v2", "95", 2))
        tx.insert(template("D other département", "13", 9))
        tx.insert(template("E expired", "95", 7, valid_to=date(2025, 12, 31)))
    service = HandoutService(store)
    on = date(2026, 3, 1)
    assert service.current_template(on) == local_v2
    assert [t.id for t in service.templates(on)] == [local_v2.id, national.id, local_v1.id]
